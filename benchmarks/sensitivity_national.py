"""Composite index + 1,000-draw uncertainty analysis for 80,000 villages: time and peak memory.

    .venv/bin/python benchmarks/sensitivity_national.py

The baseline measured in the same run is the same analysis for 800 villages (100× fewer);
the ratio shows how the vectorised draws scale. Data: random indicator values (synthetic).
"""

import resource
import time

import numpy as np
import pandas as pd

from pnpm_lib.indicators.sensitivity import uncertainty

INDICATORS = 8


def run(villages: int, draws: int = 1000) -> float:
    rng = np.random.default_rng(1)
    data = pd.DataFrame(rng.uniform(size=(villages, INDICATORS)), columns=[f"i{j}" for j in range(INDICATORS)])
    directions = {c: 1 for c in data.columns}
    weights = {c: 1 / INDICATORS for c in data.columns}
    start = time.perf_counter()
    result = uncertainty(data, directions, weights, draws=draws)
    seconds = time.perf_counter() - start
    print(f"{villages:>7,} villages × {draws:,} draws: {seconds:6.2f} s; mean |rank shift| "
          f"{result.mean_rank_shift:,.1f}")
    return seconds


def main() -> None:
    small = run(800)
    large = run(80_000)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"ratio 80,000 / 800 villages: {large / small:.1f}× time for 100× the villages; peak RSS {peak:,.0f} MiB")


if __name__ == "__main__":
    main()
