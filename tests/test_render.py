"""Rendering: Markdown sanitising, participant stripping, template overrides and errors."""

from __future__ import annotations

import pytest

from coursesmith.diagnostics import BuildFailed
from coursesmith.load.markdown import AssetRef
from coursesmith.render.markdown import to_html
from coursesmith.model.course import build_course
from coursesmith.load.schema import Lesson, MultipleChoice
from coursesmith.load.text import LocalText

from conftest import MINIMAL


def keep(image: AssetRef) -> str:
    return image.target


def test_markdown_renders_tables_with_header_scope():
    html = to_html("| a | b |\n|---|---|\n| 1 | 2 |\n", keep)
    assert '<th scope="col">a</th>' in html
    assert "<td>1</td>" in html


def test_a_table_of_only_a_header_row_gets_an_empty_body_row():
    """A THead with no TBody fails PDF/UA-1; the columns of a table to fill in keep a body."""
    html = to_html("| a | b |\n|---|--:|\n", keep)
    assert '<th scope="col">a</th>' in html
    assert '<tbody>\n<tr>\n<td></td>\n<td class="align-right"></td>\n</tr>\n</tbody>' in html


@pytest.mark.parametrize("raw, gone", [
    ("<script>alert(1)</script>", "<script"),
    ('<a href="javascript:alert(1)">x</a>', "javascript:"),
    ('<img src="a.png" alt="a" onerror="alert(1)">', "onerror"),
    ('<iframe src="https://example.org"></iframe>', "<iframe"),
    ('<link rel="attachment" href="/etc/passwd">', "<link"),
    ('<div style="position:fixed">x</div>', "style="),
])
def test_markdown_raw_html_is_sanitised(raw, gone):
    assert gone not in to_html(f"Text {raw} more.\n\n{raw}\n", keep)


def test_markdown_images_are_rewritten_per_output():
    html = to_html("![A grid](img/grid.svg)", lambda image: "../../assets/x/" + image.target)
    assert 'src="../../assets/x/img/grid.svg"' in html
    assert 'alt="A grid"' in html


def test_participant_model_has_no_facilitator_fields(project):
    from coursesmith.pipeline import check
    from coursesmith.diagnostics import Problems

    problems = Problems()
    checked = check(project.root, problems)
    assert not problems.errors
    participant = build_course(checked.catalog, "participant", project.root)
    facilitator = build_course(checked.catalog, "facilitator", project.root)
    [p_lesson], [f_lesson] = participant.lessons, facilitator.lessons
    assert p_lesson.lesson.activities[0].facilitator_notes is None
    assert p_lesson.lesson.assessment[0].answer is None
    assert p_lesson.lesson.assessment[0].rationale is None
    assert f_lesson.lesson.activities[0].facilitator_notes == LocalText(
        {"id": "Catatan rahasia widyaiswara.", "en": "Secret facilitator note."})
    assert f_lesson.lesson.assessment[0].answer == "a"
    assert isinstance(f_lesson.lesson, Lesson) and isinstance(f_lesson.lesson.assessment[0], MultipleChoice)


def test_site_pages_in_each_language(project):
    output = project.build(pdf=False)
    site = output / "site"
    for page in ("index.html", "id/index.html", "en/index.html", "id/lessons/les-1.html",
                 "en/lessons/les-1.html", "en/glossary.html", "id/references.html", "assets/site.css"):
        assert (site / page).is_file(), page
    lesson = (site / "en/lessons/les-1.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in lesson
    assert "Lesson one" in lesson and "Section <strong>body</strong>." in lesson
    assert 'href="../../id/lessons/les-1.html"' in lesson  # language switch, relative
    assert 'href="../handouts/test-les-1-en.pdf"' in lesson
    assert "Secret facilitator note" not in lesson and "Secret rationale" not in lesson
    facilitator = sorted(p.relative_to(output / "facilitator").as_posix()
                         for p in (output / "facilitator").rglob("*") if p.is_file() and p.parts[-2:-1] != ("reveal",)
                         and not p.relative_to(output / "facilitator").as_posix().startswith("assets/"))
    assert facilitator == sorted([f"{lang}/test-questions-{lang}.{kind}" for lang in ("en", "id")
                                  for kind in ("gift.txt", "moodle.xml")]
                                 + [f"{lang}/slides/les-1.html" for lang in ("en", "id")])  # no PDFs: banks and decks


def test_project_template_overrides_one_file(project):
    project.write("templates/site/glossary.html",
                  '<!DOCTYPE html><html lang="{{ lang }}"><title>x</title><p>own glossary {{ lang }}</p>\n')
    output = project.build(pdf=False)
    assert (output / "site/en/glossary.html").read_text(encoding="utf-8").endswith("<p>own glossary en</p>\n")
    assert "Lesson one" in (output / "site/en/lessons/les-1.html").read_text(encoding="utf-8")


def test_template_error_names_the_template_file_and_line(project):
    project.write("templates/site/glossary.html", "<p>ok</p>\n<p>{{ course.no_such_field }}</p>\n")
    with pytest.raises(BuildFailed) as failed:
        project.build(pdf=False)
    [d] = failed.value.problems.errors
    assert d.code == "template-error"
    assert str(d.location).endswith("templates/site/glossary.html:2:1")
    assert "no_such_field" in d.message


def test_template_syntax_error_is_located(project):
    project.write("templates/site/glossary.html", "<p>ok</p>\n\n{% if %}\n")
    with pytest.raises(BuildFailed) as failed:
        project.build(pdf=False)
    [d] = failed.value.problems.errors
    assert (d.code, d.location.line) == ("template-error", 3)


def test_linked_project_files_are_published_with_the_site(project):
    project.write("modules/m1/files/form.pdf", b"%PDF-1.4\n")
    project.write("modules/m1/les-1.yaml", MINIMAL["modules/m1/les-1.yaml"].replace(
        'body: {id: "Isi **bagian**.", en: "Section **body**."}',
        'body: {id: "[Formulir](files/form.pdf)", en: "[Form](files/form.pdf) and [a site](https://example.org)"}'))
    output = project.build()
    page = (output / "site/en/lessons/les-1.html").read_text(encoding="utf-8")
    assert 'href="../../assets/modules/m1/files/form.pdf"' in page
    assert 'href="https://example.org"' in page
    assert (output / "site/assets/modules/m1/files/form.pdf").read_bytes() == b"%PDF-1.4\n"


def test_base_url_gives_canonical_links_alternates_and_a_sitemap(project):
    import xml.etree.ElementTree as ET

    project.write("course/course.yaml", MINIMAL["course/course.yaml"].replace(
        "languages: [id, en]", "languages: [id, en]\n        base_url: https://example.org/test/"))
    output = project.build(pdf=False)
    page = (output / "site/en/lessons/les-1.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://example.org/test/en/lessons/les-1.html">' in page
    assert '<link rel="alternate" hreflang="id" href="https://example.org/test/id/lessons/les-1.html">' in page
    assert 'href="../index.html"' in page  # links between pages stay relative
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    sitemap = ET.parse(output / "site/sitemap.xml").getroot()
    locations = [loc.text for loc in sitemap.findall("s:url/s:loc", ns)]
    assert "https://example.org/test/en/lessons/les-1.html" in locations
    assert "https://example.org/test/404.html" not in locations
    assert all(loc.startswith("https://example.org/test/") for loc in locations)
    assert 'href="https://example.org/test/en/index.html"' in (output / "site/404.html").read_text(encoding="utf-8")


def test_without_base_url_there_is_no_sitemap_and_no_absolute_link(project):
    output = project.build(pdf=False)
    assert not (output / "site/sitemap.xml").exists()
    assert "https://" not in (output / "site/en/index.html").read_text(encoding="utf-8")


def test_templates_ask_the_model_for_every_address(project):
    """No template computes a path: the model carries each, by language."""
    from coursesmith.diagnostics import Problems
    from coursesmith.locations import default_templates_dir
    from coursesmith.pipeline import check
    from coursesmith.render.environment import make_environment

    assert "paths" not in make_environment([default_templates_dir()]).globals
    asking = [p.name for p in default_templates_dir().rglob("*") if p.suffix in (".html", ".xml")
              and "paths." in p.read_text(encoding="utf-8")]
    assert asking == []
    course = build_course(check(project.root, Problems()).catalog, "participant", project.root)
    [lesson] = course.lessons
    assert lesson.page == {"id": "id/lessons/les-1.html", "en": "en/lessons/les-1.html"}
    assert lesson.handout["en"] == "en/handouts/test-les-1-en.pdf"
    assert course.reader_pdf["id"] == "id/test-reader-id.pdf" and course.home["en"] == "en/index.html"


def test_the_conversions_a_long_preview_keeps_are_bounded():
    """`serve` runs all day and every save brings new texts: the conversions kept are the
    most recently used, at most CONVERSIONS_KEPT of each kind."""
    from coursesmith.load.markdown import CONVERSIONS_KEPT, convert, convert_inline

    assert convert.cache_info().maxsize == convert_inline.cache_info().maxsize == CONVERSIONS_KEPT
    assert CONVERSIONS_KEPT >= 8 * 3180  # the 48-lesson bench corpus has 3,180 texts to check
