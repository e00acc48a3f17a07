"""The build, top to bottom: load → validate → resolve → model → render HTML → render PDF → write.

Nothing is written until every check has passed, and the output folder is
replaced only when the whole build has succeeded.
"""
from __future__ import annotations

import time
from pathlib import Path

from coursesmith.check.assets import check_markdown
from coursesmith.check.catalog import build_catalog, check_references, check_unused
from coursesmith.check.checked import Checked
from coursesmith.check.languages import check_languages
from coursesmith.check.lessons import check_pedagogy
from coursesmith.check.schedule import check_schedule
from coursesmith.diagnostics import BuildFailed, Location, Problems, display_path
from coursesmith.fingerprint import inputs_digest, remember
from coursesmith.load.project import load_project
from coursesmith.model import layout
from coursesmith.model.course import CourseView, build_course
from coursesmith.outputs.print.batch import PdfBatch
from coursesmith.outputs.print.pool import Printer
from coursesmith.outputs.search import SearchIndex
from coursesmith.outputs.site.pages import pages_in_order
from coursesmith.outputs.site.writer import copy_static, write_pages
from coursesmith.render.environment import (
    find_template_file,
    missing_labels,
    template_search_path,
)
from coursesmith.stages import BuildOptions, BuildReport, Progress
from coursesmith.staging import staged_output


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


def build(options: BuildOptions, progress: Progress | None = None, digest: str | None = None) -> BuildReport:
    """Build the course. `digest` is the inputs' digest when the caller has it already."""
    started = time.perf_counter()
    report = BuildReport(options.output)
    if digest is None:
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
            try:
                write_everything(options, report, checked, participant, facilitator, printer, stage, progress)
            except BaseException:
                if printer is not None:
                    printer.close()  # no worker may write into the staging folder being removed
                raise
    except OSError as error:
        problems.add("output-error", Location(options.output), path=display_path(options.output),
                     reason=_os_reason(error))
        raise BuildFailed(problems) from None


def write_everything(options: BuildOptions, report: BuildReport, checked: Checked, participant: CourseView,
                     facilitator: CourseView, printer: Printer | None, stage: Path, progress: Progress) -> None:
    """PDFs start rendering first; the site is written meanwhile; the pages that show the
    PDFs' sizes come last."""
    problems, site = report.problems, stage / layout.SITE
    batch = PdfBatch(checked, printer, stage, options, report, progress) if printer else None
    if batch:
        batch.start(participant, facilitator)
        stop_on(problems, options.strict)
    searchable, others, later = pages_in_order(participant)
    if options.shard is None:
        report.pages = write_pages(searchable, participant, checked, site, {}, problems)
        stop_on(problems, options.strict)
        search = None
        try:
            search = SearchIndex(site, [page.path for page in searchable], Location(options.output / layout.SITE))
            report.pages += write_pages(others, participant, checked, site, {}, problems)
            copy_static(checked, site)
            stop_on(problems, options.strict)
            search.finish(problems)
        finally:
            if search is not None:
                search.stop()  # on an error or Ctrl-C: nothing may write into the staging folder any more
    made = batch.finish() if batch else {}
    stop_on(problems, options.strict)
    if options.shard is None:
        shown = {path.removeprefix(layout.SITE + "/"): info for path, info in made.items()}
        report.pages += write_pages(later, participant, checked, site, shown, problems)
        stop_on(problems, options.strict)


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

