"""A toolkit error reads as one line wherever a notebook runs (#18 item 7)."""

from pathlib import Path

import nbformat
import papermill
import pytest
from papermill.exceptions import PapermillExecutionError

from pnpm_lib import synth
from pnpm_lib.errors import EvaluationError

ROOT = Path(__file__).resolve().parents[1]


def test_ipython_shows_a_toolkit_error_as_its_type_and_message():
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    shown = []
    original, shell._showtraceback = shell._showtraceback, lambda etype, value, stb: shown.append(stb)
    try:
        shell.run_cell("from pnpm_lib.errors import EvaluationError\nraise EvaluationError('only 1 cluster')")
    finally:
        shell._showtraceback = original
    assert shown == [["EvaluationError: only 1 cluster"]]
    assert EvaluationError("x")._render_traceback_() == ["EvaluationError: x"]


def test_a_single_kecamatan_file_fails_notebook_03_with_one_line(tmp_path):
    hh = synth.make_panel(seed=5).households
    one = hh[hh["kecamatan_code"] == hh["kecamatan_code"].iloc[0]]
    path = tmp_path / "one.csv"
    one.to_csv(path, index=False)
    out = tmp_path / "out.ipynb"
    with pytest.raises(PapermillExecutionError) as err:
        papermill.execute_notebook(str(ROOT / "notebooks" / "en" / "03_evaluasi_dampak.ipynb"), str(out),
                                   parameters={"data_path": str(path)}, kernel_name="python3",
                                   progress_bar=False, cwd=str(ROOT / "notebooks"))
    assert err.value.ename == "EvaluationError"
    errors = [o for c in nbformat.read(out, 4).cells for o in c.get("outputs", []) if o["output_type"] == "error"]
    assert len(errors) == 1 and len(errors[0]["traceback"]) == 1
    assert errors[0]["traceback"][0].startswith("EvaluationError: ") and "only 1 cluster" in errors[0]["traceback"][0]
