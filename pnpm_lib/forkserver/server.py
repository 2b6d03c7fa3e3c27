"""A warm process that forks one fresh IPython kernel per request (``python -m pnpm_lib.forkserver SOCKET``).

It imports ipykernel, numpy, pandas, matplotlib and pnpm_lib once, opens no
ZMQ context and starts no thread, then listens on a Unix socket. For each
request ``{"connection_file", "env", "cwd"}`` it forks: the child starts a new
session, takes the request's environment and folder, reseeds the RNGs and
becomes an ordinary kernel on that connection file; the server answers with
the child's pid. Every kernel is a new process, so no state passes from one
brief to the next, but none pays the imports again (batch-performance.md §2d).
"""

from __future__ import annotations

import gc
import importlib
import json
import os
import signal
import socket
import sys
import threading

PRELOAD = (
    "ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.debugger", "IPython.display", "numpy", "pandas", "matplotlib.pyplot",
    "scipy.stats", "statsmodels.api", "pyfixest", "pnpm_lib.briefs.impact", "pnpm_lib.evaluation.charts",
    "pnpm_lib.evaluation.results", "pnpm_lib.indicators.empowerment", "pnpm_lib.indicators.sensitivity",
    "pnpm_lib.plots", "pnpm_lib.render", "pnpm_lib.maps", "pnpm_lib.briefs.slices", "matplotlib.backends.backend_svg",
)
"""What a brief imports; anything missing is skipped (the kernel imports it itself)."""


def preload() -> list[str]:
    """Import PRELOAD with the kernel's matplotlib backend; returns what could not be imported."""
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    missing = []
    for name in PRELOAD:
        try:
            importlib.import_module(name)
        except Exception:  # a module the environment lacks is the kernel's to import, not fatal here
            missing.append(name)
    try:
        warm_up()
    except Exception as exc:  # a cold kernel is slower, not wrong
        missing.append(f"warm-up ({type(exc).__name__}: {exc})")
    if threading.active_count() != 1:
        raise RuntimeError("fork server: an import started a thread; forking now would be unsafe")
    return missing


def warm_up() -> None:
    """Compose one brief's whole content once, in every language, so every kernel inherits what it fills.

    Without it each kernel compiles pyfixest's kernels again (about 1 s per brief),
    and pays again for what the first use of each library fills: Babel's locale
    data, the shipped BPS tables (read and validated), the map's points,
    matplotlib's SVG backend, fonts and text metrics (about 0.05 s per brief).
    It calls the functions ``brief_dampak.ipynb`` displays, library code only:
    no template runs here, so no option or figure is left behind; RNGs are
    reseeded in every child.
    """
    import warnings

    from pnpm_lib import render
    from pnpm_lib.briefs import impact, slices
    from pnpm_lib.evaluation import charts, data
    from pnpm_lib.i18n import LANGS

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        areas = slices.Areas(data.load_sample())
        where = impact.region("province", str(areas.full.households["province_code"].iloc[0]))
        for lang in LANGS:
            part = areas.part(where, 10, lang)
            ev, best = part.evidence, part.evidence.best
            shown = [impact.title(where, lang), impact.key_message(ev, lang), impact.scope_text(ev, lang),
                     impact.reading_guide(ev, lang), impact.locator_map(where, lang), impact.context_text(where, lang),
                     impact.caveats(ev, part.synthetic, lang), impact.implications(ev, lang),
                     impact.provenance(part, {"lang": lang}), impact.sources_table(where, lang)]
            if part.score is not None:
                shown.append(impact.index_bullets(part.score, where, lang))
            if best is not None:
                shown += [impact.bullets(ev, lang), impact.results_display(best, lang), impact.table_note(best, lang),
                          impact.design_text(best, lang), best.households.display(lang)]
                headline = best.row(impact.HEADLINE)
                if headline is not None:
                    shown.append(charts.effect_bars(headline, "consumption", lang, part.synthetic))
            for item in shown:  # tables become HTML in the kernel
                if hasattr(item, "columns"):
                    render.table(item, lang)


def serve(path: str) -> None:
    """Accept requests forever; each connection carries one JSON request and gets one JSON reply."""
    signal.signal(signal.SIGCHLD, _reap)
    gc.freeze()  # preloaded objects leave the collector's lists: a kernel's GC passes do not copy their pages
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path + ".tmp")
    os.rename(path + ".tmp", path)  # clients never see a socket that is not listening yet
    listener.listen(64)  # the socket exists from here on: that is "ready" (stdout is /dev/null, never a pipe)
    while True:
        try:
            conn, _ = listener.accept()
        except InterruptedError:
            continue
        with conn:
            request = json.loads(_read_line(conn))
            pid = os.fork()
            if pid == 0:
                listener.close()
                conn.close()
                _become_kernel(request)
            conn.sendall(json.dumps({"pid": pid}).encode() + b"\n")


def _read_line(conn: socket.socket) -> bytes:
    data = b""
    while not data.endswith(b"\n"):
        chunk = conn.recv(65536)
        if not chunk:
            break
        data += chunk
    return data


def _become_kernel(request: dict) -> None:
    """In the child: a fresh session, the request's environment, new RNG seeds, then the kernel."""
    try:
        os.setsid()
        from pnpm_lib.briefs.stop import die_with_parent

        die_with_parent()  # the server's death (a stopped or killed run) ends its kernels too
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        os.environ.clear()
        os.environ.update(request["env"])
        os.chdir(request["cwd"])
        import random

        import numpy as np

        random.seed()
        np.random.seed()
        from ipykernel.kernelapp import IPKernelApp

        app = IPKernelApp.instance()
        app.initialize(["-f", request["connection_file"]])
        app.start()
    finally:
        os._exit(0)


def _reap(signum: int, frame: object) -> None:
    """Collect exited kernels so none stays a zombie."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def main(argv: list[str] | None = None) -> None:
    from pnpm_lib.briefs.stop import die_with_parent

    path = (argv or sys.argv[1:])[0]
    die_with_parent()
    missing = preload()
    if missing:
        print(f"fork server: not preloaded: {', '.join(missing)}", file=sys.stderr, flush=True)
    serve(path)


if __name__ == "__main__":
    main()
