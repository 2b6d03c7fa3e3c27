"""Notebook editions: built from one bilingual source, committed in sync, one language each, no solutions."""

import re

import nbformat
import pytest

from pnpm_lib import editions
from tests.conftest import ROOT

SOURCES = editions.sources(ROOT)
SOLUTION = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", re.DOTALL)


def _solutions(source) -> list[str]:
    """Every line of every solution region and solution cell of a source."""
    nb = editions.read_source(source)
    lines = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        if "solution" in cell.metadata.get("tags", []):
            lines += cell.source.splitlines()
        for region in SOLUTION.findall(cell.source):
            lines += region.splitlines()
    return [line.strip() for line in lines if line.strip()]


def test_there_is_a_source_for_every_workshop_and_analysis_notebook():
    assert [s.stem for s in SOURCES] == ["01_mengenal_pnpm_mandiri", "02_siklus_dan_lembaga", "03_evaluasi_dampak",
                                         "04_indikator_pemberdayaan", "05_dana_blm_spp", "06_simulasi_mad"]


def test_committed_editions_are_exactly_what_the_sources_build():
    assert editions.drift(ROOT) == []


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: s.stem)
def test_language_editions_share_code_exercises_and_checks(source):
    """Only prose differs between languages: same code cells (comments aside), same exercises, same checks."""
    def code(lang):
        nb = nbformat.read(editions.participant_path(ROOT, source, lang), as_version=4)
        cells = [c for c in nb.cells if c.cell_type == "code"]
        return [re.sub(r"#.*", "", c.source).strip().replace('"en"', '"id"') for c in cells], \
            [c.metadata.get("tags", []) for c in cells]
    assert code("id") == code("en")
    nb = nbformat.read(editions.participant_path(ROOT, source, "en"), as_version=4)
    assert nb.metadata["pnpm"] == {"edition": "participant", "lang": "en",
                                   "source": f"notebooks/source/{source.stem}.md"}


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: s.stem)
def test_each_edition_holds_one_language_as_markdown_before_anything_runs(source):
    from pnpm_lib import proofread

    for lang in ("id", "en"):
        nb = nbformat.read(editions.participant_path(ROOT, source, lang), as_version=4)
        markdown = [c.source for c in nb.cells if c.cell_type == "markdown"]
        assert len(markdown) >= 5 and markdown[0].startswith("# ")
        assert all(not c.outputs for c in nb.cells if c.cell_type == "code")  # committed without outputs
        foreign = proofread.foreign_words(lang)
        words = {w.lower() for text in markdown for w in proofread.WORD.findall(re.sub(r"`[^`]*`", "", text))}
        assert sorted(words & foreign) == [], lang


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: s.stem)
def test_participant_editions_hold_no_solution_and_no_facilitator_note(source):
    answers = _solutions(source)
    for lang in ("id", "en"):
        text = editions.participant_path(ROOT, source, lang).read_text(encoding="utf-8")
        assert "SOLUTION" not in text and "Untuk fasilitator" not in text and "For facilitators" not in text
        for line in answers:
            assert line not in text, (lang, line)


def test_the_facilitator_edition_keeps_solutions_and_notes():
    source = editions.source_dir(ROOT) / "05_dana_blm_spp.md"
    nb = editions.edition(editions.read_source(source), "id", "facilitator", source.stem)
    text = "\n".join(c.source for c in nb.cells)
    assert "answer = funding.blm_allocation(9)" in text and "Untuk fasilitator" in text
    assert "For facilitators" not in text and "SOLUTION" not in text


def test_slides_editions_turn_notes_and_live_instructions_into_speaker_notes_and_skip_typing_cells():
    source = editions.source_dir(ROOT) / "05_dana_blm_spp.md"
    nb = editions.edition(editions.read_source(source), "id", "slides", source.stem)
    kinds = {}
    for cell in nb.cells:
        kinds.setdefault(cell.metadata["slideshow"]["slide_type"], []).append(cell)
    assert any("Untuk fasilitator" in c.source for c in kinds["notes"])
    assert any("jalankan lagi" in c.source for c in kinds["notes"])
    assert all("exercise" in c.metadata.get("tags", []) or "parameters" in c.metadata.get("tags", [])
               or "remove-cell" in c.metadata.get("tags", []) for c in kinds["skip"])
    assert nb.cells[0].metadata["slideshow"]["slide_type"] == "slide" and nb.cells[0].source.startswith("# ")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_facilitator_solution_is_accepted_by_the_check(lang):
    """The facilitator edition runs, and each of its solutions passes ``check``: the exercises are answerable."""
    import papermill

    from pnpm_lib import slides

    for stem in slides.TRAINING:
        source = editions.source_dir(ROOT) / f"{stem}.md"
        facilitator = editions.edition(editions.read_source(source), lang, "facilitator", stem)
        nb = papermill.execute_notebook(facilitator, None, kernel_name="python3", progress_bar=False, execution_timeout=300,
                                        cwd=str(ROOT / "notebooks"))
        verdicts = ["".join(o.get("data", {}).get("text/plain", "") for o in c.outputs)
                    for c in nb.cells if "check(" in c.source]
        right = "Benar! Jawaban Anda tepat." if lang == "id" else "Correct! Your answer is right."
        assert verdicts and set(verdicts) == {right}, (stem, verdicts)
