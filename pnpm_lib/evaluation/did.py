"""Two-by-two difference-in-differences in the layout of DIME's ``ieddtab``.

Five columns per outcome, each with its N: comparison baseline mean; comparison
first difference (``y ~ post + covariates`` within the arm); treatment baseline
mean; treatment first difference; and the DiD coefficient from
``y ~ treated + post + treated:post + covariates``. All SEs are CRV1 at the
assignment unit and all five parts use one regression sample (rows complete on
the outcome, treatment, period, cluster, covariates and weight), as ieddtab
computes baseline means on the regression sample only.

Heterogeneity: ``by=`` repeats the table within each value of a subgroup column
(the PNPM Rural IE's consumption quintiles, female-headed households, poor and
remote areas); a subgroup too small to estimate gets a row that says why
instead of stopping the table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from pnpm_lib.errors import EvaluationError
from pnpm_lib.evaluation.estimate import (
    FEW_CLUSTERS,
    Estimate,
    analysis_sample,
    check_clusters,
    check_variation,
    coefficient,
    fit,
    mean,
    require_columns,
)

ESTIMATOR = "2x2 DiD, OLS, CRV1"
ALL = "all"


def did_table(
    data: pd.DataFrame,
    outcomes: Sequence[str],
    treatment: str = "treated",
    post: str = "post",
    cluster: str = "kecamatan_code",
    covariates: Sequence[str] = (),
    weights: str | None = None,
    by: str | Sequence[str] = (),
) -> pd.DataFrame:
    """One row per outcome, then per outcome × subgroup of each ``by`` column; see the module docstring."""
    by = [by] if isinstance(by, str) else list(by)
    require_columns(data, [*outcomes, treatment, post, cluster, *covariates, *([weights] if weights else []),
                           *by], "DiD table")
    check_clusters(data, cluster, "DiD table")
    for column in (treatment, post):
        check_variation(data, column, "DiD table")
    rows = [_row(data, y, ALL, treatment, post, cluster, covariates, weights) for y in outcomes]
    for column in by:
        for value, group in data.groupby(column, sort=True, observed=True):
            for y in outcomes:
                label = f"{column}={value:g}" if isinstance(value, float) else f"{column}={value!s}"
                try:
                    rows.append(_row(group, y, label, treatment, post, cluster, covariates, weights))
                except EvaluationError as exc:
                    rows.append({"outcome": y, "subgroup": label, "note": f"not estimated: {exc}"})
    return pd.DataFrame(rows)


def _row(data, y, subgroup, treatment, post, cluster, covariates, weights) -> dict:
    extra = [*covariates, *([weights] if weights else [])]
    sample = analysis_sample(data, [y, treatment, post, cluster, *extra], f"outcome {y!r} ({subgroup})")
    total = check_clusters(sample, cluster, f"outcome {y!r} ({subgroup})")
    for column in (treatment, post):
        check_variation(sample, column, f"outcome {y!r} ({subgroup})")
    for arm, name in ((0, "comparison"), (1, "treatment")):
        in_arm = sample.loc[sample[treatment] == arm, cluster].nunique()
        if in_arm < 2:  # an arm's change needs its own clustered SE
            raise EvaluationError(f"outcome {y!r} ({subgroup}): the {name} arm has only {in_arm} cluster(s) in "
                                  f"{cluster!r} ({total} in all); each arm needs at least 2")
    rhs = " + ".join(covariates)
    parts: dict[str, Estimate] = {}
    for arm, name in ((0, "control"), (1, "treatment")):
        in_arm = sample[sample[treatment] == arm]
        parts[f"{name}_baseline"] = mean(in_arm[in_arm[post] == 0], y, cluster, weights)
        change = fit(f"{y} ~ {post}{' + ' + rhs if rhs else ''}", in_arm, cluster, weights)
        parts[f"{name}_change"] = coefficient(change, post, "first difference, CRV1", wild=False)
    term = f"{treatment}:{post}"
    model = fit(f"{y} ~ {treatment} + {post} + {term}{' + ' + rhs if rhs else ''}", sample, cluster, weights)
    did = coefficient(model, term, ESTIMATOR + (", covariates" if covariates else ""))
    row = {"outcome": y, "subgroup": subgroup}
    for name, est in parts.items():
        row |= {name: est.estimate, f"{name}_se": est.se, f"{name}_n": est.n}
    return row | effect_fields(did)


def transitions(
    data: pd.DataFrame,
    unit: str = "household_id",
    round_: str = "round",
    poor: str = "poor",
    treatment: str = "treated",
    cluster: str = "kecamatan_code",
    weights: str | None = None,
) -> pd.DataFrame:
    """Moves out of and into poverty between the first and last round, by arm (IE Tables 4–5).

    ``exit_poverty``: among households poor at baseline, the share not poor at
    follow-up; ``enter_poverty``: among those not poor at baseline, the share
    poor at follow-up. The effect is the treatment − comparison difference
    (clustered), since each household contributes one transition.
    """
    require_columns(data, [unit, round_, poor, treatment, cluster, *([weights] if weights else [])],
                    "poverty transitions")
    first, last = data[round_].min(), data[round_].max()
    if first == last:
        raise EvaluationError("poverty transitions need at least two rounds; the data have one")
    keep = [unit, poor, treatment, cluster, *([weights] if weights else [])]
    wide = data.loc[data[round_] == first, keep].merge(
        data.loc[data[round_] == last, [unit, poor]], on=unit, suffixes=("_base", "_follow"))
    wide = wide.dropna(subset=[f"{poor}_base", f"{poor}_follow"])
    wide["exit_poverty"] = (wide[f"{poor}_follow"] == 0).astype(float)
    wide["enter_poverty"] = (wide[f"{poor}_follow"] == 1).astype(float)
    rows = []
    for outcome, base_value in (("exit_poverty", 1), ("enter_poverty", 0)):
        at_risk = wide[wide[f"{poor}_base"] == base_value]
        rows.append(difference_row(at_risk, outcome, treatment, cluster, weights, "difference, OLS, CRV1"))
    return pd.DataFrame(rows)


def difference_row(data, y, treatment, cluster, weights, estimator, subgroup: str = ALL) -> dict:
    """Comparison mean, treatment mean and their clustered difference for one outcome."""
    sample = analysis_sample(data, [y, treatment, cluster, *([weights] if weights else [])], f"outcome {y!r}")
    check_clusters(sample, cluster, f"outcome {y!r}")
    check_variation(sample, treatment, f"outcome {y!r}")
    arms = {name: mean(sample[sample[treatment] == arm], y, cluster, weights)
            for arm, name in ((0, "control"), (1, "treatment"))}
    diff = coefficient(fit(f"{y} ~ {treatment}", sample, cluster, weights), treatment, estimator)
    row = {"outcome": y, "subgroup": subgroup}
    for name, est in arms.items():
        row |= {f"{name}_mean": est.estimate, f"{name}_mean_se": est.se, f"{name}_n": est.n}
    return row | effect_fields(diff)


@dataclass(frozen=True)
class Headline:
    """The one interval and p-value a reader sees for an estimate, and the test they come from.

    Every place that shows an estimate — a brief's sentence, chart, table and note, the index and
    results.json — reads it here, so one quantity never shows two intervals.
    ``method``: ``crv1`` (clustered SE, t(G−1)), ``wild`` (wild-cluster bootstrap, below 40 clusters) or
    ``none``; ``reason`` says why there is no interval: ``degenerate`` (the outcome does not vary, no test),
    ``cannot_reject`` (with so few clusters no 5% wild-bootstrap test can reject: p ≥ 2/2^G > 5%).
    """

    low: float | None
    high: float | None
    p_value: float | None
    method: str
    reason: str = ""

    @property
    def has_interval(self) -> bool:
        return self.low is not None and self.high is not None

    @property
    def bounds(self) -> tuple[float, float]:
        """(low, high); only for an estimate that has an interval."""
        if self.low is None or self.high is None:
            raise ValueError(f"no interval ({self.reason})")
        return self.low, self.high

    def record(self) -> dict:
        """The results.json fields: which interval is the headline, and why."""
        return {"headline_method": self.method, "headline_ci_low": self.low, "headline_ci_high": self.high,
                "headline_p_value": self.p_value, "headline_reason": self.reason or None}


def _number(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def headline(row: dict, prefix: str = "did_") -> Headline:
    """The interval and p a reader sees: wild-bootstrap below 40 clusters when there is one, else CRV1.

    ``row`` is a table row (``did_ci_low`` …) or, with ``prefix=""``, a results.json record (``ci_low`` …).
    """
    from pnpm_lib.evaluation.bootstrap import can_reject

    se = _number(row.get(f"{prefix}se"))
    if se is None or not np.isfinite(se) or se <= 0:
        return Headline(None, None, None, "none", "degenerate")
    clusters = row.get("clusters")
    wild_p = _number(row.get(f"{prefix}p_value_wild"))
    if clusters is not None and clusters < FEW_CLUSTERS and wild_p is not None:
        low, high = _number(row.get(f"{prefix}wild_ci_low")), _number(row.get(f"{prefix}wild_ci_high"))
        if not can_reject(int(clusters)) or low is None or high is None or not np.isfinite([low, high]).all():
            return Headline(None, None, wild_p, "wild", "cannot_reject")
        return Headline(low, high, wild_p, "wild")
    return Headline(_number(row.get(f"{prefix}ci_low")), _number(row.get(f"{prefix}ci_high")),
                    _number(row.get(f"{prefix}p_value")), "crv1")


def effect_fields(est: Estimate) -> dict:
    """The effect's columns in a table row: ``did_estimate``, ``did_se`` … plus n, clusters, note."""
    shared = ("n", "clusters", "estimator")
    fields = {k if k in shared else f"did_{k}": v for k, v in asdict(est).items() if k != "notes"}
    return fields | {"note": "; ".join(est.notes)}


def baseline_quintile(data: pd.DataFrame, column: str = "consumption_pc", unit: str = "household_id",
                      round_: str = "round", weights: str | None = None) -> pd.Series:
    """Each row's unit's baseline quintile (1 = poorest) of ``column``, weighted if asked."""
    base = data.loc[data[round_] == data[round_].min(), [unit, column, *([weights] if weights else [])]]
    base = base.dropna().sort_values(column)
    w = base[weights].to_numpy() if weights else np.ones(len(base))
    share = (np.cumsum(w) - w / 2) / w.sum()
    quintile = pd.Series(np.minimum((share * 5).astype(int) + 1, 5), index=base[unit].to_numpy())
    return data[unit].map(quintile).astype("Int64")
