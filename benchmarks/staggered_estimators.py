"""The five staggered-adoption estimators on the default synthetic staggered panels: time per estimator.

    .venv/bin/python benchmarks/staggered_estimators.py

Panels (synthetic): synth.make_staggered() — the notebook's comparison panel (160 kecamatan × 8 households
× 10 years) — and the evaluation notebook's event-study panel, synth.make_panel(design="staggered")
(300 kecamatan × 20 households × 8 years). Baseline measured in the same run: the Sun–Abraham event
study alone, which is what notebook 03 computed before the comparison existed.
"""

import time
import warnings

import numpy as np

from pnpm_lib import synth
from pnpm_lib.evaluation import staggered
from pnpm_lib.evaluation.event import event_study, first_exposed


def timed(label: str, panel) -> None:
    start = time.perf_counter()
    event_study(panel, "log_consumption")
    baseline = time.perf_counter() - start
    start = time.perf_counter()
    comparison = staggered.compare(panel, "log_consumption")
    total = time.perf_counter() - start
    start = time.perf_counter()
    staggered.trend_sensitivity(panel, "log_consumption")
    honest = time.perf_counter() - start
    print(f"{label}: {len(panel):,} household-years; Sun–Abraham alone {baseline:5.2f} s; all five estimators "
          f"{total:5.2f} s ({total / baseline:4.1f}× the baseline); HonestDiD + pre-trend power {honest:5.2f} s")
    print(comparison.overall[["estimator", "estimate", "se"]].round(4).to_string(index=False))


def main() -> None:
    warnings.simplefilter("ignore")
    timed("make_staggered()", synth.make_staggered()[0])
    hh = synth.make_panel(seed=2007, design="staggered").households
    timed("make_panel(design='staggered')",
          hh.assign(log_consumption=np.log(hh["consumption_pc"]), first_treated=first_exposed(hh["cohort"])))


if __name__ == "__main__":
    main()
