"""National-scale synthetic panel: time and peak memory (run on demand, never as a test).

    .venv/bin/python benchmarks/synth_national.py

Prints the default (evaluation-size) build as the baseline measured in the same run,
then the national build (~7,000 kecamatan, ~80,000 desa, ~1M households) and the ratio.
"""

import resource
import sys
import time

from pnpm_lib import synth


def build(**kwargs) -> tuple[float, object]:
    start = time.perf_counter()
    panel = synth.make_panel(seed=1, **kwargs)
    return time.perf_counter() - start, panel


def main() -> None:
    base_s, base = build()
    start = time.perf_counter()
    nat = synth.national_panel(seed=1)
    nat_s = time.perf_counter() - start
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    mem = sum(getattr(nat, t).memory_usage(deep=True).sum() for t in ("households", "villages")) / 2**20
    print(f"default : {len(base.households):>9,} household rows, {len(base.villages):>7,} village rows  {base_s:6.2f} s")
    print(f"national: {len(nat.households):>9,} household rows, {len(nat.villages):>7,} village rows  {nat_s:6.2f} s")
    print(f"national: {nat.households['household_id'].nunique():,} households, "
          f"{nat.regions['desa_code'].nunique():,} desa, {nat.kecamatan.shape[0]:,} kecamatan")
    print(f"ratio national/default time: {nat_s / base_s:.1f}x; tables in memory {mem:,.0f} MiB; "
          f"peak RSS {peak_mib:,.0f} MiB")


if __name__ == "__main__":
    sys.exit(main())
