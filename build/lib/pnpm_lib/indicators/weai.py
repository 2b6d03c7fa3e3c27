"""A WEAI-style gender view: 5DE-like empowerment score and gender parity index (IFPRI/OPHI).

Input is one row per adult with 0/1 adequacy indicators (1 = adequate) and
weights summing to 1. An adult's inadequacy score is c = Σ w_j·(1 − a_j); they
are empowered when their adequacy is at least 80%, i.e. c ≤ 0.20.

- 5DE = 1 − H_d·A_d: H_d = share disempowered, A_d = mean c among them.
- GPI, over dual-adult households (one woman, one man): a woman has parity when
  her censored score c_W(k) ≤ her partner's c_M(k) (censored: 0 if empowered).
  GPI = 1 − H_GPI·I_GPI with H_GPI = share of women without parity and I_GPI =
  mean of (c_W(k) − c_M(k)) / (1 − c_M(k)) over them.
- WEAI = 0.9·5DE(women) + 0.1·GPI.

The 1e-9 tolerance matters here too: the WEAI weights sum to 0.9999999999999999.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

EMPOWERED_MAX_INADEQUACY = 0.20
A_WEAI_WEIGHTS = {"input_decisions": 1 / 5, "asset_ownership": 2 / 15, "credit_decisions": 1 / 15,
                  "income_control": 1 / 5, "group_membership": 1 / 5, "workload": 1 / 5}
"""Abbreviated WEAI's six indicators and weights (indicators.md §2, V)."""
TOLERANCE = 1e-9


@dataclass(frozen=True)
class GenderView:
    five_de_women: float
    five_de_men: float
    disempowered_women: float  # H_d for women
    disempowered_men: float
    gpi: float
    women_without_parity: float  # H_GPI
    parity_gap: float  # I_GPI
    weai: float
    adults: int
    dual_households: int


def inadequacy(adequacy: pd.DataFrame, weights: Mapping[str, float]) -> pd.Series:
    """c_i = Σ w_j·(1 − a_j); rejects values other than 0/1 and weights that do not sum to 1."""
    columns = list(weights)
    missing = [c for c in columns if c not in adequacy]
    if missing:
        raise ValueError(f"adequacy indicators {missing} are not in the data")
    w = np.array([weights[c] for c in columns], dtype=float)
    if (w < 0).any() or abs(w.sum() - 1) > 1e-6:
        raise ValueError(f"weights must be ≥ 0 and sum to 1; they sum to {w.sum():.6g}")
    a = adequacy[columns]
    if not a.isin([0, 1]).all().all():
        raise ValueError("adequacy indicators must be 0 (inadequate) or 1 (adequate), with no blanks")
    return pd.Series((1 - a.to_numpy(dtype=float)) @ w, index=adequacy.index)


def five_de(scores: pd.Series) -> tuple[float, float]:
    """(5DE, H_d) for one group's inadequacy scores."""
    disempowered = scores > EMPOWERED_MAX_INADEQUACY + TOLERANCE
    h = float(disempowered.mean())
    a = float(scores[disempowered].mean()) if disempowered.any() else 0.0
    return 1 - h * a, h


def gender_view(adults: pd.DataFrame, weights: Mapping[str, float], household: str = "household_id",
                female: str = "female") -> GenderView:
    """5DE for women and men, GPI over dual-adult households, and WEAI (module docstring)."""
    for column in (household, female):
        if column not in adults:
            raise ValueError(f"column {column!r} is needed; columns are {list(adults.columns)}")
    c = inadequacy(adults, weights)
    is_woman = adults[female].astype(bool)
    five_w, h_w = five_de(c[is_woman])
    five_m, h_m = five_de(c[~is_woman])
    censored = c.where(c > EMPOWERED_MAX_INADEQUACY + TOLERANCE, 0.0)
    pairs = _dual_households(adults, censored, household, is_woman)
    lacking = pairs["woman"] > pairs["man"] + TOLERANCE
    h_gpi = float(lacking.mean()) if len(pairs) else float("nan")
    gap = ((pairs["woman"] - pairs["man"]) / (1 - pairs["man"]))[lacking]
    i_gpi = float(gap.mean()) if lacking.any() else 0.0
    gpi = 1 - h_gpi * i_gpi
    return GenderView(five_w, five_m, h_w, h_m, gpi, h_gpi, i_gpi, 0.9 * five_w + 0.1 * gpi,
                      len(adults), len(pairs))


def _dual_households(adults, censored, household, is_woman) -> pd.DataFrame:
    """Censored scores of the woman and the man in households with exactly one of each."""
    frame = pd.DataFrame({"household": adults[household], "woman": is_woman, "c": censored})
    counts = frame.groupby("household")["woman"].agg(["sum", "size"])
    dual = counts.index[(counts["sum"] == 1) & (counts["size"] == 2)]
    frame = frame[frame["household"].isin(dual)]
    wide = frame.pivot_table(index="household", columns="woman", values="c")
    return pd.DataFrame({"woman": wide.get(True, pd.Series(dtype=float)),
                         "man": wide.get(False, pd.Series(dtype=float))})
