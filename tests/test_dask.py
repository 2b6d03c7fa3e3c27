"""The same batch on a Dask distributed cluster (a LocalCluster here), through the CLI."""

import json

import pytest

from tests.test_cli_briefs import _cli, _config, _fragile

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as local:
        yield local


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
