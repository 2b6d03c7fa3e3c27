"""The synthetic panel: deterministic, valid against the schemas, truth recoverable."""

import hashlib

import numpy as np
import pytest

from pnpm_lib import datasets, synth


@pytest.fixture(scope="module")
def panel():
    return synth.make_panel(seed=1)


def _digest(p) -> str:
    return hashlib.sha256(b"".join(
        getattr(p, t).to_csv(index=False).encode() for t in ("kecamatan", "households", "villages", "truth")
    )).hexdigest()


def test_same_seed_gives_identical_bytes_and_another_seed_differs(panel):
    assert _digest(panel) == _digest(synth.make_panel(seed=1))
    assert _digest(panel) != _digest(synth.make_panel(seed=2))


def test_default_size_is_like_the_pnpm_rural_evaluation(panel):
    assert panel.kecamatan["kecamatan_code"].nunique() == 300
    assert panel.households["household_id"].nunique() == 6000
    assert set(panel.households["round"]) == {1, 2}
    assert 0.03 < 1 - (panel.households["round"] == 2).sum() / 6000 < 0.07  # ~5% attrition


def test_everything_is_marked_synthetic(panel):
    for table in (panel.kecamatan, panel.regions, panel.households, panel.villages):
        assert table["synthetic"].all() and table.attrs["synthetic"] is True
    assert panel.synthetic and panel.truth.attrs["synthetic"]


def test_tables_pass_the_user_file_schemas(panel, tmp_path):
    panel.households.to_parquet(tmp_path / "hh.parquet")
    panel.villages.to_parquet(tmp_path / "v.parquet")
    assert datasets.load_file(tmp_path / "hh.parquet").attrs["synthetic"] is True
    assert datasets.load_file(tmp_path / "v.parquet", "villages").attrs["table"] == "villages"


def test_design_is_matched_pairs_with_comparison_entering_2009_10(panel):
    kec = panel.kecamatan
    assert kec["treated"].mean() == 0.5
    assert set(kec.loc[kec.treated == 1, "cohort"]) == {2007}
    assert set(kec.loc[kec.treated == 0, "cohort"]) == {2009, 2010}
    gap = kec.groupby("treated")["baseline_index"].mean().diff().iloc[-1]
    assert abs(gap) < 0.1  # matched on the baseline characteristic


def test_planted_effects_are_realised_on_the_treated(panel):
    truth = panel.truth.set_index("outcome")
    assert truth.loc["log(consumption_pc)", "realised_att"] == pytest.approx(0.09)
    assert truth.loc["outpatient_visit", "realised_att"] == pytest.approx(0.05, abs=0.01)
    assert truth.loc["employed", "realised_att"] == pytest.approx(0.03, abs=0.01)
    assert truth.loc["poor", "realised_att"] < 0  # more consumption, fewer poor


def test_naive_panel_did_recovers_the_consumption_effect(panel):
    hh = panel.households
    both = hh[hh.groupby("household_id")["round"].transform("size") == 2]
    change = both.pivot(index="household_id", columns="round", values="consumption_pc").pipe(np.log)
    change = (change[2] - change[1]).to_frame("d").join(both.drop_duplicates("household_id")
                                                          .set_index("household_id")[["treated", "kecamatan_code"]])
    did = change.groupby("treated")["d"].mean().diff().iloc[-1]
    kec = change.groupby(["kecamatan_code", "treated"])["d"].mean().reset_index()
    se = np.sqrt(sum(g.var() / len(g) for _, g in kec.groupby("treated")["d"]))
    assert abs(did - 0.09) < 1.96 * se  # cluster-level SE; the estimators issue does this properly


def test_baseline_poverty_follows_the_bps_provincial_ranking(panel):
    base = panel.households.query("round == 1").groupby("province_code")["poor"].mean()
    target = panel.kecamatan.groupby("province_code")["province_poverty_2010_pct"].first()
    assert np.corrcoef(base, target.loc[base.index])[0, 1] > 0.6


def test_staggered_variant_has_cohorts_and_never_treated():
    p = synth.make_panel(seed=3, n_kecamatan=60, households_per_kecamatan=5, design="staggered")
    assert sorted(p.households["round"].unique()) == list(range(1, 9))
    cohorts = set(p.kecamatan["cohort"].dropna())
    assert cohorts <= {2007, 2008, 2009, 2010, 2011} and p.kecamatan["cohort"].isna().any()


def test_bad_arguments_fail_clearly():
    with pytest.raises(ValueError, match="design"):
        synth.make_panel(design="rct")
    with pytest.raises(ValueError, match="unknown province"):
        synth.make_panel(provinces=("99",))
