"""Small HTML builders for notebook and brief output.

Everything that came from data is escaped here, so a province name such as
``<script>`` shows as text and never as markup.
"""

from __future__ import annotations

import numbers
from html import escape

import pandas as pd


class Html(str):
    """A string of trusted HTML that Jupyter displays as HTML."""

    def _repr_html_(self) -> str:
        return str(self)


def heading(text: str, level: int = 2) -> Html:
    return Html(f"<h{level}>{escape(text)}</h{level}>")


def paragraph(text: str, css_class: str | None = None) -> Html:
    cls = f' class="{escape(css_class)}"' if css_class else ""
    return Html(f"<p{cls}>{escape(text)}</p>")


def bullets(items: list[str], ordered: bool = False) -> Html:
    tag = "ol" if ordered else "ul"
    body = "".join(f"<li>{escape(i)}</li>" for i in items)
    return Html(f"<{tag}>{body}</{tag}>")


def table(df: pd.DataFrame, numeric_format: str = "{:,.2f}") -> Html:
    """An escaped HTML table; numbers right-aligned, missing values blank."""
    head = "".join(
        f'<th class="num">{escape(str(c))}</th>' if pd.api.types.is_numeric_dtype(df[c])
        else f"<th>{escape(str(c))}</th>"
        for c in df.columns
    )
    rows = "".join(
        "<tr>" + "".join(_cell(v, numeric_format) for v in record) + "</tr>"
        for record in df.itertuples(index=False)
    )
    return Html(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")


def _cell(value: object, numeric_format: str) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "<td></td>"
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return f'<td class="num">{value:,}</td>'
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        return f'<td class="num">{escape(numeric_format.format(value))}</td>'
    return f"<td>{escape(str(value))}</td>"
