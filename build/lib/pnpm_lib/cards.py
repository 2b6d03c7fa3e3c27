"""What-if cards ("kartu simulasi"): the BLM, SPP and MAD rules as single HTML files with sliders.

A card needs no Python and no internet: one self-contained file that opens on
any laptop or phone. Every value a card can show is computed here by
``pnpm_lib.funding`` and formatted by ``fmt`` in the card's language; the page's
script only looks the precomputed text up, so there is no second implementation
of the rules (and ``tests/test_cards.py`` checks every value against the
library).
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass, replace
from html import escape
from pathlib import Path

from pnpm_lib import fmt, funding
from pnpm_lib.atomic import write_atomic
from pnpm_lib.exercises import MAD_EXAMPLE
from pnpm_lib.i18n import t

BLM_OPTIONS = (1_000_000_000, 1_250_000_000, 1_500_000_000, 1_750_000_000, 2_000_000_000)
SPP_PRINCIPALS = tuple(range(1_000_000, 10_000_001, 1_000_000))
SPP_RATES = tuple(round(0.005 + 0.001 * i, 3) for i in range(21))  # 0.5% … 2.5% a month
SPP_MONTHS = tuple(range(3, funding.SPP_MAX_TERM_MONTHS + 1))


@dataclass(frozen=True)
class Control:
    """One input of a card: a slider over ``options`` (shown as ``labels``) or a select."""

    name: str
    label: str
    options: list
    labels: list[str]
    start: int  # index of the starting option
    kind: str = "range"  # range or select


@dataclass(frozen=True)
class Card:
    key: str
    lang: str
    title: str
    intro: str
    controls: list[Control]
    outputs: list[str]  # labels of the result rows
    values: dict[str, list[str]]  # "i-j-k" (option indices) → one formatted text per output
    source: str


def blm_card(lang: str = "id") -> Card:
    """BLM by number of desa tertinggal, and its DUB/DDUB split by fiscal capacity."""
    villages = list(funding.BLM_BY_DESA_TERTINGGAL)
    classes = list(funding.DDUB_SHARE)
    values = {}
    for i, n in enumerate(villages):
        blm = funding.blm_allocation(n) * 1e9
        for j, capacity in enumerate(classes):
            split = funding.dub_ddub(blm, capacity)
            values[f"{i}-{j}"] = [fmt.rupiah(blm, lang), fmt.rupiah(split.dub, lang), fmt.rupiah(split.ddub, lang),
                                  fmt.share(split.ddub_share, 0, lang)]
    controls = [Control("desa", t("card.blm.desa", lang), villages, [str(n) for n in villages], villages.index(7)),
                Control("ifkd", t("card.blm.ifkd", lang), classes, classes, classes.index("sedang"), "select")]
    return Card("blm", lang, t("card.blm.title", lang), t("card.blm.intro", lang), controls,
                [t("card.blm.out.blm", lang), t("card.blm.out.dub", lang), t("card.blm.out.ddub", lang),
                 t("card.blm.out.share", lang)], values, t("card.blm.source", lang))


def spp_card(lang: str = "id") -> Card:
    """One SPP loan: instalments and total jasa, flat against declining balance."""
    values = {}
    for (i, principal), (j, rate), (k, months) in itertools.product(
            enumerate(SPP_PRINCIPALS), enumerate(SPP_RATES), enumerate(SPP_MONTHS)):
        flat = funding.repayment_schedule(principal, rate, months, "flat")
        declining = funding.repayment_schedule(principal, rate, months, "declining")
        values[f"{i}-{j}-{k}"] = [fmt.rupiah(flat["instalment"].iloc[0], lang), fmt.rupiah(flat["jasa"].sum(), lang),
                                  fmt.rupiah(declining["instalment"].iloc[0], lang),
                                  fmt.rupiah(declining["instalment"].iloc[-1], lang),
                                  fmt.rupiah(declining["jasa"].sum(), lang)]
    controls = [
        Control("principal", t("card.spp.principal", lang), list(SPP_PRINCIPALS),
                [fmt.rupiah_compact(p, lang) for p in SPP_PRINCIPALS], SPP_PRINCIPALS.index(6_000_000)),
        Control("rate", t("card.spp.rate", lang), list(SPP_RATES), [fmt.share(r, 1, lang) for r in SPP_RATES],
                SPP_RATES.index(0.015)),
        Control("months", t("card.spp.months", lang), list(SPP_MONTHS), [str(m) for m in SPP_MONTHS],
                SPP_MONTHS.index(10)),
    ]
    outputs = [t(f"card.spp.out.{k}", lang) for k in ("flat_instalment", "flat_jasa", "declining_first",
                                                      "declining_last", "declining_jasa")]
    return Card("spp", lang, t("card.spp.title", lang), t("card.spp.intro", lang), controls, outputs, values,
                t("card.spp.source", lang))


def mad_card(lang: str = "id") -> Card:
    """The MAD's decision for every ranking of the five example proposals and five BLM amounts."""
    villages = [p.village for p in MAD_EXAMPLE]
    values = {}
    ranks = list(range(1, len(villages) + 1))
    for b, blm in enumerate(BLM_OPTIONS):
        for order in itertools.permutations(ranks):
            proposals = [replace(p, score=100 - rank, spp_repayment=0.0) for p, rank in zip(MAD_EXAMPLE, order,
                                                                                             strict=True)]
            result = funding.mad_allocation(blm, proposals)
            funded = {p.village for p in result.funded}
            rows = [t("train.funded", lang) if v in funded else
                    t("train.not_funded", lang, left=fmt.rupiah(result.not_funded[v], lang)) for v in villages]
            values["-".join(str(r - 1) for r in order) + f"-{b}"] = [*rows, fmt.rupiah(result.remaining, lang)]
    controls = [Control(f"rank{i}", t("card.mad.rank", lang, village=v, cost=fmt.rupiah_compact(p.cost, lang)),
                        ranks, [str(r) for r in ranks], i, "select") for i, (v, p) in
                enumerate(zip(villages, MAD_EXAMPLE, strict=True))]
    controls.append(Control("blm", t("card.mad.blm", lang), list(BLM_OPTIONS),
                            [fmt.rupiah_compact(x, lang) for x in BLM_OPTIONS], BLM_OPTIONS.index(1_500_000_000)))
    return Card("mad", lang, t("card.mad.title", lang), t("card.mad.intro", lang), controls,
                [*villages, t("card.mad.left", lang)], values, t("card.mad.source", lang))


CARDS = {"blm": blm_card, "spp": spp_card, "mad": mad_card}


def to_html(card: Card) -> str:
    """The card as one self-contained page (inline style and script, no external request)."""
    controls = "".join(_control(c) for c in card.controls)
    rows = "".join(f'<tr><th scope="row">{escape(label)}</th><td class="num" id="out{i}"></td></tr>'
                   for i, label in enumerate(card.outputs))
    data = json.dumps({"values": card.values, "controls": [{"name": c.name, "labels": c.labels, "kind": c.kind}
                                                           for c in card.controls]}, ensure_ascii=False)
    data = data.replace("</", "<\\/")
    invalid = escape(t("card.mad.invalid", card.lang)) if card.key == "mad" else ""
    return CARD_PAGE.format(lang=card.lang, title=escape(card.title), intro=escape(card.intro), controls=controls,
                            rows=rows, data=data, source=escape(card.source), invalid=invalid,
                            note=escape(t("card.note", card.lang)))


def _control(c: Control) -> str:
    if c.kind == "select":
        options = "".join(f'<option value="{i}"{" selected" if i == c.start else ""}>{escape(label)}</option>'
                          for i, label in enumerate(c.labels))
        field = f'<select id="{c.name}">{options}</select>'
    else:
        field = (f'<input type="range" id="{c.name}" min="0" max="{len(c.options) - 1}" step="1" value="{c.start}">'
                 f'<output id="{c.name}-shown"></output>')
    return f'<label for="{c.name}">{escape(c.label)}</label><div class="field">{field}</div>'


def write(out: Path, langs: tuple[str, ...] = ("id", "en")) -> list[Path]:
    """Write every card in every language into ``out`` (``kartu-blm.id.html`` …)."""
    written = []
    for key, make in CARDS.items():
        for lang in langs:
            path = out / f"kartu-{key}.{lang}.html"
            write_atomic(path, to_html(make(lang)))
            written.append(path)
    return written


CARD_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1f2933; margin: 0 auto;
       max-width: 40rem; padding: 1rem; line-height: 1.45; }}
h1 {{ color: #1b7f5b; font-size: 1.45rem; border-bottom: 5px solid #f2e6c9; padding-bottom: .3rem; }}
label {{ display: block; font-weight: 600; margin-top: .9rem; }}
.field {{ display: flex; align-items: center; gap: .8rem; }}
input[type=range] {{ flex: 1; accent-color: #1b7f5b; height: 2rem; }}
output {{ min-width: 7rem; font-weight: 600; }}
select {{ font-size: 1rem; padding: .3rem; }}
table {{ border-collapse: collapse; margin-top: 1.2rem; width: 100%; }}
th, td {{ border-bottom: 1px solid #d9dee3; padding: .45rem .5rem; text-align: left; }}
td.num {{ text-align: right; font-weight: 600; }}
.note, .source {{ font-size: .85rem; color: #52606d; }}
.invalid {{ color: #b00020; font-weight: 600; }}
</style>
</head>
<body>
<h1>{title}</h1>
<p>{intro}</p>
<form>{controls}</form>
<p class="invalid" id="invalid" hidden>{invalid}</p>
<table>{rows}</table>
<p class="source">{source}</p>
<p class="note">{note}</p>
<script>
const card = {data};
function key() {{
  return card.controls.map(c => document.getElementById(c.name).value).join("-");
}}
function update() {{
  card.controls.forEach(c => {{
    const shown = document.getElementById(c.name + "-shown");
    if (shown) shown.textContent = c.labels[document.getElementById(c.name).value];
  }});
  const row = card.values[key()];
  document.getElementById("invalid").hidden = !!row;
  (row || []).forEach((text, i) => document.getElementById("out" + i).textContent = text);
  if (!row) document.querySelectorAll("td.num").forEach(td => td.textContent = "–");
}}
card.controls.forEach(c => document.getElementById(c.name).addEventListener("input", update));
update();
</script>
</body>
</html>
"""
