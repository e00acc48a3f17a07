"""Print that participants keep: the reader's contents and bookmarks match its pages,
fonts are embedded, every PDF is tagged for PDF/UA, and the paper is the course's."""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pypdf
import pypdfium2
import pytest

from text_extract import normalise, pdf_pages, pdf_text

LANGUAGES = ("id", "en")
LESSONS = ("KOAL-01", "KOAL-02", "KOAL-03", "PERU-01", "PERU-02")
OPENER = {"id": "Mata pelatihan:", "en": "Module:"}  # the kicker line that opens every lesson


def all_pdfs(output: Path) -> list[Path]:
    return sorted(output.rglob("*.pdf"))


def contents(pages: list[str]) -> dict[str, str]:
    """Entry → page label ("2–1", "MP-KOAL", "A–1"), read from the reader's table of
    contents (its second page)."""
    text = re.sub(r"\s*\r?\n(?=\.)", " ", pages[1])  # a long title wraps before its leader
    text = re.sub(r"(?<![\d.\r])\r?\n(?![A-Z]+-\d)", " ", text)  # ... or before its last words
    return {m[1].strip(): m[2] for m in re.finditer(r"^(.+?)\s*\.{4,}\s*(\S+)\s*$", text, re.M)}


@pytest.mark.parametrize("edition", ("reader", "reader-screen"))
@pytest.mark.parametrize("lang", LANGUAGES)
def test_reader_contents_match_the_pages_where_lessons_begin(sample_output, lang, edition):
    path = sample_output / "site" / lang / f"kkmp-{edition}-{lang}.pdf"
    pages, labels = pdf_pages(path), [page.label for page in pikepdf.open(path).pages]
    toc = contents(pages)
    for number, code in enumerate(LESSONS, start=1):
        [entry] = [label for title, label in toc.items() if title.startswith(code)]
        opener = f"{code} · {OPENER[lang]}"
        first = next(i for i, text in enumerate(pages) if opener in text)
        assert entry == labels[first] == f"{number}–1", (code, entry, labels[first])
        if edition == "reader":
            assert first % 2 == 0, f"{code} should open on a right-hand page, not page {first + 1}"
        length = len(pdf_pages(sample_output / "site" / lang / "handouts" / f"kkmp-{code.lower()}-{lang}.pdf"))
        assert f"1 {'dari' if lang == 'id' else 'of'} {length}" in pages[first]  # its chapter is its handout
    glossary = {"id": "Glosarium", "en": "Glossary"}[lang]
    assert toc[glossary] == "A–1"
    assert normalise(glossary) in normalise(pages[labels.index("A–1")][:200])


MARGIN = 22 / 25.4 * 72  # the books' top and bottom margins, where running heads and page numbers sit


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_screen_reader_is_the_print_reader_without_blank_pages(sample_output, lang):
    book = pdf_pages(sample_output / "site" / lang / f"kkmp-reader-{lang}.pdf")
    screen = pdf_pages(sample_output / "site" / lang / f"kkmp-reader-screen-{lang}.pdf")
    assert any(not page.strip() for page in book), "the print edition keeps openings on the right"
    assert [i + 1 for i, page in enumerate(screen) if not page.strip()] == []
    assert len(screen) < len(book)

    def body(path):  # the text between the top and bottom margins, after the contents
        pdf, out = pypdfium2.PdfDocument(path), []
        for page in list(pdf)[2:]:
            width, height = page.get_size()
            out.append(page.get_textpage().get_text_bounded(0, MARGIN, width, height - MARGIN))
        return normalise("\n".join(out))
    folder = sample_output / "site" / lang
    assert body(folder / f"kkmp-reader-screen-{lang}.pdf") == body(folder / f"kkmp-reader-{lang}.pdf")
    assert {"id": "edisi layar", "en": "screen edition"}[lang] in screen[0]


def outline(reader: pypdf.PdfReader) -> list:
    def walk(items):
        out = []
        for item in items:
            if isinstance(item, list):
                out[-1] = (out[-1][0], walk(item))
            else:
                out.append((item.title, []))
        return out
    return walk(reader.outline)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_reader_bookmarks_name_each_part_with_its_sections(sample_output, lang):
    tree = outline(pypdf.PdfReader(sample_output / "site" / lang / f"kkmp-reader-{lang}.pdf"))
    titles = [title for title, _ in tree]
    assert titles[0] == {"id": "Membangun Koalisi dan Mengelola Perubahan", "en": "Building Coalitions and Managing Change"}[lang]
    assert [t.split(" · ")[0] for t in titles if t.startswith("MP-")] == ["MP-KOAL", "MP-PERU"]
    lessons = [(title, sections) for title, sections in tree if title.split(" · ")[0] in LESSONS]
    assert [title.split(" · ")[0] for title, _ in lessons] == list(LESSONS)
    for title, sections in lessons:
        assert len(sections) >= 4, title  # reading sections, activities, key points …
    assert titles[-2:] == [{"id": "Glosarium", "en": "Glossary"}[lang], {"id": "Daftar pustaka", "en": "References"}[lang]]


def test_lesson_handouts_have_bookmarks_for_their_parts(sample_output):
    tree = outline(pypdf.PdfReader(sample_output / "site/en/handouts/kkmp-koal-02-en.pdf"))
    [(title, parts)] = tree
    assert title == "Mapping Stakeholders"
    assert {"The power/interest grid", "Activities", "Key points", "Assessment", "References"} <= {p for p, _ in parts}


def embedded_fonts(path: Path) -> set[str]:
    fonts = set()
    for page in pypdf.PdfReader(path).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]
            fonts.add(str(font["/BaseFont"]).split("+", 1)[-1])
    return fonts


def test_every_pdf_embeds_only_the_bundled_fonts(sample_output):
    for path in all_pdfs(sample_output):
        fonts = embedded_fonts(path)
        assert fonts and all(name.startswith("Coursesmith-") for name in fonts), (path.name, fonts)


def structure(path: Path) -> tuple[pypdf.PdfReader, dict[str, int], list]:
    reader = pypdf.PdfReader(path)
    counts: dict[str, int] = {}
    figures: list = []

    def walk(node):
        node = node.get_object()
        if isinstance(node, pypdf.generic.DictionaryObject):
            kind = str(node.get("/S", ""))
            counts[kind] = counts.get(kind, 0) + 1
            if kind == "/Figure":
                figures.append(node.get("/Alt"))
            kids = node.get("/K")
            for kid in kids if isinstance(kids, pypdf.generic.ArrayObject) else [kids] if kids is not None else []:
                if isinstance(kid, (pypdf.generic.DictionaryObject, pypdf.generic.IndirectObject)):
                    walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return reader, counts, figures


def test_every_pdf_is_tagged_with_title_language_headings_and_alt_text(sample_output):
    for path in all_pdfs(sample_output):
        reader, counts, figures = structure(path)
        root = reader.trailer["/Root"]
        assert bool(root["/MarkInfo"]["/Marked"]), path.name
        assert root["/Lang"] == path.stem.rsplit("-", 1)[1], path.name
        assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
        assert reader.metadata.title and "coursesmith" in reader.metadata.creator
        assert counts.get("/H1", 0) >= 1, path.name
        assert all(alt and str(alt).strip() for alt in figures), path.name
        if counts.get("/Table"):
            assert counts.get("/TH", 0) >= counts["/Table"], path.name


def test_the_grid_figure_carries_its_description(sample_output):
    _, _, figures = structure(sample_output / "site/en/handouts/kkmp-koal-02-en.pdf")
    assert any("Power/interest grid" in str(alt) for alt in figures)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_facilitator_guide_has_run_sheet_summaries_and_keys(sample_output, lang):
    pages = pdf_pages(sample_output / "facilitator" / lang / f"kkmp-facilitator-guide-{lang}.pdf")
    text = normalise("\n".join(pages))
    for clock in ("07:30–07:45", "07:45–09:15", "13:00–15:25", "15:25–16:10", "10:10–11:40"):
        assert normalise(clock) in text
    summary = {"id": "Ringkasan sesi", "en": "Lesson summary"}[lang]
    starts = [i for i, page in enumerate(pages) for code in LESSONS if f"{code} · {summary}" in page]
    assert len(starts) == len(LESSONS)
    for i in starts:  # the summary fits on its page: the next page is the lesson's timeline
        timeline = {"id": "Alur kegiatan", "en": "Session timeline"}[lang]
        assert timeline in pages[i + 1][:300]
    assert normalise({"id": "Kunci jawaban", "en": "Answer key"}[lang]) in text
    assert [i + 1 for i, page in enumerate(pages) if not page.strip()] == [], "no blank page in the guide"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_worksheets_print_on_their_own(sample_output, lang):
    sheets = sorted((sample_output / "site" / lang / "worksheets").glob("*.pdf"))
    assert [p.name for p in sheets] == [f"kkmp-lk-0{n}-{lang}.pdf" for n in range(1, 6)]
    for path in sheets:
        pages = pdf_pages(path)
        code = path.stem.split("-")[1:3]
        assert f"{code[0].upper()}-{code[1]}" in pages[0]
        assert {"id": "Nama", "en": "Name"}[lang] in pages[0]


def test_cover_shows_the_edition_date_from_the_course_file(sample_output):
    reader = pypdf.PdfReader(sample_output / "site/en/kkmp-reader-en.pdf")
    assert reader.metadata["/CreationDate"] == "D:20270331"
    assert "31 March 2027" in pdf_text(sample_output / "site/en/kkmp-reader-en.pdf")


def test_paper_size_and_colour_come_from_the_course(project):
    project.write("course/course.yaml", project.root.joinpath("course/course.yaml").read_text().replace(
        "languages: [id, en]", "languages: [id, en]\npaper: f4"
    ).replace("  name: {id: Lembaga Uji, en: Test Institute}", "  name: {id: Lembaga Uji, en: Test Institute}\n  accent_color: '#7a1f5c'"))
    output = project.build()
    box = pypdf.PdfReader(output / "site/en/handouts/test-les-1-en.pdf").pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (215, 330)
    page = (output / "site/en/lessons/les-1.html").read_text(encoding="utf-8")
    assert "--accent: #7a1f5c" in page


def test_no_edition_date_means_no_date_at_all(project, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    output = project.build()
    metadata = pypdf.PdfReader(output / "site/en/test-reader-en.pdf").metadata
    assert "/CreationDate" not in metadata and "/ModDate" not in metadata
