"""Reader-facing tables and sentences for evaluation results, Indonesian first.

Estimates come with SEs in brackets and 95% CIs, never stars alone; every table
says what a row is, how SEs are clustered and whether the data are synthetic.
"""

from __future__ import annotations

import math

import pandas as pd

from pnpm_lib import fmt
from pnpm_lib.evaluation import power
from pnpm_lib.evaluation.balance import BalanceTable
from pnpm_lib.evaluation.event import EventStudy
from pnpm_lib.i18n import has, t

BALANCE_VARIABLES = ["log_consumption", "poor", "outpatient_visit", "employed", "household_size", "female_head"]
SUBGROUPS = ["consumption_quintile", "female_head", "poor_area"]
SHARE_SUBGROUPS = ["female_head", "poor_area"]
GOVERNANCE = ["women_share", "poor_share", "accountability_share"]
PRIMARY = ["log_consumption", "poor", "outpatient_visit", "school_transition", "employed"]
"""The family of primary outcomes the multiple-testing correction covers."""


def outcome_label(outcome: str, lang: str = "id") -> str:
    return t(f"eval.outcome.{outcome}", lang)


def subgroup_label(subgroup: str, lang: str = "id") -> str:
    """``all`` → Semua; ``female_head=1`` → KRT perempuan; ``consumption_quintile=2`` → Kuintil 2."""
    if subgroup == "all":
        return t("eval.subgroup.all", lang)
    column, _, value = subgroup.partition("=")
    if column == "consumption_quintile":
        return t("eval.subgroup.quintile", lang, q=value)
    key = f"eval.subgroup.{column}.{value}"
    if not has(key):
        raise KeyError(f"no label for subgroup {subgroup!r}: add {key} to the catalogue")
    return t(key, lang)


def _est(r: dict, column: str, lang: str, se: str | None = None) -> str:
    return fmt.estimate(r.get(column), r.get(se or f"{column}_se"), 3, lang)


def _ci(low: float, high: float, lang: str) -> str:
    return t("eval.interval", lang, low=fmt.decimal(low, 3, lang), high=fmt.decimal(high, 3, lang))


def _crv1_ci(r: dict, lang: str) -> str:
    """The clustered-SE interval, or why a degenerate estimate has none."""
    if pd.isna(r.get("did_ci_low")):
        return t("eval.no_interval.degenerate", lang, clusters=r.get("clusters"))
    return _ci(r["did_ci_low"], r["did_ci_high"], lang)


def _has_wild(table: pd.DataFrame) -> bool:
    return "did_p_value_wild" in table and bool(table["did_p_value_wild"].notna().any())


def _wild_cell(r: dict, lang: str) -> str:
    """Wild-bootstrap p and its test-inversion interval, or a dash where none was computed."""
    from pnpm_lib.evaluation.did import headline

    if pd.isna(r.get("did_p_value_wild")):
        return fmt.DASH
    shown = headline(r)
    ci = _ci(r["did_wild_ci_low"], r["did_wild_ci_high"], lang) if shown.has_interval else \
        t(f"eval.no_interval.{shown.reason}", lang, clusters=r["clusters"])
    return t("eval.wild_cell", lang, p=fmt.p_value(r["did_p_value_wild"], lang), ci=ci)


def did_display(table: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """ieddtab layout: five estimate columns with SEs, the CI, N and clusters (and the wild bootstrap)."""
    wild = _has_wild(table)
    rows = []
    for r in table.to_dict("records"):
        estimated = pd.notna(r.get("did_estimate"))
        rows.append({
            t("eval.col.outcome", lang): outcome_label(r["outcome"], lang),
            t("eval.col.subgroup", lang): subgroup_label(r["subgroup"], lang),
            **{t(f"eval.col.{column}", lang): _est(r, column, lang)
               for column in ("control_baseline", "control_change", "treatment_baseline", "treatment_change")},
            t("eval.col.did", lang): _est(r, "did_estimate", lang, se="did_se"),
            t("eval.col.ci", lang): _crv1_ci(r, lang) if estimated else t("eval.not_estimated", lang),
            **({t("eval.col.wild", lang): _wild_cell(r, lang) if estimated else ""} if wild else {}),
            t("eval.col.n_clusters", lang): _n_clusters(r, lang) if estimated else "",
        })
    return pd.DataFrame(rows)


def difference_display(table: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """Comparison mean, treatment mean, difference with SE and CI (poverty transitions)."""
    wild = _has_wild(table)
    return pd.DataFrame([{
        t("eval.col.outcome", lang): outcome_label(r["outcome"], lang),
        t("eval.col.control_mean", lang): fmt.estimate(r["control_mean"], r["control_mean_se"], 3, lang),
        t("eval.col.treatment_mean", lang): fmt.estimate(r["treatment_mean"], r["treatment_mean_se"], 3, lang),
        t("eval.col.difference", lang): fmt.estimate(r["did_estimate"], r["did_se"], 3, lang),
        t("eval.col.ci", lang): _ci(r["did_ci_low"], r["did_ci_high"], lang),
        **({t("eval.col.wild", lang): _wild_cell(r, lang)} if wild else {}),
        t("eval.col.n_clusters", lang): _n_clusters(r, lang),
    } for r in table.to_dict("records")])


def balance_display(bt: BalanceTable, lang: str = "id") -> pd.DataFrame:
    return pd.DataFrame([{
        t("eval.col.variable", lang): outcome_label(r["variable"], lang),
        t("eval.col.control_mean", lang): fmt.estimate(r["mean_control"], r["se_control"], 3, lang),
        t("eval.col.treatment_mean", lang): fmt.estimate(r["mean_treatment"], r["se_treatment"], 3, lang),
        t("eval.col.difference", lang): fmt.estimate(r["difference"], r["se_difference"], 3, lang),
        t("eval.col.p", lang): fmt.p_value(r["p_value"], lang),
        t("eval.col.normalized", lang): fmt.decimal(r["normalized_difference"], 3, lang),
        t("eval.col.n_arms", lang): f"{fmt.integer(r['n_control'], lang)} / {fmt.integer(r['n_treatment'], lang)}",
    } for r in bt.table.to_dict("records")])


def event_display(es: EventStudy, lang: str = "id") -> pd.DataFrame:
    c = es.coefficients
    return pd.DataFrame({
        t("eval.col.rel_time", lang): c["rel_time"],
        t("eval.col.effect", lang): [fmt.estimate(e, s, 3, lang) if r != -1 else t("eval.reference", lang)
                                     for e, s, r in zip(c["estimate"], c["se"], c["rel_time"], strict=True)],
        t("eval.col.ci", lang): [_ci(lo, hi, lang) if r != -1 else ""
                                 for lo, hi, r in zip(c["ci_low"], c["ci_high"], c["rel_time"], strict=True)],
    })


def power_display(data: pd.DataFrame, outcomes: list[str], cluster: str = "kecamatan_code",
                  lang: str = "id") -> pd.DataFrame:
    """MDE of this design for each outcome, from its baseline ICC, SD and cluster sizes."""
    base = data[data["post"] == 0]
    rows = []
    for y in outcomes:
        used = base.dropna(subset=[y])
        sizes = used.groupby(cluster).size()
        design = power.Design(
            clusters=len(sizes), cluster_size=float(sizes.mean()), icc=power.icc(used, y, cluster),
            sd=float(used[y].std()), share_treated=float(used["treated"].mean()),
            cv_cluster_size=power.cluster_size_cv(used, cluster),
        )
        rows.append({
            t("eval.col.outcome", lang): outcome_label(y, lang),
            t("eval.col.clusters", lang): fmt.integer(design.clusters, lang),
            t("eval.col.cluster_size", lang): fmt.decimal(design.cluster_size, 1, lang),
            t("eval.col.icc", lang): fmt.decimal(design.icc, 3, lang),
            t("eval.col.sd", lang): fmt.decimal(design.sd, 3, lang),
            t("eval.col.mde", lang): fmt.decimal(power.mde(design), 3, lang),
        })
    return pd.DataFrame(rows)


def share_outcome(hh: pd.DataFrame, outcome: str) -> pd.DataFrame:
    """DiD of a 0/1 outcome for all households and the head's-sex and poor-area subgroups."""
    from pnpm_lib.evaluation.did import did_table

    return did_table(hh, [outcome], weights="weight", by=SHARE_SUBGROUPS)


def synthetic_banner(lang: str) -> str:
    return t("eval.synthetic_banner", lang)


def source_line(sample, lang: str) -> str:
    return t("eval.source", lang, source=sample.source_text(lang))


def design_sentence(sample, lang: str) -> str:
    """How many households and kecamatan, in which arm, and which rounds."""
    hh = sample.households
    kec = hh.drop_duplicates("kecamatan_code")
    return t("eval.design", lang, n_hh=hh["household_id"].nunique(), n_kec=len(kec),
             n_treat=int(kec["treated"].sum()), n_control=int((kec["treated"] == 0).sum()),
             first=sample.rounds[0], last=sample.rounds[1])


def balance_note(balance: BalanceTable, lang: str) -> str:
    return t("eval.balance_note", lang, f=balance.f_stat, p=balance.f_p_value, n=balance.f_n)


def did_note(table: pd.DataFrame, lang: str, kind: str = "did") -> str:
    """How the table was estimated: its layout (``did`` or ``difference``), the weighting, the wild bootstrap."""
    estimators = table["estimator"].dropna().astype(str) if "estimator" in table else pd.Series([], dtype=str)
    weighted = bool(estimators.str.contains("WLS").any())
    parts = [t(f"eval.{kind}_note", lang), t("eval.note.weighted" if weighted else "eval.note.unweighted", lang)]
    if _has_wild(table):
        parts.append(t("eval.note.wild", lang))
    return " ".join(parts)


def no_villages(lang: str) -> str:
    return t("eval.no_villages", lang)


def event_skipped(rounds: str, lang: str) -> str:
    return t("eval.event_skipped", lang, rounds=rounds)


def event_sentence(es: EventStudy, lang: str) -> str:
    return t("eval.event_att", lang, est=es.att.estimate, low=es.att.ci_low, high=es.att.ci_high,
             f=es.pretrend_f, p=es.pretrend_p)


def family_display(family: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Raw, Holm-, Romano–Wolf-adjusted and randomization-inference p-values of the primary outcomes."""
    columns = {"p_value": "eval.col.p", "p_value_adjusted": "eval.col.p_holm",
               "p_value_romano_wolf": "eval.col.p_rw", "p_value_ri": "eval.col.p_ri"}
    return pd.DataFrame({t("eval.col.outcome", lang): [outcome_label(o, lang) for o in family["outcome"]],
                         **{t(key, lang): [fmt.p_value(p, lang) for p in family[column]]
                            for column, key in columns.items() if column in family}})


def family_note(lang: str) -> str:
    return t("eval.family_note", lang)


def footer(meta: dict, lang: str):
    """Provenance: data hash in words, versions and parameters as literal code."""
    from pnpm_lib.render import footer as line

    return line(t("eval.footer", lang, data_hash=meta["data_hash"]),
                f"pnpm_lib {meta['toolkit']}, pyfixest {meta['pyfixest']}; {meta['parameters']}")


def _n_clusters(r: dict, lang: str) -> str:
    return f"{fmt.integer(r['n'], lang)} / {fmt.integer(r['clusters'], lang)}"


def consumption_sentence(row: dict, lang: str = "id") -> str:
    """The log-point DiD as a percentage change with its CI (exp(b) − 1), or why there is no CI."""
    from pnpm_lib.evaluation.did import headline

    shown = headline(row)
    pct = 100 * (math.exp(row["did_estimate"]) - 1)
    if not shown.has_interval:
        return t("eval.consumption_sentence_none", lang, pct=pct, clusters=row["clusters"],
                 why=t(f"eval.no_interval.{shown.reason}", lang, clusters=row["clusters"]))
    low, high = (100 * (math.exp(v) - 1) for v in shown.bounds)
    return t("eval.consumption_sentence", lang, pct=pct, low=low, high=high, clusters=row["clusters"])


def pp_sentence(row: dict, lang: str = "id") -> str:
    """A share or probability DiD in percentage points with its CI (the wild-bootstrap one below 40 clusters)."""
    from pnpm_lib.evaluation.did import headline

    shown = headline(row)
    outcome = outcome_label(row["outcome"], lang)
    if not shown.has_interval:
        return t("eval.pp_sentence_none", lang, outcome=outcome, pp=100 * row["did_estimate"],
                 why=t(f"eval.no_interval.{shown.reason}", lang, clusters=row["clusters"]))
    low, high = shown.bounds
    return t("eval.pp_sentence", lang, outcome=outcome, pp=100 * row["did_estimate"], low=100 * low, high=100 * high)


def estimator_names(lang: str) -> dict[str, str]:
    from pnpm_lib.evaluation.staggered import ESTIMATORS

    return {name: t(f"eval.estimator.{name}", lang) for name in ESTIMATORS}


def estimator_display(comparison, lang: str, planted: float | None = None) -> pd.DataFrame:
    """One row per estimator: its headline effect (SE), 95% CI and what it averages; the planted effect if known."""
    names = estimator_names(lang)
    rows = [{t("eval.col.estimator", lang): names[r["estimator"]],
             t("eval.col.effect", lang): fmt.estimate(r["estimate"], r["se"], 3, lang),
             t("eval.col.ci", lang): _ci(r["ci_low"], r["ci_high"], lang),
             t("eval.col.averages", lang): t(f"eval.estimand.{r['estimator']}", lang)}
            for r in comparison.overall.to_dict("records")]
    if planted is not None:
        rows.append({t("eval.col.estimator", lang): t("eval.planted_row", lang),
                     t("eval.col.effect", lang): fmt.decimal(planted, 3, lang), t("eval.col.ci", lang): "",
                     t("eval.col.averages", lang): t("eval.estimand.imputation", lang)})
    return pd.DataFrame(rows)


def estimator_sentence(comparison, lang: str, planted: float | None = None) -> str:
    """TWFE against the robust estimators (and the planted effect on synthetic data)."""
    table = comparison.overall.set_index("estimator")
    robust = table.drop("twfe")["estimate"]
    fields = {"twfe": table.loc["twfe", "estimate"], "low": robust.min(), "high": robust.max()}
    if planted is not None:
        return t("eval.estimators.synthetic", lang, planted=planted, **fields)
    return t("eval.estimators.user", lang, **fields)


def sensitivity_display(s, lang: str) -> pd.DataFrame:
    return pd.DataFrame({t("eval.col.mbar", lang): [fmt.decimal(m, 2, lang) for m in s.bounds["m"]],
                         t("eval.col.robust_ci", lang): [_ci(lo, hi, lang) for lo, hi in
                                                          zip(s.bounds["ci_low"], s.bounds["ci_high"], strict=True)]})


def sensitivity_sentence(s, lang: str) -> str:
    """Where the conclusion breaks down, and what the pre-trend test could have detected (Roth 2022)."""
    key = "eval.sensitivity.breakdown" if s.breakdown is not None else "eval.sensitivity.robust"
    return t(key, lang, est=s.estimate, m=s.breakdown or 0.0, top=float(s.bounds["m"].max()), mdv=s.mdv,
             pre=s.pre_periods)
