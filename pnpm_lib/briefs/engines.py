"""Kernel engines as objects, registered by name (as papermill registers its engines).

An engine is what briefs execute on: ``kernels(log_file, say, parts)`` is a context in
which it yields the Jupyter kernel name the runner asks papermill for, and after
which everything it started is stopped. ``fork`` forks a fresh kernel per brief
from a warm server (Linux, falls back to ``papermill``); ``papermill`` starts an
ordinary ``python3`` kernel per brief.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Protocol


class Engine(Protocol):
    name: str

    def kernels(self, log_file: Path, say: Callable[[str], None],
                parts: Path | None = None) -> AbstractContextManager[str]: ...


class PapermillEngine:
    """An ordinary kernel per brief."""

    name = "papermill"

    @contextmanager
    def kernels(self, log_file: Path, say: Callable[[str], None], parts: Path | None = None) -> Iterator[str]:
        yield "python3"


class ForkEngine:
    """A brand-new kernel per brief, forked from a server that has imported and warmed everything once."""

    name = "fork"

    @contextmanager
    def kernels(self, log_file: Path, say: Callable[[str], None], parts: Path | None = None) -> Iterator[str]:
        """``parts``: every brief of the batch renders a prepared part written there (a lighter server)."""
        if not hasattr(os, "pidfd_open"):  # forked kernels need Linux (fork, pidfd)
            yield "python3"
            return
        from pnpm_lib import forkserver

        try:
            server = forkserver.start(log_file, parts=parts)
        except (OSError, RuntimeError) as exc:
            say(f"fork server unavailable ({exc}); using ordinary kernels")
            yield "python3"
            return
        try:
            yield forkserver.KERNEL_NAME
        finally:
            server.stop()


ENGINES: dict[str, Engine] = {}


def register(engine: Engine) -> Engine:
    ENGINES[engine.name] = engine
    return engine


register(ForkEngine())
register(PapermillEngine())
