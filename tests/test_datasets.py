import shutil

import pandas as pd
import pytest

from pnpm_lib import datasets, regions
from pnpm_lib.errors import DatasetError


@pytest.mark.parametrize("name", list(datasets.SHIPPED))
def test_every_shipped_row_has_source_and_r1_r2_confidence(name):
    df = datasets.load(name)
    assert len(df) > 0
    assert df["source"].str.len().min() >= 10
    assert set(df["confidence"]) <= {"R1", "R2"}
    assert df.attrs["synthetic"] is False


def test_national_series_covers_2006_to_2014_once_per_period():
    final = datasets.national_poverty()
    assert final["period"].is_unique
    assert (final["year"].min(), final["year"].max()) == (2006, 2014)
    assert final.set_index("period").loc["2006-03", "poverty_rate_pct"] == 17.75
    assert final.set_index("period").loc["2014-09", "poverty_rate_pct"] == 10.96


def test_september_2013_revision_is_kept_beside_the_first_release():
    sep13 = datasets.national_poverty("all").query("period == '2013-09'").set_index("vintage")
    assert sep13.loc["first_release", "poverty_rate_pct"] == 11.47
    assert sep13.loc["final", "poverty_rate_pct"] == 11.46
    assert sep13.loc["final", "poor_million"] == 28.60


def test_provinces_2010_are_the_33_bps_codes_with_rank_and_island_group():
    provinces = datasets.provinces_2010()
    assert tuple(provinces["province_code"]) == regions.PROVINCE_CODES_2010
    assert provinces["island_group"].notna().all()
    papua = provinces.set_index("province_code").loc["94"]
    assert (papua["poverty_rate_pct"], papua["rank"]) == (36.80, 1)
    assert datasets.province_names()["33"] == "Jawa Tengah"


def test_gini_and_island_group_values():
    assert datasets.load("gini").set_index("year").loc[2010, "gini"] == 0.38
    islands = datasets.load("poverty_island_group_2014").set_index("island_group")
    assert islands.loc["Maluku–Papua", "poverty_rate_pct"] == 21.86
    assert "6.43" in islands.loc["Kalimantan", "note"]


def test_unknown_dataset_names_the_shipped_ones():
    with pytest.raises(Exception, match="national_poverty"):
        datasets.load("susenas_2010")


def test_corrupted_file_reports_every_problem_with_row_column_and_value(tmp_path, monkeypatch, root):
    shutil.copytree(root / "datasets", tmp_path / "datasets")
    path = tmp_path / "datasets" / "provincial_poverty_2010.csv"
    df = pd.read_csv(path, dtype={"province_code": str})
    df.loc[0, "poverty_rate_pct"] = 120.0  # line 2
    df.loc[4, "province_code"] = "99"  # line 6
    df.loc[5, "confidence"] = "M"  # line 7: remembered-only facts may not ship
    df.to_csv(path, index=False)
    monkeypatch.setenv(datasets.DATASETS_ENV, str(tmp_path / "datasets"))
    datasets._load_cached.cache_clear()
    try:
        with pytest.raises(DatasetError) as info:
            datasets.load("provincial_poverty_2010")
    finally:
        datasets._load_cached.cache_clear()
    found = {(p.row, p.column, p.value) for p in info.value.problems}
    assert {(2, "poverty_rate_pct", 120.0), (6, "province_code", "99"), (7, "confidence", "M")} <= found
    assert "provincial_poverty_2010.csv, row 6, column 'province_code': value '99'" in str(info.value)


def test_missing_column_is_named(tmp_path):
    df = datasets.load("gini").drop(columns="source")
    with pytest.raises(DatasetError, match="column 'source'.*required column is missing"):
        datasets.validate(df, datasets.SHIPPED["gini"].schema(), "gini.csv")


def test_data_hash_is_stable_and_short():
    assert datasets.data_hash() == datasets.data_hash()
    assert len(datasets.data_hash()) == 12


def test_the_map_layer_joins_every_2010_province_on_its_bps_code_with_source_and_licence():
    from pnpm_lib import maps

    points = maps.points()
    assert sorted(points["province_code"]) == sorted(datasets.province_names())
    assert points["source"].str.contains("Natural Earth").all() and (points["licence"] == "public domain").all()
    assert points["latitude"].between(-11, 6).all() and points["longitude"].between(95, 141).all()


def test_every_shipped_source_has_a_citation_a_reader_can_follow():
    for name in datasets.SHIPPED:
        cited = datasets.citations(datasets.load(name), lang="en")
        text = " ".join(cited.iloc[:, 0])
        assert "pnpm-facts" not in text and "GitHub" not in text and "kilabit" not in text, name
