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


def test_every_literal_key_used_in_code_and_notebooks_exists():
    import re

    from tests.conftest import ROOT

    files = [*(ROOT / "pnpm_lib").rglob("*.py"), *(ROOT / "notebooks").glob("*.ipynb")]
    used = {k for f in files for k in re.findall(r"""\bt\(\\?["']([a-z_]+\.[a-z0-9_.]+)\\?["']""", f.read_text())}
    assert len(used) > 100
    assert sorted(used - set(STRINGS)) == []


def test_indonesian_numbers_use_a_decimal_comma_and_thousands_dots():
    from pnpm_lib.i18n import num

    assert t("impact.rp_month", "id", v=424350.2).startswith("Rp 424.350/bulan")
    assert t("impact.rp_month", "en", v=424350.2).startswith("Rp 424,350/month")
    assert num(-6.83, "+.1f", "id") == "-6,8" and num(2010, "d", "id") == "2010"
