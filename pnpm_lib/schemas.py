"""The tables the toolkit works on (regions, household panel, village-year) and their rules.

Column-level rules (types, ranges, codes) are pandera schemas; rules that
relate two columns (attendance ≤ population, funded ≤ proposals) and composite
keys are checked here, so every failure of a file is reported together with
its row, column and value. Users' column names are mapped through ``ALIASES``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pnpm_lib.errors import Problem
from pnpm_lib.regions import CODE_WIDTHS, PROVINCE_CODES_2010

ALIASES: dict[str, str] = {
    # identifiers and time
    "hhid": "household_id", "idrt": "household_id", "id_rt": "household_id",
    "id_ruta": "household_id", "kode_rt": "household_id",
    "wave": "round", "putaran": "round", "ronde": "round", "gelombang": "round",
    "tahun": "year", "thn": "year",
    "prov": "province_code", "kdprov": "province_code", "kode_prov": "province_code",
    "kode_provinsi": "province_code", "kab": "kabupaten_code", "kdkab": "kabupaten_code",
    "kode_kab": "kabupaten_code", "kec": "kecamatan_code", "kdkec": "kecamatan_code",
    "kode_kec": "kecamatan_code", "kode_kecamatan": "kecamatan_code", "desa": "desa_code",
    "kddesa": "desa_code", "kode_desa": "desa_code", "kode_kel": "desa_code",
    # household panel
    "bobot": "weight", "wt": "weight", "fwt": "weight", "weind": "weight",
    "pcexp": "consumption_pc", "kapita": "consumption_pc",
    "pengeluaran_kapita": "consumption_pc", "miskin": "poor",
    "rawat_jalan": "outpatient_visit", "bekerja": "employed",
    "transisi_sekolah": "school_transition", "krt_perempuan": "female_head",
    "jumlah_art": "household_size", "hhsize": "household_size", "art": "household_size",
    "perlakuan": "treated", "treatment": "treated", "kohort": "cohort",
    # village table
    "penduduk": "population", "jumlah_penduduk": "population", "jumlah_rt": "households",
    "rtm": "poor_households", "jumlah_rtm": "poor_households",
    "musyawarah": "meetings_held", "hadir": "attendance_total", "hadir_total": "attendance_total",
    "hadir_perempuan": "attendance_women", "hadir_rtm": "attendance_poor",
    "usulan_mkp": "mkp_proposals", "usulan_didanai": "mkp_funded",
    "kelompok_spp": "spp_groups", "blm": "blm_received_rp", "dana_mitra": "partner_funds_rp",
    "gotong_royong": "gotong_royong_events", "akses_tik": "ict_access",
}


@dataclass(frozen=True)
class Relation:
    """``small`` must not exceed ``large`` on the same row."""

    small: str
    large: str


@dataclass(frozen=True)
class TableSpec:
    name: str
    key: tuple[str, ...]
    columns: dict[str, str]  # column → description (for docs and error messages)
    relations: tuple[Relation, ...] = ()


def _counts(*names: str) -> dict[str, str]:
    return {n: "count ≥ 0" for n in names}


REGIONS = TableSpec(
    "regions", ("desa_code",),
    {"province_code": "BPS province code (2 digits)", "kabupaten_code": "kabupaten/kota code (4)",
     "kecamatan_code": "kecamatan code (7)", "desa_code": "desa/kelurahan code (10)"},
)

HOUSEHOLDS = TableSpec(
    "households", ("household_id", "round"),
    {
        "household_id": "household identifier, stable across rounds",
        "round": "survey round (1 = baseline)", "year": "survey year",
        "province_code": "BPS province code", "kecamatan_code": "kecamatan code",
        "desa_code": "desa code", "weight": "sampling weight > 0",
        "consumption_pc": "real per-capita consumption, Rp per month",
        "poor": "1 if below the provincial poverty line", "outpatient_visit": "1 if any outpatient visit",
        "employed": "1 if the head worked", "school_transition": "1 if a primary graduate entered "
        "lower secondary (blank if no such child)", "female_head": "1 if the head is a woman",
        "household_size": "members ≥ 1", "treated": "1 if the kecamatan is in the treatment arm",
        "cohort": "year the kecamatan entered PNPM (blank if never)",
    },
)

VILLAGES = TableSpec(
    "villages", ("desa_code", "year"),
    {
        "desa_code": "desa code", "kecamatan_code": "kecamatan code", "province_code": "BPS province code",
        "year": "year", "treated": "1 if the kecamatan had entered PNPM by this year",
        "cohort": "year the kecamatan entered PNPM (blank if never)",
        **_counts("population", "households", "poor_households", "meetings_held",
                  "attendance_total", "attendance_women", "attendance_poor",
                  "accountability_meetings", "mkp_proposals", "mkp_funded", "spp_groups",
                  "infra_built", "infra_maintained", "partner_orgs", "gotong_royong_events"),
        "spp_loans_rp": "SPP loans disbursed, Rp", "spp_due_rp": "SPP repayments due, Rp",
        "spp_repaid_rp": "SPP repayments made, Rp", "blm_received_rp": "BLM received, Rp",
        "budget_pro_poor_share": "pro-poor share of the village budget, 0–1",
        "ttg_adoption_share": "share of households using appropriate technology (TTG), 0–1",
        "partner_funds_rp": "funds from partners outside the programme (private, NGO, local govt), Rp",
        "ict_access": "1 if the village office has internet/ICT access",
    },
    (
        Relation("households", "population"), Relation("poor_households", "households"),
        Relation("attendance_total", "population"), Relation("attendance_women", "attendance_total"),
        Relation("attendance_poor", "attendance_total"), Relation("mkp_funded", "mkp_proposals"),
        Relation("infra_maintained", "infra_built"), Relation("spp_repaid_rp", "spp_due_rp"),
        Relation("accountability_meetings", "meetings_held"),
    ),
)

TABLES = {t.name: t for t in (REGIONS, HOUSEHOLDS, VILLAGES)}

_BINARY = ("poor", "outpatient_visit", "employed", "school_transition", "female_head", "treated", "ict_access")
_SHARES = ("budget_pro_poor_share", "ttg_adoption_share")
_NULLABLE = {"outpatient_visit", "employed", "school_transition", "cohort"}


def pandera_schema(spec: TableSpec):
    """Column-level rules of ``spec`` as a pandera schema (types, ranges, code formats)."""
    import pandera.pandas as pa

    columns = {}
    for name in spec.columns:
        nullable = name in _NULLABLE
        if name in CODE_WIDTHS:
            checks = [pa.Check.str_matches(rf"^\d{{{CODE_WIDTHS[name]}}}$")]
            if name == "province_code":
                checks.append(pa.Check.isin(PROVINCE_CODES_2010))
            columns[name] = pa.Column(str, checks, nullable=False)
        elif name == "household_id":
            columns[name] = pa.Column(str, pa.Check.str_length(min_value=1))
        elif name in _BINARY:
            columns[name] = pa.Column(float, pa.Check.isin([0, 1]), nullable=nullable)
        elif name in _SHARES:
            columns[name] = pa.Column(float, pa.Check.in_range(0, 1), nullable=True)
        elif name in ("year", "cohort"):
            columns[name] = pa.Column(float, pa.Check.in_range(1998, 2030), nullable=nullable)
        elif name == "round":
            columns[name] = pa.Column(float, pa.Check.ge(1))
        elif name == "weight":
            columns[name] = pa.Column(float, pa.Check.gt(0))
        elif name == "household_size":
            columns[name] = pa.Column(float, pa.Check.ge(1))
        else:
            columns[name] = pa.Column(float, pa.Check.ge(0), nullable=True)
    return pa.DataFrameSchema(columns, strict=False, coerce=True)


def relation_problems(df: pd.DataFrame, spec: TableSpec, file: str, row_offset: int) -> list[Problem]:
    """Rows where a part exceeds its whole (e.g. women attending > all attending)."""
    problems = []
    for rel in spec.relations:
        if rel.small not in df or rel.large not in df:
            continue
        small = pd.to_numeric(df[rel.small], errors="coerce")
        large = pd.to_numeric(df[rel.large], errors="coerce")
        for i in df.index[(small > large).fillna(False)]:
            problems.append(Problem(file, int(i) + row_offset, rel.small, small[i].item(),
                                    f"must not exceed {rel.large} ({large[i]:g})"))
    return problems


PARENTS = tuple((column, width) for column, width in CODE_WIDTHS.items() if column != "desa_code")
"""The codes a longer BPS code must start with: its province's, kabupaten's and kecamatan's (from regions)."""
MAX_ROWS_PER_RULE = 20
"""Rows named per broken meaning rule (then one line with how many more): a wrong mapping breaks thousands."""


def meaning_problems(df: pd.DataFrame, spec: TableSpec, file: str, row_offset: int) -> list[Problem]:
    """Rows whose values are well-formed but mean something impossible in the design.

    A kecamatan code of 6 digits padded to "0331010" names province "03", which does not exist; a kecamatan
    code of province 34 in a row of province 33 makes a cluster of its own; a household in two arms or two
    kecamatan, or a kecamatan in both arms, is not a two-arm design; a survey round on a handful of rows is a
    typo that would become the follow-up. Each was accepted before and the DiD ran on the wrong clusters.
    """
    return [*_code_problems(df, file, row_offset), *_design_problems(df, spec, file, row_offset)]


def _code_problems(df: pd.DataFrame, file: str, row_offset: int) -> list[Problem]:
    problems: list[Problem] = []
    provinces = set(PROVINCE_CODES_2010)
    codes = {c: df[c].astype("string") for c in CODE_WIDTHS if c in df}
    for column, values in codes.items():
        bad = values.notna() & values.str.fullmatch(r"\d+").fillna(False) & ~values.str[:2].isin(provinces)
        problems += _rows(bad, values, file, row_offset, column,
                          "a BPS code starts with its province's code; no province of 2010 has this one "
                          "(a code with a digit missing, zero-padded?)")
    for parent, width in PARENTS:
        if parent not in codes:
            continue
        for child in [c for c, w in CODE_WIDTHS.items() if w > width and c in codes]:
            bad = codes[child].notna() & codes[parent].notna() & (codes[child].str[:width] != codes[parent])
            problems += _rows(bad, codes[child], file, row_offset, child,
                              f"must start with the row's {parent} {{parent}} (BPS codes nest: province ⊃ "
                              "kabupaten ⊃ kecamatan ⊃ desa)", parent=codes[parent])
    return problems


def _design_problems(df: pd.DataFrame, spec: TableSpec, file: str, row_offset: int) -> list[Problem]:
    problems: list[Problem] = []
    if spec.name == "households" and {"household_id", "kecamatan_code"} <= set(df):
        problems += _not_constant(df, "household_id", "kecamatan_code", file, row_offset,
                                  "a household stays in one kecamatan in every round")
        if "treated" in df:
            problems += _not_constant(df, "household_id", "treated", file, row_offset,
                                      "a household stays in one arm in every round")
    if "treated" in df and "kecamatan_code" in df and spec.name == "households":
        problems += _not_constant(df, "kecamatan_code", "treated", file, row_offset,
                                  "PNPM was assigned by kecamatan: every household of a kecamatan is in its arm")
    if spec.name == "households" and "round" in df:
        rounds = pd.to_numeric(df["round"], errors="coerce")
        sizes = rounds.value_counts()
        if len(sizes) == 1:
            problems.append(Problem(file, None, "round", sizes.index[0].item(),
                                    "only one survey round: the design needs a baseline and a follow-up"))
        for value, n in sizes.items():
            if n < 0.05 * sizes.max():
                problems += _rows(rounds == value, rounds, file, row_offset, "round",
                                  f"round {value:g} has {n} row(s) where round {sizes.idxmax():g} has "
                                  f"{sizes.max():,}: a typo? every round of a panel holds most households")
    return problems


def _not_constant(df: pd.DataFrame, by: str, column: str, file: str, row_offset: int, rule: str) -> list[Problem]:
    """Rows of each ``by`` group whose ``column`` differs from the group's most common value."""
    values = df[column].astype("string")
    groups = values.groupby(df[by])
    mixed = groups.transform("nunique") > 1
    if not mixed.any():
        return []
    usual = groups.transform(lambda v: v.mode().iloc[0] if v.notna().any() else pd.NA)
    seen = groups.transform(lambda v: ", ".join(sorted(v.dropna().unique())))
    bad = mixed & values.notna() & (values != usual)
    return _rows(bad, df[column], file, row_offset, column, f"{rule} ({by} {{group}} has {{seen}})",
                 group=df[by], seen=seen)


def _rows(bad: pd.Series, values: pd.Series, file: str, row_offset: int, column: str, rule: str,
          **context: pd.Series) -> list[Problem]:
    """One Problem per offending row (the first ``MAX_ROWS_PER_RULE``, then a count of the rest)."""
    index = bad.index[bad.fillna(False).to_numpy(bool)]
    problems = []
    for i in index[:MAX_ROWS_PER_RULE]:
        filled = rule.format(**{k: v[i] for k, v in context.items()}) if context else rule
        value = values[i]
        problems.append(Problem(file, int(i) + row_offset, column, value.item() if hasattr(value, "item") else value,
                                filled))
    if len(index) > MAX_ROWS_PER_RULE:
        problems.append(Problem(file, None, column, None, f"… and {len(index) - MAX_ROWS_PER_RULE:,} more "
                                f"row(s) breaking the same rule"))
    return problems


def key_problems(df: pd.DataFrame, spec: TableSpec, file: str, row_offset: int) -> list[Problem]:
    """Each key (e.g. household × round) may appear once; name every repeat."""
    key = [k for k in spec.key if k in df]
    if len(key) != len(spec.key):
        return []
    dup = df[df.duplicated(key, keep=False)]
    problems = []
    for values, group in dup.groupby(key, sort=False):
        values = values if isinstance(values, tuple) else (values,)
        label = ", ".join(f"{k}={v}" for k, v in zip(key, values, strict=True))
        rows = ", ".join(str(int(i) + row_offset) for i in group.index)
        problems.append(Problem(file, int(group.index[1]) + row_offset, "+".join(key), None,
                                f"duplicate key ({label}) appears {len(group)} times, rows {rows}"))
    return problems


def guess_table(columns: list[str]) -> TableSpec:
    """The table whose required columns overlap most with ``columns``."""
    present = set(columns)
    return max((HOUSEHOLDS, VILLAGES, REGIONS),
               key=lambda s: len(present & set(s.columns)) / len(s.columns))
