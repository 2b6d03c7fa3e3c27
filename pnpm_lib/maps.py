"""A map of the 33 provinces (2010) drawn offline as SVG: one dot per province at its label point.

The points come from ``datasets/province_points.csv`` (Natural Earth 1:50m
admin-1 label points, public domain, keyed on BPS codes); no tile server, no
GIS library. Each dot is coloured by a figure, carries its name and value as a
tooltip and alt text, and may link to the province's brief.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from html import escape

import pandas as pd

from pnpm_lib import datasets

WIDTH, HEIGHT = 760, 300
WEST, EAST, NORTH, SOUTH = 94.5, 141.5, 6.5, -11.0
NO_VALUE = "#d9dee3"
SCALE = ("#b2182b", "#ef8a62", "#fddbc7", "#d1e5f0", "#67a9cf", "#1b7f5b")
"""Diverging colours from clearly negative to clearly positive."""


def points() -> pd.DataFrame:
    """Province label points keyed on BPS codes (all 33 provinces of 2010)."""
    return _points().copy()


@cache
def _points() -> pd.DataFrame:
    return pd.read_csv(datasets.datasets_dir() / "province_points.csv", dtype={"province_code": str})


@cache
def _lat_lon() -> dict[str, tuple[float, float]]:
    return {code: (float(lat), float(lon)) for code, lat, lon in
            _points()[["province_code", "latitude", "longitude"]].itertuples(index=False)}


@dataclass(frozen=True)
class Dot:
    code: str
    value: float | None  # the figure that colours the dot; None: grey
    text: str  # tooltip: name and figure in the page's language
    href: str | None = None
    highlight: bool = False


def _xy(lat: float, lon: float) -> tuple[float, float]:
    return (lon - WEST) / (EAST - WEST) * WIDTH, (NORTH - lat) / (NORTH - SOUTH) * HEIGHT


def colour(value: float | None, limit: float) -> str:
    if value is None or pd.isna(value) or limit <= 0:
        return NO_VALUE
    step = min(int((value + limit) / (2 * limit) * len(SCALE)), len(SCALE) - 1)
    return SCALE[max(step, 0)]


def province_map(dots: list[Dot], alt: str, legend: Sequence[tuple[str, str]] = (), stamp: str = "") -> str:
    """The SVG: provinces as dots (linked where a brief exists), a legend of (colour, label) pairs, and a
    ``stamp`` drawn on the map itself (``DATA SINTETIS``), so a screenshot of the map alone still says it."""
    where = _lat_lon()
    values = [d.value for d in dots if d.value is not None and not pd.isna(d.value)]
    limit = max((abs(v) for v in values), default=0.0)
    names = datasets.province_names()
    parts = []
    for dot in sorted(dots, key=lambda d: d.highlight):  # the highlighted one on top
        x, y = _xy(*where[dot.code])
        ring = ' stroke="#1f2933" stroke-width="3"' if dot.highlight else ' stroke="#52606d" stroke-width="0.8"'
        label = escape(f"{names[dot.code]}: {dot.text}")
        circle = (f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{11 if dot.highlight else 8}" '
                  f'fill="{colour(dot.value, limit)}"{ring}><title>{label}</title></circle>')
        parts.append(f'<a href="{escape(dot.href)}">{circle}</a>' if dot.href else circle)
    keys = "".join(f'<rect x="{10 + 170 * i}" y="{HEIGHT + 12}" width="14" height="14" fill="{c}" stroke="#52606d"/>'
                   f'<text x="{30 + 170 * i}" y="{HEIGHT + 24}" font-size="12">{escape(text)}</text>'
                   for i, (c, text) in enumerate(legend))
    return (f'<svg role="img" aria-label="{escape(alt)}" viewBox="0 0 {WIDTH} {HEIGHT + 40}" '
            f'xmlns="http://www.w3.org/2000/svg" class="map"><title>{escape(alt)}</title>'
            f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#f4f8fb"/>{"".join(parts)}{keys}{_stamp(stamp)}</svg>')


def _stamp(text: str) -> str:
    return (f'<text x="{WIDTH - 12}" y="26" text-anchor="end" font-size="18" font-weight="bold" fill="#b00020">'
            f'{escape(text)}</text>') if text else ""
