"""Training notebooks: run in both languages, answers checked, solutions hidden, slides and pages offline."""

import re

import nbformat
import papermill
import pytest

from pnpm_lib import slides
from pnpm_lib.briefs.export import to_html
from tests.conftest import ROOT

REMOTE = re.compile(r"""(?:<script[^>]+src|<link[^>]+href|@import\s+url\(|url\()\s*=?\s*["']?https?://""", re.IGNORECASE)


@pytest.fixture(scope="module", params=[(stem, lang) for stem in slides.TRAINING for lang in ("id", "en")],
                ids=lambda p: f"{p[0]}-{p[1]}")
def executed(request, tmp_path_factory):
    stem, lang = request.param
    out = tmp_path_factory.mktemp(stem) / "out.ipynb"
    nb = papermill.execute_notebook(str(ROOT / "notebooks" / f"{stem}.ipynb"), str(out), parameters={"lang": lang},
                                    kernel_name="python3", progress_bar=False, cwd=str(ROOT / "notebooks"))
    return stem, lang, nb


def _text(nb) -> str:
    return "\n".join(str(o.get("data", {}).get("text/html", "")) + str(o.get("text", ""))
                     for c in nb.cells if c.cell_type == "code" for o in c.outputs)


def test_each_notebook_runs_in_its_language_with_objectives_and_exercises(executed):
    _, lang, nb = executed
    text = _text(nb)
    assert ("Tujuan belajar" if lang == "id" else "Learning objectives") in text
    assert ("Latihan 1" if lang == "id" else "Exercise 1") in text and "glosarium.md" in text
    blank = "Isi jawaban Anda dulu" if lang == "id" else "Fill in your answer first"
    right = "Benar!" if lang == "id" else "Correct!"
    assert blank in text and right in text  # the participant's empty cell, the facilitator's solution
    assert "Not quite" not in text and "Belum tepat" not in text


def test_exported_pages_hide_solutions_and_load_nothing_remote(executed):
    _, lang, nb = executed
    html = to_html(nb, "workshop", lang)
    assert "solusi fasilitator" not in html and not REMOTE.search(html)
    assert ("Benar!" if lang == "id" else "Correct!") not in html  # the solution's verdict is hidden too


def test_slides_use_local_reveal_js_and_hide_solutions(executed, tmp_path):
    _, _, nb = executed
    body, _ = slides.exporter().from_notebook_node(nb)
    assert 'href="reveal.js/dist/reveal.css"' in body and 'src="require.js"' in body
    assert not REMOTE.search(body), REMOTE.search(body)
    assert "solusi fasilitator" not in body
    assert body.count("<section") >= 4  # slide breaks from cell metadata


def test_every_training_cell_has_slide_metadata():
    for stem in slides.TRAINING:
        nb = nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", as_version=4)
        assert all("slideshow" in c.metadata for c in nb.cells), stem


def test_every_training_notebook_passes_nbval_in_english_too(tmp_path):
    """`make test` runs nbval on the notebooks as committed (Indonesian); here the same, with lang = "en"."""
    import subprocess
    import sys

    for stem in ("01_mengenal_pnpm_mandiri", *slides.TRAINING):
        nb = nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", as_version=4)
        params = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
        assert 'lang: str = "id"' in params.source, stem
        params.source = params.source.replace('lang: str = "id"', 'lang: str = "en"')
        nbformat.write(nb, tmp_path / f"{stem}.en.ipynb")
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval-lax",
                           "--nbval-current-env", str(tmp_path)], capture_output=True, text=True, check=False,
                          cwd=ROOT / "notebooks", timeout=600)
    assert proc.returncode == 0, proc.stdout[-2000:]
