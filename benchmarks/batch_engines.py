"""The same N real briefs rendered four ways in one run; briefs per second, CPU per brief, and ratios.

    .venv/bin/python benchmarks/batch_engines.py [--n 40]

(a) ``papermill`` CLI then ``jupyter nbconvert --to html --no-input`` per brief, one after another:
    what a user does today;
(b) papermill's API in a process pool of CPU-count workers, one reused HTML exporter per worker;
(c) our runner: ``pnpm-mandiri briefs run`` (fork engine, default workers);
(e) the floor: the brief's code cells executed in one warm Python process, figures rendered to PNG.
The briefs are the first N regions of config/briefs.yml (provinces, then kabupaten). CPU seconds
count this process and every waited-for descendant (kernels included). Content check: the
executed notebooks' outputs of (a), (b) and (c) are identical (papermill's random cell ids aside).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "notebooks" / "brief_dampak.ipynb"
BIN = Path(sys.executable).parent


def regions(n: int) -> list[dict]:
    config = yaml.safe_load((ROOT / "config" / "briefs.yml").read_text())
    return config["regions"][:n]


def name(region: dict) -> str:
    return f"brief-dampak__region_{region['region']}__id"


def cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def cli_loop(items: list[dict], out: Path) -> None:
    """(a): two new processes per brief."""
    for region in items:
        ipynb = out / "ipynb" / f"{name(region)}.ipynb"
        ipynb.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([str(BIN / "papermill"), "--no-progress-bar", "--log-level", "WARNING", str(TEMPLATE),
                        str(ipynb), "-p", "region_level", region["region_level"], "-r", "region", region["region"],
                        "-p", "lang", "id"], check=True, capture_output=True, cwd=TEMPLATE.parent)
        subprocess.run([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", "--output-dir", str(out),
                        str(ipynb)], check=True, capture_output=True)


def _quiet() -> None:
    """Kernels' start-up chatter goes nowhere, as the runner sends it to its log."""
    fd = os.open(os.devnull, os.O_WRONLY)
    os.dup2(fd, 2)


def _api_one(args: tuple[dict, str]) -> None:
    import papermill

    from pnpm_lib.atomic import write_atomic
    from pnpm_lib.briefs.export import to_html

    region, out = args
    ipynb = Path(out) / "ipynb" / f"{name(region)}.ipynb"
    ipynb.parent.mkdir(parents=True, exist_ok=True)
    nb = papermill.execute_notebook(str(TEMPLATE), str(ipynb), parameters={**region, "lang": "id"},
                                    kernel_name="python3", progress_bar=False, cwd=str(TEMPLATE.parent))
    write_atomic(Path(out) / f"{name(region)}.html", to_html(nb, region["region"]))


def api_pool(items: list[dict], out: Path) -> None:
    """(b): papermill's API in CPU-count worker processes."""
    from multiprocessing import get_context

    with ProcessPoolExecutor(os.cpu_count(), mp_context=get_context("spawn"), initializer=_quiet) as pool:
        list(pool.map(_api_one, [(r, str(out)) for r in items]))


def runner(items: list[dict], out: Path) -> None:
    """(c): the toolkit's batch command, defaults."""
    config = {"template": str(TEMPLATE), "output_dir": str(out), "region_parameter": "region",
              "parameters": {"lang": "id"}, "regions": items}
    path = out.parent / f"{out.name}.yml"
    path.write_text(yaml.safe_dump(config))
    subprocess.run([str(BIN / "pnpm-mandiri"), "briefs", "run", str(path)], check=True, capture_output=True)


def floor(items: list[dict], out: Path) -> None:
    """(e): the cells' code in this warm process (run once untimed first), each brief in a fresh namespace."""
    import IPython.display

    shown: list = []

    def display(*objects, **_):
        for obj in objects:
            shown.append(obj._repr_png_() if hasattr(obj, "_repr_png_") else obj._repr_html_())

    IPython.display.display = display
    cells = [c.source for c in nbformat.read(TEMPLATE, as_version=4).cells if c.cell_type == "code"]
    os.chdir(TEMPLATE.parent)
    for region in items:
        namespace: dict = {}
        exec(cells[0], namespace)
        namespace.update(region)
        for source in cells[1:]:
            exec(source, namespace)
    out.mkdir(parents=True, exist_ok=True)
    (out / "shown.json").write_text(json.dumps(len(shown)))


def outputs(out: Path) -> dict[str, list]:
    """Each executed notebook's cell outputs (text, HTML, PNG), for the identical-content check."""
    found = {}
    for path in sorted((out / "ipynb").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        found[path.stem] = [[o.get("data", o.get("text")) for o in c.get("outputs", [])]
                            for c in nb.cells if c.cell_type == "code"]
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=40)
    n = parser.parse_args().n
    items = regions(n)
    work = Path(tempfile.mkdtemp(prefix="pnpm-bench-"))
    floor(items[:2], work / "warm")  # (e) is a warm process: imports, JIT and caches paid before timing
    rows = {}
    for key, label, method in (("a", "papermill CLI + nbconvert CLI, per brief", cli_loop),
                               ("b", f"papermill API, pool of {os.cpu_count()}", api_pool),
                               ("c", "pnpm-mandiri briefs run (fork engine)", runner),
                               ("e", "brief code in one warm process (floor)", floor)):
        out = work / key
        c0, t0 = cpu(), time.perf_counter()
        method(items, out)
        wall, used = time.perf_counter() - t0, cpu() - c0
        rows[key] = (label, wall, used)
        print(f"({key}) {label:45} {wall:7.1f} s  {n / wall:6.2f} briefs/s  {used / n:5.2f} CPU s/brief",
              flush=True)
    a, b, c, e = (rows[k][1] for k in "abce")
    print(f"\n{n} briefs on {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
    print(f"speed-up (c) vs (a): {a / c:5.1f}x   (c) vs (b): {b / c:5.1f}x   (c) / (e) time: {c / e:5.1f}x")
    same = outputs(work / "a") == outputs(work / "b") == outputs(work / "c")
    print(f"executed outputs identical across (a), (b), (c): {same}  ({len(outputs(work / 'c'))} notebooks)")


if __name__ == "__main__":
    main()
