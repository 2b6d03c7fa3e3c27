import pandas as pd

from pnpm_lib.render import heading, paragraph, table


def test_text_from_data_is_escaped():
    assert "<script>" not in heading("<script>alert(1)</script>")
    assert "&lt;b&gt;" in paragraph("<b>")
    html = table(pd.DataFrame({"name": ["<img src=x onerror=alert(1)>"], "n": [3]}))
    assert "<img" not in html and "&lt;img" in html


def test_numbers_are_right_aligned_and_missing_values_blank():
    html = table(pd.DataFrame({"rate": [1.5, None], "n": pd.array([1200, None], dtype="Int64")}))
    assert '<td class="num">1.50</td>' in html
    assert '<td class="num">1,200</td>' in html
    assert html.count("<td></td>") == 2
