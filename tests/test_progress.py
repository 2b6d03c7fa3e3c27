"""Progress of a long run: rate, time left and failures so far; the index says a run is still going."""

from pathlib import Path

from pnpm_lib.briefs.catalogue import index_page
from pnpm_lib.briefs.progress import Tracker


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_rate_eta_and_failures_from_a_fake_clock():
    clock = Clock()
    tracker = Tracker(total=100, every=10, seconds=60, clock=clock)
    due = []
    for i in range(25):
        clock.now += 2.0  # one brief every 2 s: 0.5 briefs/s
        due.append(tracker.add("failed" if i in (3, 7) else "ok"))
    assert [i + 1 for i, d in enumerate(due) if d] == [10, 20]  # every 10 briefs (60 s not reached first)
    assert tracker.rate == 0.5 and tracker.eta_s == 150.0
    assert tracker.line() == "progress 25/100 (25%), 0.50 briefs/s, ETA 2 min 30 s, 2 failed so far"


def test_a_slow_run_reports_by_time_and_the_last_brief_is_always_due():
    clock = Clock()
    tracker = Tracker(total=3, every=100, seconds=30, clock=clock)
    clock.now += 10
    assert not tracker.add("ok")
    clock.now += 25  # 35 s since the start: due by time
    assert tracker.add("ok")
    clock.now += 1
    assert tracker.add("ok") and tracker.line().endswith("done, 0 failed so far")
    assert Tracker(total=7000).every == 350 and Tracker(total=6).every == 10  # a twentieth, at least 10


def test_the_index_says_the_run_is_still_going(tmp_path: Path):
    page = index_page([], tmp_path, {}, "id", "Ringkasan", running=(412, 7000))
    assert "Proses masih berjalan: 412 dari 7.000 ringkasan baru" in page
    assert "masih berjalan" not in index_page([], tmp_path, {}, "id", "Ringkasan")
    english = index_page([], tmp_path, {}, "en", "Briefs", running=(412, 7000))
    assert "Run in progress: 412 of 7,000 new briefs" in english


def test_the_index_of_kecamatan_briefs_maps_each_province_by_the_effects_its_briefs_show():
    from pnpm_lib.briefs.catalogue import province_map

    def row(region: str, value: float | None) -> dict:
        return {"region": region, "holds_key": "wider" if value is not None else "context", "headline_value": value}

    rows = [row("3301010", 10.0), row("3301020", 20.0), row("3302010", 40.0), row("1101010", None)]
    page = province_map(rows, "id")
    assert page is not None
    assert "3 ringkasan; median dampak yang ditampilkan +20,0%" in page  # Jawa Tengah: median of 10, 20, 40
    assert "1 ringkasan; tanpa estimasi dampak" in page and "tanpa ringkasan" in page
    assert province_map([row("3301010", None) | {"holds_key": ""}], "id") is None  # nothing rendered yet


def test_each_map_key_has_the_colour_its_province_is_drawn_in():
    """All effects positive: the 'lowest effect' key is not the red end of the scale while its dot is green."""
    import re

    from pnpm_lib.briefs.catalogue import province_map

    rows = [{"region": "3301010", "holds_key": "wider", "headline_value": 8.1},
            {"region": "1101010", "holds_key": "wider", "headline_value": 10.9}]
    page = province_map(rows, "en")
    fills = {name: colour for colour, name in re.findall(r'<circle [^>]*fill="(#[0-9a-f]{6})"[^>]*><title>([^:<]+):',
                                                         page)}
    keys = dict((text.split(" (")[0], colour) for colour, text in
                re.findall(r'<rect x="\d+" y="\d+" width="14" height="14" fill="(#[0-9a-f]{6})"[^>]*/>'
                           r'<text[^>]*>([^<]+)</text>', page))
    assert keys["lowest effect"] == fills["Jawa Tengah"] != "#b2182b"
    assert keys["highest effect"] == fills["Aceh"]
