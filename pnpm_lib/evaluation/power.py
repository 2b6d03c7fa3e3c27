"""Power and minimum detectable effect (MDE) for cluster-assigned designs.

For J clusters of (mean) size m, a share P treated, ICC ρ and outcome SD σ
(J-PAL; Bloom 2005; Duflo, Glennerster & Kremer 2007):

    MDE = (t[1−α/2] + t[power]) · σ · sqrt(V / (P(1−P)·J·m)) / take_up,   df = J − 2
    V   = (1−ρ)(1−R²ᵢ) + ρ(1−R²c)·m·(1 + CV²)

V is the design effect 1 + (m−1)ρ, widened for unequal cluster sizes by the
coefficient of variation CV of cluster sizes (Eldridge, Ashby & Kerry 2006) and
shrunk by the variance covariates explain at each level. With a baseline of the
outcome and ANCOVA the variance is multiplied by 1 − r², r the outcome's
autocorrelation (McKenzie 2012). Imperfect take-up divides the detectable
effect on participants by the take-up difference. statsmodels'
``TTestIndPower`` has no cluster argument, hence this module; with ρ = 0 and
m = 1 it agrees with statsmodels to within the normal-vs-noncentral-t
approximation (tests).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
from scipy import stats

from pnpm_lib.errors import EvaluationError


@dataclass(frozen=True)
class Design:
    """A clustered two-arm design; ``clusters`` counts both arms."""

    clusters: int
    cluster_size: float
    icc: float
    sd: float = 1.0
    share_treated: float = 0.5
    alpha: float = 0.05
    power: float = 0.8
    r2_cluster: float = 0.0
    r2_individual: float = 0.0
    cv_cluster_size: float = 0.0
    take_up: float = 1.0
    autocorrelation: float | None = None

    def __post_init__(self) -> None:
        checks = {
            "clusters": self.clusters >= 3, "cluster_size": self.cluster_size >= 1,
            "icc": 0 <= self.icc < 1, "sd": self.sd > 0, "share_treated": 0 < self.share_treated < 1,
            "alpha": 0 < self.alpha < 1, "power": 0 < self.power < 1,
            "r2_cluster": 0 <= self.r2_cluster < 1, "r2_individual": 0 <= self.r2_individual < 1,
            "cv_cluster_size": self.cv_cluster_size >= 0, "take_up": 0 < self.take_up <= 1,
            "autocorrelation": self.autocorrelation is None or -1 < self.autocorrelation < 1,
        }
        bad = [name for name, ok in checks.items() if not ok]
        if bad:
            raise EvaluationError(
                "power design: invalid " + ", ".join(f"{b}={getattr(self, b)!r}" for b in bad)
                + " (clusters ≥ 3, cluster_size ≥ 1, 0 ≤ icc < 1, sd > 0, 0 < share_treated < 1, "
                "0 < alpha, power < 1, 0 ≤ R² < 1, cv ≥ 0, 0 < take_up ≤ 1, −1 < autocorrelation < 1)"
            )


def design_effect(cluster_size: float, icc: float, cv_cluster_size: float = 0.0) -> float:
    """1 + ρ[(m − 1) + m·CV²]: how many times the variance of a simple random sample."""
    return 1 + icc * ((cluster_size - 1) + cluster_size * cv_cluster_size**2)


def _se_factor(d: Design) -> float:
    """SE of the treatment-control difference, before critical values and take-up."""
    m = d.cluster_size
    v = (1 - d.icc) * (1 - d.r2_individual) + d.icc * (1 - d.r2_cluster) * m * (1 + d.cv_cluster_size**2)
    if d.autocorrelation is not None:
        v *= 1 - d.autocorrelation**2
    return d.sd * np.sqrt(v / (d.share_treated * (1 - d.share_treated) * d.clusters * m))


def mde(d: Design) -> float:
    """Minimum detectable effect in the outcome's units (σ = 1 gives it in SDs)."""
    df = d.clusters - 2
    multiplier = stats.t.ppf(1 - d.alpha / 2, df) + stats.t.ppf(d.power, df)
    return float(multiplier * _se_factor(d) / d.take_up)


def mde_of_estimate(se: float, clusters: int, alpha: float = 0.05, power: float = 0.8) -> float:
    """The MDE of the design that was estimated (ex post): (t[1−α/2] + t[power]) · SE, df = G − 1.

    It reads the estimate's own clustered SE, so it carries everything the design did — the DiD's baseline,
    the weights, the actual cluster sizes and ICC — where :func:`mde` (ex ante, for planning) rebuilds an SE
    from a cross-section's ICC and SD and overstated it several times for a DiD (Bloom 1995; McKenzie 2012).
    Assumes the SE is right for the design (CRV1, t(G−1)) and the effect would not change it. With so few
    clusters that no wild-bootstrap test can reject at ``alpha`` (G ≤ 5 at 5%) nothing is detectable: ∞.
    """
    from pnpm_lib.evaluation.bootstrap import can_reject

    if not (np.isfinite(se) and se > 0) or clusters < 2 or not can_reject(clusters, alpha):
        return float("inf")
    df = clusters - 1
    return float((stats.t.ppf(1 - alpha / 2, df) + stats.t.ppf(power, df)) * se)


def power(d: Design, effect: float) -> float:
    """Probability of rejecting no effect at ``d.alpha`` when the true effect is ``effect``."""
    df = d.clusters - 2
    z = abs(effect) * d.take_up / _se_factor(d) - stats.t.ppf(1 - d.alpha / 2, df)
    return float(stats.t.cdf(z, df))


def clusters_needed(d: Design, effect: float, limit: int = 1_000_000) -> int:
    """Fewest total clusters (both arms) whose MDE is at most ``effect``."""
    if effect == 0:
        raise EvaluationError("clusters_needed: a zero effect can never be detected")
    if mde(replace(d, clusters=limit)) > abs(effect):
        raise EvaluationError(f"clusters_needed: not reachable with {limit:,} clusters — the ICC bounds "
                              "the MDE however many units each cluster has; raise effect or take-up")
    lo, hi = 3, limit
    while lo < hi:  # MDE falls monotonically in J
        mid = (lo + hi) // 2
        lo, hi = (mid + 1, hi) if mde(replace(d, clusters=mid)) > abs(effect) else (lo, mid)
    return lo


def icc(data: pd.DataFrame, outcome: str, cluster: str) -> float:
    """One-way ANOVA estimate of the intra-cluster correlation, truncated at 0."""
    frame = data[[outcome, cluster]].dropna()
    groups = frame.groupby(cluster)[outcome]
    n_j, means = groups.size(), groups.mean()
    n, j = len(frame), len(n_j)
    if j < 2 or n <= j:
        raise EvaluationError(f"icc: need ≥ 2 clusters and more rows than clusters (have {j}, {n})")
    grand = frame[outcome].mean()
    msb = float((n_j * (means - grand) ** 2).sum() / (j - 1))
    msw = float(((frame[outcome] - frame[cluster].map(means)) ** 2).sum() / (n - j))
    m0 = (n - (n_j**2).sum() / n) / (j - 1)
    return max(0.0, (msb - msw) / (msb + (m0 - 1) * msw))


def cluster_size_cv(data: pd.DataFrame, cluster: str) -> float:
    """Coefficient of variation of cluster sizes, for the unequal-size design effect."""
    sizes = data.groupby(cluster).size()
    return float(sizes.std(ddof=0) / sizes.mean())
