"""The project cycle ships only sourced stages, in order, with their confidence."""

from pnpm_lib import cycle


def test_stages_are_numbered_in_order_and_sourced_never_remembered():
    table = cycle.stages_table("en")
    assert table["no"].tolist() == list(range(1, len(cycle.STAGES) + 1))
    assert set(table["confidence"]) <= {"R1", "R2"} and table["source"].str.len().min() > 10
    assert table["stage"].iloc[0] == "MAD Sosialisasi" and table["stage"].iloc[-1] == "Musdes Pertanggungjawaban"
    assert "MKP (Musyawarah Khusus Perempuan)" in set(table["stage"])


def test_memory_only_stages_are_left_out_and_the_note_says_so():
    names = {s.name for s in cycle.STAGES}
    for remembered in ("Musdes Serah Terima", "Rapat Persiapan"):
        assert remembered not in names and remembered in cycle.ORDER_NOTE("id")


def test_the_diagram_is_drawn_from_the_stages():
    fig = cycle.cycle_diagram("en")
    texts = [t.get_text() for t in fig.axes[0].texts if t.get_text()]
    assert texts[0] == "1. MAD Sosialisasi" and len(texts) == len(cycle.STAGES)
