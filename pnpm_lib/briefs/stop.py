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


PARENT_ENV = "PNPM_FORK_PARENT"
"""The pid a fork server must die with (the runner that started it), passed in its environment."""


def die_with_parent(parent: int | None = None) -> None:
    """SIGKILL this process when its parent dies, so no worker, server or kernel outlives its run.

    The death signal only covers a parent that dies after it is set: one that died while this process was
    starting (a runner killed during preparation left 4 workers and a resource tracker running for 9
    minutes) has already handed it to init or a subreaper. So with ``parent`` — the pid that started this
    process — the parent is checked again once the signal is set, and a process whose parent is gone ends.
    """
    _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if parent is not None and os.getppid() != parent:
        os.kill(os.getpid(), signal.SIGKILL)


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


KERNEL_HASH_SEED = "0"
"""PYTHONHASHSEED of every kernel (and of the fork server they are forked from): pyfixest orders
fixed effects by iterating a set, so under a random hash seed an event study's SEs change in the
8th digit from run to run, and re-runs (and reproducibility packages) would not be byte-identical."""


@contextmanager
def kernel_environment(private: Path) -> Iterator[Path]:
    """What the run's workers and kernels inherit: a throwaway IPython directory with history off (nothing in
    the user's home), a fixed hash seed (``KERNEL_HASH_SEED``), and a temporary folder inside the run's
    ``private`` folder, where jupyter_client writes each kernel's connection file (with its HMAC key).

    Both live in ``private``, which the run removes at its end and the next run into the same output folder
    removes at its start: after a SIGKILL no ``tmp*.json`` connection file or IPython folder stays in the
    system's temporary folder (16 stayed after 7 stops).
    """
    import tempfile

    folder, scratch = private / "ipython", private / "tmp"
    profile = folder / "profile_default"
    profile.mkdir(parents=True)
    scratch.mkdir()
    (profile / "ipython_kernel_config.py").write_text("c.HistoryManager.enabled = False\n", encoding="utf-8")
    (profile / "ipython_config.py").write_text("c.HistoryManager.enabled = False\n", encoding="utf-8")
    before = {name: os.environ.get(name) for name in ("IPYTHONDIR", "PYTHONHASHSEED", "TMPDIR")}
    cached = tempfile.tempdir
    os.environ |= {"IPYTHONDIR": str(folder), "PYTHONHASHSEED": KERNEL_HASH_SEED, "TMPDIR": str(scratch)}
    tempfile.tempdir = str(scratch)  # this process's connection files too (tempfile caches its folder)
    try:
        yield folder
    finally:
        tempfile.tempdir = cached
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
