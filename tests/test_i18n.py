import pytest

from pnpm_lib.i18n import LANGS, STRINGS, t


def test_every_string_exists_in_every_language():
    for key, entry in STRINGS.items():
        assert set(entry) == set(LANGS), key
        assert all(entry[lang].strip() for lang in LANGS), key


def test_placeholders_match_between_languages():
    import string

    for key, entry in STRINGS.items():
        fields = [{f for _, f, _, _ in string.Formatter().parse(entry[lang]) if f} for lang in LANGS]
        assert fields[0] == fields[1], key


def test_unknown_language_and_key_fail_clearly():
    with pytest.raises(ValueError, match="choose one of: id, en"):
        t("concept.title", "jv")
    with pytest.raises(KeyError, match="no text for key"):
        t("no.such.key")
