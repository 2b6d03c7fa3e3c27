"""The one number formatter: CLDR marks per locale, and the rounding rule pinned at its boundaries."""

import pytest

from pnpm_lib import fmt


@pytest.mark.parametrize(("value", "digits", "id_", "en"), [
    (0.125, 2, "0,13", "0.13"),  # Babel alone: 0.12 (half to even)
    (2.675, 2, "2,68", "2.68"),  # format() alone: 2.67 (binary 2.67499…)
    (2.5, 0, "3", "3"),  # banker's rounding would give 2
    (-2.5, 0, "-3", "-3"),  # half away from zero on both sides
    (1.005, 2, "1,01", "1.01"),  # format() gives 1.00
    (-0.0004, 3, "0,000", "0.000"),  # never -0,000
    (1234567.891, 1, "1.234.567,9", "1,234,567.9"),
    (0.0, 1, "0,0", "0.0"),
])
def test_rounding_is_half_away_from_zero_on_the_written_number(value, digits, id_, en):
    assert fmt.decimal(value, digits, "id") == id_ and fmt.decimal(value, digits, "en") == en


def test_signed_effects_never_show_minus_or_plus_zero():
    assert fmt.decimal(-0.0004, 3, "id", signed=True) == "0,000"
    assert fmt.decimal(0.04, 1, "en", signed=True) == "0.0"
    assert fmt.decimal(0.06, 1, "en", signed=True) == "+0.1" and fmt.points(-4.66, 1, "id") == "-4,7"


def test_percent_share_and_points_in_each_locale():
    assert fmt.percent(13.333, 1, "id") == "13,3%" and fmt.share(0.106, 1, "en") == "10.6%"
    assert fmt.share(0.5, 0, "id") == "50%" and fmt.percent(-0.04, 1, "id", signed=True) == "0,0%"


def test_rupiah_follows_cldr_with_no_space_and_compact_words():
    assert fmt.rupiah(1_500_000, "id") == "Rp1.500.000" and fmt.rupiah(1_500_000, "en") == "Rp1,500,000"
    assert fmt.rupiah(-5000, "id") == "-Rp5.000"
    assert fmt.rupiah_compact(1.5e9, "id") == "Rp1,5 miliar" and fmt.rupiah_compact(1.5e9, "en") == "Rp1.5 billion"
    assert fmt.rupiah_compact(7.5e8, "id") == "Rp750 juta" and fmt.rupiah_compact(2.25e12, "id") == "Rp2,3 triliun"
    assert fmt.rupiah_compact(250_000, "id") == "Rp250.000"


def test_p_values_counts_months_and_lists():
    assert fmt.p_value(0.00001, "id") == "<\u00a00,001" and fmt.p_value(0.0314, "en") == "0.031"
    assert fmt.integer(7000, "id") == "7.000" and fmt.integer(7000, "en") == "7,000"
    assert fmt.month("2014-03", "id") == "Maret 2014" and fmt.month("2014-09", "en") == "September 2014"
    assert fmt.join(["Aceh", "Bali", "Papua"], "id") == "Aceh, Bali, dan Papua"
    assert fmt.join(["Aceh", "Bali", "Papua"], "en") == "Aceh, Bali, and Papua"
    assert fmt.decimal(float("nan"), 1, "id") == fmt.DASH


def test_axis_ticks_get_the_decimals_their_spacing_needs():
    ticks = fmt.axis("dec", "id")
    assert ticks.format_ticks([0, 2.5, 5, 7.5]) == ["0,0", "2,5", "5,0", "7,5"]
    assert fmt.axis("dec", "en").format_ticks([0, 100, 200]) == ["0", "100", "200"]
    assert fmt.axis("year", "id").format_ticks([2006, 2008]) == ["2006", "2008"]  # years are never grouped
    assert fmt.axis("rp", "id").format_ticks([0, 100_000]) == ["Rp0", "Rp100.000"]


def test_an_unknown_kind_or_language_is_refused():
    with pytest.raises(ValueError, match="unknown number kind"):
        fmt.kind(1, "dec9")
    with pytest.raises(ValueError, match="unknown language"):
        fmt.decimal(1, 1, "jv")
