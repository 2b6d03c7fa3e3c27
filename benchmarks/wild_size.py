"""Size of the few-cluster tests: how often a 5% test rejects when there is no effect (a slow check, not a test).

    .venv/bin/python benchmarks/wild_size.py [PANELS]   # default 300 per cluster count

For G = 4, 5, 6, 8, 12 kecamatan (half PNPM), each panel has unequal cluster sizes (10–60 households), unequal
survey weights (log-normal), a kecamatan effect and no programme effect; a second design also makes the PNPM
arm's household-level SD twice the comparison arm's (a stress case for every cluster-robust test). Every panel's 2×2 DiD is tested three
ways on the same draws, so the rates differ only by the rule:

- ``CRV1``: the clustered SE with t(G−1) critical values;
- ``wild, ties not counted``: the rule before #28 (|t*| > |t|, ``wildboottest``'s), which returns p = 0 at
  G = 4 however small the sample;
- ``wild, ties counted``: the toolkit's rule (|t*| ≥ |t|; p ≥ 2/2^G enumerated), the randomisation-test count.

A correctly sized test rejects in ≤ 5% of panels (plus Monte-Carlo error: with 300 panels the SE of a 5% rate is
1.3 points). Prints one row per G and the ratio of each rate to the nominal 5%.
"""

import sys
import time

import numpy as np

from pnpm_lib.evaluation.bootstrap import p_floor, signs, wild_cluster

CLUSTER_COUNTS = (4, 5, 6, 8, 12)


def panel(rng: np.random.Generator, clusters: int, spread: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """√w-scaled design and outcome of one panel with no effect, and its cluster ids.

    ``spread``: how much larger the household-level SD is in the PNPM arm (0: the same in both arms).
    """
    sizes = rng.integers(10, 61, clusters)
    g = np.repeat(np.arange(clusters), sizes)
    treated = (g < clusters // 2).astype(float)
    post = rng.integers(0, 2, len(g)).astype(float)
    y = rng.normal(0, 0.5, clusters)[g] + rng.normal(0, 1, len(g)) * (1 + spread * treated)
    w = rng.lognormal(0, 0.6, len(g))
    root = np.sqrt(w)
    x = np.column_stack([np.ones(len(g)), treated, post, treated * post]) * root[:, None]
    return x, y * root, g


def rates(clusters: int, panels: int, spread: float, seed: int = 2026) -> dict[str, float]:
    from scipy import stats

    rng = np.random.default_rng(seed + clusters)
    draws, _ = signs(clusters)
    counts = {"CRV1": 0, "wild, ties not counted": 0, "wild, ties counted": 0}
    for _ in range(panels):
        x, y, g = panel(rng, clusters, spread)
        result = wild_cluster(x, y, g, 3)
        strict = float(np.mean(np.abs(result.t_boot) > abs(result.t_stat) * (1 + 1e-9)))
        counts["CRV1"] += 2 * stats.t.sf(abs(result.t_stat), clusters - 1) < 0.05
        counts["wild, ties not counted"] += strict < 0.05
        counts["wild, ties counted"] += result.p_value < 0.05
    assert len(draws) == 2**clusters  # every G here is enumerated: the exact test
    return {k: v / panels for k, v in counts.items()}


def main(panels: int = 300) -> None:
    start = time.perf_counter()
    for spread, design in ((0.0, "unequal cluster sizes and survey weights"),
                           (1.0, "the same, and the PNPM arm's household SD twice the comparison arm's")):
        print(f"\nRejection rate of a 5% test under no effect, {panels} panels per G: {design}")
        print(f"{'G':>3} {'p floor':>8} {'CRV1':>7} {'wild, ties not counted':>23} {'wild, ties counted':>19}")
        for g in CLUSTER_COUNTS:
            r = rates(g, panels, spread)
            print(f"{g:>3} {p_floor(g):>8.4f} {r['CRV1']:>7.3f} {r['wild, ties not counted']:>23.3f} "
                  f"{r['wild, ties counted']:>19.3f}   (÷ 5%: {r['CRV1'] / .05:.2f}, "
                  f"{r['wild, ties not counted'] / .05:.2f}, {r['wild, ties counted'] / .05:.2f})")
    print(f"{time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 300)
