"""Funding rules read like the PTO: each test is one rule."""

import pytest

from pnpm_lib.funding import (
    FundingError,
    Proposal,
    blm_allocation,
    dub_ddub,
    mad_allocation,
    repayment_schedule,
    spp_eligible,
)


@pytest.mark.parametrize(("desa", "blm"), [(3, 1.0), (5, 1.5), (6, 1.5), (9, 2.25), (12, 3.0)])
def test_blm_follows_the_pto_table(desa, blm):
    assert blm_allocation(desa) == blm


@pytest.mark.parametrize(("desa", "why"), [(2, "poverty ratio and population"), (13, "the table stops there")])
def test_outside_the_table_the_rule_is_not_guessed(desa, why):
    with pytest.raises(FundingError, match=why):
        blm_allocation(desa)


def test_a_low_capacity_kabupaten_pays_five_percent_like_mojokerto():
    split = dub_ddub(3_000_000_000, "Rendah")
    assert split.dub == pytest.approx(2_850_000_000) and split.ddub == pytest.approx(150_000_000)
    with pytest.raises(FundingError, match="valid: rendah, sedang, tinggi, sangat tinggi"):
        dub_ddub(1, "low")


def test_a_group_younger_than_one_year_cannot_borrow():
    assert spp_eligible(11, 12, False).reasons == ("group_age",)
    assert spp_eligible(12, 12, False).eligible


def test_a_loan_longer_than_twelve_months_or_a_group_in_arrears_is_refused():
    assert spp_eligible(24, 13, True).reasons == ("term", "arrears")


def test_flat_jasa_costs_more_than_declining_balance_for_the_same_rate():
    flat = repayment_schedule(12_000_000, 0.015, 12, "flat")
    declining = repayment_schedule(12_000_000, 0.015, 12, "declining")
    assert flat["jasa"].sum() == pytest.approx(12_000_000 * 0.015 * 12)  # 2,160,000
    assert declining["jasa"].sum() == pytest.approx(12_000_000 * 0.015 * (12 + 1) / 2)  # 1,170,000
    assert flat["principal"].sum() == pytest.approx(12_000_000) and declining["balance"].iloc[-1] == 0


def test_the_mad_funds_in_rank_order_breaks_ties_by_repayment_and_says_why():
    proposals = [Proposal("A", 400, 80, 0.90), Proposal("B", 500, 90, 0.95), Proposal("C", 300, 80, 0.99),
                 Proposal("D", 200, 70, 0.50)]
    result = mad_allocation(1_000, proposals)
    assert [p.village for p in result.funded] == ["B", "C", "D"]  # C wins the tie with A on repayment
    assert result.not_funded == {"A": 200} and result.remaining == 0
    with pytest.raises(FundingError, match="once"):
        mad_allocation(1, [Proposal("A", 1, 1), Proposal("A", 1, 1)])
