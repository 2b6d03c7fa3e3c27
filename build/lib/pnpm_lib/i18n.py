"""User-facing words from the catalogues, one per language, and the numbers in them through ``fmt``.

The catalogues are gettext PO files (``pnpm_lib/locale/id.po``, ``en.po``) that a
translator edits with any PO editor, no Python needed. Indonesian is the source
language. Each entry is keyed by ``msgctxt`` (the stable key code uses, e.g.
``impact.h.results``); ``msgid`` holds the Indonesian source text the entry was
written from, ``msgstr`` the text in the file's language (in ``id.po`` the two are
the same). When an Indonesian text changes, ``pnpm-mandiri i18n update`` marks
every translation made from the old text *fuzzy* (gettext's staleness flag, with
the previous source kept as ``#| msgid``), and a test fails until a translator has
revised it.

Placeholders are ``{name}`` for words, plain whole numbers (years, codes) and
text, and ``{name:kind}`` for every other number, with ``kind`` one of
``fmt.KINDS`` (``{pct:pct1}`` → ``13,3%``): the number is formatted in the page's
locale here, never by the caller.
"""

from __future__ import annotations

import numbers
import string
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from pnpm_lib import fmt

Lang = Literal["id", "en"]
LANGS: tuple[str, ...] = ("id", "en")
SOURCE_LANG = "id"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def check_lang(lang: str) -> str:
    """Return ``lang`` if supported, else raise ValueError naming the choices."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; choose one of: {', '.join(LANGS)}")
    return lang


def po_path(lang: str) -> Path:
    return LOCALE_DIR / f"{check_lang(lang)}.po"


def read_catalogue(lang: str):
    """The babel ``Catalog`` of ``lang`` (messages keyed by context)."""
    from babel.messages.pofile import read_po

    with po_path(lang).open("rb") as f:
        return read_po(f, locale=lang)


@cache
def texts(lang: str) -> dict[str, str]:
    """Key → text in ``lang``, read once per process."""
    return {m.context: m.string for m in read_catalogue(lang) if m.id and m.context}


def has(key: str) -> bool:
    return key in texts(SOURCE_LANG)


def t(key: str, lang: str = "id", **fields: object) -> str:
    """The text of ``key`` in ``lang`` with ``{fields}`` filled (numbers formatted for ``lang``)."""
    check_lang(lang)
    try:
        text = texts(lang)[key]
    except KeyError:
        raise KeyError(f"no text for key {key!r} in {po_path(lang).name}") from None
    return _Formatter(lang, key).format(text, **fields) if fields else text


def placeholders(text: str) -> set[tuple[str, str]]:
    """The ``(name, kind)`` pairs of a catalogue text."""
    return {(name, spec or "") for _, name, spec, _ in string.Formatter().parse(text) if name}


class _Formatter(string.Formatter):
    """str.format where ``{x:kind}`` goes through ``fmt`` and a bare float is refused (no locale-less number)."""

    def __init__(self, lang: str, key: str) -> None:
        self.lang, self.key = lang, key

    def format_field(self, value: object, format_spec: str) -> str:
        if format_spec:
            return fmt.kind(value, format_spec, self.lang)
        if isinstance(value, numbers.Real) and not isinstance(value, numbers.Integral):
            if float(value).is_integer():  # a count that pandas stored as a float
                return str(int(float(value)))
            raise TypeError(f"{self.key}: a number needs a kind ({{name:kind}}), got {value!r}")
        return str(value)


@dataclass(frozen=True)
class Problem:
    lang: str
    key: str
    what: str

    def __str__(self) -> str:
        return f"{po_path(self.lang).name} {self.key}: {self.what}"


def stale() -> list[Problem]:
    """Translations made from an older source text (fuzzy, or msgid ≠ the current Indonesian text)."""
    source = texts(SOURCE_LANG)
    problems = []
    for lang in LANGS:
        for m in read_catalogue(lang):
            if not m.context:
                continue
            if m.fuzzy:
                problems.append(Problem(lang, m.context, "fuzzy: the Indonesian text changed; revise the translation"))
            elif m.id != source.get(m.context, m.id):
                problems.append(Problem(lang, m.context, "made from another Indonesian text; run "
                                                          "`pnpm-mandiri i18n update`"))
    return problems


def update() -> list[Problem]:
    """After Indonesian texts were edited in ``id.po``: make them the source, mark stale translations fuzzy.

    Returns the entries newly marked fuzzy, which a translator must revise.
    """
    from babel.messages.pofile import write_po

    source = read_catalogue(SOURCE_LANG)
    current = {m.context: m.string for m in source if m.context}
    for m in source:
        if m.context and m.id != m.string:
            m.id = m.string
    marked = []
    for lang in LANGS:
        catalogue = source if lang == SOURCE_LANG else read_catalogue(lang)
        for m in catalogue:
            if lang != SOURCE_LANG and m.context and m.id != current.get(m.context, m.id):
                m.previous_id = [m.id]
                m.id = current[m.context]
                m.flags.add("fuzzy")
                marked.append(Problem(lang, m.context, "marked fuzzy"))
        with po_path(lang).open("wb") as f:
            write_po(f, _rekey(catalogue), width=100, sort_output=False, include_previous=True)
    texts.cache_clear()
    return marked


def _rekey(catalogue):
    """A copy of ``catalogue`` whose internal index matches the (possibly edited) msgids."""
    from babel.messages.catalog import Catalog

    out = Catalog(locale=catalogue.locale, project=catalogue.project, version=catalogue.version,
                  copyright_holder=catalogue.copyright_holder, fuzzy=False)
    for m in catalogue:
        if m.context:
            out.add(m.id, m.string, context=m.context, flags=m.flags, previous_id=m.previous_id,
                    auto_comments=m.auto_comments, user_comments=m.user_comments)
    return out
