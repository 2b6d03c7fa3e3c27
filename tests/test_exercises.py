"""Exercise checking: what people type is read, right answers pass, wrong ones get a hint, never the answer."""

import pytest

from pnpm_lib.exercises import EXERCISES, check, read_number

RIGHT = {"goals_count": 7, "largest_component": "PNPM Mandiri Perdesaan", "poverty_drop": 5.33,
         "cycle_women_only": "mkp", "cycle_representatives": 6, "blm_9": 2.25, "ddub_sedang": 200_000_000,
         "spp_young_group": False, "jasa_flat": 900_000, "mad_funded": ["Sukamaju", "Mekarsari", "Cibodas"],
         "mad_left": 50_000_000}
WRONG = {"goals_count": 5, "largest_component": "PISEW", "poverty_drop": 6.5, "cycle_women_only": "Musdes",
         "cycle_representatives": 5, "blm_9": 2.5, "ddub_sedang": 100_000_000, "spp_young_group": True,
         "jasa_flat": 495_000, "mad_funded": ["Sukamaju", "Mekarsari", "Tanjung"], "mad_left": 0}


def test_every_exercise_has_a_right_and_a_wrong_case_here():
    assert set(RIGHT) == set(WRONG) == set(EXERCISES)


@pytest.mark.parametrize("key", sorted(RIGHT))
def test_a_right_answer_is_accepted_in_both_languages(key):
    assert check(key, RIGHT[key], "id").message.startswith("Benar")
    assert check(key, RIGHT[key], "en")


@pytest.mark.parametrize("key", sorted(WRONG))
def test_a_wrong_answer_gets_a_content_hint_not_the_answer(key):
    from pnpm_lib import fmt

    verdict = check(key, WRONG[key], "en")
    assert verdict.outcome == "wrong" and verdict.message.startswith("Not quite. Hint:")
    truth = EXERCISES[key].answer()
    if isinstance(truth, (int, float)) and not isinstance(truth, bool):
        shown = {str(truth), fmt.decimal(truth, 2, "en"), fmt.decimal(truth, 2, "id"), fmt.integer(truth, "id")}
        assert not any(s in verdict.message for s in shown)
    if isinstance(truth, list):
        assert not any(name in verdict.message for name in truth)


@pytest.mark.parametrize(("key", "typed"), [
    ("blm_9", "2,25"), ("blm_9", " 2.25 "), ("ddub_sedang", "200.000.000"), ("ddub_sedang", "Rp 200.000.000"),
    ("ddub_sedang", "200000000,00"), ("jasa_flat", "900.000"), ("poverty_drop", "5,33"),
    ("cycle_women_only", " Mkp "), ("cycle_women_only", "musyawarah khusus perempuan"),
    ("largest_component", "perdesaan"), ("largest_component", "pnpm  mandiri perdesaan"),
    ("spp_young_group", "tidak"), ("spp_young_group", "Salah"), ("spp_young_group", "False"), ("spp_young_group", "no"),
    ("mad_funded", "Sukamaju, Mekarsari, Cibodas"), ("mad_funded", "cibodas; sukamaju dan Mekarsari"),
    ("mad_funded", ("Mekarsari", "Sukamaju", "Cibodas")), ("cycle_representatives", "6"),
])
def test_what_people_type_is_read(key, typed):
    assert check(key, typed, "id").correct, typed


def test_english_pages_read_thousands_commas():
    assert check("ddub_sedang", "200,000,000", "en").correct
    assert read_number("1,500", "en") == 1500 and read_number("1.500", "id") == 1500
    assert read_number("1,5", "id") == 1.5 and read_number("1.5", "en") == 1.5


@pytest.mark.parametrize(("key", "typed"), [
    ("blm_9", "dua koma dua lima"), ("blm_9", "2,25 miliar"), ("ddub_sedang", "1.50.000"),
    ("spp_young_group", "mungkin"), ("cycle_women_only", 4), ("blm_9", True),
])
def test_an_answer_that_cannot_be_read_gets_a_format_hint(key, typed):
    verdict = check(key, typed, "id")
    assert verdict.outcome == "format" and "Hint" not in verdict.message and "Petunjuk" not in verdict.message


def test_an_empty_answer_asks_for_one_and_an_unknown_exercise_is_an_error():
    assert check("blm_9", None).outcome == "empty" and "Isi jawaban" in check("blm_9", ...).message
    assert check("blm_9", "  ").outcome == "empty"
    with pytest.raises(KeyError, match="known: goals_count, .*blm_9"):
        check("blm_99", 1)
