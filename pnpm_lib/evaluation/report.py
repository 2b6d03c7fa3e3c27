"""Reader-facing tables and sentences for evaluation results, Indonesian first.

Estimates come with SEs in brackets and 95% CIs, never stars alone; every table
says what a row is, how SEs are clustered and whether the data are synthetic.
"""

from __future__ import annotations

import math

import pandas as pd

from pnpm_lib.evaluation import power
from pnpm_lib.evaluation.balance import BalanceTable
from pnpm_lib.evaluation.event import EventStudy
from pnpm_lib.i18n import t


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
    from pnpm_lib.i18n import STRINGS

    return t(key, lang) if key in STRINGS else subgroup


def _est(value: float | None, se: float | None, digits: int = 3) -> str:
    if value is None or pd.isna(value):
        return ""
    return f"{value:.{digits}f} ({se:.{digits}f})"


def did_display(table: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """ieddtab layout: five estimate columns with SEs, the CI, N and clusters."""
    rows = []
    for r in table.to_dict("records"):
        estimated = pd.notna(r.get("did_estimate"))
        rows.append({
            t("eval.col.outcome", lang): outcome_label(r["outcome"], lang),
            t("eval.col.subgroup", lang): subgroup_label(r["subgroup"], lang),
            t("eval.col.control_baseline", lang): _est(r.get("control_baseline"), r.get("control_baseline_se")),
            t("eval.col.control_change", lang): _est(r.get("control_change"), r.get("control_change_se")),
            t("eval.col.treatment_baseline", lang): _est(r.get("treatment_baseline"),
                                                          r.get("treatment_baseline_se")),
            t("eval.col.treatment_change", lang): _est(r.get("treatment_change"), r.get("treatment_change_se")),
            t("eval.col.did", lang): _est(r.get("did_estimate"), r.get("did_se")),
            t("eval.col.ci", lang): f"{r['did_ci_low']:.3f} – {r['did_ci_high']:.3f}" if estimated else
            t("eval.not_estimated", lang),
            t("eval.col.n_clusters", lang): f"{int(r['n']):,} / {int(r['clusters'])}" if estimated else "",
        })
    return pd.DataFrame(rows)


def difference_display(table: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """Comparison mean, treatment mean, difference with SE and CI (poverty transitions)."""
    return pd.DataFrame([{
        t("eval.col.outcome", lang): outcome_label(r["outcome"], lang),
        t("eval.col.control_mean", lang): _est(r["control_mean"], r["control_mean_se"]),
        t("eval.col.treatment_mean", lang): _est(r["treatment_mean"], r["treatment_mean_se"]),
        t("eval.col.difference", lang): _est(r["did_estimate"], r["did_se"]),
        t("eval.col.ci", lang): f"{r['did_ci_low']:.3f} – {r['did_ci_high']:.3f}",
        t("eval.col.n_clusters", lang): f"{int(r['n']):,} / {int(r['clusters'])}",
    } for r in table.to_dict("records")])


def balance_display(bt: BalanceTable, lang: str = "id") -> pd.DataFrame:
    return pd.DataFrame([{
        t("eval.col.variable", lang): outcome_label(r["variable"], lang),
        t("eval.col.control_mean", lang): _est(r["mean_control"], r["se_control"]),
        t("eval.col.treatment_mean", lang): _est(r["mean_treatment"], r["se_treatment"]),
        t("eval.col.difference", lang): _est(r["difference"], r["se_difference"]),
        "p": f"{r['p_value']:.3f}",
        t("eval.col.normalized", lang): f"{r['normalized_difference']:.3f}",
        "N": f"{int(r['n_control']):,} / {int(r['n_treatment']):,}",
    } for r in bt.table.to_dict("records")])


def event_display(es: EventStudy, lang: str = "id") -> pd.DataFrame:
    c = es.coefficients
    return pd.DataFrame({
        t("eval.col.rel_time", lang): c["rel_time"],
        t("eval.col.effect", lang): [_est(e, s) if r != -1 else t("eval.reference", lang)
                                     for e, s, r in zip(c["estimate"], c["se"], c["rel_time"], strict=True)],
        t("eval.col.ci", lang): [f"{lo:.3f} – {hi:.3f}" if r != -1 else ""
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
            t("eval.col.clusters", lang): design.clusters,
            t("eval.col.cluster_size", lang): round(design.cluster_size, 1),
            "ICC": round(design.icc, 3),
            "SD": round(design.sd, 3),
            t("eval.col.mde", lang): round(power.mde(design), 3),
        })
    return pd.DataFrame(rows)


def consumption_sentence(row: dict, lang: str = "id") -> str:
    """The log-point DiD as a percentage change with its CI (exp(b) − 1)."""
    pct = [100 * (math.exp(row[k]) - 1) for k in ("did_estimate", "did_ci_low", "did_ci_high")]
    return t("eval.consumption_sentence", lang, pct=pct[0], low=pct[1], high=pct[2], clusters=row["clusters"])


def pp_sentence(row: dict, lang: str = "id") -> str:
    """A share or probability DiD in percentage points with its CI."""
    return t("eval.pp_sentence", lang, outcome=outcome_label(row["outcome"], lang),
             pp=100 * row["did_estimate"], low=100 * row["did_ci_low"], high=100 * row["did_ci_high"])
