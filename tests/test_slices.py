"""What each brief reads (pnpm_lib.briefs.slices): the same part in a batch as alone, and keys that move
only for the briefs whose figures a correction touches (issue #20, item 4)."""

import pickle
import sys

import pytest

from pnpm_lib.briefs import impact, slices
from pnpm_lib.briefs.slices import Areas
from pnpm_lib.evaluation import data


@pytest.fixture(scope="module")
def full():
    return data.load_sample()


def _contains(area: impact.Region, kecamatan: str) -> bool:
    if area.level in ("all", "island"):
        return True
    return kecamatan.startswith(area.code)


def test_a_batch_part_equals_the_part_a_brief_computes_alone(full):
    alone = slices.single("", "", 2007, "kabupaten", "3301", 10, "id")
    batch = slices.parts([("x", {"region_level": "kabupaten", "region": "3301", "seed": 2007})])["x"]
    assert alone.key == batch.key
    assert pickle.dumps(alone.evidence.best.table) == pickle.dumps(batch.evidence.best.table)
    assert alone.score == batch.score and alone.synthetic and alone.villages


@pytest.mark.slow  # make test-all: the forked preparation serves batches of 1,000 briefs and more
def test_parts_prepared_in_forked_processes_equal_parts_prepared_in_one(full):
    codes = sorted(full.households["kecamatan_code"].unique())[::3]
    jobs = [(c, {"region_level": "kecamatan", "region": c, "seed": 2007}) for c in codes]
    jobs += [("p33", {"region_level": "province", "region": "33", "seed": 2007})]
    one, forked = slices.parts(jobs, workers=1), slices.parts(jobs, workers=2)
    assert len({code[:2] for code in codes}) > 1  # more than one province: the work is shared out
    assert one.keys() == forked.keys()
    for name in one:
        assert one[name].key == forked[name].key and one[name].score == forked[name].score
        a, b = one[name].evidence.best, forked[name].evidence.best
        assert (a is None) == (b is None)
        if a is not None:
            assert pickle.dumps(a.table) == pickle.dumps(b.table)


def _dies_on_the_first_province(members):  # module level: the pool sends it by name
    import os

    if members[0][0][:2] == _FIRST_PROVINCE[0]:
        os._exit(1)
    return slices._parts_of(slices._SHARED, members)


_FIRST_PROVINCE: list[str] = []


@pytest.mark.slow  # make test-all: the forked preparation serves batches of 1,000 briefs and more
def test_a_preparing_process_that_dies_loses_no_part(full, monkeypatch):
    codes = sorted(full.households["kecamatan_code"].unique())[::6]
    jobs = [(c, {"region_level": "kecamatan", "region": c, "seed": 2007}) for c in codes]
    monkeypatch.setattr(slices, "_chunk", _dies_on_the_first_province)
    monkeypatch.setattr(sys.modules[__name__], "_FIRST_PROVINCE", [codes[0][:2]])
    forked = slices.parts(jobs, workers=2)
    assert sorted(forked) == codes
    assert all(forked[c].key == slices.parts([(c, dict(jobs)[c])])[c].key for c in codes[:3])


def test_briefs_leaning_on_one_estimate_share_its_chart_drawn_once(full):
    from pnpm_lib.evaluation import charts

    areas = Areas(full)
    codes = sorted(full.households["kecamatan_code"].unique())
    parts = [areas.part(impact.region("kecamatan", c), 10, "id") for c in codes]
    by_area: dict = {}
    for part in parts:
        best = part.evidence.best
        if best is not None and not part.evidence.is_local:
            by_area.setdefault((best.area.level, best.area.code), []).append(part)
    shared = next(group for group in by_area.values() if len(group) > 1)
    assert all(part.chart is shared[0].chart for part in shared)  # one drawing, not one per brief
    best = shared[0].evidence.best
    drawn = charts.effect_bars(best.row(impact.HEADLINE), "consumption", "id", full.synthetic)
    assert shared[0].chart.svg == drawn.svg and shared[0].chart.alt == drawn.alt
    english = areas.part(shared[0].where, 10, "en").chart
    assert english is not shared[0].chart and "Comparison" in " ".join(english.texts)


def test_correcting_one_kecamatan_changes_only_the_briefs_that_read_it(full):
    codes = sorted(full.households["kecamatan_code"].unique())
    regions = [impact.region("kecamatan", c) for c in codes]
    areas = Areas(full)
    before = {r.code: areas.part(r, 10, "id") for r in regions}
    walked = {r.code: areas.evidence(r, 10, "id")[1] for r in regions}
    target = codes[len(codes) // 2]
    hh = full.households.copy()
    row = hh.index[(hh["kecamatan_code"] == target) & (hh["post"] == 1)][0]
    hh.loc[row, "log_consumption"] += 0.5  # one household's follow-up consumption corrected
    corrected = data.Sample(hh, full.villages, full.synthetic, full.source, full.rounds, full.seed)
    again = Areas(corrected)
    after = {r.code: again.part(r, 10, "id") for r in regions}
    changed = {c for c in codes if before[c].key != after[c].key}
    readers = {c for c in codes if any(_contains(a, target) for a in walked[c])}
    assert target in changed and changed == readers
    assert 0 < len(changed) < len(codes)  # not every brief: those leaning on another area's estimate stay


def test_index_figures_enter_the_key_as_printed():
    score = impact.RegionIndex(61.04, 3, 2, 5, 40, 2010, 1000, 0.331, 0.33, 0.47, 0.45)
    nudged = impact.RegionIndex(61.0449, 3, 2, 5, 40, 2010, 1000, 0.3312, 0.33, 0.47, 0.45)
    moved = impact.RegionIndex(61.04, 4, 2, 5, 40, 2010, 1000, 0.331, 0.33, 0.47, 0.45)
    assert slices.shown_figures(score) == slices.shown_figures(nudged) != slices.shown_figures(moved)


def test_a_brief_kernel_never_imports_nbformat(tmp_path):
    """jsonschema's grammar building costs a fresh kernel about 0.7 s: 7,000 briefs would pay it 7,000 times.
    The brief's own cells, run in a clean interpreter, must not pull it in (it once came in through a constant)."""
    import json
    import subprocess
    import sys

    from tests.conftest import ROOT

    cells = [c["source"] for c in json.loads((ROOT / "notebooks" / "brief_dampak.ipynb").read_text())["cells"]
             if c["cell_type"] == "code"]
    source = "".join(cells[0]) + "\nregion_level = 'kabupaten'; region = '3301'\n" + "\n".join(
        "".join(c) for c in cells[1:])
    script = ("import sys, IPython.display\nIPython.display.display = lambda *a, **k: None\n" + source +
              "\nprint(sorted(m for m in ('nbformat', 'jsonschema') if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path, timeout=300,
                         check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stdout[-500:]
