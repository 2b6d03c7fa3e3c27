"""Kecamatan briefs of the national synthetic panel, HTML and PDF: engine vs a papermill API pool, and the
national wall time (issue #20).

    .venv/bin/python benchmarks/national_briefs.py [--n 200] [--full]

Writes the national panel (``pnpm-mandiri data national``) to data/national/ if it is not there. Then, in the
same run, the first N kecamatan briefs (HTML + PDF, each in its own kernel) three ways:

(p) preparing what the N briefs read (``slices.parts``: one pass over the national file) — shared by (b);
(b) papermill's API in a pool of CPU-count workers, each brief given its prepared part, HTML exported and the
    PDF typeset in the worker: the baseline;
(c) ``pnpm-mandiri briefs run --pdf`` on a config of those N kecamatan (its own preparation included).

It prints briefs per second, CPU per brief and the ratio (b)/(c), and the national render time extrapolated from (c)'s
rendering (its log says how long it prepared).
``--full`` also runs config/briefs_national.yml --pdf (all kecamatan) into a temporary folder and prints its
wall time, the peak memory of the whole process tree (sampled every 0.5 s), and the processes left after.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pandas as pd
import psutil
import yaml

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "notebooks" / "brief_dampak.ipynb"
DATA = ROOT / "data" / "national"
BIN = Path(sys.executable).parent


def cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def parameters(code: str) -> dict:
    return {"region_level": "kecamatan", "region": code, "lang": "id", "min_cell": 10,
            "data_path": str(DATA / "households.parquet"), "village_path": str(DATA / "villages.parquet")}


def _quiet() -> None:
    fd = os.open(os.devnull, os.O_WRONLY)
    os.dup2(fd, 2)


def _api_one(args: tuple[str, str, str]) -> None:
    import papermill

    from pnpm_lib.atomic import write_atomic
    from pnpm_lib.briefs.export import to_html
    from pnpm_lib.briefs.typeset import to_pdf

    code, part, out = args
    stem = Path(out) / f"brief-dampak__region_{code}__id"
    nb = papermill.execute_notebook(str(TEMPLATE), None, parameters={**parameters(code), "slice_path": part},
                                    kernel_name="python3", progress_bar=False, cwd=str(TEMPLATE.parent))
    write_atomic(stem.with_suffix(".html"), to_html(nb, code))
    write_atomic(stem.with_suffix(".pdf"), to_pdf(nb, code, "id"))


def api_pool(codes: list[str], parts: dict[str, str], out: Path) -> None:
    from multiprocessing import get_context

    out.mkdir(parents=True)
    with ProcessPoolExecutor(os.cpu_count(), mp_context=get_context("spawn"), initializer=_quiet) as pool:
        list(pool.map(_api_one, [(c, parts[c], str(out)) for c in codes]))


def engine(config: Path, out: Path, extra: tuple[str, ...] = ()) -> None:
    subprocess.run([str(BIN / "pnpm-mandiri"), "briefs", "run", str(config), "--pdf", "--output-dir", str(out),
                    *extra], check=True, capture_output=True)


def timed(label: str, n: int, fn) -> float:
    c0, t0 = cpu(), time.perf_counter()
    fn()
    wall, used = time.perf_counter() - t0, cpu() - c0
    print(f"{label:58} {wall:7.1f} s  {n / wall:6.2f} briefs/s  {used / n:5.2f} CPU s/brief", flush=True)
    return wall


class PeakMemory:
    """The largest total resident memory of this process and all its descendants, sampled."""

    def __init__(self) -> None:
        self.peak, self._stop = 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.wait(0.5):
            total = 0
            for p in [me, *me.children(recursive=True)]:
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *_) -> None:
        self._stop.set()
        self._thread.join()


def left_behind(since: float, marker: str) -> list[psutil.Process]:
    """Processes started during the run that still live: kernels, workers, fork servers."""
    found = []
    for p in psutil.process_iter(["create_time", "cmdline"]):
        cmd = " ".join(p.info["cmdline"] or [])
        if p.info["create_time"] >= since and p.pid != os.getpid() and (
                marker in cmd or "ipykernel" in cmd or "pnpm_lib" in cmd):
            found.append(p)
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=200, help="briefs for the (b)/(c) comparison; 0 skips it")
    parser.add_argument("--full", action="store_true")
    args = parser.parse_args()
    if not (DATA / "kecamatan.csv").exists():
        subprocess.run([str(BIN / "pnpm-mandiri"), "data", "national", "--output-dir", str(DATA)], check=True)
    every = pd.read_csv(DATA / "kecamatan.csv", dtype=str)["region"].tolist()
    codes = every[:: max(1, len(every) // max(args.n, 1))][: args.n]  # spread over the country
    work = Path(tempfile.mkdtemp(prefix="pnpm-national-"))

    if args.n > 0:
        sample(codes, every, work, parameters)
    if args.full:
        national(every, work)


def sample(codes: list[str], every: list[str], work: Path, parameters) -> None:
    """(p), (b) and (c) on the same briefs."""
    from pnpm_lib.briefs import slices

    parts: dict[str, str] = {}

    def prepare() -> None:
        prepared = slices.parts([(c, parameters(c)) for c in codes])
        for c, part in prepared.items():
            parts[c] = str(slices.write(part, work / "parts", c))

    print(f"{len(codes)} kecamatan briefs of {len(every):,}, HTML + PDF, {os.cpu_count()} CPUs")
    p = timed("(p) prepare what they read (one pass over the data)", len(codes), prepare)
    b = timed(f"(b) papermill API, pool of {os.cpu_count()}, prepared parts", len(codes),
              lambda: api_pool(codes, parts, work / "b"))
    config = work / "sample.yml"
    config.write_text(yaml.safe_dump({"template": str(TEMPLATE), "output_dir": str(work / "c"),
                                      "region_parameter": "region",
                                      "parameters": {k: v for k, v in parameters(codes[0]).items() if k != "region"},
                                      "regions": [{"region": c} for c in codes]}))
    c = timed("(c) pnpm-mandiri briefs run --pdf (its own preparation included)", len(codes),
              lambda: engine(config, work / "c"))
    prepared = prepare_seconds(work / "c" / "run.log")
    print(f"ratio: (c) is {b / c:.2f}x the papermill API pool, {(b + p) / c:.2f}x it with its preparation; "
          f"(c) rendered in {c - prepared:.1f} s after {prepared:.1f} s preparing: the national render at that "
          f"rate takes {len(every) * (c - prepared) / len(codes) / 60:.1f} min plus its preparation")


def prepare_seconds(log: Path) -> float:
    """How long the run spent preparing what its briefs read (its log says so)."""
    import re

    found = re.search(r"prepared what \d+ briefs read in ([\d.]+) s", log.read_text(encoding="utf-8"))
    return float(found.group(1)) if found else 0.0


def national(every: list[str], work: Path) -> None:
    """The whole national configuration, with peak memory and the processes left after."""
    since = time.time()
    with PeakMemory() as memory:
        wall = timed("national: config/briefs_national.yml --pdf", len(every),
                     lambda: engine(ROOT / "config" / "briefs_national.yml", work / "national"))
    time.sleep(2)
    left = left_behind(since, str(work))
    prepared = prepare_seconds(work / "national" / "run.log")
    print(f"national wall {wall / 60:.1f} min ({prepared:.0f} s of it preparing); peak memory of the process tree {memory.peak / 2**30:.2f} GiB; "
          f"processes left {len(left)}; output in {work / 'national'}")


if __name__ == "__main__":
    main()
