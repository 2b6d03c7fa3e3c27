"""Stopping a batch safely: no process of the run outlives it, no half-written file stays behind.

SIGTERM or SIGINT (to the runner, or to its whole process group, as systemd,
Airflow and Ctrl-C send them) makes the runner kill every process it started —
worker processes, the fork server and the kernels forked or launched for briefs,
which live in sessions of their own — remove temporary files, record the briefs
that finished, and exit 128 + the signal (143, 130). The runner makes itself a
child subreaper (Linux), so kernels whose worker died first are still its
descendants and are found.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PR_SET_PDEATHSIG, PR_SET_CHILD_SUBREAPER = 1, 36


class Stopped(BaseException):
    """The run received SIGTERM or SIGINT (a BaseException, so no brief-level handler swallows it)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


def _prctl(option: int, value: int) -> None:
    """Linux ``prctl``; elsewhere (or without libc's symbol) a no-op."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(option, value, 0, 0, 0)
        except (OSError, AttributeError):
            pass


def become_subreaper() -> None:
    """Orphaned descendants re-parent to this process instead of init."""
    _prctl(PR_SET_CHILD_SUBREAPER, 1)


def die_with_parent() -> None:
    """SIGKILL this process when its parent dies, so no worker, server or kernel outlives its run."""
    _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def kill_descendants() -> int:
    """SIGKILL every descendant of this process (all at once, so none is re-parented away); how many."""
    import psutil

    me = psutil.Process()
    found = me.children(recursive=True)
    for process in found:
        try:
            process.kill()
        except psutil.NoSuchProcess:
            pass
    psutil.wait_procs(found, timeout=5)
    for child in me.children(recursive=True):  # reaped orphans that arrived meanwhile
        try:
            child.kill()
        except psutil.NoSuchProcess:
            pass
    return len(found)


def remove_temporary(out: Path) -> list[Path]:
    """Half-written files of an interrupted run (atomic writes' ``.name.tmp…`` and executing notebooks)."""
    removed = []
    for path in [*out.glob(".*.tmp*"), *(out / "ipynb").glob(".*.tmp*")]:
        path.unlink(missing_ok=True)
        removed.append(path)
    return removed


@contextmanager
def on_stop() -> Iterator[None]:
    """Turn SIGTERM/SIGINT into ``Stopped`` after killing the run's processes (handlers restored after)."""
    def handler(signum, _frame):
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        kill_descendants()
        raise Stopped(signum)

    previous = {s: signal.signal(s, handler) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for s, h in previous.items():
            signal.signal(s, h)


@contextmanager
def private_ipython() -> Iterator[Path]:
    """Kernels of the run use a throwaway IPython directory with history off: nothing in the user's home."""
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="pnpm-ipython-"))
    profile = folder / "profile_default"
    profile.mkdir()
    (profile / "ipython_kernel_config.py").write_text("c.HistoryManager.enabled = False\n", encoding="utf-8")
    (profile / "ipython_config.py").write_text("c.HistoryManager.enabled = False\n", encoding="utf-8")
    before = os.environ.get("IPYTHONDIR")
    os.environ["IPYTHONDIR"] = str(folder)
    try:
        yield folder
    finally:
        if before is None:
            os.environ.pop("IPYTHONDIR", None)
        else:
            os.environ["IPYTHONDIR"] = before
        shutil.rmtree(folder, ignore_errors=True)
