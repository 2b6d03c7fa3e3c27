"""WEAI-style gender view on a hand-computed example (5DE, GPI, WEAI) and the A-WEAI weights."""

import pandas as pd
import pytest

from pnpm_lib import synth
from pnpm_lib.indicators.weai import A_WEAI_WEIGHTS, gender_view, inadequacy

WEIGHTS = {"a": 0.5, "b": 0.3, "c": 0.2}


def adults():
    # household: woman (a, b, c), man (a, b, c); inadequacy c = Σ w·(1 − adequacy)
    rows = [
        ("h1", 1, 0, 1, 1), ("h1", 0, 1, 1, 1),  # woman 0.5 (disempowered), man 0   → no parity, gap 0.5
        ("h2", 1, 1, 1, 1), ("h2", 0, 0, 1, 1),  # woman 0, man 0.5                  → parity
        ("h3", 1, 1, 1, 0), ("h3", 0, 1, 0, 0),  # woman 0.2 (empowered: ≤ 20%), man 0.5 → parity
        ("h4", 1, 0, 0, 1), ("h4", 0, 0, 1, 1),  # woman 0.8, man 0.5                → no parity, gap 0.6
        ("h5", 1, 0, 0, 0),                      # woman alone, 1.0: in 5DE, not in GPI
    ]
    return pd.DataFrame(rows, columns=["household_id", "female", "a", "b", "c"])


def test_five_de_gpi_and_weai_match_the_hand_computation():
    g = gender_view(adults(), WEIGHTS)
    # women: c = .5, 0, .2, .8, 1 → disempowered .5, .8, 1: H = .6, A = 2.3/3 → 5DE = 1 − .46
    assert g.disempowered_women == pytest.approx(0.6) and g.five_de_women == pytest.approx(0.54)
    # men: c = 0, .5, .5, .5 → H = .75, A = .5
    assert g.five_de_men == pytest.approx(0.625)
    # GPI over h1–h4: H_GPI = .5, I_GPI = (.5 + .6)/2
    assert g.dual_households == 4 and g.women_without_parity == pytest.approx(0.5)
    assert g.parity_gap == pytest.approx(0.55) and g.gpi == pytest.approx(0.725)
    assert g.weai == pytest.approx(0.9 * 0.54 + 0.1 * 0.725)


def test_exactly_twenty_percent_inadequate_counts_as_empowered_despite_float_sums():
    # the A-WEAI weights sum to 0.9999999999999999; one 1/5 indicator missed is exactly 20%
    people = pd.DataFrame([{"household_id": "x", "female": 1, **{k: 1 for k in A_WEAI_WEIGHTS},
                            "workload": 0}])
    assert inadequacy(people, A_WEAI_WEIGHTS).iloc[0] == pytest.approx(0.2)
    assert gender_view(people, A_WEAI_WEIGHTS).disempowered_women == 0


@pytest.mark.parametrize(("frame", "weights", "message"), [
    (adults().assign(a=2), WEIGHTS, "must be 0 \\(inadequate\\) or 1"),
    (adults(), {"a": 0.5, "b": 0.3}, "sum to 1"),
    (adults(), {**WEIGHTS, "d": 0.0}, "not in the data"),
    (adults().drop(columns="female"), WEIGHTS, "column 'female' is needed"),
])
def test_bad_input_is_rejected(frame, weights, message):
    with pytest.raises(ValueError, match=message):
        gender_view(frame, weights)


def test_synthetic_module_is_labelled_and_shows_the_planted_gap():
    people = synth.make_adults(seed=4)
    assert people.attrs["synthetic"] is True
    g = gender_view(people, A_WEAI_WEIGHTS)
    assert g.five_de_women < g.five_de_men and g.gpi < 1
