"""One run per output folder: an advisory lock the operating system releases on any exit.

``fcntl.flock`` on ``<output>/.pnpm-mandiri.lock``: a second run into the same
folder is refused at once with who holds it; the lock dies with its process,
so a run stopped by SIGKILL or a crash never leaves a stale lock behind.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from pnpm_lib.errors import PnpmError

EXIT_LOCKED = 3
"""Exit code of a run refused because another run holds the output folder."""


class RunLocked(PnpmError):
    """Another run is writing to this output folder."""


@contextmanager
def run_lock(out: Path) -> Iterator[Path]:
    path = out / ".pnpm-mandiri.lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(path)
            raise RunLocked(f"another run is writing to {out} ({holder}); wait for it to finish or use another "
                            "--output-dir") from None
        os.ftruncate(fd, 0)
        os.write(fd, json.dumps({"pid": os.getpid(), "since": datetime.now(UTC).isoformat(timespec="seconds")})
                 .encode())
        yield path
    finally:
        os.close(fd)  # closing releases the lock; the kernel does the same when the process dies


def _holder(path: Path) -> str:
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
        return f"pid {info['pid']}, since {info['since']}"
    except (OSError, ValueError, KeyError):
        return "holder unknown"
