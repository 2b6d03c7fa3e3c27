"""Content of the regional impact brief: estimates, sentences and tables, all disclosure-checked.

A brief answers one question for one region (province, kabupaten or
kecamatan): did PNPM Rural raise household welfare here? It re-estimates the
2×2 DiD of the evaluation notebook on the region's households and reports it
in natural units (%, Rp, percentage points) with 95% CIs, never stars. What it
publishes passes ``pnpm_lib.disclosure``: a region with fewer than five
kecamatan gets no estimate, an outcome whose arm × round cell is below the
minimum count is not shown, and the sample-size table is suppressed with
margins protected. Layout: evaluation-methods §5 (J-PAL briefcase, World Bank
"From Evidence to Policy").
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from pnpm_lib import datasets, disclosure, fmt
from pnpm_lib.errors import EvaluationError
from pnpm_lib.evaluation import power
from pnpm_lib.evaluation.data import LEVELS, Sample, restrict
from pnpm_lib.evaluation.did import did_table
from pnpm_lib.evaluation.report import outcome_label
from pnpm_lib.i18n import t

OUTCOMES = ("log_consumption", "poor", "outpatient_visit", "school_transition", "employed")
"""The PNPM Rural IE's headline outcomes (consumption, poverty, health, schooling, work)."""
HEADLINE = "log_consumption"


@dataclass(frozen=True)
class Region:
    level: str
    code: str
    name: str  # "Jawa Tengah", or "" where no real name is known (synthetic kabupaten)

    def label(self, lang: str = "id") -> str:
        """``Provinsi 33 Jawa Tengah`` / ``Kabupaten 3301``: the level, the BPS code, the name if known."""
        return " ".join(p for p in (t(f"impact.level.{self.level}", lang), self.code, self.name) if p)

    @property
    def province(self) -> str:
        return self.code[:2]


def region(level: str, code: str | int) -> Region:
    """The region named by a brief's parameters; names only for provinces (BPS 2010 list)."""
    code = str(code)  # `papermill -p region 33` passes an int
    if level not in LEVELS:
        raise EvaluationError(f"unknown level {level!r}; valid: {', '.join(LEVELS)}")
    width = {"province": 2, "kabupaten": 4, "kecamatan": 7}[level]
    if len(code) != width or not code.isdigit():
        raise EvaluationError(f"a {level} code has {width} digits, got {code!r}")
    names = datasets.province_names()
    if code[:2] not in names:
        raise EvaluationError(f"{code!r} does not start with a BPS province code; valid: {', '.join(names)}")
    return Region(level, code, names[code] if level == "province" else "")


def region_sample(full: Sample, where: Region) -> Sample:
    """The region's part of ``full``; a province outside the sample gives an empty sample (its brief says so)."""
    column = LEVELS[where.level]
    if where.level == "province" and where.code not in set(full.households[column]):
        return _empty(full, where)
    return restrict(full, where.code, where.level)


def _empty(full: Sample, where: Region) -> Sample:
    villages = None if full.villages is None else full.villages.iloc[0:0]
    return Sample(full.households.iloc[0:0], villages, full.synthetic, f"{full.source}; {where.level} {where.code}",
                  full.rounds, full.seed)


@dataclass(frozen=True)
class Findings:
    """What the brief can publish about one region."""

    region: Region
    table: pd.DataFrame  # one row per outcome: did_table columns + comparison_mean, shown, reason
    clusters: dict[str, int]  # kecamatan by arm
    households: disclosure.Suppressed  # households by arm × round, suppressed
    estimable: bool
    reason: str = ""  # why no effect is published (too few kecamatan, one arm missing)
    suppressed: list[str] = field(default_factory=list)  # outcomes hidden for small cells
    attrition: float = float("nan")  # share of baseline households not re-interviewed

    def row(self, outcome: str) -> dict | None:
        rows = self.table[(self.table["outcome"] == outcome) & self.table["shown"]]
        return rows.iloc[0].to_dict() if len(rows) else None


def findings(sample: Sample, where: Region, min_cell: int = disclosure.MIN_CELL, lang: str = "id") -> Findings:
    """Estimate every outcome for the region's households and apply the publication rules."""
    disclosure.check_min_cell(min_cell)
    hh = sample.households
    arms = hh.drop_duplicates("kecamatan_code").groupby("treated")["kecamatan_code"].size()
    clusters = {"treatment": int(arms.get(1, 0)), "comparison": int(arms.get(0, 0))}
    counts = households_by_arm(hh, lang)
    base = {"region": where, "clusters": clusters, "households": disclosure.suppress_counts(counts, min_cell),
            "attrition": attrition(hh)}
    reason = _no_estimate_reason(clusters, lang)
    if reason:
        return Findings(table=pd.DataFrame(columns=["outcome", "shown"]), estimable=False, reason=reason, **base)
    rows, hidden = [], []
    for outcome in OUTCOMES:
        row = _outcome_row(hh, outcome, min_cell, lang)
        rows.append(row)
        if not row["shown"]:
            hidden.append(outcome_name(outcome, lang))
    return Findings(table=pd.DataFrame(rows), estimable=True, suppressed=hidden, **base)


def _no_estimate_reason(clusters: dict[str, int], lang: str) -> str:
    total = sum(clusters.values())
    if total == 0:
        return t("impact.not_in_sample", lang)
    if not disclosure.can_estimate(total):
        return t("impact.too_few_clusters", lang, n=total, min=disclosure.MIN_CLUSTERS)
    if min(clusters.values()) == 0:
        return t("impact.one_arm", lang, **clusters)
    return ""


def _outcome_row(hh: pd.DataFrame, outcome: str, min_cell: int, lang: str) -> dict:
    """One outcome's DiD, or a row saying why it is not shown (small cell, or not estimable)."""
    used = hh.dropna(subset=[outcome, "weight"])
    cells = used.groupby(["treated", "post"]).size()
    small = [key for key in [(a, p) for a in (0, 1) for p in (0, 1)] if cells.get(key, 0) < min_cell]
    if small:
        return {"outcome": outcome, "shown": False, "reason": t("impact.small_cell", lang, min=min_cell)}
    try:
        row = did_table(used, [outcome], weights="weight").iloc[0].to_dict()
    except EvaluationError as exc:
        return {"outcome": outcome, "shown": False, "reason": str(exc)}
    follow = used[(used["treated"] == 0) & (used["post"] == 1)]
    level = float(np.average(follow[outcome], weights=follow["weight"]))
    # consumption: the geometric mean, the level the % effect (a log-point DiD) applies to, as in the chart
    row["comparison_mean"] = math.exp(level) if outcome == HEADLINE else level
    return row | {"shown": True, "reason": ""}


def outcome_name(outcome: str, lang: str = "id") -> str:
    """Reader-facing outcome name; consumption is reported as a % change, not in logs."""
    return t("impact.outcome.consumption", lang) if outcome == HEADLINE else outcome_label(outcome, lang)


def households_by_arm(hh: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """Households interviewed per arm (rows) and round (columns): the brief's sample-size table."""
    table = pd.crosstab(hh["treated"], hh["year"] if "year" in hh else hh["round"]).reindex([1, 0], fill_value=0)
    table.index = pd.Index([t("impact.arm.treatment", lang), t("impact.arm.comparison", lang)],
                           name=t("impact.col.group", lang))
    table.columns = [str(c) for c in table.columns]
    return table


def attrition(hh: pd.DataFrame) -> float:
    """Share of baseline households with no follow-up interview."""
    rounds = hh.groupby("household_id")["post"].agg(["min", "max"])
    baseline = rounds[rounds["min"] == 0]
    return float((baseline["max"] == 0).mean()) if len(baseline) else float("nan")


def effect_text(row: dict, lang: str = "id") -> tuple[str, str]:
    """The effect and its 95% CI in natural units: % for consumption, percentage points otherwise."""
    values = (row["did_estimate"], row["did_ci_low"], row["did_ci_high"])
    if row["outcome"] == HEADLINE:
        pct = [fmt.percent(100 * (math.exp(v) - 1), 1, lang, signed=True) for v in values]
        return pct[0], t("eval.interval", lang, low=pct[1], high=pct[2])
    pp = [fmt.points(100 * v, 1, lang) for v in values]
    return t("impact.pp", lang, v=pp[0]), t("eval.interval", lang, low=pp[1], high=pp[2])


def level_text(row: dict, lang: str = "id") -> str:
    """The comparison group's follow-up level in natural units (Rp/month or %)."""
    if row["outcome"] == HEADLINE:
        return t("impact.rp_month", lang, v=row["comparison_mean"])
    return fmt.share(row["comparison_mean"], 1, lang)


def clear(row: dict) -> int:
    """+1 / −1 when the 95% CI is above / below zero, 0 when it includes zero."""
    return 1 if row["did_ci_low"] > 0 else -1 if row["did_ci_high"] < 0 else 0


def title(where: Region, lang: str = "id") -> str:
    return t("impact.title", lang, region=where.label(lang))


def key_message(f: Findings, lang: str = "id") -> str:
    """The one sentence a reader must take away, led by the consumption result."""
    if not f.estimable:
        return t("impact.key.none", lang, region=f.region.label(lang), reason=f.reason)
    row = f.row(HEADLINE)
    if row is None:
        return t("impact.key.suppressed", lang, region=f.region.label(lang))
    effect, ci = effect_text(row, lang)
    key = {1: "impact.key.up", -1: "impact.key.down", 0: "impact.key.unclear"}[clear(row)]
    return t(key, lang, region=f.region.label(lang), effect=effect, ci=ci)


def bullets(f: Findings, lang: str = "id") -> list[str]:
    """One sentence per published outcome: magnitude, 95% CI and whether the CI excludes zero."""
    out = []
    for row in f.table[f.table["shown"]].to_dict("records"):
        effect, ci = effect_text(row, lang)
        verdict = t(f"impact.verdict.{clear(row)}", lang)
        out.append(t("impact.bullet", lang, outcome=outcome_name(row["outcome"], lang), effect=effect, ci=ci,
                     level=level_text(row, lang), verdict=verdict))
    return out


def results_display(f: Findings, lang: str = "id") -> pd.DataFrame:
    """The compact ieddtab-style table: comparison level, effect, 95% CI, p, N and kecamatan."""
    rows = []
    for row in f.table.to_dict("records"):
        label = outcome_name(row["outcome"], lang)
        if not row["shown"]:
            rows.append({t("eval.col.outcome", lang): label, t("impact.col.level", lang): "",
                         t("impact.col.effect", lang): t("impact.suppressed", lang), t("eval.col.ci", lang): "",
                         t("eval.col.p", lang): "", t("eval.col.n_clusters", lang): ""})
            continue
        effect, ci = effect_text(row, lang)
        p = row["did_p_value_wild"] if pd.notna(row.get("did_p_value_wild")) else row["did_p_value"]
        rows.append({t("eval.col.outcome", lang): label, t("impact.col.level", lang): level_text(row, lang),
                     t("impact.col.effect", lang): effect, t("eval.col.ci", lang): ci, t("eval.col.p", lang): fmt.p_value(p, lang),
                     t("eval.col.n_clusters", lang): f"{fmt.integer(row['n'], lang)} / {fmt.integer(row['clusters'], lang)}"})
    return disclosure.aggregate_only(pd.DataFrame(rows), "results table")


def table_note(f: Findings, lang: str = "id") -> str:
    wild = any(pd.notna(v) for v in f.table.get("did_p_value_wild", pd.Series(dtype=float)))
    return t("impact.table_note", lang, **f.clusters) + (" " + t("impact.wild_note", lang) if wild else "")


def design_text(f: Findings, sample: Sample, lang: str = "id") -> str:
    return t("impact.design", lang, region=f.region.label(lang), first=survey_years(sample)[0],
             last=survey_years(sample)[1], **f.clusters)


def survey_years(sample: Sample) -> tuple[int, int]:
    """Baseline and follow-up years (the round numbers when the file has no ``year``)."""
    hh = sample.households
    if "year" not in hh or hh.empty:
        return sample.rounds
    years = hh.groupby("post")["year"].min()
    return int(years.get(0, sample.rounds[0])), int(years.get(1, sample.rounds[1]))


NATIONAL_PERIOD = "2010-03"
"""The provincial file does not state its month; it is probably March 2010 (pnpm-facts §3.3)."""


def context_facts(where: Region) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The BPS rows the brief's context cites: the province in 2010 and the national rate of March 2010."""
    provinces = datasets.provinces_2010()
    national = datasets.national_poverty()
    return (provinces[provinces["province_code"] == where.province],
            national[national["period"] == NATIONAL_PERIOD])


def context_text(where: Region, lang: str = "id") -> str:
    """Real BPS figures for the region's province (R1/R2 sourced), whatever the brief's data."""
    province, national = context_facts(where)
    p, rate = province.iloc[0], float(national["poverty_rate_pct"].iloc[0])
    diff = round(float(p["poverty_rate_pct"]) - rate, 2)
    direction = "above" if diff > 0 else "below" if diff < 0 else "equal"
    return t("impact.context", lang, province=f"{where.province} {p['province_name']}",
             pct=float(p["poverty_rate_pct"]), national=rate, diff=abs(diff),
             direction=t(f"impact.{direction}", lang), rank=int(p["rank"]), n=len(datasets.provinces_2010()))


def sources_table(where: Region, lang: str = "id") -> pd.DataFrame:
    """The sources of the context figures, with their confidence codes."""
    return datasets.citations(*context_facts(where), lang=lang)


def provenance(f: Findings, full: Sample, sample: Sample, parameters: dict) -> dict:
    """What produced the brief, for its footer and results.json: source, parameters, versions, input hash."""
    from pnpm_lib import __version__

    shown = {k: (v if v != "" else "(synthetic)") for k, v in parameters.items() if k != "results_path"}
    return {"source": sample.source, "synthetic": full.synthetic, "toolkit": __version__,
            "parameters": ", ".join(f"{k}={v}" for k, v in shown.items()), "data_hash": full.fingerprint(),
            "region_level": f.region.level, "region": f.region.code, "estimable": f.estimable,
            "reason": f.reason, "suppressed": f.suppressed}


def records(f: Findings, synthetic: bool) -> list[dict]:
    """The published estimates as results.json records (suppressed outcomes carry only their reason)."""
    from pnpm_lib.evaluation.results import from_table

    shown = f.table[f.table["shown"]] if f.estimable else f.table.iloc[0:0]
    hidden = [{"outcome": r["outcome"], "subgroup": "all", "note": f"suppressed: {r['reason']}"}
              for r in f.table.to_dict("records") if not r["shown"]]
    return from_table(shown, synthetic, "brief") + from_table(pd.DataFrame(hidden), synthetic, "brief")


def caveats(f: Findings, synthetic: bool, lang: str = "id") -> list[str]:
    """Identification, attrition, multiple outcomes, suppression and synthetic data, as they apply."""
    items = [t("impact.caveat.parallel", lang), t("impact.caveat.multiple", lang)]
    if not math.isnan(f.attrition):
        items.append(t("impact.caveat.attrition", lang, pct=100 * f.attrition))
    hidden = f.households.n_hidden
    if f.suppressed or hidden:
        items.append(t("impact.caveat.suppressed", lang, outcomes=", ".join(f.suppressed) or "–", cells=hidden))
    if synthetic:
        items.append(t("impact.caveat.synthetic", lang))
    return items


def implications(f: Findings, sample: Sample, lang: str = "id") -> list[str]:
    """What the numbers support: scale-up where effects are clear, a bigger sample where they are not."""
    if not f.estimable:
        return [t("impact.policy.pool", lang, province=f.region.province)]
    out = []
    row = f.row(HEADLINE)
    if row is not None and clear(row) == 1:
        out.append(t("impact.policy.sustain", lang))
    unclear = [r for r in f.table[f.table["shown"]].to_dict("records") if clear(r) == 0]
    if unclear:
        mde = minimum_detectable(sample, unclear[0]["outcome"])
        out.append(t("impact.policy.power", lang, outcome=outcome_name(unclear[0]["outcome"], lang),
                     mde=effect_text({"outcome": unclear[0]["outcome"], "did_estimate": mde, "did_ci_low": 0,
                                      "did_ci_high": 0}, lang)[0], clusters=sum(f.clusters.values())))
    out.append(t("impact.policy.monitor", lang))
    return out


def minimum_detectable(sample: Sample, outcome: str) -> float:
    """MDE (80% power, 5% two-sided) of this region's design for one outcome, at baseline."""
    base = sample.households[sample.households["post"] == 0].dropna(subset=[outcome])
    sizes = base.groupby("kecamatan_code").size()
    design = power.Design(clusters=len(sizes), cluster_size=float(sizes.mean()),
                          icc=power.icc(base, outcome, "kecamatan_code"), sd=float(base[outcome].std()),
                          share_treated=float(base["treated"].mean()),
                          cv_cluster_size=power.cluster_size_cv(base, "kecamatan_code"))
    return power.mde(design)


@dataclass(frozen=True)
class RegionIndex:
    """The region's empowerment index (0–100) in the last year, and how sure its rank is."""

    index: float
    rank: int
    rank_low: int  # 5th percentile of simulated ranks
    rank_high: int  # 95th percentile
    units: int  # regions of the same level ranked
    year: int
    draws: int


def index_text(score: RegionIndex, where: Region, lang: str = "id") -> str:
    return t("impact.index", lang, year=score.year, index=score.index, rank=score.rank, units=score.units,
             level_plural=t(f"impact.plural.{where.level}", lang), draws=score.draws, low=score.rank_low,
             high=score.rank_high)


def region_index(villages: pd.DataFrame, where: Region, draws: int = 1000) -> RegionIndex | None:
    """Index of ``where`` among all regions of its level (default framework), with its rank interval.

    ``villages`` is the whole village table, not only the region's, so the
    region is ranked against its peers; None when the region has no scored row.
    """
    from pnpm_lib.indicators.empowerment import empowerment_index
    from pnpm_lib.indicators.framework import compute, load_framework
    from pnpm_lib.indicators.sensitivity import uncertainty

    framework = load_framework()
    year = int(villages["year"].max())
    values = compute(villages[villages["year"] == year], framework, where.level)
    values = values.set_index(LEVELS[where.level])
    index = empowerment_index(values.reset_index(drop=True), framework).index.set_axis(values.index)
    sims = uncertainty(values[framework.keys], framework.directions, framework.weights, draws=draws)
    if where.code not in sims.ranks.index or pd.isna(index.get(where.code)):
        return None
    r = sims.ranks.loc[where.code]
    return RegionIndex(float(index[where.code]), int(r["nominal_rank"]), int(r["rank_p05"]), int(r["rank_p95"]),
                       len(sims.ranks), year, draws)
