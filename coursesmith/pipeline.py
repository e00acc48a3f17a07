"""The build, top to bottom: load → validate → resolve → model → render HTML → render PDF → write.

Nothing is written until every check has passed, and the output folder is
replaced only when the whole build has succeeded.
"""

from __future__ import annotations

import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import outputs
from .checks import check_languages, check_markdown, check_pedagogy, check_schedule
from .diagnostics import BuildFailed, Location, Problems, display_path
from .documents import print_pages, site_pages, static_files
from .model import CourseView, build_course
from .project import LoadedProject, load_project
from .a11y import audit
from .render import Page, Renderer, find_template_file, missing_labels, template_problem, template_search_path
from .resolve import Catalog, build_catalog, check_references, check_unused
from .search import index_search
from .staging import staged_output

if TYPE_CHECKING:
    from .pdf import Rendered


@dataclass
class BuildOptions:
    project: Path
    output: Path
    pdf: bool = True
    strict: bool = False


@dataclass
class Checked:
    """A project that passed every check, ready to render."""

    project: LoadedProject
    catalog: Catalog
    assets: list[Path]
    search_path: list[Path]


@dataclass
class BuildReport:
    output: Path
    pages: int = 0
    pdfs: int = 0
    seconds: float = 0.0
    problems: Problems = field(default_factory=Problems)


def check(root: Path, problems: Problems) -> Checked:
    """Load and check the whole project; every problem goes into `problems`."""
    project = load_project(root, problems)
    catalog = build_catalog(project, problems)
    check_references(catalog, problems)
    check_unused(catalog, problems)
    check_pedagogy(catalog, problems)
    check_schedule(catalog, problems)
    check_languages(project, catalog, problems)
    assets = check_markdown(project, catalog, problems)
    search_path = template_search_path(root)
    if catalog.course:
        missing_labels(search_path, catalog.course.item.languages,
                       catalog.course.source.location(("languages",)), problems)
    return Checked(project, catalog, assets, search_path)


def build(options: BuildOptions) -> BuildReport:
    started = time.perf_counter()
    report = BuildReport(options.output)
    problems = report.problems
    checked = check(options.project, problems)
    stop_on(problems, options.strict)
    participant = build_course(checked.catalog, "participant", options.project)
    facilitator = build_course(checked.catalog, "facilitator", options.project)
    try:
        with staged_output(options.output) as stage:
            made = write_pdfs(participant, facilitator, checked, stage, options.output, problems) if options.pdf else {}
            stop_on(problems, options.strict)
            report.pdfs = len(made)
            site = stage / outputs.SITE
            report.pages = write_site(participant, checked, site, made, problems)
            stop_on(problems, options.strict)
            index_search(site, problems, Location(options.output / outputs.SITE))
            stop_on(problems, options.strict)
    except OSError as error:
        problems.add("output-error", Location(options.output), path=display_path(options.output),
                     reason=_os_reason(error))
        raise BuildFailed(problems) from None
    report.seconds = time.perf_counter() - started
    return report


def _os_reason(error: OSError) -> str:
    where = display_path(Path(error.filename)) if error.filename else ""
    if isinstance(error, (FileExistsError, NotADirectoryError)) and where:
        return f"{where} is a file where a folder is needed"
    return f"{error.strerror or error} ({where})" if where else str(error)


def stop_on(problems: Problems, strict: bool) -> None:
    if problems.errors or (strict and problems.warnings):
        raise BuildFailed(problems)


def write_site(course: CourseView, checked: Checked, site: Path, made: dict[str, Rendered],
               problems: Problems) -> int:
    """The site's pages; `made` tells the downloads page the size and length of each PDF."""
    documents = {path.removeprefix(outputs.SITE + "/"): info for path, info in made.items()
                 if path.startswith(outputs.SITE + "/")}
    renderer = Renderer(course, checked.search_path, documents)
    pages = site_pages(course)
    for page in pages:
        try:
            html = renderer.render(page)
        except Exception as error:  # a template bug: report at the template line
            template_problem(error, problems)
            return 0
        if page.path.endswith(".html"):
            audit_page(page, html, checked.search_path, problems, decorative_images=True)
        write_text(site / page.path, html)
    for source, target in static_files(checked.search_path, checked.assets, checked.project.paths.root):
        (site / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, site / target)
    return len(pages)


def write_pdfs(participant: CourseView, facilitator: CourseView, checked: Checked, stage: Path,
               final: Path, problems: Problems) -> dict[str, Rendered]:
    """Every PDF of both audiences; returns what was made, by path below the output folder."""
    from .pdf import PdfMaker, RefusedResource  # WeasyPrint loads only when PDFs are made
    root = checked.project.paths.root
    stylesheet = find_template_file(checked.search_path, "css/print.css")
    maker = PdfMaker(stylesheet, base_url=root, roots=[root, *checked.search_path])
    for message in maker.stylesheet_warnings:
        problems.add("pdf-warning", css_location(stylesheet, message), document=stylesheet.name, problem=message)
    made: dict[str, Rendered] = {}
    for course, folder in ((participant, outputs.SITE), (facilitator, outputs.FACILITATOR)):
        renderer = Renderer(course, checked.search_path)
        for page in print_pages(course):
            try:
                html = renderer.render(page)
            except Exception as error:
                template_problem(error, problems)
                return made
            document = f"{folder}/{page.path}"
            if audit_page(page, html, checked.search_path, problems, decorative_images=False):
                continue
            where = Location(final / document)  # where the document will be, not the staging copy
            try:
                rendered = maker.write(html, stage / document)
            except RefusedResource as error:
                problems.add("pdf-error", where, document=document, problem=str(error))
                continue
            except (RecursionError, MemoryError, ValueError) as error:
                problems.add("pdf-error", where, document=document, problem=f"{type(error).__name__}: {error}")
                continue
            for message in dict.fromkeys(rendered.warnings):
                problems.add("pdf-warning", where, document=document, problem=message)
            made[document] = rendered
    return made


def audit_page(page: Page, html: str, search_path: list[Path], problems: Problems, *,
               decorative_images: bool) -> bool:
    """Report what makes a generated document inaccessible; True when something does."""
    found = audit(html, decorative_images)
    for problem in found:
        problems.add("inaccessible-document", Location(find_template_file(search_path, page.template)),
                     document=page.path, problem=problem)
    return bool(found)


def css_location(stylesheet: Path, message: str) -> Location:
    """WeasyPrint names the line and column of a stylesheet problem ("… at 12:5 …")."""
    found = re.search(r" at (\d+):(\d+)", message)
    return Location(stylesheet, int(found[1]), int(found[2])) if found else Location(stylesheet)


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
