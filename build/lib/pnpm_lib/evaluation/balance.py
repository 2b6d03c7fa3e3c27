"""Balance table in the layout of DIME's ``iebaltab``.

For each baseline variable: N, mean and clustered SE per arm; the difference
(treatment − comparison) from ``var ~ treatment`` with CRV1 SEs at the
assignment unit; its p-value; and the normalized difference
``diff / sqrt((var_c + var_t) / 2)`` (Imbens & Rubin's rule of thumb: |nd| > 0.25
is worrying). A joint F-test regresses the treatment dummy on all variables.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pnpm_lib.evaluation.estimate import (
    analysis_sample,
    check_clusters,
    check_variation,
    coefficient,
    fit,
    joint_test,
    mean,
    require_columns,
)


@dataclass(frozen=True)
class BalanceTable:
    """``table`` has one row per variable; the joint test is over complete cases."""

    table: pd.DataFrame
    f_stat: float
    f_p_value: float
    f_n: int
    clusters: int
    cluster: str
    weighted: bool


def balance_table(
    data: pd.DataFrame,
    variables: Sequence[str],
    treatment: str = "treated",
    cluster: str = "kecamatan_code",
    weights: str | None = None,
) -> BalanceTable:
    """Compare arms on ``variables`` (each on its own non-missing rows, as iebaltab does)."""
    require_columns(data, [*variables, treatment, cluster, *([weights] if weights else [])], "balance table")
    clusters = check_clusters(data, cluster, "balance table")
    check_variation(data, treatment, "balance table")
    rows = []
    for var in variables:
        used = analysis_sample(data, [var, treatment, cluster, *([weights] if weights else [])], var)
        arms = {arm: used[used[treatment] == arm] for arm in (0, 1)}
        stats = {arm: mean(frame, var, cluster, weights) for arm, frame in arms.items()}
        diff = coefficient(fit(f"{var} ~ {treatment}", used, cluster, weights), treatment, "OLS, CRV1")
        sd = np.sqrt(0.5 * (arms[0][var].var() + arms[1][var].var()))
        rows.append({
            "variable": var,
            "n_control": stats[0].n, "mean_control": stats[0].estimate, "se_control": stats[0].se,
            "n_treatment": stats[1].n, "mean_treatment": stats[1].estimate, "se_treatment": stats[1].se,
            "difference": diff.estimate, "se_difference": diff.se, "p_value": diff.p_value,
            "p_value_wild": diff.p_value_wild,
            "normalized_difference": diff.estimate / sd if sd > 0 else np.nan,
            "clusters": diff.clusters,
        })
    complete = analysis_sample(data, [*variables, treatment, cluster, *([weights] if weights else [])],
                               "balance joint test")
    joint = fit(f"{treatment} ~ {' + '.join(variables)}", complete, cluster, weights)
    f_stat, f_p, _, _ = joint_test(joint, list(variables))
    return BalanceTable(pd.DataFrame(rows), f_stat, f_p, len(complete), clusters, cluster, weights is not None)
