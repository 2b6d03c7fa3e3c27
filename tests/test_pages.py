"""Every page a reader sees, rendered in each language and proofread: one language, one locale, no identifiers.

Pages: every notebook edition executed and exported (training and analysis) and every slide deck (briefs and
their index: ``tests/test_brief_content.py``). The proofreader (``pnpm_lib.proofread``) reads visible text, chart text and alt
text. Also: no solution in anything a participant gets, no remote reference, no blank first slide.
"""

import re

import papermill
import pytest

from pnpm_lib import editions, proofread, slides
from pnpm_lib.briefs.export import to_html
from tests.conftest import ROOT

REMOTE = re.compile(r"""(?:<script[^>]+src|<link[^>]+href|@import\s+url\(|url\()\s*=?\s*["']?https?://""", re.IGNORECASE)
EDITIONS = [(s.stem, lang) for s in editions.sources(ROOT) for lang in ("id", "en")]
PARAMETERS = {"04_indikator_pemberdayaan": {"draws": 100}}


def _assert_clean(html: str, lang: str, what: str) -> None:
    hits = [str(h) for h in proofread.scan(html, lang)]
    assert hits == [], f"{what}: {len(hits)} hit(s)\n" + "\n".join(hits[:20])


def _solution_lines(stem: str) -> list[str]:
    source = (editions.source_dir(ROOT) / f"{stem}.md").read_text(encoding="utf-8")
    regions = re.findall(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", source, re.DOTALL)
    return [line.strip() for region in regions for line in region.splitlines() if line.strip()]


@pytest.fixture(scope="module", params=EDITIONS, ids=lambda p: f"{p[0]}-{p[1]}")
def page(request):
    stem, lang = request.param
    nb = papermill.execute_notebook(str(ROOT / "notebooks" / lang / f"{stem}.ipynb"), None, execution_timeout=600,
                                    parameters=PARAMETERS.get(stem, {}), kernel_name="python3",
                                    progress_bar=False, cwd=str(ROOT / "notebooks"))
    return stem, lang, nb, to_html(nb, editions.title(nb), lang)


def test_each_notebook_page_reads_in_one_language_and_locale(page):
    stem, lang, _, html = page
    _assert_clean(html, lang, f"{stem} ({lang})")
    assert f'<html lang="{lang}">' in html and not REMOTE.search(html)


def test_participant_pages_ask_for_answers_and_never_show_them(page):
    stem, lang, nb, html = page
    checks = [c for c in nb.cells if "check(" in c.source]
    if stem in slides.TRAINING:
        assert len(checks) >= 2, stem
    for cell in checks:
        shown = "".join(o.get("data", {}).get("text/plain", "") for o in cell.outputs)
        assert shown == ("Isi jawaban Anda dulu, lalu jalankan sel ini lagi." if lang == "id"
                         else "Fill in your answer first, then run this cell again."), shown
    assert "SOLUTION" not in html
    for answer in _solution_lines(stem):
        assert answer not in html, answer


def test_every_chart_has_alt_text_in_the_page_language(page):
    _, _, _, html = page
    for label in re.findall(r'<svg role="img" aria-label="([^"]*)"', html):
        assert len(label) > 30
    assert "No description has been provided" not in html


@pytest.fixture(scope="module", params=[(stem, lang) for stem in slides.TRAINING for lang in ("id", "en")],
                ids=lambda p: f"{p[0]}-{p[1]}")
def deck(request):
    stem, lang = request.param
    return stem, lang, slides.deck(editions.source_dir(ROOT) / f"{stem}.md", lang)


def test_every_deck_reads_in_its_language_offline_without_solutions(deck):
    stem, lang, body = deck
    _assert_clean(body, lang, f"slides {stem} ({lang})")
    assert 'href="reveal.js/dist/reveal.css"' in body and 'src="require.js"' in body and not REMOTE.search(body)
    for answer in _solution_lines(stem):
        assert answer not in body, answer


def test_a_deck_opens_on_its_title_and_keeps_facilitator_notes_as_speaker_notes(deck):
    stem, lang, body = deck
    sections = re.findall(r"<section\b[^>]*>(.*?)</section>", body, re.DOTALL)
    assert len(sections) >= 4 and "<h1" in sections[0], stem
    assert '<aside class="notes">' in body
    assert ("jalankan" if lang == "id" else "run") not in re.sub(r'<aside class="notes">.*?</aside>', "", body,
                                                                  flags=re.DOTALL).lower().split("<script")[0]


# Briefs and their index, every region of the default config in both languages: tests/test_brief_content.py.
