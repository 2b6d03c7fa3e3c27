"""IDM against the published Pakisrejo figures and the regulation's boundaries."""

import pandas as pd
import pytest

from pnpm_lib.indicators.village_status import idm, status


def test_pakisrejo_2018_and_2019():
    assert idm(0.7257, 0.5333, 0.6667) == 0.6419 and status(0.6419) == "Berkembang"
    assert idm(0.6868, 0.7979, 0.7456) == 0.7434 and status(0.7434) == "Maju"


@pytest.mark.parametrize("score, expected", [
    (0.4907, "Sangat Tertinggal"), (0.4908, "Tertinggal"), (0.5989, "Tertinggal"),
    (0.7072, "Berkembang"), (0.8155, "Maju"), (0.8156, "Mandiri"),
])
def test_boundaries(score, expected):
    assert status(score) == expected
    assert status(pd.Series([score])).iloc[0] == expected


def test_out_of_range_is_an_error():
    with pytest.raises(ValueError, match="lies in"):
        status(1.2)
