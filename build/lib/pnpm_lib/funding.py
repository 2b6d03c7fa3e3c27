"""PNPM Perdesaan funding rules as code: BLM allocation, DUB/DDUB split, SPP eligibility and loans, MAD.

Sources (pnpm-facts §1.4–1.5, all R2): the PTO's BLM table by number of desa
tertinggal (USU thesis quoting the PTO); the TA 2012 APBN/APBD split by fiscal
capacity (IFKD); SPP rules from a thesis quoting the 2008 PTO; the tie-break of
a competitive allocation by SPP repayment rate (Kediri MAK, 2013). Where a
source stops, the code raises instead of guessing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from pnpm_lib.errors import PnpmError

SOURCE_BLM = "PTO table quoted in a USU thesis (pnpm-facts §1.5), R2"
BLM_BY_DESA_TERTINGGAL = {3: 1.00, 4: 1.25, 5: 1.50, 6: 1.50, 7: 1.75, 8: 2.00, 9: 2.25, 10: 2.50, 11: 2.75,
                          12: 3.00}
"""BLM per kecamatan in Rp billion by number of desa tertinggal (lagging villages)."""

SOURCE_SPLIT = "TA 2012 cost-sharing, pnpm-kabmojokerto (pnpm-facts §1.5), R2"
DDUB_SHARE = {"rendah": 0.05, "sedang": 0.10, "tinggi": 0.15, "sangat tinggi": 0.20}
"""Share of BLM paid by the kabupaten (DDUB, APBD) by fiscal-capacity class (IFKD); the rest is DUB (APBN)."""


class FundingError(PnpmError, ValueError):
    """A funding question the rules do not answer (outside the table, unknown class, bad amounts)."""


def blm_allocation(desa_tertinggal: int) -> float:
    """BLM (Rp billion) of a kecamatan with ``desa_tertinggal`` lagging villages, from the PTO table.

    The table covers 3 to 12; below 3 the PTO allocates by poverty ratio and
    population (tables not readable in the source), above 12 it is not given.
    Both raise instead of extrapolating.
    """
    if isinstance(desa_tertinggal, bool) or not isinstance(desa_tertinggal, int):
        raise FundingError(f"number of desa tertinggal must be a whole number, got {desa_tertinggal!r}")
    if desa_tertinggal not in BLM_BY_DESA_TERTINGGAL:
        low, high = min(BLM_BY_DESA_TERTINGGAL), max(BLM_BY_DESA_TERTINGGAL)
        why = ("kecamatan with fewer are allocated by poverty ratio and population (Java and off-Java "
               "tables), which the source does not show" if desa_tertinggal < low else "the table stops there")
        raise FundingError(f"the PTO table covers {low}–{high} desa tertinggal, got {desa_tertinggal}: {why}")
    return BLM_BY_DESA_TERTINGGAL[desa_tertinggal]


@dataclass(frozen=True)
class Split:
    dub: float  # APBN share, Rp
    ddub: float  # APBD share, Rp
    ddub_share: float


def dub_ddub(blm_rp: float, fiscal_capacity: str) -> Split:
    """Split a BLM between APBN (DUB) and the kabupaten's APBD (DDUB) by its fiscal-capacity class."""
    key = fiscal_capacity.strip().lower()
    if key not in DDUB_SHARE:
        raise FundingError(f"unknown fiscal-capacity class {fiscal_capacity!r}; valid: {', '.join(DDUB_SHARE)}")
    if blm_rp < 0:
        raise FundingError(f"BLM must not be negative, got {blm_rp}")
    share = DDUB_SHARE[key]
    return Split(dub=blm_rp * (1 - share), ddub=blm_rp * share, ddub_share=share)


@dataclass(frozen=True)
class Eligibility:
    eligible: bool
    reasons: tuple[str, ...]  # rule keys that failed: group_age, term, arrears


SPP_MIN_GROUP_MONTHS = 12
SPP_MAX_TERM_MONTHS = 12


def spp_eligible(group_age_months: int, term_months: int, arrears: bool) -> Eligibility:
    """SPP rules (2008 PTO): group at least one year old, loan term at most 12 months, no arrears."""
    reasons = []
    if group_age_months < SPP_MIN_GROUP_MONTHS:
        reasons.append("group_age")
    if not 1 <= term_months <= SPP_MAX_TERM_MONTHS:
        reasons.append("term")
    if arrears:
        reasons.append("arrears")
    return Eligibility(not reasons, tuple(reasons))


def repayment_schedule(principal: float, monthly_rate: float, months: int, method: str = "flat") -> pd.DataFrame:
    """Monthly instalments of an SPP loan; ``method`` "flat" (jasa on the original principal) or "declining".

    Declining balance charges jasa on what is still owed, with equal principal
    parts; flat charges the same jasa every month, so it costs more for the same rate.
    """
    if principal <= 0 or monthly_rate < 0 or not 1 <= months <= SPP_MAX_TERM_MONTHS:
        raise FundingError(f"need principal > 0, rate ≥ 0 and 1–{SPP_MAX_TERM_MONTHS} months; got "
                           f"{principal}, {monthly_rate}, {months}")
    if method not in ("flat", "declining"):
        raise FundingError(f"method must be 'flat' or 'declining', got {method!r}")
    part = principal / months
    rows, owed = [], principal
    for month in range(1, months + 1):
        jasa = principal * monthly_rate if method == "flat" else owed * monthly_rate
        rows.append({"month": month, "principal": part, "jasa": jasa, "instalment": part + jasa,
                     "balance": owed - part})
        owed -= part
    table = pd.DataFrame(rows)
    table["balance"] = table["balance"].clip(lower=0).round(6)
    return table


@dataclass(frozen=True)
class Proposal:
    village: str
    cost: float  # Rp
    score: float  # the MAD's ranking score (higher first)
    spp_repayment: float = 0.0  # the village's SPP repayment rate, for ties


@dataclass
class Allocation:
    funded: list[Proposal] = field(default_factory=list)
    not_funded: dict[str, float] = field(default_factory=dict)  # village → money left when its turn came
    remaining: float = 0.0


def mad_allocation(blm_rp: float, proposals: Sequence[Proposal]) -> Allocation:
    """MAD Penetapan Usulan: fund proposals in rank order while the money lasts.

    Rank by score, ties by the village's SPP repayment rate (pnpm-facts §1.4).
    A proposal that no longer fits is skipped and a cheaper one further down
    may still be funded (the MAD funds what fits, it does not stop at the first
    that does not); each unfunded proposal records the money left at its turn.
    """
    names = [p.village for p in proposals]
    if len(set(names)) != len(names):
        raise FundingError("each village may appear once in the ranking")
    if any(p.cost <= 0 for p in proposals):
        raise FundingError("every proposal needs a positive cost")
    ranked = sorted(proposals, key=lambda p: (-p.score, -p.spp_repayment))
    out = Allocation(remaining=blm_rp)
    for p in ranked:
        if p.cost <= out.remaining:
            out.funded.append(p)
            out.remaining -= p.cost
        else:
            out.not_funded[p.village] = out.remaining
    return out
