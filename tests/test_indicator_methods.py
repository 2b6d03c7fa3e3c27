"""Weights, scales, pairwise aggregation, variance-based sensitivity and per-region profiles (#19).

Each method is checked against an independent source: a hand-worked example, an
analytic result (Ishigami), a second implementation (scipy's Sobol' indices, a
brute-force search over weights), or COINr's documented rule.
"""

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from pnpm_lib.indicators.composite import aggregate, composite, normalise, oriented, oriented_goalposts
from pnpm_lib.indicators.empowerment import audit, strengths_weaknesses
from pnpm_lib.indicators.framework import load_framework
from pnpm_lib.indicators.sensitivity import leave_one_out, method_sensitivity, sobol, uncertainty
from pnpm_lib.indicators.village_status import ipd_status
from pnpm_lib.indicators.weighting import benefit_of_doubt, effective_weights

# --- scales ------------------------------------------------------------------------------------------


def test_goalposts_put_two_years_on_one_scale():
    y2007 = pd.DataFrame({"share": [0.2, 0.4], "arrears": [8.0, 6.0]})
    y2014 = pd.DataFrame({"share": [0.6, 0.8], "arrears": [2.0, 1.0]})
    dirs = {"share": 1, "arrears": -1}
    posts = oriented_goalposts({"share": (0, 1), "arrears": (0, 10)}, dirs)
    assert posts == {"share": (0, 1), "arrears": (-10, 0)}
    alone = normalise(oriented(y2014, dirs), "goalposts", goalposts=posts)
    pooled = normalise(oriented(pd.concat([y2007, y2014], ignore_index=True), dirs), "goalposts", goalposts=posts)
    assert alone.to_numpy() == pytest.approx(pooled.iloc[2:].to_numpy())  # a year's score ignores the other year
    assert alone["arrears"].tolist() == pytest.approx([0.8, 0.9])  # (10 − 2)/10, lower is better
    minmax = normalise(oriented(y2014, dirs), "minmax")
    assert minmax["share"].tolist() == [0, 1]  # min–max re-scales each year: not comparable across years
    assert normalise(pd.DataFrame({"share": [-1.0, 2.0]}), "goalposts", goalposts={"share": (0, 1)})[
        "share"].tolist() == [0, 1]  # truncated at the posts (COINr n_goalposts)
    with pytest.raises(ValueError, match="missing"):
        normalise(y2014, "goalposts", goalposts={"share": (0, 1)})
    with pytest.raises(ValueError, match="low < high"):
        oriented_goalposts({"share": (1, 0)}, dirs)


# --- aggregation -------------------------------------------------------------------------------------

THREE = pd.DataFrame({"a": [1.0, 0.5, 0.0], "b": [0.0, 0.5, 1.0]}, index=list("ABC"))
W64 = {"a": 0.6, "b": 0.4}


def test_harmonic_mean_by_hand():
    # on [1, 100]: A = (100, 1) → 1/(0.6/100 + 0.4/1) = 2.463…; B = (50.5, 50.5) → 50.5
    h = aggregate(THREE, W64, "harmonic")
    assert h.tolist() == pytest.approx([1 / (0.6 / 100 + 0.4), 50.5, 1 / (0.6 + 0.4 / 100)])
    g = aggregate(THREE, W64, "geometric")
    assert (h <= g + 1e-12).all()  # harmonic ≤ geometric ≤ arithmetic (on the same 1–100 scale)


def test_copeland_follows_coinr_outranking_rule():
    """a_copeland: outranking share > 0.5 → +1, < 0.5 → −1, = 0.5 → 0; the score is the row sum."""
    # A beats B and C on a (weight 0.6): +1 +1; B beats C on a, loses to A: 0; C: −2
    assert aggregate(THREE, W64, "copeland").tolist() == [2, 0, -2]
    # equal weights: every pair splits 0.5/0.5 → all ties
    assert aggregate(THREE, {"a": 0.5, "b": 0.5}, "copeland").tolist() == [0, 0, 0]


def test_borda_is_the_weighted_share_of_units_beaten():
    # A: beats B and C on a (0.6 each) → 0.6; B: 0.4 vs A, 0.6 vs C → 0.5; C: 0.4
    assert aggregate(THREE, W64, "borda").tolist() == pytest.approx([0.6, 0.5, 0.4])
    with pytest.raises(ValueError, match="every pair"):
        aggregate(pd.DataFrame({"a": np.arange(6000.0), "b": np.arange(6000.0)}), {"a": 0.5, "b": 0.5}, "borda")


# --- benefit of the doubt and effective weights ------------------------------------------------------

FOUR = pd.DataFrame({"x": [1.0, 0.5, 0.2, 0.4], "y": [0.2, 0.5, 1.0, 0.4]}, index=list("ABCD"))


def test_benefit_of_doubt_by_hand():
    """A and C span the frontier; B = (0.5, 0.5) lies below its midpoint (0.6, 0.6): 5/6; D: 0.4/0.6."""
    bod = benefit_of_doubt(FOUR)
    assert bod.scores.tolist() == pytest.approx([1, 5 / 6, 1, 2 / 3], abs=1e-9)
    assert (bod.weights.to_numpy() @ FOUR.to_numpy().T <= 1 + 1e-9).all()  # no unit above 1 with anyone's weights
    assert bod.shares.sum(axis=1).tolist() == pytest.approx([1, 1, 1, 1])


def _brute_force(y: np.ndarray, i: int, low: float, high: float) -> float:
    """Best score of unit i over a fine grid of two-indicator weight directions, within the share bounds."""
    best = 0.0
    for angle in np.linspace(0, np.pi / 2, 20001):
        w = np.array([np.cos(angle), np.sin(angle)])
        w = w / (y @ w).max()  # scale so the best unit scores exactly 1
        part = w * y[i]
        if part.sum() > 0 and (part / part.sum() >= low - 1e-9).all() and (part / part.sum() <= high + 1e-9).all():
            best = max(best, float(part.sum()))
    return best


def test_benefit_of_doubt_with_share_bounds_matches_a_brute_force_search():
    bounds = {"x": (0.3, 0.7), "y": (0.3, 0.7)}
    bod = benefit_of_doubt(FOUR, share_bounds=bounds)
    y = FOUR.to_numpy()
    for i in range(4):
        assert bod.scores.iloc[i] == pytest.approx(_brute_force(y, i, 0.3, 0.7), abs=1e-4)
    assert (bod.shares.to_numpy() >= 0.3 - 1e-7).all() and (bod.shares.to_numpy() <= 0.7 + 1e-7).all()
    assert bod.scores["A"] < 1  # A's score leaned on x alone; a 30% floor on y costs it
    with pytest.raises(ValueError, match="≥ 0"):
        benefit_of_doubt(FOUR - 0.5)
    with pytest.raises(ValueError, match="Σ low ≤ 1"):
        benefit_of_doubt(FOUR, share_bounds={"x": (0.6, 1), "y": (0.6, 1)})


def test_effective_weights_by_hand():
    x = pd.DataFrame({"a": [0.0, 0.5, 1.0], "b": [0.2, 0.2, 0.2]})  # b does not vary: it moves no rank
    w = {"a": 0.5, "b": 0.5}
    eff = effective_weights(x, w, aggregate(x, w))
    # mean share: a 0.5·0.5 = 0.25, b 0.5·0.2 = 0.10 → 0.25/0.35, 0.10/0.35
    assert eff["mean_share"].tolist() == pytest.approx([0.25 / 0.35, 0.10 / 0.35])
    assert eff["importance"].tolist() == pytest.approx([1, 0])
    assert eff["nominal"].tolist() == [0.5, 0.5]


# --- sensitivity -------------------------------------------------------------------------------------


def _ishigami(u: np.ndarray) -> np.ndarray:
    x = -np.pi + 2 * np.pi * u
    return np.sin(x[:, 0]) + 7 * np.sin(x[:, 1]) ** 2 + 0.1 * x[:, 2] ** 4 * np.sin(x[:, 0])


def test_sobol_recovers_the_ishigami_analytic_indices():
    """Ishigami (a = 7, b = 0.1): S = (0.3139, 0.4424, 0), ST = (0.5576, 0.4424, 0.2437) (Sobol' & Levitan 1999)."""
    r = sobol(_ishigami, {"x1": 1, "x2": 1, "x3": 1}, n=4096, bootstrap=200)
    assert r.table["first"].tolist() == pytest.approx([0.3139, 0.4424, 0.0], abs=0.03)
    assert r.table["total"].tolist() == pytest.approx([0.5576, 0.4424, 0.2437], abs=0.03)
    inside = (r.table["total_low"] <= r.table["total"]) & (r.table["total"] <= r.table["total_high"])
    assert inside.all() and r.runs == 4096 * 5


def test_sobol_agrees_with_scipy_and_handles_a_group():
    """A second implementation (scipy.stats.sobol_indices); and Y = X1 + X2 + X3 where {X2, X3} is one factor."""
    ref = stats.sobol_indices(func=lambda x: _ishigami(x.T), n=4096, dists=[stats.uniform()] * 3,
                              rng=np.random.default_rng(3))
    ours = sobol(_ishigami, {"x1": 1, "x2": 1, "x3": 1}, n=4096, bootstrap=10)
    assert ours.table["first"].to_numpy() == pytest.approx(ref.first_order, abs=0.04)
    assert ours.table["total"].to_numpy() == pytest.approx(ref.total_order, abs=0.04)
    grouped = sobol(lambda u: u.sum(axis=1), {"x1": 1, "x23": 2}, n=2048, bootstrap=10)
    assert grouped.table["first"].tolist() == pytest.approx([1 / 3, 2 / 3], abs=0.02)  # additive: S = ST
    assert grouped.table["total"].tolist() == pytest.approx([1 / 3, 2 / 3], abs=0.02)


def test_method_sensitivity_finds_the_only_choice_that_matters():
    rng = np.random.default_rng(4)
    data = pd.DataFrame(rng.uniform(size=(300, 4)), columns=list("abcd"))
    dirs, w = {c: 1 for c in data}, {c: 0.25 for c in data}
    # one normalisation, one aggregation, one coverage rule, no weight noise: only "dropped" varies
    r = method_sensitivity(data, dirs, w, n=256, noise=0.0, normalisations=("minmax",),
                           aggregations=("arithmetic",), coverages=(2 / 3,), bootstrap=50)
    assert r.table.loc["dropped", "first"] == pytest.approx(1, abs=1e-9)  # f_B and f_AB(dropped) coincide
    assert r.table.loc["dropped", "total"] == pytest.approx(1, abs=0.1)  # Monte Carlo estimate of 1
    others = r.table.drop("dropped")
    assert (others["total"].abs() < 1e-9).all()  # f_AB(g) = f_A exactly for a factor that changes nothing
    assert (others["first"].abs() < 0.1).all()  # Jansen's first order: 0 up to its Monte Carlo error


def test_leave_one_out_matches_a_second_computation():
    rng = np.random.default_rng(6)
    data = pd.DataFrame(rng.uniform(size=(80, 3)), columns=["a", "b", "c"])
    dirs, w = {"a": 1, "b": -1, "c": 1}, {"a": 0.5, "b": 0.3, "c": 0.2}
    table = leave_one_out(data, dirs, w)
    nominal = composite(data, dirs, w).rank(ascending=False, method="min")
    without_b = composite(data[["a", "c"]], {"a": 1, "c": 1}, {"a": 0.5 / 0.7, "c": 0.2 / 0.7})
    shift = (without_b.rank(ascending=False, method="min") - nominal).abs()
    assert table.loc["b", "mean_shift"] == pytest.approx(shift.mean())
    assert table.loc["b", "max_shift"] == shift.max()


def test_uncertainty_nominal_ranking_respects_lower_is_better():
    """A lower-is-better indicator is turned once, not twice: zero noise reproduces the composite's ranks."""
    rng = np.random.default_rng(7)
    data = pd.DataFrame(rng.uniform(size=(60, 3)), columns=["a", "b", "c"])
    dirs, w = {"a": 1, "b": -1, "c": 1}, {"a": 0.4, "b": 0.4, "c": 0.2}
    fixed = uncertainty(data, dirs, w, draws=20, noise=0.0, normalisations=("minmax",), aggregations=("arithmetic",))
    expected = composite(data, dirs, w).rank(ascending=False, method="min").astype(int)
    assert fixed.ranks["nominal_rank"].tolist() == expected.tolist()
    assert (fixed.ranks["median_rank"] == fixed.ranks["nominal_rank"]).all()


# --- per region --------------------------------------------------------------------------------------


def test_strengths_and_weaknesses_by_hand():
    framework = load_framework()
    keys = framework.keys
    rng = np.random.default_rng(8)
    values = pd.DataFrame(rng.uniform(0.1, 0.9, (5, len(keys))), columns=keys)
    values.insert(0, "province_code", ["11", "12", "13", "14", "15"])
    values.loc[0, keys] = 0.5  # 11 sits mid-field everywhere (values elsewhere are random on 0.1–0.9) …
    values.loc[0, keys[0]], values.loc[0, keys[1]] = 10.0, -1.0  # … except best on the first, worst on the second
    sw = strengths_weaknesses(values, framework, "11", n=2)
    assert sw.iloc[0][["indicator", "rank", "of", "kind"]].tolist() == [keys[0], 1, 5, "strength"]
    assert sw[sw["kind"] == "weakness"].iloc[0][["indicator", "rank"]].tolist() == [keys[1], 5]
    assert len(sw) == 4
    with pytest.raises(ValueError, match="not among"):
        strengths_weaknesses(values, framework, "99")


def test_ipd_status_boundaries():
    """IPD 2014: Tertinggal ≤ 50 < Berkembang ≤ 75 < Mandiri (Bappenas 2015)."""
    assert [ipd_status(s) for s in (0, 50, 50.01, 75, 75.01, 100)] == [
        "Tertinggal", "Tertinggal", "Berkembang", "Berkembang", "Mandiri", "Mandiri"]
    assert ipd_status(pd.Series([49.0, np.nan, 80.0])).tolist()[::2] == ["Tertinggal", "Mandiri"]
    with pytest.raises(ValueError, match="0, 100"):
        ipd_status(101)


def test_audit_alpha_is_computed_on_the_indicators():
    """α on the indicators themselves (JRC audit), not on z-scores: it changes when one is re-scaled."""
    framework = load_framework()
    rng = np.random.default_rng(9)
    f = rng.normal(size=400)
    values = pd.DataFrame({k: 5 + f + rng.normal(size=400) for k in framework.keys})
    first_goal = framework.goals[0]
    keys = list(framework.within_goal(first_goal))
    table, _ = audit(values, framework)
    x = values[keys]
    k = len(keys)
    by_hand = k / (k - 1) * (1 - x.var(ddof=1).sum() / x.sum(axis=1).var(ddof=1))
    assert table.set_index("goal").loc[first_goal, "alpha"] == pytest.approx(by_hand)


THREE_WAY = pd.DataFrame({"x": [1.0, 0.5, 0.2, 0.6], "y": [0.1, 1.0, 0.3, 0.6], "z": [0.1, 0.2, 1.0, 0.6]},
                         index=list("UVWM"))


def _brute_force_three(y: np.ndarray, i: int, low: float, high: float, steps: int = 400) -> float:
    """Best score of unit i over a grid of weight directions on the 2-simplex, within the share bounds."""
    best = 0.0
    for a in np.linspace(0, 1, steps + 1):
        for b in np.linspace(0, 1 - a, max(2, int((1 - a) * steps) + 1)):
            w = np.array([a, b, 1 - a - b])
            top = (y @ w).max()
            if top <= 0:
                continue
            part = w / top * y[i]
            share = part / part.sum() if part.sum() > 0 else part
            if (share >= low - 1e-9).all() and (share <= high + 1e-9).all():
                best = max(best, float(part.sum()))
    return best


def test_benefit_of_doubt_upper_share_bound_binds_with_three_indicators():
    """#26: with two indicators a lower bound on one is the upper bound on the other, so dropping the upper
    bound changed no test; with three it does (U, strong only on x, scores 1 without it)."""
    bounds = {c: (0.1, 0.5) for c in THREE_WAY.columns}
    bod = benefit_of_doubt(THREE_WAY, share_bounds=bounds)
    y = THREE_WAY.to_numpy()
    for i, unit in enumerate(THREE_WAY.index):
        assert bod.scores[unit] == pytest.approx(_brute_force_three(y, i, 0.1, 0.5), abs=2e-3), unit
    assert (bod.shares.to_numpy() <= 0.5 + 1e-7).all() and (bod.shares.to_numpy() >= 0.1 - 1e-7).all()
    lower_only = benefit_of_doubt(THREE_WAY, share_bounds={c: (0.1, 1.0) for c in THREE_WAY.columns})
    assert lower_only.scores["U"] > bod.scores["U"] + 0.2  # the upper bound is what lowers U's score
