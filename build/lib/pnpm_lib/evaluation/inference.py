"""Inference beyond the clustered SE: randomization inference and Romano–Wolf adjusted p-values.

Randomization inference (Fisher; Young 2019; Heß 2017 ``ritest``): PNPM was
assigned by kecamatan, so the DiD coefficient is recomputed with the treatment
labels re-drawn across kecamatan (the number treated held fixed) and the
p-value is the share of assignments whose |coefficient| is at least the one
observed. Every assignment is used when there are no more than ``reps`` of
them (the exact test); otherwise ``reps`` random ones plus the observed, p =
(1 + #{|β*| ≥ |β|}) / (1 + reps).

Romano–Wolf (2005; Clarke, Romano & Wolf 2020): step-down adjusted p-values
for a family of outcomes that keep the family-wise error rate while using the
outcomes' dependence, which Holm ignores. Bootstrap t-statistics come from the
wild-cluster bootstrap with the same sign draws for every outcome (so their
joint distribution is kept); for the k-th largest |t|, p_k is the share of
draws in which the largest |t*| among the outcomes not yet rejected reaches
|t_k|, made monotone. It works for weighted models (pyfixest's ``rwolf`` does
not).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from pnpm_lib.evaluation.bootstrap import REPS, signs, wild_cluster
from pnpm_lib.evaluation.estimate import analysis_sample, check_clusters, check_variation


def _design(sample: pd.DataFrame, y: str, treated: np.ndarray, post: str, weights: str | None):
    root = np.sqrt(sample[weights].to_numpy(dtype=float)) if weights else np.ones(len(sample))
    p = sample[post].to_numpy(dtype=float)
    x = np.column_stack([np.ones(len(sample)), treated, p, treated * p]) * root[:, None]
    return x, sample[y].to_numpy(dtype=float) * root


def randomization_p(data: pd.DataFrame, y: str, treatment: str = "treated", post: str = "post",
                    cluster: str = "kecamatan_code", weights: str | None = None, reps: int = 1999,
                    seed: int = 20070101) -> tuple[float, int, bool]:
    """RI p-value of the 2×2 DiD coefficient; returns (p, assignments used, exact)."""
    sample = analysis_sample(data, [y, treatment, post, cluster, *([weights] if weights else [])],
                             f"randomization inference for {y!r}")
    check_clusters(sample, cluster, f"randomization inference for {y!r}")
    check_variation(sample, treatment, f"randomization inference for {y!r}")
    codes, index = np.unique(sample[cluster].to_numpy(), return_inverse=True)
    arm = sample.groupby(cluster)[treatment].first().reindex(codes).to_numpy(dtype=float)
    g, g1 = len(codes), int(arm.sum())
    exact = math.comb(g, g1) <= reps
    if exact:
        assignments = np.zeros((math.comb(g, g1), g))
        for row, chosen in enumerate(itertools.combinations(range(g), g1)):
            assignments[row, list(chosen)] = 1.0
    else:
        rng = np.random.default_rng(seed)
        assignments = np.array([rng.permutation(arm) for _ in range(reps)])
    observed = _did(sample, y, arm[index], post, weights)
    drawn = np.array([_did(sample, y, a[index], post, weights) for a in assignments])
    extreme = int(np.sum(np.abs(drawn) >= abs(observed) * (1 - 1e-9)))
    p = extreme / len(drawn) if exact else (1 + extreme) / (1 + len(drawn))
    return float(p), len(drawn) + (0 if exact else 1), exact


def _did(sample: pd.DataFrame, y: str, treated: np.ndarray, post: str, weights: str | None) -> float:
    x, yy = _design(sample, y, treated, post, weights)
    return float(np.linalg.lstsq(x, yy, rcond=None)[0][3])


def romano_wolf(data: pd.DataFrame, outcomes: Sequence[str], treatment: str = "treated", post: str = "post",
                cluster: str = "kecamatan_code", weights: str | None = None, reps: int = REPS,
                seed: int = 20070101) -> pd.DataFrame:
    """Romano–Wolf adjusted p-values of the DiD coefficient across ``outcomes`` (module docstring)."""
    all_codes = np.unique(data[cluster].dropna().to_numpy())
    draws, _ = signs(len(all_codes), reps, seed)
    t_obs, t_boot = [], []
    for y in outcomes:
        sample = analysis_sample(data, [y, treatment, post, cluster, *([weights] if weights else [])],
                                 f"Romano–Wolf for {y!r}")
        ids = sample[cluster].to_numpy()
        present = np.searchsorted(all_codes, np.unique(ids))
        x, yy = _design(sample, y, sample[treatment].to_numpy(dtype=float), post, weights)
        result = wild_cluster(x, yy, ids, 3, draws=draws[:, present])
        t_obs.append(abs(result.t_stat))
        t_boot.append(np.abs(result.t_boot))
    t_abs, boot = np.array(t_obs), np.column_stack(t_boot)
    order = np.argsort(-t_abs)
    adjusted = np.empty(len(outcomes))
    running = 0.0
    for step, k in enumerate(order):
        remaining = order[step:]
        running = max(running, float(np.mean(boot[:, remaining].max(axis=1) >= t_abs[k] * (1 - 1e-9))))
        adjusted[k] = running
    return pd.DataFrame({"outcome": list(outcomes), "t": t_abs, "p_value_romano_wolf": adjusted})
