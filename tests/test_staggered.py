"""Staggered-adoption estimators side by side, on a panel with planted cohort-heterogeneous, dynamic effects.

Independent checks: the planted truth (synth.make_staggered), second implementations (diff-diff's own
Sun–Abraham and TWFE against pyfixest's; pyfixest's did2s, whose point estimates equal the imputation
estimator's), and a hand computation of Callaway–Sant'Anna's ATT(g, t) as 2 × 2 comparisons.
"""

import warnings

import numpy as np
import pandas as pd
import pytest

from pnpm_lib import synth
from pnpm_lib.evaluation.staggered import compare, trend_sensitivity, truth_by_event_time


@pytest.fixture(scope="module")
def panel():
    return synth.make_staggered(seed=2007)


@pytest.fixture(scope="module")
def comparison(panel):
    return compare(panel[0], "log_consumption")


def test_robust_estimators_recover_the_planted_effects_and_twfe_does_not(panel, comparison):
    hh, truth = panel
    att = float((truth["effect"] * truth["households"]).sum() / truth["households"].sum())  # per treated obs
    table = comparison.overall.set_index("estimator")
    assert not table.loc["twfe", "ci_low"] <= att <= table.loc["twfe", "ci_high"]  # biased: misses the truth
    assert table.loc["twfe", "estimate"] < att - 0.03  # and by a lot (late vs early entrants)
    for name in ("cs_never", "cs_not_yet", "imputation"):
        assert table.loc[name, "ci_low"] <= att <= table.loc[name, "ci_high"], name
    by_time = truth_by_event_time(truth)
    event = comparison.event
    for name in ("sun_abraham", "cs_never", "cs_not_yet", "imputation"):
        post = event[(event["estimator"] == name) & event["rel_time"].between(0, 4)].set_index("rel_time")
        covered = [(post.loc[e, "ci_low"] <= by_time[e] <= post.loc[e, "ci_high"]) for e in range(5)]
        assert sum(covered) >= 4, (name, covered)  # 95% intervals: at most one miss in five


def test_sun_abraham_agrees_with_diff_diff(panel, comparison):
    import diff_diff as dd

    hh = panel[0].assign(_cl=lambda d: pd.factorize(d["kecamatan_code"])[0],
                         _unit=lambda d: pd.factorize(d["household_id"])[0])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = dd.SunAbraham(cluster="_cl").fit(hh, outcome="log_consumption", unit="_unit", time="year",
                                                  first_treat="first_treated")
    ours = comparison.event[comparison.event["estimator"] == "sun_abraham"].set_index("rel_time")["estimate"]
    for e, v in theirs.event_study_effects.items():
        if -5 <= e <= 5 and e != -1:
            assert ours[int(e)] == pytest.approx(float(v["effect"]), abs=1e-8)


def test_imputation_point_estimates_equal_pyfixest_did2s(panel, comparison):
    import pyfixest as pf

    hh = panel[0].assign(_cl=lambda d: pd.factorize(d["kecamatan_code"])[0],
                         _unit=lambda d: pd.factorize(d["household_id"])[0])
    hh["treat"] = ((hh["first_treated"] > 0) & (hh["year"] >= hh["first_treated"])).astype(int)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit = pf.did2s(hh, yname="log_consumption", first_stage="~ 0 | _unit + year", second_stage="~ treat",
                       treatment="treat", cluster="_cl")
    imputation = comparison.overall.set_index("estimator").loc["imputation", "estimate"]
    # both solve the fixed-effects first stage iteratively: equal to 1e-4 (the SE is about 0.005)
    assert float(fit.coef()["treat"]) == pytest.approx(imputation, abs=1e-4)


def test_callaway_santanna_cells_are_two_by_two_comparisons(panel, comparison):
    """ATT(g, g+e) = [Ȳ_g(g+e) − Ȳ_g(g−1)] − [Ȳ_never(g+e) − Ȳ_never(g−1)]; event time e = cohort-size mean."""
    hh = panel[0]
    means = hh.groupby(["first_treated", "year"])["log_consumption"].mean()
    sizes = hh[hh["year"] == hh["year"].min()].groupby("first_treated").size()
    cohorts = [g for g in sizes.index if g > 0]
    for e in (0, 2, 4):
        cells = [(g, (means[(g, g + e)] - means[(g, g - 1)]) - (means[(0, g + e)] - means[(0, g - 1)]))
                 for g in cohorts if g + e <= hh["year"].max()]
        by_hand = sum(sizes[g] * v for g, v in cells) / sum(sizes[g] for g, _ in cells)
        ours = comparison.event.query("estimator == 'cs_never' and rel_time == @e")["estimate"].item()
        assert ours == pytest.approx(by_hand, abs=1e-10)


def test_parallel_trends_sensitivity(panel):
    s = trend_sensitivity(panel[0], "log_consumption")
    zero = s.bounds.iloc[0]
    assert zero["m"] == 0 and zero["ci_low"] == pytest.approx(s.estimate - 1.96 * s.se, abs=2e-3)
    assert zero["ci_high"] == pytest.approx(s.estimate + 1.96 * s.se, abs=2e-3)  # M̄ = 0: the usual interval
    widths = (s.bounds["ci_high"] - s.bounds["ci_low"]).to_numpy()
    assert (np.diff(widths) > 0).all()  # more room for violations, wider bounds
    assert s.breakdown is not None
    below, above = s.bounds[s.bounds["m"] < s.breakdown], s.bounds[s.bounds["m"] > s.breakdown]
    assert (below["ci_low"] > 0).all() and (above["ci_low"] <= 0).all()  # the breakdown separates them
    assert s.mdv > 0 and s.pre_periods >= 2


# The HonestDiD package's published example (README, "Example usage – Medicaid expansions"): the TWFE event
# study of Medicaid expansion on insurance coverage, 2008–2015, reference 2013. The coefficients and their
# clustered covariance below were estimated here with pyfixest from the example's data (which carries no
# licence, so it is not shipped); the bounds are the README's printed output for the first post-period effect.
EHEC_BETA = np.array([-0.005285342424, -0.011297318398, -0.002675975541, -0.001419311905, 0.000339677489,
                      0.046446864502, 0.069206180303])
EHEC_SIGMA = np.array([
    [7.48848471e-05, 6.039875524e-05, 4.44461869e-05, 3.385765599e-05, 4.328013509e-05, 4.765882184e-05, 2.425129537e-05],
    [6.039875524e-05, 7.266499061e-05, 3.789328116e-05, 2.866576307e-05, 4.543321343e-05, 4.428852685e-05, 2.824655793e-05],
    [4.44461869e-05, 3.789328116e-05, 5.052050724e-05, 2.673677951e-05, 2.778193833e-05, 3.060645424e-05, 9.63754802e-06],
    [3.385765599e-05, 2.866576307e-05, 2.673677951e-05, 4.00322178e-05, 2.412860869e-05, 2.380869371e-05, 2.92390191e-06],
    [4.328013509e-05, 4.543321343e-05, 2.778193833e-05, 2.412860869e-05, 5.462665387e-05, 3.682535316e-05, 9.72297779e-06],
    [4.765882184e-05, 4.428852685e-05, 3.060645424e-05, 2.380869371e-05, 3.682535316e-05, 8.375674029e-05, 6.321403303e-05],
    [2.425129537e-05, 2.824655793e-05, 9.63754802e-06, 2.92390191e-06, 9.72297779e-06, 6.321403303e-05, 0.00010712358153]])
README_SD = {0.0: (0.0259, 0.0607), 0.01: (0.0132, 0.0787), 0.02: (0.00286, 0.0907), 0.03: (-0.00714, 0.101)}
README_RM = {0.5: (0.024, 0.0672), 1.0: (0.017, 0.072), 1.5: (0.00824, 0.0797), 2.0: (-0.000916, 0.0881)}


def test_smoothness_bounds_reproduce_the_honestdid_published_example():
    from pnpm_lib.evaluation.staggered import honest_interval

    for m, (low, high) in README_SD.items():
        got = honest_interval(EHEC_BETA, EHEC_SIGMA, [2008, 2009, 2010, 2011, 2012], [2014, 2015], "smoothness", m,
                              np.array([1.0, 0.0]))
        for ours, printed in zip(got, (low, high), strict=True):  # printed to 3 significant digits
            rounding = 0.5 * 10 ** (np.floor(np.log10(abs(printed))) - 2)
            assert ours == pytest.approx(printed, abs=max(rounding, 1e-4)), (m, got)


def test_relative_magnitude_c_lf_intervals_reproduce_the_honestdid_published_example():
    """The reference reports the lowest and highest accepted point of a 1,000-point grid on ±20 SE around 0;
    our ends are exact (refined by bisection), so on that grid they give the printed values, digit for digit."""
    from pnpm_lib.evaluation.staggered import honest_interval

    sd = np.sqrt(EHEC_SIGMA[5, 5])
    grid = np.linspace(-20 * sd, 20 * sd, 1000)
    for m, printed in README_RM.items():
        low, high = honest_interval(EHEC_BETA, EHEC_SIGMA, [2008, 2009, 2010, 2011, 2012], [2014, 2015],
                                    "relative_magnitude", m, np.array([1.0, 0.0]))
        on_grid = (grid[grid >= low].min(), grid[grid <= high].max())
        assert [float(f"{v:.3g}") for v in on_grid] == list(printed), (m, low, high)
        assert printed[0] - (grid[1] - grid[0]) <= low <= printed[0] + 5e-6  # within one grid step below


def test_relative_magnitude_pieces_and_breakdown():
    from pnpm_lib.evaluation.honest import breakdown, relative_magnitude_ci, rm_constraints

    # one pre-entry period (−2; −1 is the reference, δ₋₁ = 0) and two post-entry ones: δ = (δ₋₂, δ₀, δ₁).
    # s = 0, +: the largest pre-entry change is δ₋₁ − δ₋₂ = 1, so with M̄ = 1 each post-entry change is at most 1
    a = rm_constraints(1, 2, 1.0, 0, True)
    delta_ok, delta_bad = np.array([-1.0, 1.0, 2.0]), np.array([-1.0, 1.0, 3.5])
    assert (a @ delta_ok <= 1e-12).all() and (a @ delta_bad > 0).any()
    # breakdown: at M̄ just below, zero is outside the interval; at it, inside (EHEC first post-period effect)
    m = breakdown(EHEC_BETA, EHEC_SIGMA, 5, 2, np.array([1.0, 0.0]), tol=0.005)
    assert m is not None and 1.5 < m < 2.0  # the README's table: excludes 0 at 1.5, includes it at 2
    assert relative_magnitude_ci(EHEC_BETA, EHEC_SIGMA, 5, 2, np.array([1.0, 0.0]), m)[0] <= 0
    assert relative_magnitude_ci(EHEC_BETA, EHEC_SIGMA, 5, 2, np.array([1.0, 0.0]), m - 0.01)[0] > 0


def test_the_notebook_compares_on_the_planted_panel_when_synthetic_and_on_the_users_otherwise(panel):
    from pnpm_lib.evaluation.staggered import comparison_panel, planted_att

    synthetic, planted, by_time = comparison_panel(None, True, 2007)
    assert planted == pytest.approx(planted_att(panel[1])) and by_time[0] == pytest.approx(0.072, abs=1e-3)
    assert synthetic.equals(panel[0])
    users = panel[0].head(10)
    assert comparison_panel(users, False, 2007)[0] is users and comparison_panel(None, False, 2007) == (None, None, None)


# did2s's published example (R package did2s, README "TWFE vs. Two-Stage DID Example"): df_het, simulated with
# two entry cohorts, heterogeneous and growing effects and a never-treated group; pyfixest ships the same file
# (MIT). Printed there: the two-stage estimate with state and year effects, 2.152 (SE 0.0476), 46,500 rows,
# "very close to the true treatment effect of ~2.23"; the truth is in the file (te + te_dynamic).
@pytest.fixture(scope="module")
def df_het():
    from importlib import resources

    d = pd.read_csv(resources.files("pyfixest") / "did/data/df_het.csv")
    return d.assign(first_treated=d["g"].astype(int))


def test_did2s_published_example_and_the_imputation_estimator_on_it(df_het):
    import pyfixest as pf

    printed = pf.did2s(df_het, yname="dep_var", first_stage="~ 0 | state + year",
                       second_stage="~ i(treat, ref=False)", treatment="treat", cluster="state").tidy().iloc[0]
    assert len(df_het) == 46_500
    assert round(printed["Estimate"], 3) == 2.152 and round(printed["Std. Error"], 4) == 0.0476
    # ours (diff-diff's BJS imputation, unit and year effects) equals the two-stage estimator on the same spec
    same_spec = pf.did2s(df_het, yname="dep_var", first_stage="~ 0 | unit + year",
                         second_stage="~ i(treat, ref=False)", treatment="treat", cluster="state").tidy().iloc[0]
    ours = compare(df_het, "dep_var", unit="unit", first_treated="first_treated", cluster="state").overall
    ours = ours.set_index("estimator")
    assert ours.loc["imputation", "estimate"] == pytest.approx(same_spec["Estimate"], abs=1e-6)
    # TWFE by hand: on this balanced panel the two-way within transformation is exact (Frisch–Waugh)
    def within(col: str):
        v = df_het[col].astype(float)
        return v - v.groupby(df_het["unit"]).transform("mean") - v.groupby(df_het["year"]).transform("mean") + v.mean()

    d, y = within("treat"), within("dep_var")
    assert ours.loc["twfe", "estimate"] == pytest.approx(float((d * y).sum() / (d * d).sum()), abs=1e-10)
    # the published DGP's truth: static TWFE misses it, the robust estimators' intervals hold it
    truth = df_het.loc[df_het["treat"] == 1].eval("te + te_dynamic").mean()
    assert truth == pytest.approx(2.22, abs=0.005)
    assert ours.loc["twfe", "ci_high"] < truth
    for name in ("cs_never", "cs_not_yet", "imputation"):
        assert ours.loc[name, "ci_low"] <= truth <= ours.loc[name, "ci_high"], name


# The did package's published example (R package did, README "A short example"): the minimum wage and county teen
# employment, mpdta (2003–2007, 500 counties, cohorts 2004, 2006, 2007 and never treated), att_gt with the
# outcome regression and never-treated controls. The data come installed with the moderndid wheel (a test
# dependency; its datasets folder ships mpdta), so nothing is copied into this repository.
DID_README_POST_CELLS = {(2004, 2004): -0.0105, (2004, 2005): -0.0704, (2004, 2006): -0.1373, (2004, 2007): -0.1008,
                         (2006, 2006): -0.0046, (2006, 2007): -0.0412, (2007, 2007): -0.0261}
DID_README_DYNAMIC = {0: -0.0199, 1: -0.0510, 2: -0.1373, 3: -0.1008}  # aggte(type = "dynamic"); overall -0.0772


@pytest.fixture(scope="module")
def mpdta():
    from importlib.metadata import distribution

    path = distribution("moderndid").locate_file("moderndid/core/datasets/mpdta_long.pkl.gz")
    d = pd.read_pickle(str(path))
    assert d.shape == (2500, 6) and d["countyreal"].nunique() == 500
    return d.rename(columns={"first.treat": "first_treated"})


def test_callaway_santanna_reproduces_the_did_package_published_example(mpdta):
    from pnpm_lib.evaluation.staggered import _cs_fit, _panel

    sample, _ = _panel(mpdta, "lemp", "countyreal", "year", "first_treated", "countyreal", "mpdta")
    cells = _cs_fit(sample, "lemp", "year", "first_treated", "never_treated").group_time_effects
    for (g, t), printed in DID_README_POST_CELLS.items():  # post-entry cells: the same for either base period
        assert round(cells[(g, t)]["effect"], 4) == printed, (g, t)
    c = compare(mpdta, "lemp", unit="countyreal", first_treated="first_treated", cluster="countyreal")
    event = c.event.set_index(["estimator", "rel_time"])["estimate"]
    for e, printed in DID_README_DYNAMIC.items():
        assert round(event[("cs_never", e)], 4) == printed, e
        # Sun–Abraham with never-treated controls and no covariates is the same estimand, and the same numbers
        assert round(event[("sun_abraham", e)], 4) == printed, e
    assert round(np.mean([event[("cs_never", e)] for e in DID_README_DYNAMIC]), 4) == -0.0772
