"""A warm process that forks one fresh IPython kernel per request (``python -m pnpm_lib.forkserver SOCKET
[--parts FOLDER]``).

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
from pathlib import Path

KERNEL_START = (
    "ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.debugger", "IPython.display", "IPython.core.completerlib",
    "IPython.core.debugger", "IPython.core.logger", "IPython.core.oinspect", "IPython.extensions.storemagic",
    "tornado.platform.asyncio", "pnpm_lib.briefs.stop",
)
"""What IPKernelApp imports on start (tests/test_forkserver checks that a kernel imports nothing more)."""
BRIEF = (
    "numpy", "pandas", "matplotlib.pyplot", "matplotlib.backends.backend_svg", "pnpm_lib.briefs.impact",
    "pnpm_lib.briefs.slices", "pnpm_lib.evaluation.charts", "pnpm_lib.evaluation.results", "pnpm_lib.plots",
    "pnpm_lib.render", "pnpm_lib.maps",
)
"""What a brief that renders a prepared part imports."""
ESTIMATION = ("scipy.stats", "statsmodels.api", "pyfixest", "pnpm_lib.indicators.empowerment",
              "pnpm_lib.indicators.sensitivity")
"""What a notebook that estimates imports."""
PRELOAD = KERNEL_START + BRIEF + ESTIMATION


def preload(parts: str | None = None) -> list[str]:
    """Import what kernels need, with their matplotlib backend, and warm up; returns what could not be done.

    With ``parts`` (the folder where a batch puts its prepared parts) every kernel
    renders a part and estimates nothing: the estimation libraries stay out (a
    server of 1,600 modules instead of 2,700 forks and exits faster, and each
    kernel start walks fewer modules), and the rehearsal waits for the first part
    (``serve``). Without it the rehearsal estimates on the shipped sample.
    """
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    missing = []
    for name in KERNEL_START + BRIEF if parts else PRELOAD:
        try:
            importlib.import_module(name)
        except Exception:  # a module the environment lacks is the kernel's to import, not fatal here
            missing.append(name)
    if not parts:
        missing += _warm(warm_up)
    return missing


def _warm(step, *args) -> list[str]:
    """Run a warm-up step; a failed one only makes kernels slower, never wrong. Forking needs one thread."""
    try:
        step(*args)
    except Exception as exc:
        return [f"warm-up ({type(exc).__name__}: {exc})"]
    finally:
        if threading.active_count() != 1:
            raise RuntimeError("fork server: a warm-up started a thread; forking now would be unsafe")
    return []


def warm_up() -> None:
    """Estimate one brief on the shipped sample and rehearse it, so every kernel inherits numba's compiled
    code (without it each kernel compiles pyfixest's kernels again, about 1 s per brief) and what
    ``rehearse`` fills. RNGs are reseeded in every child."""
    import warnings

    from pnpm_lib.briefs import impact, slices
    from pnpm_lib.evaluation import data
    from pnpm_lib.i18n import LANGS

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        areas = slices.Areas(data.load_sample())
        where = impact.region("province", str(areas.full.households["province_code"].iloc[0]))
        for lang in LANGS:
            rehearse(areas.part(where, 10, lang), lang)


def rehearse_first_part(folder: str) -> None:
    """Rehearse the batch's own first part in every language (light servers, before their first fork)."""
    from pnpm_lib.briefs import slices
    from pnpm_lib.i18n import LANGS

    first = min(Path(folder).glob(f"*{slices.PART_SUFFIX}"), default=None)
    if first is not None:
        for lang in LANGS:
            rehearse(slices.read(str(first)), lang)


def rehearse(part, lang: str) -> None:
    """Compose one brief's whole content from ``part`` in ``lang``, as ``brief_dampak.ipynb`` does, shown nowhere.

    Every kernel then inherits what the first use of each library fills and would
    otherwise pay again: Babel's locale data, the shipped BPS tables (read and
    validated), the map's points (about 0.05 s per brief). Library code only: no template runs in the
    server, so no option or figure is left behind.
    """
    import warnings

    from pnpm_lib import render
    from pnpm_lib.briefs import impact

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ev, best, where = part.evidence, part.evidence.best, part.where
        shown = [impact.title(where, lang), impact.key_message(ev, lang), impact.scope_text(ev, lang),
                 impact.reading_guide(ev, lang), impact.locator_map(where, lang), impact.context_text(where, lang),
                 impact.caveats(ev, part.synthetic, lang), impact.implications(ev, lang),
                 impact.provenance(part, {"lang": lang}), impact.sources_table(where, lang)]
        if part.score is not None:
            shown.append(impact.index_bullets(part.score, where, lang))
        if best is not None:
            shown += [impact.bullets(ev, lang), impact.results_display(best, lang), impact.table_note(best, lang),
                      impact.design_text(best, lang), best.households.display(lang)]
        for item in shown:
            if hasattr(item, "columns"):  # tables become HTML in the kernel
                render.table(item, lang)


def serve(path: str, parts: str | None = None) -> None:
    """Accept requests forever; each connection carries one JSON request and gets one JSON reply.

    A light server (``parts``) rehearses the batch's first part when the first
    request comes: the batch asks for kernels only once its parts are written.
    """
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
            if parts is not None:
                missing = _warm(rehearse_first_part, parts)
                if missing:
                    print(f"fork server: {missing[0]}", file=sys.stderr, flush=True)
                parts = None
                gc.freeze()
            server = os.getpid()
            pid = os.fork()
            if pid == 0:
                listener.close()
                conn.close()
                _become_kernel(request, server)
            conn.sendall(json.dumps({"pid": pid}).encode() + b"\n")


def _read_line(conn: socket.socket) -> bytes:
    data = b""
    while not data.endswith(b"\n"):
        chunk = conn.recv(65536)
        if not chunk:
            break
        data += chunk
    return data


def _become_kernel(request: dict, server: int) -> None:
    """In the child: a fresh session, the request's environment, new RNG seeds, then the kernel."""
    try:
        os.setsid()
        from pnpm_lib.briefs.stop import die_with_parent

        die_with_parent(server)  # the server's death (a stopped or killed run) ends its kernels too
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
    from pnpm_lib.briefs.stop import PARENT_ENV, die_with_parent

    args = argv or sys.argv[1:]
    path, parts = args[0], (args[2] if args[1:2] == ["--parts"] else None)
    die_with_parent(int(os.environ[PARENT_ENV]) if os.environ.get(PARENT_ENV) else None)
    missing = preload(parts)
    if missing:
        print(f"fork server: not preloaded: {', '.join(missing)}", file=sys.stderr, flush=True)
    serve(path, parts)


if __name__ == "__main__":
    main()
