"""Lessons as instructors already write them (shaped like a converted Carpentries-style
episode: code, callouts, nested lists, `##` headings, exercises with solutions,
instructor notes), built for real: each construct on the site and in the PDFs, the
warnings for what will not come through, and nothing private published."""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pytest

from coursesmith.diagnostics import Problems
from coursesmith.model.course import build_course
from coursesmith.pipeline import check

from conftest import ScratchProject
from text_extract import html_text, normalise, pdf_pages, pdf_text

COURSE = """\
    kind: course
    code: REAL
    title: Working with data
    program: Illustrative programme
    institution:
      name: Illustrative Institute
    languages: [en]
    agendas:
      - code: AG-1
        title: Data
        modules: [MOD-D]
    """

MODULE = """\
    kind: module
    code: MOD-D
    title: Tidy data
    description: Working with tables.
    lessons: [DATA-01, DATA-02]
    """

GLOSSARY = """\
    kind: glossary
    terms:
      - code: tidy
        term: tidy data
        definition: One *observation* per row, one `variable` per column.
    """

BODY = '''\
        body: |
          ## Why tidy data

          Researchers say "it depends" -- and mean it... A tidy table---one row per
          observation---is easier to *analyse*.

          1) Open the spreadsheet.
          2) Check the columns:
             - names without spaces
             - one unit per column
               - dates as `YYYY-MM-DD`
          3) Save a copy.

          3. third
          4. fourth

          ```python
          def tidy(frame):
              return frame.dropna()  # keep complete rows -- always
          ```

          ::: note
          Spreadsheets hide formulas.
          :::

          > [!TIP]
          > Name files by date.

          > [!WARNING]
          > Never edit raw data.

          > [!IMPORTANT]
          > Keep raw data read-only.

          > [!CAUTION]
          > Merged cells break exports.

          ::: example
          A survey with one row per household.
          :::

          ::: exercise Spot the problems
          Which columns are untidy?

          ::: solution
          SOLUTIONTEXT the date column mixes formats.
          :::
          :::

          ::: keypoints
          - One variable per column.
          :::

          ::: facilitator
          SECRETNOTE ask who has lost data before.
          :::

          | Column | Unit |
          |:-------|-----:|
          | weight | kg   |

          Plain claims need sources.[^src]

          Observation
          : One row of the table.

          - [x] open the file
          - [ ] clean it

          ![A tidy table with three columns](img/table.svg "A tidy table"){width=50%}

          Read [the next lesson](lesson:DATA-02#S-NEXT), the term [](glossary:tidy) and
          [the worksheet](worksheet:LK-1).

          [^src]: Any source will do.
'''

LESSON_1 = """\
    kind: lesson
    code: DATA-01
    title: Tidy tables
    jp: 1
    learning_outcome: Participants can tidy a table.
    indicators:
      - {code: IND-1, bloom: C3, text: Tidy a table.}
    main_topics:
      - text: Tidy tables
    sections:
      - code: S-WHY
        title: Tidy data
""" + BODY + """\
      - code: S-ODD
        title: Odd things
        body: |
          ::: sidebar
          A kind coursesmith does not know.
          :::

          The mean is $x^2$ here.
    activities:
      - code: A1
        type: exercise
        minutes: 45
        worksheet: LK-1
        participant_instructions: Work through the exercise.
        facilitator_notes: SECRETFIELD walk around the room.
    worksheets:
      - code: LK-1
        title: Tidy a table
        instructions: Fill in the table.
        prompts:
          - text: Which columns did you change?
    glossary: [tidy]
    key_points:
      - Tidy data has **one** variable per column; see [sharing](lesson:DATA-02).
    discussion_questions:
      - code: DQ1
        text: Which of *your* tables is tidy?
"""

LESSON_2 = """\
    kind: lesson
    code: DATA-02
    title: Sharing *data*
    jp: 1
    learning_outcome: Participants can share data.
    indicators:
      - {code: IND-1, bloom: C2, text: Explain sharing.}
    main_topics:
      - text: Sharing
    sections:
      - code: S-NEXT
        title: Where to share
        body: Back to [the first lesson](lesson:DATA-01).
    activities:
      - code: A1
        type: lecture
        minutes: 40
      - code: A2
        type: buffer
        minutes: 5
    references: [carpentry_2024]
"""

BIBLIOGRAPHY = """\
    kind: bibliography
    entries:
      - code: carpentry_2024
        type: web
        authors: ["Illustrative Lesson Authors"]
        year: 2024
        title: An openly licensed lesson
        url: https://example.org/lesson/
        accessed: 2026-05-03
        license: CC BY 4.0
    """

SVG = "<svg xmlns='http://www.w3.org/2000/svg' width='30' height='10'><rect width='30' height='10'/></svg>"


def write_project(root: Path, course: str = COURSE) -> ScratchProject:
    project = ScratchProject(root)
    project.write("course/course.yaml", course)
    project.write("course/glossary.yaml", GLOSSARY)
    project.write("course/bibliography.yaml", BIBLIOGRAPHY)
    project.write("modules/data/module.yaml", MODULE)
    project.write("modules/data/data-01.yaml", LESSON_1)
    project.write("modules/data/data-02.yaml", LESSON_2)
    project.write("modules/data/img/table.svg", SVG)
    return project


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    project = write_project(tmp_path_factory.mktemp("real") / "proj")
    return project.build()


def test_what_will_not_come_through_is_said_where_it_is(tmp_path):
    lines = write_project(tmp_path / "proj").lines()
    # The fixture's lessons are about text, not teaching design: its alignment warnings are not ours here.
    assert not [line for line in lines if "activity 'A2' of lesson 'DATA-02'" in line]  # buffer time serves no indicator
    lines = [line for line in lines if not re.search(r"warning (indicator-unmeasured|activity-without-indicator)", line)]
    assert lines == [
        "modules/data/data-01.yaml:91:11: warning unknown-callout: `body`: 'sidebar' is not a kind of reading "
        "block; its text is shown as plain text",
        "modules/data/data-01.yaml:95:19: warning unsupported-math: `body`: formulas are not typeset; this one "
        "is shown as written",
        "modules/data/data-02.yaml:3:16: warning markdown-in-plain-text: `title` is plain text: `*data*` will "
        "show exactly as written",
        "0 errors, 7 warnings in 2 files",
    ]


def lesson_page(built: Path) -> str:
    return (built / "site/en/lessons/data-01.html").read_text(encoding="utf-8")


def test_site_shows_each_construct(built):
    page = lesson_page(built)
    section = page[page.index('id="data-01-s-why"'):page.index('id="data-01-s-odd"')]
    assert '<h3>Why tidy data</h3>' in section  # `##` in a body sits under the section's h2
    assert "“it depends” – and mean it…" in section and "table—one row" in section
    assert re.search(r"<ol>\s*<li>Open the spreadsheet.</li>\s*<li>Check the columns:\s*<ul>\s*<li>names", section)
    assert re.search(r"<li>one unit per column\s*<ul>\s*<li>dates as <code>YYYY-MM-DD</code>", section)
    assert '<ol start="3" style="counter-reset:list-item 2">' in section  # print ignores `start`
    assert '<pre class="code-block" data-language="python"><code><span class="k">def</span>' in section
    assert "keep complete rows -- always" in section  # no typography inside code
    for kind, label in (("note", "Note"), ("tip", "Tip"), ("warning", "Warning"), ("important", "Important"),
                        ("caution", "Caution")):
        assert f'<aside class="callout callout-{kind}" aria-label="{label}">' in section, kind
    for kind, label in (("example", "Example"), ("exercise", "Exercise: Spot the problems"),
                        ("keypoints", "Key points")):
        assert f'<section class="callout callout-{kind}" aria-label="{label}">' in section, kind
    assert '<th class="align-left" scope="col">Column</th>' in section
    assert '<td class="align-right">kg</td>' in section
    assert 'class="footnote-ref"' in section and "Any source will do." in section
    assert "<dt>Observation</dt>" in section and "<dd>One row of the table.</dd>" in section
    assert '<li class="task done"><span class="task-box" aria-hidden="true"></span>' in section
    # An SVG is drawn inline (with its alt text as its title), keeping the width its author gave it.
    # (a captioned figure in a lesson carries its number's id, render/captions.py)
    assert re.search(r'<figure(?: id="fig-[0-9]+-[0-9]+")?><a style="width:50%" class="figure" '
                     r'href="\.\./\.\./assets/modules/data/img/table\.svg"><svg ', section)
    assert '<title id="figure-1-title">A tidy table with three columns</title>' in section
    assert re.search(r'</svg>.*</a><figcaption><span class="caption-number">Figure 1.1</span> A tidy table</figcaption></figure>', section)
    assert '<a href="data-02.html#data-02-s-next">the next lesson</a>' in section
    assert '<a href="../glossary.html#term-tidy">tidy data</a>' in section
    assert '<a href="data-01.html#lk-1">the worksheet</a>' in section
    assert (built / "site/assets/modules/data/img/table.svg").is_file()


def test_new_users_details(built):
    second = (built / "site/en/lessons/data-02.html").read_text(encoding="utf-8")
    assert "Buffer time" in second
    references = html_text((built / "site/en/references.html").read_text(encoding="utf-8"))
    assert "https://example.org/lesson/ (accessed 3 May 2026). Licence: CC BY 4.0" in " ".join(references.split())
    downloads = html_text((built / "site/en/downloads.html").read_text(encoding="utf-8"))
    assert re.search(r"\b1 page\b", downloads) and not re.search(r"\b1 pages\b", downloads)


def test_short_texts_take_inline_markdown_and_titles_stay_plain(built):
    page = lesson_page(built)
    assert 'Tidy data has <strong>one</strong> variable per column; see <a href="data-02.html">sharing</a>.' in page
    assert "Which of <em>your</em> tables is tidy?" in page
    assert "Sharing *data*" in page  # the next lesson's title, shown as written
    glossary = (built / "site/en/glossary.html").read_text(encoding="utf-8")
    assert "One <em>observation</em> per row, one <code>variable</code> per column." in glossary
    reader = normalise(pdf_text(built / "site/en/real-reader-en.pdf"))
    assert normalise("One observation per row, one variable per column.") in reader


def participant_corpus(built: Path) -> str:
    site = built / "site"
    parts = [html_text(p.read_text(encoding="utf-8")) for p in sorted(site.rglob("*.html"))]
    parts += [pdf_text(p) for p in sorted(site.rglob("*.pdf"))]
    return normalise("\n".join(parts))


def test_nothing_private_reaches_participants(built):
    corpus = participant_corpus(built)
    for secret in ("SECRETNOTE", "SOLUTIONTEXT", "SECRETFIELD", "For the facilitator"):
        assert secret.lower() not in corpus.lower(), secret
    assert not [p for p in (built / "site").rglob("*") if p.suffix in (".yaml", ".yml")]


def test_facilitators_get_their_blocks(built):
    text = normalise(pdf_text(built / "facilitator/en/real-data-01-facilitator-en.pdf"))
    for phrase in ("SECRETNOTE ask who has lost data before", "SOLUTIONTEXT the date column", "For the facilitator"):
        assert normalise(phrase) in text, phrase


def test_no_empty_answer_key_where_a_lesson_has_no_questions(built):
    guide = pdf_text(built / "facilitator/en/real-facilitator-guide-en.pdf")
    assert "Lesson summary" in guide
    assert "Answer key" not in guide


def test_handout_prints_each_construct(built):
    text = normalise(pdf_text(built / "site/en/handouts/real-data-01-en.pdf"))
    for phrase in ("Why tidy data", "def tidy(frame):", "return frame.dropna()", "NOTE Spreadsheets hide formulas",
                   "TIP Name files by date", "CAUTION Merged cells break exports", "EXERCISE Spot the problems",
                   "A tidy table", "One row of the table", "“it depends” – and mean it…"):
        assert normalise(phrase) in text, phrase
    # A link to another lesson names the label of its page in the reader, where its
    # chapter is this handout's neighbour; alone, the handout keeps the label as text.
    label = reader_label_of(built, "Where to share")
    assert normalise(f"the next lesson (Where to share, p. {label})") in text
    raw = pdf_text(built / "site/en/handouts/real-data-01-en.pdf")
    assert re.search(r"(?m)^\s*open the file", raw) and not re.search(r"•\s*(open the file|clean it)", raw)  # a box, no bullet


def reader_label_of(built: Path, heading: str) -> str:
    """The page label of the reader's page that shows `heading` (and the link back)."""
    reader = built / "site/en/real-reader-en.pdf"
    pages = pdf_pages(reader)
    target = next(i for i, page in enumerate(pages) if heading in page and "Back to" in page)
    with pikepdf.open(reader) as pdf:
        return pdf.pages[target].label


def test_reader_links_inside_itself_with_page_numbers(built):
    label = reader_label_of(built, "Where to share")
    assert label.startswith("2–")  # lesson 2's pages
    text = normalise("\n".join(pdf_pages(built / "site/en/real-reader-en.pdf")))
    assert normalise(f"the next lesson (Where to share, p. {label})") in text


def test_a_course_option_publishes_solutions(tmp_path):
    project = write_project(tmp_path / "proj", COURSE.rstrip(" ") + "    publish_solutions: true\n")
    problems = Problems()
    checked = check(project.root, problems)
    participant = build_course(checked.catalog, "participant", project.root)
    body = participant.lessons[0].lesson.sections[0].body.get("en")
    assert "SOLUTIONTEXT" in body and "SECRETNOTE" not in body


def test_links_to_sources_are_errors_and_never_published(tmp_path):
    project = write_project(tmp_path / "proj")
    project.write("modules/data/data-02.yaml", LESSON_2.replace(
        "Back to [the first lesson](lesson:DATA-01).",
        "Back to [the first lesson](data-01.yaml) and [its template](../../templates/site/lesson.html)"
        " or <a href='data-01.yml'>raw</a>."))
    project.write("templates/site/lesson.html", "{% extends 'site/base.html' %}")
    errors = project.errors()
    assert errors == [
        "modules/data/data-02.yaml:13:38: error link-to-source: linked file 'data-01.yaml' is a course "
        "source file; the site never publishes sources",
        "modules/data/data-02.yaml:13:71: error link-to-source: linked file '../../templates/site/lesson.html' "
        "is a course source file; the site never publishes sources",
        "modules/data/data-02.yaml:13:117: error link-to-source: linked file 'data-01.yml' is a course source "
        "file; the site never publishes sources",
    ]
    with pytest.raises(Exception):
        project.build(pdf=False)
    assert not (project.root / "output").exists()


def test_the_site_writer_refuses_sources_whatever_it_is_handed(tmp_path):
    from coursesmith.outputs.site.pages import publishable

    project = write_project(tmp_path / "proj")
    project.write("templates/css/site.css", "body {}")
    project.write("modules/data/tool.py", "print(1)")
    root = project.root
    assert publishable(root / "modules/data/img/table.svg", root)
    for private in ("modules/data/data-01.yaml", "templates/css/site.css", "modules/data/tool.py"):
        assert not publishable(root / private, root), private


def test_unknown_course_links_suggest_the_near_miss(tmp_path):
    project = write_project(tmp_path / "proj")
    project.write("modules/data/data-02.yaml", LESSON_2.replace(
        "lesson:DATA-01)", "lesson:DATA-1) [x](lesson:DATA-01#S-WHYY) [y](glossary:tidyy)"))
    assert project.errors() == [
        "modules/data/data-02.yaml:13:38: error unknown-link: link 'lesson:DATA-1': lesson 'DATA-1' does "
        "not exist",
        "modules/data/data-02.yaml:13:57: error unknown-link: link 'lesson:DATA-01#S-WHYY': section 'S-WHYY' "
        "of lesson 'DATA-01' does not exist",
        "modules/data/data-02.yaml:13:84: error unknown-link: link 'glossary:tidyy': glossary term 'tidyy' "
        "does not exist",
    ]
    hints = [d.hint for d in project.check().errors]
    assert hints[0].startswith("Did you mean 'DATA-01'?") and hints[1].startswith("Did you mean 'S-WHY'?")


def _structure_types(path: Path) -> set[str]:
    import pypdf

    found, stack = set(), [pypdf.PdfReader(path).trailer["/Root"]["/StructTreeRoot"]]
    while stack:
        node = stack.pop().get_object()
        if isinstance(node, list):
            stack += node
        elif isinstance(node, dict):
            if "/S" in node:
                found.add(str(node["/S"]))
            if "/K" in node:
                stack.append(node["/K"])
    return found


def test_handout_tags_figures_blocks_and_tables(built):
    types = _structure_types(built / "site/en/handouts/real-data-01-en.pdf")
    assert {"/Figure", "/Caption", "/Sect", "/Table", "/TH", "/L", "/LI", "/H3"} <= types


def test_block_labels_come_in_the_page_language():
    from coursesmith.render.environment import load_labels
    from coursesmith.locations import default_templates_dir
    from coursesmith.render.markdown import to_html

    for lang, expected in (("id", ("Catatan", "Latihan: Peta", "Untuk widyaiswara")),
                           ("en", ("Note", "Exercise: Peta", "For the facilitator"))):
        labels = load_labels([default_templates_dir()], lang)["blocks"]
        html = to_html("::: note\nA.\n:::\n\n::: exercise Peta\nB.\n:::\n\n::: facilitator\nC.\n:::\n",
                       lambda link: link.target, lang, labels=labels)
        for label in expected:
            assert f'aria-label="{label}"' in html, (lang, label)
        assert "coursesmith-label" not in html
