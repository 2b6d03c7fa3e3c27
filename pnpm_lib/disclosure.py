"""Statistical disclosure control for everything a brief publishes.

Rules (evaluation-methods §4, the CMS/ONS practice of a threshold of 10, with
the OECD glossary's 5 as the lowest an agency accepts):

- a count, or the denominator of a mean or share, below ``min_cell`` is not
  shown (zero is shown: an empty cell discloses nobody);
- a hidden count must not be recoverable from the margins, so each row and
  column relation (cells + its total) that hides one value hides a second one
  (secondary suppression, smallest value first);
- an effect is not estimated for a region with fewer than ``MIN_CLUSTERS``
  kecamatan, only noted;
- group disclosure: a share at or within one unit of 0% or 100% in a group
  smaller than ``GROUP_FACTOR`` × ``min_cell`` is not printed, since it tells
  the attribute of (nearly) every member (ONS SDC guidance for tables, "group
  disclosure"; Hundepool et al. 2012, Statistical Disclosure Control §5.2);
- tables are aggregates only: ``aggregate_only`` refuses a frame that still
  has a unit identifier column, so no microdata row can reach a brief.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

MIN_CELL = 10
"""Default smallest count shown (CMS, ONS LS practice)."""
MIN_CELL_FLOOR = 5
"""No configuration may go below this (the OECD/Eurostat glossary's stricter threshold)."""
MIN_CLUSTERS = 5
"""Fewer kecamatan than this in a region: no effect estimate, only a note."""
UNIT_IDS = ("household_id", "desa_code", "person_id", "individual_id")
"""Columns whose presence means a frame holds microdata rows."""


class DisclosureError(ValueError):
    """A publication rule would be broken (threshold below the floor, microdata in a table)."""


def check_min_cell(min_cell: int) -> int:
    """``min_cell`` if allowed; a clear error below the floor."""
    if isinstance(min_cell, bool) or not isinstance(min_cell, int) or min_cell < MIN_CELL_FLOOR:
        raise DisclosureError(f"min_cell must be a whole number ≥ {MIN_CELL_FLOOR}, got {min_cell!r}")
    return min_cell


def can_estimate(clusters: int, min_clusters: int = MIN_CLUSTERS) -> bool:
    """True when a region has enough kecamatan for an effect estimate to be published."""
    return clusters >= min_clusters


def aggregate_only(table: pd.DataFrame, what: str = "table") -> pd.DataFrame:
    """Return ``table`` unchanged, or refuse it if it carries unit identifiers (microdata)."""
    found = [c for c in table.columns if str(c) in UNIT_IDS]
    if found or table.index.name in UNIT_IDS:
        raise DisclosureError(f"{what} holds unit identifiers ({', '.join(found or [str(table.index.name)])}); "
                              "briefs publish aggregates only")
    return table


@dataclass(frozen=True)
class Suppressed:
    """A count table with its margins and which cells are hidden (primary or secondary)."""

    counts: pd.DataFrame  # with a "Total" row and column
    primary: pd.DataFrame  # bool, same shape
    secondary: pd.DataFrame  # bool, same shape

    @property
    def hidden(self) -> pd.DataFrame:
        return self.primary | self.secondary

    def display(self, lang: str, mark: str = "s") -> pd.DataFrame:
        """The table as text in ``lang`` with its row labels as the first column, hidden cells shown as ``mark``."""
        from pnpm_lib import fmt

        shown = self.counts.map(lambda v: fmt.integer(v, lang)).mask(self.hidden, mark)
        return shown.rename_axis(str(self.counts.index.name or "")).reset_index()

    @property
    def n_hidden(self) -> int:
        return int(self.hidden.to_numpy().sum())


def suppress_counts(table: pd.DataFrame, min_cell: int = MIN_CELL, total: str = "Total") -> Suppressed:
    """Add margins to a two-way count table and hide small cells so none can be recovered.

    Primary: 0 < count < ``min_cell`` (margins included). Secondary: every row
    and column of the table with its margin is an additive relation; while one
    of them hides exactly one value, the smallest other value in it is hidden
    too (an interior cell before the margin). This is the standard greedy
    heuristic: safe, though not always the fewest cells.
    """
    check_min_cell(min_cell)
    values = table.to_numpy(dtype=float)
    if np.isnan(values).any() or (values < 0).any():
        raise DisclosureError("count table has missing or negative counts")
    full = np.zeros((values.shape[0] + 1, values.shape[1] + 1))
    full[:-1, :-1] = values
    full[-1, :-1] = values.sum(axis=0)
    full[:-1, -1] = values.sum(axis=1)
    full[-1, -1] = values.sum()
    primary = (full > 0) & (full < min_cell)
    hidden = primary.copy()
    relations = [[(i, j) for j in range(full.shape[1])] for i in range(full.shape[0])]
    relations += [[(i, j) for i in range(full.shape[0])] for j in range(full.shape[1])]
    changed = True
    while changed:
        changed = False
        for cells in relations:
            if sum(hidden[c] for c in cells) == 1:
                hidden[_complement(cells, hidden, full)] = True
                changed = True
    index = pd.Index([*table.index, total], name=table.index.name)
    columns = pd.Index([*table.columns, total])

    def frame(values: np.ndarray) -> pd.DataFrame:
        return pd.DataFrame(values, index=index, columns=columns)

    return Suppressed(frame(full), frame(primary), frame(hidden & ~primary))


def _complement(cells: Sequence[tuple[int, int]], hidden: np.ndarray, full: np.ndarray) -> tuple[int, int]:
    """The cell to hide beside a lone hidden one: the smallest interior value, else the margin."""
    last_row, last_col = full.shape[0] - 1, full.shape[1] - 1
    candidates = [c for c in cells if not hidden[c]]
    interior = [c for c in candidates if c[0] != last_row and c[1] != last_col]
    return min(interior or candidates, key=lambda c: (full[c] == 0, full[c]))


def suppress_small(values: pd.Series, denominators: pd.Series, min_cell: int = MIN_CELL) -> pd.Series:
    """Means or shares whose denominator is below ``min_cell`` become NaN (shown as suppressed)."""
    check_min_cell(min_cell)
    return values.where(denominators.reindex(values.index) >= min_cell)


GROUP_FACTOR = 5
"""A share of (nearly) all or none is printed only for groups of at least GROUP_FACTOR × min_cell (50 by default)."""


def share_hidden(part: int, whole: int, min_cell: int = MIN_CELL) -> str:
    """Why the share ``part``/``whole`` (counts of units) must not be printed, or "" when it may be.

    ``small_denominator``: fewer than ``min_cell`` units; ``group``: all or none, or all but one or one, of a
    group smaller than ``GROUP_FACTOR × min_cell`` have the attribute — printing it would tell each member's.
    """
    check_min_cell(min_cell)
    if whole < min_cell:
        return "small_denominator"
    if min(part, whole - part) <= 1 and whole < GROUP_FACTOR * min_cell:
        return "group"
    return ""


def small_cells(counts: dict[str, int] | Iterable[tuple[str, int]], min_cell: int = MIN_CELL) -> list[str]:
    """Names of the cells (e.g. arm × round of a DiD) below ``min_cell``, for the caveats."""
    items = counts.items() if isinstance(counts, dict) else counts
    return [name for name, n in items if n < min_cell]
