"""Disclosure control: small cells hidden, and hidden cells not recoverable from margins."""

import itertools

import numpy as np
import pandas as pd
import pytest

from pnpm_lib import disclosure
from pnpm_lib.disclosure import DisclosureError, suppress_counts


def _recoverable(result) -> list[tuple]:
    """Hidden cells that some row or column relation pins down (the only hidden one in it)."""
    hidden = result.hidden.to_numpy()
    out = []
    for i in range(hidden.shape[0]):
        if hidden[i].sum() == 1:
            out.append(("row", i))
    for j in range(hidden.shape[1]):
        if hidden[:, j].sum() == 1:
            out.append(("column", j))
    return out


def test_a_cell_below_ten_is_hidden_with_a_complement_in_its_row_and_column():
    table = pd.DataFrame({"PNPM": [3, 40, 55], "pembanding": [30, 42, 61]}, index=["a", "b", "c"])
    result = suppress_counts(table)
    assert result.primary.loc["a", "PNPM"]
    assert result.hidden.loc["a", "pembanding"] or result.hidden.loc["b", "PNPM"]
    assert _recoverable(result) == []
    assert result.display("en").set_index("").loc["a", "PNPM"] == "s"
    assert result.display("en").set_index("").loc["Total", "Total"] == "231"


def test_zero_is_shown_and_large_cells_are_untouched():
    table = pd.DataFrame({"x": [0, 25], "y": [30, 40]})
    result = suppress_counts(table)
    assert result.n_hidden == 0 and result.display("en")["x"].iloc[0] == "0"


@pytest.mark.parametrize("seed", range(30))
def test_no_hidden_cell_is_ever_recoverable_from_margins(seed):
    rng = np.random.default_rng(seed)
    table = pd.DataFrame(rng.integers(0, 25, size=(rng.integers(2, 6), rng.integers(2, 5))))
    result = suppress_counts(table, min_cell=10)
    counts = result.counts.to_numpy()
    assert (result.primary.to_numpy() == ((counts > 0) & (counts < 10))).all()
    assert _recoverable(result) == []


def test_a_small_margin_is_hidden_too():
    table = pd.DataFrame({"x": [2, 3], "y": [1, 2]})  # every cell and margin below 10
    result = suppress_counts(table)
    assert result.hidden.to_numpy().all()


@pytest.mark.parametrize("bad", [4, 0, -1, 7.5, True, "10"])
def test_threshold_below_the_floor_or_not_a_whole_number_is_refused(bad):
    with pytest.raises(DisclosureError, match="min_cell must be a whole number ≥ 5"):
        disclosure.check_min_cell(bad)


def test_means_with_small_denominators_are_suppressed():
    means = pd.Series([0.4, 0.7, 0.1], index=["a", "b", "c"])
    n = pd.Series([120, 9, 10], index=["a", "b", "c"])
    out = disclosure.suppress_small(means, n)
    assert out["a"] == 0.4 and np.isnan(out["b"]) and out["c"] == 0.1
    assert disclosure.small_cells({"treatment, 2007": 9, "comparison, 2007": 300}) == ["treatment, 2007"]


def test_fewer_than_five_kecamatan_get_no_estimate():
    assert not disclosure.can_estimate(4) and disclosure.can_estimate(5)


def test_a_frame_with_household_ids_cannot_be_published():
    with pytest.raises(DisclosureError, match="household_id"):
        disclosure.aggregate_only(pd.DataFrame({"household_id": ["1"], "x": [1]}))
    assert disclosure.aggregate_only(pd.DataFrame({"x": [1]})).shape == (1, 1)


def test_every_small_pattern_in_a_two_by_two_is_protected():
    for cells in itertools.product([0, 3, 12], repeat=4):
        result = suppress_counts(pd.DataFrame(np.array(cells).reshape(2, 2)))
        assert _recoverable(result) == [], cells


def test_secondary_suppression_hides_the_smallest_cell_beside_a_small_one():
    """A complement should cost as little information as possible: the smallest candidate, not the largest."""
    table = pd.DataFrame({"a": [3, 12, 90], "b": [50, 14, 95]}, index=["r1", "r2", "r3"])
    result = suppress_counts(table, min_cell=10)
    assert result.primary.loc["r1", "a"]
    assert result.secondary.loc["r2", "a"] and not result.secondary.loc["r3", "a"]  # 12 in column a, not 90
    assert result.secondary.loc["r1", "b"]  # the only other interior cell of row r1
    assert not result.secondary.loc["r3", "b"]


@pytest.mark.parametrize("floor_value", [5, 6, 10])
def test_the_floor_itself_is_allowed(floor_value):
    assert disclosure.check_min_cell(floor_value) == floor_value
    table = pd.DataFrame({"x": [5, 20], "y": [4, 30]})
    result = suppress_counts(table, min_cell=floor_value)
    assert result.primary.loc[0, "y"] and result.primary.loc[0, "x"] == (5 < floor_value)
