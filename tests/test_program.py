import re

import pytest

from pnpm_lib import program

EXPECTED_KEYS = ("participation", "institutions", "pro_poor_government", "synergy",
                 "local_independence", "social_capital", "technology")


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def seed(root=None):
    from tests.conftest import ROOT

    return _normalise((ROOT / "datasets/sources/seed-pnpm-mandiri.txt").read_text(encoding="utf-8"))


def test_seven_specific_goals_with_stable_keys_in_order():
    assert program.GOAL_KEYS == EXPECTED_KEYS
    assert [g.number for g in program.SPECIFIC_GOALS] == list(range(1, 8))


def test_indonesian_texts_are_quoted_verbatim_from_the_programme_text(seed):
    texts = [program.SUMMARY, program.DEFINITION, program.EMPOWERMENT, program.GENERAL_GOAL]
    texts += [g.text for g in program.SPECIFIC_GOALS]
    for text in texts:
        assert _normalise(text.id) in seed, text.id[:60]


def test_every_text_has_a_distinct_english_translation():
    texts = [program.NAME, program.SUMMARY, program.DEFINITION, program.EMPOWERMENT,
             program.GENERAL_GOAL, program.COMPONENT_NOTES]
    texts += [g.text for g in program.SPECIFIC_GOALS] + [g.short for g in program.SPECIFIC_GOALS]
    for text in texts:
        assert text("en") and text("en") != text("id")


def test_unknown_language_is_rejected_with_the_choices():
    with pytest.raises(ValueError, match="id, en"):
        program.GENERAL_GOAL("fr")


def test_goal_lookup_names_valid_keys_when_unknown():
    assert program.goal("synergy").number == 4
    with pytest.raises(KeyError, match="participation"):
        program.goal("empowerment")


def test_core_components_carry_2012_kecamatan_counts_and_sources():
    table = program.components_table("en").set_index("key")
    assert table.loc["perdesaan", "kecamatan_2012"] == 5100
    assert table.loc["perkotaan", "kecamatan_2012"] == 1151
    assert table.loc["ris_pnpm", "kecamatan_2012"] == 187
    assert table.loc["pisew", "kecamatan_2012"] == 237
    assert "generasi" in table.index
    assert table["source"].str.len().min() > 10
    assert set(table["confidence"]) <= {"R1", "R2"}


def test_stated_2012_total_differs_from_the_sum_and_the_note_says_so():
    core = sum(c.kecamatan_2012 or 0 for c in program.COMPONENTS)
    assert (core, program.KECAMATAN_2012_TOTAL) == (6675, 6680)
    assert "6,675" in program.COMPONENT_NOTES("en") and "6.675" in program.COMPONENT_NOTES("id")
