"""Checked workshop exercises: a participant's answer against the rule in ``pnpm_lib.funding``.

Each exercise is data: its question, the true answer computed by the
library (never typed in by hand), a tolerance and a hint. ``check`` returns a
verdict that Jupyter shows as a short bilingual message, so a notebook cell is
just ``check("blm_9", 2.25)``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from pnpm_lib import funding
from pnpm_lib.i18n import check_lang, t


@dataclass(frozen=True)
class Exercise:
    key: str
    answer: Callable[[], object]  # the truth, from the library
    tolerance: float = 0.0  # relative, for numbers


EXERCISES = {e.key: e for e in (
    Exercise("cycle_women_only", lambda: "MKP"),
    Exercise("cycle_representatives", lambda: 6, 0),
    Exercise("blm_9", lambda: funding.blm_allocation(9), 1e-9),
    Exercise("ddub_sedang", lambda: funding.dub_ddub(2_000_000_000, "sedang").ddub, 1e-6),
    Exercise("spp_young_group", lambda: funding.spp_eligible(8, 10, False).eligible),
    Exercise("jasa_flat", lambda: float(funding.repayment_schedule(6_000_000, 0.015, 10, "flat")["jasa"].sum()), 1e-6),
    Exercise("mad_funded", lambda: sorted(p.village for p in funding.mad_allocation(
        1_500_000_000, MAD_EXAMPLE).funded)),
    Exercise("mad_left", lambda: funding.mad_allocation(1_500_000_000, MAD_EXAMPLE).remaining, 1e-9),
)}

MAD_EXAMPLE = [
    funding.Proposal("Sukamaju", 600_000_000, 85, 0.97), funding.Proposal("Mekarsari", 500_000_000, 85, 0.92),
    funding.Proposal("Tanjung", 450_000_000, 78, 0.99), funding.Proposal("Cibodas", 350_000_000, 70, 0.88),
    funding.Proposal("Karanganyar", 250_000_000, 65, 0.95),
]
"""The MAD exercise's proposals (illustrative villages, not programme data)."""


@dataclass(frozen=True)
class Verdict:
    key: str
    correct: bool
    message: str

    def __bool__(self) -> bool:
        return self.correct

    def _repr_html_(self) -> str:
        colour = "#1b7f5b" if self.correct else "#b00020"
        return f'<p style="border-left:4px solid {colour};padding-left:.6rem">{escape(self.message)}</p>'


def check(key: str, answer: object, lang: str = "id") -> Verdict:
    """Compare ``answer`` with the library's; a wrong answer gets the exercise's hint, never the answer."""
    check_lang(lang)
    if key not in EXERCISES:
        raise KeyError(f"unknown exercise {key!r}; known: {', '.join(EXERCISES)}")
    exercise = EXERCISES[key]
    if answer is None or answer is Ellipsis:
        return Verdict(key, False, t("exercise.empty", lang))
    correct = _same(answer, exercise.answer(), exercise.tolerance)
    message = t("exercise.right", lang) if correct else t("exercise.wrong", lang, hint=t(f"exercise.{key}.hint", lang))
    return Verdict(key, correct, message)


def _same(given: object, truth: object, tolerance: float) -> bool:
    if isinstance(truth, bool) or isinstance(given, bool):
        return given is truth
    if isinstance(truth, (int, float)):
        try:
            return math.isclose(float(given), float(truth), rel_tol=tolerance, abs_tol=1e-9)
        except (TypeError, ValueError):
            return False
    if isinstance(truth, list):
        return isinstance(given, (list, tuple, set)) and sorted(map(str, given)) == truth
    if isinstance(truth, str):  # a programme term: case and spacing do not matter
        return isinstance(given, str) and given.strip().upper().startswith(truth.upper())
    return given == truth
