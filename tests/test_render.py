import pandas as pd
import pytest

from pnpm_lib.render import Html, bullets, heading, paragraph, section, table


def test_text_from_data_is_escaped():
    assert "<script>" not in heading("<script>alert(1)</script>")
    assert "&lt;b&gt;" in paragraph("<b>")
    html = table(pd.DataFrame({"Nama": ["<img src=x onerror=alert(1)>"], "N": [3]}), "id")
    assert "<img" not in html and "&lt;img" in html


def test_numbers_follow_the_page_locale_right_aligned_missing_blank():
    frame = pd.DataFrame({"Tingkat": [1.5, None], "N": pd.array([1200, None], dtype="Int64")})
    html = table(frame, "id")
    assert '<td class="num">1,50</td>' in html and '<td class="num">1.200</td>' in html
    assert html.count("<td></td>") == 2
    english = table(frame, "en", formats={"Tingkat": "pct1"})
    assert '<td class="num">1.5%</td>' in english and '<td class="num">1,200</td>' in english


def test_an_identifier_header_is_refused():
    with pytest.raises(ValueError, match="kecamatan_2012"):
        table(pd.DataFrame({"kecamatan_2012": [1]}), "id")


def test_a_section_is_one_output_of_its_parts_in_order_and_skips_none():
    class Chart:
        def _repr_html_(self):
            return "<figure><svg/></figure>"

    shown = section(heading("Judul"), None, paragraph("a < b"), Chart(), bullets(["x"]))
    assert isinstance(shown, Html)
    assert shown == "<h2>Judul</h2><p>a &lt; b</p><figure><svg/></figure><ul><li>x</li></ul>"
    assert section() == ""
