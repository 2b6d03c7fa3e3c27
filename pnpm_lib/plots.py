"""House plotting style and the charts the notebooks and briefs show.

Functions return a matplotlib Figure and never call ``plt.show()``, so the same
chart serves a notebook, a brief and a test.
"""

from __future__ import annotations

from html import escape
from io import StringIO
from typing import Literal

from pnpm_lib import fmt
from pnpm_lib.i18n import t
from pnpm_lib.program import PNPM_YEARS

HIGHLIGHT = "#1b7f5b"
MUTED = "#b8c2cc"
INK = "#1f2933"
SPAN = "#f2e6c9"


def _figure(width: float = 7.0, height: float = 3.6, layout: Literal["constrained"] | None = "constrained"):
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=96, layout=layout)
    return fig, fig.add_subplot()


PAD = 4.0
"""Points between the figure's edge, the caption, the labels and the axes in ``fit_axes``."""


def fit_axes(fig, ax) -> None:
    """Place the axes from the measured size of only the texts around it: a layout for a chart drawn in every brief.

    Constrained layout measures every artist twice before the chart is drawn; for
    the brief's effect chart that is half its cost (0.03 s of 0.06 s, paid again
    in each of 7,000 kecamatan kernels). The texts here are all known before
    drawing: y tick labels (the locator on the set limits), the y label, x tick
    labels, the left title, the caption, and value labels offset to the right
    of a data point. Sizes come from the same font metrics the SVG renderer uses.
    """
    width, height = (72 * v for v in fig.get_size_inches())
    lo, hi = sorted(ax.get_ylim())
    ticks = [v for v in ax.yaxis.get_major_locator()() if lo <= v <= hi]
    y_labels = ax.yaxis.get_major_formatter().format_ticks(ticks)
    tick_size = ax.yaxis.get_major_ticks()[0].label1.get_fontsize()
    tick_room = 3.5 + 3.5  # tick length + tick label pad (matplotlib's defaults)
    left = PAD + _text_height(ax.get_ylabel(), ax.yaxis.label.get_fontsize()) + 4 + tick_room + max(
        (_text_width(s, tick_size) for s in y_labels), default=0)
    x_names = [label.get_text() for label in ax.get_xticklabels()]
    bottom = PAD + tick_room + max((_text_height(s, tick_size) for s in x_names), default=0)
    caption = fig._supxlabel  # set by _caption
    if caption is not None:
        bottom += PAD + _text_height(caption.get_text(), caption.get_fontsize())
    title = ax._left_title
    top = PAD + 6 + _text_height(title.get_text(), title.get_fontsize())
    right = PAD + _overhang(ax, left, width - PAD)
    fig.subplots_adjust(left=left / width, right=1 - right / width, bottom=bottom / height, top=1 - top / height)


def _overhang(ax, left: float, right_edge: float) -> float:
    """How far value labels placed right of a data point (``annotate`` in offset points) pass the axes' right end."""
    x0, x1 = ax.get_xlim()
    span = right_edge - left
    worst = 0.0
    for note in ax.texts:
        offset = getattr(note, "xyann", None)
        if offset is None or note.get_horizontalalignment() != "left":
            continue
        x = left + span * (note.xy[0] - x0) / (x1 - x0) + offset[0] + _text_width(note.get_text(), note.get_fontsize())
        worst = max(worst, x - right_edge)
    return worst


def _text_width(text: str, size: float) -> float:
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import text_to_path

    prop = FontProperties(size=size)
    return max(text_to_path.get_text_width_height_descent(line, prop, ismath=False)[0] for line in text.split("\n"))


def _text_height(text: str, size: float) -> float:
    """Lines × matplotlib's line spacing (1.2) × size; nothing for no text."""
    return 0.0 if not text else 1.2 * size * (text.count("\n") + 1)


def _style(ax) -> None:
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(colors=INK, labelsize=8)
    ax.grid(axis="y", color="#e4e7eb", linewidth=0.6)
    ax.set_axisbelow(True)


def national_trend(poverty, lang: str = "id") -> Chart:
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
        ax.annotate(fmt.decimal(yi, 1, lang), (xi, yi), textcoords="offset points", xytext=(0, 6),
                    ha="center", fontsize=7, color=INK)
    ax.set_xlabel(t("chart.year", lang), fontsize=8)
    ax.set_ylabel(t("chart.poverty_rate", lang), fontsize=8)
    ax.set_xlim(2005.7, 2015.2)
    ax.set_ylim(0, max(poverty["poverty_rate_pct"]) * 1.15)
    ax.legend(fontsize=7, frameon=False, loc="lower left")
    ax.xaxis.set_major_formatter(fmt.axis("year", lang))
    ax.yaxis.set_major_formatter(fmt.axis("dec", lang))
    _style(ax)
    _caption(fig, t("chart.source_bps", lang))
    first, last = poverty.iloc[0], poverty.iloc[-1]
    return Chart(fig, t("chart.trend_alt", lang, first=first.poverty_rate_pct, first_period=first.period,
                        last=last.poverty_rate_pct, last_period=last.period))


def _caption(fig, text: str) -> None:
    """Source line under the chart, wrapped to the figure's width (about 17 characters an inch)."""
    import textwrap

    if fig.get_layout_engine() is not None:
        fig.get_layout_engine().set(h_pad=0.15)
    wrapped = textwrap.fill(text, width=int(fig.get_figwidth() * 17))
    fig.supxlabel(wrapped, fontsize=6.5, color="#52606d", x=0.01, ha="left")


class Chart:
    """A rendered chart: inline SVG with its text kept as text, and alt text in the page's language.

    SVG rather than PNG so that print is sharp, the brief stays small, and a test
    can read every label the reader sees (``texts``) for language and number
    marks. Ids inside the SVG are salted per chart so several charts on one page
    never share a clip path; no date is written, so re-renders are byte-identical.
    """

    def __init__(self, fig, alt: str):
        import hashlib

        import matplotlib

        self.alt = alt
        salt = hashlib.sha256(alt.encode()).hexdigest()[:12]
        buffer = StringIO()
        with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": salt}):
            fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
        svg = buffer.getvalue()
        self.texts = svg_texts(svg)
        svg = svg[svg.index("<svg"):]
        label = escape(alt, quote=True)
        self.svg = svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1).replace(
            ">", f"><title>{escape(alt)}</title>", 1)

    def _repr_html_(self) -> str:
        return f'<figure class="chart">{self.svg}</figure>'

    def __repr__(self) -> str:  # the text/plain beside the chart: its alt text (stable across runs)
        return self.alt


def svg_texts(svg: str) -> list[str]:
    """Every text an SVG draws (one entry per ``<text>``, lines joined by a space)."""
    import re
    from html import unescape

    return [" ".join(unescape(re.sub(r"<[^>]+>", "\n", m)).split())
            for m in re.findall(r"<text\b[^>]*>(.*?)</text>", svg, flags=re.DOTALL)]


def chart(fig, alt: str) -> Chart:
    """Render ``fig`` now as an inline SVG chart described by ``alt`` (in the page's language)."""
    return Chart(fig, alt)
