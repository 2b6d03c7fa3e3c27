"""Content of the provincial brief: the figures it shows and where they come from."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

import pandas as pd

from pnpm_lib import datasets
from pnpm_lib.briefs.config import brief_name
from pnpm_lib.briefs.export import write_atomic
from pnpm_lib.i18n import t

TEMPLATE_STEM = "brief_provinsi"
NATIONAL_PERIOD = "2010-03"
"""The provincial file does not state its month; it is probably March 2010 (pnpm-facts §3.3)."""


@dataclass(frozen=True)
class ProvinceFacts:
    code: str
    name: str
    island_group: str
    poverty_rate_pct: float
    national_rate_pct: float
    diff_pp: float
    rank: int
    n_provinces: int
    synthetic: bool = False


def province_facts(code: str) -> ProvinceFacts:
    """The 2010 poverty rate of province ``code`` against the national March-2010 rate."""
    provinces = datasets.provinces_2010()
    row = provinces.loc[provinces["province_code"] == code]
    if row.empty:
        raise KeyError(f"unknown BPS province code {code!r}; valid: {', '.join(provinces['province_code'])}")
    national = datasets.national_poverty()
    national_rate = float(national.loc[national["period"] == NATIONAL_PERIOD, "poverty_rate_pct"].iloc[0])
    r = row.iloc[0]
    return ProvinceFacts(
        code=code, name=str(r["province_name"]), island_group=str(r["island_group"]),
        poverty_rate_pct=float(r["poverty_rate_pct"]), national_rate_pct=national_rate,
        diff_pp=round(float(r["poverty_rate_pct"]) - national_rate, 2), rank=int(r["rank"]),
        n_provinces=len(provinces),
    )


def key_message(f: ProvinceFacts, lang: str = "id") -> str:
    direction = "above" if f.diff_pp > 0 else "below" if f.diff_pp < 0 else "equal"
    return t("brief.key_message", lang, pct=f.poverty_rate_pct, name=f.name, diff=abs(f.diff_pp),
             direction=t(f"brief.{direction}", lang), national=f.national_rate_pct,
             rank=f.rank, n=f.n_provinces)


def sources_table(lang: str = "id") -> pd.DataFrame:
    """Every source behind the brief's numbers, with its confidence code."""
    used = datasets.sources(datasets.provinces_2010(), datasets.national_poverty())
    return used.rename(columns={"source": t("brief.sources_heading", lang), "confidence": "R1/R2"})


def write_facts(f: ProvinceFacts, output_dir: str, lang: str) -> Path | None:
    """Write the brief's figures as JSON beside its HTML, for schedulers and dashboards."""
    if not output_dir:
        return None
    out = Path(output_dir).resolve()
    path = out / "json" / f"{brief_name(TEMPLATE_STEM, 'province', f.code, lang)}.json"
    record = {**asdict(f), "data_hash": datasets.data_hash(), "national_period": NATIONAL_PERIOD}
    write_atomic(path, json.dumps(record, indent=2, ensure_ascii=False))
    return path
