"""Village status in the spirit of Indonesia's Indeks Desa Membangun (IDM, Permendes PDTT 2/2016).

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
    if isinstance(score, pd.Series):
        codes = np.searchsorted(THRESHOLDS, score.to_numpy(), side="left")
        return pd.Series(np.array(STATUSES, dtype=object)[codes], index=score.index).where(score.notna())
    if not 0 <= score <= 1:
        raise ValueError(f"an IDM score lies in [0, 1], got {score!r}")
    return STATUSES[int(np.searchsorted(THRESHOLDS, score, side="left"))]
