"""Uncertainty analysis of a composite index: Monte Carlo over methodological choices (JRC audit).

Each draw picks a normalisation (min-max, z-score, rank), an aggregation
(arithmetic, geometric) and weights perturbed by ±``noise`` (uniform, then
re-normalised; COINr's default is 25%). Draws that share a normalisation and
aggregation are computed as one matrix product, so 1,000 draws over 80,000
villages are a few BLAS calls plus a rank per draw. Reported per unit: the
nominal rank, the median simulated rank and the 5–95% rank interval; overall:
the mean absolute rank shift against the nominal ranking.

Missing values follow ``composite.aggregate``'s rule in every draw: a unit is
scored from the indicators it has, their weights re-normalised, and is ranked
only when those carry at least ``min_coverage`` of the nominal weight.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pnpm_lib.indicators.composite import (
    _to_1_100,
    aggregate,
    check_weights,
    composite,
    normalise,
    oriented,
)


@dataclass(frozen=True)
class Sensitivity:
    ranks: pd.DataFrame  # nominal_rank, median_rank, rank_p05, rank_p95 per unit (1 = best)
    mean_rank_shift: float
    draws: int


def uncertainty(data: pd.DataFrame, directions: Mapping[str, int], weights: Mapping[str, float],
                draws: int = 1000, noise: float = 0.25, seed: int = 1,
                normalisations: tuple[str, ...] = ("minmax", "zscore", "rank"),
                aggregations: tuple[str, ...] = ("arithmetic", "geometric"),
                min_coverage: float = 2 / 3) -> Sensitivity:
    """Monte Carlo ranks of every unit with enough data (see the module docstring)."""
    w0 = check_weights(weights, list(directions))
    x = oriented(data, directions)
    x = x[(x.notna().to_numpy() @ w0) >= min_coverage - 1e-9]
    rng = np.random.default_rng(seed)
    choice_n = rng.integers(0, len(normalisations), draws)
    choice_a = rng.integers(0, len(aggregations), draws)
    w = w0 * rng.uniform(1 - noise, 1 + noise, (draws, len(w0)))
    w /= w.sum(axis=1, keepdims=True)
    ranks = np.empty((len(x), draws), dtype=np.int32)
    for i, norm in enumerate(normalisations):
        base = normalise(x, norm).to_numpy(dtype=np.float64)
        present = ~np.isnan(base)
        filled = {"arithmetic": np.where(present, base, 0.0),
                  "geometric": np.where(present, np.log(_to_1_100(base)), 0.0)}
        for j, agg in enumerate(aggregations):
            idx = np.flatnonzero((choice_n == i) & (choice_a == j))
            if idx.size == 0:
                continue
            scores = (filled[agg] @ w[idx].T) / (present @ w[idx].T)
            ranks[:, idx] = _rank_desc(scores)
    as_is = {c: 1 for c in directions}  # x is already oriented: do not flip it twice
    nominal = composite(x, as_is, dict(zip(directions, w0, strict=True))).rank(ascending=False,
                                                                               method="min").astype(int)
    p05, p50, p95 = np.percentile(ranks, [5, 50, 95], axis=1)
    table = pd.DataFrame({"nominal_rank": nominal.to_numpy(), "median_rank": p50, "rank_p05": p05,
                          "rank_p95": p95}, index=x.index)
    shift = float(np.abs(ranks - nominal.to_numpy()[:, None]).mean())
    return Sensitivity(table, shift, draws)


def _rank_desc(scores: np.ndarray) -> np.ndarray:
    """Rank each column, 1 = highest score (ties broken by order, fine at Monte Carlo scale)."""
    order = np.argsort(-scores, axis=0, kind="stable")
    ranks = np.empty_like(order, dtype=np.int32)
    np.put_along_axis(ranks, order, np.arange(1, scores.shape[0] + 1, dtype=np.int32)[:, None], axis=0)
    return ranks


@dataclass(frozen=True)
class SobolResult:
    """First-order and total-effect indices per factor, with bootstrap intervals."""

    table: pd.DataFrame  # index = factor; first, first_low, first_high, total, total_low, total_high
    n: int  # base sample size N (model runs = N · (factors + 2))
    runs: int
    variance: float  # variance of the output over the A and B samples
    confidence: float


def sobol(model: Callable[[np.ndarray], np.ndarray], groups: Mapping[str, int], n: int = 512, seed: int = 1,
          bootstrap: int = 1000, confidence: float = 0.9) -> SobolResult:
    """Variance-based indices of ``model`` over independent U(0, 1) inputs, by groups of columns.

    ``groups`` maps each factor to its number of columns (a factor may be several
    inputs, e.g. all weights): the model receives a (runs × Σ columns) array and
    returns one output per run. Saltelli et al. (2010) design from a scrambled
    Sobol' sequence: matrices A and B, and for each factor A with that factor's
    columns taken from B. First order S = 1 − mean((f_B − f_ABg)²)/(2V), total
    effect ST = mean((f_A − f_ABg)²)/(2V) (both Jansen 1999; Saltelli et al. 2010
    table 2 (b) and (f)): f_B and f_ABg share only factor g, f_A and f_ABg all
    but g. Intervals: percentile bootstrap over the N rows.
    """
    from scipy.stats import qmc

    columns = sum(groups.values())
    base = qmc.Sobol(2 * columns, scramble=True, seed=seed).random(n)
    a, b = base[:, :columns], base[:, columns:]
    blocks, start = [a, b], 0
    for width in groups.values():
        ab = a.copy()
        ab[:, start:start + width] = b[:, start:start + width]
        blocks.append(ab)
        start += width
    out = np.asarray(model(np.vstack(blocks)), dtype=float).reshape(len(blocks), n)
    f_a, f_b, f_ab = out[0], out[1], out[2:]

    def indices(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        fa, fb, fab = f_a[rows], f_b[rows], f_ab[:, rows]
        var = np.var(np.concatenate([fa, fb]))
        if var == 0:
            return np.zeros(len(groups)), np.zeros(len(groups))
        first = 1 - ((fb - fab) ** 2).mean(axis=1) / (2 * var)
        return first, ((fa - fab) ** 2).mean(axis=1) / (2 * var)

    first, total = indices(np.arange(n))
    rng = np.random.default_rng(seed)
    draws = [indices(rng.integers(0, n, n)) for _ in range(bootstrap)]
    tail = (1 - confidence) / 2 * 100
    lo_f, hi_f = np.percentile([d[0] for d in draws], [tail, 100 - tail], axis=0)
    lo_t, hi_t = np.percentile([d[1] for d in draws], [tail, 100 - tail], axis=0)
    table = pd.DataFrame({"first": first, "first_low": lo_f, "first_high": hi_f,
                          "total": total, "total_low": lo_t, "total_high": hi_t}, index=list(groups))
    return SobolResult(table, n, n * (len(groups) + 2), float(np.var(np.concatenate([f_a, f_b]))), confidence)


COVERAGES = (0.5, 2 / 3, 1.0)
"""Missing-data rules the sensitivity analysis varies: the least weight a unit's indicators must carry."""


def method_sensitivity(data: pd.DataFrame, directions: Mapping[str, int], weights: Mapping[str, float],
                       n: int = 512, noise: float = 0.25, seed: int = 1,
                       normalisations: tuple[str, ...] = ("minmax", "zscore", "rank"),
                       aggregations: tuple[str, ...] = ("arithmetic", "geometric", "harmonic"),
                       coverages: tuple[float, ...] = COVERAGES, bootstrap: int = 1000) -> SobolResult:
    """Which methodological choice drives the ranks: Sobol' indices of the mean absolute rank shift.

    Factors: ``normalisation`` and ``aggregation`` (each option equally likely),
    ``weights`` (every weight × U(1 − noise, 1 + noise), re-normalised: one
    factor of K inputs), ``missing`` (the coverage rule, one of ``coverages``)
    and ``dropped`` (no indicator, or one of the K, dropped with its weight
    spread over the rest). Output of a run: the mean |rank − nominal rank| over
    the units ranked in both, the nominal being min–max, arithmetic, the given
    weights, coverage 2/3, nothing dropped.
    """
    w0 = check_weights(weights, list(directions))
    x = oriented(data, directions)
    x = x[(x.notna().to_numpy() @ w0) >= min(coverages) - 1e-9]
    k = len(w0)
    nominal_scores = composite(x, {c: 1 for c in directions}, dict(zip(directions, w0, strict=True))).to_numpy()
    nominal = _rank_desc(np.where(np.isnan(nominal_scores), -np.inf, nominal_scores)[:, None])[:, 0]
    nominal_ok = ~np.isnan(nominal_scores)
    prepared = {norm: _prepared(normalise(x, norm).to_numpy(dtype=np.float64)) for norm in normalisations}

    def model(u: np.ndarray) -> np.ndarray:
        def pick(col: int, options: Sequence) -> np.ndarray:  # U(0, 1) → an option, each equally likely
            return np.minimum((u[:, col] * len(options)).astype(int), len(options) - 1)

        norm_i, agg_i = pick(0, normalisations), pick(1, aggregations)
        w = w0 * (1 - noise + 2 * noise * u[:, 2:2 + k])
        cover = np.asarray(coverages)[pick(2 + k, coverages)]
        dropped = pick(3 + k, range(k + 1)) - 1  # −1: nothing dropped
        w[np.arange(len(u)), np.maximum(dropped, 0)] *= dropped < 0
        w /= w.sum(axis=1, keepdims=True)
        out = np.empty(len(u))
        for i, norm in enumerate(normalisations):
            for j, agg in enumerate(aggregations):
                for chunk in np.array_split(np.flatnonzero((norm_i == i) & (agg_i == j)), max(1, len(u) // 256)):
                    if chunk.size:
                        scores = _scores(prepared[norm], agg, w[chunk], cover[chunk])
                        ranks = _rank_desc(np.where(np.isnan(scores), -np.inf, scores))
                        both = ~np.isnan(scores) & nominal_ok[:, None]
                        shift = np.where(both, np.abs(ranks - nominal[:, None]), 0).sum(axis=0)
                        out[chunk] = shift / np.maximum(both.sum(axis=0), 1)
        return out

    return sobol(model, {"normalisation": 1, "aggregation": 1, "weights": k, "missing": 1, "dropped": 1},
                 n=n, seed=seed, bootstrap=bootstrap)


def _prepared(base: np.ndarray) -> dict[str, np.ndarray]:
    """The normalised matrix in the forms each aggregation multiplies (missing entries zeroed)."""
    present = ~np.isnan(base)
    scaled = _to_1_100(base)
    return {"present": present.astype(np.float64), "arithmetic": np.where(present, base, 0.0),
            "geometric": np.where(present, np.log(scaled), 0.0), "harmonic": np.where(present, 1 / scaled, 0.0)}


def _scores(p: dict[str, np.ndarray], aggregation: str, w: np.ndarray, cover: np.ndarray) -> np.ndarray:
    """Scores of every unit (rows) under each weight vector (columns), NaN below the coverage rule."""
    coverage = p["present"] @ w.T
    total = p[aggregation] @ w.T
    with np.errstate(divide="ignore", invalid="ignore"):
        if aggregation == "arithmetic":
            scores = total / coverage
        elif aggregation == "geometric":
            scores = np.exp(total / coverage)
        else:
            scores = coverage / total
    return np.where(coverage >= cover[None, :] - 1e-9, scores, np.nan)


def leave_one_out(data: pd.DataFrame, directions: Mapping[str, int], weights: Mapping[str, float],
                  min_coverage: float = 2 / 3) -> pd.DataFrame:
    """Per indicator: how far units' ranks move when it is left out (its weight spread over the rest)."""
    w0 = dict(zip(directions, check_weights(weights, list(directions)), strict=True))
    nominal = composite(data, directions, w0).rank(ascending=False, method="min")
    rows = {}
    for key in directions:
        rest = {c: w for c, w in w0.items() if c != key}
        total = sum(rest.values())
        if total <= 0:
            continue
        x = normalise(oriented(data, {c: directions[c] for c in rest}), "minmax")
        ranks = aggregate(x, {c: w / total for c, w in rest.items()}, min_coverage=min_coverage).rank(
            ascending=False, method="min")
        shift = (ranks - nominal).abs().dropna()
        rows[key] = {"mean_shift": float(shift.mean()), "p95_shift": float(shift.quantile(0.95)),
                     "max_shift": float(shift.max()), "units": int(len(shift))}
    return pd.DataFrame(rows).T
