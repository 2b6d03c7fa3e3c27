"""Shipped real datasets: locate, load, validate, and carry their provenance.

Every shipped table has ``source`` and ``confidence`` columns (R1 = official or
primary source, R2 = secondary copy; pnpm-facts.md), so whatever a notebook
shows can cite where each number came from. Validation uses pandera and
reports every failure of a file at once, naming row, column, value and rule.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from pnpm_lib.errors import DatasetError, PnpmError, Problem
from pnpm_lib.regions import CODE_WIDTHS, ISLAND_GROUP_BY_DIGIT, PROVINCE_CODES_2010

DATASETS_ENV = "PNPM_MANDIRI_DATASETS"
CONFIDENCE_CODES = ("R1", "R2")



@dataclass(frozen=True)
class Shipped:
    """A shipped file and the schema factory that validates it."""

    file: str
    schema: Callable[[], object]
    key: tuple[str, ...]
    description: str


def datasets_dir() -> Path:
    """The ``datasets/`` folder: $PNPM_MANDIRI_DATASETS or the one beside the package."""
    path = Path(os.environ.get(DATASETS_ENV) or Path(__file__).resolve().parents[1] / "datasets")
    if not path.is_dir():
        raise PnpmError(
            f"datasets folder not found at {path}; set {DATASETS_ENV} to the toolkit's "
            "datasets/ folder (an editable install finds it automatically)"
        )
    return path


def _provenance_columns(pa) -> dict:
    return {
        "source": pa.Column(str, pa.Check.str_length(min_value=3), nullable=False),
        "confidence": pa.Column(str, pa.Check.isin(CONFIDENCE_CODES), nullable=False),
    }


def _national_poverty_schema():
    import pandera.pandas as pa

    pct = pa.Check.in_range(0, 100)
    return pa.DataFrameSchema(
        {
            "period": pa.Column(str, pa.Check.str_matches(r"^\d{4}-(03|09)$")),
            "year": pa.Column(int, pa.Check.in_range(2006, 2014)),
            "month": pa.Column(int, pa.Check.isin([3, 9])),
            "vintage": pa.Column(str, pa.Check.isin(["final", "first_release"])),
            "poor_million": pa.Column(float, pa.Check.gt(0)),
            "poverty_rate_pct": pa.Column(float, pct),
            "urban_rate_pct": pa.Column(float, pct, nullable=True),
            "rural_rate_pct": pa.Column(float, pct, nullable=True),
            "poor_urban_million": pa.Column(float, pa.Check.ge(0), nullable=True),
            "poor_rural_million": pa.Column(float, pa.Check.ge(0), nullable=True),
            "note": pa.Column(str, nullable=True),
            **_provenance_columns(pa),
        },
        unique=["period", "vintage"],
        strict=True,
        coerce=True,
    )


def _provincial_poverty_schema():
    import pandera.pandas as pa

    return pa.DataFrameSchema(
        {
            "province_code": pa.Column(str, pa.Check.isin(PROVINCE_CODES_2010), unique=True),
            "province_name": pa.Column(str),
            "source_label": pa.Column(str),
            "poverty_rate_pct": pa.Column(float, pa.Check.in_range(0, 100)),
            **_provenance_columns(pa),
        },
        strict=True,
        coerce=True,
    )


def _gini_schema():
    import pandera.pandas as pa

    return pa.DataFrameSchema(
        {
            "year": pa.Column(int, pa.Check.in_range(2000, 2030), unique=True),
            "gini": pa.Column(float, pa.Check.in_range(0, 1)),
            "note": pa.Column(str, nullable=True),
            **_provenance_columns(pa),
        },
        strict=True,
        coerce=True,
    )


def _island_group_schema():
    import pandera.pandas as pa

    groups = sorted(set(ISLAND_GROUP_BY_DIGIT.values()))
    return pa.DataFrameSchema(
        {
            "island_group": pa.Column(str, pa.Check.isin(groups), unique=True),
            "period": pa.Column(str, pa.Check.str_matches(r"^\d{4}-(03|09)$")),
            "poverty_rate_pct": pa.Column(float, pa.Check.in_range(0, 100)),
            "note": pa.Column(str, nullable=True),
            **_provenance_columns(pa),
        },
        strict=True,
        coerce=True,
    )


def _coverage_schema():
    import pandera.pandas as pa

    return pa.DataFrameSchema(
        {
            "period": pa.Column(str, pa.Check.str_matches(r"^\d{4}(-\d{4})?$")),
            "component": pa.Column(str),
            "indicator": pa.Column(str),
            "value": pa.Column(float, pa.Check.gt(0)),
            "unit": pa.Column(str),
            "qualifier": pa.Column(str, pa.Check.isin(["about", "almost", "more than"]), nullable=True),
            "note": pa.Column(str, nullable=True),
            **_provenance_columns(pa),
        },
        unique=["period", "component", "indicator"],
        strict=True,
        coerce=True,
    )


SHIPPED: dict[str, Shipped] = {
    "national_poverty": Shipped(
        "national_poverty.csv", _national_poverty_schema, ("period", "vintage"),
        "National poverty headcount and rate, BPS Susenas, Mar 2006 – Sep 2014",
    ),
    "provincial_poverty_2010": Shipped(
        "provincial_poverty_2010.csv", _provincial_poverty_schema, ("province_code",),
        "Poverty rate by province, 2010 (33 provinces, BPS codes)",
    ),
    "gini": Shipped(
        "gini.csv", _gini_schema, ("year",), "BPS expenditure Gini ratio, 2006–2013"
    ),
    "poverty_island_group_2014": Shipped(
        "poverty_island_group_2014.csv", _island_group_schema, ("island_group",),
        "Poverty rate by island group, September 2014",
    ),
    "pnpm_coverage": Shipped(
        "pnpm_coverage.csv", _coverage_schema, ("period", "component", "indicator"),
        "PNPM coverage (kecamatan, villages) and money by year",
    ),
}

_TEXT_KEYS = {"period": str, "province_code": str}


def validate(df: pd.DataFrame, schema, file: str) -> pd.DataFrame:
    """Validate ``df`` against a pandera ``schema``; raise DatasetError listing all failures."""
    validated, problems = schema_problems(df, schema, file, row_offset=2)
    if problems:
        raise DatasetError(file, problems)
    return validated


def schema_problems(df: pd.DataFrame, schema, file: str, row_offset: int) -> tuple[pd.DataFrame, list[Problem]]:
    """Run a pandera schema lazily; return the coerced frame and every failure found."""
    import pandera.errors as pe

    try:
        return schema.validate(df, lazy=True), []
    except pe.SchemaErrors as exc:
        return df, _problems(exc.failure_cases, file, row_offset)


_RULE_TEXT = {
    "column_in_dataframe": "required column is missing",
    "column_in_schema": "unexpected column (not in the schema)",
    "field_uniqueness": "duplicate value; must be unique",
    "multiple_fields_uniqueness": "duplicate key; the combination must be unique",
    "not_nullable": "missing value; this column is required",
}


def _rule(check: str, column: str | None = None) -> str:
    if check.startswith(("coerce_dtype", "dtype")):
        return f"wrong type; expected {check.split('(', 1)[-1].rstrip(')')}"
    if column == "province_code" and check.startswith("isin"):
        return "not a BPS province code of 2010 (11 … 94; see datasets/README.md)"
    if check.startswith("isin("):
        return f"must be one of {check[5:-1].strip('()[]')}"
    if check.startswith("in_range("):
        low, high = check[9:-1].split(",")
        return f"must be between {low.strip()} and {high.strip()}"
    if check.startswith(("greater_than_or_equal_to(", "greater_than(")):
        op = "≥" if "equal" in check else ">"
        return f"must be {op} {check.split('(', 1)[1].rstrip(')')}"
    if check.startswith("str_matches("):
        return f"wrong format; expected pattern {check[12:-1]}"
    return _RULE_TEXT.get(check, f"must satisfy {check}")


def _problems(cases: pd.DataFrame, file: str, row_offset: int) -> list[Problem]:
    """Turn pandera failure cases into Problems; ``row_offset`` maps index → user's row."""
    problems = []
    for case in cases.itertuples(index=False):
        index = getattr(case, "index", None)
        row = None if index is None or pd.isna(index) else int(index) + row_offset
        check = str(case.check)
        failure: Any = case.failure_case
        value = None if pd.isna(failure) else failure
        column = case.column if isinstance(case.column, str) else None
        if check in ("column_in_dataframe", "column_in_schema"):
            column, value = str(value), None
        problems.append(Problem(file, row, column, value, _rule(check, column)))
    return problems


def load(name: str) -> pd.DataFrame:
    """Load a shipped dataset by name, validated; ``df.attrs`` carries its provenance."""
    try:
        spec = SHIPPED[name]
    except KeyError:
        raise PnpmError(
            f"unknown dataset {name!r}; shipped datasets: {', '.join(SHIPPED)}"
        ) from None
    return _load_cached(name, spec.file).copy()


@cache
def _load_cached(name: str, file: str) -> pd.DataFrame:
    path = datasets_dir() / file
    try:
        raw = pd.read_csv(path, dtype=_TEXT_KEYS)
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise DatasetError(str(path), [Problem(str(path), None, None, None, f"not a readable CSV: {exc}")]) from None
    df = validate(raw, SHIPPED[name].schema(), str(path))
    df.attrs = {"dataset": name, "file": str(path), "synthetic": False,
                "description": SHIPPED[name].description}
    return df


def load_file(path: str | Path, table: str | None = None, sheet: str | None = None) -> pd.DataFrame:
    """Load a user's extract (.csv/.xlsx/.dta/.sav/.parquet), map aliases, validate.

    ``table`` is ``households``, ``villages`` or ``regions``; if omitted it is
    guessed from the columns. An Excel sheet is ``sheet``, or named after ``#``
    in the path (``survey.xlsx#Rumah tangga``, usable in a batch config), else
    the first. Raises DatasetError listing every problem found.
    """
    from pnpm_lib import readers, schemas

    path, sheet = split_sheet(path, sheet)
    text_columns = {c for c in readers.header(path) if _canonical(c) in _TEXT_TARGETS}
    known = {name.lower() for spec in schemas.TABLES.values() for name in spec.columns} | set(schemas.ALIASES)
    raw, info = readers.read_any(path, text_columns, sheet, known)
    df, problems = _canonical_columns(_blank_to_missing(raw), str(path))
    spec = schemas.TABLES[table] if table else schemas.guess_table(list(df.columns))
    df = _normalise_codes(df)
    validated, found = schema_problems(df, schemas.pandera_schema(spec), str(path), info.row_offset)
    problems += found
    problems += schemas.key_problems(df, spec, str(path), info.row_offset)
    problems += schemas.relation_problems(df, spec, str(path), info.row_offset)
    problems += schemas.meaning_problems(df, spec, str(path), info.row_offset)
    problems = list(dict.fromkeys(problems))  # pandera may report a cell under two checks
    if problems:
        raise DatasetError(f"{path} ({spec.name} table; read as {info.describe()})", problems)
    validated.attrs = {"file": str(path), "table": spec.name, "read_as": info.describe(),
                       "synthetic": bool(validated.get("synthetic", pd.Series([False])).any())}
    return validated


def split_sheet(path: str | Path, sheet: str | None = None) -> tuple[Path, str | None]:
    """``book.xlsx#Sheet`` → (``book.xlsx``, ``Sheet``); other paths are returned as they are."""
    text = str(path)
    if sheet is None and "#" in text and text.split("#", 1)[0].lower().endswith(".xlsx"):
        text, sheet = text.split("#", 1)
    return Path(text), sheet


def _blank_to_missing(df: pd.DataFrame) -> pd.DataFrame:
    """Empty or blank text cells (SPSS, Excel) are missing values, not text."""
    text = df.select_dtypes(include=["object", "string"]).columns
    if len(text) == 0:
        return df
    out = df.copy()
    for column in text:  # vectorised matching: a regex replace ran Python per cell (8 s on a national file)
        blank = out[column].astype("string").str.fullmatch(r"\s*").fillna(False).to_numpy(bool)
        if blank.any():
            out[column] = out[column].mask(blank, pd.NA)
    return out


_TEXT_TARGETS = {"province_code", "kabupaten_code", "kecamatan_code", "desa_code", "household_id"}


def _canonical(name: object) -> str:
    from pnpm_lib.schemas import ALIASES

    key = re.sub(r"[\s\-.]+", "_", str(name).strip().lower())
    return ALIASES.get(key, key)


def _canonical_columns(df: pd.DataFrame, file: str) -> tuple[pd.DataFrame, list[Problem]]:
    """Rename through the alias table; two columns mapping to one name is a problem."""
    names = [_canonical(c) for c in df.columns]
    problems = [
        Problem(file, None, name, None,
                f"several columns map to {name!r}: {', '.join(str(c) for c, n in zip(df.columns, names, strict=True) if n == name)}")
        for name in sorted({n for n in names if names.count(n) > 1})
    ]
    out = df.copy()
    out.columns = names
    return out.loc[:, ~out.columns.duplicated()], problems


def _normalise_codes(df: pd.DataFrame) -> pd.DataFrame:
    """Region codes as zero-padded text (Stata/SPSS/Excel store them as numbers)."""
    out = df.copy()
    for column, width in CODE_WIDTHS.items():
        if column not in out:
            continue
        values = out[column]
        if pd.api.types.is_numeric_dtype(values):
            numeric = pd.to_numeric(values, errors="coerce")
            whole = numeric.notna() & (numeric % 1 == 0)
            values = numeric.where(whole).astype("Int64").astype("string").where(whole, values.astype("string"))
        text = values.astype("string").str.strip().str.replace(r"\.0$", "", regex=True)
        out[column] = text.where(~text.str.fullmatch(r"\d+").fillna(False), text.str.zfill(width))
    if "household_id" in out:
        out["household_id"] = out["household_id"].astype("string").str.strip().str.replace(r"\.0$", "", regex=True)
    return out


def national_poverty(vintage: str = "final") -> pd.DataFrame:
    """National poverty series; ``vintage="final"`` keeps the revised Sep-2013 figure."""
    df = load("national_poverty")
    if vintage != "all":
        df = df[df["vintage"] == vintage].reset_index(drop=True)
    return df


def provinces_2010() -> pd.DataFrame:
    """Provincial poverty rates 2010 with island group and rank (1 = poorest)."""
    df = load("provincial_poverty_2010")
    df["island_group"] = df["province_code"].str[0].map(ISLAND_GROUP_BY_DIGIT)
    df["rank"] = df["poverty_rate_pct"].rank(ascending=False, method="min").astype(int)
    return df


def province_names() -> dict[str, str]:
    """BPS code → province name, for parameter validation and labels."""
    df = load("provincial_poverty_2010")
    return dict(zip(df["province_code"], df["province_name"], strict=True))


def sources(*frames: pd.DataFrame) -> pd.DataFrame:
    """Distinct (source, confidence) pairs behind the given frames, for citations."""
    rows = pd.concat([f[["source", "confidence"]] for f in frames], ignore_index=True)
    return rows.drop_duplicates().reset_index(drop=True)


def poverty_display(poverty: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """National poverty by survey round as a reader's table (month names, rates and millions in ``lang``)."""
    from pnpm_lib import fmt
    from pnpm_lib.i18n import t

    return pd.DataFrame({
        t("poverty.col.period", lang): [fmt.month(p, lang) for p in poverty["period"]],
        t("poverty.col.rate", lang): [fmt.percent(v, 2, lang) for v in poverty["poverty_rate_pct"]],
        t("poverty.col.millions", lang): [fmt.decimal(v, 2, lang) for v in poverty["poor_million"]],
    })


def citations(*frames: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """The sources behind ``frames`` as a reader can follow them, in ``lang``.

    Each internal ``source`` string joins ``datasets/citations.csv`` (issuer, what
    was published, year, who carried it, where); the confidence code is spelled
    out. Internal references (``pnpm-facts §3.1``) stay in the data.
    """
    from pnpm_lib.i18n import t

    used = sources(*frames)
    table = pd.read_csv(datasets_dir() / "citations.csv", dtype=str, keep_default_na=False).set_index("source")
    missing = sorted(set(used["source"]) - set(table.index))
    if missing:
        path = str(datasets_dir() / "citations.csv")
        raise DatasetError(path, [Problem(path, None, "source", m, "no citation for this source") for m in missing])
    rows = []
    for source, confidence in used.itertuples(index=False):
        c = table.loc[source]
        text = f"{c['issuer']}, {c[f'what_{lang}']} ({c['year']})"
        if c["carried_by"]:
            text += t("sources.via", lang, carrier=c["carried_by"])
        if c["locator"]:
            text += f", {c['locator']}"
        rows.append({t("sources.col.source", lang): _cite(text, lang),
                     t("sources.col.confidence", lang): t(f"sources.confidence.{confidence}", lang)})
    return pd.DataFrame(rows, dtype=object).drop_duplicates().reset_index(drop=True)  # object: keeps Html


def _cite(text: str, lang: str):
    """The citation as HTML: a quoted «Indonesian title» keeps its own language (``<cite lang="id">``)."""
    import re
    from html import escape

    from pnpm_lib.render import Html

    return Html(re.sub(r"«([^»]*)»", lambda m: f'<cite lang="id">«{m.group(1)}»</cite>' if lang != "id"
                       else f"<cite>«{m.group(1)}»</cite>", escape(text, quote=False)))


def data_hash(names: tuple[str, ...] | None = None) -> str:
    """Short SHA-256 over the shipped files, recorded in every output for reproducibility."""
    digest = hashlib.sha256()
    for name in names or tuple(SHIPPED):
        digest.update(name.encode())
        digest.update((datasets_dir() / SHIPPED[name].file).read_bytes())
    return digest.hexdigest()[:12]
