"""Staggered adoption, side by side: TWFE, Sun–Abraham, Callaway–Sant'Anna and imputation.

When kecamatan enter in waves and effects differ by entry cohort or grow with time, the
two-way fixed-effects (TWFE) regression of the outcome on a treated-since-entry dummy
compares late entrants with early ones already treated and can be biased, even of the
wrong sign (Goodman-Bacon 2021; de Chaisemartin & D'Haultfœuille 2020). The robust
estimators compare each cohort only with units not (yet) treated (Roth, Sant'Anna,
Bilinski & Poe 2023; Baker et al. 2025):

- **TWFE** — pyfixest, ``y ~ D | unit + year`` (static) and its dynamic version, as the
  benchmark a referee will ask about;
- **Sun–Abraham** — pyfixest's saturated cohort × event-time regression (``event.py``);
- **Callaway–Sant'Anna** with never-treated and with not-yet-treated controls, and the
  **imputation** estimator of Borusyak, Jaravel & Spiess (2024) — from ``diff-diff``
  (MIT; numpy/pandas/scipy only; its CS and BJS agree with R's ``did`` and
  ``didimputation`` in its own validation). The unweighted outcome regression is used
  (no covariates), with SEs clustered by kecamatan and a universal base period (−1), so
  every estimator's event-time effects are measured against the same year.

Each estimator's headline ATT averages over its own weights (TWFE: its regression
weights; SA: the post-entry coefficients; CS: each cohort-year cell by its size;
imputation: every treated observation), so the event-time effects are the ones to
compare; ``ESTIMANDS`` says what each headline is. ``trend_sensitivity`` adds Rambachan–Roth bounds
(``honest.py``) on the Callaway–Sant'Anna event study and the power of its pre-trend test.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from pnpm_lib.errors import EvaluationError
from pnpm_lib.evaluation import honest
from pnpm_lib.evaluation.estimate import check_clusters, require_columns

ESTIMATORS = ("twfe", "sun_abraham", "cs_never", "cs_not_yet", "imputation")
ESTIMANDS = {
    "twfe": "regression-weighted average (weights may be negative)",
    "sun_abraham": "mean of the post-entry event-time effects",
    "cs_never": "average of cohort × year effects, weighted by cohort size",
    "cs_not_yet": "average of cohort × year effects, weighted by cohort size",
    "imputation": "average over every treated household-year",
}


@dataclass(frozen=True)
class Comparison:
    overall: pd.DataFrame  # estimator, estimate, se, ci_low, ci_high
    event: pd.DataFrame  # estimator, rel_time, estimate, se, ci_low, ci_high
    clusters: int


def compare(data: pd.DataFrame, outcome: str, unit: str = "household_id", time: str = "year",
            first_treated: str = "first_treated", cluster: str = "kecamatan_code",
            horizon: tuple[int, int] = (-5, 5)) -> Comparison:
    """Every estimator on one panel; event-time effects within ``horizon`` (−1 is the reference)."""
    sample, clusters = _panel(data, outcome, unit, time, first_treated, cluster, "estimator comparison")
    overall, event = [], []
    for name, run in (("twfe", _twfe), ("sun_abraham", _sun_abraham), ("cs_never", _cs("never_treated")),
                      ("cs_not_yet", _cs("not_yet_treated")), ("imputation", _imputation)):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            head, by_time = run(sample, outcome, time, first_treated)
        overall.append({"estimator": name, **head})
        event.append(by_time.assign(estimator=name))
    crit = stats.t.ppf(0.975, clusters - 1)  # t(G−1), as every other interval in the toolkit

    def with_ci(frame: pd.DataFrame) -> pd.DataFrame:
        return frame.assign(ci_low=frame["estimate"] - crit * frame["se"],
                            ci_high=frame["estimate"] + crit * frame["se"]).reset_index(drop=True)

    events = pd.concat(event, ignore_index=True)
    events = with_ci(events[events["rel_time"].between(*horizon)])
    return Comparison(with_ci(pd.DataFrame(overall)),
                      events[["estimator", "rel_time", "estimate", "se", "ci_low", "ci_high"]], clusters)


def _panel(data: pd.DataFrame, outcome: str, unit: str, time: str, first_treated: str, cluster: str,
           what: str) -> tuple[pd.DataFrame, int]:
    """Complete rows with integer unit and cluster codes (``_unit``, ``_cl``), and the number of clusters."""
    require_columns(data, [outcome, unit, time, first_treated, cluster], what)
    sample = data.dropna(subset=[outcome, unit, time, first_treated, cluster]).copy()
    clusters = check_clusters(sample, cluster, what)
    if not (sample[first_treated] == 0).any():
        raise EvaluationError(f"{what}: no never-treated units ({first_treated} == 0)")
    sample["_cl"] = pd.factorize(sample[cluster])[0]
    sample["_unit"] = pd.factorize(sample[unit])[0]
    return sample, clusters


def _cs_fit(d: pd.DataFrame, y: str, time: str, g: str, control: str):
    """Callaway–Sant'Anna event study (outcome regression, universal base period, clustered)."""
    import diff_diff as dd

    return dd.CallawaySantAnna(control_group=control, cluster="_cl", estimation_method="reg",
                               base_period="universal").fit(
        d, outcome=y, unit="_unit", time=time, first_treat=g, aggregate="event_study")


def _twfe(d: pd.DataFrame, y: str, time: str, g: str) -> tuple[dict, pd.DataFrame]:
    import pyfixest as pf

    d = d.assign(_d=((d[g] > 0) & (d[time] >= d[g])).astype(float), _rel=np.where(d[g] > 0, d[time] - d[g], -1))
    static = pf.feols(f"{y} ~ _d | _unit + {time}", data=d, vcov={"CRV1": "_cl"})
    dynamic = pf.feols(f"{y} ~ i(_rel, ref=-1) | _unit + {time}", data=d, vcov={"CRV1": "_cl"})
    return _head(static, "_d"), _from_terms(dynamic)


def _sun_abraham(d: pd.DataFrame, y: str, time: str, g: str) -> tuple[dict, pd.DataFrame]:
    from pnpm_lib.evaluation.event import event_study

    es = event_study(d, y, unit="_unit", time=time, first_treated=g, cluster="_cl")
    by_time = es.coefficients[["rel_time", "estimate", "se"]]
    return {"estimate": es.att.estimate, "se": es.att.se}, by_time


def _cs(control: str):
    def run(d: pd.DataFrame, y: str, time: str, g: str) -> tuple[dict, pd.DataFrame]:
        result = _cs_fit(d, y, time, g, control)
        return {"estimate": float(result.overall_att), "se": float(result.overall_se)}, _from_effects(result)
    return run


def _imputation(d: pd.DataFrame, y: str, time: str, g: str) -> tuple[dict, pd.DataFrame]:
    import diff_diff as dd

    result = dd.ImputationDiD(cluster="_cl").fit(d, outcome=y, unit="_unit", time=time, first_treat=g,
                                                 aggregate="event_study")
    return {"estimate": float(result.overall_att), "se": float(result.overall_se)}, _from_effects(result)


def _head(model, term: str) -> dict:
    row = model.tidy().loc[term]
    return {"estimate": float(row["Estimate"]), "se": float(row["Std. Error"])}


def _from_terms(model) -> pd.DataFrame:
    tidy = model.tidy()
    rel = [int(float(str(n).split("::")[1].rstrip("]"))) for n in tidy.index]
    frame = pd.DataFrame({"rel_time": rel, "estimate": tidy["Estimate"].to_numpy(float),
                          "se": tidy["Std. Error"].to_numpy(float)})
    reference = pd.DataFrame({"rel_time": [-1], "estimate": [0.0], "se": [0.0]})
    return pd.concat([frame, reference]).sort_values("rel_time", ignore_index=True)


def _from_effects(result) -> pd.DataFrame:
    effects = result.event_study_effects or {}
    frame = pd.DataFrame([{"rel_time": int(e), "estimate": float(v["effect"]), "se": float(v["se"])}
                          for e, v in effects.items() if np.isfinite(v["effect"])])
    if -1 not in set(frame["rel_time"]):
        frame = pd.concat([frame, pd.DataFrame({"rel_time": [-1], "estimate": [0.0], "se": [0.0]})])
    return frame.sort_values("rel_time", ignore_index=True)


def comparison_panel(staggered: pd.DataFrame | None, synthetic: bool,
                     seed: int) -> tuple[pd.DataFrame | None, float | None, pd.Series | None]:
    """The panel notebook 03 compares estimators on, with its planted truth when synthetic.

    Synthetic runs use ``synth.make_staggered`` (effects differ by cohort and grow, so TWFE's bias shows);
    a user's staggered panel is used as it is (no truth); None when the data have no staggered entry.
    """
    if synthetic:
        from pnpm_lib import synth

        panel, truth = synth.make_staggered(seed)
        return panel, planted_att(truth), truth_by_event_time(truth)
    return staggered, None, None


def planted_att(truth: pd.DataFrame) -> float:
    """The planted effect averaged over every treated household-year (the imputation estimand)."""
    return float((truth["effect"] * truth["households"]).sum() / truth["households"].sum())


def truth_by_event_time(truth: pd.DataFrame) -> pd.Series:
    """The planted effect at each event time: cohorts observed then, weighted by their households."""
    weighted = truth.assign(w=truth["effect"] * truth["households"]).groupby("event_time")
    return (weighted["w"].sum() / weighted["households"].sum()).rename("truth")


@dataclass(frozen=True)
class TrendSensitivity:
    """Rambachan–Roth bounds for the average post-entry effect, and the power of the pre-trend test."""

    bounds: pd.DataFrame  # m, ci_low, ci_high (robust 95% CI when post violations ≤ m × the largest pre one)
    breakdown: float | None  # the smallest m at which the robust CI includes 0 (None: not within the grid)
    estimate: float
    se: float
    mdv: float  # linear pre-trend slope the pre-test detects with 80% power (Roth 2022)
    pre_periods: int


M_GRID = (0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0)


def trend_sensitivity(data: pd.DataFrame, outcome: str, unit: str = "household_id", time: str = "year",
                      first_treated: str = "first_treated", cluster: str = "kecamatan_code",
                      m_grid: tuple[float, ...] = M_GRID) -> TrendSensitivity:
    """Δ^RM(M̄) bounds (C-LF, ``honest.py``) for the average post-entry effect of the Callaway–Sant'Anna event
    study with never-treated controls, and the power of its pre-trend test (diff-diff's PreTrendsPower).

    M̄ = 1 allows post-entry violations of parallel trends as large as the largest pre-entry one.
    """
    import diff_diff as dd

    sample, _ = _panel(data, outcome, unit, time, first_treated, cluster, "parallel-trends sensitivity")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = _cs_fit(sample, outcome, time, first_treated, "never_treated")
        power = dd.PreTrendsPower(violation_type="linear").fit(result)
    betahat, sigma, n_pre, n_post = _event_coefficients(result)
    target = np.full(n_post, 1 / n_post)
    bounds = pd.DataFrame([{"m": float(m), **dict(zip(("ci_low", "ci_high"),
                                                      honest.relative_magnitude_ci(betahat, sigma, n_pre, n_post,
                                                                                   target, m), strict=True))}
                           for m in m_grid])
    return TrendSensitivity(bounds, honest.breakdown(betahat, sigma, n_pre, n_post, target, upper=max(m_grid)),
                            float(target @ betahat[n_pre:]), float(np.sqrt(target @ sigma[n_pre:, n_pre:] @ target)),
                            float(power.mdv), int(power.n_pre_periods))


def _event_coefficients(result) -> tuple[np.ndarray, np.ndarray, int, int]:
    """Event-time effects and their covariance from a CS fit: pre-entry (−2 back to the earliest, oldest first),
    then post-entry; −1, the universal base period, is the reference and is left out."""
    times = [int(e) for e in result.event_study_vcov_index]
    pre, post = sorted(e for e in times if e < -1), sorted(e for e in times if e >= 0)
    if pre != list(range(-1 - len(pre), -1)) or post != list(range(len(post))) or not pre or not post:
        raise EvaluationError(f"parallel-trends sensitivity: event times {times} are not consecutive around the "
                              "reference period −1")
    order = [times.index(e) for e in pre + post]
    betahat = np.array([float(result.event_study_effects[e]["effect"]) for e in pre + post])
    return betahat, np.asarray(result.event_study_vcov)[np.ix_(order, order)], len(pre), len(post)


def honest_interval(betahat: np.ndarray, sigma: np.ndarray, pre: list[int], post: list[int], method: str,
                    m: float, target: np.ndarray | None = None) -> tuple[float, float]:
    """A Rambachan–Roth robust 95% CI from published event-study estimates (``betahat``, ``sigma``, pre then post
    periods, the reference period omitted) — how a paper's numbers are checked. Δ^RM (``relative_magnitude``)
    through ``honest.py``'s C-LF interval; Δ^SD (``smoothness``) through diff-diff's FLCI."""
    import diff_diff as dd

    if method == "relative_magnitude":
        return honest.relative_magnitude_ci(betahat, sigma, len(pre), len(post), target, m)
    from diff_diff.results import MultiPeriodDiDResults, PeriodEffect

    periods = [*pre, *post]
    se = np.sqrt(np.diag(sigma))
    effects = {p: PeriodEffect(p, float(b), float(s), float(b / s), float(2 * stats.norm.sf(abs(b / s))),
                               (float(b - 1.96 * s), float(b + 1.96 * s)))
               for p, b, s in zip(periods, betahat, se, strict=True)}
    results = MultiPeriodDiDResults(
        period_effects=effects, avg_att=float(np.mean(betahat[len(pre):])), avg_se=float("nan"),
        avg_t_stat=float("nan"), avg_p_value=float("nan"), avg_conf_int=(float("nan"), float("nan")), n_obs=0,
        n_treated=0, n_control=0, pre_periods=list(pre), post_periods=list(post), vcov=np.asarray(sigma),
        interaction_indices={p: i for i, p in enumerate(periods)})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit = dd.HonestDiD(method=method, M=m, l_vec=target).fit(results)
    return float(fit.ci_lb), float(fit.ci_ub)
