"""Rambachan–Roth (2023) relative-magnitude bounds with the conditional least-favourable (C-LF) confidence set.

Δ^RM(M̄) lets parallel trends fail after entry, but each period-to-period change of the violation may be at
most M̄ times the largest change before entry. The set is a union of polyhedra — one for each pre-entry
period whose change is the largest, and each sign of that change — and the robust confidence set is the
union of the acceptance regions of the Andrews, Roth & Pakes (2023) hybrid test over them: a least-favourable
first stage of size κ = α/10, then the conditional test of size (α − κ)/(1 − κ). This is the reference
HonestDiD package's default for Δ^RM; the simpler "identified set ± 1.96 SE" ignores that the largest
pre-entry change is itself estimated, and is too narrow (it would overstate the breakdown value).

The test's linear programme is small — two moments per post-entry period and one nuisance parameter fewer
than post-entry periods — so the vertices of its dual are enumerated once per polyhedron. For any θ the
statistic is then the largest vertex value, and the truncation bounds of the conditional test come in closed
form from the same vertices: no solver and no bisection inside the θ loop.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from math import comb

import numpy as np
from scipy import stats

from pnpm_lib.errors import EvaluationError

MAX_BASES = 60_000  # dual bases to enumerate: 8 post-entry periods need C(16, 8) = 12,870


@dataclass(frozen=True)
class _Polyhedron:
    """One piece of Δ^RM in the test's coordinates: moments y(θ) = p − q·θ must be ≤ X·τ̃ for some τ̃."""

    y: np.ndarray  # A·β̂ on the rows used
    a1: np.ndarray  # how the moments move with θ
    sigma: np.ndarray  # covariance of y
    vertices: np.ndarray  # vertices of the dual feasible set {γ ≥ 0 : γ'sd = 1, γ'X = 0}
    lf_cv: float  # least-favourable critical value of the first stage


def relative_magnitude_ci(betahat: np.ndarray, sigma: np.ndarray, n_pre: int, n_post: int,
                          l_vec: np.ndarray | None = None, mbar: float = 1.0, alpha: float = 0.05,
                          grid_points: int = 1000, sims: int = 10_000, seed: int = 0) -> tuple[float, float]:
    """The C-LF robust confidence interval for θ = l'τ_post under Δ^RM(M̄).

    ``betahat`` and ``sigma`` are the event-study coefficients, pre-entry periods first (oldest first) then
    post-entry ones, the reference period (the last one before entry) omitted. The interval's ends are
    refined by bisection beyond the ``grid_points`` grid; ±inf means it is unbounded on that side.
    """
    betahat, sigma = np.asarray(betahat, float), np.asarray(sigma, float)
    l_vec = np.full(n_post, 1 / n_post) if l_vec is None else np.asarray(l_vec, float).ravel()
    _check(betahat, sigma, n_pre, n_post, l_vec, mbar)
    kappa = alpha / 10
    rng = np.random.default_rng(seed)
    pieces = [_polyhedron(betahat, sigma, n_pre, n_post, l_vec, mbar, s, sign, kappa, sims, rng)
              for s in range(-(n_pre - 1), 1) for sign in (1, -1)]

    def accept(theta: np.ndarray) -> np.ndarray:
        return np.any([_accepts(p, theta, alpha, kappa) for p in pieces], axis=0)

    centre = float(l_vec @ betahat[n_pre:])
    half = 20 * float(np.sqrt(l_vec @ sigma[n_pre:, n_pre:] @ l_vec))
    for _ in range(8):
        grid = np.linspace(centre - half, centre + half, grid_points)
        ok = accept(grid)
        if not ok.any():
            return float("nan"), float("nan")  # empty: Δ^RM is rejected outright at every θ
        if not (ok[0] or ok[-1]):
            break
        half *= 4
    else:
        return (-np.inf if ok[0] else _edge(accept, grid, ok, low=True),
                np.inf if ok[-1] else _edge(accept, grid, ok, low=False))
    return _edge(accept, grid, ok, low=True), _edge(accept, grid, ok, low=False)


def _check(betahat: np.ndarray, sigma: np.ndarray, n_pre: int, n_post: int, l_vec: np.ndarray,
           mbar: float) -> None:
    if n_pre < 1 or n_post < 1:
        raise EvaluationError("relative-magnitude bounds need at least one pre-entry and one post-entry period "
                              "besides the reference period")
    if betahat.shape != (n_pre + n_post,) or sigma.shape != (n_pre + n_post,) * 2:
        raise EvaluationError(f"event-study estimates: expected {n_pre + n_post} coefficients and a square "
                              f"covariance of that size, got {betahat.shape} and {sigma.shape}")
    if l_vec.shape != (n_post,) or not np.any(l_vec):
        raise EvaluationError(f"target weights: expected {n_post} post-entry weights, not all zero")
    if mbar < 0:
        raise EvaluationError(f"M̄ must be ≥ 0, got {mbar}")


def rm_constraints(n_pre: int, n_post: int, mbar: float, s: int, positive: bool) -> np.ndarray:
    """A with Δ^RM_{s,±}(M̄) = {δ : Aδ ≤ 0}: every change |δ_t − δ_{t−1}| at most the change into pre-entry
    period s (taken with the sign), times M̄ after entry. Columns: pre-entry periods, then post-entry ones."""
    n = n_pre + n_post
    change = np.zeros((n, n + 1))  # column n_pre is the reference period, δ = 0 there
    change[np.arange(n), np.arange(n)] = -1
    change[np.arange(n), np.arange(n) + 1] = 1
    largest = np.zeros(n + 1)
    largest[n_pre + s - 1: n_pre + s + 1] = (-1, 1) if positive else (1, -1)
    bound = np.vstack([np.tile(largest, (n_pre, 1)), np.tile(mbar * largest, (n_post, 1))])
    a = np.vstack([change - bound, -change - bound])
    a = a[(a ** 2).sum(axis=1) > 1e-10]
    return np.delete(a, n_pre, axis=1)


def _gamma(l_vec: np.ndarray) -> np.ndarray:
    """An invertible matrix whose first row is l': l, then the unit vectors but the one at l's last non-zero."""
    last = int(np.flatnonzero(l_vec)[-1])
    return np.vstack([l_vec, np.delete(np.eye(len(l_vec)), last, axis=0)])


def _polyhedron(betahat: np.ndarray, sigma: np.ndarray, n_pre: int, n_post: int, l_vec: np.ndarray,
                mbar: float, s: int, sign: int, kappa: float, sims: int, rng: np.random.Generator) -> _Polyhedron:
    a = rm_constraints(n_pre, n_post, mbar, s, sign > 0)
    if n_post > 1:  # as the reference: moments on pre-entry periods alone are left out when there is a nuisance
        a = a[np.any(a[:, n_pre:] != 0, axis=1)]
    moved = a[:, n_pre:] @ np.linalg.inv(_gamma(l_vec))
    cov = a @ sigma @ a.T
    vertices = _dual_vertices(np.sqrt(np.diag(cov)), moved[:, 1:])
    draws = rng.multivariate_normal(np.zeros(len(cov)), cov, size=sims, method="eigh")
    lf_cv = float(np.quantile((draws @ vertices.T).max(axis=1), 1 - kappa))
    return _Polyhedron(a @ betahat, moved[:, 0], cov, vertices, lf_cv)


def _dual_vertices(sd: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Vertices of {γ ≥ 0 : γ'[sd, X] = (1, 0, …, 0)} — the basic feasible solutions, one per basis."""
    w = np.column_stack([sd, x])
    m, k1 = w.shape
    if comb(m, k1) > MAX_BASES:
        raise EvaluationError(f"relative-magnitude bounds: {m // 2} post-entry periods are too many for the exact "
                              "test here; pool event times or choose fewer post-entry periods")
    bases = np.array(list(combinations(range(m), k1)))
    blocks = w[bases].transpose(0, 2, 1)  # (bases, k+1, k+1): W_B'
    e1 = np.zeros(k1)
    e1[0] = 1
    invertible = np.abs(np.linalg.det(blocks)) > 1e-12 * np.abs(w).max() ** k1
    solved = np.linalg.solve(blocks[invertible], np.broadcast_to(e1, (int(invertible.sum()), k1))[..., None])[..., 0]
    feasible = (solved >= -1e-10).all(axis=1)
    gamma = np.zeros((int(feasible.sum()), m))
    np.put_along_axis(gamma, bases[invertible][feasible], np.clip(solved[feasible], 0, None), axis=1)
    if not len(gamma):
        raise EvaluationError("relative-magnitude bounds: the moment inequalities have no dual vertex")
    return np.unique(np.round(gamma, 12), axis=0)


def _accepts(p: _Polyhedron, theta: np.ndarray, alpha: float, kappa: float) -> np.ndarray:
    """The hybrid test at every θ: True where θ is not rejected."""
    values = p.vertices @ p.y - np.outer(theta, p.vertices @ p.a1)  # (θ, vertex): γ'y(θ)
    best = values.argmax(axis=1)
    eta = values[np.arange(len(theta)), best]
    gamma = p.vertices[best]  # the dual solution at each θ
    var = np.einsum("ti,ij,tj->t", gamma, p.sigma, gamma)
    sd_b = np.sqrt(np.clip(var, 0, None))
    slope = p.vertices @ (p.sigma @ gamma.T) / np.where(var > 0, var, 1)  # (vertex, θ): γ_v'Σγ̃ / γ̃'Σγ̃
    # γ̃ stays the best vertex for η = c while γ_v'y − slope_v·η + slope_v·c ≤ c for every vertex v
    level = values.T - slope * eta
    with np.errstate(divide="ignore", invalid="ignore"):
        cut = level / (1 - slope)
    lo = np.where(slope < 1 - 1e-9, cut, -np.inf).max(axis=0)
    up = np.where(slope > 1 + 1e-9, cut, np.inf).min(axis=0)
    size = (alpha - kappa) / (1 - kappa)
    with np.errstate(divide="ignore", invalid="ignore"):
        zlo, zup, stat = lo / sd_b, np.minimum(up, p.lf_cv) / sd_b, eta / sd_b
        cval = np.maximum(0.0, stats.truncnorm.ppf(1 - size, zlo, zup))
    reject = (stat > cval) & (zlo <= stat) & (stat <= zup)
    reject |= eta > p.lf_cv  # the least-favourable first stage
    reject = np.where(sd_b < 1e-10, eta > 0, reject)
    return ~reject


def _edge(accept, grid: np.ndarray, ok: np.ndarray, low: bool, steps: int = 40) -> float:
    """Refine the lowest (or highest) accepted grid point against its rejected neighbour by bisection."""
    i = int(np.flatnonzero(ok)[0 if low else -1])
    inside, outside = grid[i], grid[i - 1 if low else i + 1]
    for _ in range(steps):
        mid = (inside + outside) / 2
        if accept(np.array([mid]))[0]:
            inside = mid
        else:
            outside = mid
    return float(inside)


def breakdown(betahat: np.ndarray, sigma: np.ndarray, n_pre: int, n_post: int, l_vec: np.ndarray | None = None,
              upper: float = 4.0, alpha: float = 0.05, tol: float = 0.01) -> float | None:
    """The smallest M̄ (to ``tol``) at which the robust interval includes zero; None if not up to ``upper``."""
    def excludes_zero(m: float) -> bool:
        low, high = relative_magnitude_ci(betahat, sigma, n_pre, n_post, l_vec, m, alpha, grid_points=400)
        return bool(low > 0 or high < 0)

    if not excludes_zero(0.0):
        return 0.0
    if excludes_zero(upper):
        return None
    lo, hi = 0.0, upper
    while hi - lo > tol:
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if excludes_zero(mid) else (lo, mid)
    return hi
