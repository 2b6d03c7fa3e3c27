"""Checked workshop exercises: a participant's answer against the truth computed by the library.

Each exercise is data: the true answer comes from ``pnpm_lib`` (never typed in
by hand), with the kind of answer it expects. ``check`` reads what people
actually type — ``2,25`` for 2.25, ``Rp 1.500.000``, ``mkp``, ``ya`` or
``salah``, ``Sukamaju, Mekarsari dan Cibodas`` — and answers with a format hint
when it cannot read the answer, a content hint when it is wrong, and never the
answer itself. A notebook cell is just ``check("blm_9", answer, lang)``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from typing import Any

from pnpm_lib import datasets, funding, program
from pnpm_lib.i18n import check_lang, t

KINDS = ("number", "name", "yesno", "names")


@dataclass(frozen=True)
class Exercise:
    key: str
    kind: str  # what the answer is: number, name, yesno or names (a list of names)
    answer: Callable[[], Any]  # the truth, from the library: a number, yes/no, a name or names (by kind)
    tolerance: float = 1e-9  # relative, for numbers
    also: tuple[str, ...] = field(default_factory=tuple)  # other accepted spellings of a name


MAD_EXAMPLE = [
    funding.Proposal("Sukamaju", 600_000_000, 85, 0.97), funding.Proposal("Mekarsari", 500_000_000, 85, 0.92),
    funding.Proposal("Tanjung", 450_000_000, 78, 0.99), funding.Proposal("Cibodas", 350_000_000, 70, 0.88),
    funding.Proposal("Karanganyar", 250_000_000, 65, 0.95),
]
"""The MAD exercise's proposals (illustrative villages, not programme data)."""
MAD_BLM = 1_500_000_000


def _poverty_drop() -> float:
    """Percentage points the national rate fell from March 2007 to March 2014 (BPS, shipped data)."""
    rates = datasets.national_poverty().set_index("period")["poverty_rate_pct"]
    return float(rates["2007-03"] - rates["2014-03"])


def _largest_component() -> str:
    counted = [c for c in program.COMPONENTS if c.kecamatan_2012 is not None]
    return max(counted, key=lambda c: c.kecamatan_2012 or 0).name


EXERCISES = {e.key: e for e in (
    Exercise("goals_count", "number", lambda: len(program.SPECIFIC_GOALS)),
    Exercise("largest_component", "name", _largest_component, also=("Perdesaan", "PNPM Perdesaan")),
    Exercise("poverty_drop", "number", _poverty_drop, tolerance=0.01),
    Exercise("cycle_women_only", "name", lambda: "MKP", also=("Musyawarah Khusus Perempuan",)),
    Exercise("cycle_representatives", "number", lambda: 6),
    Exercise("blm_9", "number", lambda: funding.blm_allocation(9)),
    Exercise("ddub_sedang", "number", lambda: funding.dub_ddub(2_000_000_000, "sedang").ddub, 1e-6),
    Exercise("spp_young_group", "yesno", lambda: funding.spp_eligible(8, 10, False).eligible),
    Exercise("jasa_flat", "number",
             lambda: float(funding.repayment_schedule(6_000_000, 0.015, 10, "flat")["jasa"].sum()), 1e-6),
    Exercise("mad_funded", "names", lambda: [p.village for p in funding.mad_allocation(MAD_BLM, MAD_EXAMPLE).funded]),
    Exercise("mad_left", "number", lambda: funding.mad_allocation(MAD_BLM, MAD_EXAMPLE).remaining),
)}


@dataclass(frozen=True)
class Verdict:
    key: str
    outcome: str  # right, wrong (content hint), format (cannot read the answer), empty
    message: str

    @property
    def correct(self) -> bool:
        return self.outcome == "right"

    def __bool__(self) -> bool:
        return self.correct

    def _repr_html_(self) -> str:
        colour = {"right": "#1b7f5b", "empty": "#52606d"}.get(self.outcome, "#b00020")
        return f'<p style="border-left:4px solid {colour};padding-left:.6rem">{escape(self.message)}</p>'

    def __repr__(self) -> str:
        return self.message


class Unreadable(ValueError):
    """The answer's form is not what the exercise expects (a format problem, not a wrong answer)."""


def check(key: str, answer: object, lang: str = "id") -> Verdict:
    """Compare ``answer`` with the library's truth; hints say what to fix, never the answer."""
    check_lang(lang)
    if key not in EXERCISES:
        raise KeyError(f"unknown exercise {key!r}; known: {', '.join(EXERCISES)}")
    exercise = EXERCISES[key]
    if answer is None or answer is Ellipsis or (isinstance(answer, str) and not answer.strip()):
        return Verdict(key, "empty", t("exercise.empty", lang))
    try:
        correct = _same(exercise, answer, lang)
    except Unreadable:
        return Verdict(key, "format", t(f"exercise.format.{exercise.kind}", lang))
    if correct:
        return Verdict(key, "right", t("exercise.right", lang))
    return Verdict(key, "wrong", t("exercise.wrong", lang, hint=t(f"exercise.{key}.hint", lang)))


def _same(exercise: Exercise, given: object, lang: str) -> bool:
    truth = exercise.answer()
    if exercise.kind == "number":
        return math.isclose(read_number(given, lang), float(truth), rel_tol=exercise.tolerance, abs_tol=1e-9)
    if exercise.kind == "yesno":
        return read_yesno(given) is truth
    if exercise.kind == "names":
        return {_name(g) for g in read_names(given)} == {_name(v) for v in truth}
    return _name(_text(given)) in {_name(v) for v in (str(truth), *exercise.also)}


def _text(given: object) -> str:
    if not isinstance(given, str):
        raise Unreadable(given)
    return given


def _name(text: str) -> str:
    """A name as compared: case, spacing and surrounding punctuation do not matter."""
    return " ".join(re.sub(r"[^\w\s/-]", " ", str(text)).split()).casefold()


NUMBER = re.compile(r"^[+-]?\d[\d.,]*$")


def read_number(given: object, lang: str = "id") -> float:
    """A number as typed: ``2,25``, ``2.25``, ``Rp 1.500.000``, ``1,500,000``, ``150 juta`` is refused.

    With both marks the last one is the decimal mark. With one mark used once and
    followed by exactly three digits it is the thousands mark of the page's
    locale (``1.500`` is 1500 in Indonesian, ``1,500`` is 1500 in English);
    otherwise a single mark is the decimal mark.
    """
    if isinstance(given, bool):
        raise Unreadable(given)
    if isinstance(given, (int, float)):
        return float(given)
    text = re.sub(r"\s+", "", _text(given)).removeprefix("Rp").removeprefix("rp").rstrip("%")
    if not NUMBER.match(text):
        raise Unreadable(given)
    dots, commas = text.count("."), text.count(",")
    if dots and commas:
        decimal_mark = "." if text.rfind(".") > text.rfind(",") else ","
    elif dots + commas == 0:
        decimal_mark = "."
    else:
        mark = "." if dots else ","
        groups = text.split(mark)
        thousands_mark = "." if lang == "id" else ","
        looks_grouped = all(len(g) == 3 for g in groups[1:])
        if dots + commas > 1 or (looks_grouped and mark == thousands_mark):
            if not looks_grouped:
                raise Unreadable(given)
            return float(text.replace(mark, ""))
        decimal_mark = mark
    other = "," if decimal_mark == "." else "."
    return float(text.replace(other, "").replace(decimal_mark, "."))


YES = {"ya", "iya", "benar", "boleh", "bisa", "true", "yes", "y", "correct", "allowed"}
NO = {"tidak", "tak", "bukan", "salah", "tidak boleh", "tidak bisa", "false", "no", "n", "not allowed"}


def read_yesno(given: object) -> bool:
    """``True``/``False``, or a yes/no word in Indonesian or English."""
    if isinstance(given, bool):
        return given
    word = _name(_text(given))
    if word in YES:
        return True
    if word in NO:
        return False
    raise Unreadable(given)


def read_names(given: object) -> list[str]:
    """A list of names, or one string separated by commas, semicolons, "dan"/"and" or new lines."""
    if isinstance(given, (list, tuple, set)):
        return [str(g) for g in given]
    parts = re.split(r"[,;\n]|\s+(?:dan|and|&)\s+", _text(given))
    names = [p.strip() for p in parts if p.strip()]
    if not names:
        raise Unreadable(given)
    return names
