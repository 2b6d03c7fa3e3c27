"""Typst PDFs of briefs (pnpm_lib.briefs.typeset): what is shown, and what data cannot do."""

import nbformat
import pypdf
import pytest

from pnpm_lib.briefs.typeset import TypesetError, to_pdf, to_typst
from pnpm_lib.render import bullets, heading, paragraph, table


def _nb(*html: str, tags=("remove-input",)) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    for h in html:
        cell = nbformat.v4.new_code_cell("", metadata={"tags": list(tags)})
        cell.outputs = [nbformat.v4.new_output("display_data", {"text/html": h, "text/plain": "<Html>"})]
        nb.cells.append(cell)
    return nb


def _text(pdf: bytes) -> str:
    import io

    return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def test_text_from_data_is_printed_as_text_never_as_typst():
    hostile = 'Kab. "X" #set page(width: 1cm) ] [ \\ $x$ *bold* <b> @ref // not a comment'
    import pandas as pd

    nb = _nb(heading(hostile, 1), paragraph(hostile, "key-message"), bullets([hostile]),
             table(pd.DataFrame({"Wilayah": [hostile], "Nilai": [1.5]}), "id"))
    text = _text(to_pdf(nb, hostile, "id"))
    assert text.count("#set page(width: 1cm)") == 4 and "*bold*" in text and "// not a comment" in text
    assert "1,50" in text  # the table's number in the page's locale, as the HTML shows it


def test_hidden_cells_and_stderr_stay_out_and_unknown_elements_are_refused():
    shown, hidden = _nb(paragraph("tampil")), _nb(paragraph("rahasia"), tags=("remove-cell",))
    nb = shown
    nb.cells += hidden.cells
    source = to_typst(nb, "t", "id")
    assert '"tampil"' in source and "rahasia" not in source
    with pytest.raises(TypesetError, match="<video>"):
        to_typst(_nb("<video src='x'></video>"), "t", "id")


def test_a_failed_brief_is_not_printed():
    nb = _nb(paragraph("awal"))
    nb.cells[0].outputs.append(nbformat.v4.new_output("error", ename="RegionError", evalue="x", traceback=[]))
    with pytest.raises(TypesetError, match="RegionError"):
        to_pdf(nb, "t", "id")
