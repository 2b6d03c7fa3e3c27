"""Evaluation charts: iegraph-style effect bars and event-study plots.

As in DIME's ``iegraph``, the comparison bar is the comparison group's mean
(not a regression constant) and the treatment bar is that mean plus the
estimated effect, with its 95% CI and the N of each arm under the bars.
Synthetic data are stamped on the chart itself, so a screenshot cannot lose it.
"""

from __future__ import annotations

from pnpm_lib.evaluation.event import EventStudy
from pnpm_lib.i18n import t
from pnpm_lib.plots import HIGHLIGHT, INK, MUTED, _caption, _figure, _style


def effect_bars(row: dict, label: str, lang: str = "id", synthetic: bool = False, transform=None):
    """Comparison follow-up mean vs comparison + DiD effect, 95% CI on the effect (one DiD row).

    ``transform`` maps the outcome's scale to natural units for display (``numpy.exp``
    turns log consumption into Rp); bars start at zero so their lengths compare honestly.
    """
    base = row["control_baseline"] + row["control_change"]
    points = [base, base + row["did_estimate"], base + row["did_ci_low"], base + row["did_ci_high"]]
    control, treated, low, high = (transform(v) for v in points) if transform else points
    fig, ax = _figure(4.8, 3.3)
    names = [t("eval.chart.control", lang, n=row["control_change_n"]),
             t("eval.chart.treatment", lang, n=row["treatment_change_n"])]
    ax.bar(names, [control, treated], color=[MUTED, HIGHLIGHT], width=0.55)
    ax.errorbar([1], [treated], yerr=[[treated - low], [high - treated]], color=INK, capsize=6, linewidth=1.2)
    for x, y in ((0, control), (1, treated)):
        ax.annotate(f"{y:,.3g}" if abs(y) < 1000 else f"{y:,.0f}", (x, y), textcoords="offset points",
                    xytext=(16, 3), fontsize=8, color=INK)
    ax.set_ylim(min(0, low) * 1.1, max(treated, high) * 1.12)
    ax.set_ylabel(label, fontsize=8)
    ax.set_title(t("eval.chart.effect_title", lang, effect=row["did_estimate"], low=row["did_ci_low"],
                   high=row["did_ci_high"]), fontsize=8.5, loc="left")
    _style(ax)
    _caption(fig, t("eval.chart.effect_caption", lang, clusters=row["clusters"]))
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:,.0f}" if abs(v) >= 1000 else f"{v:g}")
    if synthetic:
        stamp(ax, lang, left=True)
    return fig


def event_plot(es: EventStudy, label: str, lang: str = "id", synthetic: bool = False):
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
    ax.set_title(t("eval.chart.event_title", lang, f=es.pretrend_f, p=es.pretrend_p), fontsize=8.5, loc="left")
    _style(ax)
    _caption(fig, t("eval.chart.event_caption", lang, clusters=es.att.clusters))
    if synthetic:
        stamp(ax, lang)
    return fig


def stamp(ax, lang: str, left: bool = False) -> None:
    """A visible 'synthetic data' mark inside the axes (top left or top right)."""
    ax.text(0.01 if left else 0.99, 0.99, t("eval.synthetic_stamp", lang), transform=ax.transAxes,
            ha="left" if left else "right", va="top",
            fontsize=8, color="#b00020", fontweight="bold")
