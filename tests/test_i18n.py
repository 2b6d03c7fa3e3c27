"""The catalogues: complete, consistent, used, fresh, and every number in them through fmt."""

import re
import string

import pytest

from pnpm_lib import i18n
from pnpm_lib.i18n import LANGS, placeholders, t, texts
from tests.conftest import ROOT

KEY = r"""f?\\?["']([a-z_]+\.(?:[a-z0-9_.\-]|\{[^}]*\})+)\\?["']"""
KEY_CALL = re.compile(r"\b(?:t|has)\(\s*" + KEY)  # t("impact.title", …), also inside notebook JSON
KEY_LITERAL = re.compile(KEY)  # a key kept in a dict or built with an f-string


def _sources() -> str:
    files = [*(ROOT / "pnpm_lib").rglob("*.py"), *(ROOT / "notebooks").rglob("*.ipynb"),
             *(ROOT / "notebooks").rglob("*.md")]
    return "\n".join(f.read_text(encoding="utf-8") for f in files)


def _used_keys() -> set[str]:
    return set(KEY_LITERAL.findall(_sources()))


def _matches(pattern: str, keys: set[str]) -> set[str]:
    """Keys an f-string key such as ``impact.level.{x}`` can stand for."""
    regex = re.compile("^" + re.sub(r"\\\{.*?\\\}", "[A-Za-z0-9_\\-]+", re.escape(pattern)) + "$")
    return {k for k in keys if regex.match(k)}


def test_every_key_exists_in_every_language_and_is_not_empty():
    for lang in LANGS:
        assert set(texts(lang)) == set(texts("id")), lang
        assert all(v.strip() for v in texts(lang).values()), lang


def test_placeholders_and_their_number_kinds_match_between_languages():
    from pnpm_lib.fmt import KINDS

    for key, text in texts("id").items():
        assert placeholders(text) == placeholders(texts("en")[key]), key
        assert {k for _, k in placeholders(text) if k} <= set(KINDS), key


def test_every_key_used_exists_and_every_key_is_used():
    keys = set(texts("id"))
    called = {k for k in KEY_CALL.findall(_sources()) if "{" not in k}
    assert len(called) > 100
    assert sorted(called - keys) == []
    used = _used_keys()
    literal = {k for k in used if "{" not in k}
    reachable = literal | {k for pattern in used if "{" in pattern for k in _matches(pattern, keys)}
    assert sorted(keys - reachable) == []


def test_no_translation_is_stale():
    assert [str(p) for p in i18n.stale()] == []


def test_editing_an_indonesian_text_marks_its_translation_fuzzy(tmp_path, monkeypatch):
    import shutil

    for lang in LANGS:
        shutil.copy(i18n.po_path(lang), tmp_path / f"{lang}.po")
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    i18n.texts.cache_clear()
    try:
        source = (tmp_path / "id.po").read_text(encoding="utf-8")
        (tmp_path / "id.po").write_text(source.replace('msgstr "Hasil utama"', 'msgstr "Temuan utama"'),
                                        encoding="utf-8")
        assert {(p.lang, p.key) for p in i18n.stale()} == {("id", "brief.h.results"), ("en", "brief.h.results")}
        marked = i18n.update()
        assert [(p.lang, p.key) for p in marked] == [("en", "brief.h.results")]
        english = (tmp_path / "en.po").read_text(encoding="utf-8")
        assert '#, fuzzy\n#| msgid "Hasil utama"\nmsgctxt "brief.h.results"' in english
        assert [(p.lang, p.key) for p in i18n.stale()] == [("en", "brief.h.results")]
        assert t("brief.h.results", "id") == "Temuan utama" and t("brief.h.results", "en") == "Key results"
    finally:
        i18n.texts.cache_clear()


def test_unknown_language_key_and_kindless_float_fail_clearly():
    with pytest.raises(ValueError, match="choose one of: id, en"):
        t("concept.title", "jv")
    with pytest.raises(KeyError, match="no text for key"):
        t("no.such.key")
    with pytest.raises(TypeError, match="needs a kind"):
        t("eval.interval", "id", low=0.5, high="x")
    assert t("eval.interval", "id", low=6.0, high=7) == "6 s.d. 7"  # a count stored as a float


def test_numbers_in_sentences_follow_the_page_locale():
    assert t("brief.rp_month", "id", v=424350.2).startswith("Rp424.350 per orang per bulan")
    assert t("brief.rp_month", "en", v=424350.2).startswith("Rp424,350 per person a month")
    assert t("eval.chart.event_title", "id", f=2.345, p=0.00001) == "Uji tren sebelum program: F = 2,35, p = <\u00a00,001"


def test_programme_terms_keep_their_indonesian_names_in_english():
    """Every glossary term an Indonesian text uses appears, spelled the same, in its English text."""
    glossary = (ROOT / "docs" / "glosarium.md").read_text(encoding="utf-8")
    terms = set(re.findall(r"^\| \*\*([^*]+)\*\* \|", glossary, flags=re.MULTILINE))
    terms = {part.strip() for term in terms for part in term.split("/")}
    assert {"BLM", "MAD", "Musdes", "SPP", "KPMD", "TPK", "BKM"} <= terms
    words = {lang: {k: re.sub(r"\{[^}]*\}", "", v) for k, v in texts(lang).items()} for lang in LANGS}
    for key, text in words["id"].items():
        for term in terms:
            if re.search(rf"\b{re.escape(term)}\b", text):
                assert re.search(rf"\b{re.escape(term)}\b", words["en"][key]), (key, term)
        for lang in LANGS:  # spelled as the glossary spells it (no "Blm", "MUSDES")
            for term in terms:
                for hit in re.findall(rf"\b{re.escape(term)}\b", words[lang][key], flags=re.IGNORECASE):
                    assert hit == term or hit.lower() == hit and len(term) > 4, (lang, key, hit)


def test_format_strings_are_plain_str_format():
    for lang in LANGS:
        for key, text in texts(lang).items():
            list(string.Formatter().parse(text)), key
