"""Alkire–Foster counting with dual cutoffs (OPHI; Alkire & Foster 2011).

A unit is deprived in indicator j when its achievement is strictly below the
cutoff z_j; its deprivation score c_i = Σ_j w_j·g0_ij (weights sum to 1). It is
counted as (dis)empowered-poor when c_i ≥ k. Then H = q/n, A = mean score of
the poor, M0 = H·A = Σ_j w_j·h_j where h_j is the censored headcount (poor AND
deprived in j), and the contribution of j is w_j·h_j / M0. Subgroups decompose
additively: M0 = Σ_l (n_l/n)·M0_l.

Gap measures (``cardinal=True``, every achievement a cardinal quantity ≥ 0 with
a cutoff > 0): the normalised gap of a deprived entry is g1_ij = (z_j − x_ij)/z_j
and its square g2_ij; censored to the poor, M1 = Σ_j w_j·mean_i g1_ij(k) (the
adjusted poverty gap, = H·A·G with G the mean gap of the poor's deprivations)
and M2 = Σ_j w_j·mean_i g2_ij(k) (the adjusted squared gap, = H·A·S). The
contribution of j to M1 is w_j·mean_i g1_ij(k)/M1, and likewise for M2; each set
sums to 1 (Alkire & Foster 2011, §3; OPHI book ch. 5).

Scores are compared with k using a 1e-9 tolerance: 1/6 + 1/6 is
0.3333333333333333 while k = 1/3 may arrive as 0.33333333333333337, and a unit
deprived in exactly k must count (OPHI's own Stata/R tools do the same).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

TOLERANCE = 1e-9


@dataclass(frozen=True)
class AFResult:
    """H, A, M0 as floats; per-indicator headcounts and contributions as Series."""

    H: float
    A: float
    M0: float
    n: float
    q: float
    k: float
    uncensored_headcounts: pd.Series
    censored_headcounts: pd.Series
    contributions: pd.Series
    scores: pd.Series
    poor: pd.Series
    M1: float | None = None  # adjusted poverty gap (cardinal achievements only)
    M2: float | None = None  # adjusted squared gap (FGT-2 analogue)
    contributions_M1: pd.Series | None = None
    contributions_M2: pd.Series | None = None

    @property
    def G(self) -> float | None:
        """Average normalised gap among the poor's deprivations (M1 = H·A·G)."""
        return None if self.M1 is None or self.M0 == 0 else self.M1 / self.M0

    @property
    def S(self) -> float | None:
        """Average squared gap among the poor's deprivations (M2 = H·A·S)."""
        return None if self.M2 is None or self.M0 == 0 else self.M2 / self.M0


def _validate(achievements: pd.DataFrame, cutoffs: Mapping[str, float], weights: Mapping[str, float],
              k: float) -> None:
    missing = [c for c in cutoffs if c not in achievements.columns]
    if missing:
        raise ValueError(f"cutoff given for column(s) {missing} not in the data; "
                         f"columns are {list(achievements.columns)}")
    if set(weights) != set(cutoffs):
        raise ValueError(f"weights and cutoffs must name the same indicators: weights {sorted(weights)}, "
                         f"cutoffs {sorted(cutoffs)}")
    negative = {c: w for c, w in weights.items() if w < 0}
    if negative:
        raise ValueError(f"weights must be ≥ 0; negative: {negative}")
    total = float(sum(weights.values()))
    if abs(total - 1) > 1e-6:
        raise ValueError(f"weights must sum to 1, they sum to {total:.6g}")
    if not 0 < k <= 1:
        raise ValueError(f"k must lie in (0, 1], got {k!r}")


def alkire_foster(
    achievements: pd.DataFrame,
    cutoffs: Mapping[str, float],
    weights: Mapping[str, float],
    k: float,
    sample_weights: pd.Series | None = None,
    cardinal: bool = False,
) -> AFResult:
    """AF measures for ``achievements`` (rows = units, higher = better) at poverty cutoff ``k``.

    Rows with a missing value in any indicator are excluded (OPHI's default
    for the global MPI is to require complete indicator data). ``cardinal``
    adds the gap measures M1 and M2 (module docstring).
    """
    _validate(achievements, cutoffs, weights, k)
    cols = list(cutoffs)
    data = achievements[cols]
    complete = data.notna().all(axis=1)
    data = data[complete]
    w_units = (sample_weights[complete].astype(float) if sample_weights is not None
               else pd.Series(1.0, index=data.index))
    z = np.array([cutoffs[c] for c in cols], dtype=float)
    w = np.array([weights[c] for c in cols], dtype=float)
    g0 = data.to_numpy(dtype=float) < z
    scores = g0 @ w
    poor = scores >= k - TOLERANCE
    share = w_units.to_numpy() / w_units.sum()
    H = float(share[poor].sum())
    M0 = float((share * np.where(poor, scores, 0.0)).sum())
    A = M0 / H if H > 0 else 0.0
    uncensored = pd.Series(share @ g0, index=cols)
    censored = pd.Series(share @ (g0 & poor[:, None]), index=cols)
    contributions = (pd.Series(w, index=cols) * censored / M0) if M0 > 0 else censored * 0.0
    gaps = _gap_measures(data, z, w, g0 & poor[:, None], share) if cardinal else {}
    return AFResult(H, A, M0, float(w_units.sum()), float(w_units[poor].sum()), k, uncensored, censored,
                    contributions, pd.Series(scores, index=data.index), pd.Series(poor, index=data.index),
                    **gaps)


def _gap_measures(data: pd.DataFrame, z: np.ndarray, w: np.ndarray, censored: np.ndarray,
                  share: np.ndarray) -> dict:
    """M1, M2 and their indicator contributions from the censored normalised gaps."""
    if (z <= 0).any():
        bad = [c for c, cut in zip(data.columns, z, strict=True) if cut <= 0]
        raise ValueError(f"gap measures need cutoffs > 0 (a gap is a share of the cutoff); not so for {bad}")
    x = data.to_numpy(dtype=float)
    if (x < 0).any():
        bad = [str(c) for j, c in enumerate(data.columns) if (x[:, j] < 0).any()]
        raise ValueError(f"gap measures need achievements ≥ 0; negative values in {bad}")
    out: dict[str, object] = {}
    for alpha in (1, 2):
        gap = np.where(censored, (z - x) / z, 0.0) ** alpha
        by_indicator = pd.Series(w * (share @ gap), index=data.columns)
        total = float(by_indicator.sum())
        out[f"M{alpha}"] = total
        out[f"contributions_M{alpha}"] = by_indicator / total if total > 0 else by_indicator * 0.0
    return out


def decompose(achievements: pd.DataFrame, groups: pd.Series, cutoffs: Mapping[str, float],
              weights: Mapping[str, float], k: float, sample_weights: pd.Series | None = None) -> pd.DataFrame:
    """H, A, M0 per subgroup with population shares and contributions to the overall M0 (sum to 1)."""
    overall = alkire_foster(achievements, cutoffs, weights, k, sample_weights)
    rows = []
    for value, index in groups.loc[overall.scores.index].groupby(groups, sort=True).groups.items():
        sub = alkire_foster(achievements.loc[index], cutoffs, weights, k,
                            sample_weights.loc[index] if sample_weights is not None else None)
        share = sub.n / overall.n
        rows.append({"group": value, "population_share": share, "H": sub.H, "A": sub.A, "M0": sub.M0,
                     "contribution": share * sub.M0 / overall.M0 if overall.M0 > 0 else 0.0})
    return pd.DataFrame(rows)
