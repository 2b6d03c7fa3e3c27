"""The project cycle ships only sourced stages, in order, with their confidence."""

from pnpm_lib import cycle


def test_stages_are_numbered_in_order_and_sourced_never_remembered():
    stages = cycle.STAGES
    assert [s.number for s in stages] == list(range(1, len(stages) + 1))
    assert {s.confidence for s in stages} <= {"R1", "R2"} and min(len(s.source) for s in stages) > 10
    assert stages[0].name == "MAD Sosialisasi" and stages[-1].name == "Musdes Pertanggungjawaban"
    assert "MKP (Musyawarah Khusus Perempuan)" in {s.name for s in stages}


def test_memory_only_stages_are_left_out_and_the_note_says_so():
    names = {s.name for s in cycle.STAGES}
    for remembered in cycle.REMEMBERED_STAGES:
        assert remembered not in names and remembered in cycle.ORDER_NOTE("id")


def test_the_diagram_is_drawn_from_the_stages():
    chart = cycle.cycle_diagram("en")
    boxes = [text for text in chart.texts if text[0].isdigit()]
    assert boxes[0] == "1. MAD Sosialisasi" and len(boxes) == len(cycle.STAGES)
    assert "11. Musdes Pertanggungjawaban" in chart.alt and chart.svg.count("<title>") == 1
