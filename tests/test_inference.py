"""Randomization inference and Romano–Wolf p-values against independent computations."""

import itertools
import warnings

import numpy as np
import pandas as pd
import pyfixest as pf
import pytest
import statsmodels.api as sm

from pnpm_lib.evaluation.bootstrap import wild_cluster
from pnpm_lib.evaluation.inference import randomization_p, romano_wolf


def _panel(seed: int, clusters: int = 8, per: int = 12, effect: float = 0.4) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    g = np.repeat(np.arange(clusters), per)
    treated = (g < clusters // 2).astype(int)
    post = np.tile([0, 1], clusters * per // 2)
    y = rng.normal(0, 1, clusters)[g] + rng.normal(size=len(g)) + effect * treated * post
    return pd.DataFrame({"y": y, "y2": y + rng.normal(size=len(g)), "treated": treated, "post": post,
                         "kecamatan_code": [f"k{c:02d}" for c in g], "weight": rng.uniform(0.5, 2, len(g))})


def test_exact_randomization_inference_matches_a_statsmodels_loop():
    """8 kecamatan, 4 treated: all 70 assignments; the loop refits WLS with statsmodels for each."""
    d = _panel(1)
    p, used, exact = randomization_p(d, "y", weights="weight", reps=1999)
    assert exact and used == 70
    codes = sorted(d["kecamatan_code"].unique())

    def did(treated_codes) -> float:
        tr = d["kecamatan_code"].isin(treated_codes).astype(float)
        x = sm.add_constant(np.column_stack([tr, d["post"], tr * d["post"]]))
        return float(sm.WLS(d["y"], x, weights=d["weight"]).fit().params.iloc[3])

    observed = did([c for c in codes if d.loc[d["kecamatan_code"] == c, "treated"].iloc[0] == 1])
    draws = [did(chosen) for chosen in itertools.combinations(codes, 4)]
    assert p == pytest.approx(np.mean(np.abs(draws) >= abs(observed) * (1 - 1e-9)))


def test_randomization_inference_sees_a_planted_effect_and_not_a_null_one():
    strong = _panel(2, clusters=20, effect=1.5)
    assert randomization_p(strong, "y", reps=499)[0] < 0.01
    null = [randomization_p(_panel(100 + s, clusters=20, effect=0.0), "y", reps=199)[0] for s in range(40)]
    assert 0.0 <= np.mean(np.array(null) < 0.05) <= 0.15  # about 5%: 40 panels, loose bound


def test_romano_wolf_agrees_with_pyfixest_rwolf_unweighted():
    """A second implementation: pyfixest's rwolf (random wild draws) on the same four-outcome family."""
    d = _panel(3, clusters=30, per=20, effect=0.15)
    d["y3"], d["y4"] = d["y"] * 0.5 + np.random.default_rng(9).normal(size=len(d)), -d["y2"]
    outcomes = ["y", "y2", "y3", "y4"]
    ours = romano_wolf(d, outcomes).set_index("outcome")["p_value_romano_wolf"]
    frame = d.assign(g=pd.factorize(d["kecamatan_code"])[0])
    models = [pf.feols(f"{y} ~ treated + post + treated:post", data=frame, vcov={"CRV1": "g"}) for y in outcomes]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = pf.rwolf(models, "treated:post", reps=9999, seed=1).loc["RW Pr(>|t|)"].to_numpy(dtype=float)
    assert ours.to_numpy() == pytest.approx(theirs, abs=0.015)


def test_romano_wolf_lies_between_the_single_test_and_bonferroni():
    d = _panel(4, clusters=16, per=10, effect=0.3)
    table = romano_wolf(d, ["y", "y2"], weights="weight", reps=9999)
    for y, rw in zip(table["outcome"], table["p_value_romano_wolf"], strict=True):
        sample = d.dropna(subset=[y])
        root = np.sqrt(sample["weight"].to_numpy())[:, None]
        tr, post = sample["treated"].to_numpy(float), sample["post"].to_numpy(float)
        x = np.column_stack([np.ones(len(sample)), tr, post, tr * post]) * root
        single = wild_cluster(x, sample[y].to_numpy() * root[:, 0], sample["kecamatan_code"].to_numpy(), 3).p_value
        assert single - 2 / 9999 <= rw <= min(1.0, 2 * single) + 2 / 9999
