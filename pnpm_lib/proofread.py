"""Proofread a rendered page as its reader sees it: one language, one locale, no identifiers.

``scan(html, lang)`` reads the visible text of a page (chart text and alt text
included) and reports three kinds of hit:

- ``language``: a word of the other language, from a vocabulary built from the
  toolkit's own texts (the catalogues and the notebook sources' language cells):
  a word counts as English if English texts use it and Indonesian ones never do;
- ``identifier``: a ``snake_case`` name (a column or parameter shown as a word);
- ``number``: the other locale's number marks (``1.25`` or ``5,100`` on an
  Indonesian page; ``10,6`` or ``1.234.567`` on an English one).

Text inside ``<code>``, ``<pre>``, ``<script>`` and ``<style>`` is literal (file
names, versions, parameters) and not read; nor is an element whose ``lang``
attribute names another language (a quoted title in its own language).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from pnpm_lib.i18n import LANGS, check_lang, texts

LITERAL = {"code", "pre", "script", "style", "kbd", "samp"}
VOID = {"br", "hr", "img", "input", "meta", "link", "col", "area", "base", "source", "wbr", "path", "use", "rect",
        "circle", "line", "polyline", "polygon", "stop"}
WORD = re.compile(r"(?<![0-9A-Za-zÀ-ÿ])[A-Za-zÀ-ÿ]+(?:[-'][A-Za-zÀ-ÿ]+)*(?![0-9A-Za-zÀ-ÿ])")  # not letters glued to digits (a hash)
IDENTIFIER = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
NUMBERS = {
    "id": [re.compile(r"(?<![\d.,])\d+\.\d{1,2}(?![\d.,])"),  # 1.25, 17.8: a decimal point
           re.compile(r"(?<![\d.,])0\.\d+"),  # 0.101
           re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3}){2,}(?![\d,])"),  # 1,234,567
           re.compile(r"(?<![\d.,])[1-9]\d{0,2},\d00(?![\d,])(?! \()")],  # 5,100: a thousands comma (not "12,300 (SE)")
    "en": [re.compile(r"(?<![\d.,])\d+,\d{1,2}(?![\d.,])"),  # 10,6: a decimal comma
           re.compile(r"(?<![\d.,])0,\d+"),  # 0,101
           re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3}){2,}(?![\d.])"),  # 1.234.567
           re.compile(r"(?<![\d.,])[1-9]\d{0,2}\.\d00(?![\d.])(?! \()")],  # 5.100: a thousands dot
}


@dataclass(frozen=True)
class Hit:
    kind: str  # language, identifier, number
    found: str
    context: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.found!r} in …{self.context}…"


class _Text(HTMLParser):
    """Visible text nodes (and alt / aria-label / title attributes) of a page in ``lang``."""

    def __init__(self, lang: str) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = lang
        self.stack: list[bool] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        foreign = attributes.get("lang") not in (None, self.lang) and tag != "html"
        skip = tag in LITERAL or foreign or (self.stack and self.stack[-1])
        for name in ("alt", "aria-label"):
            if attributes.get(name) and not skip:
                self.parts.append(attributes[name])
        if tag not in VOID:
            self.stack.append(bool(skip))

    def handle_startendtag(self, tag, attrs):
        for name in ("alt", "aria-label"):
            value = dict(attrs).get(name)
            if value and not (self.stack and self.stack[-1]):
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]) and data.strip():
            self.parts.append(data)


def visible_text(html: str, lang: str) -> list[str]:
    parser = _Text(lang)
    parser.feed(html)
    return [" ".join(p.split()) for p in parser.parts]


def _words(text: str) -> set[str]:
    text = re.sub(r"\{[^}]*\}", " ", text)  # placeholders
    text = re.sub(r"`[^`]*`", " ", text)  # inline code in markdown
    return {w.lower() for w in WORD.findall(text) if len(w) >= 3}


@cache
def vocabulary(lang: str) -> frozenset[str]:
    """Every word the toolkit's own ``lang`` texts use: the catalogue, the programme's bilingual data
    (quoted goals, cycle stages, components) and the notebook sources' cells."""
    words: set[str] = set()
    for text in [*texts(lang).values(), *_programme_texts(lang)]:
        words |= _words(text)
    for text in _source_cells(lang):
        words |= _words(text)
    return frozenset(words)


def _programme_texts(lang: str) -> list[str]:
    import dataclasses

    from pnpm_lib import cycle, program
    from pnpm_lib.program import Text

    def walk(value) -> list[str]:
        if isinstance(value, Text):
            return [value(lang)]
        if isinstance(value, (tuple, list)):
            return [t for v in value for t in walk(v)]
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return [t for f in dataclasses.fields(value) for t in walk(getattr(value, f.name))]
        return []

    return [t for module in (program, cycle) for value in vars(module).values() for t in walk(value)]


def _source_cells(lang: str) -> list[str]:
    root = Path(__file__).resolve().parents[1] / "notebooks" / "source"
    if not root.is_dir():
        return []
    cells = []
    for path in sorted(root.glob("*.md")):
        for block in re.split(r"^\+\+\+ ", path.read_text(encoding="utf-8"), flags=re.MULTILINE)[1:]:
            head, _, body = block.partition("\n")
            if f'"lang": "{lang}"' in head:
                cells.append(re.split(r"^```", body, flags=re.MULTILINE)[0])
    return cells


@cache
def names() -> frozenset[str]:
    """Words of proper names every page keeps as they are: programme terms, stage and component names,
    fiscal-capacity classes, provinces, and the organisations our citations name."""
    import pandas as pd

    from pnpm_lib import cycle, datasets, funding, program

    texts_: list[str] = [s.name for s in cycle.STAGES] + [c.name for c in program.COMPONENTS]
    texts_ += list(cycle.REMEMBERED_STAGES) + [level.actors("id") for level in cycle.INSTITUTIONS]
    texts_ += list(funding.DDUB_SHARE) + list(datasets.province_names().values())
    citations = pd.read_csv(datasets.datasets_dir() / "citations.csv", dtype=str, keep_default_na=False)
    texts_ += list(citations["issuer"]) + list(citations["carried_by"])
    glossary = Path(__file__).resolve().parents[1] / "docs" / "glosarium.md"
    if glossary.is_file():  # the term and its Indonesian expansion (the second column) are names
        for row in re.findall(r"^\| \*\*([^*]+)\*\* \| ([^|]+)\|", glossary.read_text(encoding="utf-8"), re.MULTILINE):
            texts_ += [row[0], row[1].split(":")[0]]
    words: set[str] = set()
    for text in texts_:
        words |= _words(text)
    return frozenset(words)


@cache
def foreign_words(lang: str) -> frozenset[str]:
    """Words of the other language that ``lang`` texts never use; names and programme terms are shared."""
    check_lang(lang)
    other = next(x for x in LANGS if x != lang)
    return vocabulary(other) - vocabulary(lang) - names()


def scan(html: str, lang: str) -> list[Hit]:
    """Every hit on the page (empty when the page reads cleanly in ``lang``)."""
    hits = []
    foreign = foreign_words(lang)
    for text in visible_text(html, lang):
        for word in WORD.findall(text):
            if word.lower() in foreign:
                hits.append(Hit("language", word, _around(text, word)))
        for match in IDENTIFIER.finditer(text):
            hits.append(Hit("identifier", match.group(), _around(text, match.group())))
        for pattern in NUMBERS[lang]:
            for match in pattern.finditer(text):
                hits.append(Hit("number", match.group(), _around(text, match.group())))
    return hits


def _around(text: str, found: str, width: int = 40) -> str:
    i = text.find(found)
    return text[max(0, i - width): i + len(found) + width]
