"""One regression coefficient with cluster-robust inference, on pyfixest.

Every estimate in the toolkit goes through :func:`coefficient`, so inference is
always explicit: CRV1 clustered at the assignment unit (kecamatan), never the
iid default pyfixest uses when ``vcov`` is omitted. The small-sample correction
is Stata's ``vce(cluster)`` one — G/(G−1) · (N−1)/(N−k) — with t(G−1) critical
values (pyfixest's default ``ssc``); statsmodels' ``cov_type="cluster"`` with
``use_t=True`` gives the same numbers (tests check to 1e-6).

With fewer than :data:`FEW_CLUSTERS` clusters a wild-cluster bootstrap p-value
and confidence interval (Rademacher weights, null imposed, WCR11; the CI by test
inversion) are added, as Cameron, Gelbach & Miller (2008) recommend, for
weighted and unweighted models alike (:mod:`pnpm_lib.evaluation.bootstrap`;
pyfixest cannot bootstrap a weighted regression). A survey-weighted model says
so in its ``estimator`` ("WLS (survey weights)" where an unweighted one says
"OLS"), so tables, results.json and briefs state the weighting.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from pnpm_lib.errors import EvaluationError
from pnpm_lib.evaluation.bootstrap import REPS

FEW_CLUSTERS = 40
"""Below this many clusters, report a wild-cluster bootstrap p-value as well."""

BOOTSTRAP_REPS = REPS
DEGENERATE = "degenerate: the outcome does not vary within the arms and rounds compared, so there is no test"
CLUSTER_ID = "cluster_id__"


@dataclass(frozen=True)
class Estimate:
    """A coefficient with its clustered SE, 95% CI, p-value, sample and cluster counts."""

    estimate: float
    se: float
    ci_low: float
    ci_high: float
    p_value: float
    n: int
    clusters: int
    estimator: str
    p_value_wild: float | None = None
    wild_ci_low: float | None = None
    wild_ci_high: float | None = None
    notes: tuple[str, ...] = field(default=())


def require_columns(data: pd.DataFrame, columns: Sequence[str], what: str = "data") -> None:
    """Raise naming every missing column and the columns that do exist."""
    missing = [c for c in columns if c not in data.columns]
    if missing:
        raise EvaluationError(
            f"{what}: column(s) {', '.join(map(repr, missing))} not found; "
            f"available: {', '.join(map(str, data.columns))}"
        )


def check_clusters(data: pd.DataFrame, cluster: str, what: str = "data") -> int:
    """The number of clusters; missing cluster ids or a single cluster are errors."""
    require_columns(data, [cluster], what)
    missing = data[cluster].isna()
    if missing.any():
        rows = ", ".join(map(str, data.index[missing][:5].tolist()))
        raise EvaluationError(
            f"{what}: cluster column {cluster!r} is missing on {int(missing.sum())} row(s) "
            f"(first rows: {rows}); every row needs its assignment unit"
        )
    clusters = data[cluster].nunique()
    if clusters < 2:
        raise EvaluationError(
            f"{what}: only {clusters} cluster in {cluster!r}; clustered inference needs at least 2 "
            "(and at least 5 for any estimate the briefs show)"
        )
    return int(clusters)


def check_variation(data: pd.DataFrame, column: str, what: str = "data") -> None:
    values = data[column].dropna().unique()
    if len(values) < 2:
        raise EvaluationError(
            f"{what}: {column!r} takes only the value(s) {sorted(values.tolist())} in the estimation "
            "sample; the comparison needs both treatment and comparison units"
        )


def analysis_sample(data: pd.DataFrame, columns: Sequence[str], what: str = "data") -> pd.DataFrame:
    """Rows complete on every column used: the one sample all parts of a table share."""
    require_columns(data, list(columns), what)
    sample = data.loc[data[list(columns)].notna().all(axis=1), list(dict.fromkeys(columns))]
    if sample.empty:
        raise EvaluationError(f"{what}: no row has all of {', '.join(columns)}")
    return sample


def fit(formula: str, data: pd.DataFrame, cluster: str, weights: str | None = None):
    """pyfixest OLS with CRV1 by ``cluster``; pyfixest's warnings become notes, not noise.

    Clusters are passed as integer codes: the wild bootstrap (numba) cannot type string ids.
    """
    import pyfixest as pf

    data = data.assign(**{CLUSTER_ID: pd.factorize(data[cluster])[0]})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model = pf.feols(formula, data=data, vcov={"CRV1": CLUSTER_ID}, weights=weights, copy_data=False)
    model._pnpm_notes = notes_from(caught)
    return model


def notes_from(caught: list[warnings.WarningMessage], expected: tuple[str, ...] = ("beta",)) -> tuple[str, ...]:
    """Warnings a reader should know (dropped singletons, collinearity) as short unique notes.

    Library internals (deprecations) and messages containing an ``expected`` phrase are dropped.
    """
    notes = (" ".join(str(w.message).split())[:200] for w in caught
             if issubclass(w.category, UserWarning) and not any(e in str(w.message).lower() for e in expected))
    return tuple(dict.fromkeys(notes))


def coefficient(model, term: str, estimator: str, wild: bool = True, seed: int = 20070101) -> Estimate:
    """The clustered estimate of ``term``; with few clusters (and ``wild``) a wild-bootstrap p too."""
    tidy = model.tidy()
    if term not in tidy.index:
        raise EvaluationError(f"term {term!r} was dropped from the model (collinear or no variation)")
    row = tidy.loc[term]
    clusters = int(np.min(model._G))
    notes = list(getattr(model, "_pnpm_notes", ()))
    boot: dict[str, float] = {}
    se = float(row["Std. Error"])
    if not (np.isfinite(se) and se > 0):  # no variation (e.g. no poor household in any cell): nothing to test
        return Estimate(
            estimate=float(row["Estimate"]), se=se, ci_low=float("nan"), ci_high=float("nan"),
            p_value=float("nan"), n=int(model._N), clusters=clusters,
            estimator=weighting(estimator, model._weights_name is not None), notes=(*notes, DEGENERATE),
        )
    if wild and clusters < FEW_CLUSTERS:
        if model._has_fixef and model._weights_name is None:  # pyfixest bootstraps FE models (no CI)
            with warnings.catch_warnings():  # "2^G < reps: full enumeration" is the exact test, not a problem
                warnings.simplefilter("ignore")
                result = model.wildboottest(param=term, reps=BOOTSTRAP_REPS, cluster=CLUSTER_ID, seed=seed)
            boot = {"p_value_wild": float(result["Pr(>|t|)"])}
        elif model._has_fixef:  # the closed form needs the full design matrix (our DiD models have no FE)
            notes.append(f"only {clusters} clusters: no wild bootstrap for a weighted model with fixed effects")
        else:
            boot = _wild(model, term, float(row["Estimate"]), float(row["Std. Error"]), seed)
    return Estimate(
        estimate=float(row["Estimate"]), se=float(row["Std. Error"]),
        ci_low=float(row["2.5%"]), ci_high=float(row["97.5%"]), p_value=float(row["Pr(>|t|)"]),
        n=int(model._N), clusters=clusters, estimator=weighting(estimator, model._weights_name is not None),
        notes=tuple(notes), **boot,
    )


def weighting(estimator: str, weighted: bool) -> str:
    """The estimator's name with its weighting stated: "OLS" → "WLS (survey weights)" when weighted."""
    if not weighted:
        return estimator
    return estimator.replace("OLS", "WLS (survey weights)") if "OLS" in estimator else \
        f"{estimator}, WLS (survey weights)"


def _wild(model, term: str, estimate: float, se: float, seed: int) -> dict[str, float]:
    """WCR11 p-value and test-inversion CI from the model's (√w-scaled) design and its cluster ids."""
    from pnpm_lib.evaluation.bootstrap import wild_cluster, wild_interval

    j = [str(c) for c in model._coefnames].index(term)
    ids = model._data[CLUSTER_ID].to_numpy()
    result = wild_cluster(model._X, model._Y, ids, j, reps=BOOTSTRAP_REPS, seed=seed)
    low, high = wild_interval(model._X, model._Y, ids, j, estimate, se, reps=BOOTSTRAP_REPS, seed=seed)
    return {"p_value_wild": result.p_value, "wild_ci_low": low, "wild_ci_high": high}


def mean(data: pd.DataFrame, column: str, cluster: str, weights: str | None = None) -> Estimate:
    """A (weighted) mean with its cluster-robust SE: ``column ~ 1`` clustered."""
    check_clusters(data, cluster)
    model = fit(f"{column} ~ 1", data, cluster, weights)
    return coefficient(model, "Intercept", "mean, CRV1", wild=False)


def joint_test(model, terms: Sequence[str]) -> tuple[float, float, int, int]:
    """Wald F-test that all ``terms`` are zero, with the clustered vcov and F(q, G−1).

    This is Stata's ``test`` after ``vce(cluster)``; pyfixest's own ``wald_test``
    switches to χ² for any restriction other than "all coefficients".
    """
    from scipy import stats

    names = list(model.tidy().index)
    idx = [names.index(t) for t in terms if t in names]
    if not idx:
        raise EvaluationError("joint test: none of the terms survived estimation")
    beta = np.asarray(model.coef())[idx]
    vcov = np.asarray(model._vcov)[np.ix_(idx, idx)]
    q, dfd = len(idx), int(np.min(model._G)) - 1
    f_stat = float(beta @ np.linalg.pinv(vcov) @ beta) / q
    return f_stat, float(stats.f.sf(f_stat, q, dfd)), q, dfd


def adjust_p_values(p_values: Sequence[float], method: str = "holm") -> np.ndarray:
    """Multiple-outcome correction (Holm by default; 'fdr_bh', 'bonferroni' …) via statsmodels."""
    from statsmodels.stats.multitest import multipletests

    p = np.asarray(p_values, dtype=float)
    out = np.full_like(p, np.nan)
    ok = ~np.isnan(p)
    if ok.any():
        out[ok] = multipletests(p[ok], method=method)[1]
    return out
