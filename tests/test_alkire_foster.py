"""Alkire–Foster against published worked examples (OPHI book Box 5.5; R mpindex's test data)."""

from fractions import Fraction

import numpy as np
import pandas as pd
import pytest

from pnpm_lib.indicators import alkire_foster, decompose

QUARTER = {c: 0.25 for c in ("a1", "a2", "b1", "b2")}
CUT = {c: 1 for c in QUARTER}  # achievement 1 = not deprived, 0 = deprived


def _from_deprivations(**columns) -> pd.DataFrame:
    return 1 - pd.DataFrame(columns)


def test_mpindex_df_simple():
    """mpindex test data: H = 0.5, A = 0.75, M0 = 0.375; contributions 1/3, 1/6, 1/6, 1/3."""
    g0 = _from_deprivations(a1=[0, 1, 1, 0], a2=[0, 0, 1, 1], b1=[0, 0, 1, 0], b2=[0, 1, 1, 0])
    r = alkire_foster(g0, CUT, QUARTER, k=0.5)
    assert (r.H, r.A, r.M0) == (0.5, 0.75, 0.375)
    assert r.contributions.to_dict() == pytest.approx({"a1": 1 / 3, "a2": 1 / 6, "b1": 1 / 6, "b2": 1 / 3})
    assert r.contributions.sum() == pytest.approx(1)
    assert r.censored_headcounts["a2"] == 0.25 and r.uncensored_headcounts["a2"] == 0.5  # censoring


def test_ophi_box_5_5_same_m0_different_mix():
    """Box 5.5, k = 0.5: c = (0, .5, 1, .25) → H .5, A .75; c' = (0, .5, .5, .5) → H .75, A .5; M0 .375."""
    c = _from_deprivations(a1=[0, 1, 1, 0], a2=[0, 0, 1, 1], b1=[0, 0, 1, 0], b2=[0, 1, 1, 0])
    c2 = _from_deprivations(a1=[0, 1, 1, 0], a2=[0, 0, 1, 0], b1=[0, 0, 0, 1], b2=[0, 1, 0, 1])
    r, r2 = alkire_foster(c, CUT, QUARTER, 0.5), alkire_foster(c2, CUT, QUARTER, 0.5)
    assert r.scores.tolist() == [0, 0.5, 1, 0.25] and r2.scores.tolist() == [0, 0.5, 0.5, 0.5]
    assert (r.H, r.A, r.M0) == (0.5, 0.75, 0.375)
    assert (r2.H, r2.A, r2.M0) == (0.75, 0.5, 0.375)


def test_floating_point_tie_counts_as_poor():
    """1/6 + 1/6 = 0.3333333333333333 < (100/3)/100: deprived in exactly k must still count."""
    weights = {"h1": 1 / 6, "h2": 1 / 6, "e1": 1 / 6, "e2": 1 / 6, "l1": 1 / 6, "l2": 1 / 6}
    assert float(Fraction(1, 6) * 2) == 1 / 6 + 1 / 6 < (100 / 3) / 100
    g0 = _from_deprivations(h1=[1, 0], h2=[1, 0], e1=[0, 0], e2=[0, 0], l1=[0, 0], l2=[0, 1])
    r = alkire_foster(g0, {c: 1 for c in weights}, weights, k=(100 / 3) / 100)
    assert r.poor.tolist() == [True, False] and r.H == 0.5


def test_subgroup_decomposition_is_additive():
    g0 = _from_deprivations(a1=[0, 1, 1, 0, 1, 0], a2=[0, 0, 1, 1, 1, 0], b1=[0, 0, 1, 0, 0, 1],
                            b2=[0, 1, 1, 0, 1, 1])
    groups = pd.Series(["x", "x", "x", "y", "y", "y"])
    overall = alkire_foster(g0, CUT, QUARTER, 0.5)
    parts = decompose(g0, groups, CUT, QUARTER, 0.5)
    assert (parts["population_share"] * parts["M0"]).sum() == pytest.approx(overall.M0)
    assert parts["contribution"].sum() == pytest.approx(1)


def test_cardinal_cutoffs_are_strict_and_sample_weights_count():
    data = pd.DataFrame({"share_women": [0.2, 0.3, 0.35], "repayment": [0.95, 0.7, 0.9]})
    cut, w = {"share_women": 0.3, "repayment": 0.9}, {"share_women": 0.5, "repayment": 0.5}
    r = alkire_foster(data, cut, w, k=0.5)
    assert r.scores.tolist() == [0.5, 0.5, 0.0]  # exactly at the cutoff is not deprived
    weighted = alkire_foster(data, cut, w, k=0.5, sample_weights=pd.Series([1.0, 1.0, 2.0]))
    assert weighted.H == 0.5


@pytest.mark.parametrize("kwargs, message", [
    ({"cutoffs": {"nope": 1}, "weights": {"nope": 1}}, "not in the data"),
    ({"weights": {"a1": -0.25, "a2": 0.75, "b1": 0.25, "b2": 0.25}}, "≥ 0"),
    ({"k": 0}, "k must lie in"),
    ({"k": 1.5}, "k must lie in"),
    ({"weights": {"a1": 0.5, "a2": 0.5, "b1": 0.5, "b2": 0.5}}, "sum to 1"),
])
def test_bad_arguments_raise_value_error(kwargs, message):
    g0 = _from_deprivations(a1=[0, 1], a2=[0, 1], b1=[0, 1], b2=[0, 1])
    args = {"cutoffs": CUT, "weights": QUARTER, "k": 0.5} | kwargs
    with pytest.raises(ValueError, match=message):
        alkire_foster(g0, **args)


# Hand-worked gap example: four people, four cardinal dimensions, equal weights, poor if deprived in 2 of 4
# (k = 1/2). Cutoffs z = (13, 12, 3, 1); person 2 is deprived in dimensions 2 and 4, person 3 in all four,
# persons 1 and 4 in at most one (not poor).
GAP_Y = pd.DataFrame({"income": [13.1, 15.2, 12.5, 20], "school": [14, 7, 10, 11],
                      "food": [4, 5, 1, 3], "health": [1, 0, 0, 1]}, dtype=float)
GAP_Z = {"income": 13, "school": 12, "food": 3, "health": 1}
GAP_W = {c: 0.25 for c in GAP_Z}


def test_gap_measures_hand_worked():
    """Censored gaps: person 2 → (0, 5/12, 0, 1); person 3 → (0.5/13, 2/12, 2/3, 1); n·d = 16.

    M1 = (5/12 + 1 + 0.5/13 + 2/12 + 2/3 + 1)/16; M2 the same with each gap squared.
    """
    r = alkire_foster(GAP_Y, GAP_Z, GAP_W, k=0.5, cardinal=True)
    g = [5 / 12, 1, 0.5 / 13, 2 / 12, 2 / 3, 1]
    assert (r.H, r.A, r.M0) == (0.5, 0.75, 0.375)
    assert r.M1 == pytest.approx(sum(g) / 16, rel=1e-12)
    assert r.M2 == pytest.approx(sum(v * v for v in g) / 16, rel=1e-12)
    assert r.M1 == pytest.approx(r.H * r.A * r.G) and r.M2 == pytest.approx(r.H * r.A * r.S)
    assert r.M2 < r.M1 < r.M0  # gaps ≤ 1: each measure is at most the one before
    # contributions of each dimension to M1: its censored gaps over the total
    by_dim = {"income": 0.5 / 13, "school": 5 / 12 + 2 / 12, "food": 2 / 3, "health": 2.0}
    assert r.contributions_M1.to_dict() == pytest.approx({c: v / sum(g) for c, v in by_dim.items()})
    assert r.contributions_M2.sum() == pytest.approx(1)


def test_gap_measures_match_a_loop_over_people_with_sample_weights():
    """A second computation: a plain loop over people and dimensions, with unequal weights everywhere."""
    rng = np.random.default_rng(5)
    y = pd.DataFrame(rng.uniform(0, 2, (60, 3)), columns=["a", "b", "c"])
    z, w, k = {"a": 1.0, "b": 0.8, "c": 1.2}, {"a": 0.5, "b": 0.3, "c": 0.2}, 0.45
    sw = pd.Series(rng.uniform(0.5, 3, 60))
    r = alkire_foster(y, z, w, k, sample_weights=sw, cardinal=True)
    m1 = m2 = 0.0
    for i, row in y.iterrows():
        deprived = {c: row[c] < z[c] for c in z}
        if sum(w[c] for c in z if deprived[c]) >= k - 1e-9:
            for c in z:
                if deprived[c]:
                    gap = (z[c] - row[c]) / z[c]
                    m1 += sw[i] * w[c] * gap
                    m2 += sw[i] * w[c] * gap**2
    assert r.M1 == pytest.approx(m1 / sw.sum(), rel=1e-12)
    assert r.M2 == pytest.approx(m2 / sw.sum(), rel=1e-12)


def test_gap_measures_refuse_what_has_no_gap():
    assert alkire_foster(GAP_Y, GAP_Z, GAP_W, k=0.5).M1 is None  # ordinal by default: M0 only
    with pytest.raises(ValueError, match="cutoffs > 0"):
        alkire_foster(GAP_Y, {**GAP_Z, "health": 0}, GAP_W, k=0.5, cardinal=True)
    with pytest.raises(ValueError, match="achievements ≥ 0.*income"):
        alkire_foster(GAP_Y.assign(income=[-1, 15, 12, 20]), GAP_Z, GAP_W, k=0.5, cardinal=True)
