"""The slides (bahan tayang): planned from the lesson, never overflowing a slide in
Chromium or in the PDF, working offline, with speaker notes for facilitators only."""

from __future__ import annotations

import math
import re
import shutil
from pathlib import Path

import pypdf
import pytest

from coursesmith.load.text import Markdown
from coursesmith.outputs.slides.blocks import blocks, lines
from coursesmith.outputs.slides.deck import LINES, _chunks

from test_sample import LANGUAGES, LESSONS
from text_extract import html_text, normalise

# Shows every slide in turn and reports those whose content reaches past the slide's
# box: the slide scrolls (its content box is taller or wider than the slide) or one
# of its elements ends below or right of it.
MEASURE = """() => {
  const over = [];
  Reveal.getSlides().forEach((_, i) => {
    Reveal.slide(i);
    const slide = Reveal.getCurrentSlide(), box = slide.getBoundingClientRect();
    let past = null;
    for (const el of slide.querySelectorAll('*')) {
      if (el.closest('aside.notes')) continue;
      const r = el.getBoundingClientRect();
      if (r.width && (r.bottom > box.bottom + 1 || r.right > box.right + 1)) { past = el.tagName; break; }
    }
    if (past || slide.scrollHeight > slide.clientHeight + 1 || slide.scrollWidth > slide.clientWidth + 1)
      over.push({slide: i + 1, height: slide.scrollHeight, room: slide.clientHeight, past});
  });
  return {count: Reveal.getTotalSlides(), over};
}"""


def decks(output: Path) -> list[Path]:
    return [output / folder / lang / "slides" / f"{lesson}.html"
            for folder in ("site", "facilitator") for lang in LANGUAGES for lesson in LESSONS]


def slide_count(deck: Path) -> int:
    return len(re.findall(r'<section class="slide ', deck.read_text(encoding="utf-8")))


def measure(browser, deck: Path, block_fonts: bool = False) -> dict:
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    if block_fonts:  # as a browser that refuses web fonts shows it
        page.route("**/*.woff2", lambda route: route.abort())
    page.goto(deck.as_uri())
    page.wait_for_function("window.Reveal && Reveal.isReady()", timeout=20000)
    page.evaluate("document.fonts.ready.then(() => true)")
    found = page.evaluate(MEASURE)
    page.close()
    found["remote"] = [url for url in requests if not url.startswith(("file:", "data:"))]
    return found


def test_no_slide_of_any_sample_lesson_overflows_in_chromium(sample_output, browser):
    """Every deck, both editions and languages, opened from disk (offline): reveal.js
    runs from the bundled files, nothing is fetched from the network, and no slide's
    content reaches past the 1280 × 720 slide."""
    for deck in decks(sample_output):
        found = measure(browser, deck)
        assert found["remote"] == [], deck
        assert found["count"] == slide_count(deck) > 20, deck
        assert found["over"] == [], deck


def test_the_measure_sees_an_overflowing_slide(sample_output, browser, tmp_path):
    """The measure can fail: a slide given three times its text is reported."""
    site = tmp_path / "site"
    deck = sample_output / "site/en/slides/koal-01.html"
    shutil.copytree(sample_output / "site/assets", site / "assets")
    (site / "en/slides").mkdir(parents=True)
    html = deck.read_text(encoding="utf-8")
    first = html.index('<div class="body">')
    end = html.index("</div>", first)
    body = html[first + len('<div class="body">'):end]
    (site / "en/slides/koal-01.html").write_text(html[:end] + body * 3 + html[end:], encoding="utf-8")
    assert measure(browser, site / "en/slides/koal-01.html")["over"] != []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_slide_pdfs_have_one_16_9_page_per_slide_and_the_handout_three(sample_output, lang):
    for lesson in LESSONS:
        count = slide_count(sample_output / "site" / lang / "slides" / f"{lesson}.html")
        slides = pypdf.PdfReader(sample_output / "site" / lang / "slides" / f"kkmp-{lesson}-slides-{lang}.pdf")
        assert len(slides.pages) == count, lesson  # no slide spills onto a second page
        for page in slides.pages:
            assert (float(page.mediabox.width), float(page.mediabox.height)) == (960.0, 540.0)
        handout = pypdf.PdfReader(sample_output / "site" / lang / "slides" / f"kkmp-{lesson}-slides-handout-{lang}.pdf")
        assert len(handout.pages) == math.ceil(count / 3), lesson
        assert round(float(handout.pages[0].mediabox.width)) == 595  # A4 portrait
        assert slides.trailer["/Root"]["/MarkInfo"]["/Marked"]  # tagged, as the other PDFs
        assert "/StructTreeRoot" in slides.trailer["/Root"] and "/StructTreeRoot" in handout.trailer["/Root"]


def test_slides_follow_the_lesson(sample_output):
    """Title, learning outcome, a slide per main topic, sections with their figures and
    tables, each activity with its time, discussion questions and key points."""
    html = (sample_output / "site/en/slides/koal-02.html").read_text(encoding="utf-8")
    kinds = re.findall(r'<section class="slide kind-([a-z-]+)', html)
    assert kinds[0] == "title" and kinds[1] == "outcome"
    for kind in ("topic", "section", "activity", "questions", "key-points"):
        assert kind in kinds, kind
    assert "power-interest-grid-en.svg" in html and "<table>" in html
    assert re.search(r'class="time">\d+ minutes<', html)
    text = normalise(html_text(html))
    assert normalise("Mapping Stakeholders") in text and normalise("Learning outcome") in text


def test_speaker_notes_only_in_the_facilitator_edition(sample_output):
    for lang in LANGUAGES:
        for lesson in LESSONS:
            participant = (sample_output / "site" / lang / "slides" / f"{lesson}.html").read_text(encoding="utf-8")
            facilitator = (sample_output / "facilitator" / lang / "slides" / f"{lesson}.html").read_text(encoding="utf-8")
            assert 'class="notes"' not in participant and "notes.js" not in participant
            assert facilitator.count('<aside class="notes">') >= 3, (lang, lesson)
    assert not (sample_output / "site/assets/reveal/notes.js").exists()
    assert (sample_output / "facilitator/assets/reveal/notes.js").is_file()


def test_reveal_js_is_bundled_with_its_licence():
    templates = Path(__file__).resolve().parent.parent / "templates/slides/reveal"
    assert "Permission is hereby granted, free of charge" in (templates / "LICENSE-reveal.js.txt").read_text()
    assert re.fullmatch(r"5\.\d+\.\d+\n", (templates / "VERSION").read_text())
    assert "Reveal" in (templates / "reveal.js").read_text()[:2000]


def test_a_long_section_is_split_and_a_table_repeats_its_header():
    rows = "\n".join(f"| row {i} | {'words ' * 12} |" for i in range(30))
    source = "First paragraph. " * 30 + "\n\n- item one\n- item two\n  continued\n\n| Head | Text |\n|---|---|\n" + rows
    found = blocks(source, LINES)
    assert found[1:3] == ["- item one", "- item two\n  continued"]
    tables = [b for b in found if b.startswith("| Head")]
    assert len(tables) > 2 and all(t.split("\n")[1] == "|---|---|" for t in tables)
    assert all(lines(t) <= LINES for t in tables)
    chunks = list(_chunks(Markdown({"en": source}), "en", ["en"], LINES))
    assert len(chunks) > 3 and not any(dense for _, dense, _ in chunks)


def test_a_code_block_and_a_reading_block_with_blank_lines_stay_whole():
    code = "```python\nfirst = 1\n\nsecond = 2\n```"
    note = "::: note\nA paragraph.\n\n- a list in the note\n\n```\n:::\n```\n:::"
    assert blocks(f"Before.\n\n{code}\n\n{note}\n\nAfter.", LINES) == ["Before.", code, note, "After."]


def test_one_block_bigger_than_a_slide_is_set_dense():
    chunks = list(_chunks(Markdown({"en": "word " * 400}), "en", ["en"], LINES))
    assert [dense for _, dense, _ in chunks] == [True]


LESSON = "modules/m1/les-1.yaml"
SLIDE_OPTIONS = """\
        slides:
          sections: [S2]
          extra:
            - title: {id: Pembuka, en: Opener}
              body: {id: "Pertanyaan pembuka.", en: "An opening question."}
              after: S2
            - title: {id: Penutup, en: Closer}
              body: {id: "Kalimat penutup.", en: "A closing line."}
        references: [ref_2020]"""


def with_sections(text: str) -> str:
    return text.replace("""          - title: {id: Bagian, en: Section}
            body: {id: "Isi **bagian**.", en: "Section **body**."}""", """          - code: S1
            title: {id: Bagian, en: Section}
            body: {id: "Isi **bagian**.", en: "Section **body**."}
          - code: S2
            title: {id: Bagian dua, en: Second section}
            body: {id: "Isi kedua.", en: "Second body."}""")


def test_slides_show_the_chosen_sections_and_extra_slides(project):
    from conftest import MINIMAL
    project.write(LESSON, with_sections(MINIMAL[LESSON]).replace("        references: [ref_2020]", SLIDE_OPTIONS, 1))
    output = project.build(only=("slides",))
    html = (output / "site/en/slides/les-1.html").read_text(encoding="utf-8")
    titles = re.findall(r'kind-section[^>]*>\s*<h2>([^<]*)</h2>', html)
    assert titles == ["Second section", "Opener", "Closer"]
    assert "Section body" not in html_text(html)
    notes = (output / "facilitator/en/slides/les-1.html").read_text(encoding="utf-8")
    assert "Secret facilitator note." in notes and "Secret facilitator note." not in html


LONG = "a sentence of about sixty characters, written to fill lines"
GRID = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" width="200" height="200">
<rect x="0" y="0" width="100" height="100" fill="#0f4c5c"/><rect x="100" y="100" width="100" height="100" fill="#0f4c5c"/>
</svg>"""


def _localised(text: str) -> str:
    return f'{{id: "{text}", en: "{text}"}}'


def crowded_lesson() -> str:
    """The scratch lesson with long indicators, a topic of many subtopics under a long
    heading, a section with a captioned figure between paragraphs, and many long
    discussion questions and key points."""
    from conftest import MINIMAL
    indicators = "\n".join(f"          - code: IND-{i}\n            bloom: C2\n"
                           f"            text: {_localised(f'{LONG}, {LONG}, {LONG} {i}.')}" for i in range(1, 8))
    topic = (f"          - text: {_localised('A main topic whose heading is long enough to take two lines on a slide')}\n"
             "            subtopics:\n" + "\n".join(f"              - {_localised(f'{LONG}, {LONG} {i}')}" for i in range(10)))
    caption = f"{LONG}, {LONG}, {LONG}"
    body = f"{LONG}, {LONG}." + f'\\n\\n![A grid of four squares](img/grid.svg \\"{caption}\\")\\n\\n' + f"{LONG}. " * 4
    end = ("        discussion_questions:\n"
           + "\n".join(f"          - code: DQ{i}\n            text: {_localised(f'{LONG}, {LONG}, {LONG} {i}?')}" for i in range(1, 9))
           + "\n        key_points:\n" + "\n".join(f"          - {_localised(f'{LONG}; {LONG}; {LONG}; {i}.')}" for i in range(1, 8))
           + "\n        references: [ref_2020]")
    text = MINIMAL[LESSON].replace("          - code: IND-1\n            bloom: C2\n"
                                   "            text: {id: Menjelaskan konsep., en: Explain the concept.}", indicators)
    text = text.replace("          - text: {id: Topik, en: Topic}", topic)
    text = text.replace('body: {id: "Isi **bagian**.", en: "Section **body**."}', f"body: {_localised(body)}")
    return text.replace("        references: [ref_2020]", end, 1)


SPLIT = ("outcome", "topic", "questions", "key-points")


@pytest.mark.parametrize("fonts", ["bundled", "blocked"])
def test_no_slide_of_a_crowded_lesson_overflows(project, browser, fonts):
    """Long lists, a long topic heading and a captioned figure are split or set smaller by
    the planner's estimate, with the bundled fonts and with a browser's fallback font."""
    project.write(LESSON, crowded_lesson())
    project.write("modules/m1/img/grid.svg", GRID)
    output = project.build(only=("site", "slides"))
    for lang in LANGUAGES:
        deck = output / "site" / lang / "slides" / "les-1.html"
        kinds = re.findall(r'<section class="slide kind-([a-z-]+)', deck.read_text(encoding="utf-8"))
        assert {kind: kinds.count(kind) > 1 for kind in SPLIT} == dict.fromkeys(SPLIT, True), kinds
        found = measure(browser, deck, block_fonts=fonts == "blocked")
        assert found["count"] == len(kinds) and found["over"] == [], (lang, found["over"])


EVERY_BLOCK = """\
Before the blocks, a paragraph that introduces what follows, long enough to take two lines on a slide.

```python
def engage(stakeholder):
    # a code block with a blank line inside, and a line long enough to wrap on a slide at its size

    power = stakeholder.power
    interest = stakeholder.interest
    if power and interest:
        return "manage closely"
    if power:
        return "keep satisfied"
    if interest:
        return "keep informed"
    return "monitor"
```

::: note
A note with a paragraph that says something worth a box of its own.

- and a list inside the note
- of two items
:::

- A list item
  - a nested item under it
  - another nested item
    1. nested deeper
- A second top-level item

Power
: The ability to change the outcome of a decision, from authority, money or reputation.

Interest
: How much a party is affected by the outcome, whether it supports the change or not.

A claim with a footnote.[^src] And more text after it, to fill a line or two of the slide.

[^src]: The source of the claim, written as a footnote definition below the paragraph.

> [!TIP]
> A GitHub-style alert with a tip.
"""


def every_block_lesson() -> str:
    """The scratch lesson whose section holds each kind of Markdown block, twice."""
    from conftest import MINIMAL
    body = "\n".join(("                " + line).rstrip() for line in (EVERY_BLOCK + "\n" + EVERY_BLOCK.replace("[^src]", "[^other]")).splitlines())
    return MINIMAL[LESSON].replace('            body: {id: "Isi **bagian**.", en: "Section **body**."}',
                                   f"            body:\n              id: |\n{body}\n              en: |\n{body}")


@pytest.mark.parametrize("fonts", ["bundled", "blocked"])
def test_no_slide_with_code_callouts_nested_lists_definitions_or_footnotes_overflows(project, browser, fonts):
    project.write(LESSON, every_block_lesson())
    output = project.build(only=("site", "slides"))
    for lang in LANGUAGES:
        deck = output / "site" / lang / "slides" / "les-1.html"
        html = deck.read_text(encoding="utf-8")
        for made in ('<pre class="code-block"', 'class="callout callout-note"', "<dl>", 'class="footnotes"',
                     'class="callout callout-tip"'):
            assert made in html, made
        found = measure(browser, deck, block_fonts=fonts == "blocked")
        assert found["over"] == [], (lang, found["over"])


def test_a_footnote_goes_to_the_slide_of_its_reference_and_a_nested_list_stays_with_its_item():
    source = ("First paragraph. " * 30 + "\n\n" + "Second, with a note.[^a] " + "More words. " * 20
              + "\n\n- item\n  - nested one\n  - nested two\n- next item\n\n[^a]: The note's text.")
    assert blocks(source, LINES)[2:4] == ["- item\n  - nested one\n  - nested two", "- next item"]
    chunks = [chunk.get("en") for chunk, _, _ in _chunks(Markdown({"en": source}), "en", ["en"], LINES)]
    assert len(chunks) > 1
    holding = [chunk for chunk in chunks if "[^a]:" in chunk]
    assert len(holding) == 1 and "[^a] " in holding[0]
    short = "- item\n  - nested one\n\n  - nested two\n- next item"
    assert [chunk.get("en") for chunk, _, _ in _chunks(Markdown({"en": short}), "en", ["en"], LINES)] == \
        ["- item\n  - nested one\n\n  - nested two\n- next item"]
    loose = "- one\n\n- two"
    assert [chunk.get("en") for chunk, _, _ in _chunks(Markdown({"en": loose}), "en", ["en"], LINES)] == ["- one\n- two"]
    assert lines("```\n" + "x = 1\n" * 20 + "```") > 14 * 0.7
    assert lines("::: note\n" + "word " * 120 + "\n:::") > lines("word " * 120)


def test_a_slide_section_that_does_not_exist_is_reported(project):
    from conftest import MINIMAL
    options = SLIDE_OPTIONS.replace("sections: [S2]", "sections: [S3]")
    project.write(LESSON, with_sections(MINIMAL[LESSON]).replace("        references: [ref_2020]", options, 1))
    errors = project.errors()
    assert len(errors) == 1 and "les-1.yaml:" in errors[0] and "section 'S3' does not exist" in errors[0], errors


def test_the_slides_own_stylesheet_keys_the_pdf_cache(project):
    """slides-print.css imports slide.css: editing only the latter renders the slides' PDFs again."""
    from coursesmith.pipeline import build
    from coursesmith.stages import BuildOptions

    options = dict(project=project.root, output=project.root / "output", cache=project.root / ".cache", jobs=1)
    pdf = "site/en/slides/test-les-1-slides-en.pdf"
    assert not build(BuildOptions(**options)).made[pdf].reused
    assert build(BuildOptions(**options)).made[pdf].reused
    original = (Path(__file__).resolve().parent.parent / "templates/css/slide.css").read_text(encoding="utf-8")
    project.write("templates/css/slide.css", original + "\n.slide h2 { color: #000; }\n")
    assert not build(BuildOptions(**options)).made[pdf].reused


def test_slide_pdfs_are_laid_out_by_the_print_outputs_worker_processes(project, monkeypatch, tmp_path):
    """With two jobs, every PDF of the build (handouts, books' parts, slides, papers) is
    laid out by the same two worker processes, never in the build's own process: one
    pool, warmed once, not a pool per output."""
    import os

    from coursesmith.outputs.print.maker import PdfMaker
    from coursesmith.pipeline import build
    from coursesmith.stages import BuildOptions

    log = tmp_path / "writes.log"
    original = PdfMaker.write

    def recorded(self, html, target):
        rendered = original(self, html, target)
        with log.open("a", encoding="utf-8") as out:  # one short line: appends do not interleave
            out.write(f"{os.getpid()} {Path(target).name}\n")
        return rendered

    monkeypatch.setattr(PdfMaker, "write", recorded)  # the workers are forked: they inherit it
    report = build(BuildOptions(project=project.root, output=project.root / "output", jobs=2))
    slides = [path for path in report.made if "/slides/" in path and path.endswith(".pdf")]
    assert slides and not any(report.made[path].reused for path in slides)
    by_name = dict(reversed(line.split()) for line in log.read_text(encoding="utf-8").splitlines())
    slide_pids = {int(by_name[Path(path).name]) for path in slides}
    # the print output's layouts are its parts (the books are bound from them, not laid out)
    handouts = {Path(path).name for path in report.made if "/handouts/" in path}
    assert handouts and handouts <= by_name.keys()
    print_pids = {int(by_name[name]) for name in handouts}
    assert os.getpid() not in slide_pids | print_pids
    assert len({int(pid) for pid in by_name.values()}) <= 2
    assert slide_pids & print_pids
