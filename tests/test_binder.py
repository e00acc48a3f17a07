"""The book binder (coursesmith/outputs/print/assemble/): books bound from part PDFs
that WeasyPrint laid out with the real print stylesheet, checked by what a reader
meets — pages, blank versos, bookmarks, links, page labels — and by both PDF/UA-1
validators; and a part published on its own, its cross-part links made addresses."""

from __future__ import annotations

import dataclasses
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pikepdf
import pypdf
import pytest

from coursesmith.locations import default_templates_dir
from coursesmith.outputs.print.assemble import Book, BookInfo, Part, bind, bind_books, part_anchors, publish_part
from coursesmith.outputs.print.maker import PdfMaker

from pdf_validators import conformance_problems
from text_extract import normalise, pdf_pages

TABLE = ("<table><caption>Roles</caption><thead><tr><th>Role</th><th>Task</th></tr></thead>"
         "<tbody><tr><th>Lead</th><td>Decide</td></tr><tr><th>Ally</th><td>Support</td></tr></tbody></table>")
NEW_PAGE = ' style="break-before: page"'

# name → (HTML body, Part options); a heading's text is what a link to its id must show.
PARTS = {
    "front": ("""<h1 class="lesson-title">Contents</h1><ul>
        <li><a href="x-part:koal-01">Building a coalition</a></li>
        <li><a href="x-part:koal-02">Trust</a></li>
        <li><a href="x-part:glossary">Glossary</a></li></ul>""",
              dict(title="Contents", label_prefix="", label_style="r")),
    "opener": ("""<h1 class="lesson-title">MP-01 · Leading people</h1><p>Two lessons on leading.</p>""",
               dict(title="MP-01 · Leading people", label_prefix="MP-01", label_style="", keep_outline=False)),
    "lesson1": (f"""<h1 class="lesson-title" id="koal-01">KOAL-01 · Building a coalition</h1>
        <p>See <a href="#s3">the last page</a>, <a href="x-part:koal-02-key">the key of lesson two</a>,
        <a href="x-part:a-term">a coalition</a>, <a href="x-part:nowhere">a lost page</a> and
        <a href="https://example.org/">the web</a>.</p>
        <h2 class="part-title" id="s1">Allies and rivals</h2><p>Who stands where.</p>{TABLE}
        <h2 class="part-title" id="s2"{NEW_PAGE}>Keeping the coalition</h2><p>Week after week.</p>
        <h2 class="part-title" id="s3"{NEW_PAGE}>One more page</h2><p>The end of lesson one.</p>""",
                dict(title="KOAL-01 · Building a coalition", label_prefix="1–", label_style="D")),
    "lesson2": (f"""<h1 class="lesson-title" id="koal-02">KOAL-02 · Trust</h1>
        <p>Read <a href="#s1">trust in the team</a>, <a href="x-part:s3">lesson one's last page</a>
        and <a href="x-part:tujuan-é">a goal</a>.</p>
        <h2 class="part-title" id="s1">Trust in the team</h2>{TABLE}
        <h2 class="part-title" id="koal-02-key"{NEW_PAGE}>Answer key for trust</h2><p>All of it.</p>""",
                dict(title="KOAL-02 · Trust", label_prefix="2–", label_style="D")),
    "glossary": ("""<h1 class="lesson-title" id="glossary">Glossary</h1>
        <dl><dt id="a-term">Coalition means</dt><dd>people who act together (<a href="x-part:s1">allies</a>).</dd>
        <dt id="tujuan-é">Goal means</dt><dd>where a team heads.</dd></dl>""",
                 dict(title="Glossary", label_prefix="A–", label_style="D", recto=False)),
}
# Every link that must survive, in the book's order, by the heading it lands on.
LANDINGS = ["KOAL-01 · Building a coalition", "KOAL-02 · Trust", "Glossary",
            "One more page", "Answer key for trust", "Coalition means",
            "Trust in the team", "One more page", "Goal means",
            "Allies and rivals"]
PRINT_LABELS = ["i", "ii", "MP-01", "MP-01", "1–1", "1–2", "1–3", "1–4", "2–1", "2–2", "A–1"]
SCREEN_LABELS = ["i", "MP-01", "1–1", "1–2", "1–3", "2–1", "2–2", "A–1"]


def html(title: str, body: str, lang: str, dated: bool) -> str:
    dates = ('<meta name="dcterms.created" content="2027-03-31"><meta name="dcterms.modified" content="2027-04-02">'
             if dated else "")
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
            f'<meta name="author" content="Test Institute">{dates}</head>'
            f'<body class="handout" data-course="Test course" data-edition="Participant">{body}</body></html>')


@pytest.fixture(scope="module")
def parts(tmp_path_factory) -> list[Part]:
    folder = tmp_path_factory.mktemp("parts")
    templates = default_templates_dir()
    maker = PdfMaker(templates / "css/print.css", base_url=folder, roots=[folder, templates])
    made = []
    for name, (body, options) in PARTS.items():
        # the edition's date, as the build gives every part of a book (lesson 2 has none, to see a book without)
        rendered = maker.write(html(options["title"], body, "en-GB" if name == "glossary" else "en",
                                    dated=name != "lesson2"), folder / f"{name}.pdf")
        made.append(Part(pdf=folder / f"{name}.pdf", elements=tuple(rendered.elements), **options))
    return made


@pytest.fixture(scope="module")
def books(parts, tmp_path_factory) -> dict[str, tuple[Path, BookInfo]]:
    folder = tmp_path_factory.mktemp("books")
    made = {}
    for edition in ("print", "screen"):
        target = folder / f"reader-{edition}.pdf"
        info = bind(parts, target, title="Test course reader", lang="en", author="Test Institute",
                    subject="The participants' reader", print_edition=edition == "print")
        made[edition] = target, info
    return made


def page_of(pdf: pikepdf.Pdf, destination) -> int:
    numbers = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
    return numbers[destination[0].objgen]


def shows(page_text: str, text: str) -> bool:
    return normalise(text) in normalise(page_text)


def test_both_editions_pass_both_validators(books):
    assert {edition: conformance_problems(path) for edition, (path, _) in books.items()} == \
        {"print": [], "screen": []}


def test_pages_are_the_parts_with_blank_versos_before_right_hand_parts(parts, books):
    sizes = [len(pdf_pages(part.pdf)) for part in parts]
    assert sizes == [1, 1, 3, 2, 1]
    screen, info = books["screen"]
    assert info.pages == len(pdf_pages(screen)) == sum(sizes)
    printed, info = books["print"]
    texts = pdf_pages(printed)
    assert info.pages == len(texts) == sum(sizes) + 3
    blanks = [index for index, text in enumerate(texts) if not text.strip()]
    assert blanks == [1, 3, 7]
    assert [text for text in texts if text.strip()] == [text for part in parts for text in pdf_pages(part.pdf)]
    assert pdf_pages(screen) == [text for part in parts for text in pdf_pages(part.pdf)]
    with pikepdf.open(printed) as pdf:
        for index in blanks:
            page = pdf.pages[index].obj
            assert "/StructParents" not in page and "/Annots" not in page
            assert page.get("/Contents") is None or not page.Contents.read_bytes().strip()
    # every right-hand part opens on an odd page (even index); the glossary may follow on a verso
    first_pages = [0, 2, 4, 8, 10]
    assert all(shows(texts[index], part.title) for index, part in zip(first_pages, parts))
    assert all(index % 2 == 0 for index, part in zip(first_pages, parts) if part.recto)


def test_every_bookmark_lands_on_the_page_showing_its_title(books):
    for path, _ in books.values():
        texts = pdf_pages(path)
        with pikepdf.open(path) as pdf:
            found = []
            with pdf.open_outline() as outline:
                stack = list(outline.root)
                while stack:
                    item = stack.pop(0)
                    found.append(item.title)
                    assert shows(texts[page_of(pdf, item.destination)], item.title), item.title
                    stack = list(item.children) + stack
        # a part's lone top bookmark on its first page (its title) is folded into the part's entry
        assert found == ["Contents", "MP-01 · Leading people",
                         "KOAL-01 · Building a coalition", "Allies and rivals", "Keeping the coalition",
                         "One more page", "KOAL-02 · Trust", "Trust in the team", "Answer key for trust",
                         "Glossary"]


def test_links_land_on_the_page_showing_their_anchor(books):
    for path, info in books.values():
        texts = pdf_pages(path)
        with pikepdf.open(path) as pdf:
            landed, addresses = [], []
            for page in pdf.pages:
                for annot in page.obj.get("/Annots", []):
                    if "/Dest" in annot:
                        landed.append(texts[page_of(pdf, annot.Dest)])
                    else:
                        addresses.append(str(annot.A.URI))
        assert len(landed) == len(LANDINGS)
        assert [heading for heading, text in zip(LANDINGS, landed) if not shows(text, heading)] == []
        assert addresses == ["https://example.org/"]
        assert info.unresolved == ["nowhere"]
        assert shows(texts[info.anchors["s1"][0]], "Allies and rivals")  # the first of the parts holding s1


def test_the_book_names_its_anchors_with_their_pages_and_labels(books):
    path, info = books["print"]
    texts = pdf_pages(path)
    labels = pypdf.PdfReader(path).page_labels
    with pikepdf.open(path) as pdf:
        named = {str(name): page_of(pdf, dest) for name, dest in pikepdf.NameTree(pdf.Root.Names.Dests).items()}
    assert named == {name: page for name, (page, _) in info.anchors.items()}
    assert set(named) == {"koal-01", "s1", "s2", "s3", "koal-02", "koal-02-key", "glossary", "a-term", "tujuan-é"}
    assert {name: label for name, (_, label) in info.anchors.items()} == {
        name: labels[page] for name, (page, _) in info.anchors.items()}
    assert shows(texts[named["koal-02-key"]], "Answer key for trust") and info.anchors["koal-02-key"][1] == "2–2"


def test_page_labels_restart_for_each_part_and_blank_versos_continue_the_part_before(books):
    assert pypdf.PdfReader(books["print"][0]).page_labels == PRINT_LABELS
    assert pypdf.PdfReader(books["screen"][0]).page_labels == SCREEN_LABELS


def test_table_header_ids_stay_unique_and_cells_name_headers_of_their_own_table(parts, tmp_path):
    # WeasyPrint numbers header ids per file: the same lesson twice repeats every one of them
    book = tmp_path / "twice.pdf"
    lesson = parts[3]
    bind([lesson, Part(lesson.pdf, "again", "3–", "D")], book, title="t", lang="en", author="", subject="",
         print_edition=False)
    with pikepdf.open(book) as pdf:
        ids = dict(pikepdf.NameTree(pdf.Root.StructTreeRoot.IDTree).items())
        elements = [obj for obj in pdf.objects if isinstance(obj, pikepdf.Dictionary) and "/ID" in obj
                    and obj.get("/Type") == "/StructElem"]
        assert len(elements) == len(ids) == 8  # two tables, four headers each
        assert {str(element.ID) for element in elements} == set(ids)
        cells = [obj for obj in pdf.objects if isinstance(obj, pikepdf.Dictionary) and obj.get("/S") == "/TD"]
        assert len(cells) == 4
        for cell in cells:
            for header in cell.A.Headers:
                assert table_of(ids[str(header)]) == table_of(cell)
    assert conformance_problems(book) == []


def table_of(element):
    while element.get("/S") != "/Table":
        element = element.P
    return element.objgen


def test_the_book_takes_its_dates_from_its_first_part(parts, tmp_path):
    book = tmp_path / "undated.pdf"
    bind([parts[3], parts[4]], book, title="t", lang="en", author="", subject="", print_edition=False)
    with pikepdf.open(book) as pdf:  # lesson 2 has no dates, the glossary has
        assert not {"/CreationDate", "/ModDate"} & set(pdf.docinfo.keys())
        assert b"Date" not in pdf.Root.Metadata.read_bytes()


def test_the_book_describes_itself(books):
    with pikepdf.open(books["print"][0]) as pdf:
        meta = pdf.open_metadata()
        assert meta["dc:title"] == "Test course reader" and meta["pdfuaid:part"] == "1"
        assert meta["dc:language"] == {"en"} and meta["dc:creator"] == ["Test Institute"]
        assert str(pdf.docinfo.Title) == "Test course reader" and str(pdf.Root.Lang) == "en"
        assert pdf.Root.ViewerPreferences.DisplayDocTitle and pdf.Root.MarkInfo.Marked
        # the first part's dates, and no other
        assert (str(pdf.docinfo.CreationDate), str(pdf.docinfo.ModDate)) == ("D:20270331", "D:20270402")
        assert (meta["xmp:CreateDate"], meta["xmp:ModifyDate"]) == ("2027-03-31", "2027-04-02")
        parts = pdf.Root.StructTreeRoot.K.K
        assert [str(part.T) for part in parts] == [options["title"] for _, options in PARTS.values()]
        assert [str(part.get("/Lang", "")) for part in parts] == ["", "", "", "", "en-GB"]  # the glossary's own


def test_binding_twice_gives_the_same_bytes(parts, books, tmp_path):
    again = tmp_path / "again.pdf"
    bind(parts, again, title="Test course reader", lang="en", author="Test Institute",
         subject="The participants' reader", print_edition=True)
    assert again.read_bytes() == books["print"][0].read_bytes()
    # and in another process, whose string hashes (so any set's order) differ
    elsewhere = tmp_path / "elsewhere.pdf"
    script = ("import sys, pickle; from coursesmith.outputs.print.assemble import bind; "
              "parts, target = pickle.loads(bytes.fromhex(sys.argv[1])); "
              "bind(parts, target, title='Test course reader', lang='en', author='Test Institute', "
              "subject=\"The participants' reader\", print_edition=True)")
    subprocess.run([sys.executable, "-c", script, pickle.dumps((parts, elsewhere)).hex()], check=True,
                   env={**os.environ, "PYTHONHASHSEED": "12345"})
    assert elsewhere.read_bytes() == again.read_bytes()


def test_books_bound_together_get_the_bytes_each_gets_alone(parts, books, tmp_path):
    """The reader and its screen edition share their parts (not the front matter): bound
    side by side, each part opened once, each book is the one bound alone."""
    described = dict(title="Test course reader", lang="en", author="Test Institute",
                     subject="The participants' reader")
    screen_front = Part(parts[1].pdf, "Contents", "", "r")  # another first part for the screen edition
    alone = tmp_path / "alone.pdf"
    bind([screen_front, *parts[1:]], alone, print_edition=False, **described)
    together = [Book(parts, tmp_path / "print.pdf", print_edition=True, **described),
                Book([screen_front, *parts[1:]], tmp_path / "screen.pdf", print_edition=False, **described)]
    infos = bind_books(together)
    assert (tmp_path / "print.pdf").read_bytes() == books["print"][0].read_bytes()
    assert (tmp_path / "screen.pdf").read_bytes() == alone.read_bytes()
    assert infos[0] == books["print"][1]


def test_the_elements_a_layout_names_are_those_the_binder_would_look_for(parts, books, tmp_path):
    """The layout tells which objects are elements with ids; a binder told nothing finds
    the same ones among all the part's objects, and binds the same bytes."""
    assert [len(part.elements) for part in parts] == [0, 0, 6, 6, 0]  # the two tables' cells
    for part in parts:
        with pikepdf.open(part.pdf) as pdf:
            found = [obj.objgen[0] for obj in pdf.objects if isinstance(obj, pikepdf.Dictionary)
                     and obj.get("/Type") == "/StructElem" and ("/ID" in obj or "/A" in obj)]
        assert list(part.elements) == found
    unknown = tmp_path / "unknown.pdf"
    bind([dataclasses.replace(part, elements=None) for part in parts], unknown, title="Test course reader",
         lang="en", author="Test Institute", subject="The participants' reader", print_edition=True)
    assert unknown.read_bytes() == books["print"][0].read_bytes()


def test_part_anchors_are_the_pages_showing_them(parts):
    lesson = parts[2]
    anchors = part_anchors(lesson.pdf)
    assert anchors == {"koal-01": 0, "s1": 0, "s2": 1, "s3": 2}
    texts = pdf_pages(lesson.pdf)
    assert shows(texts[anchors["s2"]], "Keeping the coalition")


def test_actions_that_would_run_something_are_dropped(parts, tmp_path):
    hostile = tmp_path / "hostile.pdf"
    with pikepdf.open(parts[2].pdf) as pdf:
        web = next(a for a in pdf.pages[0].Annots if "/A" in a and a.A.get("/URI") == "https://example.org/")
        web.A = pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("/bin/sh"))
        script = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('run')"))
        next(a for a in pdf.pages[0].Annots if "/Dest" in a).AA = pikepdf.Dictionary(E=script)
        pdf.pages[1].obj.AA = pikepdf.Dictionary(O=script)
        pdf.Root.OpenAction = script
        pdf.Root.Names.JavaScript = pikepdf.Dictionary(Names=pikepdf.Array([pikepdf.String("go"), script]))
        pdf.save(hostile)
    book, alone = tmp_path / "book.pdf", tmp_path / "alone.pdf"
    bind([Part(hostile, "KOAL-01", "1–", "D")], book, title="t", lang="en", author="", subject="",
         print_edition=False)
    publish_part(hostile, alone, lambda anchor: None)
    for path in (book, alone):
        with pikepdf.open(path) as pdf:
            actions = [str(a.A.S) for page in pdf.pages for a in page.obj.get("/Annots", []) if "/A" in a]
            assert actions == []  # the launch is gone (and no other part resolves the x-part links)
        plain = pikepdf_plain(path)
        assert [word for word in (b"/Launch", b"/JavaScript", b"/AA", b"/OpenAction") if word in plain] == []
        assert conformance_problems(path) == []


PUBLISHED = {"koal-02-key": "https://course.example/en/kunci-é/#koal-02-key"}


def test_a_published_part_links_to_addresses_or_keeps_plain_text(parts, tmp_path):
    alone = tmp_path / "koal-01.pdf"
    removed = publish_part(parts[2].pdf, alone, PUBLISHED.get)
    assert removed == ["a-term", "nowhere"]
    with pikepdf.open(alone) as pdf:
        annots = [a for page in pdf.pages for a in page.obj.get("/Annots", [])]
        uris = [str(a.A.URI) for a in annots if "/A" in a]
        assert uris == ["https://course.example/en/kunci-%C3%A9/#koal-02-key", "https://example.org/"]
        assert [str(a.Dest) for a in annots if "/Dest" in a] == ["s3"]
        tree = pdf.Root.StructTreeRoot
        parents = dict(pikepdf.NumberTree(tree.ParentTree).items())
        assert sorted(int(a.StructParent) for a in annots) == sorted(k for k in parents if k >= len(pdf.pages))
        links = [obj for obj in pdf.objects if isinstance(obj, pikepdf.Dictionary) and obj.get("/S") == "/Link"]
        assert len(links) == 3 and all(any(isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR"
                                           for kid in link.K) for link in links)
    text = normalise(pdf_pages(alone)[0])
    assert normalise("a coalition, a lost page and") in text
    assert b"x-part:" not in pikepdf_plain(alone)
    assert conformance_problems(alone) == []
    again = tmp_path / "again.pdf"
    publish_part(parts[2].pdf, again, PUBLISHED.get)
    assert again.read_bytes() == alone.read_bytes()


def pikepdf_plain(path: Path) -> bytes:
    """Every object of the file, uncompressed, as text."""
    with pikepdf.open(path) as pdf:
        return b"".join(obj.unparse(resolved=True) for obj in pdf.objects if not isinstance(obj, pikepdf.Stream))
