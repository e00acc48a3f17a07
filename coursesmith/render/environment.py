"""The Jinja environment, its filters, and the one function that builds a template context."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal
from urllib.parse import unquote, urlsplit

import jinja2
import yaml
from markupsafe import Markup, escape

from coursesmith.diagnostics import Location, Problems
from coursesmith.load.markdown import Link
from coursesmith.load.schema import Reference
from coursesmith.load.text import InlineMarkdown, LocalText, Markdown
from coursesmith.locations import ProjectPaths, default_templates_dir
from coursesmith.model import layout
from coursesmith.model.course import CourseView
from coursesmith.render import links
from coursesmith.render.markdown import to_html
from coursesmith.render.typography import by_term, clock_time

Target = Literal["site", "print"]
PAPER_SIZES = {"a4": "A4", "letter": "letter", "f4": "215mm 330mm"}


def template_search_path(project_root: Path) -> list[Path]:
    """Project overrides first, file by file; the defaults last."""
    own = ProjectPaths(project_root).templates_dir
    return [own, default_templates_dir()] if own.is_dir() else [default_templates_dir()]


def find_template_file(search_path: list[Path], name: str) -> Path:
    for folder in search_path:
        if (folder / name).is_file():
            return folder / name
    raise FileNotFoundError(name)


def make_environment(search_path: list[Path], compiled: Path | None = None) -> jinja2.Environment:
    """The one Jinja environment of a search path, made once per process. `compiled` is a
    folder where compiled templates are kept between builds (by their source's checksum).
    Templates it has compiled are reused only while their files are unchanged."""
    return _environment(tuple(search_path), compiled)


class ContentLoader(jinja2.FileSystemLoader):
    """A template stays compiled while its name still resolves to the same file with the
    same bytes. (Jinja's own check compares modification times, which miss an edit within
    the clock's resolution, a copy that keeps its time, and a new override of a default.)"""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
        source, filename, _ = super().get_source(environment, template)

        def uptodate() -> bool:
            try:
                return super(ContentLoader, self).get_source(environment, template)[:2] == (source, filename)
            except jinja2.TemplateNotFound:
                return False

        return source, filename, uptodate


@lru_cache(maxsize=8)
def _environment(search_path: tuple[Path, ...], compiled: Path | None) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=ContentLoader([str(p) for p in search_path]),
        autoescape=jinja2.select_autoescape(["html", "xml"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(t=_t, md=_md, inline=_inline, url=_url, asset=_asset, date=_date, daterange=_daterange, cite=_cite,
                       clock=_clock, hhmm=clock_time, tint=_tint, filesize=_filesize,
                       by_term=by_term)
    if compiled:
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(compiled), f"__jinja2_%s_{_filters_tag(env)}.cache")
    return env


def _filters_tag(env: jinja2.Environment) -> str:
    """Compiled templates call each filter with or without the context as it was when
    they were compiled: templates compiled for another set of filters must not be reused."""
    signature = ",".join(f"{name}:{getattr(f, 'jinja_pass_arg', '')}" for name, f in sorted(env.filters.items()))
    return hashlib.sha256(signature.encode()).hexdigest()[:12]


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
                 compiled: Path | None = None):
        self.course = course
        self.documents = documents or {}
        """Size and page count of each PDF made, by site path (for the downloads page)."""
        self.search_path = search_path
        self.env = make_environment(search_path, compiled)
        self.labels = {lang: load_labels(search_path, lang) for lang in course.course.languages}
        self.edition = edition_date(course.course.edition)

    def render(self, page: Page) -> str:
        html = self.env.get_template(page.template).render(self.context(page))
        # A printed document knows only now which course links lead inside it.
        return links.settle_print_links(html) if page.target == "print" else html

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
            "counters": {},  # per page: numbering of scrollable tables
            "base_url": self.course.course.base_url,
            "paper_size": PAPER_SIZES[self.course.course.paper],
            **dict(page.values),
        }


def edition_date(declared: dt.date | None) -> dt.date | None:
    """The date printed as the edition: the course's own, else SOURCE_DATE_EPOCH's, never the clock."""
    if declared:
        return declared
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date() if epoch.isdigit() else None


def load_labels(search_path: list[Path], lang: str) -> dict[str, Any]:
    path = find_template_file(search_path, f"labels/{lang}.yaml")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ten times faster
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)


def missing_labels(search_path: list[Path], languages: list[str], course_file: Location,
                   problems: Problems) -> None:
    for lang in languages:
        try:
            find_template_file(search_path, f"labels/{lang}.yaml")
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
    return text.get(context["lang"], context["languages"])


@jinja2.pass_context
def _md(context: jinja2.runtime.Context, text: Markdown | None, heading: int = 3) -> Markup:
    """A Markdown text for this page; its top heading at level `heading`."""
    if text is None:
        return Markup("")
    source = text.get(context["lang"], context["languages"])
    html = to_html(source, _rewriter(context, text.origin), context["lang"], heading, _block_labels(context))
    if context["target"] == "site" and "<table>" in html:
        wrapped = re.sub("<table>", lambda _: _scroll_region(context), str(html))
        html = Markup(wrapped.replace("</table>", "</table></div>"))
    return html


@jinja2.pass_context
def _inline(context: jinja2.runtime.Context, text: LocalText | None) -> Markup:
    """A short text: its inline Markdown rendered when it takes some, else escaped as it is."""
    if text is None:
        return Markup("")
    source = text.get(context["lang"], context["languages"])
    if not isinstance(text, InlineMarkdown):
        return escape(source)
    return to_html(source, _rewriter(context, text.origin), context["lang"], inline=True)


def _block_labels(context: jinja2.runtime.Context) -> dict[str, str]:
    return context["labels"].get("blocks", {})


def _scroll_region(context: jinja2.runtime.Context) -> str:
    """A wide table scrolls on a phone: its region must be reachable by keyboard and
    named uniquely on the page (tables are numbered per page)."""
    counter = context["counters"]
    counter["table"] = counter.get("table", 0) + 1
    label = escape(f"{context['labels']['table_region']} ({counter['table']})")
    return f'<div class="table-scroll" role="region" tabindex="0" aria-label="{label}"><table>'


def _rewriter(context: jinja2.runtime.Context, origin: Path | None):
    """Where each link and image of a text on this page points."""
    root, target, page, lang = context["root"], context["target"], context["page_path"], context["lang"]

    def rewrite(link: Link) -> str | dict[str, str]:
        if link.is_course:
            return _course_link(context, link)
        if not link.is_local or origin is None:
            return link.target
        relative = (origin / unquote(urlsplit(link.target).path)).resolve().relative_to(root.resolve()).as_posix()
        if target == "site":
            return layout.relative_url(layout.asset(relative), page)
        # In print, images load from the project; a link to a project file has nowhere to go.
        return relative if link.kind == "image" else ""

    return rewrite


def _course_link(context: jinja2.runtime.Context, link: Link) -> str | dict[str, str]:
    destination = links.find(context["course"], link.target)
    if destination is None:  # checked before any build; a stale override may still ask
        return ""
    lang, languages = context["lang"], context["languages"]
    title = destination.title.get(lang, languages)
    if context["target"] == "site":
        return {"href": links.site_href(destination, lang, context["page_path"]), "text": title}
    label = context["labels"].get("page_short", "")
    return {**links.print_attributes(destination, lang, languages, context["base_url"], label), "text": title}


@jinja2.pass_context
def _url(context: jinja2.runtime.Context, target: str) -> str:
    return layout.relative_url(target, context["page_path"])


@jinja2.pass_context
def _asset(context: jinja2.runtime.Context, relative: str) -> str:
    """The URL of a project file (image, logo) from the current page."""
    if context["target"] == "print":
        return relative
    return layout.relative_url(layout.asset(relative), context["page_path"])


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


@jinja2.pass_context
def _cite(context: jinja2.runtime.Context, ref: Reference) -> Markup:
    """A bibliography entry in an APA-like style; the title in italics for whole works."""
    labels = context["labels"]
    authors = _authors(ref.authors)
    year = str(ref.year) if ref.year else labels["no_date"]
    parts = [f"{escape(authors)} ({year}). " if authors else f"{escape(ref.title)} ({year}). "]
    whole_work = ref.type in ("book", "report", "regulation")
    if authors:
        title = escape(ref.title)
        parts.append(f"<i>{title}</i>. " if whole_work else f"{title}. ")
    if ref.container:
        container = f"<i>{escape(ref.container)}</i>"
        if ref.volume:
            container += f", <i>{escape(ref.volume)}</i>"
        if ref.issue:
            container += f"({escape(ref.issue)})"
        if ref.pages:
            container += f", {escape(ref.pages)}"
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
        parts.append(f" {_inline(context, ref.note)}")
    return Markup("".join(parts).strip())


def _authors(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + ", & " + names[-1]
