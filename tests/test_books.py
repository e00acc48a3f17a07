"""The course reader and the facilitator guide bound from parts laid out once: nothing
the one-piece books showed is lost, every number a reader sees is the real page's label,
every link and bookmark lands where it says, and an edit lays out only what moved."""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pypdfium2
import pytest

from coursesmith.pipeline import build
from coursesmith.stages import BuildOptions
from print_text import LESSONS, body_lines, load_before
from text_extract import normalise, pdf_pages

LANGUAGES = ("id", "en")
MARGIN = 22 / 25.4 * 72
LABEL = r"(?<![\w–-])(?:[ivxlcdm]+|[A-Z0-9]+–\d+|MP-[A-Z]+)(?![\w–-])"  # a page label, as a word of its own
BOOKS = ("site/{lang}/kkmp-reader-{lang}.pdf", "site/{lang}/kkmp-reader-screen-{lang}.pdf",
         "facilitator/{lang}/kkmp-facilitator-guide-{lang}.pdf")


def destination_page(pdf: pikepdf.Pdf, annotation) -> int | None:
    """The 0-based page a link annotation leads to (explicit destinations: the binder
    resolves every named one)."""
    dest = annotation.get("/Dest")
    if dest is None and "/A" in annotation and annotation.A.get("/S") == "/GoTo":
        dest = annotation.A.D
    if not isinstance(dest, pikepdf.Array):
        return None
    return pdf.pages.index(pikepdf.Page(dest[0]))


def links_by_target(pdf: pikepdf.Pdf, index: int, text_page) -> dict[int, str]:
    """Target page → the text under the links of page `index` that lead there."""
    found: dict[int, list[str]] = {}
    for annotation in pdf.pages[index].get("/Annots", []):
        target = destination_page(pdf, annotation)
        if target is not None:
            left, bottom, right, top = (float(v) for v in annotation.Rect)
            found.setdefault(target, []).append(text_page.get_text_bounded(left, bottom, right, top))
    return {target: " ".join(texts) for target, texts in found.items()}


def open_book(output: Path, book: str, lang: str) -> tuple[pikepdf.Pdf, pypdfium2.PdfDocument, list[str]]:
    """A bound book, for its structure (pikepdf) and its text (pdfium), with each page's text."""
    path = output / book.format(lang=lang)
    return pikepdf.open(path), pypdfium2.PdfDocument(path), pdf_pages(path)


def footer(page) -> str:
    width, _ = page.get_size()
    return page.get_textpage().get_text_bounded(0, 0, width, MARGIN - 4)


@pytest.mark.parametrize("book", BOOKS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_page_labels_equal_the_printed_footers(sample_output, lang, book):
    pdf, document, texts = open_book(sample_output, book, lang)
    printed = 0
    for index, page in enumerate(pdf.pages):
        if index == 0 or not texts[index].strip():
            continue  # the cover, and blank versos, print no label
        assert re.search(rf"(?<![\w–-]){re.escape(page.label)}(?![\w–-])", footer(document[index])), (index, page.label)
        printed += 1
    assert printed > 20
    labels = [page.label for page in pdf.pages]
    assert labels[:2] == ["i", "ii"]
    assert {"1–1", "2–1", "5–1"} <= set(labels) and "2–3" in labels


@pytest.mark.parametrize("book", BOOKS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_contents_numbers_are_the_labels_of_the_pages_they_lead_to(sample_output, lang, book):
    pdf, document, pages = open_book(sample_output, book, lang)
    contents = next(i for i, text in enumerate(pages) if {"id": "Daftar isi", "en": "Contents"}[lang] in text)
    entries = links_by_target(pdf, contents, document[contents].get_textpage())
    assert len(entries) >= 7 + (2 if "reader" in book else 0)  # modules, lessons (glossary, bibliography)
    lesson_starts = set()
    for target, text in entries.items():
        label = re.findall(LABEL, text)[-1]
        assert pdf.pages[target].label == label, (text, target)
        title = re.sub(rf"\.{{3,}}|{LABEL}|\b[A-Z]+-\d+\b", " ", text)
        words = normalise(" ".join(title.split()[:3]))
        assert words and words in normalise(pages[target]), (text, target)
        if label.endswith("–1"):
            lesson_starts.add(label)
    assert {"1–1", "2–1", "3–1", "4–1", "5–1"} <= lesson_starts


@pytest.mark.parametrize("lang", LANGUAGES)
def test_list_of_figures_gives_the_label_of_the_page_showing_each(sample_output, lang):
    pdf, document, pages = open_book(sample_output, BOOKS[0], lang)
    heading = {"id": "Daftar tabel dan gambar", "en": "Tables and figures"}[lang]
    index = next(i for i, text in enumerate(pages) if heading in text)
    entries = {t: text for t, text in links_by_target(pdf, index, document[index].get_textpage()).items()
               if re.search(r"(Gambar|Tabel|Figure|Table) \d+\.\d+", text)}
    numbers = [n for text in entries.values() for n in re.findall(r"(?:Gambar|Tabel|Figure|Table) \d+\.\d+", text)]
    assert len(numbers) >= 2  # the sample's figure and table
    for target, text in entries.items():
        assert set(re.findall(LABEL, text)) == {pdf.pages[target].label}, text
        for number in re.findall(r"(?:Gambar|Tabel|Figure|Table) \d+\.\d+", text):
            assert normalise(number) in normalise(pages[target]), (number, target)


def outline_items(items, depth=0):
    for item in items:
        yield item, depth
        yield from outline_items(item.children, depth + 1)


@pytest.mark.parametrize("book", BOOKS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_bookmark_lands_on_the_page_showing_its_title(sample_output, lang, book):
    pdf, _, pages = open_book(sample_output, book, lang)
    with pdf.open_outline() as outline:
        items = list(outline_items(outline.root))
        assert len([item for item, depth in items if depth == 0]) >= 8  # front, modules, lessons
        for item, _ in items:
            dest = item.destination
            if dest is None and item.action is not None:
                dest = item.action.D
            page = pdf.pages.index(pikepdf.Page(dest[0]))
            for piece in item.title.split(" · "):
                assert normalise(piece) in normalise(pages[page]), (item.title, page)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("code", LESSONS)
def test_nothing_the_one_piece_books_printed_is_lost(sample_output, lang, code):
    """Each line that main's reader chapter, handout, guide chapter and facilitator
    handout printed (tests/print_text.py) is printed by the new handout or facilitator
    handout; the guide's module heading moved to the module's own opening page."""
    before = load_before()[lang][code]
    slug = code.lower()
    handout = normalise("\n".join(body_lines(sample_output / f"site/{lang}/handouts/kkmp-{slug}-{lang}.pdf")))
    facilitator = normalise("\n".join(body_lines(sample_output / f"facilitator/{lang}/kkmp-{slug}-facilitator-{lang}.pdf")))
    guide = pdf_pages(sample_output / f"facilitator/{lang}/kkmp-facilitator-guide-{lang}.pdf")
    openers = normalise("\n".join(text for text in guide if re.search(r"MP-[A-Z]+ · ", text)))
    for kind, shown in (("reader", handout), ("handout", handout), ("guide", facilitator + openers),
                        ("facilitator", facilitator)):
        missing = [line for line in before[kind] if line not in shown]
        assert not missing, (kind, missing[:5])


def test_the_print_edition_opens_every_part_on_the_right(sample_output):
    pdf = pikepdf.open(sample_output / "site/en/kkmp-reader-en.pdf")
    screen = pikepdf.open(sample_output / "site/en/kkmp-reader-screen-en.pdf")
    firsts = [i for i, page in enumerate(pdf.pages)
              if page.label.endswith("–1") or re.fullmatch("MP-[A-Z]+", page.label)
              and (i == 0 or pdf.pages[i - 1].label != page.label)]
    assert firsts and all(i % 2 == 0 for i in firsts), firsts  # 0-based even: a right-hand page
    assert len(screen.pages) < len(pdf.pages)


# --- a scratch course of two lessons that link to each other ------------------------------

FILLER = " ".join(["Words fill the page so the next section starts further on."] * 45)


def two_lessons(project, filler_words: int = 0, back: bool = True) -> None:
    """LES-1 links to a section of LES-2 that is not on LES-2's first page, and LES-2
    links back (a cycle, unless not `back`); `filler_words` more words push LES-2's
    section further."""
    lesson = MINIMAL_LESSON.replace(
        '          - title: {id: Bagian, en: Section}\n            body: {id: "Isi **bagian**.", en: "Section **body**."}',
        '          - code: S-ONE\n            title: {id: Bagian satu, en: First target}\n'
        '            body: {id: "Lihat [yang kedua](lesson:LES-2#S-TWO).", en: "See [the second](lesson:LES-2#S-TWO).\\n\\nPlain words here."}')
    project.write("modules/m1/les-1.yaml", lesson)
    extra = " ".join(["More words."] * (filler_words // 2))
    second = MINIMAL_LESSON.replace("code: LES-1", "code: LES-2").replace("Sesi satu", "Sesi dua").replace(
        "Lesson one", "Lesson two").replace(
        '          - title: {id: Bagian, en: Section}\n            body: {id: "Isi **bagian**.", en: "Section **body**."}',
        f'          - title: {{id: Pengisi, en: Filler}}\n            body: {{id: "{FILLER} {extra}", en: "{FILLER} {extra}"}}\n'
        '          - code: S-TWO\n            title: {id: Sasaran kedua, en: Second target}\n'
        + ('            body: {id: "Kembali ke [yang pertama](lesson:LES-1#S-ONE).", en: "Back to [the first](lesson:LES-1#S-ONE)."}'
           if back else '            body: {id: "Akhir.", en: "The end."}'))
    project.write("modules/m1/les-2.yaml", second)
    project.write("modules/m1/module.yaml", MINIMAL["modules/m1/module.yaml"].replace("[LES-1]", "[LES-1, LES-2]"))


from conftest import MINIMAL  # noqa: E402

MINIMAL_LESSON = MINIMAL["modules/m1/les-1.yaml"]


def build_into(project, cache: Path, **options) -> Path:
    output = project.root / "output"
    build(BuildOptions(project=project.root, output=output, cache=cache, skip=("office",), **options))
    return output


def page_showing(pages: list[str], words: str, after: int = 0) -> int:
    return next(i for i, text in enumerate(pages) if i >= after and normalise(words) in normalise(text))


def test_a_link_to_another_lessons_section_gives_its_label_and_lands_there(project, tmp_path):
    two_lessons(project)
    output = build_into(project, tmp_path / "cache")
    reader = output / "site/en/test-reader-en.pdf"
    pdf, pages = pikepdf.open(reader), pdf_pages(reader)
    second = page_showing(pages, "Second target", after=page_showing(pages, "Words fill the page"))
    first = page_showing(pages, "See the second")
    label = pdf.pages[second].label
    assert label.startswith("2–") and label != "2–1"  # not the lesson's first page: a real lookup
    text = normalise("\n".join(pages))
    assert normalise(f"See the second (Second target, p. {label})") in text
    assert normalise(f"Back to the first (First target, p. {pdf.pages[first].label})") in text  # the cycle settled
    assert second in {destination_page(pdf, a) for a in pdf.pages[first].get("/Annots", [])}
    handout = output / "site/en/handouts/test-les-1-en.pdf"
    assert normalise(f"See the second (Second target, p. {label})") in normalise("\n".join(pdf_pages(handout)))
    uris = [str(a.A.get("/URI", "")) for page in pikepdf.open(handout).pages for a in page.get("/Annots", [])
            if "/A" in a]
    assert not [uri for uri in uris if uri.startswith("x-part:")]


def pdf_bytes(output: Path) -> dict[str, bytes]:
    return {str(p.relative_to(output)): p.read_bytes() for p in sorted(output.rglob("*.pdf"))}


def label_of_second_target(output: Path) -> str:
    reader = output / "site/en/test-reader-en.pdf"
    pages, pdf = pdf_pages(reader), pikepdf.open(reader)
    return pdf.pages[page_showing(pages, "Second target", after=page_showing(pages, "Words fill the page"))].label


def test_the_same_bytes_from_an_empty_and_a_full_cache(project, tmp_path):
    two_lessons(project)
    before = label_of_second_target(build_into(project, tmp_path / "warm"))
    two_lessons(project, filler_words=900)  # LES-2's section moves on: LES-1's label for it changes
    warm = pdf_bytes(build_into(project, tmp_path / "warm"))  # the cache's labels are now wrong
    cold = pdf_bytes(build_into(project, tmp_path / "cold"))
    assert warm.keys() == cold.keys() and len(warm) >= 10
    assert [name for name in warm if warm[name] != cold[name]] == []
    after = label_of_second_target(project.root / "output")
    assert after != before
    reader = project.root / "output/site/en/test-reader-en.pdf"
    assert normalise(f"See the second (Second target, p. {after})") in normalise("\n".join(pdf_pages(reader)))


@pytest.fixture
def laid_out(monkeypatch):
    """The documents WeasyPrint lays out (one job: in this process)."""
    from coursesmith.outputs.print import pool

    seen: list[str] = []
    render = pool._render

    def counting(job):
        seen.append(job[0])
        return render(job)
    monkeypatch.setattr(pool, "_render", counting)
    return seen


@pytest.mark.parametrize("words", (0, 2000))
def test_an_edit_lays_out_only_the_lessons_own_documents(project, tmp_path, laid_out, words):
    """An edit of LES-1's English text that keeps its length, and one that adds 2,000
    words after the section LES-2 links to: of the print documents, WeasyPrint lays out
    LES-1's English handout and facilitator handout, nothing else (the books are bound again)."""
    two_lessons(project, back=False)
    build_into(project, tmp_path / "cache", jobs=1)
    laid_out.clear()
    lesson = (project.root / "modules/m1/les-1.yaml").read_text(encoding="utf-8")
    # (a paragraph after the one that follows the section's title: the title, which LES-2
    # links to, stays where it is)
    lesson = lesson.replace("Plain words here.", "Other words here." + " Word" * words)
    assert "Other words here." in lesson
    (project.root / "modules/m1/les-1.yaml").write_text(lesson, encoding="utf-8")
    build_into(project, tmp_path / "cache", jobs=1)
    assert {d for d in laid_out if "/slides/" not in d} == {"facilitator/en/test-les-1-facilitator-en.pdf",
                                                           "site/en/handouts/test-les-1-en.pdf"}
    reader = project.root / "output/site/en/test-reader-en.pdf"
    assert normalise("Other words here") in normalise("\n".join(pdf_pages(reader)))
    if words:
        assert len(pdf_pages(project.root / "output/site/en/handouts/test-les-1-en.pdf")) >= 4
