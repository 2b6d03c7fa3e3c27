"""The seven-goal indicator framework: file validation, indicator computation, index, audit, counting."""

import numpy as np
import pandas as pd
import pytest
import yaml

from pnpm_lib import synth
from pnpm_lib.errors import ConfigError
from pnpm_lib.indicators import alkire_foster
from pnpm_lib.indicators.composite import treat_outliers
from pnpm_lib.indicators.empowerment import (
    adequacy,
    audit,
    counting,
    empowerment_index,
    index_change,
)
from pnpm_lib.indicators.framework import DEFAULT_FRAMEWORK, compute, load_framework
from pnpm_lib.program import GOAL_KEYS


@pytest.fixture(scope="module")
def framework():
    return load_framework()


@pytest.fixture(scope="module")
def villages():
    return synth.make_panel(seed=3, n_kecamatan=40).villages


def _write(tmp_path, edit):
    raw = yaml.safe_load(DEFAULT_FRAMEWORK.read_text(encoding="utf-8"))
    edit(raw)
    path = tmp_path / "mine.yml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


def test_default_framework_covers_all_seven_goals_with_two_to_five_indicators(framework):
    assert framework.goals == list(GOAL_KEYS)
    for g in GOAL_KEYS:
        assert 2 <= len(framework.within_goal(g)) <= 5
        assert sum(framework.within_goal(g).values()) == pytest.approx(1)
    assert sum(framework.weights.values()) == pytest.approx(1)
    assert all(i.rationale and i.unit for i in framework.indicators)


@pytest.mark.parametrize(("edit", "message"), [
    (lambda r: r["indicators"][0].update(numerator="womens_attendance"), "unknown column 'womens_attendance'"),
    (lambda r: r["indicators"][1].pop("direction"), "indicators.2 (poor_attendance_share).direction: missing"),
    (lambda r: r["goals"].update(participation=0.5), "goal weights must be ≥ 0 and sum to 1; they sum to 1.35"),
    (lambda r: r["goals"].update(wellbeing=0), "goal 'wellbeing' is not one of the seven goals"),
    (lambda r: r["indicators"].append(dict(r["indicators"][0])), "'women_attendance_share' is listed twice"),
    (lambda r: [i.update(weight=0.6) for i in r["indicators"][:3]],
     "goal 'participation': indicator weights must sum to 1; they sum to 1.8"),
    (lambda r: r["indicators"][0].update(weight="1/2"), "give a weight to all of its indicators or to none"),
    (lambda r: r["indicators"][0].update(direction=2), "direction"),
    (lambda r: r["goals"].update(technology="a lot"), "a weight must be a number or a fraction"),
])
def test_a_bad_framework_file_is_rejected_naming_the_problem(tmp_path, edit, message):
    with pytest.raises(ConfigError) as info:
        load_framework(_write(tmp_path, edit))
    assert message in str(info.value)
    assert "mine.yml" in str(info.value)


def test_a_users_own_framework_with_fraction_weights_works(tmp_path, villages):
    def two_goals(raw):
        raw["goals"] = {"participation": "2/3", "local_independence": "1/3"}
        raw["indicators"] = [i for i in raw["indicators"] if i["goal"] in raw["goals"]]
        raw["indicators"][0]["weight"], raw["indicators"][1]["weight"], raw["indicators"][2]["weight"] = \
            "1/2", "1/4", "1/4"
    mine = load_framework(_write(tmp_path, two_goals))
    assert mine.weights["women_attendance_share"] == pytest.approx(1 / 3)
    assert mine.weights["spp_repayment_rate"] == pytest.approx(1 / 6)
    result = empowerment_index(compute(villages, mine, "kecamatan"), mine)
    assert result.index.between(0, 100).all()


def test_missing_file_and_missing_data_column_are_clear_errors(framework, villages):
    with pytest.raises(ConfigError, match="indicator framework not found"):
        load_framework("nowhere.yml")
    with pytest.raises(ConfigError, match="needs column\\(s\\) ict_access"):
        compute(villages.drop(columns="ict_access"), framework)


def test_ratios_are_ratios_of_sums_and_levels_are_means_and_zero_denominators_are_missing(framework):
    v = pd.DataFrame({
        "desa_code": ["3301010001", "3301010002"], "kecamatan_code": ["3301010"] * 2, "province_code": ["33"] * 2,
        "year": [2010, 2010], "treated": [1, 1], "attendance_total": [100, 300], "attendance_women": [50, 60],
        "attendance_poor": [10, 30], "mkp_proposals": [0, 4], "mkp_funded": [0, 1], "meetings_held": [2, 6],
        "accountability_meetings": [1, 1], "spp_groups": [1, 3], "budget_pro_poor_share": [0.1, 0.3],
        "blm_received_rp": [2e8, 0], "poor_households": [100, 100], "partner_orgs": [1, 2],
        "partner_funds_rp": [1e6, 3e6], "households": [200, 200], "spp_repaid_rp": [9, 0], "spp_due_rp": [10, 0],
        "infra_maintained": [1, 0], "infra_built": [1, 0], "gotong_royong_events": [3, 5],
        "ttg_adoption_share": [0.1, 0.2], "ict_access": [1, 0],
    })
    desa = compute(v, framework)
    assert desa["women_attendance_share"].tolist() == [0.5, 0.2]
    assert np.isnan(desa.loc[0, "mkp_funded_share"]) and np.isnan(desa.loc[1, "spp_repayment_rate"])
    assert desa["blm_per_poor_household"].tolist() == [2.0, 0.0]  # Rp million
    kec = compute(v, framework, "kecamatan").iloc[0]
    assert kec["women_attendance_share"] == pytest.approx(110 / 400)  # not the mean of 0.5 and 0.2
    assert kec["meetings_held"] == 4 and kec["ict_access"] == 0.5 and kec["spp_repayment_rate"] == 0.9
    assert kec["kabupaten_code"] == "3301"


def test_index_is_the_weighted_mean_of_goal_scores_and_contributions_add_up(framework, villages):
    values = compute(villages, framework, "kecamatan")
    result = empowerment_index(values, framework, treat=False)
    norm = result.normalised
    assert norm.min().min() == pytest.approx(0) and norm.max().max() == pytest.approx(100)
    row = 7
    by_hand = np.mean([np.mean([norm.loc[row, k] for k in framework.within_goal(g)]) for g in framework.goals])
    if not norm.loc[row].isna().any():
        assert result.index[row] == pytest.approx(by_hand)
    pd.testing.assert_series_equal(result.contributions.sum(axis=1), result.index, check_names=False)


def test_index_change_splits_exactly_into_goal_contributions(framework, villages):
    values = compute(villages, framework, "kecamatan")
    result = empowerment_index(values, framework)
    change = index_change(result, values, pd.Series(True, index=values.index), 2007, 2010)
    assert change.drop("index").sum() == pytest.approx(change["index"])
    treated = values["kecamatan_code"].isin(values.loc[(values["year"] == 2010) & (values["treated"] == 1),
                                                       "kecamatan_code"])
    assert index_change(result, values, treated, 2007, 2010)["index"] > 5  # the synthetic panel plants gains


def test_adequacy_respects_direction_and_counting_matches_alkire_foster_by_hand(framework):
    values = pd.DataFrame({k: [i.cutoff, i.cutoff - 0.01] for k, i in zip(framework.keys, framework.indicators,
                                                                             strict=True)})
    ok = adequacy(values, framework)
    assert ok.iloc[0].eq(1).all() and ok.iloc[1].eq(0).all()
    af, dropped = counting(values, framework, k=1 / 3)
    assert dropped == 0 and af.H == 0.5 and af.A == pytest.approx(1) and af.M0 == pytest.approx(0.5)
    direct = alkire_foster(values, framework.cutoffs, framework.weights, 1 / 3)
    assert direct.M0 == af.M0


def test_audit_reports_alpha_and_flags_redundant_and_opposed_indicators(framework):
    rng = np.random.default_rng(0)
    base = rng.normal(size=500)
    values = pd.DataFrame({k: rng.normal(size=500) for k in framework.keys})
    values["women_attendance_share"] = base
    values["poor_attendance_share"] = base + rng.normal(0, 0.05, 500)   # redundant
    values["mkp_funded_share"] = base + rng.normal(0, 0.1, 500)
    values["gotong_royong_events"] = base
    values["attendance_per_household"] = -base                          # pulls against its goal
    table, matrices = audit(values, framework)
    rows = table.set_index("goal")
    assert rows.loc["participation", "alpha"] > 0.9 and "redundant" in rows.loc["participation", "flags"]
    assert "negative" in rows.loc["social_capital", "flags"]
    assert matrices["participation"].shape == (3, 3)


def test_outliers_are_winsorised_or_logged_and_symmetric_columns_untouched():
    rng = np.random.default_rng(1)
    data = pd.DataFrame({"normal": rng.normal(size=2000), "lognormal": rng.lognormal(0, 1.5, 2000),
                         "one_spike": np.r_[rng.normal(size=1999), 60.0]})
    treated, report = treat_outliers(data)
    assert "normal" not in report and treated["normal"].equals(data["normal"])
    assert report["lognormal"] == "log" and treated["lognormal"].skew() < data["lognormal"].skew() / 3
    assert report["one_spike"] == "winsorised 1" and treated["one_spike"].max() < 60
