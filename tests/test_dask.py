"""The same batch on a Dask distributed cluster, through the CLI.

The cluster is a real ``dask scheduler`` and a ``dask worker`` with two worker processes, started by the
test as processes of their own (as on a cluster) and stopped by PID. An in-process LocalCluster left
distributed's threads and event loop in the pytest process, and a notebook executed later in the same
process (tests/test_pages.py) then stalled until its timeout (600 s and 300 s of a 19-minute run).
"""

import json
import subprocess
import sys
import time
from types import SimpleNamespace

import pytest

from tests.test_cli_briefs import _cli, _config, _fragile

pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dask")
    file = folder / "scheduler.json"
    common = {"cwd": folder, "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    scheduler = subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler", "--port", "0",
                                  "--no-dashboard", "--scheduler-file", str(file)], **common)
    worker = subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", "--scheduler-file", str(file),
                               "--nworkers", "2", "--nthreads", "1", "--no-dashboard"], **common)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not (file.exists() and file.read_text().strip()):
            time.sleep(0.2)
        address = json.loads(file.read_text())["address"]
        _wait_for_workers(address, 2, deadline)
        yield SimpleNamespace(scheduler_address=address)
    finally:
        for process in (worker, scheduler):
            process.terminate()
        for process in (worker, scheduler):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def _wait_for_workers(address: str, n: int, deadline: float) -> None:
    """Ask the scheduler (from a child process: no distributed state in pytest's) until ``n`` workers joined."""
    probe = ("import sys; from distributed import Client\n"
             f"c = Client({address!r}, timeout=30); c.wait_for_workers({n}, timeout=90); c.close()")
    subprocess.run([sys.executable, "-c", probe], check=True, timeout=max(10, deadline - time.monotonic()),
                   capture_output=True)


def test_briefs_render_on_a_dask_cluster_and_a_failure_stays_alone(tmp_path, cluster):
    config = _config(tmp_path, [{"region": r} for r in ("ok", "raise", "kill", "second")],
                     template=_fragile(tmp_path))
    proc = _cli("briefs", "run", str(config), "--scheduler", cluster.scheduler_address)
    assert proc.returncode == 1, proc.stderr
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    status = {b["region"]: b["status"] for b in manifest["briefs"]}
    assert status == {"ok": "ok", "raise": "failed", "kill": "failed", "second": "ok"}
    assert manifest["scheduler"] == cluster.scheduler_address
    assert "region: second" in (tmp_path / "out" / "fragile__region_second__id.html").read_text()


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path):
    config = _config(tmp_path, [{"region": "ok"}], template=_fragile(tmp_path))
    proc = _cli("briefs", "run", str(config), "--scheduler", "tcp://127.0.0.1:9")
    assert proc.returncode == 2 and "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in proc.stderr
    assert "Traceback" not in proc.stderr
