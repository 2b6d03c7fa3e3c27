"""The seven-goal index + 1,000-draw uncertainty analysis for 80,000 villages: time and peak memory.

    .venv/bin/python benchmarks/sensitivity_national.py

Data: the synthetic panel scaled to 10,000 kecamatan × 8 desa (80,000 villages,
synthetic), indicators from config/indicators.yml. The baseline measured in the
same run is the same analysis for 800 villages (100× fewer); the ratio shows how
the vectorised steps scale.
"""

import resource
import time

from pnpm_lib import synth
from pnpm_lib.indicators.empowerment import empowerment_index
from pnpm_lib.indicators.framework import compute, load_framework
from pnpm_lib.indicators.sensitivity import uncertainty


def run(n_kecamatan: int, draws: int = 1000) -> tuple[float, float]:
    framework = load_framework()
    villages = synth.make_panel(seed=1, n_kecamatan=n_kecamatan, households_per_kecamatan=2).villages
    start = time.perf_counter()
    values = compute(villages, framework)
    result = empowerment_index(values, framework)
    index_s = time.perf_counter() - start
    last = values[values["year"] == values["year"].max()]
    start = time.perf_counter()
    sens = uncertainty(last[framework.keys], framework.directions, framework.weights, draws=draws)
    sens_s = time.perf_counter() - start
    print(f"{len(last):>7,} villages ({len(values):,} village-years): indicators + index {index_s:5.2f} s "
          f"({result.index.notna().mean():.0%} scored); {draws:,}-draw uncertainty over {len(sens.ranks):,} "
          f"scored villages {sens_s:6.2f} s; mean |rank shift| {sens.mean_rank_shift:,.1f}")
    return index_s, sens_s


def main() -> None:
    small = run(100)
    large = run(10_000)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"ratio 80,000 / 800 villages: index {large[0] / small[0]:.1f}×, uncertainty {large[1] / small[1]:.1f}× "
          f"time for 100× the villages; peak RSS {peak:,.0f} MiB")


if __name__ == "__main__":
    main()
