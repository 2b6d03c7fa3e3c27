"""The empowerment index of a framework: goal scores, the composite, its audit and its counting view.

Pipeline (OECD/JRC Handbook order): treat outliers → orient and normalise each
indicator over all units and years given (so years and regions share one
scale) → goal score = weighted mean of its indicators → index = weighted mean
of the goal scores. Scores are on 0–100. With arithmetic aggregation the goal
contributions (goal weight × goal score) add up to the index, so a change in
the index splits exactly into what each goal added.

Missing data: a goal is scored from the indicators a unit has when they carry
at least ``goal_coverage`` of the goal's weight (default ½: one of two); the
index needs at least 2/3 of the goal weight. Nothing is imputed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from pnpm_lib.indicators.alkire_foster import AFResult, alkire_foster
from pnpm_lib.indicators.composite import (
    aggregate,
    cronbach_alpha,
    normalise,
    oriented,
    treat_outliers,
)
from pnpm_lib.indicators.framework import LEVELS, Framework, indicator_matrix

SCALE = 100.0


@dataclass(frozen=True)
class IndexResult:
    """Per unit: normalised indicators, goal scores, goal contributions and the index (0–100)."""

    normalised: pd.DataFrame
    goals: pd.DataFrame
    contributions: pd.DataFrame
    index: pd.Series
    treatment: dict[str, str]


def empowerment_index(values: pd.DataFrame, framework: Framework, normalisation: str = "minmax",
                      aggregation: str = "arithmetic", goal_coverage: float = 0.5,
                      treat: bool = True) -> IndexResult:
    """Goal scores and the composite for every row of ``values`` (from ``framework.compute``)."""
    x = indicator_matrix(values, framework)
    report: dict[str, str] = {}
    if treat:
        x, report = treat_outliers(x)
    norm = normalise(oriented(x, framework.directions), normalisation)
    if normalisation == "zscore":  # put z-scores on 0–100 too, so goals stay comparable
        norm = normalise(norm, "minmax")
    norm = norm * SCALE
    goals = pd.DataFrame({g: aggregate(norm[list(w)], w, "arithmetic", goal_coverage)
                          for g in framework.goals for w in [framework.within_goal(g)]}, index=values.index)
    goal_w = {g: framework.goal_weights[g] for g in framework.goals}
    total = sum(goal_w.values())
    goal_w = {g: w / total for g, w in goal_w.items()}
    index = aggregate(goals / SCALE, goal_w, aggregation) * SCALE if aggregation == "arithmetic" \
        else aggregate(goals, goal_w, "geometric")
    contributions = goals.mul(pd.Series(goal_w)).where(index.notna(), np.nan)
    if aggregation == "arithmetic":  # a goal missing re-normalises the others' weights: match that
        contributions = contributions.mul(index / contributions.sum(axis=1, min_count=1), axis=0)
    else:  # a geometric mean does not split into additive parts
        contributions = contributions * np.nan
    return IndexResult(norm, goals, contributions, index.rename("index"), report)


def adequacy(values: pd.DataFrame, framework: Framework) -> pd.DataFrame:
    """1 where a unit meets the indicator's cutoff (direction-aware), 0 where not, NaN if missing."""
    x = indicator_matrix(values, framework)
    signed = oriented(x, framework.directions)
    cut = pd.Series({k: c * framework.directions[k] for k, c in framework.cutoffs.items()})
    return (signed >= cut).astype(float).where(x.notna())


def counting(values: pd.DataFrame, framework: Framework, k: float = 1 / 3) -> tuple[AFResult, int]:
    """Alkire–Foster on the framework: a unit is deprived in an indicator below its cutoff.

    Units with any missing indicator are left out (OPHI practice); the count left out is returned.
    """
    x = oriented(indicator_matrix(values, framework), framework.directions)
    complete = x.dropna()
    cutoffs = {key: c * framework.directions[key] for key, c in framework.cutoffs.items()}
    cardinal = min(cutoffs.values()) > 0 and bool((complete >= 0).all().all())  # gaps need z > 0 and x ≥ 0
    return alkire_foster(complete, cutoffs, framework.weights, k, cardinal=cardinal), len(x) - len(complete)


def strengths_weaknesses(values: pd.DataFrame, framework: Framework, unit: str, n: int = 3) -> pd.DataFrame:
    """The unit's best- and worst-ranked indicators among its peers (the other rows of ``values``).

    Ranks are per indicator, 1 = best (direction-aware), ties share the better rank, as
    COINr's ``get_str_weak`` does; indicators the unit lacks are skipped. Columns:
    indicator, value, rank, of (units with a value), kind (strength / weakness).
    """
    column = unit_column(values)
    x = indicator_matrix(values, framework).set_axis(values[column].to_numpy())
    if unit not in x.index:
        raise ValueError(f"{unit!r} is not among the {column} values of this table")
    if x.index.duplicated().any():
        raise ValueError(f"strengths and weaknesses compare one row per {column}; pick one year first")
    ranks = oriented(x, framework.directions).rank(ascending=False, method="min")
    row = int(np.flatnonzero(x.index == unit)[0])
    mine = pd.Series(ranks.iloc[row].to_numpy(dtype=float), index=ranks.columns).dropna().sort_values(kind="stable")
    n = min(n, len(mine) // 2)
    picked = [(key, "strength") for key in mine.index[:n]] + [(key, "weakness") for key in mine.index[::-1][:n]]
    return pd.DataFrame([{"indicator": key, "value": float(x.iloc[row][key]), "rank": int(mine[key]),
                          "of": int(ranks[key].notna().sum()), "kind": kind} for key, kind in picked])


def audit(values: pd.DataFrame, framework: Framework) -> tuple[pd.DataFrame, dict[str, pd.DataFrame]]:
    """JRC-style statistical coherence per goal: Cronbach's α, correlations, flags.

    Flags (codes, worded by ``report.audit_display``): ``alpha`` α < 0.7 (weak internal
    consistency), ``negative`` an indicator correlating negatively with its peers (it
    may pull against its goal), ``redundant`` r > 0.9 (a redundant pair).
    """
    x = oriented(indicator_matrix(values, framework), framework.directions)
    rows, matrices = [], {}
    for g in framework.goals:
        keys = list(framework.within_goal(g))
        corr = x[keys].corr()
        matrices[g] = corr
        off = corr.where(~np.eye(len(keys), dtype=bool)).stack()
        flags = []
        alpha = cronbach_alpha(x[keys]) if len(keys) > 1 else float("nan")  # on the indicators, as the JRC audit
        if len(keys) > 1 and not alpha >= 0.7:
            flags.append("alpha")
        if (off < 0).any():
            flags.append("negative")
        if (off > 0.9).any():
            flags.append("redundant")
        rows.append({"goal": g, "indicators": len(keys), "alpha": alpha,
                     "r_min": off.min() if len(off) else np.nan, "r_max": off.max() if len(off) else np.nan,
                     "flags": ", ".join(flags)})
    return pd.DataFrame(rows), matrices


def unit_column(values: pd.DataFrame) -> str:
    """The finest region code in ``values`` (desa_code, kecamatan_code, …)."""
    for column in LEVELS.values():  # finest first
        if column in values:
            return column
    raise ValueError("no region code column (desa_code, kecamatan_code, kabupaten_code, province_code)")


def index_change(result: IndexResult, values: pd.DataFrame, mask: pd.Series, start: int, end: int) -> pd.Series:
    """Mean index and goal contributions at ``end`` minus ``start`` over the units in ``mask``.

    Units are matched on both years, so the change is not a change of sample.
    """
    frame = result.contributions.assign(index=result.index, unit=values[unit_column(values)],
                                        year=values["year"])[mask]
    wide = frame[frame["year"].isin([start, end])].dropna().pivot_table(index="unit", columns="year")
    both = wide.dropna()
    diff = {col: (both[(col, end)] - both[(col, start)]).mean() for col in [*result.contributions.columns, "index"]}
    return pd.Series(diff).rename(f"{start}→{end}").astype(float)
