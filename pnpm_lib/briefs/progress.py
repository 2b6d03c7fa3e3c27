"""Progress of a long batch: throughput, time left and failures so far, for the terminal and the log.

A national run renders thousands of briefs for most of an hour; the operator (and whoever reads
the log of an unattended run) needs to know how fast it goes, when it will end and whether
briefs are failing — long before the final summary. ``Tracker`` keeps the counts and says when a
progress line (and an updated index) is due: every ``every`` finished briefs or ``seconds``
seconds, whichever comes first.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Tracker:
    total: int
    every: int = 0  # 0: a twentieth of the run (at least 10, so a short run is not doubled in the log)
    seconds: float = 30.0
    clock: Callable[[], float] = time.monotonic
    done: int = 0
    failed: int = 0
    started: float = field(default=0.0)
    last_report: float = field(default=0.0)
    last_count: int = 0

    def __post_init__(self) -> None:
        self.every = self.every or max(10, self.total // 20)
        self.started = self.last_report = self.clock()

    def add(self, status: str) -> bool:
        """Count one finished brief; True when a progress report is due."""
        self.done += 1
        self.failed += status == "failed"
        now = self.clock()
        due = (self.done - self.last_count >= self.every or now - self.last_report >= self.seconds
               or self.done == self.total)
        if due:
            self.last_report, self.last_count = now, self.done
        return due

    @property
    def rate(self) -> float:
        """Briefs per second since the run started."""
        elapsed = self.clock() - self.started
        return self.done / elapsed if elapsed > 0 else 0.0

    @property
    def eta_s(self) -> float | None:
        """Seconds left at the rate so far (None before the first brief)."""
        return (self.total - self.done) / self.rate if self.rate > 0 else None

    def line(self) -> str:
        eta = self.eta_s
        left = "done" if self.done >= self.total else "ETA unknown" if eta is None else f"ETA {_duration(eta)}"
        return (f"progress {self.done:,}/{self.total:,} ({self.done / max(self.total, 1):.0%}), "
                f"{self.rate:.2f} briefs/s, {left}, {self.failed:,} failed so far")


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours} h {minutes:02d} min" if hours else f"{minutes} min {secs:02d} s" if minutes else f"{secs} s"
