"""Tables and figures carry captions, and print numbers them per lesson ("Tabel 2.1")."""

from __future__ import annotations

import pytest

from conftest import MINIMAL
from coursesmith.load.markdown import convert
from text_extract import normalise, pdf_pages, pdf_text

TWO_TABLES = """\
Tabel: First *table*

| a | b |
|---|---|
| 1 | 2 |

![A chart of one thing](chart.svg "The chart")

Table: Second table

| c |
|---|
| 3 |
"""


def test_a_caption_line_before_a_table_becomes_its_caption():
    html = convert(TWO_TABLES).html
    assert "<table>\n<caption>First <em>table</em></caption>" in html
    assert "<caption>Second table</caption>" in html
    assert "Tabel:" not in html and "Table:" not in html


def test_an_image_with_a_title_becomes_a_figure_with_that_caption():
    html = convert(TWO_TABLES).html
    assert '<figure><img src="coursesmith-link-0" alt="A chart of one thing" title="The chart"><figcaption>The chart</figcaption></figure>' in html
    assert "<figure>" not in convert("![no title](x.svg)").html
    assert "<figure>" not in convert("Text beside ![an image](x.svg \"T\") in a line.").html


CAPTIONS = {
    "id": ("Gambar 2.1 Matriks kekuatan–kepentingan", "Tabel 2.1 Empat kelompok pemangku kepentingan"),
    "en": ("Figure 2.1 The power/interest grid", "Table 2.1 The four stakeholder groups"),
}


@pytest.mark.parametrize("lang", ("id", "en"))
def test_the_reader_and_handout_number_the_grid_and_its_table(sample_output, lang):
    for path in (sample_output / "site" / lang / f"kkmp-reader-{lang}.pdf",
                 sample_output / "site" / lang / "handouts" / f"kkmp-koal-02-{lang}.pdf"):
        text = normalise(pdf_text(path))
        for caption in CAPTIONS[lang]:
            assert normalise(caption) in text, (path.name, caption)


def test_the_guide_numbers_the_case_table_but_not_its_run_sheet(sample_output):
    """The alignment map of KOAL-03 is its first table in the guide, the case table its second."""
    text = pdf_text(sample_output / "facilitator/id/kkmp-facilitator-guide-id.pdf")
    assert "Tabel 3.2 Unsur pentahelix dalam Sinergi (F4)" in text
    assert "Hari 1 · 20 April 2027" in text and "Tabel 0." not in text


def test_numbers_count_up_within_a_lesson(project):
    body = "\n".join("                  " + line for line in TWO_TABLES.replace("chart.svg", "img/chart.svg").splitlines())
    project.write("modules/m1/les-1.yaml", MINIMAL["modules/m1/les-1.yaml"].replace(
        '            body: {id: "Isi **bagian**.", en: "Section **body**."}',
        f"            body:\n              id: |\n{body}\n              en: |\n{body}"))
    project.write("modules/m1/img/chart.svg", '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')
    output = project.build()
    text = normalise(pdf_text(output / "site/en/handouts/test-les-1-en.pdf"))
    assert normalise("Table 1.1 First table") in text
    assert normalise("Figure 1.1 The chart") in text
    assert normalise("Table 1.2 Second table") in text
