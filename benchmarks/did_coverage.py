"""Coverage of the 2×2 DiD's 95% CI over many synthetic panels (a slow check, not a test).

    .venv/bin/python benchmarks/did_coverage.py [SEEDS]   # default 200

For each seed the PNPM Rural-style panel is rebuilt with the same planted
effects and every outcome's DiD is estimated as the evaluation notebook does.
A correctly sized clustered CI covers the planted effect in ≈95% of panels;
with 200 seeds the Monte-Carlo SE of a coverage rate is about 1.5 pp, so
anything in 90–98% is consistent with correct coverage.
"""

import sys
import time

import pandas as pd

from pnpm_lib.evaluation import data, did
from pnpm_lib.synth import Effects

FX = Effects()
HOUSEHOLD = {"log_consumption": FX.consumption_log, "outpatient_visit": FX.outpatient_pp,
             "employed": FX.employment_pp, "school_transition": FX.school_pp}
VILLAGE = {"women_share": FX.women_share_pp, "poor_share": FX.poor_share_pp}


def one(seed: int) -> pd.DataFrame:
    sample = data.load_sample(seed=seed)
    tables = pd.concat([did.did_table(sample.households, list(HOUSEHOLD)),
                        did.did_table(sample.villages, list(VILLAGE), treatment="arm")])
    planted = tables["outcome"].map(HOUSEHOLD | VILLAGE)
    return tables.assign(seed=seed, planted=planted,
                         covered=(tables["did_ci_low"] <= planted) & (planted <= tables["did_ci_high"]))


def main() -> None:
    seeds = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    start = time.perf_counter()
    runs = pd.concat([one(seed) for seed in range(1, seeds + 1)], ignore_index=True)
    summary = runs.groupby("outcome").agg(planted=("planted", "first"), mean_estimate=("did_estimate", "mean"),
                                          mean_se=("did_se", "mean"), sd_estimate=("did_estimate", "std"),
                                          coverage=("covered", "mean"))
    print(f"{seeds} seeds in {time.perf_counter() - start:.0f} s")
    print(summary.round(4).to_string())
    print(f"all outcomes covered in {runs.groupby('seed')['covered'].all().mean():.0%} of panels")


if __name__ == "__main__":
    main()
