"""Render one brief per region: validate all, execute in parallel, export, record.

Each brief runs in its own kernel (papermill's API inside a worker process), so
no state leaks between briefs; a failed brief is recorded and the others go on.
Every file is written atomically and the manifest says what happened to each.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from multiprocessing import get_context
from pathlib import Path

from pnpm_lib.briefs.config import BatchConfig, brief_name
from pnpm_lib.briefs.export import to_html, write_atomic
from pnpm_lib.briefs.params import template_parameters, validate_parameters
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


@dataclass
class Result:
    region: str
    status: str
    duration_s: float
    html: str | None
    ipynb: str | None
    attempts: int
    error_name: str | None = None
    error_message: str | None = None


def plan(config: BatchConfig, root: Path, lang: str | None = None) -> list[Job]:
    """Turn a config into jobs, validating every brief's parameters before any runs."""
    template = (root / config.template).resolve()
    out = (root / config.output_dir).resolve()
    jobs = []
    declared = template_parameters(template)
    for region in config.regions:
        params = {**config.parameters, **region}
        if lang is not None:
            params["lang"] = lang
        value = region[config.region_parameter]
        name = brief_name(template.stem, config.region_parameter, value, str(params.get("lang", "id")))
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
        jobs.append(Job(str(value), params, str(template), str(ipynb), str(html),
                        f"{config.title} — {value}", str(template.parent),
                        _env_seconds("PNPM_KERNEL_START_TIMEOUT", 60),
                        _env_seconds("PNPM_CELL_TIMEOUT", 300)))
    return jobs


def _env_seconds(name: str, default: int) -> int:
    """Kernel-start and per-cell timeouts, overridable by environment for slow machines."""
    return int(os.environ.get(name, default))


def render(job: Job) -> Result:
    """Execute one brief in a fresh kernel and export it; never raises."""
    start = time.perf_counter()
    attempts = 0
    while True:
        attempts += 1
        try:
            nb = _execute(job)
            write_atomic(Path(job.html), to_html(nb, job.title))
            return Result(job.region, "ok", time.perf_counter() - start, job.html, job.ipynb, attempts)
        except Exception as exc:  # a failed brief must never stop the batch
            if attempts == 1 and any(s in str(exc) for s in KERNEL_START_ERRORS):
                continue  # kernel-start races (papermill #239/#511): retry once
            return Result(job.region, "failed", time.perf_counter() - start, None,
                          job.ipynb if Path(job.ipynb).exists() else None, attempts,
                          type(exc).__name__, _one_line(exc))


def _execute(job: Job):
    import papermill

    ipynb = Path(job.ipynb)
    ipynb.parent.mkdir(parents=True, exist_ok=True)
    tmp = ipynb.with_name(f".{ipynb.stem}.tmp.ipynb")
    try:
        nb = papermill.execute_notebook(
            job.template, str(tmp), parameters=job.parameters, kernel_name="python3",
            progress_bar=False, cwd=job.cwd, start_timeout=job.start_timeout,
            execution_timeout=job.cell_timeout,
        )
    finally:
        if tmp.exists():
            os.replace(tmp, ipynb)  # keep the executed (or failed) notebook for diagnosis
    return nb


def _one_line(exc: BaseException) -> str:
    evalue = getattr(exc, "evalue", None)
    ename = getattr(exc, "ename", None)
    text = f"{ename}: {evalue}" if ename else str(exc)
    return " ".join(text.split())[:500]


def run(jobs: list[Job], workers: int | None = None, progress=print,
        log_file: Path | None = None) -> list[Result]:
    """Render jobs in ``workers`` processes (default: CPU count); results in job order.

    Workers' and kernels' stderr (warnings, kernel chatter) goes to ``log_file``
    so the terminal shows one progress line per brief.
    """
    workers = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    results: dict[str, Result] = {}
    init = (_stderr_to, (str(log_file),)) if log_file else (None, ())
    with ProcessPoolExecutor(workers, mp_context=get_context("spawn"),
                             initializer=init[0], initargs=init[1]) as pool:
        futures = {pool.submit(render, job): job for job in jobs}
        for done, future in enumerate(as_completed(futures), start=1):
            job = futures[future]
            try:
                result = future.result()
            except Exception as exc:  # the worker process itself died
                result = Result(job.region, "failed", 0.0, None, None, 1,
                                type(exc).__name__, _one_line(exc))
            results[job.region] = result
            progress(f"[{done}/{len(jobs)}] {result.status:6} {job.region} "
                     f"({result.duration_s:.1f} s){'  ' + str(result.error_message) if result.error_message else ''}")
    return [results[job.region] for job in jobs]


def _stderr_to(log_file: str) -> None:
    """Worker initializer: send this process's (and its kernels') stderr to the log."""
    fd = os.open(log_file, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(fd, 2)
    os.close(fd)


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def write_manifest(results: list[Result], out: Path, meta: dict) -> Path:
    """manifest.json: run metadata plus one record per brief, paths relative to ``out``."""
    records = []
    for r in results:
        record = asdict(r)
        for key in ("html", "ipynb"):
            if record[key]:
                record[key] = os.path.relpath(record[key], out)
        record["duration_s"] = round(record["duration_s"], 3)
        records.append(record)
    manifest = {**meta, "briefs": records,
                "counts": {s: sum(r.status == s for r in results) for s in ("ok", "failed")}}
    path = out / "manifest.json"
    write_atomic(path, json.dumps(manifest, indent=2, ensure_ascii=False))
    return path


INDEX_TEMPLATE = """<!DOCTYPE html>
<html lang="{{ lang }}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{{ title }}</title>
<style>body{font-family:Arial,sans-serif;max-width:50rem;margin:1.5rem auto;padding:0 1rem}
table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:.2rem .6rem;text-align:left}
.failed{color:#b00020}</style></head><body>
<h1>{{ title }}</h1>
<p>{{ generated }}</p>
<table><thead><tr><th>{{ labels.region }}</th><th>{{ labels.status }}</th>
<th>{{ labels.seconds }}</th><th>{{ labels.error }}</th></tr></thead><tbody>
{% for b in briefs %}<tr class="{{ b.status }}">
<td>{% if b.html %}<a href="{{ b.html }}">{{ b.label }}</a>{% else %}{{ b.label }}{% endif %}</td>
<td>{{ b.status }}</td><td>{{ '%.1f' % b.duration_s }}</td><td>{{ b.error_message or '' }}</td></tr>
{% endfor %}</tbody></table></body></html>
"""


def write_index(results: list[Result], out: Path, labels: dict[str, str], lang: str, title: str) -> Path:
    """index.html linking every brief, with its status; all text autoescaped."""
    from jinja2 import Environment

    from pnpm_lib.i18n import t

    env = Environment(autoescape=True)
    briefs = [
        {**asdict(r), "label": labels.get(r.region, r.region),
         "html": os.path.relpath(r.html, out) if r.html else None}
        for r in results
    ]
    page = env.from_string(INDEX_TEMPLATE).render(
        lang=lang, title=title, briefs=briefs,
        generated=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        labels={k: t(f"index.{k}", lang) for k in ("region", "status", "seconds", "error")},
    )
    path = out / "index.html"
    write_atomic(path, page)
    return path


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
