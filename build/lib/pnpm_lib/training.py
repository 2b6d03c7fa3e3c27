"""What-if helpers for the workshop notebooks: the funding rules shown as small bilingual tables.

Each helper takes plain values, so a participant edits a number and runs the
cell again (works in any export); ``sliders`` wraps the same helper in
ipywidgets where a kernel runs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd

from pnpm_lib import funding
from pnpm_lib.fmt import rupiah as rp
from pnpm_lib.fmt import share
from pnpm_lib.i18n import t


def blm_what_if(desa_tertinggal: int, fiscal_capacity: str, lang: str = "id") -> pd.DataFrame:
    """BLM of a kecamatan and its APBN/APBD split, as a two-column table."""
    blm = funding.blm_allocation(desa_tertinggal) * 1e9
    split = funding.dub_ddub(blm, fiscal_capacity)
    return pd.DataFrame({t("train.col.item", lang): [t("train.item.blm", lang), "DUB (APBN)", "DDUB (APBD)"],
                         t("train.col.amount", lang): [rp(blm, lang), rp(split.dub, lang), rp(split.ddub, lang)]})


def spp_what_if(principal: float, monthly_rate: float, months: int, lang: str = "id") -> pd.DataFrame:
    """Total jasa and instalments of the same loan, flat vs declining balance."""
    rows = []
    for method in ("flat", "declining"):
        plan = funding.repayment_schedule(principal, monthly_rate, months, method)
        rows.append({t("train.col.method", lang): t(f"train.method.{method}", lang),
                     t("train.col.first", lang): rp(plan["instalment"].iloc[0], lang),
                     t("train.col.last", lang): rp(plan["instalment"].iloc[-1], lang),
                     t("train.col.jasa", lang): rp(plan["jasa"].sum(), lang)})
    return pd.DataFrame(rows)


def proposals_table(proposals: Sequence[funding.Proposal], lang: str = "id") -> pd.DataFrame:
    return pd.DataFrame([{t("train.col.village", lang): p.village, t("train.col.cost", lang): rp(p.cost, lang),
                          t("train.col.score", lang): p.score,
                          t("train.col.repayment", lang): share(p.spp_repayment, 0, lang)}
                         for p in proposals])


def mad_what_if(blm_rp: float, proposals: Sequence[funding.Proposal], lang: str = "id") -> pd.DataFrame:
    """Who the MAD funds, in rank order, and why the others are not funded."""
    result = funding.mad_allocation(blm_rp, proposals)
    rows = [{t("train.col.village", lang): p.village, t("train.col.cost", lang): rp(p.cost, lang),
             t("train.col.decision", lang): t("train.funded", lang)} for p in result.funded]
    costs = {p.village: p.cost for p in proposals}
    rows += [{t("train.col.village", lang): v, t("train.col.cost", lang): rp(costs[v], lang),
              t("train.col.decision", lang): t("train.not_funded", lang, left=rp(left, lang))}
             for v, left in result.not_funded.items()]
    return pd.DataFrame(rows)


def sliders(helper: Callable[..., pd.DataFrame], lang: str = "id", **ranges) -> None:
    """Show the same what-if with sliders (ipywidgets; needs a running kernel, so exports leave it out)."""
    from IPython.display import display
    from ipywidgets import interactive

    from pnpm_lib.render import table

    display(interactive(lambda **values: display(table(helper(**values, lang=lang), lang)), **ranges))
