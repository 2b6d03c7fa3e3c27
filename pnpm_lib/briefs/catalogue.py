"""The index of a batch as a catalogue a reader can use: what each brief holds, its headline, a map.

One row per brief: the region's name and level, what the brief holds (a local
estimate, a wider-area estimate, or context only), the headline figure with its
interval, and the last real status and time (an unchanged brief keeps the status
and time of the render that made it). Columns sort with a click, offline (a few
lines of inline script; no server). Impact-brief batches get a map of the 33
provinces coloured by the headline figure, each linking to its brief.
"""

from __future__ import annotations

import json
import math
import os
from datetime import UTC, datetime
from pathlib import Path

from jinja2 import Environment

from pnpm_lib import fmt
from pnpm_lib.evaluation.did import headline
from pnpm_lib.i18n import t


def summary(result, out: Path, lang: str) -> dict:
    """What the index shows for one brief, read from the results.json beside its HTML."""
    from pnpm_lib.briefs import impact

    row = {"region": result.region, "label": result.region, "level": "", "holds": "", "holds_key": "",
           "headline": "", "headline_value": None, "status": t(f"index.status.{result.last_status}", lang),
           "status_key": result.last_status, "time": _when(result.rendered_at, lang), "time_key": result.rendered_at,
           "html": os.path.relpath(result.html, out) if result.html else None, "error": result.error_message or "",
           "synthetic": False}
    pdf = Path(result.html).with_suffix(".pdf") if result.html else None
    row["pdf"] = os.path.relpath(pdf, out) if pdf and pdf.is_file() else None
    path = Path(result.html).with_suffix(".results.json") if result.html else None
    if not path or not path.is_file():
        return row
    payload = json.loads(path.read_text(encoding="utf-8"))
    meta = payload.get("meta", {})
    if "evidence" not in meta:
        return row
    where = impact.region(meta["region_level"], meta["region"], synthetic=bool(meta.get("synthetic")))
    row |= {"label": where.label(lang), "level": t(f"index.level.{where.level}", lang),
            "holds": t(f"index.holds.{meta['evidence']}", lang), "holds_key": meta["evidence"],
            "synthetic": bool(meta.get("synthetic"))}
    consumption = [r for r in payload.get("results", []) if r.get("outcome") == impact.HEADLINE and
                   r.get("estimate") is not None]
    if consumption:
        r = consumption[0]
        shown = headline(r, prefix="")  # the same interval as the brief (results.json's headline_* fields)

        def pct(v: float) -> str:
            return impact.natural_number(impact.HEADLINE, v, lang)

        row["headline"] = t("index.headline", lang, effect=pct(r["estimate"]), low=pct(shown.bounds[0]),
                            high=pct(shown.bounds[1])) if shown.has_interval else \
            t("index.headline_none", lang, effect=pct(r["estimate"]))
        row["headline_value"] = round(100 * (math.exp(r["estimate"]) - 1), 1)  # the printed precision, no more
    return row


def _when(stamp: str, lang: str) -> str:
    from babel.dates import format_datetime

    try:
        moment = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return ""
    return format_datetime(moment.astimezone(UTC), "d MMM y HH:mm", tzinfo=UTC, locale=lang) + " UTC"


def province_map(rows: list[dict], lang: str, synthetic: bool = False) -> str | None:
    """The map of the 33 provinces for an impact-brief batch (None when the batch has no province briefs)."""
    from pnpm_lib import maps

    provinces = {r["region"]: r for r in rows if r["holds_key"] and len(r["region"]) == 2}
    if not provinces:
        return _within_provinces_map(rows, lang, synthetic)
    dots = []
    for code in maps.points()["province_code"]:
        r = provinces.get(str(code))
        if r is None:
            dots.append(maps.Dot(code, None, t("index.map.no_brief", lang), None))
            continue
        local = r["holds_key"] == "local"
        text = r["headline"] if local else t("index.map.not_local", lang)
        dots.append(maps.Dot(code, r["headline_value"] if local else None, text, r["html"]))
    return _effect_map(dots, lang, "index.map.not_local", "index.map.alt", synthetic)


def _within_provinces_map(rows: list[dict], lang: str, synthetic: bool = False) -> str | None:
    """For kabupaten or kecamatan briefs: each province coloured by the median effect its briefs show (mostly
    a kabupaten's or the province's estimate, marked as such in each brief), with how many briefs it has."""
    import statistics

    from pnpm_lib import maps

    by_province: dict[str, list[dict]] = {}
    for r in rows:
        if r["holds_key"] and len(r["region"]) in (4, 7):
            by_province.setdefault(r["region"][:2], []).append(r)
    if not by_province:
        return None
    dots = []
    for code in maps.points()["province_code"]:
        mine = by_province.get(str(code), [])
        shown = [r["headline_value"] for r in mine if r["headline_value"] is not None]
        if not mine:
            dots.append(maps.Dot(code, None, t("index.map.no_brief", lang), None))
            continue
        value = statistics.median(shown) if shown else None
        text = t("index.map.briefs", lang, n=len(mine), effect=fmt.percent(value, 1, lang, signed=True)
                 ) if value is not None else t("index.map.briefs_none", lang, n=len(mine))
        dots.append(maps.Dot(code, value, text, None))
    return _effect_map(dots, lang, "index.map.no_brief", "index.map.alt_within", synthetic)


def _effect_map(dots: list, lang: str, grey: str, alt: str, synthetic: bool = False) -> str:
    """The province dot map with its legend: lowest and highest effect shown, and what grey means."""
    from pnpm_lib import maps

    values = [d.value for d in dots if d.value is not None]
    lowest, highest = min(values, default=0), max(values, default=0)
    limit = max(abs(lowest), abs(highest))
    low, high = (fmt.percent(v, 1, lang, signed=True) for v in (lowest, highest))
    # each key in the colour its dot has (all effects positive: no red key for a dot drawn green)
    legend = [(maps.colour(lowest, limit), t("index.map.lower", lang, value=low)),
              (maps.colour(highest, limit), t("index.map.higher", lang, value=high)), (maps.NO_VALUE, t(grey, lang))]
    stamp = t("index.synthetic_tag", lang).upper() if synthetic else ""
    return maps.province_map(dots, f"{stamp}: {t(alt, lang)}" if stamp else t(alt, lang), legend, stamp)


def index_page(results, out: Path, labels: dict[str, str], lang: str, title: str,
               running: tuple[int, int] | None = None) -> str:
    rows = [summary(r, out, lang) for r in results]
    for row in rows:
        if row["label"] == row["region"] and row["region"] in labels:
            row["label"] = labels[row["region"]]
    counts = {s: sum(r.status == s for r in results) for s in ("ok", "skipped", "failed")}
    holds = {k: sum(r["holds_key"] == k for r in rows) for k in ("local", "wider", "context")}
    env = Environment(autoescape=True)
    words = {k: t(f"index.{k}", lang) for k in ("region", "level", "holds", "status", "time", "error", "intro",
                                                 "sort", "map", "synthetic_banner", "synthetic_tag")} | {
        "headline": t("index.col.headline", lang)}
    synthetic = any(r["synthetic"] for r in rows)  # said in the title area, on the map and in every row
    notice = t("index.running", lang, done=running[0], total=running[1]) if running else ""
    return env.from_string(INDEX).render(
        lang=lang, title=title, rows=rows, words=words, map=province_map(rows, lang, synthetic), running=notice,
        synthetic=synthetic,
        summary=t("index.summary", lang, n=len(rows), ok=counts["ok"], skipped=counts["skipped"],
                  failed=counts["failed"], local=holds["local"], wider=holds["wider"], context=holds["context"],
                  when=_when(datetime.now(UTC).isoformat(timespec="seconds"), lang)))


INDEX = """<!DOCTYPE html>
<html lang="{{ lang }}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{{ title }}</title>
<style>
body{font-family:"Segoe UI",Roboto,Arial,sans-serif;color:#1f2933;max-width:64rem;margin:1.5rem auto;padding:0 1rem}
h1{color:#1b7f5b;font-size:1.5rem}table{border-collapse:collapse;width:100%;font-size:.9rem}
td,th{border-bottom:1px solid #d9dee3;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{cursor:pointer;white-space:nowrap}th::after{content:" \\2195";color:#9aa5b1}
.synthetic{background:#fff7e0;border-left:4px solid #b00020;padding:.5rem .7rem;font-weight:600}
.tag{font-size:.75rem;color:#b00020;font-weight:600;white-space:nowrap}
.failed td{color:#b00020}.running{background:#fff7e0;border-left:4px solid #c47f17;padding:.4rem .6rem}.note{color:#52606d;font-size:.85rem}svg.map{width:100%;height:auto;margin:.5rem 0}
</style></head><body>
<h1>{{ title }}</h1>
{% if synthetic %}<p class="synthetic" role="note">{{ words.synthetic_banner }}</p>{% endif %}
<p>{{ words.intro }}</p>
{% if running %}<p class="running">{{ running }}</p>{% endif %}
<p class="note">{{ summary }}</p>
{% if map %}<h2>{{ words.map }}{% if synthetic %} — {{ words.synthetic_tag }}{% endif %}</h2>{{ map | safe }}{% endif %}
<p class="note">{{ words.sort }}</p>
<table id="briefs"><thead><tr><th>{{ words.region }}</th><th>{{ words.level }}</th><th>{{ words.holds }}</th>
<th>{{ words.headline }}</th><th>{{ words.status }}</th><th>{{ words.time }}</th><th>{{ words.error }}</th></tr></thead>
<tbody>{% for r in rows %}<tr class="{{ r.status_key }}">
<td data-key="{{ r.label }}">{% if r.html %}<a href="{{ r.html }}">{{ r.label }}</a>{% else %}{{ r.label }}{% endif %}{% if r.pdf %} · <a href="{{ r.pdf }}">PDF</a>{% endif %}</td>
<td>{{ r.level }}</td><td>{{ r.holds }}</td>
<td data-key="{{ r.headline_value if r.headline_value is not none else '' }}">{{ r.headline }}{% if r.synthetic and r.headline %} <span class="tag">{{ words.synthetic_tag }}</span>{% endif %}</td>
<td>{{ r.status }}</td><td data-key="{{ r.time_key }}">{{ r.time }}</td><td>{{ r.error }}</td></tr>
{% endfor %}</tbody></table>
<script>
document.querySelectorAll("#briefs th").forEach((th, col) => th.addEventListener("click", () => {
  const body = document.querySelector("#briefs tbody");
  const key = tr => { const td = tr.children[col]; return td.dataset.key ?? td.textContent; };
  const rows = [...body.rows], down = th.dataset.down !== "1";
  rows.sort((a, b) => { const x = key(a), y = key(b), nx = parseFloat(x), ny = parseFloat(y);
    const c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y, document.documentElement.lang);
    return down ? c : -c; });
  th.dataset.down = down ? "1" : "0"; rows.forEach(r => body.appendChild(r));
}));
</script>
</body></html>
"""
