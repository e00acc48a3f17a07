"""The Jinja environment, its filters, and the one function that builds a template context."""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import jinja2
from markupsafe import Markup, escape

from coursesmith.diagnostics import Location, Problems
from coursesmith.load.schema import Reference
from coursesmith.load.text import LocalText
from coursesmith.load.yamlfile import load_yaml
from coursesmith.locations import ProjectPaths, default_templates_dir, inside
from coursesmith.model import layout
from coursesmith.model.course import CourseView
from coursesmith.render import links
from coursesmith.render.captions import Caption, fill_list, find_captions
from coursesmith.render.markdown_filters import inline_filter, markdown_filter, summary_filter
from coursesmith.render.memo import HtmlMemo
from coursesmith.render.site_html import headings
from coursesmith.render.typography import by_term, clock_time, typographic
from coursesmith.render.sandbox import sandbox

Target = Literal["site", "print"]
PAPER_SIZES = {"a4": "A4", "letter": "letter", "f4": "215mm 330mm"}


def template_search_path(project_root: Path) -> list[Path]:
    """Project overrides first, file by file; the defaults last."""
    own = ProjectPaths(project_root).templates_dir
    return [own, default_templates_dir()] if own.is_dir() else [default_templates_dir()]


def find_template_file(search_path: list[Path], name: str) -> Path:
    """The first layer's file of that name; a file that is a link out of its layer is
    passed over (`check` reports it), never opened."""
    for folder in search_path:
        if (folder / name).is_file() and inside(folder / name, folder):
            return folder / name
    raise FileNotFoundError(name)


def make_environment(search_path: list[Path]) -> jinja2.Environment:
    """The one Jinja environment of a search path, made once per process.

    Compiled templates are not kept between builds: Jinja's bytecode cache would load
    (and run) whatever code is in the cache folder, and the default cache folder is
    inside the project, where a pull request can put files. Compiling every template
    costs 0.14–0.55 s per build (docs/security.md)."""
    return _environment(tuple(search_path))


@lru_cache(maxsize=8)
def _environment(search_path: tuple[Path, ...]) -> jinja2.Environment:
    env = sandbox(
        search_path,
        autoescape=jinja2.select_autoescape(["html", "xml"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(t=_t, md=markdown_filter, inline=inline_filter, url=_url, asset=_asset, date=_date, daterange=_daterange, cite=_cite,
                       clock=_clock, hhmm=clock_time, tint=_tint, filesize=_filesize,
                       by_term=by_term, headings=headings, summary=summary_filter,
                       unsectioned=_unsectioned)
    return env


@dataclass(frozen=True)
class Page:
    """What a template renders: which file, where it goes, in which language, for whom."""

    template: str
    path: str
    lang: str
    target: Target
    values: tuple[tuple[str, Any], ...] = ()


class Renderer:
    """Renders pages of one course view with the project's templates and labels."""

    def __init__(self, course: CourseView, search_path: list[Path], documents: dict | None = None,
                 memo: HtmlMemo | None = None):
        self.course = course
        self.memo = memo
        """Template outputs kept from earlier builds (render/memo.py), if any."""
        self.documents = documents or {}
        """Size and page count of each PDF made, by site path (for the downloads page)."""
        self.search_path = search_path
        self.env = make_environment(search_path)
        self.labels = {lang: load_labels(search_path, lang) for lang in course.course.languages}
        self.edition = edition_date(course.course.edition)

    def render(self, page: Page) -> str:
        return self.render_part(page)[0]

    def render_part(self, page: Page, anchors: Callable[[str], str | None] | None = None,
                    figures: list[tuple[Caption, str | None]] | None = None) -> tuple[str, list[Caption]]:
        """The page's HTML and its numbered captions. A part of a printed book links to
        other parts with the labels `anchors` knows; `figures` fill its list of figures
        (by default, the page lists its own)."""
        html = self.template_output(page)
        labels = self.labels[page.lang]
        html, captions = find_captions(html, labels, visible=page.target == "site")
        html = fill_list(html, [(c, None) for c in captions] if figures is None else figures, labels)
        if page.target != "print":
            return html, captions
        # A printed document knows only now which course links lead inside it.
        return links.settle_print_links(html, dict(page.values).get("page_prefix", ""), anchors), captions

    def template_output(self, page: Page) -> str:
        """The page's template rendered, or read from the memo under its inputs' key."""
        key = None
        if self.memo is not None:
            key = self.memo.key(self.course, page.template, page.path, page.lang, page.target, page.values,
                                self.documents)
            known = self.memo.get(key) if key is not None else None
            if known is not None:
                return known
            self.memo.rendered.append(page.path)
        html = self.env.get_template(page.template).render(self.context(page))
        if key is not None:
            self.memo.put(key, html)
        return html

    def context(self, page: Page) -> dict[str, Any]:
        """The one template context: the course, the page, its language and labels."""
        return {
            "course": self.course,
            "audience": self.course.audience,
            "lang": page.lang,
            "languages": self.course.course.languages,
            "labels": self.labels[page.lang],
            "all_labels": self.labels,
            "page_path": page.path,
            "target": page.target,
            "root": self.course.root,
            "edition": self.edition,
            "documents": self.documents,
            "counters": {},  # per page: numbering of tables and figures
            "base_url": self.course.course.base_url,
            "paper_size": PAPER_SIZES[self.course.course.paper],
            "absolute_links": False,
            "offline": False,  # True for a copy only ever opened from disk (the offline bundle)
            **dict(page.values),
        }


def edition_date(declared: dt.date | None) -> dt.date | None:
    """The date printed as the edition: the course's own, else SOURCE_DATE_EPOCH's, never the clock."""
    if declared:
        return declared
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date() if epoch.isdigit() else None


def load_labels(search_path: list[Path], lang: str, problems: Problems | None = None) -> dict[str, Any] | None:
    """A language's interface labels, read with the same loader as course files (so a
    label file's mistakes are reported at their line, like any other file's)."""
    path = find_template_file(search_path, f"labels/{lang}.yaml")
    source = load_yaml(path, problems if problems is not None else Problems())
    if source is None:
        return None
    if not isinstance(source.data, dict):
        if problems is not None:
            problems.add("not-a-mapping", Location(path), actual=type(source.data).__name__)
        return None
    return source.data


def missing_labels(search_path: list[Path], languages: list[str], course_file: Location,
                   problems: Problems) -> None:
    """Every course language has a label file, and each label file can be read."""
    for lang in languages:
        try:
            load_labels(search_path, lang, problems)
        except FileNotFoundError:
            problems.add("missing-labels", course_file, language=lang)


def template_problem(error: Exception, problems: Problems) -> None:
    """Report a template error at the template's own file and line."""
    if isinstance(error, jinja2.TemplateSyntaxError) and error.filename:
        problems.add("template-error", Location(Path(error.filename), error.lineno or 1),
                     problem=error.message or str(error))
        return
    tb = sys.exc_info()[2] if sys.exc_info()[1] is error else error.__traceback__
    where = Location(Path("<template>"))
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".html", ".xml", ".css", ".txt")):
            where = Location(Path(filename), tb.tb_lineno)
        tb = tb.tb_next
    problems.add("template-error", where, problem=str(error))


# --- filters ---------------------------------------------------------------------


@jinja2.pass_context
def _t(context: jinja2.runtime.Context, text: LocalText | None) -> str:
    if text is None:
        return ""
    return typographic(text.get(context["lang"], context["languages"]), context["lang"])


@jinja2.pass_context
def _url(context: jinja2.runtime.Context, target: str) -> str:
    """A link from this page; absolute on a page served at any address (the 404)."""
    if context["absolute_links"] and context["base_url"]:
        return context["base_url"] + target
    return layout.relative_url(target, context["page_path"])


@jinja2.pass_context
def _asset(context: jinja2.runtime.Context, relative: str) -> str:
    """The URL of a project file (image, logo) from the current page."""
    if context["target"] == "print":
        return relative
    return _url(context, layout.asset(relative))


@jinja2.pass_context
def _date(context: jinja2.runtime.Context, day: dt.date) -> str:
    months = context["labels"]["months"]
    return f"{day.day} {months[day.month - 1]} {day.year}"


@jinja2.pass_context
def _daterange(context: jinja2.runtime.Context, dates: Any) -> str:
    start, end = dates.start, dates.end
    months = context["labels"]["months"]
    if start == end:
        return _date(context, start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {months[end.month - 1]} {end.year}"
    return f"{_date(context, start)} – {_date(context, end)}"


def _clock(minutes: int) -> str:
    """Minutes from a lesson's start as h:mm, for timelines of unscheduled lessons."""
    return f"{minutes // 60}:{minutes % 60:02d}"


@jinja2.pass_context
def _filesize(context: jinja2.runtime.Context, size: int) -> str:
    """A file size for people: 840 KB, 1.3 MB (with the language's decimal mark)."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB".replace(".", context["labels"]["decimal_mark"])


def _tint(colour: str, amount: float) -> str:
    """`colour` (#rrggbb) mixed with white; amount 0 keeps it, 1 gives white."""
    channels = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * amount):02x}" for c in channels)


def number_range(text: str) -> str:
    """Page and issue ranges take an en dash, as typesetting does: 21-53 becomes 21–53."""
    return RANGE.sub("\u2013", text)


RANGE = re.compile(r"(?<=\d)\s*-\s*(?=\d)")


def _unsectioned(html: Markup) -> Markup:
    """Markdown's HTML inside a reveal.js slide: reveal.js takes every <section> for a
    slide of its own, so footnotes and reading blocks that are sections become divs. A
    labelled section keeps its meaning as a labelled region (a div may not carry a label)."""
    text = re.sub(r"<section\b(?=[^>]*\saria-label=)", '<div role="region"', str(html))
    return Markup(re.sub(r"<(/?)section\b", r"<\1div", text))


@jinja2.pass_context
def _cite(context: jinja2.runtime.Context, ref: Reference) -> Markup:
    """A bibliography entry in an APA-like style; the title in italics for whole works."""
    labels = context["labels"]
    authors = _authors(ref.authors)
    year = str(ref.year) if ref.year else labels["no_date"]
    parts = [f"{escape(authors)} ({year}). " if authors else f"{escape(typographic(ref.title, context['lang']))} ({year}). "]
    whole_work = ref.type in ("book", "report", "regulation")
    if authors:
        title = escape(typographic(ref.title, context["lang"]))
        parts.append(f"<i>{title}</i>. " if whole_work else f"{title}. ")
    if ref.container:
        container = f"<i>{escape(ref.container)}</i>"
        if ref.volume:
            container += f", <i>{escape(ref.volume)}</i>"
        if ref.issue:
            container += f"({escape(ref.issue)})"
        if ref.pages:
            container += f", {escape(number_range(ref.pages))}"
        parts.append(container + ". ")
    if ref.publisher:
        parts.append(f"{escape(ref.publisher)}. ")
    if ref.doi:
        parts.append(f'<a href="https://doi.org/{escape(ref.doi)}">https://doi.org/{escape(ref.doi)}</a>')
    elif ref.url:
        parts.append(f'<a href="{escape(ref.url)}">{escape(ref.url)}</a>')
    if ref.accessed and (ref.url or ref.doi):
        parts.append(f" ({labels['accessed']} {_date(context, ref.accessed)})")
    if ref.license:
        parts.append(f". {labels['license']}: {escape(ref.license)}")
    if ref.note:
        parts.append(f" {inline_filter(context, ref.note)}")
    return Markup("".join(parts).strip())


def _authors(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + ", & " + names[-1]
