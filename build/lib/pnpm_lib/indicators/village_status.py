"""Village status: Indeks Desa Membangun (IDM, Permendes PDTT 2/2016) and Indeks Pembangunan Desa (IPD 2014).

IDM = (IKS + IKE + IKL) / 3 — social, economic and ecological resilience —
rounded to 4 decimals, then classified with the Permendes thresholds:
Mandiri > 0.8155 ≥ Maju > 0.7072 ≥ Berkembang > 0.5989 ≥ Tertinggal > 0.4907 ≥
Sangat Tertinggal. (Several sites print 3-decimal cut-offs; the regulation's are
the 4-decimal ones.)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

THRESHOLDS = (0.4907, 0.5989, 0.7072, 0.8155)
STATUSES = ("Sangat Tertinggal", "Tertinggal", "Berkembang", "Maju", "Mandiri")


def idm(iks: float | pd.Series, ike: float | pd.Series, ikl: float | pd.Series):
    """The IDM score, rounded to 4 decimals as the official calculation does before classifying."""
    return np.round((iks + ike + ikl) / 3, 4)


def status(score: float | pd.Series):
    """IDM status; upper bounds are inclusive (IDM ≤ 0.4907 is Sangat Tertinggal)."""
    return _classify(score, THRESHOLDS, STATUSES, "IDM", 1.0)


IPD_THRESHOLDS = (50.0, 75.0)
IPD_STATUSES = ("Tertinggal", "Berkembang", "Mandiri")
"""Indeks Pembangunan Desa 2014 (Bappenas/BPS, 0–100): Tertinggal ≤ 50 < Berkembang ≤ 75 < Mandiri."""


def ipd_status(score: float | pd.Series):
    """IPD 2014 status; upper bounds are inclusive (IPD 50 is Tertinggal, 75 Berkembang, 75.01 Mandiri)."""
    return _classify(score, IPD_THRESHOLDS, IPD_STATUSES, "IPD", 100.0)


def _classify(score: float | pd.Series, thresholds: tuple[float, ...], statuses: tuple[str, ...], name: str,
              top: float):
    """The status whose (inclusive) upper threshold is the first ≥ the score; a Series keeps missing as NaN."""
    if isinstance(score, pd.Series):
        codes = np.searchsorted(thresholds, score.to_numpy(), side="left")
        return pd.Series(np.array(statuses, dtype=object)[codes], index=score.index).where(score.notna())
    if not 0 <= score <= top:
        raise ValueError(f"an {name} score lies in [0, {top:g}], got {score!r}")
    return statuses[int(np.searchsorted(thresholds, score, side="left"))]
