"""Composite index steps and the Monte Carlo sensitivity, on hand-computed examples."""

import numpy as np
import pandas as pd
import pytest

from pnpm_lib.indicators.composite import (
    aggregate,
    composite,
    cronbach_alpha,
    normalise,
    oriented,
    pca_weights,
)
from pnpm_lib.indicators.sensitivity import uncertainty

DATA = pd.DataFrame({"women_share": [0.2, 0.3, 0.4], "arrears": [0.3, 0.1, 0.2]}, index=["A", "B", "C"])
DIRS = {"women_share": 1, "arrears": -1}


def test_minmax_arithmetic_by_hand():
    # women: 0, .5, 1; arrears flipped (-.3,-.1,-.2) → 0, 1, .5; equal weights → 0, .75, .75
    index = composite(DATA, DIRS)
    assert index.tolist() == pytest.approx([0, 0.75, 0.75])


def test_geometric_is_less_compensatory_than_arithmetic():
    x = pd.DataFrame({"a": [0.0, 0.5, 1.0], "b": [1.0, 0.5, 0.0]})
    w = {"a": 0.5, "b": 0.5}
    arith, geo = aggregate(x, w, "arithmetic"), aggregate(x, w, "geometric")
    assert arith.tolist() == pytest.approx([0.5, 0.5, 0.5])
    # on [1, 100]: sqrt(1·100) = 10 for the unbalanced units, 50.5 for the balanced one
    assert geo.tolist() == pytest.approx([10, 50.5, 10])


def test_missing_indicator_reweights_or_drops_by_coverage():
    x = pd.DataFrame({"a": [1.0, np.nan], "b": [0.0, 0.5], "c": [0.5, np.nan]})
    w = {"a": 0.5, "b": 0.25, "c": 0.25}
    index = aggregate(x, w)
    assert index.iloc[0] == pytest.approx(0.625)
    assert np.isnan(index.iloc[1])  # only 25% of the weight present, below 2/3
    assert aggregate(x, w, min_coverage=0.2).iloc[1] == pytest.approx(0.5)


def test_normalisations_and_bad_choices():
    o = oriented(DATA, DIRS)
    assert normalise(o, "rank")["women_share"].tolist() == pytest.approx([1 / 3, 2 / 3, 1])
    z = normalise(o, "zscore")
    # the sample SD (COINr's n_zscore: (x − mean)/sd, R's sd has n − 1): (−1, 0, 1) for three equally spaced values
    assert z.mean().abs().max() < 1e-12 and z.std(ddof=1).tolist() == pytest.approx([1, 1])
    assert z["women_share"].tolist() == pytest.approx([-1, 0, 1])
    assert normalise(DATA[["women_share"]], "target", {"women_share": 0.3})["women_share"].tolist() == \
        pytest.approx([2 / 3, 1, 1])
    with pytest.raises(ValueError, match="unknown normalisation"):
        normalise(o, "softmax")
    with pytest.raises(ValueError, match="direction must be"):
        oriented(DATA, {"women_share": 2})
    with pytest.raises(ValueError, match="sum to 1"):
        aggregate(o, {"women_share": 0.9, "arrears": 0.9})


def test_pca_weights_equal_for_exchangeable_indicators_and_alpha_by_hand():
    rng = np.random.default_rng(0)
    f = rng.normal(size=5000)
    x = pd.DataFrame({c: f + rng.normal(size=5000) for c in "abc"})
    assert sum(pca_weights(x).values()) == pytest.approx(1)
    assert list(pca_weights(x).values()) == pytest.approx([1 / 3] * 3, abs=0.02)
    # items a, b with var 1 each and covariance 1 → total var 4: alpha = 2·(1 − 2/4) = 1
    same = pd.DataFrame({"a": [1.0, 2, 3, 4], "b": [1.0, 2, 3, 4]})
    assert cronbach_alpha(same) == pytest.approx(1)
    assert cronbach_alpha(x) == pytest.approx(3 * 0.5 / (1 + 2 * 0.5), abs=0.03)  # Spearman–Brown, r = .5


def test_uncertainty_without_noise_reproduces_the_nominal_ranking():
    rng = np.random.default_rng(2)
    data = pd.DataFrame(rng.uniform(size=(200, 4)), columns=list("abcd"))
    dirs, w = {c: 1 for c in "abcd"}, {c: 0.25 for c in "abcd"}
    fixed = uncertainty(data, dirs, w, draws=50, noise=0.0, normalisations=("minmax",), aggregations=("arithmetic",))
    assert (fixed.ranks["median_rank"] == fixed.ranks["nominal_rank"]).all() and fixed.mean_rank_shift == 0
    noisy = uncertainty(data, dirs, w, draws=300)
    r = noisy.ranks
    assert (r["rank_p05"] <= r["median_rank"]).all() and (r["median_rank"] <= r["rank_p95"]).all()
    assert noisy.mean_rank_shift > 0


def test_a_dominant_unit_ranks_first_in_every_draw():
    data = pd.DataFrame({"a": [1.0, 0.2, 0.5, 0.1], "b": [9.0, 1, 2, 3]})
    s = uncertainty(data, {"a": 1, "b": 1}, {"a": 0.5, "b": 0.5}, draws=200)
    assert s.ranks.loc[0, ["rank_p05", "median_rank", "rank_p95"]].tolist() == [1, 1, 1]


def test_uncertainty_follows_the_missing_data_rule_of_the_index():
    rng = np.random.default_rng(3)
    data = pd.DataFrame(rng.uniform(size=(50, 6)), columns=list("abcdef"))
    data.loc[0, "a"] = np.nan                  # 5/6 of the weight present: ranked
    data.loc[1, ["a", "b", "c"]] = np.nan      # 1/2 present: below 2/3, left out like the index leaves it
    equal = {c: 1 / 6 for c in data}
    result = uncertainty(data, {c: 1 for c in data}, equal, draws=50, noise=0.0,
                         normalisations=("minmax",), aggregations=("arithmetic",))
    assert 0 in result.ranks.index and 1 not in result.ranks.index
    nominal = composite(data, {c: 1 for c in data}, equal).drop(1).rank(ascending=False, method="min")
    assert (result.ranks["median_rank"] == nominal.to_numpy()).all()
