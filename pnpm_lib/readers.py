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


def read_any(path: Path, text_columns: set[str] = frozenset()) -> tuple[pd.DataFrame, ReadInfo]:
    """Read ``path`` by its extension; ``text_columns`` (original names) stay text."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise DatasetError(str(path), [Problem(str(path), None, None, None, "file not found")])
    try:
        if suffix in (".csv", ".txt"):
            return _read_csv(path, text_columns)
        if suffix == ".xlsx":
            return pd.read_excel(path, dtype={c: str for c in text_columns}), ReadInfo("Excel", 2)
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


def header(path: Path) -> list[str]:
    """Column names only, cheaply, so codes can be read as text from the start."""
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt"):
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


def _read_csv(path: Path, text_columns: set[str]) -> tuple[pd.DataFrame, ReadInfo]:
    raw = path.read_bytes()
    text, encoding = _decode(raw)
    sep = _separator(text)
    decimal = "," if sep == ";" and _DECIMAL_COMMA.search(text) else "."
    df = pd.read_csv(
        io.StringIO(text), sep=sep, decimal=decimal, thousands="." if decimal == "," else None,
        dtype={c: str for c in text_columns}, skipinitialspace=True,
    )
    return df, ReadInfo("CSV", 2, encoding, sep, decimal)
