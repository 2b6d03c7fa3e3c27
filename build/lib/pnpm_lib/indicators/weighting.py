"""Weights a composite can be built with, and what weights actually do once the data are in.

Benefit of the doubt (Cherchye, Moesen, Rogge & Van Puyenbroeck 2007; OECD/JRC
Handbook §6.1.5): each unit gets the weights that show it in the best light,
subject to no unit scoring above 1 with those weights. Unit i's score solves the
linear programme  max_w Σ_j w_j y_ij  s.t.  Σ_j w_j y_kj ≤ 1 for every unit k,
w ≥ 0. Without limits a unit can put all its weight on its one good indicator,
so ``share_bounds`` (low, high) bound each indicator's share of the unit's score,
w_j y_ij / Σ_l w_l y_il — the "pie share" restrictions of the literature. The
data must be normalised and ≥ 0 (min–max or goalposts); units with a missing
value get no score and are not part of the frontier. One LP per unit (scipy's
HiGHS): fine for regions, slow for 80,000 villages.

Nominal weights are not what a composite rewards: an indicator with a high mean
contributes more than its weight says, and one that barely varies moves no
rank. ``effective_weights`` reports, per indicator, the nominal weight, its
share of the mean index, and its importance — the squared correlation with the
index, normalised to sum to 1 (the linear first-order importance measure of
Paruolo, Saisana & Saltelli 2013).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pnpm_lib.indicators.composite import check_weights


@dataclass(frozen=True)
class BenefitOfDoubt:
    scores: pd.Series  # 0–1; 1 = on the frontier
    weights: pd.DataFrame  # each unit's own weights (rows = units)
    shares: pd.DataFrame  # each indicator's share of the unit's score


def benefit_of_doubt(normalised: pd.DataFrame,
                     share_bounds: Mapping[str, tuple[float, float]] | None = None) -> BenefitOfDoubt:
    """Benefit-of-the-doubt scores and weights for every complete unit (module docstring)."""
    from scipy.optimize import linprog

    complete = normalised.dropna()
    y = complete.to_numpy(dtype=float)
    if (y < 0).any():
        raise ValueError("benefit of the doubt needs normalised indicators ≥ 0 (min–max or goalposts)")
    k = y.shape[1]
    bounds = _share_bounds(share_bounds, list(normalised.columns))
    weights = np.full_like(y, np.nan)
    for i, row in enumerate(y):
        a_ub, b_ub = [y], [np.ones(len(y))]
        if bounds is not None:
            low, high = bounds
            # low·Σ w y_i − w_j y_ij ≤ 0  and  w_j y_ij − high·Σ w y_i ≤ 0
            a_ub += [low[:, None] * row[None, :] - np.diag(row), np.diag(row) - high[:, None] * row[None, :]]
            b_ub += [np.zeros(k), np.zeros(k)]
        solved = linprog(-row, A_ub=np.vstack(a_ub), b_ub=np.concatenate(b_ub), bounds=(0, None), method="highs")
        if not solved.success:
            raise ValueError(f"benefit of the doubt has no solution for unit {complete.index[i]!r} "
                             f"({solved.message}); loosen share_bounds")
        weights[i] = solved.x
    scores = (weights * y).sum(axis=1)
    shares = np.divide(weights * y, scores[:, None], out=np.full_like(y, np.nan), where=scores[:, None] > 0)
    def frame(values: np.ndarray) -> pd.DataFrame:
        return pd.DataFrame(values, index=complete.index, columns=normalised.columns)

    return BenefitOfDoubt(pd.Series(scores, index=complete.index).reindex(normalised.index),
                          frame(weights), frame(shares))


def _share_bounds(share_bounds: Mapping[str, tuple[float, float]] | None,
                  columns: list[str]) -> tuple[np.ndarray, np.ndarray] | None:
    if share_bounds is None:
        return None
    unknown = sorted(set(share_bounds) - set(columns))
    if unknown:
        raise ValueError(f"share_bounds names indicators not in the data: {unknown}")
    low = np.array([share_bounds.get(c, (0.0, 1.0))[0] for c in columns], dtype=float)
    high = np.array([share_bounds.get(c, (0.0, 1.0))[1] for c in columns], dtype=float)
    if (low < 0).any() or (high > 1).any() or (low > high).any() or low.sum() > 1 or high.sum() < 1:
        raise ValueError("share_bounds must satisfy 0 ≤ low ≤ high ≤ 1, Σ low ≤ 1 ≤ Σ high")
    return low, high


def effective_weights(normalised: pd.DataFrame, weights: Mapping[str, float],
                      index: pd.Series) -> pd.DataFrame:
    """Per indicator: nominal weight, share of the mean index, and importance (r² with the index, sum 1)."""
    w = pd.Series(check_weights(weights, normalised.columns), index=normalised.columns)
    both = normalised.assign(_index=index).dropna()
    means = both[normalised.columns].mean()
    contribution = w * means / float((w * means).sum())
    r = both[normalised.columns].corrwith(both["_index"])
    r2 = r.fillna(0.0) ** 2
    return pd.DataFrame({"nominal": w, "mean_share": contribution, "correlation": r,
                         "importance": r2 / float(r2.sum()) if r2.sum() > 0 else r2})
