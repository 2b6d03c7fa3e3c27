"""The BPS region hierarchy, stated once: levels, code columns, code widths, provinces and island groups.

Province (2 digits) ⊃ kabupaten/kota (4) ⊃ kecamatan (7) ⊃ desa/kelurahan (10): a longer code starts with
the codes of the areas that hold it (Perka BPS 151/2014; pnpm-facts §3.3). Every module that reads, checks,
generates or labels a region code takes these facts from here — datasets, schemas, synth, the data template,
the briefs' parameters and their evidence walk — instead of restating a width table of its own.
"""

from __future__ import annotations

from pnpm_lib.errors import RegionError

PROVINCE_CODES_2010: tuple[str, ...] = (
    "11", "12", "13", "14", "15", "16", "17", "18", "19", "21",
    "31", "32", "33", "34", "35", "36", "51", "52", "53",
    "61", "62", "63", "64", "71", "72", "73", "74", "75", "76",
    "81", "82", "91", "94",
)
"""BPS province codes of 2010. Kalimantan Utara (65, created 2012) and the 2022 Papua splits postdate the data."""

ISLAND_GROUP_BY_DIGIT = {
    "1": "Sumatera", "2": "Sumatera", "3": "Jawa", "5": "Bali–Nusa Tenggara",
    "6": "Kalimantan", "7": "Sulawesi", "8": "Maluku–Papua", "9": "Maluku–Papua",
}
"""BPS island regions follow the first digit of the province code."""

LEVEL_WIDTHS = {"province": 2, "kabupaten": 4, "kecamatan": 7, "desa": 10}
"""Digits in a code of each level."""

LEVEL_COLUMNS = {"province": "province_code", "kabupaten": "kabupaten_code", "kecamatan": "kecamatan_code"}
"""Levels a brief or a sample can be restricted to, with the code column of each."""

CODE_WIDTHS = {f"{level}_code": width for level, width in LEVEL_WIDTHS.items()}
"""Code column → digits (``province_code`` 2 … ``desa_code`` 10)."""


OUTSIDE_PNPM_RURAL = {"31": "DKI Jakarta"}
"""Provinces where PNPM Perdesaan (Rural) never ran: it covered "all provinces except Jakarta" (World Bank press
release, 31 Mar 2010, R1; ``datasets/pnpm_coverage.csv``, 2010 perdesaan row). An impact brief there would
show a wider area's estimate for a programme the province never had."""


def check_covered(code: str) -> str:
    """``code`` if PNPM Rural ran in its province; else a RegionError saying why no impact brief is made."""
    province = code[:2]
    if province in OUTSIDE_PNPM_RURAL:
        raise RegionError(f"PNPM Perdesaan (Rural) never ran in {OUTSIDE_PNPM_RURAL[province]} ({province}): the "
                          "programme covered every province except Jakarta (World Bank, 31 Mar 2010; "
                          f"datasets/pnpm_coverage.csv), so no impact brief is made for {code}")
    return code


def check_code(level: str, code: str | int) -> str:
    """``code`` as text if it is a well-formed code of ``level`` in a 2010 province; else a RegionError."""
    code = str(code)  # `papermill -p region 33` passes an int
    if level not in LEVEL_COLUMNS:
        raise RegionError(f"unknown level {level!r}; valid: {', '.join(LEVEL_COLUMNS)}")
    width = LEVEL_WIDTHS[level]
    if len(code) != width or not code.isdigit():
        shown = code if len(code) <= 24 else f"{code[:20]}… ({len(code)} characters)"
        raise RegionError(f"a {level} code has {width} digits, got {shown!r}")
    if code[:2] not in PROVINCE_CODES_2010:
        raise RegionError(f"{code!r} does not start with a BPS province code; valid: {', '.join(PROVINCE_CODES_2010)}")
    return code


def island_group(province: str) -> str:
    """The BPS island group of a province code."""
    return ISLAND_GROUP_BY_DIGIT[province[0]]


def island_provinces(group: str) -> list[str]:
    """The 2010 provinces of an island group."""
    return [c for c in PROVINCE_CODES_2010 if ISLAND_GROUP_BY_DIGIT[c[0]] == group]
