"""Indicator charts: adequacy dots by goal, rank intervals, goal contributions.

Every chart takes ``synthetic`` and stamps synthetic data on the axes, as the
evaluation charts do.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from pnpm_lib import fmt
from pnpm_lib.evaluation.charts import stamp
from pnpm_lib.i18n import t
from pnpm_lib.plots import HIGHLIGHT, INK, MUTED, Chart, _caption, _figure, _style

GOAL_COLOURS = ("#1b7f5b", "#3d6fb6", "#c47f17", "#8e44ad", "#b03a2e", "#16a2b8", "#6c7a89")


def adequacy_dots(summary: pd.DataFrame, region_label: str, lang: str = "id", synthetic: bool = False):
    """Share of units meeting each indicator's cutoff: the region vs all units, grouped by goal.

    ``summary`` has columns goal, indicator, region, all (shares 0–1), in display order.
    """
    fig, ax = _figure(7.0, 0.28 * len(summary) + 1.2)
    y = np.arange(len(summary))[::-1]
    ax.hlines(y, summary["all"], summary["region"], color=MUTED, linewidth=1)
    ax.plot(summary["all"], y, "o", color=MUTED, markersize=5, label=t("ind.chart.all", lang))
    ax.plot(summary["region"], y, "o", color=HIGHLIGHT, markersize=6, label=region_label)
    ax.set_yticks(y, [f"{i}  ·  {g}" for g, i in zip(summary["goal"], summary["indicator"], strict=True)],
                  fontsize=7)
    ax.set_xlim(-0.02, 1.02)
    ax.xaxis.set_major_formatter(fmt.axis("share", lang))
    ax.set_xlabel(t("ind.chart.adequate_x", lang), fontsize=8)
    ax.legend(fontsize=7, frameon=False, loc="lower right")
    _style(ax)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", color="#e4e7eb", linewidth=0.6)
    _caption(fig, t("ind.chart.adequate_caption", lang))
    if synthetic:
        stamp(ax, lang)
    return Chart(fig, t("ind.chart.adequate_alt", lang, region=region_label, n=len(summary)))


def rank_intervals(ranks: pd.DataFrame, labels: pd.Series, lang: str = "id", synthetic: bool = False,
                   draws: int = 1000):
    """Each unit's 5–95% simulated rank interval, median (dot) and nominal rank (cross)."""
    r = ranks.assign(label=labels.reindex(ranks.index)).sort_values("nominal_rank")
    fig, ax = _figure(7.0, min(0.2 * len(r) + 1.3, 9.0))
    y = np.arange(len(r))[::-1]
    ax.hlines(y, r["rank_p05"], r["rank_p95"], color=HIGHLIGHT, alpha=0.5, linewidth=2.5)
    ax.plot(r["median_rank"], y, "o", color=HIGHLIGHT, markersize=4, label=t("ind.chart.median", lang))
    ax.plot(r["nominal_rank"], y, "x", color=INK, markersize=4, label=t("ind.chart.nominal", lang))
    if len(r) <= 40:
        ax.set_yticks(y, r["label"], fontsize=6.5)
    else:
        ax.set_yticks([])
    ax.set_xlabel(t("ind.chart.rank_x", lang), fontsize=8)
    ax.invert_xaxis()
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # ranks are whole numbers
    ax.xaxis.set_major_formatter(fmt.axis("int", lang))
    ax.legend(fontsize=7, frameon=False, loc="lower right")
    _style(ax)
    ax.grid(axis="y", visible=False)
    _caption(fig, t("ind.chart.rank_caption", lang, draws=draws))
    if synthetic:
        stamp(ax, lang)
    return Chart(fig, t("ind.chart.rank_alt", lang, n=len(r), draws=draws))


def goal_contributions(contributions: pd.DataFrame, goal_labels: dict[str, str], lang: str = "id",
                       synthetic: bool = False):
    """Stacked bars: each row (e.g. arm × year) split into what each goal adds to the index."""
    fig, ax = _figure(7.0, 0.45 * len(contributions) + 1.8)
    y = np.arange(len(contributions))[::-1]
    left = np.zeros(len(contributions))
    for colour, goal in zip(GOAL_COLOURS, contributions.columns, strict=False):
        values = contributions[goal].to_numpy(dtype=float)
        ax.barh(y, values, left=left, color=colour, height=0.6, label=goal_labels[goal])
        left += values
    for yi, total in zip(y, left, strict=True):
        ax.text(total + 0.5, yi, fmt.decimal(total, 1, lang), va="center", fontsize=8, color=INK)
    ax.set_yticks(y, contributions.index, fontsize=8)
    ax.set_xlim(0, max(left.max() * 1.12, 1))
    ax.set_xlabel(t("ind.chart.index_x", lang), fontsize=8)
    fig.legend(fontsize=6.5, frameon=False, ncols=4, loc="outside upper center")
    _style(ax)
    ax.grid(axis="y", visible=False)
    ax.xaxis.set_major_formatter(fmt.axis("dec", lang))
    _caption(fig, t("ind.chart.contrib_caption", lang))
    if synthetic:
        stamp(ax, lang)
    return Chart(fig, t("ind.chart.contrib_alt", lang, groups=fmt.join(contributions.index, lang)))


def sobol_bars(result, factor_labels: dict[str, str], lang: str = "id", synthetic: bool = False):
    """Total effect (bar, with its bootstrap interval) and first-order effect (dot) of each method choice."""
    table = result.table.sort_values("total")
    fig, ax = _figure(7.0, 0.42 * len(table) + 1.4)
    y = np.arange(len(table))
    ax.barh(y, table["total"], color=HIGHLIGHT, alpha=0.55, height=0.55, label=t("ind.chart.sobol_total", lang))
    ax.hlines(y, table["total_low"], table["total_high"], color=INK, linewidth=1)
    ax.plot(table["first"].clip(lower=0), y, "o", color=INK, markersize=4, label=t("ind.chart.sobol_first", lang))
    ax.set_yticks(y, [factor_labels[f] for f in table.index], fontsize=8)
    ax.set_xlim(0, max(1.0, float(table["total_high"].max()) * 1.05))
    ax.xaxis.set_major_formatter(fmt.axis("share", lang))
    ax.set_xlabel(t("ind.chart.sobol_x", lang), fontsize=8)
    ax.legend(fontsize=7, frameon=False, loc="lower right")
    _style(ax)
    ax.grid(axis="y", visible=False)
    _caption(fig, t("ind.chart.sobol_caption", lang, n=result.n, runs=result.runs,
                    level=round(result.confidence * 100)))
    if synthetic:
        stamp(ax, lang)
    top = table["total"].idxmax()
    return Chart(fig, t("ind.chart.sobol_alt", lang, factor=factor_labels[top], total=table.loc[top, "total"]))
