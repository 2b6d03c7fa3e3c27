"""The one number formatter: every number a reader sees passes through here (Babel, CLDR data).

A page has one locale, so every function takes the page's ``lang``. Indonesian
follows CLDR ``id`` (and PUEBI): ``1.234,5``, ``10,6%``, ``Rp1.500.000``,
``1,5 miliar``, ``Maret 2014``, ``Aceh, Bali, dan Papua``.

Rounding rule: half away from zero on the decimal number as written
(``repr``), as a reader rounding by hand or a spreadsheet would: 0.125 → 0.13,
2.675 → 2.68, 2.5 → 3. Python's ``format()`` rounds the binary value
(2.675 → 2.67) and Babel rounds half to even (0.125 → 0.12); we round first
and hand Babel an exact decimal, so neither rule applies. A value that rounds
to zero is shown unsigned (never ``-0,000``).
"""

from __future__ import annotations

import datetime as _dt
import math
import numbers
from collections.abc import Callable, Iterable
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import Any

from babel import Locale
from babel import dates as _dates
from babel import lists as _lists
from babel import numbers as _numbers

Number = float | Decimal
"""What the formatters take: a float (or int, numpy scalar) or an exact Decimal."""

LOCALES = {"id": "id", "en": "en"}
"""Page language → CLDR locale."""

DASH = "–"
"""What an empty or missing number shows."""


@cache
def _locale(lang: str) -> Locale:
    try:
        return Locale.parse(LOCALES[lang])
    except KeyError:
        raise ValueError(f"unknown language {lang!r}; choose one of: {', '.join(LOCALES)}") from None


def rounded(value: Number, digits: int) -> Decimal:
    """``value`` rounded half away from zero to ``digits`` decimals; a zero result is unsigned."""
    exact = Decimal(repr(float(value))) if not isinstance(value, Decimal) else value
    out = exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return out.copy_abs() if out == 0 else out


def _pattern(digits: int, signed: bool, group: bool) -> str:
    body = ("#,##0" if group else "0") + ("." + "0" * digits if digits > 0 else "")
    return f"+{body};-{body}" if signed else body


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, numbers.Real) and math.isnan(float(value)))


def decimal(value: Number | None, digits: int = 1, lang: str = "id", *, signed: bool = False, group: bool = True) -> str:
    """``1.234,5`` / ``1,234.5``; ``signed`` adds ``+`` to positive values (effects)."""
    if value is None or _missing(value):
        return DASH
    number = rounded(value, digits)
    if number == 0:
        signed = False
    return _numbers.format_decimal(number, _pattern(digits, signed, group), locale=_locale(lang),
                                   decimal_quantization=False)


def integer(value: Number, lang: str = "id") -> str:
    """A count: whole number with thousands marks (``7.000`` / ``7,000``)."""
    return decimal(value, 0, lang)


def percent(value: float, digits: int = 1, lang: str = "id", *, signed: bool = False) -> str:
    """A value already in percent (13.33 → ``13,3%``)."""
    if _missing(value):
        return DASH
    return decimal(value, digits, lang, signed=signed) + _locale(lang).number_symbols["latn"]["percentSign"]


def share(value: float, digits: int = 1, lang: str = "id", *, signed: bool = False) -> str:
    """A share 0–1 shown as a percent (0.106 → ``10,6%``)."""
    return DASH if _missing(value) else percent(100 * float(value), digits, lang, signed=signed)


def points(value: float, digits: int = 1, lang: str = "id") -> str:
    """Percentage points as a signed number (``+4,7``); the unit word comes from the catalogue."""
    return decimal(value, digits, lang, signed=True)


def rupiah(value: float, lang: str = "id", digits: int = 0) -> str:
    """Rupiah, CLDR style with no space: ``Rp1.500.000`` (id), ``Rp1,500,000`` (en); ``-Rp5.000``."""
    if _missing(value):
        return DASH
    number = rounded(value, digits)
    sign = "-" if number < 0 else ""
    return f"{sign}Rp{decimal(abs(number), digits, lang)}"


def rupiah_compact(value: float, lang: str = "id", digits: int = 1) -> str:
    """Large Rupiah in words: ``Rp1,5 miliar`` / ``Rp1.5 billion`` (``Rp750 juta``)."""
    if _missing(value):
        return DASH
    if abs(value) < 1_000_000:
        return rupiah(value, lang)
    scale = Decimal(1000) ** int(math.log10(abs(value)) // 3)  # juta, miliar, triliun: our rounding first
    exact = rounded(Decimal(repr(abs(float(value)))) / scale, digits) * scale
    text = _numbers.format_compact_decimal(exact, format_type="long", locale=_locale(lang), fraction_digits=digits)
    return f"{'-' if value < 0 else ''}Rp{text}"


def p_value(value: float, lang: str = "id", digits: int = 3) -> str:
    """``0,031``; below the last digit shown, ``< 0,001`` (never ``0,000``)."""
    if _missing(value):
        return DASH
    floor = 10.0 ** -digits
    if value < floor:
        return "<\u00a0" + decimal(floor, digits, lang)  # kept on one line
    return decimal(value, digits, lang)


def estimate(value: float | None, se: float | None, digits: int = 3, lang: str = "id") -> str:
    """An estimate with its standard error in brackets: ``0,101 (0,014)``."""
    if _missing(value):
        return ""
    return f"{decimal(value, digits, lang)} ({decimal(se, digits, lang)})"


def month(period: str | _dt.date, lang: str = "id") -> str:
    """``2014-03`` or a date → ``Maret 2014`` / ``March 2014``."""
    if isinstance(period, str):
        year, mon = (int(p) for p in period.split("-")[:2])
        period = _dt.date(year, mon, 1)
    return _dates.format_date(period, "MMMM y", locale=_locale(lang))


def join(items: Iterable[str], lang: str = "id") -> str:
    """``Aceh, Bali, dan Papua`` / ``Aceh, Bali, and Papua``."""
    items = [str(i) for i in items]
    return _lists.format_list(items, locale=_locale(lang)) if items else DASH


KINDS: dict[str, Callable[[Any, str], str]] = {
    "int": lambda v, lang: integer(v, lang),
    "year": lambda v, lang: decimal(v, 0, lang, group=False),
    "dec0": lambda v, lang: decimal(v, 0, lang),
    "dec1": lambda v, lang: decimal(v, 1, lang),
    "dec2": lambda v, lang: decimal(v, 2, lang),
    "dec3": lambda v, lang: decimal(v, 3, lang),
    "sdec1": lambda v, lang: decimal(v, 1, lang, signed=True),
    "sdec3": lambda v, lang: decimal(v, 3, lang, signed=True),
    "pct0": lambda v, lang: percent(v, 0, lang),
    "pct1": lambda v, lang: percent(v, 1, lang),
    "pct2": lambda v, lang: percent(v, 2, lang),
    "spct1": lambda v, lang: percent(v, 1, lang, signed=True),
    "share0": lambda v, lang: share(v, 0, lang),
    "share1": lambda v, lang: share(v, 1, lang),
    "pp1": lambda v, lang: points(v, 1, lang),
    "pp2": lambda v, lang: points(v, 2, lang),
    "rp": lambda v, lang: rupiah(v, lang),
    "rpc": lambda v, lang: rupiah_compact(v, lang),
    "p": lambda v, lang: p_value(v, lang),
    "month": lambda v, lang: month(v, lang),
    "list": lambda v, lang: join(v, lang),
}
"""Named number kinds that catalogue placeholders may carry: ``{pct:pct1}``, ``{n:int}``, ``{p:p}``.

The value is ``Any``: each kind takes what its formatter takes (a number, a period, a list of names)."""


def kind(value: object, name: str, lang: str = "id") -> str:
    """Format ``value`` as the named kind (see ``KINDS``)."""
    try:
        formatter = KINDS[name]
    except KeyError:
        raise ValueError(f"unknown number kind {name!r}; known: {', '.join(KINDS)}") from None
    return formatter(value, lang)


TICK_KINDS = {"dec": decimal, "pct": percent, "share": share}
"""Axis kinds whose decimals follow the tick spacing (``axis("pct")`` → 0%, 2,5%, 5%)."""


def tick_digits(values: Iterable[float], most: int = 4) -> int:
    """The fewest decimals that show every tick value exactly (2.5 needs 1, 10 needs 0)."""
    values = [float(v) for v in values]
    for digits in range(most + 1):
        if all(abs(float(rounded(v, digits)) - v) < 1e-9 * max(1.0, abs(v)) for v in values):
            return digits
    return most


def axis(name: str, lang: str = "id"):
    """A matplotlib tick formatter in the page's locale.

    ``name`` is a ``KINDS`` name (``"rp"``, ``"year"``, ``"int"``) or one of
    ``TICK_KINDS`` (``"dec"``, ``"pct"``, ``"share"``), whose decimals follow the
    ticks so that 2.5 is never shown as 3.
    """
    from matplotlib.ticker import Formatter

    class _Ticks(Formatter):
        digits = 0

        def format_ticks(self, values):
            self.digits = tick_digits(values)
            return [self(v) for v in values]

        def __call__(self, value, pos=None):
            if name in TICK_KINDS:
                return TICK_KINDS[name](value, self.digits, lang)
            return kind(value, name, lang)

    return _Ticks()
