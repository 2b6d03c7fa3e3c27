"""Fork-server kernels: fresh and isolated per notebook, a clean fallback, the same output as papermill's."""

import json
import os
import re

import nbformat
import papermill
import pytest

from pnpm_lib import forkserver
from tests.test_cli_briefs import TEMPLATE, _cli, _config

PROBE = """
import json, os, sys
import numpy as np, pandas as pd, matplotlib
import pnpm_lib.i18n as module
print(json.dumps({"leak": "LEAK" in globals(), "module": getattr(module, "LEAK", None),
                  "max_rows": pd.get_option("display.max_rows"), "linewidth": matplotlib.rcParams["lines.linewidth"],
                  "patched": hasattr(pd.DataFrame, "leak_attr"), "draw": float(np.random.rand()),
                  "pid": os.getpid(), "ppid": os.getppid(), "preloaded": "pyfixest" in sys.modules}))
"""
POLLUTE = """
LEAK = 42
module.LEAK = "set by an earlier brief"
pd.set_option("display.max_rows", 7)
matplotlib.rcParams["lines.linewidth"] = 9
pd.DataFrame.leak_attr = 1
"""


@pytest.fixture(scope="module")
def probe(tmp_path_factory):
    path = tmp_path_factory.mktemp("probe") / "probe.ipynb"
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "language": "python",
                                                           "display_name": "Python 3"}})
    nb.cells = [nbformat.v4.new_code_cell(PROBE), nbformat.v4.new_code_cell(POLLUTE)]
    nbformat.write(nb, path)
    return path


@pytest.fixture(scope="module")
def server():
    running = forkserver.start(wait=60)
    yield running
    running.stop()


def _state(path, kernel: str, tmp_path) -> dict:
    out = papermill.execute_notebook(str(path), str(tmp_path / "out.ipynb"), kernel_name=kernel,
                                     progress_bar=False)
    return json.loads(out.cells[0].outputs[0]["text"])


def test_each_notebook_gets_a_fresh_forked_kernel_with_no_state_from_the_last(probe, server, tmp_path):
    first, second = (_state(probe, forkserver.KERNEL_NAME, tmp_path) for _ in range(2))
    assert first["ppid"] == second["ppid"] == server.process.pid  # forked by the server
    assert first["pid"] != second["pid"] and second["preloaded"]
    for state in (first, second):
        assert state["leak"] is False and state["module"] is None and state["patched"] is False
        assert state["max_rows"] == 60 and state["linewidth"] == 1.5
    assert first["draw"] != second["draw"]  # the RNG is reseeded in every child


def test_a_forked_kernel_imports_nothing_the_server_did_not_preload(server, tmp_path):
    """What a kernel imports on start is paid again in each of 7,000 briefs; PRELOAD must cover it."""
    import subprocess
    import sys

    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "language": "python",
                                                           "display_name": "Python 3"}})
    nb.cells = [nbformat.v4.new_code_cell("import sys, json; print(json.dumps(sorted(sys.modules)))")]
    nbformat.write(nb, tmp_path / "modules.ipynb")
    out = papermill.execute_notebook(str(tmp_path / "modules.ipynb"), None, kernel_name=forkserver.KERNEL_NAME,
                                     progress_bar=False)
    in_kernel = set(json.loads(out.cells[0].outputs[0]["text"]))
    preloaded = subprocess.run([sys.executable, "-c", "import sys, json\nfrom pnpm_lib.forkserver import server\n"
                                "server.preload()\nprint(json.dumps(sorted(sys.modules)))"],
                               capture_output=True, text=True, check=True).stdout
    assert sorted(in_kernel - set(json.loads(preloaded))) == []


def test_a_server_for_prepared_parts_leaves_estimation_out_and_rehearses_the_first_part(probe, tmp_path):
    from pnpm_lib.briefs import slices

    folder = tmp_path / "parts"
    slices.write(slices.single("", "", 2007, "kabupaten", "3301", 10, "id"), folder, "brief-3301")
    light = forkserver.start(tmp_path / "server.log", wait=60, parts=folder)
    try:
        state = _state(probe, forkserver.KERNEL_NAME, tmp_path)
    finally:
        light.stop()
    assert state["ppid"] == light.process.pid and state["preloaded"] is False  # pyfixest stayed out
    assert "fork server:" not in (tmp_path / "server.log").read_text()  # imports and the rehearsal succeeded
    assert not light.folder.exists()


def test_when_the_server_is_gone_the_kernel_is_an_ordinary_one(probe, server, tmp_path, monkeypatch):
    import subprocess

    dead = subprocess.Popen(["true"])
    dead.wait()
    monkeypatch.setenv(forkserver.SOCKET_ENV, str(tmp_path / "no-such.sock"))
    monkeypatch.setenv(forkserver.PID_ENV, str(dead.pid))
    state = _state(probe, forkserver.KERNEL_NAME, tmp_path)  # waiting for it would fail papermill's start timeout
    assert state["ppid"] == os.getpid() and state["leak"] is False


def test_a_kernel_asked_for_while_the_server_starts_waits_for_it(probe, tmp_path):
    starting = forkserver.start()  # returns before the server listens
    try:
        state = _state(probe, forkserver.KERNEL_NAME, tmp_path)
        assert state["ppid"] == starting.process.pid and state["preloaded"]
    finally:
        starting.stop()


def test_the_fork_engine_renders_what_the_papermill_engine_renders(tmp_path):
    regions = [{"region_level": "province", "region": "33"}, {"region_level": "kabupaten", "region": "3301"}]
    outputs = {}
    for engine in ("fork", "papermill"):
        (tmp_path / engine).mkdir()
        config = _config(tmp_path / engine, regions, template=TEMPLATE)
        proc = _cli("briefs", "run", str(config), "--engine", engine)
        assert proc.returncode == 0, proc.stderr
        manifest = json.loads((tmp_path / engine / "out" / "manifest.json").read_text())
        assert manifest["kernel"] == (forkserver.KERNEL_NAME if engine == "fork" else "python3")
        outputs[engine] = {p.name: re.sub(r'id="cell-id=[0-9a-f-]+"', "", p.read_text())  # papermill's random id
                           for p in (tmp_path / engine / "out").glob("brief-*")}
    assert len(outputs["fork"]) == 4 and outputs["fork"] == outputs["papermill"]
