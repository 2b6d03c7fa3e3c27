"""Unattended runs: stops leave no process, a lock keeps runs apart, bad invocations are one line (exit 2)."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
import yaml

from tests.conftest import ROOT

TEMPLATE = ROOT / "notebooks" / "brief_dampak.ipynb"


def _config(tmp_path: Path, regions, **extra) -> Path:
    config = {"template": str(TEMPLATE), "output_dir": "out", "region_parameter": "region",
              "parameters": {"lang": "id", "seed": 2007}, "regions": regions, **extra}
    path = tmp_path / "briefs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def _provinces(n: int) -> list[dict]:
    codes = ["11", "12", "13", "16", "18", "32", "33", "34", "35", "36", "52", "53", "61", "72", "73", "74", "75",
             "14", "15", "17"]
    return [{"region_level": "province", "region": c} for c in codes[:n]]


def _cli(*args, **kwargs):
    return subprocess.run([sys.executable, "-m", "pnpm_lib", *args], capture_output=True, text=True,
                          timeout=600, check=False, **kwargs)


def _run_processes(config: Path) -> list[psutil.Process]:
    """Processes that belong to a run of ``config`` (runner, workers, fork server, kernels)."""
    out = []
    for p in psutil.process_iter(["cmdline", "environ"]):
        try:
            cmd = " ".join(p.info["cmdline"] or [])
            if str(config) in cmd or "forkserver.server" in cmd and str(config.parent) in cmd:
                out.append(p)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return out


@pytest.mark.slow
@pytest.mark.parametrize("how", ["term-runner", "int-group", "kill-runner"])
def test_a_stopped_run_leaves_no_process_and_the_next_run_renders_only_what_is_missing(tmp_path, how):
    config = _config(tmp_path, _provinces(12))
    proc = subprocess.Popen([sys.executable, "-m", "pnpm_lib", "briefs", "run", str(config)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    out = tmp_path / "out"
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and not list(out.glob("brief-*.html")):
        time.sleep(0.5)
    children = psutil.Process(proc.pid).children(recursive=True)
    assert children, "the run had started its workers"
    {"term-runner": lambda: os.kill(proc.pid, signal.SIGTERM),
     "int-group": lambda: os.killpg(proc.pid, signal.SIGINT),
     "kill-runner": lambda: os.kill(proc.pid, signal.SIGKILL)}[how]()
    code = proc.wait(timeout=60)
    assert code == {"term-runner": 143, "int-group": 130, "kill-runner": -9}[how]
    _, alive = psutil.wait_procs(children, timeout=15)
    assert alive == [], [p.cmdline() for p in alive]
    on_disk = {p.name for p in out.glob("brief-*.html")}
    if how != "kill-runner":
        manifest = json.loads((out / "manifest.json").read_text())
        assert manifest["stopped"] in ("SIGTERM", "SIGINT")
        assert not list(out.rglob(".*.tmp*"))
    rerun = _cli("briefs", "run", str(config))
    assert rerun.returncode == 0, rerun.stderr
    recorded = [r for r in json.loads((out / "manifest.json").read_text())["briefs"]]
    assert len(recorded) == 12 and len({r["region"] for r in recorded}) == 12
    skipped = sum(r["status"] == "skipped" for r in recorded)
    assert 1 <= skipped <= len(on_disk)  # finished briefs were journalled and are not rendered again


def test_a_second_run_into_the_same_folder_is_refused_with_exit_3(tmp_path):
    from pnpm_lib.briefs.lock import run_lock

    config = _config(tmp_path, _provinces(1))
    out = tmp_path / "out"
    out.mkdir()
    with run_lock(out):
        refused = _cli("briefs", "run", str(config))
    assert refused.returncode == 3 and refused.stderr.count("\n") == 1
    assert "another run is writing to" in refused.stderr and f"pid {os.getpid()}" in refused.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["--workers", "0"], "must be 1 or more"), (["--workers", "-3"], "must be 1 or more"),
    (["--timeout", "0"], "must be 1 or more"), (["--timeout", "-5"], "must be 1 or more"),
    (["--workers", "two"], "not a whole number"),
])
def test_bad_numbers_are_usage_errors(tmp_path, args, message):
    result = _cli("briefs", "run", str(_config(tmp_path, _provinces(1))), *args)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_bad_configs_are_one_line_and_write_nothing(tmp_path):
    latin = tmp_path / "latin1.yml"
    latin.write_bytes("title: Pembandingan ¥\n".encode("latin-1"))
    cases = [(tmp_path, "is a folder"), (latin, "not UTF-8")]
    for path, message in cases:
        result = _cli("briefs", "run", str(path))
        assert result.returncode == 2 and message in result.stderr and result.stderr.count("\n") == 1, result.stderr
    long_value = _config(tmp_path, [{"region_level": "province", "region": "33", "data_path": "x" * 2000}])
    result = _cli("briefs", "run", str(long_value))
    assert result.returncode == 2 and "characters long" in result.stderr and "Traceback" not in result.stderr


def test_an_output_folder_that_cannot_be_written_is_refused_before_any_kernel(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root can write anywhere; the check is exercised with a file in the folder's place")
    locked = tmp_path / "ro"
    locked.mkdir(mode=0o500)
    result = _cli("briefs", "run", str(_config(tmp_path, _provinces(1), output_dir=str(locked / "out"))))
    assert result.returncode == 2 and "cannot write to the output folder" in result.stderr


def test_a_file_where_the_output_folder_should_be_is_refused(tmp_path):
    (tmp_path / "out").write_text("not a folder")
    result = _cli("briefs", "run", str(_config(tmp_path, _provinces(1))))
    assert result.returncode == 2 and "cannot write to the output folder" in result.stderr


def test_distinct_regions_that_map_to_one_file_name_are_refused(tmp_path):
    template = tmp_path / "free.ipynb"
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    cell = nbformat.v4.new_code_cell('region: str = "x"  # a free-text region\nlang: str = "id"  # language')
    cell.metadata["tags"] = ["parameters"]
    nb.cells = [cell]
    nbformat.write(nb, template)
    config = _config(tmp_path, [{"region": "Aceh Besar"}, {"region": "aceh-besar"}], template=str(template),
                     parameters={"lang": "id"})
    result = _cli("briefs", "run", str(config))
    assert result.returncode == 2 and "would both be written as" in result.stderr
    assert not (tmp_path / "out").exists()


def test_paths_resolve_against_the_config_file_and_a_missing_one_is_a_parameter_error(tmp_path):
    from pnpm_lib import synth

    data_dir = tmp_path / "data"
    data_dir.mkdir()
    synth.make_panel(seed=3, n_kecamatan=40).households.drop(columns="synthetic").to_csv(data_dir / "panel.csv",
                                                                                       index=False)
    config = _config(tmp_path, [{"region_level": "province", "region": "33", "data_path": "data/panel.csv"}])
    from pnpm_lib.briefs.config import load_config
    from pnpm_lib.briefs.runner import plan

    job = plan(load_config(config), tmp_path)[0]
    assert job.parameters["data_path"] == str((data_dir / "panel.csv").resolve())
    missing = _config(tmp_path, [{"region_level": "province", "region": "33", "data_path": "data/none.csv"}])
    result = _cli("briefs", "run", str(missing))
    assert result.returncode == 2 and "data_path 'data/none.csv' is not a file" in result.stderr
    villages_only = _config(tmp_path, [{"region_level": "province", "region": "33",
                                        "village_path": "data/panel.csv"}])
    result = _cli("briefs", "run", str(villages_only))
    assert result.returncode == 2 and "village_path is read together with data_path" in result.stderr


@pytest.mark.slow  # make test-all: two full runs; byte-identity is also checked by the fork-vs-papermill test
def test_kernels_write_nothing_in_home_and_reruns_are_byte_identical(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home)}
    env.pop("IPYTHONDIR", None)
    config = _config(tmp_path, _provinces(2))
    first = _cli("briefs", "run", str(config), env=env)
    assert first.returncode == 0, first.stderr
    pages = {p.name: p.read_bytes() for p in (tmp_path / "out").glob("brief-*")}
    second = _cli("briefs", "run", str(config), "--force", env=env)
    assert second.returncode == 0, second.stderr
    again = {p.name: p.read_bytes() for p in (tmp_path / "out").glob("brief-*")}
    assert pages == again  # HTML and results.json, byte for byte
    written = [p.relative_to(home) for p in home.rglob("*") if p.is_file()]
    assert not [p for p in written if "ipython" in str(p).lower() or "history" in str(p)], written


@pytest.mark.slow
def test_two_concurrent_runs_into_one_folder_one_renders_the_other_is_refused(tmp_path):
    config = _config(tmp_path, _provinces(3))
    first = subprocess.Popen([sys.executable, "-m", "pnpm_lib", "briefs", "run", str(config)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (tmp_path / "out" / "run.log").exists():
        time.sleep(0.2)
    second = _cli("briefs", "run", str(config))
    assert first.wait(timeout=600) == 0
    assert second.returncode == 3 and "another run is writing to" in second.stderr
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert len(manifest["briefs"]) == 3 and len(list((tmp_path / "out").glob("brief-*.html"))) == 3


def test_under_a_file_size_limit_briefs_fail_cleanly_and_no_ok_brief_carries_an_error(tmp_path):
    import resource

    def limit():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG) instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (30_000, 30_000))  # below a brief's HTML (about 38 kB)

    config = _config(tmp_path, _provinces(2))
    result = subprocess.run([sys.executable, "-m", "pnpm_lib", "briefs", "run", str(config)], capture_output=True,
                            text=True, timeout=600, check=False, preexec_fn=limit)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr[-2000:]
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert [r["status"] for r in manifest["briefs"]] == ["failed", "failed"]
    assert all("File too large" in r["error_message"] for r in manifest["briefs"])
    for record in manifest["briefs"]:
        if record["status"] == "ok":
            html = (tmp_path / "out" / record["html"]).read_text(encoding="utf-8")
            assert html.rstrip().endswith("</html>") and "history" not in html.lower()
        else:
            assert record["error_message"]
    assert not list((tmp_path / "out").rglob(".*.tmp*"))


def _stop_during_start_up(config: Path, delay: float, how: signal.Signals) -> int:
    """Start a run and stop it ``delay`` s after it holds the output folder's lock (before it has planned)."""
    proc = subprocess.Popen([sys.executable, "-m", "pnpm_lib", "briefs", "run", str(config), "--force"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    lock = config.parent / "out" / ".pnpm-mandiri.lock"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and f'"pid": {proc.pid}' not in (lock.read_text() if lock.exists() else ""):
        time.sleep(0.01)
    time.sleep(delay)
    os.killpg(proc.pid, how)
    return proc.wait(timeout=120)


@pytest.mark.parametrize(("delay", "how"), [(0.0, signal.SIGTERM), pytest.param(1.0, signal.SIGINT, marks=pytest.mark.slow)] + [
    pytest.param(d, s, marks=pytest.mark.slow) for d in (0.3, 2.0, 4.0) for s in (signal.SIGTERM, signal.SIGKILL)])
def test_a_stop_during_start_up_keeps_the_catalogue_and_the_next_run_renders_nothing(tmp_path, delay, how):
    """#32: a stop after the lock, before the earlier records were read, wrote an empty manifest and index."""
    config = _config(tmp_path, _provinces(3))
    first = _cli("briefs", "run", str(config))
    assert first.returncode == 0, first.stderr
    out = tmp_path / "out"
    before = {r["region"]: r["hashes"] for r in json.loads((out / "manifest.json").read_text())["briefs"]}
    _stop_during_start_up(config, delay, how)
    after = json.loads((out / "manifest.json").read_text())
    assert {r["region"]: r["hashes"] for r in after["briefs"]} == before  # every earlier record is still there
    index = (out / "index.html").read_text()
    assert all(f"region_{region}__id.html" in index for region in before)
    rerun = _cli("briefs", "run", str(config))
    assert rerun.returncode == 0 and "0 to render, 3 unchanged" in rerun.stderr, rerun.stderr


def test_unpublished_parts_never_sit_in_the_output_folder_and_a_killed_runs_are_removed_by_the_next(tmp_path):
    """#27: after kill -9, out/.parts/*.part.pkl (unsuppressed counts) stayed among the published files; #32: every
    stopped run left kernel connection files (tmp*.json, each with its HMAC key) in TMPDIR."""
    private, system = tmp_path / "private", tmp_path / "system-tmp"
    private.mkdir()
    system.mkdir()
    env = {**os.environ, "PNPM_PARTS_DIR": str(private), "TMPDIR": str(system)}
    config = _config(tmp_path, _provinces(4))
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "pnpm_lib", "briefs", "run", str(config)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and not list(out.glob("brief-*.html")):
        time.sleep(0.2)
    assert list(private.glob("pnpm-mandiri-parts-*/*.part.pkl")), "the parts wait in the private folder"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    assert not [p for p in out.rglob("*") if p.suffix == ".pkl" or p.name.startswith(".parts")]
    assert not list(system.glob("*.json")), "kernels' connection files are written in the run's private folder"
    rerun = _cli("briefs", "run", str(config), env=env)
    assert rerun.returncode == 0, rerun.stderr
    assert not list(private.iterdir())  # the killed run's folder went at the next run's start, this run's at its end
    assert not list(system.glob("*.json")) and not list(system.glob("pnpm-ipython-*"))  # #32: 16 after 7 stops


def test_no_output_names_a_folder_of_this_machine(tmp_path):
    """#27/#28: executed notebooks named the output, parts and data folders; the manifest the config's path."""
    config = _config(tmp_path, _provinces(1))
    assert _cli("briefs", "run", str(config)).returncode == 0
    published = [p for p in (tmp_path / "out").rglob("*") if p.is_file() and p.suffix in (".html", ".json", ".ipynb",
                                                                                          ".csv")]
    assert published
    for path in published:
        text = path.read_text(encoding="utf-8")
        assert str(tmp_path) not in text and "/tmp/" not in text, path.name


@pytest.mark.parametrize(("region", "output_dir", "message"), [
    ({"region_level": "province", "region": "3" * 300}, "out", "a province code has 2 digits, got '33333"),
    ({"region_level": "kabupaten", "region": "3399"}, "out", "no kabupaten with this code in the data"),
    ({"region_level": "kecamatan", "region": "3301999"}, "out", "no kecamatan with this code in the data"),
    ({"region_level": "province", "region": "33"}, str(ROOT / "pnpm_lib" / "out-test"), "inside the toolkit's package"),
    ({"region_level": "province", "region": "33"}, str(ROOT / "notebooks" / "out-test"), "inside the toolkit's notebooks"),
])
def test_regions_and_output_folders_are_refused_before_any_brief_with_one_line(tmp_path, region, output_dir, message):
    """#32: a 300-character code gave a 34-line traceback (File name too long); kabupaten 3399 and kecamatan
    3301999, absent from the data, were rendered; an output folder inside pnpm_lib/ was written into."""
    result = _cli("briefs", "run", str(_config(tmp_path, [region], output_dir=output_dir)))
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert not (ROOT / "pnpm_lib" / "out-test").exists() and not (ROOT / "notebooks" / "out-test").exists()
    assert not list((tmp_path / "out").glob("brief-*")) if (tmp_path / "out").exists() else True


def test_a_process_whose_parent_died_while_it_started_ends_itself():
    """#32: the death signal covers only a parent dying after it is set; 4 workers of a runner killed during
    preparation ran on for 9 minutes. A process told its parent's pid checks again once the signal is set."""
    gone = subprocess.Popen(["true"])
    gone.wait()  # a pid that is not this child's parent: as if the parent had died and the child was re-parented
    child = subprocess.run([sys.executable, "-c", "import time\nfrom pnpm_lib.briefs.stop import die_with_parent\n"
                            f"die_with_parent({gone.pid})\ntime.sleep(30)"], timeout=60, check=False)
    assert child.returncode == -signal.SIGKILL
    alive = subprocess.run([sys.executable, "-c", "import os\nfrom pnpm_lib.briefs.stop import die_with_parent\n"
                            "die_with_parent(os.getppid())\nprint('alive')"], capture_output=True, text=True,
                           timeout=60, check=False)
    assert alive.returncode == 0 and alive.stdout.strip() == "alive"
