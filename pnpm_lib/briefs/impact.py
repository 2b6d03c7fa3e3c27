"""Content of the regional impact brief: the best evidence for a region, said plainly, disclosure-checked.

A brief answers one question for one region (province, kabupaten or
kecamatan): did PNPM Rural raise household welfare here? It re-estimates the
2×2 DiD of the evaluation notebook and reports it in natural units (%, Rp,
percentage points) with 95% intervals, never stars.

**Every brief informs.** The estimate comes from the smallest area that
supports one: the region itself, else its kabupaten, province, island group,
or the whole evaluation sample (``evidence``). A wider-area estimate is marked
as such, with why the region has none and what the number can and cannot say
about it. Beside it, what is known locally: BPS poverty of the province, and
the region's programme and empowerment indicators from the village table with
its rank and rank interval among its peers.

**Nothing recoverable.** What a brief prints passes ``pnpm_lib.disclosure``:
an area with fewer than five kecamatan or one arm gets no estimate, an outcome
whose arm × round cell is below the minimum is not shown, the sample table is
suppressed with its margins protected, and the attrition rate — which with the
table's total would give back a hidden cell — is printed only when no cell is
hidden (``published_counts`` lists every count a brief prints, for the test
that tries to solve for hidden cells).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import partial

import numpy as np
import pandas as pd

from pnpm_lib import datasets, disclosure, fmt, regions
from pnpm_lib.errors import EvaluationError
from pnpm_lib.evaluation import power
from pnpm_lib.evaluation.data import LEVELS, Sample
from pnpm_lib.evaluation.did import Headline, did_table, headline
from pnpm_lib.evaluation.estimate import FEW_CLUSTERS
from pnpm_lib.evaluation.report import outcome_label
from pnpm_lib.i18n import t

OUTCOMES = ("log_consumption", "poor", "outpatient_visit", "school_transition", "employed")
"""The PNPM Rural IE's headline outcomes (consumption, poverty, health, schooling, work)."""
HEADLINE = "log_consumption"
CLUSTER_FLOOR = 10
"""Below this many kecamatan a brief shows the interval with a caution and no p-value at all."""
ESTIMATION_LEVELS = ("kecamatan", "kabupaten", "province", "island", "all")
"""From the most local area to the whole sample: where an estimate may come from."""


@dataclass(frozen=True)
class Region:
    """An area a brief speaks about: a BPS region, an island group, or the whole evaluation sample."""

    level: str  # kecamatan, kabupaten, province, island, all
    code: str  # BPS code; the island group's name; "all"
    name: str = ""  # real name where known (provinces, island groups)
    synthetic: bool = False  # a made-up region of the synthetic panel (its code is not the real place's)

    @property
    def province(self) -> str:
        return self.code[:2] if self.level in ("province", "kabupaten", "kecamatan") else ""

    def label(self, lang: str = "id") -> str:
        """``Provinsi Jawa Tengah (33)``, ``kabupaten sintetis 3301 (Jawa Tengah)``, ``kelompok pulau Jawa``."""
        if self.level == "province":
            return t("brief.region.province", lang, name=self.name, code=self.code)
        if self.level in ("kabupaten", "kecamatan"):
            kind = "synthetic" if self.synthetic else "real"
            province = datasets.province_names()[self.province]
            return t(f"brief.region.{self.level}.{kind}", lang, code=self.code, province=province)
        if self.level == "island":
            return t("brief.region.island", lang, name=self.name)
        return t("brief.region.all", lang)


def region(level: str, code: str | int, synthetic: bool = True) -> Region:
    """The region named by a brief's parameters (a province's name from the BPS 2010 list)."""
    code = regions.check_covered(regions.check_code(level, code))
    if level == "province":
        return Region(level, code, datasets.province_names()[code])
    return Region(level, code, synthetic=synthetic)


def enclosing(where: Region) -> list[Region]:
    """The areas around ``where``, smallest first: kabupaten, province, island group, the whole sample."""
    out = []
    if where.level == "kecamatan":
        out.append(Region("kabupaten", where.code[:4], synthetic=where.synthetic))
    if where.level in ("kecamatan", "kabupaten"):
        out.append(Region("province", where.province, datasets.province_names()[where.province]))
    if where.province:
        island = regions.island_group(where.province)
        out.append(Region("island", island, island))
    return [*out, Region("all", "all")]


@dataclass(frozen=True)
class Findings:
    """What the brief can publish about one area's estimate."""

    area: Region
    table: pd.DataFrame  # one row per outcome: did_table columns + comparison_mean, shown, reason
    clusters: dict[str, int]  # kecamatan by arm
    households: disclosure.Suppressed  # household interviews by arm × survey year, suppressed
    estimable: bool
    reason: str = ""  # why no effect is published: not_in_sample, few_clusters, one_arm, thin_arm
    suppressed: list[str] = field(default_factory=list)  # outcomes hidden for small cells
    attrition: float = float("nan")  # share of baseline households not re-interviewed
    years: tuple[int, int] = (0, 0)

    @property
    def n_clusters(self) -> int:
        return sum(self.clusters.values())

    def row(self, outcome: str) -> dict | None:
        if not self.estimable:
            return None
        rows = self.table[(self.table["outcome"] == outcome) & self.table["shown"]]
        return rows.iloc[0].to_dict() if len(rows) else None

    def headline(self) -> dict:
        """The headline outcome's row; only for findings the brief leads with (``informative``)."""
        row = self.row(HEADLINE)
        if row is None:
            raise ValueError(f"{self.area.code}: no publishable {HEADLINE} estimate")
        return row

    @property
    def informative(self) -> bool:
        """An estimate a brief can lead with: the area is estimable and its headline outcome is shown."""
        return self.row(HEADLINE) is not None


def findings(sample: Sample, area: Region, min_cell: int = disclosure.MIN_CELL, lang: str = "id") -> Findings:
    """Estimate every outcome for the area's households and apply the publication rules."""
    disclosure.check_min_cell(min_cell)
    hh = sample.households
    arms = hh.drop_duplicates("kecamatan_code").groupby("treated")["kecamatan_code"].size()
    clusters = {"treatment": int(arms.get(1, 0)), "comparison": int(arms.get(0, 0))}
    years = survey_years(sample)
    counts = disclosure.suppress_counts(households_by_arm(hh, years, lang), min_cell, t("brief.total", lang))
    base = partial(Findings, area=area, clusters=clusters, households=counts, attrition=attrition(hh), years=years)
    reason = _no_estimate_reason(clusters)
    if reason:
        return base(table=pd.DataFrame(columns=["outcome", "shown"]), estimable=False, reason=reason)
    rows = [_outcome_row(hh, outcome, min_cell) for outcome in OUTCOMES]
    hidden = [outcome_name(r["outcome"], lang) for r in rows if not r["shown"]]
    return base(table=pd.DataFrame(rows), estimable=True, suppressed=hidden)


def _no_estimate_reason(clusters: dict[str, int]) -> str:
    total = sum(clusters.values())
    if total == 0:
        return "not_in_sample"
    if not disclosure.can_estimate(total):
        return "few_clusters"
    if min(clusters.values()) == 0:
        return "one_arm"
    if min(clusters.values()) < 2:  # one kecamatan in an arm: its households are not a comparison group
        return "thin_arm"
    return ""


def _outcome_row(hh: pd.DataFrame, outcome: str, min_cell: int) -> dict:
    """One outcome's DiD, or a row saying why it is not shown (small cell, or not estimable)."""
    used = hh.dropna(subset=[outcome, "weight"])
    cells = used.groupby(["treated", "post"]).size()
    if any(cells.get((a, p), 0) < min_cell for a in (0, 1) for p in (0, 1)):
        return {"outcome": outcome, "shown": False, "reason": "small_cell"}
    try:
        row = did_table(used, [outcome], weights="weight").iloc[0].to_dict()
    except EvaluationError as exc:
        return {"outcome": outcome, "shown": False, "reason": str(exc)}
    follow = used[(used["treated"] == 0) & (used["post"] == 1)]
    level = float(np.average(follow[outcome], weights=follow["weight"]))
    # consumption: the geometric mean, the level the % effect (a log-point DiD) applies to, as in the chart
    row["comparison_mean"] = math.exp(level) if outcome == HEADLINE else level
    row["level_hidden"] = "" if outcome == HEADLINE else \
        disclosure.share_hidden(int((follow[outcome] == 1).sum()), len(follow), min_cell)
    if row["level_hidden"]:  # e.g. 100% of 12 children: the share would tell each one's
        row["comparison_mean"] = float("nan")
    return row | {"shown": True, "reason": ""}


@dataclass(frozen=True)
class Evidence:
    """The best estimate for a region: its own, or that of the smallest enclosing area that supports one."""

    region: Region
    local: Findings  # the region's own findings (perhaps not estimable)
    best: Findings | None  # the findings the brief leads with (None: nothing estimable anywhere)

    @property
    def is_local(self) -> bool:
        return self.best is not None and self.best.area == self.region

    @property
    def kind(self) -> str:
        """local, wider (a wider area's estimate) or context (no estimate at all)."""
        return "context" if self.best is None else "local" if self.is_local else "wider"


def outcome_name(outcome: str, lang: str = "id") -> str:
    """Reader-facing outcome name; consumption is reported as a % change, not in logs."""
    return t("brief.outcome.consumption", lang) if outcome == HEADLINE else outcome_label(outcome, lang)


def survey_years(sample: Sample) -> tuple[int, int]:
    """Baseline and follow-up survey years (the round numbers of a file without ``year``)."""
    hh = sample.households
    if "year" in hh and not hh.empty:
        years = hh.groupby("post")["year"].min()
        if 0 in years and 1 in years:
            return int(years[0]), int(years[1])
    return sample.rounds


def households_by_arm(hh: pd.DataFrame, years: tuple[int, int], lang: str = "id") -> pd.DataFrame:
    """Households interviewed per arm (rows) and survey (columns): the brief's sample-size table."""
    arm, survey = hh["treated"].to_numpy(), hh["post"].to_numpy()  # counted directly: crosstab was 5 ms a brief
    counts = [[int(((arm == a) & (survey == s)).sum()) for s in (0, 1)] for a in (1, 0)]
    return pd.DataFrame(counts, index=pd.Index([t("brief.arm.treatment", lang), t("brief.arm.comparison", lang)],
                                               name=t("brief.col.group", lang)),
                        columns=[t("brief.col.survey", lang, year=years[0]), t("brief.col.survey", lang, year=years[1])])


def attrition(hh: pd.DataFrame) -> float:
    """Share of baseline households with no follow-up interview."""
    rounds = hh.groupby("household_id")["post"].agg(["min", "max"])
    baseline = rounds[rounds["min"] == 0]
    return float((baseline["max"] == 0).mean()) if len(baseline) else float("nan")


def clear(row: dict) -> int:
    """+1 / −1 when the 95% interval is above / below zero, 0 when it includes zero or there is none."""
    shown = headline(row)
    if not shown.has_interval:
        return 0
    low, high = shown.bounds
    return 1 if low > 0 else -1 if high < 0 else 0


def no_interval_text(shown: Headline, clusters: int, lang: str) -> str:
    """Why an estimate has no 95% interval, in the reader's words."""
    return t(f"eval.no_interval.{shown.reason}", lang, clusters=clusters)


def natural_number(outcome: str, value: float, lang: str = "id") -> str:
    """An effect or bound as a signed number: a % change for consumption (log points), points otherwise."""
    if outcome == HEADLINE:
        return fmt.percent(100 * (math.exp(value) - 1), 1, lang, signed=True)
    return fmt.points(100 * value, 1, lang)


def effect_value(outcome: str, value: float, lang: str = "id") -> str:
    """An effect in natural units with its unit word for shares ("+3,7 poin persen")."""
    number = natural_number(outcome, value, lang)
    return number if outcome == HEADLINE else t("brief.pp", lang, v=number)


def effect_text(row: dict, lang: str = "id") -> tuple[str, str]:
    """The effect and its 95% interval in natural units: % for consumption, percentage points otherwise.

    Without an interval (too few kecamatan for any test to reject, or nothing to test) the second part says why.
    """
    shown = headline(row)
    effect = effect_value(row["outcome"], row["did_estimate"], lang)
    if not shown.has_interval:  # "none": the reason is said once, in the key message, caution and note
        return effect, t("eval.ci_none", lang)
    low, high = (natural_number(row["outcome"], v, lang) for v in shown.bounds)
    unit = "" if row["outcome"] == HEADLINE else " " + t("brief.pp_unit", lang)
    return effect, t("eval.interval", lang, low=low, high=high) + unit


def level_text(row: dict, lang: str = "id") -> str:
    """The comparison group's follow-up level in natural units (Rp a month, or % of households)."""
    if row["outcome"] == HEADLINE:
        return t("brief.rp_month", lang, v=row["comparison_mean"])
    if row.get("level_hidden"):
        return t(f"brief.hidden.{row['level_hidden']}", lang)
    return fmt.share(row["comparison_mean"], 1, lang)


def title(where: Region, lang: str = "id") -> str:
    return t("brief.title", lang, region=where.label(lang))


def key_message(ev: Evidence, lang: str = "id") -> str:
    """The one sentence a reader must take away, led by the consumption result and where it comes from."""
    if ev.best is None:
        return t("brief.key.none", lang, region=ev.region.label(lang))
    row = ev.best.headline()
    effect, ci = effect_text(row, lang)
    shown = headline(row)
    direction = {1: "up", -1: "down", 0: "unclear"}[clear(row)] if shown.has_interval else "nointerval"
    if not shown.has_interval:
        ci = no_interval_text(shown, int(row["clusters"]), lang)
    scope = "local" if ev.is_local else "wider"
    return t(f"brief.key.{scope}.{direction}", lang, region=ev.region.label(lang), area=ev.best.area.label(lang),
             effect=effect, ci=ci)


def scope_text(ev: Evidence, lang: str = "id") -> str:
    """Where the estimate comes from and what it can say about this region, in plain words."""
    if ev.best is None:
        return t("brief.scope.none", lang, region=ev.region.label(lang))
    f = ev.best
    counts = {"n": f.n_clusters, "treatment": f.clusters["treatment"], "comparison": f.clusters["comparison"]}
    if ev.is_local:
        return t("brief.scope.local", lang, region=ev.region.label(lang), **counts)
    why = why_not_local(ev.local, lang)
    return t("brief.scope.wider", lang, region=ev.region.label(lang), area=f.area.label(lang), why=why, **counts)


def why_not_local(local: Findings, lang: str) -> str:
    """Why the region has no estimate of its own (one sentence, never a count of 0 presented as a design)."""
    if local.reason == "not_in_sample":
        return t("brief.why.not_in_sample", lang)
    if local.reason == "few_clusters":
        return t("brief.why.few_clusters", lang, n=local.n_clusters, min=disclosure.MIN_CLUSTERS)
    if local.reason == "one_arm":
        arm = "treatment" if local.clusters["comparison"] == 0 else "comparison"
        return t(f"brief.why.one_arm.{arm}", lang, n=local.n_clusters)
    if local.reason == "thin_arm":
        arm = "comparison" if local.clusters["comparison"] < 2 else "treatment"
        return t(f"brief.why.thin_arm.{arm}", lang, n=local.n_clusters)
    return t("brief.why.suppressed", lang)


def bullets(ev: Evidence, lang: str = "id") -> list[str]:
    """One sentence per published outcome: magnitude, interval and whether the interval excludes zero."""
    if ev.best is None:
        return []
    out = []
    for row in ev.best.table[ev.best.table["shown"]].to_dict("records"):
        effect, ci = effect_text(row, lang)
        out.append(t("brief.bullet", lang, outcome=outcome_name(row["outcome"], lang), effect=effect, ci=ci,
                     level=level_text(row, lang), verdict=t(f"brief.verdict.{clear(row)}", lang)))
    return out


def reading_guide(ev: Evidence, lang: str = "id") -> list[str]:
    """What the interval means, what each published outcome measures, which way ranks run."""
    items = [t("brief.guide.interval", lang)]
    if ev.best is not None:
        items += [t(f"brief.guide.outcome.{row['outcome']}", lang)
                  for row in ev.best.table[ev.best.table["shown"]].to_dict("records")]
    return [*items, t("brief.guide.ranks", lang)]


def p_value_text(row: dict, clusters: int, lang: str) -> str:
    """The p-value a reader sees: wild-bootstrap below 40 kecamatan when there is one, none below the floor."""
    p = headline(row).p_value
    return fmt.DASH if clusters < CLUSTER_FLOOR or p is None else fmt.p_value(p, lang)


def results_display(f: Findings, lang: str = "id") -> pd.DataFrame:
    """The compact ieddtab-style table: comparison level, effect, 95% interval, p, N and kecamatan."""
    rows = []
    for row in f.table.to_dict("records"):
        label = outcome_name(row["outcome"], lang)
        if not row["shown"]:
            rows.append({t("eval.col.outcome", lang): label, t("brief.col.level", lang): "",
                         t("brief.col.effect", lang): t("brief.suppressed", lang), t("brief.col.ci", lang): "",
                         t("eval.col.p", lang): "", t("eval.col.n_clusters", lang): ""})
            continue
        effect, ci = effect_text(row, lang)
        rows.append({t("eval.col.outcome", lang): label, t("brief.col.level", lang): level_text(row, lang),
                     t("brief.col.effect", lang): effect, t("brief.col.ci", lang): ci,
                     t("eval.col.p", lang): p_value_text(row, f.n_clusters, lang),
                     t("eval.col.n_clusters", lang): f"{fmt.integer(row['n'], lang)} / {fmt.integer(row['clusters'], lang)}"})
    return disclosure.aggregate_only(pd.DataFrame(rows), "results table")


def table_note(f: Findings, lang: str = "id") -> str:
    """How the table was estimated: weighting, clustering, which interval (the headline's), units, and which p."""
    lead = f.row(HEADLINE)
    shown = headline(lead) if lead is not None else None
    method = shown.method if shown is not None else "crv1"
    interval = t("brief.interval.none", lang, n=f.n_clusters) if shown is not None and not shown.has_interval \
        and shown.reason == "cannot_reject" else t(f"brief.interval.{'wild' if method == 'wild' else 'crv1'}", lang)
    if f.n_clusters < CLUSTER_FLOOR:
        no_interval = shown is not None and not shown.has_interval
        p = t("brief.p.none_nointerval" if no_interval else "brief.p.none", lang, floor=CLUSTER_FLOOR)
    else:
        p = t("brief.p.wild" if method == "wild" else "brief.p.crv1", lang)
    return t("brief.table_note", lang, treatment=f.clusters["treatment"], comparison=f.clusters["comparison"],
             interval=interval, p=p)


def few_clusters_caution(f: Findings, lang: str = "id") -> str:
    """A caution sentence when the estimate rests on fewer than 40 kecamatan ("" otherwise)."""
    from pnpm_lib.evaluation.bootstrap import can_reject, p_floor

    if f.n_clusters >= FEW_CLUSTERS:
        return ""
    if not can_reject(f.n_clusters):
        return t("brief.caution.nointerval", lang, n=f.n_clusters, floor=100 * p_floor(f.n_clusters))
    key = "brief.caution.floor" if f.n_clusters < CLUSTER_FLOOR else "brief.caution.few"
    return t(key, lang, n=f.n_clusters, few=FEW_CLUSTERS)


def design_text(f: Findings, lang: str = "id") -> str:
    return t("brief.design", lang, area=f.area.label(lang), first=f.years[0], last=f.years[1], **f.clusters)


def sample_note(f: Findings, min_cell: int, lang: str = "id") -> str:
    note = t("brief.sample_note", lang, min=min_cell)
    if f.households.n_hidden:
        note += " " + t("brief.sample_suppressed", lang)
    return note


def attrition_shown(f: Findings) -> bool:
    """Attrition is printed only when no cell of the sample table is hidden (with the total it gives one back)."""
    return not math.isnan(f.attrition) and f.households.n_hidden == 0


NATIONAL_PERIOD = "2010-03"
"""The provincial file does not state its month; it is probably March 2010 (pnpm-facts §3.3)."""


def context_facts(where: Region) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The BPS rows the brief's context cites: the province in 2010 and the national rate of March 2010."""
    provinces = datasets.provinces_2010()
    national = datasets.national_poverty()
    return (provinces[provinces["province_code"] == where.province],
            national[national["period"] == NATIONAL_PERIOD])


def context_text(where: Region, lang: str = "id") -> str:
    """Real BPS poverty of the region's province (R2 sourced), whatever the brief's data; rank 1 = poorest."""
    province, national = context_facts(where)
    p, rate = province.iloc[0], float(national["poverty_rate_pct"].iloc[0])
    diff = round(float(p["poverty_rate_pct"]) - rate, 2)
    direction = "above" if diff > 0 else "below" if diff < 0 else "equal"
    return t("brief.context", lang, province=f"{p['province_name']}", pct=float(p["poverty_rate_pct"]),
             national=rate, diff=abs(diff), direction=t(f"brief.{direction}", lang), rank=int(p["rank"]),
             n=len(datasets.provinces_2010()))


def locator_map(where: Region, lang: str = "id"):
    """The 33 provinces as dots with the region's province ringed: where this brief is."""
    from pnpm_lib import maps
    from pnpm_lib.render import Html

    names = datasets.province_names()
    dots = [maps.Dot(code, None, names[code], highlight=code == where.province) for code in maps.points()["province_code"]]
    alt = t("brief.map.alt", lang, province=names[where.province])
    return Html(f'<figure class="locator">{maps.province_map(dots, alt)}</figure>')


def sources_table(where: Region, lang: str = "id") -> pd.DataFrame:
    """The publications behind the context figures, with their confidence in words."""
    return datasets.citations(*context_facts(where), lang=lang)


@dataclass(frozen=True)
class RegionIndex:
    """The region's empowerment index (0–100) in the last year, and how sure its rank is."""

    index: float
    rank: int  # 1 = the highest index
    rank_low: int  # 5th percentile of simulated ranks
    rank_high: int  # 95th percentile
    units: int  # regions of the same level ranked
    year: int
    draws: int
    women: float  # women's share of meeting attendance, the region
    women_all: float  # the same over all regions of the table
    mkp: float  # share of MKP (women's) proposals funded, the region
    mkp_all: float
    women_counts: tuple[int, int] = (0, 0)  # women attending, all attending: the share's part and whole
    mkp_counts: tuple[int, int] = (0, 0)  # MKP proposals funded, proposed


@dataclass(frozen=True)
class IndexTable:
    """Every region of one level: its index, rank interval and programme shares (computed once per batch)."""

    index: pd.Series  # by region code
    ranks: pd.DataFrame  # nominal_rank, rank_p05, rank_p95 by region code
    latest: pd.DataFrame  # the last year's village rows, with parent codes
    column: str  # the level's code column
    year: int
    draws: int
    counts: pd.DataFrame  # SHARE_COUNTS summed by region code (a region's shares without scanning every village)


SHARE_COUNTS = ["attendance_women", "attendance_total", "mkp_funded", "mkp_proposals"]


def index_table(villages: pd.DataFrame, level: str, draws: int = 1000) -> IndexTable | None:
    """The empowerment index (default framework) of every region of ``level`` in the last year, with rank
    intervals over ``draws`` simulated method choices; None when no region can be scored."""
    from pnpm_lib.evaluation.data import with_parent_codes
    from pnpm_lib.indicators.empowerment import empowerment_index
    from pnpm_lib.indicators.framework import compute, load_framework
    from pnpm_lib.indicators.sensitivity import uncertainty

    framework = load_framework()
    year = int(villages["year"].max())
    latest = with_parent_codes(villages[villages["year"] == year])
    values = compute(latest, framework, level).set_index(LEVELS[level])
    if values.empty:
        return None
    index = empowerment_index(values.reset_index(drop=True), framework).index.set_axis(values.index)
    sims = uncertainty(values[framework.keys], framework.directions, framework.weights, draws=draws)
    counts = latest.groupby(LEVELS[level])[SHARE_COUNTS].sum()
    return IndexTable(index, sims.ranks, latest, LEVELS[level], year, draws, counts)


def score_of(table: IndexTable, code: str) -> RegionIndex | None:
    """One region's figures from its level's table; None when it has no scored villages."""
    if code not in table.ranks.index or pd.isna(table.index.get(code)):
        return None
    nominal, low, high = table.ranks.loc[code, ["nominal_rank", "rank_p05", "rank_p95"]].to_numpy(dtype=int)
    mine, every = table.counts.loc[code], table.counts.sum()
    assert isinstance(mine, pd.Series)  # one row: codes are unique in a groupby

    def share(counts: pd.Series, part: str, whole: str) -> float:
        return float(counts[part] / counts[whole]) if counts[whole] else float("nan")

    return RegionIndex(float(table.index[code]), int(nominal), int(low), int(high), len(table.ranks), table.year,
                       table.draws, share(mine, "attendance_women", "attendance_total"),
                       share(every, "attendance_women", "attendance_total"),
                       share(mine, "mkp_funded", "mkp_proposals"), share(every, "mkp_funded", "mkp_proposals"),
                       (int(mine["attendance_women"]), int(mine["attendance_total"])),
                       (int(mine["mkp_funded"]), int(mine["mkp_proposals"])))


def region_index(villages: pd.DataFrame, where: Region, draws: int = 1000) -> RegionIndex | None:
    """Index of ``where`` among all regions of its level (default framework), its rank interval, and two
    programme indicators; None when the village table has no scored row for the region.

    ``villages`` is the whole village table, so the region is ranked against its peers.
    """
    if where.level not in LEVELS:
        return None
    table = index_table(villages, where.level, draws)
    return None if table is None else score_of(table, where.code)


def index_bullets(score: RegionIndex, where: Region, lang: str = "id", min_cell: int = disclosure.MIN_CELL) -> list[str]:
    """The region's programme indicators against all regions, and its index with its rank interval.

    A share is printed only when ``disclosure.share_hidden`` allows it (5–9 MKP proposals, "0 of 5 funded", were
    printed before); otherwise the sentence says why it is not.
    """
    plural = t(f"brief.plural.{where.level}", lang)

    def local(key: str, hidden_key: str, value: float, every: float, counts: tuple[int, int]) -> str:
        hidden = disclosure.share_hidden(*counts, min_cell)
        if hidden:
            return t(hidden_key, lang, year=score.year, all=every, why=t(f"brief.hidden.{hidden}", lang, min=min_cell))
        return t(key, lang, year=score.year, value=value, all=every)

    return [
        local("brief.local.women", "brief.local.women_hidden", score.women, score.women_all, score.women_counts),
        local("brief.local.mkp", "brief.local.mkp_hidden", score.mkp, score.mkp_all, score.mkp_counts),
        t("brief.local.index" if score.rank_low != score.rank_high else "brief.local.index_fixed", lang,
          year=score.year, index=score.index, rank=score.rank, units=score.units, level_plural=plural,
          draws=score.draws, low=score.rank_low, high=score.rank_high),  # "between 1 and 1" said as a reader would
    ]


def caveats(ev: Evidence, synthetic: bool, lang: str = "id") -> list[str]:
    """Only the caveats that apply to what this brief shows."""
    items = []
    f = ev.best
    if f is not None:
        items.append(t("brief.caveat.parallel", lang))
        shown = int(f.table["shown"].sum())
        if shown > 1:
            items.append(t("brief.caveat.multiple", lang, n=shown))
        if attrition_shown(f):
            items.append(t("brief.caveat.attrition", lang, pct=100 * f.attrition))
        if f.suppressed:
            items.append(t("brief.caveat.suppressed", lang, outcomes=fmt.join(f.suppressed, lang)))
        if not ev.is_local:
            items.append(t("brief.caveat.wider", lang, area=f.area.label(lang), region=ev.region.label(lang)))
    if ev.region.synthetic:
        items.append(t("brief.caveat.synthetic_region", lang, code=ev.region.code))
    if synthetic:
        items.append(t("brief.caveat.synthetic", lang))
    return items


def implications(ev: Evidence, lang: str = "id") -> list[str]:
    """What the numbers support: keep funding where effects are clear, more data where they are not."""
    f = ev.best
    if f is None:
        return [t("brief.policy.collect", lang, region=ev.region.label(lang)), t("brief.policy.monitor", lang)]
    out = []
    row = f.headline()
    if clear(row) == 1:
        out.append(t("brief.policy.sustain" if ev.is_local else "brief.policy.sustain_wider", lang,
                     area=f.area.label(lang)))
    unclear = [r for r in f.table[f.table["shown"]].to_dict("records") if clear(r) == 0]
    if unclear and f.area.level != "all":
        out.append(power_text(f, unclear[0]["outcome"], lang))
    if not ev.is_local:
        out.append(t("brief.policy.local_data", lang, region=ev.region.label(lang)))
    out.append(t("brief.policy.monitor", lang))
    return out


def mde_text(f: Findings, outcome: str, lang: str) -> str:
    """The smallest effect this design could detect for ``outcome``, in the outcome's natural unit."""
    mde = f.table.loc[f.table["outcome"] == outcome, "mde"].iloc[0] if "mde" in f.table else float("nan")
    return effect_value(outcome, mde, lang)


def power_text(f: Findings, outcome: str, lang: str) -> str:
    """Why "not clear" is not "no effect": the design's MDE, or that nothing is detectable with so few kecamatan."""
    mde = f.table.loc[f.table["outcome"] == outcome, "mde"].iloc[0] if "mde" in f.table else float("nan")
    if math.isinf(mde):
        return t("brief.policy.power_none", lang, n=f.n_clusters)
    return t("brief.policy.power", lang, outcome=outcome_name(outcome, lang), mde=mde_text(f, outcome, lang),
             n=f.n_clusters)


def with_mde(f: Findings) -> Findings:
    """``f`` with each shown outcome's MDE (80% power, 5% two-sided) of the design that was estimated.

    From the estimate's own SE (``power.mde_of_estimate``), not an ex-ante design rebuilt from one round:
    that gave +217% for a kabupaten whose DiD SE implies about +38%.
    """
    if not f.estimable:
        return f
    table = f.table.copy()
    table["mde"] = [power.mde_of_estimate(float(r["did_se"]), int(r["clusters"])) if r["shown"] else float("nan")
                    for r in table.to_dict("records")]
    return Findings(f.area, table, f.clusters, f.households, f.estimable, f.reason, f.suppressed, f.attrition,
                    f.years)


def published_counts(f: Findings, chart: bool) -> dict[str, float]:
    """Every count-like number a brief prints about ``f``'s sample, by what it is.

    ``cell:<arm>:<year>`` and ``total:*`` are the visible cells and margins of the
    sample table, ``attrition`` the printed share, ``chart:<arm>`` the N under the
    chart's bars (the follow-up cells), ``n:<outcome>`` the N of the results table.
    The disclosure test solves these as linear equations for the hidden cells.
    """
    out: dict[str, float] = {}
    counts, hidden = f.households.counts, f.households.hidden
    for row in counts.index:
        for col in counts.columns:
            if not hidden.loc[row, col]:
                out[f"cell:{row}:{col}"] = float(counts.loc[row, col])
    if attrition_shown(f):
        out["attrition"] = f.attrition
    headline = f.row(HEADLINE)
    if chart and headline is not None:
        out["chart:comparison"] = float(headline["control_change_n"])
        out["chart:treatment"] = float(headline["treatment_change_n"])
    for row in f.table[f.table["shown"]].to_dict("records") if f.estimable else []:
        out[f"n:{row['outcome']}"] = float(row["n"])
    return out


def provenance(part, parameters: dict) -> dict:
    """What produced the brief, for its footer and results.json: source, parameters, versions, and the hash of
    the input data it read (``slices.Part.key``: its areas' rows and its index figures)."""
    from pnpm_lib import __version__

    ev = part.evidence
    from pathlib import Path

    from pnpm_lib.briefs.params import PATH_PARAMETERS  # light: a kernel must not import nbformat

    # a file by its name: the folder is the machine's, and the input hash already says which file it was
    shown = {k: ("(synthetic)" if v == "" else Path(str(v)).name if k in PATH_PARAMETERS else v)
             for k, v in parameters.items() if k not in ("results_path", "slice_path")}
    best = ev.best
    return {"source": part.source, "synthetic": part.synthetic, "toolkit": __version__,
            "parameters": ", ".join(f"{k}={v}" for k, v in shown.items()), "data_hash": part.key,
            "region_level": ev.region.level, "region": ev.region.code, "evidence": ev.kind,
            "estimate_area": None if best is None else f"{best.area.level}:{best.area.code}",
            "estimate_clusters": None if best is None else best.n_clusters,
            "local_reason": ev.local.reason, "weighted": True,
            "suppressed": [] if best is None else best.suppressed}


def records(ev: Evidence, synthetic: bool) -> list[dict]:
    """The published estimates as results.json records (suppressed outcomes carry only their reason)."""
    from pnpm_lib.evaluation.results import from_table

    f = ev.best
    if f is None:
        return []
    shown = f.table[f.table["shown"]]
    hidden = [{"outcome": r["outcome"], "subgroup": "all", "note": f"suppressed: {r['reason']}"}
              for r in f.table.to_dict("records") if not r["shown"]]
    section = "brief" if ev.is_local else f"brief:{f.area.level}:{f.area.code}"
    return from_table(shown, synthetic, section) + from_table(pd.DataFrame(hidden), synthetic, section)
