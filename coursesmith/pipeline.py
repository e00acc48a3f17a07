"""The build, top to bottom: load → validate → resolve → model → render HTML → render PDF → write.

Nothing is written until every check has passed, and the output folder is
replaced only when the whole build has succeeded.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import outputs
from .checks import check_languages, check_markdown, check_pedagogy, check_schedule
from .diagnostics import BuildFailed, Location, Problems, display_path
from .documents import print_pages, site_pages, static_files
from .model import CourseView, build_course
from .project import LoadedProject, load_project
from .a11y import audit
from .render import Page, Renderer, find_template_file, missing_labels, template_problem, template_search_path
from .resolve import Catalog, build_catalog, check_references, check_unused
from .fingerprint import build_options, inputs_digest, remember
from .printing import Outcome, PdfCache, PdfJob, Printer, Rendered, environment_key, job_key
from .search import index_search
from .staging import staged_output


@dataclass
class BuildOptions:
    project: Path
    output: Path
    pdf: bool = True
    strict: bool = False
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    """How many PDFs render at the same time (worker processes)."""
    cache: Path | None = None
    """Folder of the PDF cache; None renders every PDF afresh."""
    shard: tuple[int, int] | None = None
    """(I, N): make only the I-th of N shares of the PDFs, and no site."""

    @property
    def fingerprint(self) -> str:
        return build_options(self.pdf, self.strict, self.shard, self.output)


class Progress:
    """What a build tells while it works; the CLI shows it, tests ignore it."""

    def start(self, total: int) -> None: ...

    def done(self, document: str, cached: bool) -> None: ...

    def finish(self) -> None: ...


@dataclass
class Checked:
    """A project that passed every check, ready to render."""

    project: LoadedProject
    catalog: Catalog
    assets: list[Path]
    search_path: list[Path]
    compiled: Path | None = None
    """Where compiled templates are kept between builds (inside the cache)."""


@dataclass
class BuildReport:
    output: Path
    pages: int = 0
    pdfs: int = 0
    pdf_pages: int = 0
    reused: int = 0
    seconds: float = 0.0
    problems: Problems = field(default_factory=Problems)

    def summary(self) -> dict:
        """What an identical later build reports without doing anything."""
        return {"pages": self.pages, "pdfs": self.pdfs, "pdf_pages": self.pdf_pages,
                "warnings": [d.as_record() for d in self.problems.sorted()]}


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


def build(options: BuildOptions, progress: Progress | None = None) -> BuildReport:
    started = time.perf_counter()
    report = BuildReport(options.output)
    digest = inputs_digest(options.project, options.fingerprint) if options.cache else ""
    progress = progress or Progress()
    printer = start_printer(options) if options.pdf else None  # warms up while the course is checked
    try:
        run_build(options, report, printer, progress)
    finally:
        if printer is not None:
            printer.close()
    report.seconds = time.perf_counter() - started
    remember(options.cache, options.output, digest, report.summary())
    return report


def start_printer(options: BuildOptions) -> Printer:
    search_path = template_search_path(options.project)
    root = options.project.resolve()
    printer = Printer(find_template_file(search_path, "css/print.css"), root, [root, *search_path], options.jobs)
    printer.start()
    return printer


def run_build(options: BuildOptions, report: BuildReport, printer: Printer | None, progress: Progress) -> None:
    problems = report.problems
    checked = check(options.project, problems)
    stop_on(problems, options.strict)
    participant = build_course(checked.catalog, "participant", options.project)
    facilitator = build_course(checked.catalog, "facilitator", options.project)
    checked.compiled = compiled_templates(options.cache)
    try:
        with staged_output(options.output) as stage:
            made = {}
            if printer is not None:
                made = write_pdfs(participant, facilitator, checked, printer, stage, options, report, progress)
                stop_on(problems, options.strict)
            if options.shard is None:
                site = stage / outputs.SITE
                report.pages = write_site(participant, checked, site, made, problems)
                stop_on(problems, options.strict)
                index_search(site, problems, Location(options.output / outputs.SITE))
                stop_on(problems, options.strict)
    except OSError as error:
        problems.add("output-error", Location(options.output), path=display_path(options.output),
                     reason=_os_reason(error))
        raise BuildFailed(problems) from None


def _os_reason(error: OSError) -> str:
    where = display_path(Path(error.filename)) if error.filename else ""
    if isinstance(error, (FileExistsError, NotADirectoryError)) and where:
        return f"{where} is a file where a folder is needed"
    return f"{error.strerror or error} ({where})" if where else str(error)


def compiled_templates(cache: Path | None) -> Path | None:
    if cache is None:
        return None
    folder = cache / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # an unwritable cache only makes the build slower
    return folder


def stop_on(problems: Problems, strict: bool) -> None:
    if problems.errors or (strict and problems.warnings):
        raise BuildFailed(problems)


def write_site(course: CourseView, checked: Checked, site: Path, made: dict[str, Rendered],
               problems: Problems) -> int:
    """The site's pages; `made` tells the downloads page the size and length of each PDF."""
    documents = {path.removeprefix(outputs.SITE + "/"): info for path, info in made.items()
                 if path.startswith(outputs.SITE + "/")}
    renderer = Renderer(course, checked.search_path, documents, checked.compiled)
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


def write_pdfs(participant: CourseView, facilitator: CourseView, checked: Checked, printer: Printer,
               stage: Path, options: BuildOptions, report: BuildReport, progress: Progress) -> dict[str, Rendered]:
    """Every PDF of both audiences (or of one shard): copied from the cache when its key
    is there, rendered otherwise. Returns what was made, by path below the output folder."""
    problems = report.problems
    stylesheet = Path(printer.setup[0])
    environment = environment_key(stylesheet, checked.search_path)
    cache = PdfCache(options.cache)
    warnings = cache.stylesheet_warnings(environment)
    if warnings is None:  # parsing the stylesheet needs WeasyPrint: only when not known yet
        warnings = printer.stylesheet_warnings()
        cache.keep_stylesheet_warnings(environment, warnings)
    for message in warnings:
        problems.add("pdf-warning", css_location(stylesheet, message), document=stylesheet.name, problem=message)
    jobs = pdf_jobs(participant, facilitator, checked, environment, problems)
    if options.shard is not None:
        jobs = shard_of(jobs, *options.shard)
    progress.start(len(jobs))
    made: dict[str, Rendered] = {}
    to_render = []
    for job in jobs:
        cached = cache.get(job.key)
        if cached is None:
            to_render.append(job)
            continue
        cache.copy_to(job.key, stage / job.document)
        made[job.document] = cached
        progress.done(job.document, cached=True)
    keys = {job.document: job.key for job in to_render}

    def finished(outcome: Outcome) -> None:
        if outcome.rendered is not None:
            cache.put(keys[outcome.document], stage / outcome.document, outcome.rendered)
        progress.done(outcome.document, cached=False)

    for outcome in printer.render(to_render, stage, finished):
        where = Location(options.output / outcome.document)  # where it will be, not the staging copy
        if outcome.error:
            problems.add("pdf-error", where, document=outcome.document, problem=outcome.error)
        else:
            made[outcome.document] = outcome.rendered
    progress.finish()
    for document in sorted(made):
        for message in dict.fromkeys(made[document].warnings):
            problems.add("pdf-warning", Location(options.output / document), document=document, problem=message)
    report.pdfs, report.reused = len(made), len(made) - len(to_render)
    report.pdf_pages = sum(r.pages for r in made.values())
    return made


def pdf_jobs(participant: CourseView, facilitator: CourseView, checked: Checked, environment: str,
             problems: Problems) -> list[PdfJob]:
    """The HTML of every PDF, with its cache key, in document order."""
    jobs = []
    root = checked.project.paths.root.resolve()
    for course, folder in ((participant, outputs.SITE), (facilitator, outputs.FACILITATOR)):
        renderer = Renderer(course, checked.search_path, compiled=checked.compiled)
        for page in print_pages(course):
            try:
                html = renderer.render(page)
            except Exception as error:
                template_problem(error, problems)
                return jobs
            if not audit_page(page, html, checked.search_path, problems, decorative_images=False):
                jobs.append(PdfJob(f"{folder}/{page.path}", html, job_key(environment, html, root)))
    return jobs


def shard_of(jobs: list[PdfJob], index: int, count: int) -> list[PdfJob]:
    """The index-th (from 1) of `count` shares: every count-th document in name order."""
    ordered = sorted(jobs, key=lambda job: job.document)
    return [job for i, job in enumerate(ordered) if i % count == index - 1]


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
