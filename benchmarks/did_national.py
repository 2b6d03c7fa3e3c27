"""DiD with clustered SEs on ~1M household rows: pnpm_lib (pyfixest) vs statsmodels, same data, same run.

    .venv/bin/python benchmarks/did_national.py

Builds the national-scale synthetic panel (7,000 kecamatan, ~1M household rows over two rounds),
then times the DiD coefficient with CRV1 SEs both ways, each in a fresh subprocess so peak memory
(ru_maxrss) is per implementation, and checks the two agree to 1e-6.
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = r"""
import json, resource, sys, time
import numpy as np, pandas as pd
frame = pd.read_parquet(sys.argv[2])
start = time.perf_counter()
if sys.argv[1] == "pnpm_lib":
    from pnpm_lib.evaluation.did import ESTIMATOR
    from pnpm_lib.evaluation.estimate import coefficient, fit
    import pyfixest

    def run():
        est = coefficient(fit("y ~ treated + post + treated:post", frame, "kecamatan_code"), "treated:post", ESTIMATOR)
        return est.estimate, est.se
else:
    import statsmodels.formula.api as smf

    def run():
        groups = pd.factorize(frame["kecamatan_code"])[0]
        res = smf.ols("y ~ treated + post + treated:post", frame).fit(
            cov_type="cluster", cov_kwds={"groups": groups}, use_t=True)
        return float(res.params["treated:post"]), float(res.bse["treated:post"])
imported = time.perf_counter()
estimate, se = run()
first = time.perf_counter()
run()
second = time.perf_counter()
print(json.dumps({"import": imported - start, "first": first - imported, "second": second - first,
                  "estimate": estimate, "se": se,
                  "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def main() -> None:
    from pnpm_lib import regions, synth

    provinces = tuple(c for c in regions.PROVINCE_CODES_2010 if c != "31")
    panel = synth.make_panel(seed=1, n_kecamatan=7000, households_per_kecamatan=72, provinces=provinces)
    hh = panel.households
    frame = pd_frame(hh)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "hh.parquet"
        frame.to_parquet(path)
        runs = {}
        for impl in ("statsmodels", "pnpm_lib"):
            out = subprocess.run([sys.executable, "-c", CHILD, impl, str(path)], capture_output=True,
                                 text=True, check=True)
            runs[impl] = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"rows: {len(frame):,}  kecamatan clusters: {frame['kecamatan_code'].nunique():,}")
    for impl, r in runs.items():
        print(f"{impl:12} import {r['import']:5.2f} s  first fit {r['first']:5.2f} s  second fit {r['second']:5.2f} s  "
              f"peak RSS {r['peak_mib']:5.0f} MiB  DiD {r['estimate']:.6f} (SE {r['se']:.6f})")
    base, ours = runs["statsmodels"], runs["pnpm_lib"]
    print(f"second-fit time ratio statsmodels / pnpm_lib: {base['second'] / ours['second']:.2f}x; "
          f"first fit incl. JIT: {base['first'] / ours['first']:.2f}x; "
          f"peak memory ratio: {base['peak_mib'] / ours['peak_mib']:.2f}x (> 1 means pnpm_lib is faster/smaller)")
    agree = abs(base["estimate"] - ours["estimate"]) < 1e-6 and abs(base["se"] - ours["se"]) < 1e-6
    print(f"estimates and SEs agree to 1e-6: {agree}")


def pd_frame(hh):
    import numpy as np

    return hh.assign(y=np.log(hh["consumption_pc"]), post=(hh["round"] == 2).astype("int8"))[
        ["y", "treated", "post", "kecamatan_code"]]


if __name__ == "__main__":
    main()
