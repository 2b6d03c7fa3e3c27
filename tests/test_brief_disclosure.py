"""No suppressed count can be worked out from everything a brief prints.

Panels with small cells go through the brief's own content functions; every
count-like number the brief prints (``impact.published_counts``: visible cells
and margins of the sample table, the attrition share, the N under the chart's
bars, each outcome's N) becomes a linear equation over the four hidden
arm × survey cells. A hidden cell is recoverable when its unit vector lies in
the row space of the equations; none may be.
"""

import numpy as np
import pytest

from pnpm_lib.briefs import impact
from pnpm_lib.evaluation import data

CELLS = [("treatment", 0), ("treatment", 1), ("comparison", 0), ("comparison", 1)]


def _equations(found, chart: bool) -> np.ndarray:
    """Rows over the 4 interior cells (+ a constant column) for each printed number about them."""
    printed = impact.published_counts(found, chart)
    counts = found.households.counts
    rows_, cols_ = list(counts.index), list(counts.columns)
    arms = {rows_[0]: "treatment", rows_[1]: "comparison"}
    rows = []
    for key, value in printed.items():
        kind, *rest = key.split(":")
        vector = np.zeros(5)
        if kind == "cell":
            row, col = rest[0], ":".join(rest[1:])
            arm_rows = [arms[row]] if row in arms else ["treatment", "comparison"]
            survey_cols = [cols_.index(col)] if cols_.index(col) < 2 else [0, 1]
            for arm in arm_rows:
                for survey in survey_cols:
                    vector[CELLS.index((arm, survey))] = 1
        elif kind == "attrition":  # follow-up = (1 − attrition) × baseline, summed over arms (balanced panel)
            vector[[1, 3]] = 1
            vector[[0, 2]] = -(1 - value)
            value = 0.0
        elif kind == "chart":  # the N under each bar: the arm's follow-up cell
            vector[CELLS.index((rest[0], 1))] = 1
        elif kind == "n":
            if rest[0] != impact.HEADLINE:  # outcomes with missing values count other households
                continue
            vector[:4] = 1
        vector[4] = value
        rows.append(vector)
    return np.array(rows) if rows else np.zeros((0, 5))


def _recoverable(found, chart: bool) -> list[tuple]:
    hidden = found.households.hidden
    a = _equations(found, chart)[:, :4]
    rank = np.linalg.matrix_rank(a) if len(a) else 0
    out = []
    rows = list(hidden.index)
    for i, (arm, survey) in enumerate(CELLS):
        if not hidden.iloc[0 if arm == "treatment" else 1, survey]:
            continue
        unit = np.eye(4)[i]
        if len(a) and np.linalg.matrix_rank(np.vstack([a, unit])) == rank:
            out.append((rows[0 if arm == "treatment" else 1], survey))
    return out


def _small_panel(seed: int, keep: dict[tuple[int, int], int]):
    """A synthetic region whose arm × survey cells hold ``keep`` households (some below the minimum)."""
    full = data.load_sample(seed=seed)
    hh = full.households[full.households["province_code"] == "33"]
    parts = []
    for (treated, post), n in keep.items():
        block = hh[(hh["treated"] == treated) & (hh["post"] == post)]
        ids = block["household_id"].drop_duplicates().to_numpy()[:n]
        parts.append(block[block["household_id"].isin(ids)])
    import pandas as pd

    return data.Sample(pd.concat(parts), None, True, "test", full.rounds, seed)


@pytest.mark.parametrize("keep", [
    {(1, 0): 4, (1, 1): 1, (0, 0): 60, (0, 1): 58},  # the 4, 1 … cells the issue recovered
    {(1, 0): 3, (1, 1): 2, (0, 0): 2, (0, 1): 1},
    {(1, 0): 40, (1, 1): 38, (0, 0): 7, (0, 1): 6},
    {(1, 0): 12, (1, 1): 9, (0, 0): 30, (0, 1): 29},
    {(1, 0): 200, (1, 1): 192, (0, 0): 180, (0, 1): 3},
])
@pytest.mark.parametrize("min_cell", [5, 10])
def test_no_hidden_cell_can_be_solved_from_what_the_brief_prints(keep, min_cell):
    sample = _small_panel(2007, keep)
    where = impact.region("province", "33")
    found = impact.findings(sample, where, min_cell=min_cell)
    assert found.households.n_hidden > 0 or min(keep.values()) >= min_cell
    for chart in (False, True):
        assert _recoverable(found, chart) == []


def test_attrition_is_not_printed_beside_a_hidden_cell_because_it_would_give_the_cell_back():
    sample = _small_panel(2007, {(1, 0): 4, (1, 1): 1, (0, 0): 60, (0, 1): 58})
    found = impact.findings(sample, impact.region("province", "33"))
    assert found.households.n_hidden and "attrition" not in impact.published_counts(found, True)
    assert not any("atrisi" in c for c in impact.caveats(impact.Evidence(found.area, found, found), True, "id"))


def test_the_attack_finds_a_cell_that_only_primary_suppression_would_leave_open():
    """The solver is not toothless: without secondary suppression the margins give the small cell back."""
    sample = _small_panel(2007, {(1, 0): 4, (1, 1): 40, (0, 0): 60, (0, 1): 58})
    found = impact.findings(sample, impact.region("province", "33"))
    assert found.households.secondary.to_numpy().any()
    naive = found.households.__class__(found.households.counts, found.households.primary,
                                       found.households.secondary & False)
    leaky = impact.Findings(found.area, found.table, found.clusters, naive, found.estimable, found.reason,
                            found.suppressed, found.attrition, found.years)
    assert _recoverable(leaky, False) == [(found.households.counts.index[0], 0)]
