"""Small HTML builders for notebook and brief output.

Everything that came from data is escaped here, so a province name such as
``<script>`` shows as text and never as markup. Tables format their numbers
through ``fmt`` in the page's language and refuse identifier-style headers, so
a reader never sees ``kecamatan_2012`` or ``1,234.5`` on an Indonesian page.
"""

from __future__ import annotations

import numbers
import re
from html import escape

import pandas as pd

from pnpm_lib import fmt

IDENTIFIER = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)+$")
"""A snake_case identifier: never a header a reader sees."""


class Html(str):
    """A string of trusted HTML that Jupyter displays as HTML."""

    def _repr_html_(self) -> str:
        return str(self)


def section(*parts: object) -> Html:
    """Several shown things (headings, paragraphs, tables, charts, maps) as one output; ``None`` shows nothing.

    Each output is a message from the kernel to the runner, checked against the
    notebook schema and stored: a brief that showed 29 outputs spent more on
    that than on composing them. Parts keep their own HTML (a chart its SVG and
    aria-label), in order.
    """
    return Html("".join(part._repr_html_() for part in parts if part is not None))  # type: ignore[attr-defined]


def heading(text: str, level: int = 2) -> Html:
    return Html(f"<h{level}>{escape(text)}</h{level}>")


def paragraph(text: str, css_class: str | None = None) -> Html:
    cls = f' class="{escape(css_class)}"' if css_class else ""
    return Html(f"<p{cls}>{escape(text)}</p>")


def with_literal(text: str, literal: str, css_class: str = "note") -> Html:
    """Words in the page's language followed by literal code (column names, versions, parameters)."""
    return Html(f'<p class="{escape(css_class)}">{escape(text)} <code>{escape(literal)}</code></p>')


def footer(text: str, literal: str) -> Html:
    """A provenance line: words in the page's language, then versions and parameters as literal code."""
    return with_literal(text, literal, "footer")


def bullets(items: list[str], ordered: bool = False) -> Html:
    tag = "ol" if ordered else "ul"
    body = "".join(f"<li>{escape(i)}</li>" for i in items)
    return Html(f"<{tag}>{body}</{tag}>")


def table(df: pd.DataFrame, lang: str, formats: dict[str, str] | None = None, default: str = "dec2",
          css_class: str = "") -> Html:
    """An escaped HTML table in ``lang``: whole numbers as counts, other numbers by ``formats[column]``.

    ``formats`` maps a column to a ``fmt.KINDS`` name (``{"Rate": "pct1"}``); other
    float columns use ``default``. A header that looks like an identifier is an
    error: headers come from the catalogue.
    """
    formats = formats or {}
    for column in df.columns:
        if IDENTIFIER.match(str(column)):
            raise ValueError(f"table header {column!r} is an identifier; take it from the catalogue")
    numeric = {c for c in df.columns if pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c])}
    head = "".join(f'<th class="num">{escape(str(c))}</th>' if c in numeric else f"<th>{escape(str(c))}</th>"
                   for c in df.columns)
    kinds = [formats.get(c, default) for c in df.columns]
    rows = "".join("<tr>" + "".join(_cell(v, k, lang) for v, k in zip(record, kinds, strict=True)) + "</tr>"
                   for record in df.itertuples(index=False))
    cls = f' class="{escape(css_class)}"' if css_class else ""
    return Html(f"<table{cls}><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")


def _cell(value: object, kind: str, lang: str) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return "<td></td>"
    if isinstance(value, Html):  # already escaped by whoever built it (a citation with <cite>)
        return f"<td>{value}</td>"
    if isinstance(value, bool):
        return f"<td>{escape(str(value))}</td>"
    if isinstance(value, numbers.Integral):
        return f'<td class="num">{escape(fmt.integer(int(value), lang))}</td>'
    if isinstance(value, numbers.Real):
        return f'<td class="num">{escape(fmt.kind(value, kind, lang))}</td>'
    return f"<td>{escape(str(value))}</td>"
