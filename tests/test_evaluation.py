"""Evaluation estimators against independent truth: statsmodels, hand arithmetic, planted effects."""

import json

import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf

from pnpm_lib import synth
from pnpm_lib.errors import EvaluationError
from pnpm_lib.evaluation import (
    adjust_p_values,
    balance_table,
    data,
    did_table,
    event,
    power,
    results,
    transitions,
)
from pnpm_lib.synth import Effects

FX = Effects()
PLANTED = {"log_consumption": FX.consumption_log, "outpatient_visit": FX.outpatient_pp,
           "employed": FX.employment_pp, "school_transition": FX.school_pp}
VILLAGE_PLANTED = {"women_share": FX.women_share_pp, "poor_share": FX.poor_share_pp}


@pytest.fixture(scope="module")
def sample():
    return data.load_sample()


@pytest.fixture(scope="module")
def did_all(sample):
    return did_table(sample.households, list(PLANTED))


def _statsmodels(formula, frame, weights=None):
    """The independent implementation: statsmodels OLS/WLS, Stata-style cluster correction, t(G−1)."""
    groups = pd.factorize(frame["kecamatan_code"])[0]
    model = smf.wls(formula, frame, weights=frame[weights]) if weights else smf.ols(formula, frame)
    return model.fit(cov_type="cluster", cov_kwds={"groups": groups}, use_t=True)


@pytest.mark.parametrize("weights", [None, "weight"])
def test_did_matches_statsmodels_to_1e6(sample, weights):
    """Same data, same correction G/(G−1)·(N−1)/(N−k): estimate, SE, p and CI agree to 1e-6."""
    row = did_table(sample.households, ["log_consumption"], weights=weights).iloc[0]
    frame = sample.households.dropna(subset=["log_consumption"])
    sm = _statsmodels("log_consumption ~ treated + post + treated:post", frame, weights)
    term = "treated:post"
    assert row["did_estimate"] == pytest.approx(sm.params[term], abs=1e-6)
    assert row["did_se"] == pytest.approx(sm.bse[term], abs=1e-6)
    assert row["did_p_value"] == pytest.approx(sm.pvalues[term], abs=1e-6)
    low, high = sm.conf_int().loc[term]
    assert (row["did_ci_low"], row["did_ci_high"]) == pytest.approx((low, high), abs=1e-6)
    assert row["clusters"] == 300 and row["n"] == len(frame)


def test_first_differences_and_baseline_means_match_statsmodels(sample, did_all):
    row = did_all.iloc[0]
    control = sample.households[sample.households["treated"] == 0]
    sm_change = _statsmodels("log_consumption ~ post", control)
    assert row["control_change"] == pytest.approx(sm_change.params["post"], abs=1e-9)
    assert row["control_change_se"] == pytest.approx(sm_change.bse["post"], abs=1e-9)
    base = control[control["post"] == 0]
    assert row["control_baseline"] == pytest.approx(base["log_consumption"].mean(), abs=1e-9)
    assert row["control_baseline_n"] == len(base)


def test_did_ci_contains_the_planted_effect_for_every_outcome_at_the_default_seed(sample, did_all):
    """Default seed (data.DEFAULT_SEED). Coverage across 200 seeds: benchmarks/did_coverage.py."""
    for row in did_all.itertuples():
        assert row.did_ci_low <= PLANTED[row.outcome] <= row.did_ci_high, row.outcome
    villages = did_table(sample.villages, list(VILLAGE_PLANTED), treatment="arm")
    for row in villages.itertuples():
        assert row.did_ci_low <= VILLAGE_PLANTED[row.outcome] <= row.did_ci_high, row.outcome


def test_heterogeneity_rows_per_subgroup_and_small_subgroups_do_not_stop_the_table(sample):
    hh = sample.households.copy()
    hh["tiny"] = np.where(hh["kecamatan_code"] == hh["kecamatan_code"].iloc[0], "one_kecamatan", "rest")
    table = did_table(hh, ["log_consumption"], by="tiny")
    assert list(table["subgroup"]) == ["all", "tiny=one_kecamatan", "tiny=rest"]
    assert "not estimated" in table.loc[1, "note"] and "only 1 cluster" in table.loc[1, "note"]
    quintiles = did_table(hh, ["log_consumption"], by="consumption_quintile")
    assert list(quintiles["subgroup"]) == ["all", *(f"consumption_quintile={q}" for q in range(1, 6))]


def test_covariates_change_the_model_and_are_named_in_the_estimator(sample):
    row = did_table(sample.households, ["outpatient_visit"], covariates=["household_size"]).iloc[0]
    assert row["estimator"].endswith("covariates")
    sm = _statsmodels("outpatient_visit ~ treated + post + treated:post + household_size",
                      sample.households.dropna(subset=["outpatient_visit"]))
    assert row["did_estimate"] == pytest.approx(sm.params["treated:post"], abs=1e-6)


def test_balance_table_matches_statsmodels_and_joint_f_test(sample):
    base = sample.households[sample.households["post"] == 0]
    variables = ["log_consumption", "household_size", "female_head"]
    table = balance_table(base, variables)
    row = table.table.set_index("variable").loc["household_size"]
    sm = _statsmodels("household_size ~ treated", base)
    assert row["difference"] == pytest.approx(sm.params["treated"], abs=1e-6)
    assert row["se_difference"] == pytest.approx(sm.bse["treated"], abs=1e-6)
    arms = base.groupby("treated")["household_size"]
    expected_nd = (arms.mean()[1] - arms.mean()[0]) / np.sqrt(arms.var().mean())
    assert row["normalized_difference"] == pytest.approx(expected_nd, abs=1e-9)
    joint = _statsmodels("treated ~ " + " + ".join(variables), base)
    f = joint.f_test(", ".join(f"{v} = 0" for v in variables))
    assert table.f_stat == pytest.approx(float(np.squeeze(f.fvalue)), rel=1e-6)
    assert table.f_p_value == pytest.approx(float(f.pvalue), rel=1e-6)
    assert table.f_p_value > 0.05  # arms were matched on baseline characteristics


def test_poverty_transitions_are_conditional_on_baseline_status(sample):
    table = transitions(sample.households).set_index("outcome")
    hh = sample.households
    wide = hh[hh["post"] == 0].merge(hh[hh["post"] == 1], on="household_id", suffixes=("_0", "_1"))
    poor_c = wide[(wide["poor_0"] == 1) & (wide["treated_0"] == 0)]
    assert table.loc["exit_poverty", "control_mean"] == pytest.approx((poor_c["poor_1"] == 0).mean())
    assert table.loc["exit_poverty", "did_estimate"] > 0  # consumption rose more where treated


@pytest.mark.parametrize("change, message", [
    (lambda d: d.drop(columns="outpatient_visit"), "'outpatient_visit' not found"),
    (lambda d: d.assign(treated=1), "takes only the value(s) [1]"),
    (lambda d: d.assign(kecamatan_code="3201010"), "only 1 cluster"),
    (lambda d: d.assign(kecamatan_code=d["kecamatan_code"].mask(d.index % 97 == 0)), "missing on"),
])
def test_bad_input_gives_a_clear_error(sample, change, message):
    with pytest.raises(EvaluationError, match=None) as err:
        did_table(change(sample.households), ["outpatient_visit"])
    assert message in str(err.value)


def test_few_clusters_add_a_wild_bootstrap_p_value(sample):
    hh = sample.households
    few = hh[hh["kecamatan_code"].isin(hh["kecamatan_code"].unique()[:16])]
    row = did_table(few, ["log_consumption"]).iloc[0]
    assert row["clusters"] == 16 and 0 < row["did_p_value_wild"] <= 1
    assert row["estimator"] == "2x2 DiD, OLS, CRV1"
    assert row["did_wild_ci_low"] < row["did_estimate"] < row["did_wild_ci_high"]
    weighted = did_table(few, ["log_consumption"], weights="weight").iloc[0]
    assert 0 < weighted["did_p_value_wild"] <= 1 and not weighted["note"]  # weights no longer silence it
    assert weighted["estimator"] == "2x2 DiD, WLS (survey weights), CRV1"
    many = did_table(hh, ["log_consumption"], weights="weight").iloc[0]
    assert many["clusters"] >= 40 and pd.isna(many["did_p_value_wild"])  # 40+ clusters: CRV1 alone


def test_holm_adjustment_hand_example():
    # Holm: sorted p 0.01, 0.03, 0.04 → 3×0.01, 2×0.03, max(0.06, 1×0.04)
    assert adjust_p_values([0.01, 0.04, 0.03]).tolist() == pytest.approx([0.03, 0.06, 0.06])


def test_event_study_recovers_the_planted_effect_on_a_staggered_panel():
    panel = synth.make_panel(design="staggered")
    hh = panel.households.assign(log_consumption=lambda d: np.log(d["consumption_pc"]),
                                 first_treated=lambda d: event.first_exposed(d["cohort"]))
    es = event.event_study(hh, "log_consumption")
    assert es.att.ci_low <= FX.consumption_log <= es.att.ci_high
    post = es.coefficients[es.coefficients["rel_time"] >= 0]
    assert (post["ci_low"] > 0).all()  # every post-entry year shows the effect
    assert es.coefficients.loc[es.coefficients["rel_time"] == -1, "estimate"].item() == 0
    assert es.pretrend_terms > 0 and 0 <= es.pretrend_p <= 1
    with pytest.raises(EvaluationError, match="never-treated"):
        event.event_study(hh[hh["first_treated"] > 0], "log_consumption")


def test_power_hand_checked_worked_example():
    """J-PAL formula by hand: J = 100, m = 20, ρ = 0.05, σ = 1, P = ½, α = 5%, power 80%.

    V = 0.95 + 0.05·20 = 1.95; SE = sqrt(1.95 / (0.25·100·20)) = 0.0624500;
    t(0.975, 98) = 1.984467, t(0.80, 98) = 0.845304 → MDE = 2.829772 × 0.0624500 = 0.176719.
    """
    d = power.Design(clusters=100, cluster_size=20, icc=0.05)
    assert power.mde(d) == pytest.approx(0.176719, abs=2e-6)
    assert power.design_effect(20, 0.05) == pytest.approx(1.95)
    assert power.power(d, power.mde(d)) == pytest.approx(0.80, abs=1e-9)
    # take-up of 50% doubles the MDE (needs ~4× the sample); ANCOVA with r = 0.6 shrinks it by sqrt(0.64)
    assert power.mde(power.Design(100, 20, 0.05, take_up=0.5)) == pytest.approx(2 * power.mde(d))
    assert power.mde(power.Design(100, 20, 0.05, autocorrelation=0.6)) == pytest.approx(0.8 * power.mde(d))
    needed = power.clusters_needed(d, 0.2)
    assert power.mde(power.Design(needed, 20, 0.05)) <= 0.2 < power.mde(power.Design(needed - 1, 20, 0.05))


def test_power_unequal_cluster_sizes_enter_squared_and_take_up_enters_power():
    """CV of cluster sizes enters as CV² (Eldridge et al. 2006): a test that fails if CV is used instead.

    CV = 0.6: V = 0.95 + 0.05·20·(1 + 0.36) = 2.31; SE = sqrt(2.31/500) = 0.0679706; MDE = 2.829772 × SE.
    """
    d = power.Design(clusters=100, cluster_size=20, icc=0.05, cv_cluster_size=0.6)
    assert power.mde(d) == pytest.approx(2.829772 * np.sqrt(2.31 / 500), abs=2e-6)
    assert power.design_effect(20, 0.05, 0.6) == pytest.approx(1 + 0.05 * (19 + 20 * 0.36))
    # take-up in power(): half take-up at the full-take-up MDE has the power of half that effect
    half = power.Design(100, 20, 0.05, take_up=0.5)
    full = power.Design(100, 20, 0.05)
    assert power.power(half, power.mde(full)) == pytest.approx(power.power(full, power.mde(full) / 2))
    assert power.power(half, power.mde(full)) < 0.5


def test_power_at_the_mde_is_the_target_power_for_any_design():
    """Property: power(d, mde(d)) = d.power over 300 random designs (the two functions invert each other)."""
    rng = np.random.default_rng(11)
    for _ in range(300):
        d = power.Design(clusters=int(rng.integers(3, 500)), cluster_size=float(rng.uniform(1, 60)),
                         icc=float(rng.uniform(0, 0.9)), sd=float(rng.uniform(0.1, 5)),
                         share_treated=float(rng.uniform(0.1, 0.9)), alpha=float(rng.choice([0.01, 0.05, 0.1])),
                         power=float(rng.uniform(0.5, 0.95)), r2_cluster=float(rng.uniform(0, 0.8)),
                         r2_individual=float(rng.uniform(0, 0.8)), cv_cluster_size=float(rng.uniform(0, 1.5)),
                         take_up=float(rng.uniform(0.1, 1)),
                         autocorrelation=None if rng.random() < 0.5 else float(rng.uniform(-0.9, 0.9)))
        assert power.power(d, power.mde(d)) == pytest.approx(d.power, abs=1e-9), d


def test_power_without_clustering_agrees_with_statsmodels():
    from statsmodels.stats.power import TTestIndPower

    ours = power.mde(power.Design(clusters=400, cluster_size=1, icc=0.0))
    theirs = TTestIndPower().solve_power(nobs1=200, alpha=0.05, power=0.8, ratio=1)
    assert ours == pytest.approx(theirs, rel=1e-3)  # quantile sum vs noncentral t


def test_power_at_the_mde_is_80_percent_in_simulation():
    """Simulate the clustered design at its MDE and estimate with our clustered regression."""
    from pnpm_lib.evaluation.estimate import coefficient, fit

    d = power.Design(clusters=40, cluster_size=10, icc=0.1)
    effect, rng, rejections, reps = power.mde(d), np.random.default_rng(7), 0, 300
    cluster = np.repeat(np.arange(40), 10)
    treated = (cluster < 20).astype(int)
    for _ in range(reps):
        y = (rng.normal(0, np.sqrt(0.1), 40)[cluster] + rng.normal(0, np.sqrt(0.9), 400) + effect * treated)
        frame = pd.DataFrame({"y": y, "treated": treated, "kecamatan_code": cluster})
        est = coefficient(fit("y ~ treated", frame, "kecamatan_code"), "treated", "sim", wild=False)
        rejections += est.p_value < 0.05
    assert 0.72 <= rejections / reps <= 0.88  # binomial SE ≈ 0.023 around 0.80


def test_icc_estimate_recovers_the_synthetic_icc():
    hh = synth.make_panel(seed=3, icc=0.15).households
    base = hh[hh["round"] == 1].assign(log_c=lambda d: np.log(d["consumption_pc"]))
    assert power.icc(base, "log_c", "kecamatan_code") == pytest.approx(0.15, abs=0.05)


def test_power_rejects_impossible_designs():
    with pytest.raises(EvaluationError, match="icc=1.2"):
        power.Design(clusters=10, cluster_size=5, icc=1.2)
    with pytest.raises(EvaluationError, match="not reachable"):
        power.clusters_needed(power.Design(10, 5, 0.5), 1e-4)


def test_results_json_has_every_field_and_is_strict_json(sample, did_all, tmp_path):
    records = results.from_table(did_all, sample.synthetic, "consumption")
    path = results.write_results(records, tmp_path / "results.json", {"source": sample.source})
    loaded = json.loads(path.read_text(encoding="utf-8"))["results"]
    assert len(loaded) == len(did_all)
    for record in loaded:
        assert set(results.FIELDS) <= set(record)
        assert record["synthetic"] is True and record["clusters"] == 300
        assert record["ci_low"] <= record["estimate"] <= record["ci_high"]


def test_family_adjustment_writes_holm_p_values_into_the_records():
    records = [{"outcome": o, "subgroup": s, "p_value": p} for o, s, p in
               [("a", "all", 0.01), ("a", "female_head=1", 0.5), ("b", "all", 0.04), ("c", "all", 0.03)]]
    family = results.adjust(records, ["a", "b", "c"])
    assert family["p_value_adjusted"].tolist() == pytest.approx([0.03, 0.06, 0.06])
    assert records[0]["p_value_adjusted"] == pytest.approx(0.03) and "p_value_adjusted" not in records[1]


def test_pages_name_a_users_file_by_its_name_and_an_absent_table_as_not_given():
    """#28: notebook 03 printed "Sumber data: /home/…/my_survey.xlsx" and "village_path=(synthetic)" when no
    village file was given (the table is absent, not synthetic)."""
    from types import SimpleNamespace

    from pnpm_lib.evaluation import data
    from pnpm_lib.evaluation.results import provenance

    assert data.file_name("/home/ana/survei/my_survey.xlsx#RT") == "my_survey.xlsx#RT"
    user = SimpleNamespace(source="my_survey.xlsx", synthetic=False, fingerprint=lambda: "h")
    shown = provenance(user, {"data_path": "/home/ana/survei/my_survey.xlsx", "village_path": "", "seed": 1})
    assert shown["parameters"] == "data_path=my_survey.xlsx, village_path=(not given), seed=1"
    panel = SimpleNamespace(source="panel", synthetic=True, fingerprint=lambda: "h")
    assert "village_path=(synthetic)" in provenance(panel, {"data_path": "", "village_path": ""})["parameters"]
    sample = data.Sample(None, None, False, "my_survey.xlsx", (1, 2), None)  # type: ignore[arg-type]
    assert sample.source_text("id") == "my_survey.xlsx"
