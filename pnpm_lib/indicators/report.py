"""What the indicator notebook shows: data loading, summaries by region and arm, plain-language readings."""

from __future__ import annotations

import pandas as pd

from pnpm_lib import datasets, synth
from pnpm_lib.i18n import t
from pnpm_lib.indicators.alkire_foster import AFResult
from pnpm_lib.indicators.empowerment import IndexResult, adequacy, unit_column
from pnpm_lib.indicators.framework import Framework
from pnpm_lib.program import goal


def load_villages(village_path: str = "", seed: int = 2007) -> tuple[pd.DataFrame, str, bool]:
    """The synthetic panel's village table (``village_path=""``) or a validated user file."""
    if not village_path:
        return (synth.make_panel(seed=seed).villages,
                f"synthetic panel, pnpm_lib.synth.make_panel(seed={seed}) — not real data", True)
    return datasets.load_file(village_path, "villages"), str(village_path), False


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
        "cutoff": [f"{'≥' if i.direction == 1 else '≤'} {i.cutoff:g} ({i.unit})" for i in framework.indicators],
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
    top = goals.abs().idxmax()
    if abs(change["index"]) < 1:
        return t("ind.reading.flat", lang, arm=arm, span=change.name, delta=change["index"], goal=labels[top],
                 part=goals[top])
    return t("ind.reading.change", lang, arm=arm, span=change.name, delta=change["index"],
             goal=labels[top], part=goals[top], share=goals[top] / change["index"] if change["index"] else 0.0)


def counting_by_goal(af: AFResult, framework: Framework, lang: str) -> pd.Series:
    """Alkire–Foster contributions summed by goal (they add up to 1)."""
    by_goal = {i.key: goal(i.goal).short(lang) for i in framework.indicators}
    return af.contributions.groupby(by_goal).sum().reindex([goal(g).short(lang) for g in framework.goals])


def fingerprint(frame: pd.DataFrame) -> str:
    """A hash of the analysed rows for the footer: same data, same hash."""
    import hashlib

    return hashlib.sha256(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes()).hexdigest()[:12]
