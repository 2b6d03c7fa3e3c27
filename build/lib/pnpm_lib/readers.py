"""Read users' extracts in the formats partners actually send.

CSV files saved by Excel in an Indonesian locale use ``;`` separators, decimal
commas and ``.`` thousands, and are often cp1252 rather than UTF-8; Stata and
SPSS store region codes as numbers and drop their leading zeros. Everything is
read as text or numbers here; codes are restored and validated later.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pnpm_lib.errors import DatasetError, Problem

FORMATS = (".csv", ".txt", ".xlsx", ".dta", ".sav", ".parquet")
_DECIMAL_COMMA = re.compile(r"(?:^|;)\s*-?\d{1,3}(?:\.\d{3})*,\d+\s*(?:;|$)", re.MULTILINE)


@dataclass(frozen=True)
class ReadInfo:
    """How a file was read, shown in reports so users can see what was assumed."""

    format: str
    row_offset: int  # add to a 0-based data index to get the row users see
    encoding: str | None = None
    separator: str | None = None
    decimal: str | None = None

    def describe(self) -> str:
        parts = [self.format]
        if self.encoding:
            parts.append(f"encoding {self.encoding}")
        if self.separator:
            parts.append(f"separator {self.separator!r}")
        if self.decimal:
            parts.append(f"decimal {self.decimal!r}")
        return ", ".join(parts)


def read_any(path: Path, text_columns: AbstractSet[str] = frozenset(), sheet: str | None = None,
             known: AbstractSet[str] = frozenset()) -> tuple[pd.DataFrame, ReadInfo]:
    """Read ``path`` by its extension; ``text_columns`` (original names) stay text.

    Excel: ``sheet`` (default the first), whose header row is the first of its top 20 rows naming at least
    two ``known`` columns (so notes above the table, or a two-row header, are skipped, not misread).
    """
    suffix = path.suffix.lower()
    if not path.is_file():
        raise DatasetError(str(path), [Problem(str(path), None, None, None, "file not found")])
    try:
        if suffix in (".csv", ".txt"):
            return _read_csv(path, text_columns)
        if suffix == ".xlsx":
            return _read_excel(path, text_columns, sheet, known)
        if suffix == ".dta":
            return pd.read_stata(path, convert_categoricals=False), ReadInfo("Stata", 1)
        if suffix == ".sav":
            import pyreadstat

            df, _ = pyreadstat.read_sav(str(path), apply_value_formats=False)
            return df, ReadInfo("SPSS", 1)
        if suffix == ".parquet":
            return pd.read_parquet(path), ReadInfo("Parquet", 1)
    except DatasetError:
        raise
    except Exception as exc:  # any reader failure becomes one clear problem
        raise DatasetError(str(path), [Problem(str(path), None, None, None,
                                               f"cannot read as {suffix}: {exc}")]) from None
    raise DatasetError(str(path), [Problem(str(path), None, None, suffix,
                                           f"unsupported format; use one of {', '.join(FORMATS)}")])


def _read_excel(path: Path, text_columns: AbstractSet[str], sheet: str | None,
                known: AbstractSet[str]) -> tuple[pd.DataFrame, ReadInfo]:
    book = pd.ExcelFile(path)
    name = book.sheet_names[0] if sheet is None else sheet
    if name not in book.sheet_names:
        raise DatasetError(str(path), [Problem(str(path), None, None, sheet,
                                               f"no such sheet; the workbook has {', '.join(map(str, book.sheet_names))}")])
    raw = pd.read_excel(book, sheet_name=name, header=None, dtype=str)
    row = _header_row(raw, known) if known else 0
    if row is None:
        raise DatasetError(str(path), [Problem(str(path), None, None, name,
                                               "no row among the first 20 of this sheet names the table's columns "
                                               "(e.g. household_id, round, kecamatan_code); put the column names "
                                               "in one row above the data, or choose another sheet (the "
                                               f"workbook has: {', '.join(map(str, book.sheet_names))})")])
    names = [str(c).strip() for c in raw.iloc[row]]
    _check_header(names, path, row + 1)
    df = raw.iloc[row + 1:].set_axis(names, axis=1).dropna(how="all").fillna("")  # blank rows are not data
    if df.empty:
        raise DatasetError(str(path), [Problem(str(path), None, None, name, "the sheet has a header but no rows")])
    df.index = df.index - (row + 1)  # 0-based data rows, so row_offset gives the row Excel shows
    df, _ = parse_numbers(df, text_columns, ",", str(path), row_offset=row + 2)
    return df, ReadInfo(f"Excel, sheet {name!r}", row + 2)


def _header_row(raw: pd.DataFrame, known: AbstractSet[str]) -> int | None:
    """The first of the top rows that names at least two known columns."""
    for i in range(min(len(raw), 20)):
        cells = {str(v).strip().lower() for v in raw.iloc[i] if pd.notna(v)}
        if len(cells & known) >= 2:
            return i
    return None


def header(path: Path) -> list[str]:
    """Column names only, cheaply, so codes can be read as text from the start."""
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt") and path.is_file():
        text, _ = _decode(path.read_bytes()[:65536])
        return next(csv.reader(io.StringIO(text), delimiter=_separator(text)), [])
    return []


def _decode(raw: bytes) -> tuple[str, str]:
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), "cp1252"


def _separator(text: str) -> str:
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def _read_csv(path: Path, text_columns: AbstractSet[str]) -> tuple[pd.DataFrame, ReadInfo]:
    raw = path.read_bytes()
    if not raw.strip():
        raise DatasetError(str(path), [Problem(str(path), None, None, None, "the file is empty")])
    if raw[:4] == b"PK\x03\x04":
        raise DatasetError(str(path), [Problem(str(path), None, None, None,
                                               "this is an Excel workbook saved with a .csv name; rename it .xlsx")])
    text, encoding = _decode(raw)
    sep = _separator(text)
    names = next(csv.reader(io.StringIO(text), delimiter=sep), [])
    _check_header(names, path, 1)
    df = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, skipinitialspace=True)
    if df.empty:
        raise DatasetError(str(path), [Problem(str(path), None, None, None,
                                               "the file has a header but no data rows")])
    df, decimal = parse_numbers(df, text_columns, sep, str(path), row_offset=2)
    return df, ReadInfo("CSV", 2, encoding, sep, decimal)


def _check_header(names: list, path: Path, row: int) -> None:
    """Duplicate or empty column names are an error, never a silently dropped column."""
    seen, problems = set(), []
    for name in (str(n).strip() for n in names):
        if name.lower() in seen:
            problems.append(Problem(str(path), row, name, None, "this column name appears twice; rename one"))
        seen.add(name.lower())
    if problems:
        raise DatasetError(str(path), problems)


NUMBER = re.compile(r"^[+-]?[\d.,]*\d[\d.,]*$")


def _evidence(value: str) -> set[str]:
    """What one written number says about its marks: decimal '.' or ',' , thousands '.' or ','."""
    dots, commas = value.count("."), value.count(",")
    found = set()
    if dots and commas:
        found |= {"decimal ,", "thousands ."} if value.rfind(",") > value.rfind(".") else {"decimal .", "thousands ,"}
    elif dots > 1:
        found.add("thousands .")
    elif commas > 1:
        found.add("thousands ,")
    elif dots == 1 and len(value) - value.rfind(".") - 1 != 3:
        found.add("decimal .")
    elif commas == 1 and len(value) - value.rfind(",") - 1 != 3:
        found.add("decimal ,")
    return found


def parse_numbers(df: pd.DataFrame, text_columns: AbstractSet[str], sep: str, file: str,
                  row_offset: int) -> tuple[pd.DataFrame, str | None]:
    """Columns of written numbers become numbers, their marks read from the values themselves.

    In each column the values say which mark is the decimal one (``12,5``, ``1.234.567``, ``1.234,5``);
    where they cannot (only ``334.567``-like values), the separator decides as Excel does: ``;`` is what a
    comma-decimal locale (Indonesian) writes, ``,`` a dot-decimal one. A column whose values contradict
    each other, or an undecidable one in a tab-separated file, is refused: never a value 1,000 times off.
    """
    out, problems, decimals = df.copy(), [], set()
    default = {";": ",", ",": "."}.get(sep)
    for column in df.columns:
        if column in text_columns:
            continue
        values = df[column].str.strip()
        filled = values[values != ""]
        if filled.empty or not filled.map(lambda v: bool(NUMBER.match(v))).all():
            continue
        evidence = set().union(*filled.map(_evidence))
        says_comma = {"decimal ,", "thousands ."} & evidence
        says_dot = {"decimal .", "thousands ,"} & evidence
        marked = filled[filled.str.contains(r"[.,]")]
        if says_comma and says_dot:
            a = next(v for v in filled if {"decimal ,", "thousands ."} & _evidence(v))
            b = next(v for v in filled if {"decimal .", "thousands ,"} & _evidence(v))
            problems.append(Problem(file, None, column, f"{a} and {b}",
                                    "the column mixes number styles; use one (e.g. 1.234,5 or 1,234.5)"))
            continue
        decimal = "," if says_comma else "." if says_dot else default
        if decimal is None and not marked.empty:
            problems.append(Problem(file, int(marked.index[0]) + row_offset, column, marked.iloc[0],
                                    "cannot tell whether '.'/',' marks thousands or decimals here; save the "
                                    "file with ';' (Indonesian Excel) or ',' (English) as separator"))
            continue
        decimal = decimal or "."  # no mark anywhere in the column: whole numbers
        thousands = "." if decimal == "," else ","
        cleaned = values.str.replace(thousands, "", regex=False).str.replace(decimal, ".", regex=False)
        out[column] = pd.to_numeric(cleaned.replace("", None), errors="coerce")
        if not marked.empty:
            decimals.add(decimal)
    if problems:
        raise DatasetError(file, problems)
    blanks = out.select_dtypes(include=["object", "string"]).columns
    out[blanks] = out[blanks].replace("", pd.NA)
    return out, (decimals.pop() if len(decimals) == 1 else None)
