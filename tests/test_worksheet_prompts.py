"""Worksheet prompts with structure: lines sized by words, tables, grids, boxes and
checklists, and a landscape canvas that fits one page."""

from __future__ import annotations

import pypdf
import pytest

from conftest import MINIMAL
from text_extract import normalise, pdf_pages

LESSON = "modules/m1/les-1.yaml"
SHEET = """\
        worksheets:
          - code: LK-1
            title: {id: Lembar, en: Sheet}
            instructions: {id: Isi., en: Fill in.}
            orientation: ORIENTATION
            prompts:
              - {text: {id: Garis, en: Lines}, words: 110}
              - type: table
                text: {id: Tabel, en: Table}
                columns: [{id: Siapa, en: Who}, {id: Kepentingan, en: Interest}]
                rows: 3
              - type: grid
                text: {id: Matriks, en: Matrix}
                columns: [{id: Rendah, en: Low interest}, {id: Tinggi, en: High interest}]
                rows: [{id: Kuat, en: High power}, {id: Lemah, en: Low power}]
                x_axis: {id: Kepentingan, en: Interest}
                y_axis: {id: Kekuatan, en: Power}
                height: 60
              - {type: box, text: {id: Kotak, en: Box}, height: 30}
              - type: checklist
                text: {id: Daftar, en: Checklist}
                items: [{id: Satu, en: Tick one}, {id: Dua, en: Tick two}]
"""


def with_sheet(project, orientation="portrait", sheet=SHEET):
    project.write(LESSON, MINIMAL[LESSON].replace(
        "            participant_instructions: {id: Dengarkan., en: Listen.}",
        "            worksheet: LK-1\n            participant_instructions: {id: Dengarkan., en: Listen.}")
        .rstrip(" ") + sheet.replace("ORIENTATION", orientation))


def test_every_prompt_kind_prints_its_structure(project):
    with_sheet(project)
    output = project.build()
    sheet = output / "site" / "en" / "worksheets" / "test-lk-1-en.pdf"
    text = normalise(" ".join(pdf_pages(sheet)))
    for words in ("Who", "Interest", "Low interest", "High interest", "High power", "Low power", "Power",
                  "Tick one", "Tick two"):
        assert normalise(words) in text
    html = (output / "site" / "en" / "lessons" / "les-1.html").read_text(encoding="utf-8")
    assert html.count('<div class="rule">') == 10  # 110 words at 11 a line
    assert html.count("<td></td>") == 3 * 2 + 2 * 2  # the table's empty rows, the grid's cells
    assert '<th scope="row">High power</th>' in html
    assert 'class="answer-box" style="height: 30mm"' in html


def test_a_landscape_canvas_is_printed_across_the_page(project):
    boxes = "".join(f"              - {{type: box, text: {{id: K{i}, en: Frame {i}}}, height: 25}}\n" for i in range(6))
    sheet = SHEET.split("            prompts:\n")[0] + "            prompts:\n" + boxes
    with_sheet(project, "landscape", sheet)
    output = project.build()
    pages = pypdf.PdfReader(output / "site" / "en" / "worksheets" / "test-lk-1-en.pdf").pages
    assert len(pages) == 1
    box = pages[0].mediabox
    assert box.width > box.height


@pytest.mark.parametrize("broken, field", [
    ("              - {type: table, text: {id: T, en: T}}\n", "columns"),
    ("              - {type: grid, text: {id: G, en: G}, columns: [a]}\n", "rows"),
])
def test_a_prompt_missing_its_structure_is_reported_where_it_is(project, broken, field):
    sheet = SHEET.split("            prompts:\n")[0] + "            prompts:\n" + broken
    with_sheet(project, "portrait", sheet)
    errors = project.errors()
    assert len(errors) == 1 and "missing-field" in errors[0] and f"'{field}'" in errors[0], errors
    assert errors[0].startswith(f"proj/{LESSON}:")
