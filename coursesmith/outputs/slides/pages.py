"""Which slide documents a course has, each as a page to render with templates/slides/deck.html."""

from __future__ import annotations

from pathlib import Path

from coursesmith.model import layout
from coursesmith.model.course import CourseView
from coursesmith.model.derived import FromLesson
from coursesmith.outputs.slides.deck import plan
from coursesmith.render.environment import Page, Target, find_template_file

TEMPLATE = "slides/deck.html"
REVEAL = ("reveal.js", "reveal.css", "notes.js", "LICENSE-reveal.js.txt")
"""The vendored reveal.js files (scripts/vendor-reveal.sh), copied beside the slides."""
STYLESHEET = "slide.css"


def deck_pages(course: CourseView, mode: str) -> list[Page]:
    """The slides of every lesson in every language: `mode` "reveal" (pages, at
    `lesson.slides`), "print" (`lesson.slides_pdf`) or "handout" (`lesson.slides_handout`).
    A deck is planned only when its page is rendered (model/derived.py)."""
    languages = course.course.languages
    where = {"reveal": "slides", "print": "slides_pdf", "handout": "slides_handout"}[mode]
    target: Target = "site" if mode == "reveal" else "print"
    assets = {"reveal_css": layout.slides_asset("reveal.css"), "reveal_js": layout.slides_asset("reveal.js"),
              "notes_js": layout.slides_asset("notes.js"), "slides_css": layout.slides_asset(STYLESHEET),
              "fonts": f"{layout.ASSETS}/fonts/"}
    return [Page(TEMPLATE, getattr(lesson, where)[lang], lang, target,
                 (("lesson", lesson), ("slides", FromLesson(plan, lesson, lang, languages)), ("mode", mode),
                  *assets.items()))
            for lesson in course.lessons for lang in languages]


def reveal_files(search_path: list[Path], notes: bool) -> list[tuple[Path, str]]:
    """(source, path below the site or facilitator folder) of what the slide pages load;
    the speaker-notes plugin only with `notes`."""
    names = [name for name in REVEAL if notes or name != "notes.js"]
    files = [(find_template_file(search_path, f"slides/reveal/{name}"), layout.slides_asset(name)) for name in names]
    files.append((find_template_file(search_path, f"css/{STYLESHEET}"), layout.slides_asset(STYLESHEET)))
    return files
