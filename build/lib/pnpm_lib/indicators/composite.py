"""Composite index in explicit steps (OECD/JRC Handbook 2008): normalise → weight → aggregate.

Every indicator is first turned so that higher is better (``directions`` −1
flips it). Normalisations: ``minmax`` (0–1 over the data given), ``zscore``
(mean 0, **sample** SD 1, as COINr's ``n_zscore`` and most handbooks),
``goalposts`` (fixed bounds per indicator, (x − lo)/(hi − lo) truncated to
[0, 1], COINr's ``n_goalposts``: a 2007 and a 2014 score are on one scale
whatever the data of either year), ``target`` (value / target, capped at 1:
distance to a target) and ``rank`` (percentile rank 0–1).
Weights: equal, user/expert, PCA-derived (squared loadings of the first
component of the correlation matrix) or benefit-of-the-doubt (``benefit``).
Aggregation: ``arithmetic`` (fully compensatory), ``geometric`` and
``harmonic`` (partly compensatory; both work on the normalised values rescaled
to [1, 100], COINr's convention, so that one zero cannot annihilate a unit's
score), and the non-compensatory ``copeland`` (COINr's ``a_copeland``: for each
pair of units, the weight of the indicators where one beats the other, ties
counting half; a pairwise win scores +1, a loss −1) and ``borda`` (the weighted
share of other units a unit beats, indicator by indicator, ties half; 0–1).
The pairwise methods compare every pair of units: they are for regions (up to
``PAIRWISE_MAX`` units), not for 80,000 villages.

Outliers (``treat_outliers``, COINr's ``qTreat`` default): an indicator with
|skewness| > 2 and kurtosis > 3.5 has its most extreme values winsorised one at
a time, at most ``winmax`` (5) of them; if that does not bring it inside the
bounds it is log-transformed instead, log(x − min + (max − min)/100).

Missing data: a unit's index uses the weights of the indicators it has,
re-normalised, when those carry at least ``min_coverage`` of the total weight
(default 2/3); below that its index is missing. Nothing is imputed.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

NORMALISATIONS = ("minmax", "zscore", "goalposts", "target", "rank")
AGGREGATIONS = ("arithmetic", "geometric", "harmonic", "copeland", "borda")
PAIRWISE_MAX = 5000
"""Most units the pairwise aggregations (Copeland, Borda) accept: n² comparisons per indicator."""


def oriented(data: pd.DataFrame, directions: Mapping[str, int]) -> pd.DataFrame:
    """Flip indicators whose direction is −1 so that higher is always better."""
    bad = {c: d for c, d in directions.items() if d not in (1, -1)}
    if bad:
        raise ValueError(f"direction must be 1 (higher is better) or -1 (lower is better); got {bad}")
    return data[list(directions)] * pd.Series(directions, dtype=float)


def oriented_goalposts(goalposts: Mapping[str, tuple[float, float]],
                       directions: Mapping[str, int]) -> dict[str, tuple[float, float]]:
    """Goalposts given on the indicators' own scale (low, high), turned like ``oriented`` turns the data."""
    out = {}
    for key, (low, high) in goalposts.items():
        if not low < high:
            raise ValueError(f"goalposts for {key!r} must be (low, high) with low < high, got {(low, high)}")
        out[key] = (low, high) if directions.get(key, 1) == 1 else (-high, -low)
    return out


def normalise(data: pd.DataFrame, method: str = "minmax", targets: Mapping[str, float] | None = None,
              goalposts: Mapping[str, tuple[float, float]] | None = None) -> pd.DataFrame:
    """Normalise each column of already-oriented ``data`` (see the module docstring)."""
    if method == "minmax":
        span = data.max() - data.min()
        return (data - data.min()) / span.where(span > 0)
    if method == "zscore":
        return (data - data.mean()) / data.std(ddof=1).replace(0, np.nan)
    if method == "goalposts":
        if not goalposts or set(goalposts) != set(data.columns):
            missing = sorted(set(data.columns) - set(goalposts or {}))
            raise ValueError(f"normalisation 'goalposts' needs (low, high) for every indicator; missing {missing}")
        low = pd.Series({k: v[0] for k, v in goalposts.items()}, dtype=float)
        high = pd.Series({k: v[1] for k, v in goalposts.items()}, dtype=float)
        return ((data - low) / (high - low)).clip(0, 1)
    if method == "rank":
        return data.rank(pct=True)
    if method == "target":
        if not targets or set(targets) != set(data.columns):
            raise ValueError("normalisation 'target' needs a target for every indicator")
        return (data / pd.Series(targets, dtype=float)).clip(upper=1)
    raise ValueError(f"unknown normalisation {method!r}; choose one of {', '.join(NORMALISATIONS)}")


def treat_outliers(data: pd.DataFrame, winmax: int = 5) -> tuple[pd.DataFrame, dict[str, str]]:
    """Winsorise or log-transform skewed indicators (module docstring); also says what it did to each."""
    treated, report = data.copy(), {}
    for column in data.columns:
        x = data[column]
        if not _skewed(x):
            continue
        y, done = x.copy(), 0
        while _skewed(y) and done < winmax:
            upper = _num(y.skew()) > 0
            extreme = y.max() if upper else y.min()
            rest = y[y != extreme]
            if rest.empty:
                break
            y = y.where(y != extreme, rest.max() if upper else rest.min())
            done += int((x == extreme).sum())
        if _skewed(y):
            lo, hi = x.min(), x.max()
            y = np.log(x - lo + (hi - lo) / 100) if _num(x.skew()) > 0 else -np.log(hi - x + (hi - lo) / 100)
            report[column] = "log"
        else:
            report[column] = f"winsorised {done}"
        treated[column] = y
    return treated, report


def _num(value: object) -> float:
    """A pandas reduction (typed as any scalar) as the float it is for a numeric column."""
    return float(value)  # type: ignore[arg-type]


def _skewed(x: pd.Series) -> bool:
    return abs(_num(x.skew())) > 2 and _num(x.kurt()) > 3.5


def pca_weights(data: pd.DataFrame) -> dict[str, float]:
    """Squared loadings of the first principal component of the correlation matrix, summing to 1."""
    corr = data.corr().to_numpy()
    if np.isnan(corr).any():
        raise ValueError("PCA weights need indicators that vary (a constant column has no correlation)")
    _, vectors = np.linalg.eigh(corr)
    loadings = vectors[:, -1] ** 2
    return dict(zip(data.columns, loadings / loadings.sum(), strict=True))


def check_weights(weights: Mapping[str, float], columns) -> np.ndarray:
    """Weights as an array in ``columns`` order; non-negative and summing to 1, or ValueError."""
    missing = [c for c in columns if c not in weights]
    if missing or set(weights) - set(columns):
        raise ValueError(f"weights must name exactly the indicators {list(columns)}; got {sorted(weights)}")
    w = np.array([weights[c] for c in columns], dtype=float)
    if (w < 0).any() or abs(w.sum() - 1) > 1e-6:
        raise ValueError(f"weights must be ≥ 0 and sum to 1; they sum to {w.sum():.6g}")
    return w


def aggregate(normalised: pd.DataFrame, weights: Mapping[str, float], method: str = "arithmetic",
              min_coverage: float = 2 / 3) -> pd.Series:
    """The index per unit (see the module's missing-data rule)."""
    w = check_weights(weights, normalised.columns)
    if method not in AGGREGATIONS:
        raise ValueError(f"unknown aggregation {method!r}; choose one of {', '.join(AGGREGATIONS)}")
    x = normalised.to_numpy(dtype=float)
    present = ~np.isnan(x)
    coverage = present @ w
    if method in ("copeland", "borda"):
        score = _pairwise(x, w, method)
    else:
        wn = np.where(present, w, 0.0) / np.where(coverage > 0, coverage, np.nan)[:, None]
        if method == "arithmetic":
            score = (np.where(present, x, 0.0) * wn).sum(axis=1)
        else:
            scaled = np.where(present, _to_1_100(x), 1.0)
            score = (np.exp((np.log(scaled) * wn).sum(axis=1)) if method == "geometric"
                     else 1 / (wn / scaled).sum(axis=1))
    return pd.Series(np.where(coverage >= min_coverage - 1e-9, score, np.nan), index=normalised.index)


def _pairwise(x: np.ndarray, w: np.ndarray, method: str) -> np.ndarray:
    """Copeland scores or weighted Borda shares; a comparison with a missing value counts as a tie."""
    n = x.shape[0]
    if n > PAIRWISE_MAX:
        raise ValueError(f"{method} aggregation compares every pair of units; {n:,} units is more than "
                         f"{PAIRWISE_MAX:,} (aggregate regions, or use arithmetic/geometric/harmonic)")
    beats = np.zeros((n, n))  # beats[i, j]: weight of the indicators where i is better than j, ties half
    for j, weight in enumerate(w):
        col = x[:, j]
        known = ~np.isnan(col)[:, None] & ~np.isnan(col)[None, :]
        wins = np.where(known, (col[:, None] > col[None, :]) + 0.5 * (col[:, None] == col[None, :]), 0.5)
        beats += weight * wins
    np.fill_diagonal(beats, 0.5)
    if method == "borda":
        return (beats.sum(axis=1) - 0.5) / max(n - 1, 1)
    return np.sign(beats - 0.5).sum(axis=1)


def _to_1_100(x: np.ndarray) -> np.ndarray:
    lo, hi = np.nanmin(x, axis=0), np.nanmax(x, axis=0)
    span = np.where(hi > lo, hi - lo, 1.0)
    return 1 + 99 * (x - lo) / span


def composite(data: pd.DataFrame, directions: Mapping[str, int], weights: Mapping[str, float] | str = "equal",
              normalisation: str = "minmax", aggregation: str = "arithmetic",
              targets: Mapping[str, float] | None = None) -> pd.Series:
    """The whole pipeline in one call: orient → normalise → weight → aggregate."""
    x = normalise(oriented(data, directions), normalisation, targets)
    if weights == "equal":
        weights = {c: 1 / len(directions) for c in directions}
    elif weights == "pca":
        weights = pca_weights(x.dropna())
    elif isinstance(weights, str):
        raise ValueError(f"unknown weights {weights!r}; give 'equal', 'pca' or a mapping of indicator → weight")
    return aggregate(x, weights, aggregation)


def cronbach_alpha(data: pd.DataFrame) -> float:
    """Internal consistency of a pillar's indicators (complete rows); ≥ 0.7 is the usual bar."""
    x = data.dropna()
    k = x.shape[1]
    if k < 2:
        return float("nan")
    total = x.sum(axis=1).var(ddof=1)
    return float(k / (k - 1) * (1 - x.var(ddof=1).sum() / total)) if total > 0 else float("nan")
