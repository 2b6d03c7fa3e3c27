"""Event study for staggered entry, robust to heterogeneous effects across cohorts.

Two-way fixed effects with one "treated" dummy is biased when kecamatan enter
in waves and effects differ by cohort (Goodman-Bacon 2021; Sun & Abraham
2021). We use pyfixest's saturated event study — an interaction of every entry
cohort with every period relative to entry, never-treated units as the
comparison, period −1 omitted — and aggregate the cohort-specific effects by
event time with cohort-share weights (Sun & Abraham's interaction-weighted
estimator). The pre-trend test is a joint clustered F-test that every
pre-entry cohort × period coefficient is zero.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from pnpm_lib.errors import EvaluationError
from pnpm_lib.evaluation.estimate import (
    Estimate,
    check_clusters,
    joint_test,
    notes_from,
    require_columns,
)

ESTIMATOR = "event study, Sun-Abraham (saturated), CRV1"
_TERM = re.compile(r"^rel_time::(-?[\d.]+):first_treated_period::(\d+)$")


@dataclass(frozen=True)
class EventStudy:
    """Effects by period relative to entry, the pre-trend test and the average post-entry effect."""

    outcome: str
    coefficients: pd.DataFrame  # rel_time, estimate, se, ci_low, ci_high (rel_time −1 is 0 by construction)
    pretrend_f: float
    pretrend_p: float
    pretrend_terms: int
    att: Estimate
    notes: tuple[str, ...]


def first_exposed(cohort: pd.Series, lag: int = 1) -> pd.Series:
    """Period of first exposure from the entry year; 0 = never treated (pyfixest's convention).

    ``lag=1`` because a round fielded in the entry year precedes the first BLM
    (the PNPM Rural baseline was); set ``lag=0`` if your rounds follow entry.
    """
    return (cohort + lag).fillna(0).astype(int)


def event_study(
    data: pd.DataFrame,
    outcome: str,
    unit: str = "household_id",
    time: str = "year",
    first_treated: str = "first_treated",
    cluster: str = "kecamatan_code",
) -> EventStudy:
    """Sun–Abraham event study of ``outcome``; ``first_treated`` is 0 for never-treated units."""
    import pyfixest as pf

    require_columns(data, [outcome, unit, time, first_treated, cluster], "event study")
    sample = data.dropna(subset=[outcome, unit, time, first_treated, cluster])
    clusters = check_clusters(sample, cluster, "event study")
    if not (sample[first_treated] == 0).any():
        raise EvaluationError("event study: no never-treated units (first_treated == 0) to compare with")
    if sample[time].nunique() < 3:
        raise EvaluationError("event study: needs at least 3 periods; use the 2×2 DiD for two rounds")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model = pf.event_study(sample, yname=outcome, idname=unit, tname=time, gname=first_treated,
                               cluster=cluster, estimator="saturated", att=False)
        by_period = model.aggregate(agg="period")
    # saturated designs drop cohort × period cells that cannot exist: expected, not news
    notes = notes_from(caught, expected=("beta", "multicollinearity"))
    coefs = _by_period(by_period, clusters)
    names = list(model._coefnames)
    pre = [n for n in names if (m := _TERM.match(n)) and float(m[1]) < 0]
    f_stat, f_p, q, _ = joint_test(model, pre) if pre else (np.nan, np.nan, 0, 0)
    return EventStudy(outcome, coefs, f_stat, f_p, q, _post_att(model, names, clusters), notes)


def _by_period(agg: pd.DataFrame, clusters: int) -> pd.DataFrame:
    est = agg["Estimate"].astype(float).to_numpy()
    se = agg["Std. Error"].astype(float).to_numpy()
    crit = stats.t.ppf(0.975, clusters - 1)
    out = pd.DataFrame({"rel_time": agg.index.astype(float).astype(int), "estimate": est, "se": se,
                        "ci_low": est - crit * se, "ci_high": est + crit * se})
    reference = pd.DataFrame({"rel_time": [-1], "estimate": [0.0], "se": [0.0], "ci_low": [0.0], "ci_high": [0.0]})
    return pd.concat([out, reference]).sort_values("rel_time", ignore_index=True)


def _post_att(model, names: list[str], clusters: int) -> Estimate:
    """Average post-entry effect: post cohort × period effects weighted by their treated observations."""
    data = model._data
    counts = data[data["rel_time"] >= 0].groupby(["first_treated_period", "rel_time"]).size()
    weights = np.zeros(len(names))
    for i, name in enumerate(names):
        m = _TERM.match(name)
        if m and float(m[1]) >= 0:
            weights[i] = counts.get((int(m[2]), float(m[1])), 0)
    if weights.sum() == 0:
        raise EvaluationError("event study: no post-entry observations")
    weights /= weights.sum()
    beta, vcov = np.asarray(model._beta_hat), np.asarray(model._vcov)
    est, se = float(weights @ beta), float(np.sqrt(weights @ vcov @ weights))
    crit = stats.t.ppf(0.975, clusters - 1)
    p = float(2 * stats.t.sf(abs(est / se), clusters - 1))
    return Estimate(est, se, float(est - crit * se), float(est + crit * se), p, int(model._N), clusters,
                    ESTIMATOR + ", post-entry average")
