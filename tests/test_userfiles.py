"""Users' extracts: every format in, every failure named with file, row, column and value."""

import subprocess
import sys

import pandas as pd
import pytest

from pnpm_lib import datasets, readers
from pnpm_lib.errors import DatasetError


def households() -> pd.DataFrame:
    """Two households, two rounds, with Indonesian column names (aliases)."""
    return pd.DataFrame({
        "hhid": ["A1", "A1", "A2", "A2"], "putaran": [1, 2, 1, 2], "tahun": [2007, 2010, 2007, 2010],
        "kode_prov": ["33"] * 4, "kode_kec": ["3301010"] * 4, "kode_desa": ["3301010001"] * 4,
        "bobot": [1.5, 1.5, 2.0, 2.0], "pcexp": [250000.5, 300000.25, 180000.0, 200000.0],
        "miskin": [0, 0, 1, 1], "rawat_jalan": [1, 0, None, 1], "bekerja": [1, 1, 0, 1],
        "transisi_sekolah": [float("nan")] * 4, "krt_perempuan": [0, 0, 1, 1], "jumlah_art": [4, 4, 5, 5],
        "perlakuan": [1, 1, 1, 1], "kohort": [2007] * 4,
        "nama_desa": ["Kebumén", "Kebumén", "Sidoarjo", "Sidoarjo"],
    })


def villages() -> pd.DataFrame:
    return pd.DataFrame({
        "desa_code": ["3301010001", "3301010002"], "kecamatan_code": ["3301010"] * 2,
        "province_code": ["33"] * 2, "year": [2009, 2009], "treated": [1, 0], "cohort": [2007, 2010],
        "population": [2000, 1500], "households": [500, 400], "poor_households": [120, 90],
        "meetings_held": [6, 4], "attendance_total": [300, 200], "attendance_women": [120, 60],
        "attendance_poor": [80, 40], "accountability_meetings": [2, 1], "mkp_proposals": [5, 3],
        "mkp_funded": [2, 1], "spp_groups": [4, 2], "infra_built": [3, 1], "infra_maintained": [2, 1],
        "partner_orgs": [2, 0], "spp_loans_rp": [5e7, 2e7], "spp_due_rp": [4e7, 1e7],
        "spp_repaid_rp": [3.8e7, 1e7], "blm_received_rp": [3e8, 0.0],
        "budget_pro_poor_share": [0.25, 0.1], "ttg_adoption_share": [0.3, 0.05],
        "partner_funds_rp": [2.5e7, 0.0], "gotong_royong_events": [6, 4], "ict_access": [1, 0],
    })


def _problems(path, table=None):
    with pytest.raises(DatasetError) as info:
        datasets.load_file(path, table)
    return info.value.problems


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".dta", ".sav", ".parquet"])
def test_each_format_loads_with_aliases_mapped(tmp_path, suffix):
    path = tmp_path / f"extract{suffix}"
    df = households()
    if suffix == ".csv":
        df.to_csv(path, index=False)
    elif suffix == ".xlsx":
        df.to_excel(path, index=False)
    elif suffix == ".dta":
        df.assign(kode_prov=33, kode_kec=3301010, kode_desa=3301010001).to_stata(path, write_index=False)
    elif suffix == ".sav":
        import pyreadstat

        pyreadstat.write_sav(df.assign(kode_prov=33.0), str(path))
    else:
        df.to_parquet(path, index=False)
    loaded = datasets.load_file(path)
    assert loaded.attrs["table"] == "households"
    assert loaded["province_code"].tolist() == ["33"] * 4  # numeric codes restored as text
    assert loaded["desa_code"].iloc[0] == "3301010001"
    assert loaded["consumption_pc"].iloc[1] == pytest.approx(300000.25)


def test_indonesian_excel_csv_semicolons_decimal_commas_latin1(tmp_path):
    path = tmp_path / "excel_id.csv"
    households().to_csv(path, index=False, sep=";", decimal=",", encoding="cp1252")
    loaded = datasets.load_file(path)
    assert loaded["consumption_pc"].tolist()[:2] == [250000.5, 300000.25]
    assert loaded["nama_desa"].iloc[0] == "Kebumén"
    assert "cp1252" in loaded.attrs["read_as"] and "decimal ','" in loaded.attrs["read_as"]


def test_utf8_bom_is_handled(tmp_path):
    path = tmp_path / "bom.csv"
    households().to_csv(path, index=False, encoding="utf-8-sig")
    assert datasets.load_file(path)["household_id"].iloc[0] == "A1"


def test_all_household_failures_are_reported_together(tmp_path):
    df = households()
    df.loc[1, "putaran"] = 1  # round appears twice for A1 (rows 2 and 3)
    df.loc[2, "kode_prov"] = "99"  # unknown province
    df["bobot"] = df["bobot"].astype(object)
    df.loc[3, "bobot"] = "berat"  # wrong type
    df = df.drop(columns="pcexp")  # missing column
    path = tmp_path / "bad.csv"
    df.to_csv(path, index=False)
    problems = _problems(path)
    text = "\n".join(map(str, problems))
    assert "column 'consumption_pc' — required column is missing" in text
    assert "row 4, column 'province_code': value '99' — not a BPS province code" in text
    assert "row 5, column 'weight': value 'berat'" in text
    assert "duplicate key (household_id=A1, round=1) appears 2 times, rows 2, 3" in text
    assert all(str(path) in str(p) for p in problems)


def test_village_rules_attendance_negative_counts_shares(tmp_path):
    df = villages()
    df.loc[0, "attendance_total"] = 2500  # above population (2000)
    df.loc[1, "spp_groups"] = -1  # negative count
    df.loc[1, "budget_pro_poor_share"] = 1.4  # share outside [0, 1]
    df.loc[1, "mkp_funded"] = 4  # more funded than proposed (3)
    path = tmp_path / "villages.xlsx"
    df.to_excel(path, index=False)
    text = "\n".join(map(str, _problems(path, "villages")))
    assert "row 2, column 'attendance_total': value 2500" in text and "must not exceed population" in text
    assert "row 3, column 'spp_groups': value -1" in text and "≥ 0" in text
    assert "row 3, column 'budget_pro_poor_share': value 1.4 — must be between 0 and 1" in text
    assert "row 3, column 'mkp_funded': value 4" in text


def test_duplicate_village_year_is_named(tmp_path):
    df = pd.concat([villages(), villages().iloc[[0]]], ignore_index=True)
    path = tmp_path / "v.parquet"
    df.to_parquet(path)
    text = "\n".join(map(str, _problems(path, "villages")))
    assert "duplicate key (desa_code=3301010001, year=2009) appears 2 times, rows 1, 3" in text


def test_unreadable_and_unsupported_files(tmp_path):
    (tmp_path / "x.json").write_text("{}")
    assert "unsupported format" in str(_problems(tmp_path / "x.json")[0])
    assert "file not found" in str(_problems(tmp_path / "missing.dta")[0])


def test_cli_data_check_prints_ok_or_the_full_report(tmp_path):
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    households().to_csv(good, index=False)
    households().assign(miskin=[0, 2, 1, 1]).to_csv(bad, index=False)
    ok, fail = _cli("data", "check", str(good)), _cli("data", "check", str(bad))
    assert ok.returncode == 0 and ok.stdout.startswith("ok:")
    assert fail.returncode == 2 and "row 3, column 'poor': value 2.0 — must be one of 0, 1" in fail.stdout
    assert "Traceback" not in fail.stdout + fail.stderr


# --- files as analysts export them: number marks, broken headers, Excel layouts ---


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "pnpm_lib", *args], capture_output=True, text=True, check=False,
                          timeout=300)

LOCALE_CATALOGUE = [
    # (file name, content, expected column b, or the words of the refusal)
    ("idr_whole_rupiah.csv", "a;b\n1;334.567\n2;1.234.567\n", [334567, 1234567]),
    ("idr_decimal_comma.csv", "a;b\n1;12,5\n2;3,25\n", [12.5, 3.25]),
    ("idr_both_marks.csv", "a;b\n1;1.234,5\n2;7,25\n", [1234.5, 7.25]),
    ("en_thousands_comma.csv", 'a,b\n1,"1,234.5"\n2,12.5\n', [1234.5, 12.5]),
    ("en_plain_decimals.csv", "a,b\n1,334.567\n2,0.5\n", [334.567, 0.5]),
    ("mixed_styles.csv", "a;b\n1;1.234,5\n2;12.5\n", "mixes number styles"),
    ("tab_ambiguous.csv", "a\tb\n1\t334.567\n2\t100.000\n", "cannot tell whether"),
    ("tab_decidable.csv", "a\tb\n1\t334.567\n2\t1.000.000\n", [334567, 1000000]),
]


@pytest.mark.parametrize(("name", "content", "expected"), LOCALE_CATALOGUE, ids=[c[0] for c in LOCALE_CATALOGUE])
def test_number_marks_are_read_from_the_values_or_the_file_is_refused(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    if isinstance(expected, str):
        with pytest.raises(DatasetError, match=expected) as info:
            readers.read_any(path)
        assert "column 'b'" in str(info.value)
    else:
        frame, _ = readers.read_any(path)
        assert frame["b"].tolist() == pytest.approx(expected)


@pytest.mark.parametrize(("content", "message"), [
    ("a,b,a\n1,2,3\n", "appears twice"), ("a,b\n", "header but no data rows"), ("", "the file is empty"),
])
def test_broken_files_are_one_clear_problem(tmp_path, content, message):
    path = tmp_path / "f.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DatasetError, match=message):
        readers.read_any(path)


def test_an_excel_workbook_named_csv_and_a_missing_file_are_named(tmp_path):
    pd.DataFrame({"a": [1]}).to_excel(tmp_path / "x.xlsx")
    (tmp_path / "x.xlsx").rename(tmp_path / "x.csv")
    with pytest.raises(DatasetError, match="rename it .xlsx"):
        readers.read_any(tmp_path / "x.csv")
    result = _cli("data", "check", str(tmp_path / "none.csv"))
    assert result.returncode == 2 and "file not found" in result.stdout and "Traceback" not in result.stderr


def test_excel_sheets_are_named_chosen_and_a_notes_first_layout_is_found(tmp_path):
    from pnpm_lib import synth

    hh = synth.make_panel(seed=4, n_kecamatan=20).households.drop(columns="synthetic")
    book = tmp_path / "survei.xlsx"
    with pd.ExcelWriter(book) as writer:
        pd.DataFrame({"Catatan": ["Survei rumah tangga", "Sumber: tim evaluasi"]}).to_excel(
            writer, sheet_name="Catatan", index=False)
        notes = pd.DataFrame([["Data rumah tangga", *[""] * (hh.shape[1] - 1)], [""] * hh.shape[1],
                               list(hh.columns)], columns=hh.columns)
        pd.concat([notes, hh.astype(str)]).to_excel(writer, sheet_name="RT", index=False, header=False)
    first = _cli("data", "check", str(book))
    assert first.returncode == 2 and "workbook has: Catatan, RT" in first.stdout
    chosen = _cli("data", "check", str(book), "--sheet", "RT")
    assert chosen.returncode == 0 and "sheet 'RT'" in chosen.stdout, chosen.stdout
    in_path = _cli("data", "check", f"{book}#RT")
    assert in_path.returncode == 0 and "sheet 'RT'" in in_path.stdout


def test_two_kecamatan_one_per_arm_is_reported_per_arm():
    import numpy as np

    from pnpm_lib.evaluation import did_table

    rng = np.random.default_rng(1)
    frame = pd.DataFrame({"kecamatan_code": np.repeat(["a", "b"], 50), "treated": np.repeat([0, 1], 50),
                           "post": np.tile([0, 1], 50), "y": rng.normal(size=100)})
    with pytest.raises(Exception, match="the comparison arm has only 1 cluster.*2 in all"):
        did_table(frame, ["y"])


@pytest.mark.parametrize("table", ["households", "villages"])
def test_a_filled_template_passes_data_check(tmp_path, table):
    import openpyxl

    from pnpm_lib import synth

    made = _cli("data", "template", table, "--output", str(tmp_path / f"{table}.xlsx"))
    assert made.returncode == 0, made.stderr
    book = openpyxl.load_workbook(tmp_path / f"{table}.xlsx")
    assert book.sheetnames == ["data", "kolom"]
    described = {row[0].value: row for row in book["kolom"].iter_rows(min_row=2)}
    assert described["poor" if table == "households" else "attendance_women"][3].value
    assert book["data"].data_validations.dataValidation  # 0/1, shares, counts and years are validated in Excel
    panel = synth.make_panel(seed=2, n_kecamatan=10)
    frame = (panel.households if table == "households" else panel.villages).drop(columns="synthetic")
    sheet = book["data"]
    columns = [c.value for c in sheet[1]]
    for row in frame[columns].astype(object).where(frame[columns].notna(), None).itertuples(index=False):
        sheet.append(list(row))
    book.save(tmp_path / "filled.xlsx")
    checked = _cli("data", "check", str(tmp_path / "filled.xlsx"))
    assert checked.returncode == 0 and f"{table} table" in checked.stdout, checked.stdout[:2000]


def test_a_csv_template_comes_with_its_column_descriptions_in_both_languages(tmp_path):
    made = _cli("data", "template", "villages", "--format", "csv", "--lang", "en", "--output",
                str(tmp_path / "desa.csv"))
    assert made.returncode == 0
    header = (tmp_path / "desa.csv").read_text(encoding="utf-8").splitlines()
    assert header[0].startswith("desa_code,kecamatan_code") and len(header) == 1
    described = pd.read_csv(tmp_path / "desa.columns.csv")
    assert list(described.columns) == ["Column", "Description", "Description (Bahasa Indonesia)", "Allowed values",
                                       "Key"]
    women = described.set_index("Column").loc["attendance_women"]
    assert "not above attendance_total" in women["Allowed values"] and "perempuan" in women.iloc[1]


def test_codes_and_design_are_checked_for_what_they_mean(tmp_path):
    """#28: a 6-digit kecamatan code (read as province "03"), a province-34 kecamatan in a province-33 row, a
    household in two kecamatan or two arms, a kecamatan in both arms and a round on one row all passed as ok."""
    df = pd.concat([households().assign(hhid=households()["hhid"] + str(k)) for k in range(30)], ignore_index=True)
    df.loc[0, "kode_kec"] = "330101"  # a digit missing: zero-padded to 0330101, province "03"
    df.loc[2, "kode_kec"] = "3401010"  # province 34 in a province-33 row (and a household in two kecamatan)
    df.loc[5, "perlakuan"] = 0  # household A11 in two arms; kecamatan 3301010 in both
    df.loc[9, "putaran"] = 3  # a round on one row of 120
    path = tmp_path / "meaning.csv"
    df.to_csv(path, index=False)
    text = "\n".join(map(str, _problems(path)))
    assert "row 2, column 'kecamatan_code': value '0330101' — a BPS code starts with its province's code" in text
    assert "row 4, column 'kecamatan_code': value '3401010' — must start with the row's province_code 33" in text
    assert "row 4, column 'kecamatan_code': value '3401010' — a household stays in one kecamatan" in text
    assert "column 'treated'" in text and "a household stays in one arm in every round (household_id A11 has 0, 1)" in text
    assert "row 7, column 'treated': value 0 — PNPM was assigned by kecamatan" in text
    assert "row 11, column 'round': value 3 — round 3 has 1 row(s) where round" in text
    assert "desa_code" in text  # the desa of the wrong kecamatan does not nest either


def test_a_file_with_one_round_is_refused():
    from pnpm_lib import schemas

    df = households()
    df = df[df["putaran"] == 1]
    problems = schemas.meaning_problems(df.rename(columns={"putaran": "round"}), schemas.HOUSEHOLDS, "one.csv", 2)
    assert any("only one survey round" in str(p) for p in problems)
