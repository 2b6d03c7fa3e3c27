"""The seven-goal index, the 1,000-draw uncertainty analysis and the variance-based (Sobol') sensitivity
for 80,000 villages: time and peak memory.

    .venv/bin/python benchmarks/sensitivity_national.py [N]

Data: the synthetic panel scaled to 10,000 kecamatan × 8 desa (80,000 villages,
synthetic), indicators from config/indicators.yml. The baseline measured in the
same run is the same analysis for 800 villages (100× fewer); the ratio shows how
the vectorised steps scale. N is the Sobol' base sample (default 512: model runs
= N × 7); the run prints the indices with their 90% bootstrap intervals, whose
width says whether N is enough.
"""

import resource
import sys
import time

from pnpm_lib import synth
from pnpm_lib.indicators.empowerment import empowerment_index
from pnpm_lib.indicators.framework import compute, load_framework
from pnpm_lib.indicators.sensitivity import method_sensitivity, uncertainty


def run(n_kecamatan: int, draws: int = 1000, n: int = 512) -> tuple[float, float, float]:
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
    start = time.perf_counter()
    sobol = method_sensitivity(last[framework.keys], framework.directions, framework.weights, n=n)
    sobol_s = time.perf_counter() - start
    print(f"{len(last):>7,} villages ({len(values):,} village-years): indicators + index {index_s:5.2f} s "
          f"({result.index.notna().mean():.0%} scored); {draws:,}-draw uncertainty over {len(sens.ranks):,} "
          f"scored villages {sens_s:6.2f} s; mean |rank shift| {sens.mean_rank_shift:,.1f}")
    print(f"        Sobol' indices, N = {n} ({sobol.runs:,} runs): {sobol_s:6.2f} s")
    for factor, r in sobol.table.iterrows():
        print(f"          {factor:14} first {r['first']:6.3f} [{r['first_low']:6.3f}, {r['first_high']:6.3f}]  "
              f"total {r['total']:6.3f} [{r['total_low']:6.3f}, {r['total_high']:6.3f}]")
    return index_s, sens_s, sobol_s


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 512
    small = run(100, n=n)
    large = run(10_000, n=n)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"ratio 80,000 / 800 villages: index {large[0] / small[0]:.1f}×, uncertainty {large[1] / small[1]:.1f}×, "
          f"Sobol' {large[2] / small[2]:.1f}× time for 100× the villages; peak RSS {peak:,.0f} MiB")


if __name__ == "__main__":
    main()
