"""House plotting style and the charts the notebooks and briefs show.

Functions return a matplotlib Figure and never call ``plt.show()``, so the same
chart serves a notebook, a brief and a test.
"""

from __future__ import annotations

from io import BytesIO

from pnpm_lib.i18n import t
from pnpm_lib.program import PNPM_YEARS

HIGHLIGHT = "#1b7f5b"
MUTED = "#b8c2cc"
INK = "#1f2933"
SPAN = "#f2e6c9"


def _figure(width: float = 7.0, height: float = 3.6):
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=96, layout="constrained")
    return fig, fig.add_subplot()


def _style(ax) -> None:
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(colors=INK, labelsize=8)
    ax.grid(axis="y", color="#e4e7eb", linewidth=0.6)
    ax.set_axisbelow(True)


def national_trend(poverty, lang: str = "id"):
    """National poverty rate by survey round, with the PNPM Mandiri years shaded."""
    fig, ax = _figure()
    ax.axvspan(PNPM_YEARS[0] + 0.25, PNPM_YEARS[1] + 0.99, color=SPAN, label=t("chart.pnpm_span", lang))
    x = poverty["year"] + (poverty["month"] - 1) / 12
    march = poverty["month"] == 3
    ax.plot(x[march], poverty.loc[march, "poverty_rate_pct"], "-o", color=HIGHLIGHT,
            markersize=4, label=t("chart.national_march", lang))
    ax.plot(x[~march], poverty.loc[~march, "poverty_rate_pct"], "s", color=INK,
            markersize=4, label=t("chart.national_sept", lang))
    for xi, yi in zip(x[march], poverty.loc[march, "poverty_rate_pct"], strict=True):
        ax.annotate(f"{yi:.1f}", (xi, yi), textcoords="offset points", xytext=(0, 6),
                    ha="center", fontsize=7, color=INK)
    ax.set_xlabel(t("chart.year", lang), fontsize=8)
    ax.set_ylabel(t("chart.poverty_rate", lang), fontsize=8)
    ax.set_xlim(2005.7, 2015.2)
    ax.set_ylim(0, max(poverty["poverty_rate_pct"]) * 1.15)
    ax.legend(fontsize=7, frameon=False, loc="lower left")
    _style(ax)
    _caption(fig, t("chart.source_bps", lang))
    return fig


def _caption(fig, text: str) -> None:
    """Source line under the chart, wrapped to the figure's width (about 17 characters an inch)."""
    import textwrap

    fig.get_layout_engine().set(h_pad=0.15)
    wrapped = textwrap.fill(text, width=int(fig.get_figwidth() * 17))
    fig.supxlabel(wrapped, fontsize=6.5, color="#52606d", x=0.01, ha="left")


class Chart:
    """A rendered chart that notebooks display as an embedded PNG, whatever the backend."""

    def __init__(self, fig, dpi: int = 96):
        buffer = BytesIO()
        fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
        self.png = buffer.getvalue()

    def _repr_png_(self) -> bytes:
        return self.png

    def __repr__(self) -> str:  # the text/plain beside the PNG: stable, unlike the default object address
        return f"<chart, {len(self.png):,} bytes PNG>"


def chart(fig, dpi: int = 96) -> Chart:
    """Render ``fig`` to PNG now (self-contained HTML embeds it as base64)."""
    return Chart(fig, dpi)
