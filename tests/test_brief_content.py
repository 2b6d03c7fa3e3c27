"""Every brief of the default config informs, in both languages: the checks an official's reading makes.

Renders regions of ``config/briefs.yml`` in Indonesian and English through the CLI — under ``make test`` the
ten that cover every kind of brief (``COVERING``), under ``make test-all`` all of them (33 provinces and the
synthetic kabupaten) — then reads each page: a numeric finding with its interval, where the estimate comes
from, nothing meaningless (a count of 0 as a design, survey rounds as 1/2, an empty heading, a caveat about
something not shown, a pointer to the brief itself), one language and one locale, and the index as a catalogue.
"""

import json
import math
import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest
import yaml

from pnpm_lib import proofread
from tests.conftest import ROOT

FORBIDDEN = {
    "count of 0 as a design": re.compile(r"\((?:0|0 kecamatan)\)|\b0 kecamatan (?:PNPM|pembanding)|\b0 (?:PNPM|comparison)"),
    "rounds as 1/2": re.compile(r"\b(?:pada|in) 1 \((?:awal|baseline)\)"),
    "self reference": re.compile(r"ringkasan provinsi|Read the province|Baca ringkasan"),
    "stars": re.compile(r"\d\*{1,3}"),
}


# One region of each kind the default run holds (classified with slices.Areas.evidence on the default panel):
# a local province estimate from 10–39 kecamatan (33, 11) and from 11 (32), wider estimates from the island group
# (62) and the whole sample (94); kabupaten with a local estimate from 5 kecamatan (7502, below CLUSTER_FLOOR),
# 9 (3302) and 14 (1602), and kabupaten that lean on their province: one comparison kecamatan (1101), too few
# kecamatan (3301).
COVERING = {"province": {"11", "32", "33", "62", "94"}, "kabupaten": {"1101", "1602", "3301", "3302", "7502"}}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, full):
    tmp = tmp_path_factory.mktemp("all-briefs")
    config = yaml.safe_load((ROOT / "config" / "briefs.yml").read_text(encoding="utf-8"))
    if not full:
        config["regions"] = [r for r in config["regions"] if r["region"] in COVERING[r["region_level"]]]
    pages = {"regions": config["regions"]}
    config["template"] = str(ROOT / "notebooks" / "brief_dampak.ipynb")
    for lang in ("id", "en"):
        config["output_dir"] = str(tmp / lang)
        path = tmp / f"briefs-{lang}.yml"
        path.write_text(yaml.safe_dump(config), encoding="utf-8")
        proc = subprocess.run([sys.executable, "-m", "pnpm_lib", "briefs", "run", str(path), "--lang", lang],
                              capture_output=True, text=True, timeout=1800, check=False)
        assert proc.returncode == 0, proc.stderr[-3000:]
        pages[lang] = {p.name: p.read_text(encoding="utf-8") for p in (tmp / lang).glob("brief-*.html")}
        pages[lang]["index.html"] = (tmp / lang / "index.html").read_text(encoding="utf-8")
        pages[f"{lang}-json"] = {p.name: json.loads(p.read_text(encoding="utf-8"))
                                 for p in (tmp / lang).glob("*.results.json")}
    return pages


class _Sections(HTMLParser):
    """(heading, text that follows it until the next heading) for every h2."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.sections, self.current, self.in_heading = [], None, False

    def handle_starttag(self, tag, attrs):
        if tag == "h2":
            self.in_heading = True
            self.sections.append(["", ""])
        elif tag in ("svg", "table", "figure", "img") and self.sections:
            self.sections[-1][1] += f"<{tag}>"

    def handle_endtag(self, tag):
        if tag == "h2":
            self.in_heading = False

    def handle_data(self, data):
        if self.sections:
            self.sections[-1][0 if self.in_heading else 1] += data


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_brief_states_a_numeric_finding_with_its_interval_and_where_it_comes_from(rendered, lang):
    interval = "interval 95%" if lang == "id" else "95% interval"
    briefs = {k: v for k, v in rendered[lang].items() if k.startswith("brief-")}
    assert len(briefs) == len(rendered["regions"])
    for name, html in briefs.items():
        key = re.search(r'<p class="key-message">(.*?)</p>', html, re.DOTALL).group(1)
        assert interval in key and re.search(r"[+-]\d+[.,]\d%", key), name
        assert ("Estimasi ini khusus" in html or "Bukan estimasi lokal" in html) if lang == "id" else \
            ("This estimate is for" in html or "Not a local estimate" in html), name


@pytest.mark.parametrize("lang", ["id", "en"])
def test_no_brief_prints_anything_meaningless(rendered, lang):
    for name, html in rendered[lang].items():
        if not name.startswith("brief-"):
            continue
        text = " ".join(proofread.visible_text(html, lang))
        for what, pattern in FORBIDDEN.items():
            assert not pattern.search(text), (name, what, pattern.search(text))
        parser = _Sections()
        parser.feed(html)
        for heading, body in parser.sections:
            assert body.strip(), (name, f"empty heading {heading!r}")
        tested = re.search(r"(\d+) (?:hasil diuji sekaligus|outcomes are tested at once)", text)
        if tested:
            shown = len(re.findall(r'<td class="num">|poin persen|percentage points', html))
            assert int(tested.group(1)) >= 2 and shown, name
        assert proofread.scan(html, lang) == [], name


def test_wider_area_and_synthetic_regions_are_said_plainly(rendered):
    papua = rendered["id"]["brief-dampak__region_94__id.html"]
    assert "Bukan estimasi lokal" in papua and "tidak termasuk dalam sampel" in papua
    assert "seluruh sampel evaluasi" in papua or "kelompok pulau" in papua
    kabupaten = rendered["en"]["brief-dampak__region_3301__en.html"]
    assert "synthetic kabupaten 3301" in kabupaten and "not the BPS region with the same code" in kabupaten
    one_comparison = rendered["id"]["brief-dampak__region_1101__id.html"]
    assert "satu kecamatan pembanding" in one_comparison and "terlalu kecil" not in one_comparison.split("Hasil utama")[1].split("</p>")[0]


def test_few_clusters_are_visible_in_the_reader_language(rendered):
    from pnpm_lib.briefs.impact import CLUSTER_FLOOR

    for lang, word, none in (("id", "Perhatian: estimasi ini hanya bertumpu", "tidak ada nilai p"),
                             ("en", "Caution: this estimate rests", "no p-value")):
        small = {name: payload["meta"]["estimate_clusters"] for name, payload in rendered[f"{lang}-json"].items()
                 if (payload["meta"].get("estimate_clusters") or 99) < 40}
        assert small and min(small.values()) < CLUSTER_FLOOR <= max(small.values())
        for name, clusters in small.items():
            html = rendered[lang][name.replace(".results.json", ".html")]
            assert word in html and (none in html if clusters < CLUSTER_FLOOR else "bootstrap" in html), name


def test_results_json_says_what_each_brief_holds(rendered):
    kinds = {payload["meta"]["evidence"] for payload in rendered["id-json"].values()}
    assert kinds <= {"local", "wider", "context"} and {"local", "wider"} <= kinds


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_index_is_a_catalogue_with_a_map_of_the_33_provinces(rendered, lang):
    index = rendered[lang]["index.html"]
    briefs = len(rendered["regions"])
    provinces = sum(r["region_level"] == "province" for r in rendered["regions"])
    assert index.count("<circle") == 33 and index.count('<a href="brief-dampak__region_') >= briefs + provinces
    holds = ("estimasi lokal", "estimasi wilayah lebih luas") if lang == "id" else ("local estimate",
                                                                                   "wider-area estimate")
    assert all(h in index for h in holds) and "<script>" in index and 'id="briefs"' in index
    assert proofread.scan(index, lang) == []
    # #29: synthetic data said in the title area, on the map itself and in every row that shows a figure
    banner, tag = ("DATA SINTETIS:", "data sintetis") if lang == "id" else ("SYNTHETIC DATA:", "synthetic data")
    assert banner in index.split('id="briefs"')[0].split("<svg")[0]
    assert f">{tag.upper()}</text>" in index and index.count(f'<span class="tag">{tag}</span>') == briefs


@pytest.mark.parametrize("lang", ["id", "en"])
def test_one_quantity_shows_one_interval_on_the_page_its_chart_the_index_and_results_json(rendered, lang):
    """The headline interval in results.json (headline_*) is the one the key message, chart title and index print;
    where no test can reject (5 kecamatan) no interval is printed anywhere, and the CRV1 one never leaks in."""
    from pnpm_lib import fmt

    def pct(v):
        return fmt.percent(100 * (math.exp(v) - 1), 1, lang, signed=True)

    index = rendered[lang]["index.html"]
    seen = set()
    for name, payload in rendered[f"{lang}-json"].items():
        html = rendered[lang][name.replace(".results.json", ".html")]
        key = re.search(r'<p class="key-message">(.*?)</p>', html, re.DOTALL).group(1)
        rec = next(r for r in payload["results"] if r["outcome"] == "log_consumption" and r["estimate"] is not None)
        row = re.search(rf'<tr[^>]*>(?:(?!</tr>).)*{re.escape(name.replace(".results.json", ".html"))}(?:(?!</tr>).)*</tr>',
                        index, re.DOTALL).group(0)
        if rec["headline_ci_low"] is None:
            seen.add("none")
            assert rec["headline_reason"] == "cannot_reject" and rec["clusters"] <= 5, name
            assert ("tanpa interval 95%" if lang == "id" else "no 95% interval") in key, name
            assert ("tanpa interval" if lang == "id" else "no interval") in row, name
            assert pct(rec["wild_ci_low"] or rec["ci_low"]) not in html, name
            continue
        seen.add(rec["headline_method"])
        low, high = pct(rec["headline_ci_low"]), pct(rec["headline_ci_high"])
        sep = " s.d. " if lang == "id" else " to "
        assert f"{low}{sep}{high}" in key and f"{low}{sep}{high}" in row, name
        assert f"{low}{sep}{high}" in html.split('class="figure"')[-1] or f"{low}{sep}{high}" in html, name
        if rec["headline_method"] == "wild" and pct(rec["ci_low"]) != low:
            assert f"{pct(rec['ci_low'])}{sep}{pct(rec['ci_high'])}" not in html, name  # the CRV1 one is not shown
    assert {"none", "wild"} <= seen
