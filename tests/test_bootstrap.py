"""The wild-cluster bootstrap (WCR11) for weighted and unweighted OLS, against independent computations.

- Unweighted: pyfixest's ``wildboottest`` (the ``wildboottest`` package) on the same model — with 12
  clusters both enumerate all 4,096 sign vectors, so the p-values agree up to the two draws that reproduce
  the sample (v = ±1: |t*| = |t| in exact arithmetic; ``wildboottest`` counts them as rounding falls, we
  always count a tie, as the randomisation test does), i.e. to within 2/4,096.
- Weighted: ``wildboottest``'s ``WildboottestCL`` run on the √w-transformed model (the check the issue
  names), and a plain loop that re-fits weighted least squares for every sign vector with numpy.
- The test-inversion CI: at its bounds the bootstrap p-value crosses 5%.
- Size: with no effect planted, a 5% test rejects about 5% of the time with 12 clusters.
- Very few clusters: with 4 or 5 clusters the enumerated test can never give p below 2/2^G (> 5%), so no
  5% interval exists; the toolkit says so (an interval of ±∞) instead of the p = 0 it printed before.
"""

import warnings

import numpy as np
import pandas as pd
import pyfixest as pf
import pytest

from pnpm_lib.evaluation.bootstrap import signs, wild_cluster, wild_interval


def _panel(seed: int, clusters: int = 12, per: int = 15, effect: float = 0.3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n = clusters * per
    g = np.repeat(np.arange(clusters), per)
    treated = (g < clusters // 2).astype(float)
    post = np.tile([0.0, 1.0], n // 2)
    y = rng.normal(0, 1, clusters)[g] + rng.normal(size=n) + effect * treated * post
    return pd.DataFrame({"y": y, "treated": treated, "post": post, "g": g, "w": rng.uniform(0.5, 3, n)})


FORMULA = "y ~ treated + post + treated:post"


def _model(d: pd.DataFrame, weights: str | None = None):
    return pf.feols(FORMULA, data=d, vcov={"CRV1": "g"}, weights=weights)


def test_unweighted_equals_pyfixest_wildboottest_exactly():
    for seed in (1, 2, 3):
        d = _panel(seed)
        m = _model(d)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            theirs = m.wildboottest(param="treated:post", reps=9999, cluster="g", seed=1)
        ours = wild_cluster(m._X, m._Y, d["g"].to_numpy(), 3)
        assert ours.enumerated and ours.draws == 4096
        assert ours.p_value == pytest.approx(float(theirs["Pr(>|t|)"]), abs=2 / 4096 + 1e-12)
        assert ours.t_stat == pytest.approx(float(theirs["t value"]), rel=1e-10)


def test_weighted_equals_wildboottest_on_the_sqrt_w_transformed_model():
    from wildboottest.wildboottest import WildboottestCL

    d = _panel(4)
    m = _model(d, "w")
    root = np.sqrt(d["w"].to_numpy())[:, None]
    x = np.column_stack([np.ones(len(d)), d["treated"], d["post"], d["treated"] * d["post"]]) * root
    y = d["y"].to_numpy() * root[:, 0]
    assert np.allclose(x, m._X) and np.allclose(y, np.asarray(m._Y).ravel())  # pyfixest's WLS design is this
    boot = WildboottestCL(X=x, Y=y, cluster=d["g"].to_numpy(), R=np.array([0, 0, 0, 1.0]), B=9999, seed=1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        boot.get_scores(bootstrap_type="11", impose_null=True)
        boot.get_weights(weights_type="rademacher")
        boot.get_numer()
        boot.get_denom()
        boot.get_tboot()
        boot.get_vcov()
        boot.get_tstat()
        boot.get_pvalue(pval_type="two-tailed")
    ours = wild_cluster(m._X, m._Y, d["g"].to_numpy(), 3)
    assert ours.p_value == pytest.approx(float(np.asarray(boot.pvalue).ravel()[0]), abs=2 / 4096 + 1e-12)


def test_weighted_matches_a_plain_refit_for_every_sign_vector():
    """Second computation: build y* = ỹ + v·ũ, refit WLS and its CRV1 t with numpy, count |t*| ≥ |t|."""
    d = _panel(5, clusters=8, per=10)
    w, g = d["w"].to_numpy(), d["g"].to_numpy()
    x = np.column_stack([np.ones(len(d)), d["treated"], d["post"], d["treated"] * d["post"]])
    y = d["y"].to_numpy()

    def wls_t(yy: np.ndarray) -> float:
        xs, ys = x * np.sqrt(w)[:, None], yy * np.sqrt(w)
        inv = np.linalg.inv(xs.T @ xs)
        b = inv @ xs.T @ ys
        u = ys - xs @ b
        meat = sum(np.outer(xs[g == c].T @ u[g == c], xs[g == c].T @ u[g == c]) for c in np.unique(g))
        n, k, G = len(y), x.shape[1], len(np.unique(g))
        v = G / (G - 1) * (n - 1) / (n - k) * (inv @ meat @ inv)
        return b[3] / np.sqrt(v[3, 3])

    xr = x[:, :3] * np.sqrt(w)[:, None]
    br = np.linalg.lstsq(xr, y * np.sqrt(w), rcond=None)[0]
    fitted, resid = x[:, :3] @ br, y - x[:, :3] @ br
    t0 = wls_t(y)
    draws, _ = signs(8)
    t_star = np.array([wls_t(fitted + v[g] * resid) for v in draws])
    by_loop = float(np.mean(np.abs(t_star) >= abs(t0) * (1 - 1e-9)))
    ours = wild_cluster(x * np.sqrt(w)[:, None], y * np.sqrt(w), g, 3)
    assert ours.t_stat == pytest.approx(t0, rel=1e-10)
    assert ours.p_value == by_loop


def test_interval_by_test_inversion():
    d = _panel(6)
    m = _model(d, "w")
    g = d["g"].to_numpy()
    est, se = float(m.coef()["treated:post"]), float(m.se()["treated:post"])
    low, high = wild_interval(m._X, m._Y, g, 3, est, se)
    assert low < est < high
    draws, _ = signs(12)
    for bound, step in ((low, -1), (high, 1)):
        inside = wild_cluster(m._X, m._Y, g, 3, beta0=bound - step * 0.01 * se, draws=draws).p_value
        outside = wild_cluster(m._X, m._Y, g, 3, beta0=bound + step * 0.01 * se, draws=draws).p_value
        assert inside > 0.05 >= outside


def test_size_with_twelve_clusters_and_no_effect():
    """No effect planted: the 5% bootstrap test rejects near 5% (300 panels; binomial SE ≈ 1.3 points)."""
    rejections = 0
    for seed in range(300):
        d = _panel(100 + seed, effect=0.0)
        m = _model(d, "w")
        rejections += wild_cluster(m._X, m._Y, d["g"].to_numpy(), 3).p_value < 0.05
    assert 0.015 <= rejections / 300 <= 0.09


def _weighted(d: pd.DataFrame):
    m = _model(d, "w")
    return m, d["g"].to_numpy()


@pytest.mark.parametrize("clusters", [4, 5])
def test_with_four_or_five_clusters_no_p_below_the_floor_and_no_interval(clusters):
    """The issue's case: G = 4 gave p = 0 and an interval excluding zero; no 5% test can reject there."""
    from pnpm_lib.evaluation.bootstrap import can_reject, p_floor

    assert p_floor(clusters) == 2 / 2**clusters > 0.05 and not can_reject(clusters)
    for seed in range(40):
        d = _panel(500 + seed, clusters=clusters, per=20, effect=3.0)  # a huge effect: CRV1 rejects
        m, g = _weighted(d)
        result = wild_cluster(m._X, m._Y, g, 3)
        assert result.enumerated and result.p_value >= 2 / 2**clusters - 1e-12
        est, se = float(m.coef()["treated:post"]), float(m.se()["treated:post"])
        assert wild_interval(m._X, m._Y, g, 3, est, se) == (-np.inf, np.inf)


def test_from_six_clusters_the_interval_exists_and_p_counts_the_sample():
    from pnpm_lib.evaluation.bootstrap import can_reject

    assert can_reject(6)
    d = _panel(7, clusters=6, per=20, effect=3.0)
    m, g = _weighted(d)
    result = wild_cluster(m._X, m._Y, g, 3)
    assert result.p_value == pytest.approx(2 / 64)  # only v = ±1 are as extreme as the sample
    est, se = float(m.coef()["treated:post"]), float(m.se()["treated:post"])
    low, high = wild_interval(m._X, m._Y, g, 3, est, se)
    assert np.isfinite(low) and np.isfinite(high) and low < est < high


def test_random_draws_count_the_sample_as_one_more_draw():
    d = _panel(8, clusters=16, per=5, effect=5.0)
    m, g = _weighted(d)
    result = wild_cluster(m._X, m._Y, g, 3, reps=999)
    assert not result.enumerated and result.p_value >= 1 / 1000


def test_a_degenerate_model_has_no_wild_p():
    d = _panel(9, clusters=8, per=10).assign(y=0.0)  # no variation in the outcome
    x = np.column_stack([np.ones(len(d)), d["treated"], d["post"], d["treated"] * d["post"]])
    result = wild_cluster(x, d["y"].to_numpy(), d["g"].to_numpy(), 3)
    assert np.isnan(result.p_value)
