"""Render one brief per region: validate all, execute in parallel, export, record.

Each brief runs in its own kernel (papermill's API inside a worker process), so
no state leaks between briefs; a failed brief is recorded and the others go on.
A watchdog stops a brief that exceeds its time budget by killing its kernel;
the kernel's death then ends papermill's run the normal way, so nothing is left
half-cleaned. Every file is written atomically.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, replace
from multiprocessing import get_context
from pathlib import Path

from pnpm_lib.atomic import write_atomic
from pnpm_lib.briefs import manifest
from pnpm_lib.briefs.config import BatchConfig, brief_name, title_in
from pnpm_lib.briefs.export import to_html
from pnpm_lib.briefs.manifest import Result
from pnpm_lib.briefs.params import PATH_PARAMETERS, template_parameters, validate_parameters
from pnpm_lib.errors import ConfigError

KERNEL_START_ERRORS = ("Kernel didn't respond", "Address already in use", "Kernel died before replying")


@dataclass(frozen=True)
class Job:
    """One brief to render, with every path already decided and inside the output folder."""

    region: str
    parameters: dict
    template: str
    ipynb: str
    html: str
    title: str
    cwd: str
    start_timeout: int
    cell_timeout: int
    brief_timeout: int
    hashes: dict
    kernel_name: str = "python3"
    pdf: bool = False  # also an A4 PDF beside the HTML (typeset.py)
    parts: bool = False  # the template reads a prepared part (slice_path): its key is the part's, not its files'


def template_for(config: BatchConfig, root: Path, lang: str) -> Path:
    """The template a brief in ``lang`` uses: ``{lang}`` in the config's path names the language edition."""
    return (root / str(config.template).replace("{lang}", lang)).resolve()


MAX_VALUE_CHARS = 1024


def resolve_paths(params: dict, root: Path, region: object) -> dict:
    """Path parameters made absolute against the config's folder; a missing file is a parameter error."""
    from pnpm_lib.errors import ParameterError

    out = dict(params)
    for name, value in out.items():
        if isinstance(value, str) and len(value) > MAX_VALUE_CHARS:
            raise ParameterError(f"region {region!r}: parameter {name} is {len(value)} characters long "
                                 f"(at most {MAX_VALUE_CHARS})")
    for name in PATH_PARAMETERS:
        value = out.get(name)
        if not isinstance(value, str) or not value:
            continue
        from pnpm_lib.datasets import split_sheet

        file, sheet = split_sheet(value)
        path = file if file.is_absolute() else (root / file)
        if not path.is_file():
            raise ParameterError(f"region {region!r}: {name} {value!r} is not a file (looked for {path}; "
                                 "relative paths are relative to the config file)")
        out[name] = str(path.resolve()) + (f"#{sheet}" if sheet else "")
    return out


def check_village_without_households(params: dict, declared: dict, region: object) -> None:
    """A template that reads households and villages together never ignores a village file silently."""
    from pnpm_lib.errors import ParameterError

    if "data_path" in declared and params.get("village_path") and not params.get("data_path"):
        raise ParameterError(f"region {region!r}: village_path is read together with data_path (your households); "
                             "with the synthetic panel leave village_path empty")


PACKAGE = Path(__file__).resolve().parents[1]


def check_output_folder(out: Path, template: Path, params: dict) -> None:
    """Outputs go to a folder of their own, refused before any kernel starts when it is inside the toolkit's
    package, shipped datasets or notebooks, or is the very folder the template or a data file sits in: the
    toolkit's tests, editions and packages read those folders, and generated files would mix with sources
    (such folders were written into). A user's own project folder may hold its outputs in a subfolder."""
    toolkit = {"the toolkit's package": PACKAGE, "the toolkit's shipped datasets": PACKAGE.parent / "datasets",
               "the toolkit's notebooks": PACKAGE.parent / "notebooks"}
    for what, folder in toolkit.items():
        if out.is_relative_to(folder.resolve()):
            raise ConfigError(f"output folder {out} is inside {what} ({folder}); give the run a folder of its own "
                              "(output_dir in the config, or --output-dir)")
    sources = {"the template": str(template)} | {name: str(params[name]).split("#")[0] for name in PATH_PARAMETERS
                                                  if isinstance(params.get(name), str) and params[name]}
    for what, path in sources.items():
        if Path(path).parent == out:
            raise ConfigError(f"output folder {out} is the folder of {what} ({path}); give the run a folder of its "
                              "own, so generated files never sit among the sources")


def plan(config: BatchConfig, root: Path, lang: str | None = None) -> list[Job]:
    """Turn a config into jobs, validating every brief's parameters before any runs."""
    from pnpm_lib.datasets import data_hash

    out = (root / config.output_dir).resolve()
    jobs = []
    toolkit, shipped = manifest.toolkit_hash(), data_hash()
    names: dict[str, object] = {}
    for region in config.regions:
        params = {**config.parameters, **region}
        if lang is not None:
            params["lang"] = lang
        params = resolve_paths(params, root, region.get(config.region_parameter))
        brief_lang = str(params.get("lang", "id"))
        template = template_for(config, root, brief_lang)
        declared = template_parameters(template)
        check_output_folder(out, template, params)
        value = region[config.region_parameter]
        check_village_without_households(params, declared, value)
        name = brief_name(template.stem, config.region_parameter, value, brief_lang)
        if name in names:
            raise ConfigError(f"regions {names[name]!r} and {value!r} would both be written as {name}.html; "
                              "give them names that differ in letters or digits")
        names[name] = value
        files = manifest.input_files(params, root)  # before the outputs join the parameters
        # the runner decides where outputs go, for templates that write beside their HTML
        if "output_dir" in declared:
            params["output_dir"] = str(out)
        if "results_path" in declared:
            params["results_path"] = str(out / f"{name}.results.json")
        validate_parameters(template, params)
        html, ipynb = out / f"{name}.html", out / "ipynb" / f"{name}.ipynb"
        for path in (html, ipynb):
            if not path.resolve().is_relative_to(out):
                raise ConfigError(f"region {value!r} would write outside {out}")
        hashes = {"template": manifest.file_hash(template), "toolkit": toolkit,
                  "parameters": manifest.parameters_hash(params),
                  "data": manifest.digest(shipped, *(manifest.file_hash(f) for f in files))}
        jobs.append(Job(str(value), params, str(template), str(ipynb), str(html),
                        f"{title_in(config, brief_lang)} — {value}", str(template.parent),
                        _env_seconds("PNPM_KERNEL_START_TIMEOUT", config.start_timeout),
                        _env_seconds("PNPM_CELL_TIMEOUT", config.cell_timeout),
                        config.brief_timeout, hashes, parts="slice_path" in declared))
    return jobs


PARALLEL_PREPARE = 1000
"""From this many briefs on, their parts are prepared by forked processes (``slices.parts``); below it forking
and sharing out save less than a second."""

PARTS_ENV = "PNPM_PARTS_DIR"
"""Where runs' private folders are made (default: the system's temporary folder). A Dask cluster's workers on
other machines need one they all see — never the published output folder."""


def private_folder(out: Path) -> Path:
    """A run's private folder (mode 0700) outside the output folder: prepared parts wait there for their
    kernels, and the kernels' connection files and IPython folder live there (``stop.kernel_environment``).

    Parts hold unsuppressed counts, so they never sit among published files. Folders an earlier run into the
    same output folder left behind (it was SIGKILLed) are removed first: the caller holds that folder's lock,
    so no other run is using them.
    """
    import hashlib
    import shutil
    import tempfile

    base = Path(os.environ.get(PARTS_ENV) or tempfile.gettempdir())
    prefix = f"pnpm-mandiri-parts-{hashlib.sha256(str(out).encode()).hexdigest()[:12]}-"
    for stale in base.glob(prefix + "*"):
        shutil.rmtree(stale, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=prefix, dir=base))


def keyed_by_parts(jobs: list[Job]) -> tuple[list[Job], dict]:
    """Jobs whose data key is what each brief reads (``slices``), not the whole input files; and the parts."""
    from pnpm_lib.briefs import slices
    from pnpm_lib.datasets import data_hash

    wanted = [(Path(j.html).stem, j.parameters) for j in jobs if j.parts]
    if not wanted:
        return jobs, {}
    workers = (os.cpu_count() or 1) if len(wanted) >= PARALLEL_PREPARE else 1
    prepared, shipped = slices.parts(wanted, workers), data_hash()
    return [replace(j, hashes={**j.hashes, "data": manifest.digest(shipped, prepared[Path(j.html).stem].key)})
            if j.parts else j for j in jobs], prepared


def with_part_files(jobs: list[Job], prepared: dict, folder: Path) -> list[Job]:
    """Each job to render gets its part as a file (``slice_path``) in the run's private ``folder``."""
    from pnpm_lib.briefs import slices

    return [replace(j, parameters={**j.parameters, "slice_path": str(slices.write(prepared[Path(j.html).stem],
                                                                                   folder, Path(j.html).stem))})
            if j.parts else j for j in jobs]


def _env_seconds(name: str, default: int) -> int:
    """Kernel-start and per-cell timeouts, overridable by environment for slow machines."""
    return int(os.environ.get(name, default))


class BriefTimeout(Exception):
    """The brief ran past its time budget and its kernel was stopped."""


def render(job: Job) -> Result:
    """Execute one brief in a fresh kernel and export it; never raises."""
    start = time.perf_counter()
    attempts = 0
    while True:
        attempts += 1
        timer = threading.Timer(job.brief_timeout, _kill_kernels)
        timer.start()
        try:
            nb = stable_ids(_execute(job))
            lang = str(job.parameters.get("lang", "id"))
            write_atomic(Path(job.html), to_html(nb, job.title, lang))
            if job.pdf:
                from pnpm_lib.briefs.typeset import to_pdf

                write_atomic(Path(job.html).with_suffix(".pdf"), to_pdf(nb, job.title, lang))
            kept = job.ipynb if Path(job.ipynb).exists() else None  # a full disk or a size limit may refuse it
            return Result(job.region, "ok", time.perf_counter() - start, job.html, kept, attempts,
                          hashes=job.hashes)
        except Exception as exc:  # a failed brief must never stop the batch
            timed_out = timer.finished.is_set()
            if not timed_out and attempts == 1 and any(s in str(exc) for s in KERNEL_START_ERRORS):
                continue  # kernel-start races (papermill #239/#511): retry once
            error = BriefTimeout(f"stopped after {job.brief_timeout} s (brief_timeout)") if timed_out else exc
            return Result(job.region, "failed", time.perf_counter() - start, None,
                          job.ipynb if Path(job.ipynb).exists() else None, attempts,
                          type(error).__name__, _one_line(error), job.hashes)
        finally:
            timer.cancel()


def stable_ids(nb):
    """Cell ids that do not change between runs (papermill gives its injected cell a random one)."""
    for i, cell in enumerate(nb.cells):
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell["id"] = f"injected-parameters-{i}"
    return nb


def _kill_kernels() -> None:
    """Kill the brief's kernel and what it started: this worker's descendants, and kernels forked for it."""
    from pnpm_lib.briefs.stop import kill_descendants
    from pnpm_lib.forkserver.provisioner import LAUNCHED

    kill_descendants()
    for pid in list(LAUNCHED):
        try:
            os.killpg(pid, signal.SIGKILL)  # the forked kernel leads its own session, outside this worker's tree
        except ProcessLookupError:
            pass


def _execute(job: Job):
    import papermill

    ipynb = Path(job.ipynb)
    ipynb.parent.mkdir(parents=True, exist_ok=True)
    tmp = ipynb.with_name(f".{ipynb.stem}.tmp.ipynb")
    nb = None
    try:
        nb = papermill.execute_notebook(
            job.template, str(tmp), parameters=job.parameters, kernel_name=job.kernel_name,
            progress_bar=False, cwd=job.cwd, start_timeout=job.start_timeout,
            execution_timeout=job.cell_timeout, request_save_on_cell_execute=False,  # saved once, at the end
            **_client_options(job.kernel_name),
        )
    finally:
        if tmp.exists():  # keep the executed (or failed) notebook for diagnosis, without the machine's folders
            _keep(nb, tmp, ipynb, job)
    return nb


def _keep(nb, tmp: Path, ipynb: Path, job: Job) -> None:
    """Write the executed notebook (or, after a failure, papermill's copy) cleaned; never raise.

    A full disk or a size limit may have cut papermill's copy short or refuse this write: the brief's own
    outcome (its HTML, or the error that stopped it) stands, and no half-written notebook is left.
    """
    import nbformat

    try:
        done = nb if nb is not None else nbformat.read(tmp, as_version=4)
        write_atomic(ipynb, nbformat.writes(without_machine_paths(stable_ids(done), job)))
    except (OSError, ValueError):  # nbformat's NotJSONError is a ValueError
        pass
    finally:
        tmp.unlink(missing_ok=True)


def without_machine_paths(nb, job: Job):
    """``nb`` with the folders of this machine taken out of its parameters and papermill's metadata.

    The executed notebook is published beside the brief; its injected parameters named the output folder,
    the private parts folder and the user's data folder in full. Paths become relative to those folders
    (a data file by its name), as the brief's own footer names them.
    """
    import json

    folders = {Path(job.html).parent, Path(job.cwd)}
    for name in ("slice_path", "data_path", "village_path", "framework_path"):
        value = job.parameters.get(name)
        if isinstance(value, str) and os.path.isabs(value):
            folders.add(Path(value).parent)
    prefixes = sorted((str(folder) + os.sep for folder in folders), key=len, reverse=True)

    def clean(text: str) -> str:
        for prefix in prefixes:
            text = text.replace(prefix, "")
        return text

    for cell in nb.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.source = clean(cell.source)
    if "papermill" in nb.metadata:
        nb.metadata["papermill"] = json.loads(clean(json.dumps(nb.metadata["papermill"], ensure_ascii=False)))
    return nb


def _client_options(kernel_name: str) -> dict:
    from pnpm_lib import forkserver

    return forkserver.CLIENT_OPTIONS if kernel_name == forkserver.KERNEL_NAME else {}


def _one_line(exc: BaseException) -> str:
    evalue = getattr(exc, "evalue", None)
    ename = getattr(exc, "ename", None)
    text = f"{ename}: {evalue}" if ename else str(exc)
    return " ".join(text.split())[:500]


def run(jobs: list[Job], workers: int | None = None, on_result: Callable[[Result], None] = lambda r: None,
        log_file: Path | None = None, scheduler: str | None = None) -> list[Result]:
    """Render jobs in ``workers`` processes (default: CPU count), or on the Dask cluster at ``scheduler``.

    Workers' and kernels' stderr (warnings, kernel chatter) goes to ``log_file``.
    """
    if not jobs:
        return []
    if scheduler:
        return _run_on_dask(jobs, scheduler, on_result)
    workers = max(1, min(workers or default_workers(jobs[0].kernel_name), len(jobs)))
    stderr = str(log_file) if log_file else ""
    pool = ProcessPoolExecutor(workers, mp_context=get_context("spawn"), initializer=_stderr_to,
                               initargs=(stderr, os.getpid()))
    try:
        futures = {pool.submit(render, job): job for job in jobs}
        results = _collect(futures, as_completed(futures), jobs, on_result)
    except BaseException:  # a stop: the workers are already killed; never wait on them
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    return results


def _collect(futures: dict, completed, jobs: list[Job], on_result: Callable[[Result], None]) -> list[Result]:
    """Results as briefs finish (a worker that died becomes a failed brief), returned in job order."""
    results: dict[str, Result] = {}
    for future in completed:
        job = futures[future]
        try:
            result = future.result()
        except Exception as exc:  # the worker process itself died
            result = Result(job.region, "failed", 0.0, None, None, 1, type(exc).__name__, _one_line(exc),
                            job.hashes)
        results[job.region] = result
        on_result(result)
    return [results[job.region] for job in jobs]


def default_workers(kernel_name: str) -> int:
    """CPU count; twice that for forked kernels, whose briefs spend much of their life waiting on
    jupyter_client's fixed polls rather than on the CPU (84 briefs: 42 s with 2 workers, 29 s with 4)."""
    from pnpm_lib.forkserver import KERNEL_NAME

    cpus = os.cpu_count() or 1
    return 2 * cpus if kernel_name == KERNEL_NAME else cpus


def _run_on_dask(jobs: list[Job], address: str, on_result: Callable[[Result], None]) -> list[Result]:
    """One task per brief on a Dask distributed cluster; results in job order.

    Workers must see the same paths (a shared output folder) and run one task
    at a time (``dask worker --nthreads 1``): a timed-out brief is stopped by
    killing the worker's child processes, which must all be that brief's.
    """
    from distributed import Client, as_completed

    try:
        client = Client(address, timeout="10s")
    except (OSError, TimeoutError) as exc:
        raise ConfigError(f"cannot reach the Dask scheduler at {address}: {_one_line(exc)}") from None
    with client:
        threads = client.nthreads()
        if not threads or any(n != 1 for n in threads.values()):
            raise ConfigError(f"every Dask worker must run one task at a time (dask worker --nthreads 1); "
                              f"workers at {address} have {sorted(set(threads.values())) or 'none'} threads")
        futures = {client.submit(render, job, key=f"brief-{i}", pure=False): job for i, job in enumerate(jobs)}
        return _collect(futures, as_completed(futures), jobs, on_result)


def _stderr_to(log_file: str, runner: int) -> None:
    """Worker initializer: die with the runner (even SIGKILL, even one that died while this worker started),
    and send stderr (its kernels' too) to the log."""
    from pnpm_lib.briefs.stop import die_with_parent

    die_with_parent(runner)
    if not log_file:
        return
    fd = os.open(log_file, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(fd, 2)
    os.close(fd)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
