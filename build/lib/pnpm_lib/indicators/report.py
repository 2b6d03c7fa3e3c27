"""What the indicator notebook shows: data loading, summaries by region and arm, plain-language readings."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pnpm_lib import datasets, fmt, synth
from pnpm_lib.i18n import t
from pnpm_lib.indicators.alkire_foster import AFResult
from pnpm_lib.indicators.empowerment import IndexResult, adequacy, unit_column
from pnpm_lib.indicators.framework import Framework
from pnpm_lib.program import goal


@dataclass(frozen=True)
class Study:
    """Everything notebook 04 computes from its parameters before it shows anything."""

    villages: pd.DataFrame
    framework: Framework
    values: pd.DataFrame  # indicator values per unit and year
    mask: pd.Series  # rows of ``values`` in the region
    region: str
    level: str
    synthetic: bool
    seed: int
    source: str

    @property
    def years(self) -> tuple[int, int]:
        return int(self.values["year"].min()), int(self.values["year"].max())

    @property
    def last(self) -> pd.Series:
        return self.values["year"] == self.years[1]

    @property
    def latest(self) -> pd.DataFrame:
        return self.values[self.last]

    def where(self, lang: str) -> str:
        return region_label(self.region, lang)

    def labels(self, lang: str) -> dict[str, str]:
        return goal_labels(self.framework, lang)


def prepare(village_path: str, framework_path: str, region: str, level: str, seed: int) -> Study:
    """Load and validate the village table and framework, compute indicators at ``level``, select ``region``."""
    from pnpm_lib.errors import ConfigError
    from pnpm_lib.indicators.framework import DEFAULT_FRAMEWORK, compute, load_framework

    if level not in ("desa", "kecamatan"):
        raise ConfigError(f"level must be desa or kecamatan, got {level!r}")
    framework = load_framework(framework_path or DEFAULT_FRAMEWORK)
    villages, synthetic = load_villages(village_path, seed)
    values = compute(villages, framework, level)
    return Study(villages, framework, values, region_mask(values, region), region, level, synthetic, seed,
                 village_path)


def synthetic_banner(lang: str) -> str:
    return t("ind.synthetic_banner", lang)


def region_line(study: Study, lang: str) -> str:
    from pnpm_lib.evaluation.data import describe_source

    first, last = study.years
    return t("ind.region_line", lang, region=study.where(lang), level=t(f"ind.unit.{study.level}", lang),
             first=first, last=last, source=describe_source(study.source, study.seed, lang))


def framework_line(study: Study, lang: str) -> str:
    return t("ind.framework", lang, name=study.framework.title(lang), n=len(study.framework.indicators),
             file=study.framework.source.rsplit("/", 1)[-1])


def synthetic_columns(study: Study, lang: str):
    """Which framework columns only the synthetic panel has (column names shown as code)."""
    from pnpm_lib.render import with_literal

    return with_literal(t("ind.synthetic_columns", lang), ", ".join(study.framework.synthetic_columns), "note")


def outlier_line(result: IndexResult, framework: Framework, lang: str) -> str:
    """Which indicators were winsorised or logged before normalising (COINr-style outlier rule)."""
    labels = {i.key: getattr(i.label, lang) for i in framework.indicators}
    treated = []
    for key, how in result.treatment.items():  # "log" or "winsorised N" (composite.treat_outliers)
        kind, _, n = how.partition(" ")
        treated.append(t(f"ind.treatment.{kind}", lang, indicator=labels.get(key, key), n=int(n or 0)))
    return t("ind.outliers", lang, treatment=fmt.join(treated, lang) if treated else t("ind.no_treatment", lang))


def change_readings(result: IndexResult, study: Study, lang: str) -> list[str]:
    """One sentence per arm: how the index moved between the first and last year, and which goal moved it."""
    from pnpm_lib.indicators.empowerment import index_change

    last = study.last
    unit = unit_column(study.values)
    in_pnpm = study.values[unit].isin(study.values.loc[last & (study.values["treated"] == 1), unit])
    out = []
    for arm, arm_mask in ((t("ind.arm.pnpm", lang), in_pnpm), (t("ind.arm.comparison", lang), ~in_pnpm)):
        if (study.mask & arm_mask).any():
            change = index_change(result, study.values, study.mask & arm_mask, *study.years)
            out.append(change_reading(change, study.labels(lang), arm, lang))
    return out


def sensitivity_sentence(sens, study: Study, draws: int, lang: str) -> str:
    width = sens.ranks["rank_p95"] - sens.ranks["rank_p05"]
    n = len(sens.ranks)
    return t("ind.sensitivity", lang, draws=draws, shift=sens.mean_rank_shift, n=n,
             units=t(f"ind.unit.{study.level}", lang), wide=int((width > n / 3).sum()))


def unit_labels(codes: pd.Index) -> pd.Series:
    """Rank-chart labels: the unit's BPS code (synthetic units have no real name)."""
    return pd.Series(codes, index=codes)


def audit_synthetic(lang: str) -> str:
    return t("ind.audit_synthetic", lang)


def counting_sentence(af: AFResult, dropped: int, study: Study, lang: str) -> str:
    units = t(f"ind.unit.{study.level}", lang)
    return t("ind.counting", lang, unit=units, units=units, k=af.k, region=study.where(lang), year=study.years[1],
             H=af.H, A=af.A, M0=af.M0, dropped=dropped)


def gender_village(study: Study, lang: str) -> str:
    """Women's share of meeting attendance and of MKP proposals funded, from the village table."""
    women = study.villages[study.villages["year"] == study.years[1]]
    if study.region != "all":
        women = women[women["province_code"] == study.region]
    return t("ind.gender_village", lang, women=women["attendance_women"].sum() / women["attendance_total"].sum(),
             mkp=women["mkp_funded"].sum() / max(women["mkp_proposals"].sum(), 1), region=study.where(lang),
             year=study.years[1])


def gender_rows(seed: int, lang: str) -> list[str]:
    """5DE, GPI and WEAI by arm on the synthetic individual module."""
    from pnpm_lib.indicators.weai import A_WEAI_WEIGHTS, gender_view
    from pnpm_lib.synth import make_adults

    adults = make_adults(seed)
    rows = []
    for arm, flag in ((t("ind.arm.pnpm", lang), 1), (t("ind.arm.comparison", lang), 0)):
        g = gender_view(adults[adults["treated"] == flag], A_WEAI_WEIGHTS)
        rows.append(t("ind.gender_row", lang, arm=arm, w=g.five_de_women, m=g.five_de_men, gpi=g.gpi,
                      h=g.women_without_parity, weai=g.weai, n=g.dual_households))
    return rows


def footer(study: Study, parameters: dict, lang: str):
    """Provenance: framework and data hash in words, version and parameters as literal code."""
    from pnpm_lib import __version__
    from pnpm_lib.render import footer as line

    shown = ", ".join(f"{k}={v if v != '' else '(synthetic)' if k == 'village_path' else v or '(default)'}"
                      for k, v in parameters.items())
    return line(t("ind.footer", lang, framework=study.framework.title(lang), data_hash=fingerprint(study.villages)),
                f"pnpm_lib {__version__}; {shown}")


def load_villages(village_path: str = "", seed: int = 2007) -> tuple[pd.DataFrame, bool]:
    """The synthetic panel's village table (``village_path=""``) or a validated user file; synthetic?"""
    if not village_path:
        return synth.make_panel(seed=seed).villages, True
    return datasets.load_file(village_path, "villages"), False


def region_mask(values: pd.DataFrame, region: str) -> pd.Series:
    """Rows in ``region`` (a province code, or "all"); an unknown region is a clear error."""
    if region == "all":
        return pd.Series(True, index=values.index)
    mask = values["province_code"] == region
    if not mask.any():
        present = ", ".join(sorted(values["province_code"].unique()))
        raise ValueError(f"region {region!r} is not in the data; provinces present: {present}")
    return mask


def region_label(region: str, lang: str) -> str:
    if region == "all":
        return t("ind.all_regions", lang)
    return f"{region} {datasets.province_names().get(region, '')}".strip()


def goal_labels(framework: Framework, lang: str) -> dict[str, str]:
    return {g: goal(g).short(lang) for g in framework.goals}


def adequacy_summary(values: pd.DataFrame, framework: Framework, mask: pd.Series, lang: str) -> pd.DataFrame:
    """Per indicator: share of units meeting the cutoff in the region and among all units."""
    ok = adequacy(values, framework)
    return pd.DataFrame({
        "goal": [goal(i.goal).short(lang) for i in framework.indicators],
        "indicator": [getattr(i.label, lang) for i in framework.indicators],
        "region": ok[mask].mean().to_numpy(),
        "all": ok.mean().to_numpy(),
    })


def by_arm_and_year(result: IndexResult, values: pd.DataFrame, mask: pd.Series, years: tuple[int, int],
                    lang: str) -> pd.DataFrame:
    """Mean goal contributions per arm (PNPM / comparison, as of the last year) and year."""
    last = values["year"] == years[1]
    unit = unit_column(values)
    in_pnpm = values[unit].isin(values.loc[last & (values["treated"] == 1), unit])
    rows = {}
    for arm, arm_mask in ((t("ind.arm.pnpm", lang), in_pnpm), (t("ind.arm.comparison", lang), ~in_pnpm)):
        for year in years:
            sel = mask & arm_mask & (values["year"] == year)
            if sel.any():
                rows[f"{arm} {year}"] = result.contributions[sel].mean()
    return pd.DataFrame(rows).T


def change_reading(change: pd.Series, labels: dict[str, str], arm: str, lang: str) -> str:
    """One sentence: how much the index moved and which goal moved it most."""
    goals = change.drop("index")
    top = str(goals.abs().idxmax())
    if abs(change["index"]) < 1:
        return t("ind.reading.flat", lang, arm=arm, span=change.name, delta=change["index"], goal=labels[top],
                 part=goals[top])
    return t("ind.reading.change", lang, arm=arm, span=change.name, delta=change["index"],
             goal=labels[top], part=goals[top], share=goals[top] / change["index"] if change["index"] else 0.0)


def counting_by_goal(af: AFResult, framework: Framework, lang: str) -> pd.Series:
    """Alkire–Foster contributions summed by goal (they add up to 1)."""
    by_goal = {i.key: goal(i.goal).short(lang) for i in framework.indicators}
    return af.contributions.groupby(pd.Series(by_goal)).sum().reindex([goal(g).short(lang) for g in framework.goals])


def audit_display(coherence: pd.DataFrame, labels: dict[str, str], lang: str) -> pd.DataFrame:
    """The audit table in words: goal names, α and r in the page's locale, flags spelled out."""
    return pd.DataFrame({
        t("ind.col.goal", lang): coherence["goal"].map(labels),
        t("ind.col.indicators", lang): coherence["indicators"].astype(int),
        t("ind.col.alpha", lang): [fmt.decimal(v, 2, lang) for v in coherence["alpha"]],
        t("ind.col.r_min", lang): [fmt.decimal(v, 2, lang) for v in coherence["r_min"]],
        t("ind.col.r_max", lang): [fmt.decimal(v, 2, lang) for v in coherence["r_max"]],
        t("ind.col.flags", lang): [fmt.join([t(f"ind.flag.{f}", lang) for f in flags.split(", ") if f], lang)
                                   if flags else "" for flags in coherence["flags"]],
    })


def counting_display(af: AFResult, framework: Framework, lang: str) -> pd.DataFrame:
    """Alkire–Foster contributions by goal as a reader's table."""
    by_goal = counting_by_goal(af, framework, lang)
    return pd.DataFrame({t("ind.col.goal", lang): by_goal.index,
                         t("ind.col.contribution", lang): [fmt.share(v, 1, lang) for v in by_goal]})


def fingerprint(frame: pd.DataFrame) -> str:
    """A hash of the analysed rows for the footer: same data, same hash."""
    import hashlib

    return hashlib.sha256(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes()).hexdigest()[:12]


def _indicator_labels(framework: Framework, lang: str) -> dict[str, str]:
    return {i.key: getattr(i.label, lang) for i in framework.indicators}


def sobol_sentence(result, lang: str) -> str:
    """Which choice drives the ranks most (largest total effect), with its interval and the design size."""
    top = result.table["total"].idxmax()
    row = result.table.loc[top]
    return t("ind.sobol.sentence", lang, factor=t(f"ind.sobol.factor.{top}", lang), total=row["total"],
             low=row["total_low"], high=row["total_high"], n=result.n, runs=result.runs,
             level=round(result.confidence * 100))


def factor_labels(result, lang: str) -> dict[str, str]:
    """Reader's names of the sensitivity analysis' factors."""
    return {factor: t(f"ind.sobol.factor.{factor}", lang) for factor in result.table.index}


def strengths_choose(lang: str) -> str:
    return t("ind.strengths.choose", lang)


def strengths_line(study: Study, peers: pd.DataFrame, lang: str) -> str:
    return t("ind.strengths.line", lang, region=study.where(lang), peers=len(peers) - 1, year=study.years[1])


def leave_one_out_display(table: pd.DataFrame, framework: Framework, lang: str, top: int = 5) -> pd.DataFrame:
    """The indicators whose removal moves ranks most: mean and 95th-percentile rank shift."""
    labels = _indicator_labels(framework, lang)
    shown = table.sort_values("mean_shift", ascending=False).head(top)
    return pd.DataFrame({t("ind.col.indicator", lang): [labels[k] for k in shown.index],
                         t("ind.col.mean_shift", lang): [fmt.decimal(v, 1, lang) for v in shown["mean_shift"]],
                         t("ind.col.p95_shift", lang): [fmt.integer(v, lang) for v in shown["p95_shift"]]})


def effective_display(eff: pd.DataFrame, framework: Framework, lang: str) -> pd.DataFrame:
    """Nominal weight beside what each indicator actually does to the index."""
    labels = _indicator_labels(framework, lang)
    return pd.DataFrame({t("ind.col.indicator", lang): [labels[k] for k in eff.index],
                         t("ind.col.weight", lang): [fmt.share(v, 1, lang) for v in eff["nominal"]],
                         t("ind.col.mean_share", lang): [fmt.share(v, 1, lang) for v in eff["mean_share"]],
                         t("ind.col.importance", lang): [fmt.share(v, 1, lang) for v in eff["importance"]]})


def strengths_display(sw: pd.DataFrame, framework: Framework, lang: str) -> pd.DataFrame:
    """Strongest and weakest indicators of a region among its peers, as a reader's table."""
    labels = _indicator_labels(framework, lang)
    return pd.DataFrame({t("ind.col.kind", lang): [t(f"ind.kind.{k}", lang) for k in sw["kind"]],
                         t("ind.col.indicator", lang): [labels[k] for k in sw["indicator"]],
                         t("ind.col.rank", lang): [t("ind.rank_of", lang, rank=int(r), of=int(o))
                                                   for r, o in zip(sw["rank"], sw["of"], strict=True)]})


def province_values(study: Study) -> pd.DataFrame:
    """Indicator values per province in the last year: the peers a province is compared with."""
    from pnpm_lib.indicators.framework import compute

    last = study.villages[study.villages["year"] == study.years[1]]
    return compute(last, study.framework, "province")


def gap_sentence(af: AFResult, lang: str) -> str:
    """M1 and M2 when the indicators are cardinal; otherwise why they are not shown."""
    if af.M1 is None:
        return t("ind.gap.none", lang)
    return t("ind.gap", lang, M1=af.M1, M2=af.M2, G=af.G or 0.0, S=af.S or 0.0)


def status_line(study: Study, lang: str):
    """IDM and IPD status of the region's villages in the last year, where the table carries the scores."""
    from pnpm_lib.indicators.village_status import ipd_status, status
    from pnpm_lib.render import paragraph, with_literal

    last = study.villages[study.villages["year"] == study.years[1]]
    if study.region != "all":
        last = last[last["province_code"] == study.region]
    parts = []
    for column, classify, key in (("idm_score", status, "idm"), ("ipd_score", ipd_status, "ipd")):
        if column in last and last[column].notna().any():
            counts = classify(last[column].dropna()).value_counts(normalize=True)
            parts.append(t(f"ind.status.{key}", lang, shares=fmt.join(
                [f"{name} {fmt.share(share, 0, lang)}" for name, share in counts.items()], lang)))
    return paragraph(" ".join(parts)) if parts else with_literal(t("ind.status.none", lang), "idm_score, ipd_score")
