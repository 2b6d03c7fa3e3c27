"""Exercise checking: right answers pass, wrong ones get a hint (and never the answer)."""

import pytest

from pnpm_lib.exercises import EXERCISES, check

RIGHT = {"cycle_women_only": "mkp", "cycle_representatives": 6, "blm_9": 2.25, "ddub_sedang": 200_000_000, "spp_young_group": False, "jasa_flat": 900_000,
         "mad_funded": ["Sukamaju", "Mekarsari", "Cibodas"], "mad_left": 50_000_000}
WRONG = {"cycle_women_only": "Musdes", "cycle_representatives": 5, "blm_9": 2.5, "ddub_sedang": 100_000_000, "spp_young_group": True, "jasa_flat": 495_000,
         "mad_funded": ["Sukamaju", "Mekarsari", "Tanjung"], "mad_left": 0}


def test_every_exercise_has_a_right_and_a_wrong_case_here():
    assert set(RIGHT) == set(WRONG) == set(EXERCISES)


@pytest.mark.parametrize("key", sorted(RIGHT))
def test_a_right_answer_is_accepted_in_both_languages(key):
    assert check(key, RIGHT[key], "id").message.startswith("Benar")
    assert check(key, RIGHT[key], "en")


@pytest.mark.parametrize("key", sorted(WRONG))
def test_a_wrong_answer_gets_a_hint_not_the_answer(key):
    verdict = check(key, WRONG[key], "en")
    assert not verdict and verdict.message.startswith("Not quite. Hint:")
    if not isinstance(RIGHT[key], bool):  # a True/False hint names both
        assert str(RIGHT[key]) not in verdict.message


def test_an_empty_or_unparseable_answer_is_not_an_error():
    assert not check("blm_9", None) and "Isi jawaban" in check("blm_9", ...).message
    assert not check("blm_9", "dua")
    with pytest.raises(KeyError, match="known: cycle_women_only, .*blm_9"):
        check("blm_99", 1)
