"""The impact brief's content: what it estimates, and what disclosure control keeps out of it."""

import math

import numpy as np
import pytest

from pnpm_lib.briefs import impact, slices
from pnpm_lib.briefs.slices import Areas
from pnpm_lib.errors import EvaluationError
from pnpm_lib.evaluation import data


@pytest.fixture(scope="module")
def full():
    return data.load_sample()


@pytest.fixture(scope="module")
def central(full):
    where = impact.region("province", "33")
    return where, Areas(full).sample(where)


def test_region_codes_must_fit_their_level():
    assert impact.region("kabupaten", "3301").label("en") == "synthetic kabupaten 3301 (Jawa Tengah Province)"
    assert impact.region("kabupaten", "3301", synthetic=False).label("id") == "Kabupaten 3301 (Provinsi Jawa Tengah)"
    assert impact.region("province", 94).label("id") == "Provinsi Papua (94)"
    with pytest.raises(EvaluationError, match="a kecamatan code has 7 digits"):
        impact.region("kecamatan", "3301")


def test_the_brief_estimate_is_the_evaluation_did_on_the_region(central):
    where, sample = central
    found = impact.findings(sample, where)
    from pnpm_lib.evaluation import did_table

    direct = did_table(sample.households, ["log_consumption"], weights="weight").iloc[0]
    row = found.row("log_consumption")
    assert row["did_estimate"] == pytest.approx(direct["did_estimate"], abs=1e-12)
    effect, ci = impact.effect_text(row, "en")
    assert effect == f"{100 * (math.exp(direct['did_estimate']) - 1):+.1f}%" and " to " in ci
    assert found.clusters == {"treatment": 10, "comparison": 9}


def test_the_whole_sample_recovers_the_planted_consumption_effect(full):
    where = impact.Region("all", "all")
    row = impact.findings(Areas(full).sample(where), where).row("log_consumption")
    assert row["did_ci_low"] < 0.09 < row["did_ci_high"]  # synth.Effects().log_consumption


def test_an_outcome_with_a_small_cell_is_suppressed_and_named(central):
    where, sample = central
    hh = sample.households.copy()
    drop = (hh["treated"] == 0) & (hh["post"] == 1)
    keep = np.flatnonzero(drop.to_numpy())[:7]  # leave 7 comparison follow-up answers
    hh.loc[drop & ~hh.index.isin(hh.index[keep]), "school_transition"] = np.nan
    found = impact.findings(data.Sample(hh, None, True, "test", sample.rounds), where)
    assert found.row("school_transition") is None and found.row("log_consumption") is not None
    shown = impact.results_display(found, "id")
    assert "disembunyikan (sel kecil)" in shown.to_string()
    assert "Transisi SD ke SMP" in found.suppressed
    evidence = impact.Evidence(where, found, found)
    assert any("Transisi SD ke SMP" in c for c in impact.caveats(evidence, True, "id"))


def test_a_region_with_few_kecamatan_gets_the_smallest_enclosing_estimate_and_says_why(full):
    where = impact.region("kabupaten", "3301")
    ev = slices.evidence(full, where)
    assert not ev.local.estimable and ev.local.reason == "few_clusters" and ev.kind == "wider"
    assert ev.best.area == impact.Region("province", "33", "Jawa Tengah")
    assert "4 kecamatan" in impact.scope_text(ev, "id") and "Provinsi Jawa Tengah (33)" in impact.key_message(ev, "id")
    assert not any("province 33 brief" in line for line in impact.implications(ev, "en"))


def test_a_province_outside_the_sample_walks_up_to_its_island_group_or_the_whole_sample(full):
    bali = slices.evidence(full, impact.region("province", "51"))
    assert bali.best.area.level == "island" and bali.best.area.code == "Bali–Nusa Tenggara"
    papua = slices.evidence(full, impact.region("province", "94"))
    assert papua.best.area.level == "all" and papua.local.reason == "not_in_sample"


def test_a_higher_threshold_hides_the_small_sample_table_cells(central):
    where, sample = central
    found = impact.findings(sample, where, min_cell=195)  # the 192 and 174 … cells go
    shown = found.households.display("en").set_index(found.households.counts.index.name)
    assert (shown == "s").to_numpy().sum() >= 4
    assert found.households.n_hidden == (shown == "s").to_numpy().sum()


def test_the_region_index_ranks_it_among_its_peers_with_an_interval(full):
    score = impact.region_index(full.villages, impact.region("province", "33"))
    assert score.units == 17 and score.rank_low <= score.rank <= score.rank_high and 0 <= score.index <= 100


def test_the_consumption_level_is_the_geometric_mean_the_chart_and_the_percent_effect_use(central):
    where, sample = central
    row = impact.findings(sample, where).row("log_consumption")
    assert row["comparison_mean"] == pytest.approx(math.exp(row["control_baseline"] + row["control_change"]))


def test_provenance_names_the_parameters_the_source_and_the_input_hash(full, central):
    where, _ = central
    part = Areas(full).part(where, 10, "id")
    meta = impact.provenance(part, {"region": "33", "data_path": "", "results_path": "/tmp/x.json",
                                    "slice_path": "/tmp/x.part.pkl"})
    assert meta["parameters"] == "region=33, data_path=(synthetic)"
    assert meta["data_hash"] == part.key and meta["synthetic"] and meta["evidence"] == "local"


@pytest.mark.parametrize("measure", ["consumption", "share"])
@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_brief_chart_keeps_every_label_inside_the_figure(central, lang, measure):
    """The effect chart is placed by fit_axes, not constrained layout: drawn, no text may leave the figure
    or cross the axes' left, bottom or top edge."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from pnpm_lib.evaluation import charts

    where, sample = central
    row = impact.findings(sample, where).row("log_consumption" if measure == "consumption" else "poor")
    figures = []
    real = charts.Chart
    charts.Chart = lambda fig, alt: figures.append(fig) or real(fig, alt)
    try:
        charts.effect_bars(row, measure, lang, synthetic=True)
    finally:
        charts.Chart = real
    fig = figures[0]
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    ax = fig.axes[0]
    page, axes = fig.bbox, ax.get_window_extent(renderer)
    low, high = sorted(ax.get_ylim())
    y_ticks = [tick.label1 for tick in ax.yaxis.get_major_ticks() if low <= tick.get_loc() <= high]  # drawn ones
    texts = [t for t in [ax._left_title, ax.yaxis.label, fig._supxlabel, *ax.texts, *y_ticks,
                         *ax.get_xticklabels()] if t.get_text()]
    assert len(texts) >= 10
    for text in texts:
        box = text.get_window_extent(renderer)
        assert page.x0 - 0.5 <= box.x0 and box.x1 <= page.x1 + 0.5, text.get_text()
        assert page.y0 - 0.5 <= box.y0 and box.y1 <= page.y1 + 0.5, text.get_text()
    for label in [*y_ticks, ax.yaxis.label]:
        assert label.get_window_extent(renderer).x1 <= axes.x0
    for label in ax.get_xticklabels():
        assert label.get_window_extent(renderer).y1 <= axes.y0
    title = ax._left_title.get_window_extent(renderer)
    assert title.y0 >= axes.y1


def test_group_rule_a_share_of_all_or_none_in_a_small_group_is_not_printed(full):
    """#27: kabupaten 3403 and 5202 printed school transition "100,0%" for comparison groups of 12 and 10 children."""
    from pnpm_lib import disclosure

    assert disclosure.share_hidden(12, 12) == "group" and disclosure.share_hidden(11, 12) == "group"
    assert disclosure.share_hidden(1, 30) == "group" and disclosure.share_hidden(2, 30) == ""
    assert disclosure.share_hidden(50, 50) == "" and disclosure.share_hidden(0, 5) == "small_denominator"
    for code in ("3403", "5202"):
        where = impact.region("kabupaten", code)
        row = impact.findings(Areas(full).sample(where), where).row("school_transition")
        assert row is not None and row["level_hidden"] == "group" and math.isnan(row["comparison_mean"])
        assert impact.level_text(row, "id") == "tidak ditampilkan (kelompok kecil yang hampir semuanya sama)"
        assert "100,0%" not in impact.level_text(row, "id")


def test_village_shares_over_fewer_than_min_cell_units_are_not_printed():
    """#27: kecamatan briefs printed the funded share of 5–9 MKP proposals ("0%" for 0 of 5)."""
    score = impact.RegionIndex(61.0, 3, 2, 5, 40, 2010, 1000, 0.331, 0.33, 0.0, 0.45, (331, 1000), (0, 5))
    women, mkp, _ = impact.index_bullets(score, impact.region("kecamatan", "3301010"), "id", min_cell=10)
    assert "33%" in women and "0%" not in mkp and "kurang dari 10 unit" in mkp and "45%" in mkp


def test_ranks_are_numbers_of_the_page_and_a_fixed_rank_is_said_plainly():
    """#29: "peringkat 2863 dari 7000" beside "20.069", and "antara 1 dan 1"."""
    fixed = impact.RegionIndex(61.0, 2863, 1, 1, 7000, 2010, 1000, 0.33, 0.33, 0.47, 0.45, (330, 1000), (47, 100))
    spread = impact.RegionIndex(61.0, 2863, 2001, 3100, 7000, 2010, 1000, 0.33, 0.33, 0.47, 0.45, (330, 1000),
                                (47, 100))
    where = impact.region("kabupaten", "3301")
    text = impact.index_bullets(fixed, where, "id")[2]
    assert "peringkat 2.863 dari 7.000" in text and "antara 1 dan 1" not in text and "tetap 1" in text
    assert "between 2,001 and 3,100" in impact.index_bullets(spread, where, "en")[2]
