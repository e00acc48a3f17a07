"""Tables and figures carry captions, and print numbers them per lesson ("Tabel 2.1")."""

from __future__ import annotations

import re

import pikepdf
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
    """The alignment map of KOAL-03 is unnumbered (a facilitator handout's tables keep the
    numbers of the participant's where both have them): the case table is its first."""
    text = pdf_text(sample_output / "facilitator/id/kkmp-facilitator-guide-id.pdf")
    assert "Tabel 3.1 Unsur pentahelix dalam Sinergi (F4)" in text
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


# --- numbers written into the HTML (the site) and the list of tables and figures ------

LABELS = {"table_number": "Tabel", "figure_number": "Gambar"}


def test_captions_after_a_chapter_mark_get_ids_and_on_the_site_their_number():
    from coursesmith.render.captions import number_captions

    html = ('<table><caption>Run sheet</caption></table><article data-chapter="2">'
            '<table class="t"><caption>First &amp; <em>one</em></caption></table>'
            '<figure><img alt="x"><figcaption>A chart</figcaption></figure>'
            '<table id="own"><caption>Kept</caption></table>'
            "<table><caption>Second</caption></table></article>"
            '<section data-chapter=""><table><caption>Back matter</caption></table></section>')
    site = number_captions(html, LABELS, visible=True)
    assert "<caption>Run sheet</caption>" in site and "<caption>Back matter</caption>" in site
    assert '<table id="tab-2-1" class="t"><caption><span class="caption-number">Tabel 2.1</span> First' in site
    assert '<figure id="fig-2-1"><img alt="x"><figcaption><span class="caption-number">Gambar 2.1</span> A chart' in site
    assert '<table id="own"><caption>Kept</caption>' in site, "a table with its own id is left alone"
    assert '<table id="tab-2-2"><caption><span class="caption-number">Tabel 2.2</span> Second' in site
    printed = number_captions(html, LABELS, visible=False)
    assert '<table id="tab-2-1" class="t"><caption>First' in printed and "caption-number" not in printed


def test_the_list_is_filled_in_document_order_or_left_out_when_empty():
    from coursesmith.render.captions import LIST_PLACEHOLDER, number_captions

    shell = f'<nav class="list-of-figures" aria-labelledby="t"><h2 id="t">L</h2><ol>{LIST_PLACEHOLDER}</ol></nav>\n'
    html = shell + ('<article data-chapter="1"><figure><figcaption>A &lt;b&gt; chart</figcaption></figure>'
                    "<table><caption>Rows <em>here</em></caption></table></article>")
    filled = number_captions(html, LABELS, visible=False)
    assert ('<li class="lof-figure"><a href="#fig-1-1" data-number="Gambar 1.1">A &lt;b&gt; chart</a></li>'
            '<li class="lof-table"><a href="#tab-1-1" data-number="Tabel 1.1">Rows here</a></li>') in filled
    empty = number_captions(shell + '<article data-chapter="1"><p>No captions.</p></article>', LABELS, visible=False)
    assert "list-of-figures" not in empty and "<p>No captions.</p>" in empty


def test_a_chapter_mark_written_in_author_text_is_only_text(project):
    body = 'Kode `<p data-chapter="9">` dan <!--coursesmith:list-of-figures-->.\n\n' + TWO_TABLES
    body = "\n".join("                  " + line for line in body.replace("chart.svg", "img/chart.svg").splitlines())
    project.write("modules/m1/les-1.yaml", MINIMAL["modules/m1/les-1.yaml"].replace(
        '            body: {id: "Isi **bagian**.", en: "Section **body**."}',
        f"            body:\n              id: |\n{body}\n              en: |\n{body}"))
    project.write("modules/m1/img/chart.svg", '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')
    html = (project.build(pdf=False) / "site/en/lessons/les-1.html").read_text(encoding="utf-8")
    assert re.search(r'<table id="tab-1-1">\s*<caption><span class="caption-number">Table 1.1</span> First', html)
    assert re.search(r'<table id="tab-1-2">\s*<caption><span class="caption-number">Table 1.2</span> Second', html)
    assert "Tabel 9." not in html and "Table 9." not in html


@pytest.mark.parametrize("lang", ("id", "en"))
def test_the_site_numbers_the_grid_and_its_table_as_print_does_and_links_them(sample_output, lang):
    html = (sample_output / "site" / lang / "lessons" / "koal-02.html").read_text(encoding="utf-8")
    for caption in CAPTIONS[lang]:  # the words the reader and handout print (test above)
        label, number, words = caption.split(" ", 2)
        anchor = ("fig" if label in ("Gambar", "Figure") else "tab") + "-" + number.replace(".", "-")
        found = re.search(rf'<(table|figure) id="{anchor}">.*?<(fig)?caption><span class="caption-number">'
                          rf"{label} {number}</span> {re.escape(words)}", html, re.S)
        assert found, caption
        assert html.count(f'id="{anchor}"') == 1


@pytest.mark.parametrize("lang", ("id", "en"))
def test_the_reader_lists_its_tables_and_figures_with_pages_and_links(sample_output, lang):
    from pypdf import PdfReader

    path = sample_output / "site" / lang / f"kkmp-reader-{lang}.pdf"
    pages = pdf_pages(path)
    title = {"id": "Daftar tabel dan gambar", "en": "Tables and figures"}[lang]
    listing = next((i for i, page in enumerate(pages) if title in page), None)
    assert listing is not None, "the reader has a list of tables and figures"
    assert {"id": "Daftar isi", "en": "Contents"}[lang] in pages[listing], "on the contents' page"
    entries = normalise(pages[listing].split(title, 1)[1])
    reader = PdfReader(path)
    destinations = {dest.title: reader.get_destination_page_number(dest)
                    for dest in reader.named_destinations.values()}
    book = pikepdf.open(path)  # the binder made every link's destination explicit: [page /XYZ x y 0]
    links = [book.pages.index(pikepdf.Page(a.Dest[0])) for a in book.pages[listing].get("/Annots", [])
             if a.get("/Subtype") == "/Link" and "/Dest" in a]
    for caption, anchor in zip(CAPTIONS[lang], ("fig-2-1", "tab-2-1")):
        target = next(i for i, page in enumerate(pages) if i != listing and normalise(caption) in normalise(page))
        label = reader.page_labels[target]  # lesson 2's pages read "2–1", "2–2" …
        assert normalise(caption) in entries
        after = entries.split(normalise(caption), 1)[1]
        assert re.match(rf"[a-z]*{normalise(label)}(?!\d)", after.replace("1998", "")), (caption, label, after[:80])
        assert target in links and destinations[anchor] == target

