"""A seeded synthetic PNPM panel whose truth is known, for training and for checking estimators.

Real PNPM microdata cannot ship. This panel mimics the PNPM Rural impact
evaluation's design (treated kecamatan from 2007; comparison kecamatan entering
2009/10, matched on baseline characteristics; a 2007 baseline and a 2010
follow-up) or a staggered roll-out for event studies (yearly rounds 2005–2012,
cohorts 2007–2011 and never-treated). A kecamatan with cohort c is exposed from
year c + 1 (``exposed_from``): the round fielded in year c is pre-exposure, as
the 2007 baseline was fielded before the first BLM. In the PNPM Rural design
the comparison kecamatan (cohort 2009/10) stay unexposed through the 2010
follow-up, which was fielded before their first BLM. Provinces' baseline
poverty is calibrated to the shipped BPS 2010 rates scaled by the national
2007→2010 trend. Effects are planted on potential outcomes, so ``truth`` holds
both the planted parameter and the realised effect on the treated.

Everything is marked synthetic: a ``synthetic`` column in every table and
``attrs["synthetic"] = True``. Same arguments and seed → identical bytes.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from statistics import NormalDist

import numpy as np
import pandas as pd

from pnpm_lib import datasets
from pnpm_lib.regions import PROVINCE_CODES_2010

IE_PROVINCES = ("11", "12", "13", "16", "18", "32", "33", "34", "35", "36",
                "52", "53", "61", "72", "73", "74", "75")
"""17 provinces like the PNPM Rural IE's (the real list was not readable; illustrative)."""

NATIONAL_2007, NATIONAL_2010 = 16.58, 13.33  # BPS March rates, datasets/national_poverty.csv


@dataclass(frozen=True)
class Effects:
    """Planted effects on the treated after entry (household and village outcomes)."""

    consumption_log: float = 0.09  # log points of real per-capita consumption
    outpatient_pp: float = 0.05  # probability of an outpatient visit
    employment_pp: float = 0.03  # probability the head works
    school_pp: float = 0.03  # primary → lower-secondary transition
    women_share_pp: float = 0.05  # women's share of meeting attendance
    poor_share_pp: float = 0.04  # poor households' share of meeting attendance


@dataclass
class Panel:
    """The synthetic tables plus their truth; ``synthetic`` is always True."""

    kecamatan: pd.DataFrame
    regions: pd.DataFrame
    households: pd.DataFrame
    villages: pd.DataFrame
    truth: pd.DataFrame
    params: dict = field(default_factory=dict)
    synthetic: bool = True


KABUPATEN_PER_PROVINCE = 3
"""Few enough that a kabupaten brief has kecamatan of both arms to compare (about 6 per kabupaten)."""


def make_panel(
    seed: int = 1,
    n_kecamatan: int = 300,
    households_per_kecamatan: int = 20,
    desa_per_kecamatan: int = 8,
    design: str = "pnpm_rural",
    icc: float = 0.15,
    attrition: float = 0.05,
    effects: Effects = Effects(),
    provinces: tuple[str, ...] = IE_PROVINCES,
) -> Panel:
    """Build the panel; see the module docstring and datasets/README.md for every column."""
    if design not in ("pnpm_rural", "staggered"):
        raise ValueError(f"design must be 'pnpm_rural' or 'staggered', got {design!r}")
    if not 0 <= icc < 1 or not 0 <= attrition < 1:
        raise ValueError("icc and attrition must lie in [0, 1)")
    unknown = set(provinces) - set(PROVINCE_CODES_2010)
    if unknown:
        raise ValueError(f"unknown province codes {sorted(unknown)}")
    rng = np.random.default_rng(seed)
    kec = _kecamatan(rng, n_kecamatan, provinces, design)
    years = (2007, 2010) if design == "pnpm_rural" else tuple(range(2005, 2013))
    regions = _regions(kec, desa_per_kecamatan)
    hh, truth_hh = _households(rng, kec, regions, households_per_kecamatan, years, icc, attrition, effects)
    villages, truth_v = _villages(rng, kec, regions, years if design == "staggered" else (2007, 2008, 2009, 2010), effects)
    params = {"seed": seed, "n_kecamatan": n_kecamatan, "households_per_kecamatan": households_per_kecamatan,
              "desa_per_kecamatan": desa_per_kecamatan, "design": design, "icc": icc,
              "attrition": attrition, "effects": asdict(effects), "provinces": list(provinces)}
    tables = [kec, regions, hh, villages]
    for table in tables:
        table["synthetic"] = True
        table.attrs = {"synthetic": True, "source": "pnpm_lib.synth.make_panel", "params": params}
    truth = pd.concat([truth_hh, truth_v], ignore_index=True)
    truth.attrs = {"synthetic": True}
    return Panel(kec, regions, hh, villages, truth, params)


def _kecamatan(rng, n: int, provinces: tuple[str, ...], design: str) -> pd.DataFrame:
    """Kecamatan in matched pairs: within each pair one enters in 2007, the other later."""
    rates = datasets.provinces_2010().set_index("province_code")["poverty_rate_pct"]
    prov = np.sort(rng.choice(np.array(provinces), size=n))
    baseline_index = rng.normal(0.0, 1.0, n)  # PODES-like baseline characteristic
    # pair neighbours on the baseline index within province, then randomise within pairs
    order = np.lexsort((baseline_index, prov))
    treated = np.zeros(n, dtype=np.int8)
    pairs = order[: n - n % 2].reshape(-1, 2)
    first = rng.integers(0, 2, len(pairs))
    treated[pairs[np.arange(len(pairs)), first]] = 1
    if design == "pnpm_rural":
        cohort = np.where(treated == 1, 2007, rng.choice([2009, 2010], n)).astype(float)
    else:
        cohort = np.where(treated == 1, rng.choice([2007, 2008, 2009], n),
                          rng.choice([2010, 2011, np.nan], n)).astype(float)
    if design == "pnpm_rural":  # comparison areas entered after the 2010 follow-up was fielded
        exposed_from = np.where(treated == 1, 2008.0, np.inf)
    else:
        exposed_from = np.where(np.isnan(cohort), np.inf, cohort + 1)
    kab_number = rng.integers(1, KABUPATEN_PER_PROVINCE + 1, n)  # a few kabupaten, so each holds several kecamatan
    codes = np.array([f"{p}{k:02d}{i % 1000:03d}" for p, k, i in zip(prov, kab_number, range(n), strict=True)])
    codes = _unique_codes(codes, prov, kab_number)
    return pd.DataFrame({
        "kecamatan_code": codes, "kabupaten_code": [c[:4] for c in codes], "province_code": prov,
        "treated": treated, "cohort": cohort, "exposed_from": exposed_from, "baseline_index": baseline_index.round(4),
        "province_poverty_2010_pct": rates.loc[prov].to_numpy(),
    })


def _unique_codes(codes: np.ndarray, prov: np.ndarray, kab: np.ndarray) -> np.ndarray:
    seen: set[str] = set()
    out = []
    for code, p, k in zip(codes, prov, kab, strict=True):
        serial = int(code[4:])
        while code in seen:
            serial = (serial + 1) % 1000
            code = f"{p}{k:02d}{serial:03d}"
        seen.add(code)
        out.append(code)
    return np.array(out)


def _regions(kec: pd.DataFrame, per: int) -> pd.DataFrame:
    k = np.repeat(np.arange(len(kec)), per)
    serial = np.tile(np.arange(1, per + 1), len(kec))
    return pd.DataFrame({
        "province_code": kec["province_code"].to_numpy()[k],
        "kabupaten_code": kec["kabupaten_code"].to_numpy()[k],
        "kecamatan_code": kec["kecamatan_code"].to_numpy()[k],
        "desa_code": [f"{c}{s:03d}" for c, s in zip(kec["kecamatan_code"].to_numpy()[k], serial, strict=True)],
    })


def _households(rng, kec, regions, per_kec, years, icc, attrition, fx: Effects):
    n_k, n_r = len(kec), len(years)
    k = np.repeat(np.arange(n_k), per_kec)
    n_h = len(k)
    desa_per = len(regions) // n_k
    desa = regions["desa_code"].to_numpy()[k * desa_per + rng.integers(0, desa_per, n_h)]
    # consumption: log y = mu + u_k + v_h + e_ht + trend_p * t; ICC = var(u)/total at one round
    sigma = 0.55
    u = rng.normal(0, sigma * np.sqrt(icc), n_k)[k]
    v = rng.normal(0, sigma * np.sqrt((1 - icc) / 2), n_h)
    mu = np.log(300_000.0)
    p2010 = kec["province_poverty_2010_pct"].to_numpy()[k] / 100
    p2007 = np.clip(p2010 * NATIONAL_2007 / NATIONAL_2010, 0.01, 0.95)
    z = np.vectorize(NormalDist().inv_cdf)
    line = mu + sigma * z(p2007)  # baseline headcount = calibrated provincial rate
    growth = (line - mu - sigma * z(p2010)) / 3  # per year: reaches the 2010 rate by 2010
    female = rng.random(n_h) < 0.13
    size = 1 + rng.poisson(3.2, n_h)
    weight = np.round(rng.lognormal(np.log(150), 0.3, n_h), 2)
    has_child = rng.random(n_h) < 0.3
    base_out = np.clip(0.35 + rng.normal(0, 0.08, n_k)[k], 0.05, 0.9)
    base_emp = np.clip(0.75 + rng.normal(0, 0.06, n_k)[k], 0.1, 0.95)
    base_sch = np.clip(0.70 + rng.normal(0, 0.08, n_k)[k], 0.1, 0.95)
    last_round = np.where(rng.random(n_h) < attrition, rng.integers(1, n_r, n_h), n_r)  # attrition
    cohort = kec["cohort"].to_numpy()[k]
    exposed_from = kec["exposed_from"].to_numpy()[k]
    frames: list[pd.DataFrame] = []
    gaps: dict[str, list[np.ndarray]] = {o: [] for o in ("consumption_log", "poor", "outpatient", "employment", "school")}
    for r, year in enumerate(years, start=1):
        on = year >= exposed_from
        log_c0 = mu + u + v + rng.normal(0, sigma * np.sqrt((1 - icc) / 2), n_h) + growth * (year - 2007)
        log_c1 = log_c0 + fx.consumption_log
        draws = rng.random((3, n_h))
        out0, out1 = draws[0] < base_out, draws[0] < base_out + fx.outpatient_pp
        emp0, emp1 = draws[1] < base_emp, draws[1] < base_emp + fx.employment_pp
        sch0, sch1 = draws[2] < base_sch, draws[2] < base_sch + fx.school_pp
        log_c = np.where(on, log_c1, log_c0)
        keep = r <= last_round
        frames.append(pd.DataFrame({
            "household_id": np.char.add("H", np.char.zfill(np.arange(1, n_h + 1).astype(str), 7)),
            "round": r, "year": year,
            "province_code": kec["province_code"].to_numpy()[k],
            "kecamatan_code": kec["kecamatan_code"].to_numpy()[k], "desa_code": desa,
            "weight": weight, "consumption_pc": np.round(np.exp(log_c), 0),
            "poverty_line": np.round(np.exp(line), 0), "poor": (log_c < line).astype(np.int8),
            "outpatient_visit": np.where(on, out1, out0).astype(np.int8),
            "employed": np.where(on, emp1, emp0).astype(np.int8),
            "school_transition": np.where(has_child, np.where(on, sch1, sch0), np.nan),
            "female_head": female.astype(np.int8), "household_size": size,
            "treated": kec["treated"].to_numpy()[k], "cohort": cohort,
        })[keep])
        mask = on & keep
        gaps["consumption_log"].append((log_c1 - log_c0)[mask])
        gaps["poor"].append(((log_c1 < line).astype(int) - (log_c0 < line).astype(int))[mask])
        gaps["outpatient"].append((out1.astype(int) - out0)[mask])
        gaps["employment"].append((emp1.astype(int) - emp0)[mask])
        gaps["school"].append((sch1.astype(int) - sch0)[mask & has_child])
    planted = {"consumption_log": fx.consumption_log, "poor": None, "outpatient": fx.outpatient_pp,
               "employment": fx.employment_pp, "school": fx.school_pp}
    columns = {"consumption_log": "log(consumption_pc)", "poor": "poor", "outpatient": "outpatient_visit",
               "employment": "employed", "school": "school_transition"}
    truth = pd.DataFrame([
        {"table": "households", "outcome": columns[o], "planted": planted[o],
         "realised_att": float(np.concatenate(g).mean()) if sum(map(len, g)) else np.nan,
         "note": "implied by the consumption effect and the poverty line" if o == "poor" else ""}
        for o, g in gaps.items()
    ])
    return pd.concat(frames, ignore_index=True), truth


def _villages(rng, kec, regions, years, fx: Effects):
    n_d = len(regions)
    k = np.repeat(np.arange(len(kec)), n_d // len(kec))
    cohort = kec["cohort"].to_numpy()[k]
    exposed_from = kec["exposed_from"].to_numpy()[k]
    population = rng.integers(800, 6000, n_d)
    households = (population / rng.uniform(3.4, 4.2, n_d)).astype(int)
    poor_households = (households * np.clip(kec["province_poverty_2010_pct"].to_numpy()[k] / 100
                                            * rng.uniform(0.7, 1.5, n_d), 0, 1)).astype(int)
    women_base, poor_base = rng.uniform(0.2, 0.4, n_d), rng.uniform(0.1, 0.3, n_d)
    # columns added for the indicator framework draw from a child stream, so the
    # original columns (and every published number at a given seed) are unchanged
    extra = rng.spawn(1)[0]
    frames: list[pd.DataFrame] = []
    gaps: dict[str, list[np.ndarray]] = {"women": [], "poor": []}
    for year in years:
        on = year >= exposed_from
        meetings = rng.poisson(np.where(on, 6, 2)) + 1
        attendance = np.minimum(meetings * rng.integers(20, 60, n_d), population)
        w0 = np.clip(women_base + rng.normal(0, 0.03, n_d), 0, 1)
        p0 = np.clip(poor_base + rng.normal(0, 0.03, n_d), 0, 1)
        w = np.where(on, np.clip(w0 + fx.women_share_pp, 0, 1), w0)
        p = np.where(on, np.clip(p0 + fx.poor_share_pp, 0, 1), p0)
        gaps["women"].append((np.clip(w0 + fx.women_share_pp, 0, 1) - w0)[on])
        gaps["poor"].append((np.clip(p0 + fx.poor_share_pp, 0, 1) - p0)[on])
        proposals = rng.poisson(np.where(on, 5, 1))
        groups = rng.poisson(np.where(on, 3, 0.5))
        loans = groups * rng.integers(8, 20, n_d) * 1_000_000
        due = np.round(loans * 0.9)
        built = rng.poisson(np.where(on, 1.5, 0.3))
        frames.append(pd.DataFrame({
            "desa_code": regions["desa_code"].to_numpy(), "kecamatan_code": regions["kecamatan_code"].to_numpy(),
            "province_code": regions["province_code"].to_numpy(), "year": year,
            "treated": on.astype(np.int8), "cohort": cohort,
            "population": population,
            "households": households, "poor_households": poor_households, "meetings_held": meetings,
            "attendance_total": attendance,
            "attendance_women": np.round(attendance * w).astype(int),
            "attendance_poor": np.round(attendance * p).astype(int),
            "accountability_meetings": rng.binomial(meetings, np.where(on, 0.35, 0.1)),
            "mkp_proposals": proposals, "mkp_funded": rng.binomial(proposals, 0.45),
            "spp_groups": groups, "spp_loans_rp": loans, "spp_due_rp": due,
            "spp_repaid_rp": np.round(due * rng.beta(8, 1.2, n_d)),
            "blm_received_rp": np.where(on, np.round(rng.uniform(1e9, 3e9, n_d) / (n_d / len(kec)), -6), 0.0),
            "infra_built": built, "infra_maintained": rng.binomial(built, 0.8),
            "budget_pro_poor_share": np.round(np.clip(rng.beta(2, 8, n_d) + 0.03 * on, 0, 1), 4),
            "partner_orgs": rng.poisson(np.where(on, 1.5, 1.0)),
            "ttg_adoption_share": np.round(np.clip(rng.beta(2, 10, n_d) + 0.02 * on, 0, 1), 4),
            "partner_funds_rp": np.round(extra.gamma(1.5, np.where(on, 30e6, 20e6)), -5),
            "gotong_royong_events": extra.poisson(np.where(on, 7, 5), n_d),
            "ict_access": extra.binomial(1, np.where(on, 0.35, 0.25)).astype(np.int8),
        }))
    truth = pd.DataFrame([
        {"table": "villages", "outcome": "attendance_women / attendance_total", "planted": fx.women_share_pp,
         "realised_att": float(np.concatenate(gaps["women"]).mean()), "note": "share before rounding to persons"},
        {"table": "villages", "outcome": "attendance_poor / attendance_total", "planted": fx.poor_share_pp,
         "realised_att": float(np.concatenate(gaps["poor"]).mean()), "note": "share before rounding to persons"},
    ])
    return pd.concat(frames, ignore_index=True), truth


def make_adults(seed: int = 1, households: int = 800, provinces: tuple[str, ...] = IE_PROVINCES) -> pd.DataFrame:
    """A synthetic A-WEAI-style individual module: a woman and a man per household, 0/1 adequacy.

    Women are less often adequate than men; in PNPM households women's group
    membership (SPP, MKP) is more often adequate. Labelled synthetic in ``attrs``.
    """
    rng = np.random.default_rng(seed)
    treated = rng.integers(0, 2, households)
    province = rng.choice(provinces, households)
    female = np.tile([1, 0], households)
    hh = np.repeat(np.arange(households), 2)
    base = {"input_decisions": (0.65, 0.85), "asset_ownership": (0.55, 0.85), "credit_decisions": (0.6, 0.75),
            "income_control": (0.7, 0.85), "group_membership": (0.45, 0.6), "workload": (0.6, 0.75)}
    columns = {}
    for name, (women, men) in base.items():
        p = np.where(female == 1, women, men)
        if name == "group_membership":
            p = p + 0.15 * (female == 1) * treated[hh]
        columns[name] = rng.binomial(1, p).astype(np.int8)
    adults = pd.DataFrame({"household_id": np.char.add("A", np.char.zfill((hh + 1).astype(str), 6)),
                           "female": female.astype(np.int8), "treated": treated[hh].astype(np.int8),
                           "province_code": province[hh], **columns})
    adults.attrs = {"synthetic": True, "source": f"pnpm_lib.synth.make_adults(seed={seed})"}
    return adults


STAGGERED_COHORTS = {2008: 0.12, 2010: 0.06, 2012: 0.02}
"""Entry year → effect in the entry year (log points) of ``make_staggered``; it then grows by
``STAGGERED_SLOPE`` a year. Early cohorts gain more, and every cohort gains more over time: the
heterogeneous, dynamic case in which a two-way fixed-effects regression is biased."""
STAGGERED_SLOPE = 0.025


def make_staggered(seed: int = 2007, n_kecamatan: int = 160, households_per_kecamatan: int = 8,
                   years: tuple[int, ...] = tuple(range(2005, 2015)), never_share: float = 0.3) -> tuple[
                       pd.DataFrame, pd.DataFrame]:
    """A synthetic household panel with staggered entry and planted cohort × event-time effects.

    Returns (households, truth): households have household_id, kecamatan_code, year, first_treated
    (0 = never), log_consumption, weight 1 and ``synthetic``; ``truth`` has the planted effect of every
    cohort at every event time (cohort, event_time, effect, households).
    """
    rng = np.random.default_rng(seed)
    cohorts = np.array([*STAGGERED_COHORTS, 0])
    share = (1 - never_share) / len(STAGGERED_COHORTS)
    entry = rng.choice(cohorts, n_kecamatan, p=[share] * len(STAGGERED_COHORTS) + [never_share])
    k = np.repeat(np.arange(n_kecamatan), households_per_kecamatan)
    n_h = len(k)
    level = rng.normal(0, 0.25, n_kecamatan)[k] + rng.normal(0, 0.35, n_h) + np.log(300_000.0)
    frames = []
    for year in years:
        g = entry[k]
        event = np.where(g > 0, year - g, -1)
        effect = np.where((g > 0) & (event >= 0),
                          np.vectorize(lambda c: STAGGERED_COHORTS.get(c, 0.0))(g) + STAGGERED_SLOPE * event, 0.0)
        frames.append(pd.DataFrame({
            "household_id": [f"S{i:06d}" for i in range(n_h)], "kecamatan_code": [f"K{c:04d}" for c in k],
            "year": year, "first_treated": g, "weight": 1.0,
            "log_consumption": level + 0.02 * (year - years[0]) + effect + rng.normal(0, 0.15, n_h),
        }))
    households = pd.concat(frames, ignore_index=True).assign(synthetic=True)
    households.attrs = {"synthetic": True, "source": f"pnpm_lib.synth.make_staggered(seed={seed})"}
    counts = pd.Series(entry).value_counts()
    truth = pd.DataFrame([{"cohort": c, "event_time": e, "effect": base + STAGGERED_SLOPE * e,
                           "households": int(counts.get(c, 0)) * households_per_kecamatan}
                          for c, base in STAGGERED_COHORTS.items() for e in range(0, years[-1] - c + 1)])
    return households, truth


NATIONAL_KECAMATAN, NATIONAL_HOUSEHOLDS, NATIONAL_DESA = 7000, 143, 11
"""The national scale of PNPM Rural: about 7,000 kecamatan, 77,000 desa and 1M households, in every 2010
province but DKI Jakarta (no rural kecamatan)."""


def national_panel(seed: int = 1) -> Panel:
    """The national synthetic panel: the same design as ``make_panel``, at country scale."""
    return make_panel(seed=seed, n_kecamatan=NATIONAL_KECAMATAN, households_per_kecamatan=NATIONAL_HOUSEHOLDS,
                      desa_per_kecamatan=NATIONAL_DESA,
                      provinces=tuple(c for c in PROVINCE_CODES_2010 if c != "31"))


def write_national(folder: Path, seed: int = 1) -> list[Path]:
    """The national panel as files a batch reads: households and villages (Parquet) and the kecamatan list
    (CSV, one brief each: ``region_level, region``). Every row carries ``synthetic = True``."""
    from pnpm_lib.atomic import write_atomic

    panel = national_panel(seed)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name, table in (("households", panel.households), ("villages", panel.villages)):
        path = folder / f"{name}.parquet"
        write_atomic(path, table.to_parquet(index=False))
        out.append(path)
    regions = pd.DataFrame({"region_level": "kecamatan", "region": sorted(panel.kecamatan["kecamatan_code"])})
    path = folder / "kecamatan.csv"
    write_atomic(path, regions.to_csv(index=False))
    return [*out, path]
