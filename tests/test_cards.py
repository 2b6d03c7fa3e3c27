"""What-if cards: offline single files whose every value is the library's, in the card's language."""

import json
import re

import pytest

from pnpm_lib import cards, fmt, funding, proofread
from pnpm_lib.exercises import MAD_EXAMPLE


def _data(html: str) -> dict:
    return json.loads(re.search(r"const card = (\{.*?\});\n", html, re.DOTALL).group(1).replace("<\\/", "</"))


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_blm_value_is_the_librarys(lang):
    card = cards.blm_card(lang)
    villages, classes = card.controls[0].options, card.controls[1].options
    assert len(card.values) == len(villages) * len(classes)
    for key, shown in card.values.items():
        i, j = map(int, key.split("-"))
        blm = funding.blm_allocation(villages[i]) * 1e9
        split = funding.dub_ddub(blm, classes[j])
        assert shown[:3] == [fmt.rupiah(v, lang) for v in (blm, split.dub, split.ddub)]


def test_every_spp_value_is_the_librarys():
    card = cards.spp_card("id")
    assert len(card.values) == len(cards.SPP_PRINCIPALS) * len(cards.SPP_RATES) * len(cards.SPP_MONTHS)
    for key, shown in card.values.items():
        i, j, k = map(int, key.split("-"))
        args = (cards.SPP_PRINCIPALS[i], cards.SPP_RATES[j], cards.SPP_MONTHS[k])
        flat, declining = (funding.repayment_schedule(*args, m) for m in ("flat", "declining"))
        assert shown == [fmt.rupiah(v, "id") for v in (flat["instalment"].iloc[0], flat["jasa"].sum(),
                                                       declining["instalment"].iloc[0],
                                                       declining["instalment"].iloc[-1], declining["jasa"].sum())]


def test_every_mad_ranking_is_the_librarys_decision():
    card = cards.mad_card("en")
    assert len(card.values) == 120 * len(cards.BLM_OPTIONS)
    for key, shown in card.values.items():
        *ranks, b = map(int, key.split("-"))
        ordered = [p for _, p in sorted(zip(ranks, MAD_EXAMPLE, strict=True), key=lambda x: x[0])]
        expected = funding.mad_allocation(cards.BLM_OPTIONS[b], [
            funding.Proposal(p.village, p.cost, 100 - r) for r, p in enumerate(ordered)])
        funded = {p.village for p in expected.funded}
        for village, text in zip([p.village for p in MAD_EXAMPLE], shown, strict=False):
            assert (text == "funded") == (village in funded), (key, village, text)
        assert shown[-1] == fmt.rupiah(expected.remaining, "en")


@pytest.mark.parametrize("key", sorted(cards.CARDS))
@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_card_is_one_offline_file_in_one_language(tmp_path, key, lang):
    html = cards.to_html(cards.CARDS[key](lang))
    assert f'<html lang="{lang}">' in html and not re.search(r"""(src|href)=["']?https?://""", html)
    assert "<script src" not in html and "<link" not in html
    hits = [str(h) for h in proofread.scan(html.split("<script>")[0], lang)]
    assert hits == []
    data = _data(html)
    assert data["values"] and len(data["controls"]) == len(cards.CARDS[key](lang).controls)
