"""Evaluation charts: iegraph-style effect bars and event-study plots.

As in DIME's ``iegraph``, the comparison bar is the comparison group's mean
(not a regression constant) and the treatment bar is that mean plus the
estimated effect, with its 95% CI and the N of each arm under the bars. The
effect in the title is in the same unit as the text beside the chart (% for
consumption, percentage points for shares). Synthetic data are stamped on the
chart itself, so a screenshot cannot lose it. Every number goes through ``fmt``.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from pnpm_lib import fmt
from pnpm_lib.evaluation.event import EventStudy
from pnpm_lib.i18n import t
from pnpm_lib.plots import HIGHLIGHT, INK, MUTED, Chart, _caption, _figure, _style, fit_axes

MEASURES = ("consumption", "share")
"""consumption: a log outcome shown in Rp with a % effect; share: a 0–1 outcome shown in % with a pp effect."""


def effect_bars(row: dict, measure: str, lang: str = "id", synthetic: bool = False) -> Chart:
    """Comparison follow-up mean vs comparison + DiD effect, 95% CI on the effect (one DiD row)."""
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {MEASURES}, got {measure!r}")
    from pnpm_lib.evaluation.did import headline

    shown = headline(row)  # the wild-bootstrap CI below 40 clusters; none where no test can reject
    base = row["control_baseline"] + row["control_change"]
    estimate = (row["did_estimate"], *(shown.bounds if shown.has_interval else (0.0, 0.0)))
    points = [base, *(base + v for v in estimate)]
    if measure == "consumption":  # geometric means in Rp; the effect as a % change
        control, treated, low, high = (math.exp(v) for v in points)
        value_kind, label = "rp", t("eval.chart.rp", lang)
        effect = [fmt.percent(100 * (math.exp(v) - 1), 1, lang, signed=True) for v in estimate]
    else:  # shares in %; the effect in percentage points
        control, treated, low, high = (100 * v for v in points)
        value_kind, label = "pct1", t("eval.chart.share", lang)
        effect = [fmt.points(100 * v, 1, lang) for v in estimate]
    if not shown.has_interval:
        low = high = treated
    fig, ax = _figure(4.8, 3.3, layout=None)  # placed by fit_axes: it is drawn in every brief
    names = [t("eval.chart.control", lang, n=row["control_change_n"]),
             t("eval.chart.treatment", lang, n=row["treatment_change_n"])]
    ax.bar(names, [control, treated], color=[MUTED, HIGHLIGHT], width=0.55)
    if shown.has_interval:
        ax.errorbar([1], [treated], yerr=[[treated - low], [high - treated]], color=INK, capsize=6, linewidth=1.2)
    for x, y in ((0, control), (1, treated)):
        ax.annotate(fmt.kind(y, value_kind, lang), (x, y), textcoords="offset points", xytext=(16, 3),
                    fontsize=8, color=INK)
    ax.set_ylim(min(0, low) * 1.1, max(treated, high) * 1.12)
    ax.set_ylabel(label, fontsize=8)
    ax.yaxis.set_major_formatter(fmt.axis("rp" if measure == "consumption" else "pct", lang))
    ax.yaxis.set_major_locator(MaxNLocator(5))
    if shown.has_interval:
        title = t(f"eval.chart.effect_title.{measure}", lang, effect=effect[0], low=effect[1], high=effect[2])
        caption = "eval.chart.effect_caption_wild" if shown.method == "wild" else "eval.chart.effect_caption"
    else:
        why = t(f"eval.no_interval.{shown.reason}", lang, clusters=row["clusters"])
        title = t(f"eval.chart.effect_title_none.{measure}", lang, effect=effect[0])
        caption = "eval.chart.effect_caption_none"
    ax.set_title(title, fontsize=8.5, loc="left")
    _style(ax)
    _caption(fig, t(caption, lang, clusters=row["clusters"], why=None if shown.has_interval else why))
    if synthetic:
        stamp(ax, lang, left=True)
    fit_axes(fig, ax)
    alt = t("eval.chart.effect_alt", lang, control=fmt.kind(control, value_kind, lang),
            treated=fmt.kind(treated, value_kind, lang), title=title)
    return Chart(fig, alt)


def event_plot(es: EventStudy, label: str, lang: str = "id", synthetic: bool = False) -> Chart:
    """Effects by year relative to entry with 95% CI band; the omitted year −1 is marked."""
    c = es.coefficients
    fig, ax = _figure(6.4, 3.2)
    ax.axhline(0, color=INK, linewidth=0.8)
    ax.axvline(-0.5, color=MUTED, linestyle="--", linewidth=1)
    ax.fill_between(c["rel_time"], c["ci_low"], c["ci_high"], color=HIGHLIGHT, alpha=0.18, linewidth=0)
    ax.plot(c["rel_time"], c["estimate"], "-o", color=HIGHLIGHT, markersize=4)
    ref = c[c["rel_time"] == -1]
    ax.plot(ref["rel_time"], ref["estimate"], "o", color="white", markeredgecolor=INK, markersize=5)
    ax.set_xlabel(t("eval.chart.event_x", lang), fontsize=8)
    ax.set_ylabel(label, fontsize=8)
    ax.xaxis.set_major_formatter(fmt.axis("int", lang))
    ax.yaxis.set_major_formatter(fmt.axis("dec", lang))
    title = t("eval.chart.event_title", lang, f=es.pretrend_f, p=es.pretrend_p)
    ax.set_title(title, fontsize=8.5, loc="left")
    _style(ax)
    _caption(fig, t("eval.chart.event_caption", lang, clusters=es.att.clusters))
    if synthetic:
        stamp(ax, lang)
    return Chart(fig, t("eval.chart.event_alt", lang, title=title))


def stamp(ax, lang: str, left: bool = False) -> None:
    """A visible 'synthetic data' mark inside the axes (top left or top right)."""
    ax.text(0.01 if left else 0.99, 0.99, t("eval.synthetic_stamp", lang), transform=ax.transAxes,
            ha="left" if left else "right", va="top",
            fontsize=8, color="#b00020", fontweight="bold")


ESTIMATOR_STYLE = {"twfe": ("#b03a2e", "s"), "sun_abraham": (HIGHLIGHT, "o"), "cs_never": ("#3d6fb6", "^"),
                   "cs_not_yet": ("#8e44ad", "v"), "imputation": ("#c47f17", "D")}


def estimator_plot(event: pd.DataFrame, names: dict[str, str], label: str, lang: str = "id",
                   truth: pd.Series | None = None, synthetic: bool = False) -> Chart:
    """Event-time effects of every estimator side by side (dodged), 95% CIs, and the planted truth if known."""
    fig, ax = _figure(6.8, 4.2)
    ax.axhline(0, color=INK, linewidth=0.8)
    ax.axvline(-0.5, color=MUTED, linestyle="--", linewidth=1)
    offsets = np.linspace(-0.24, 0.24, len(ESTIMATOR_STYLE))
    for offset, (name, (colour, marker)) in zip(offsets, ESTIMATOR_STYLE.items(), strict=True):
        rows = event[(event["estimator"] == name) & (event["rel_time"] != -1)]
        x = rows["rel_time"].to_numpy() + offset
        ax.vlines(x, rows["ci_low"], rows["ci_high"], color=colour, linewidth=1, alpha=0.8)
        ax.plot(x, rows["estimate"], marker, color=colour, markersize=3.5, linestyle="none", label=names[name])
    if truth is not None:
        truth = truth[truth.index.isin(event["rel_time"])]
        ax.plot(truth.index, truth.to_numpy(), "_", color=INK, markersize=14, markeredgewidth=2,
                label=t("eval.chart.planted", lang))
    ax.set_xlabel(t("eval.chart.event_x", lang), fontsize=8)
    ax.set_ylabel(label, fontsize=8)
    ax.xaxis.set_major_formatter(fmt.axis("int", lang))
    ax.yaxis.set_major_formatter(fmt.axis("dec", lang))
    fig.legend(fontsize=6.5, frameon=False, ncols=3, loc="outside upper center")
    _style(ax)
    _caption(fig, t("eval.chart.estimators_caption", lang))
    if synthetic:
        stamp(ax, lang, left=True)
    return Chart(fig, t("eval.chart.estimators_alt", lang, n=len(names)))
