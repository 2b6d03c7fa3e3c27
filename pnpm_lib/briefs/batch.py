"""A batch of briefs as an API: ``run(config_path, Options())`` does what ``pnpm-mandiri briefs run`` does.

Validate every brief before any kernel starts; hold the output folder's lock;
render what changed on the chosen engine (``engines``), each brief in its own
kernel; journal each finished brief; on SIGTERM/SIGINT stop every process of the
run and record what finished; write manifest.json/.csv and index.html. The CLI
only parses arguments and calls this.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from pnpm_lib.briefs.progress import Tracker
from pnpm_lib.errors import PnpmError

EXIT_OK, EXIT_FAILED_BRIEFS = 0, 1


@dataclass(frozen=True)
class Options:
    workers: int | None = None
    lang: str | None = None
    output_dir: Path | None = None
    force: bool = False
    only_failed: bool = False
    timeout: int | None = None
    pdf: bool = False
    scheduler: str | None = None
    engine: str = "fork"


def run(config_path: Path, options: Options = Options()) -> int:
    """Validate, render what changed, record; the exit code (0, 1 a brief failed, 143/130 stopped)."""
    from pnpm_lib.briefs import lock, runner, stop
    from pnpm_lib.briefs.config import load_config

    config = load_config(config_path)
    updates: dict[str, object] = {}
    if options.output_dir is not None:
        updates["output_dir"] = options.output_dir.resolve()
    if options.timeout is not None:
        updates["brief_timeout"] = options.timeout
    config = config.model_copy(update=updates)
    root = config_path.resolve().parent
    jobs = runner.plan(config, root, options.lang)  # raises before any kernel starts
    out = writable((root / config.output_dir).resolve())
    with lock.run_lock(out):
        stop.become_subreaper()
        private = runner.private_folder(out)  # outside the output folder; a killed run's removed first
        try:
            with stop.kernel_environment(private):
                return _render(config, config_path, jobs, out, private, options)
        finally:
            shutil.rmtree(private, ignore_errors=True)  # parts hold unsuppressed counts: never left behind


def writable(out: Path) -> Path:
    """The output folder, created and proven writable before any kernel starts."""
    import tempfile

    try:
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=out, prefix=".probe-"):
            pass
    except OSError as exc:
        raise PnpmError(f"cannot write to the output folder {out}: {exc.strerror or exc}") from None
    return out


def _render(config, config_path: Path, jobs, out: Path, parts: Path, options: Options) -> int:
    from pnpm_lib import __version__
    from pnpm_lib.briefs import manifest, runner, stop
    from pnpm_lib.briefs.config import title_in
    from pnpm_lib.briefs.engines import ENGINES

    lang, workers, scheduler = options.lang, options.workers, options.scheduler

    stop.remove_temporary(out)  # left by a run that was killed (we hold the lock, so none is being written)
    log_file = out / "run.log"
    say = logger(log_file)
    brief_lang = lang or str(config.parameters.get("lang", "id"))
    previous = manifest.read_previous(out)  # first: a stop at any later moment keeps every earlier record
    earlier = {region: manifest.carried(prev, out, prev["status"]) for region, prev in previous.items()
               if prev.get("status") in manifest.STATUSES}
    finished: dict = {}
    kept: dict = {}
    todo: list = []

    def so_far() -> list:
        """This run's results, else what was kept as unchanged, else the record an earlier run left."""
        return [r for r in (finished.get(j.region) or kept.get(j.region) or earlier.get(j.region) for j in jobs)
                if r is not None]

    def index(running: tuple[int, int] | None = None) -> None:
        manifest.write_index(so_far(), out, region_labels(config.region_parameter), brief_lang,
                             title_in(config, brief_lang), running)

    def record(stopped: str | None = None) -> dict:
        results = so_far()
        manifest.write(results, out, {**meta, "wall_s": round(time.perf_counter() - t0, 2), "stopped": stopped})
        index()
        return {s: sum(r.status == s for r in results) for s in manifest.STATUSES}

    started = datetime.now(UTC)
    t0 = time.perf_counter()
    root = config_path.resolve().parent
    meta = {"toolkit_version": __version__, "config": os.path.relpath(config_path.resolve(), out),  # no machine path
            "template": os.path.relpath(root / str(config.template), out),
            "lang": brief_lang, "started_utc": started.isoformat(timespec="seconds"), "workers": workers,
            "scheduler": scheduler, "engine": options.engine, "force": options.force,
            "only_failed": options.only_failed}
    try:
        # the engine warms up (the fork server imports and rehearses a brief) while the data are prepared
        engine = ENGINES[options.engine if jobs and not scheduler else "papermill"]
        light = parts if jobs and all(job.parts for job in jobs) else None
        with stop.on_stop(), engine.kernels(log_file, say, light) as kernel:
            jobs, prepared = runner.keyed_by_parts(jobs)  # read the data once; each brief keyed by what it reads
            todo, kept = select(jobs, previous, out, options.force, options.only_failed)
            todo = runner.with_part_files(todo, prepared, parts)
            say(f"{len(todo)} to render, {len(kept)} unchanged or kept, into {out} (log: {log_file})")
            if prepared:
                say(f"prepared what {len(prepared)} briefs read in {time.perf_counter() - t0:.1f} s "
                    "(one pass over the data)")
            bar = sys.stderr.isatty()
            todo = [replace(job, kernel_name=kernel, pdf=options.pdf) for job in todo]
            n_workers = workers or runner.default_workers(kernel)
            meta |= {"workers": n_workers, "kernel": kernel}
            tracker = Tracker(len(todo))
            with progress(len(todo) if bar else 0) as advance:

                def on_result(result):
                    finished[result.region] = result
                    manifest.journal(result, out)
                    advance(result.status == "failed")
                    error = f": {result.error_name}: {result.error_message}" if result.error_name else ""
                    say(f"{result.status:6} {result.region} ({result.duration_s:.1f} s){error}",
                        echo=not bar or result.status == "failed")
                    if tracker.add(result.status) and tracker.done < tracker.total:
                        say(tracker.line(), echo=not bar)  # the bar shows the same on a terminal
                        index((tracker.done, tracker.total))  # usable while the run goes on
                runner.run(todo, n_workers, on_result, log_file, scheduler)
    except stop.Stopped as exc:
        removed = stop.remove_temporary(out)
        counts = record(stopped=str(exc))
        say(f"stopped by {exc}: {counts['ok']} ok and {counts['failed']} failed recorded, "
            f"{len(jobs) - len(finished) - len(kept)} not rendered, {len(removed)} temporary file(s) removed; "
            "a re-run renders only what is missing")
        return exc.exit_code
    if options.pdf:  # unchanged briefs whose PDF is missing: typeset from their kept notebooks
        from pnpm_lib.briefs.typeset import missing_pdfs

        missing_pdfs(list(kept.values()), {j.region: j for j in jobs}, say)
    counts = record()
    say(f"{counts['ok']} ok, {counts['skipped']} skipped (unchanged), {counts['failed']} failed in "
        f"{round(time.perf_counter() - t0, 2)} s; see {out / 'manifest.json'}")
    return EXIT_FAILED_BRIEFS if counts["failed"] else EXIT_OK


def select(jobs, previous: dict, out: Path, force: bool, only_failed: bool):
    """Jobs to render now, and previous records kept for the others (by region)."""
    from pnpm_lib.briefs import manifest

    todo, kept = [], {}
    for job in jobs:
        prev = previous.get(job.region)
        if only_failed and prev is not None and prev.get("status") != "failed":
            kept[job.region] = manifest.carried(prev, out, prev["status"])
        elif not force and not only_failed and prev is not None and manifest.unchanged(prev, job.hashes, out):
            kept[job.region] = manifest.carried(prev, out, "skipped")
        else:
            todo.append(job)
    return todo, kept


def logger(log_file: Path):
    """Print to stderr and append to the run log, with a timestamp in the log."""
    def say(message: str, echo: bool = True) -> None:
        if echo:
            print(message, file=sys.stderr, flush=True)
        with log_file.open("a", encoding="utf-8") as f:
            f.write(f"{datetime.now(UTC).isoformat(timespec='seconds')} {message}\n")
    return say


@contextmanager
def progress(total: int):
    """A rich progress bar on a terminal; nothing extra in cron logs (failures are logged anyway)."""
    if not sys.stderr.isatty() or total == 0:
        yield lambda failed=False: None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    with Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), TimeRemainingColumn(), TextColumn("{task.fields[failed]} failed"),
                  transient=False) as bar:
        task = bar.add_task("briefs", total=total, failed=0)

        def advance(failed: bool = False) -> None:
            bar.update(task, advance=1, failed=bar.tasks[task].fields["failed"] + failed)

        yield advance


def region_labels(region_parameter: str) -> dict[str, str]:
    if region_parameter != "province":
        return {}
    from pnpm_lib.datasets import province_names

    return {code: f"{code} {name}" for code, name in province_names().items()}
