"""The build, top to bottom: load → validate → resolve → model → outputs → write.

The outputs are plug-ins (outputs/base.py); this module knows none of them by name.
Nothing is written until every check has passed, and the output folder is replaced
only when the whole build has succeeded.
"""
from __future__ import annotations

import inspect
import time
import traceback
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import TypeVar

from coursesmith.check.assets import check_markdown
from coursesmith.check.catalog import build_catalog, check_references, check_unused
from coursesmith.check.checked import Checked
from coursesmith.check.crossrefs import check_crossrefs
from coursesmith.check.findings import TextRecords
from coursesmith.check.languages import check_languages
from coursesmith.check.lessons import check_pedagogy, check_rubrics
from coursesmith.check.office import check_office
from coursesmith.check.resources import check_stylesheets
from coursesmith.check.schedule import check_overlapping_days, check_schedule
from coursesmith.check.teaching import check_teaching
from coursesmith.check.timing import check_timing
from coursesmith.diagnostics import BuildFailed, Location, Problems, display_path
from coursesmith.fingerprint import inputs_digest, remember
from coursesmith.load.loaded import LoadRecords
from coursesmith.load.project import FileMemo, load_project
from coursesmith.model.course import CourseView, build_course
from coursesmith.outputs import registry
from coursesmith.outputs.base import BuildContext, Output
from coursesmith.pruning import folder_size, prune_whole
from coursesmith.render.environment import missing_labels, template_search_path
from coursesmith.stages import BuildOptions, BuildReport, Made, Progress
from coursesmith.staging import staged_output

T = TypeVar("T")


def check(root: Path, problems: Problems, memo: FileMemo | None = None,
          records: TextRecords | None = None, loaded: LoadRecords | None = None, office: bool = True) -> Checked:
    """Load and check the whole project; every problem goes into `problems`. A memo (kept
    by a long-running process) skips loading the files that have not changed; records
    (kept in memory or in the cache) skip examining the Markdown texts that have not,
    and `loaded` (in the cache) parsing the files that have not. The course office's
    files (roster, people, certificate list) are checked unless `office` is false: a
    build that makes nothing for the office (`--skip office`) neither reads nor needs them."""
    project = load_project(root, problems, memo, loaded)
    catalog = build_catalog(project, problems)
    check_references(catalog, problems)
    check_unused(catalog, problems)
    check_pedagogy(catalog, problems)
    check_schedule(catalog, problems)
    check_overlapping_days(catalog, problems)
    check_rubrics(catalog, problems)
    check_teaching(catalog, problems)
    check_timing(catalog, problems)
    check_crossrefs(catalog, problems)
    check_languages(project, catalog, problems)
    if office:
        check_office(root, catalog, problems)
    assets = check_markdown(project, catalog, problems, records)
    search_path = template_search_path(root)
    check_stylesheets(project.paths.templates_dir, search_path, root, problems)
    if catalog.course:
        missing_labels(search_path, catalog.course.item.languages,
                       catalog.course.source.location(("languages",)), problems)
    return Checked(project, catalog, assets, search_path)


def check_with_outputs(root: Path, problems: Problems) -> Checked:
    """What `coursesmith check` reports: every check of the project, then, when they
    passed, what each output of a plain build would report about the course."""
    checked = check(root, problems)
    if problems.errors:
        return checked
    outputs = load_outputs(BuildOptions(project=root, output=root / "output"), problems)
    try:
        check_outputs(outputs, course_models(checked, {a for o in outputs for a in o.audiences}, root), problems)
    finally:
        close(outputs)
    return checked


def check_outputs(outputs: list[Output], models: dict[str, CourseView], problems: Problems) -> None:
    for output in outputs:
        running(output, output.check, problems, {a: models[a] for a in output.audiences}, problems)


def build(options: BuildOptions, progress: Progress | None = None, digest: str | None = None,
          memo: FileMemo | None = None) -> BuildReport:
    """Build the course. `digest` is the inputs' digest when the caller has it already; a
    process that builds again keeps a `memo` of the files it loaded (see `check`)."""
    started, began = time.perf_counter(), time.time()
    report = BuildReport(options.output)
    if digest is None:
        digest = timed(report, "inputs digest", inputs_digest, options.project, options.fingerprint) \
            if options.cache else ""
    outputs = timed(report, "load outputs", load_outputs, options, report.problems)  # imports their code
    try:
        for output in outputs:  # e.g. PDF workers start while the course is checked
            timed(report, f"{output.name} warm-up", running, output, output.warm_up, report.problems, options)
        run_build(options, report, outputs, progress or Progress(), memo)
    finally:
        close(outputs)
    timed(report, "record", record, options, digest, report, began)
    report.seconds = time.perf_counter() - started
    return report


def record(options: BuildOptions, digest: str, report: BuildReport, began: float) -> None:
    """Hold the cache to the user's limits (each output pruned its own part), note the
    build for the next one to skip, and measure the cache."""
    if options.cache is not None and options.cache_limits:
        prune_whole(options.cache, began, options.cache_limits)
    remember(options.cache, options.output, digest, report.summary())
    if options.cache is not None:
        report.cache_bytes = folder_size(options.cache)


def run_build(options: BuildOptions, report: BuildReport, outputs: list[Output], progress: Progress,
              memo: FileMemo | None = None) -> None:
    problems = report.problems
    records = TextRecords(options.cache / "check", options.cache_limits) if options.cache else None
    loaded = LoadRecords(options.cache / "loaded", options.cache_limits) if options.cache else None
    audiences = {audience for output in outputs for audience in output.audiences}
    checked = timed(report, "check", check, options.project, problems, memo, records, loaded, "office" in audiences)
    stop_on(problems, options.strict)
    models = timed(report, "models", course_models, checked, audiences, options.project)
    timed(report, "outputs check", check_outputs, outputs, models, problems)
    stop_on(problems, options.strict)
    try:
        with staged_output(options.output) as stage:
            try:
                environment: dict[tuple, str] = {}  # the memos' environment, worked out once
                contexts = [BuildContext({a: models[a] for a in output.audiences}, stage, options.output,
                                         checked.search_path, checked.assets, problems, progress, options,
                                         options.cache / "outputs" / output.name if options.cache else None,
                                         memo_environment=environment)
                            for output in outputs]
                write_outputs(outputs, contexts, report, options.strict)
            except BaseException:
                close(outputs)  # nothing may write into the staging folder being removed
                raise
            swapped = time.perf_counter()
        report.timings["swap"] = time.perf_counter() - swapped  # the old output removed
    except OSError as error:
        problems.add("output-error", Location(options.output), path=display_path(options.output),
                     reason=_os_reason(error))
        raise BuildFailed(problems) from None


def write_outputs(outputs: list[Output], contexts: list[BuildContext], report: BuildReport, strict: bool) -> None:
    """Every output starts, in their order; then each finishes in the same order and
    the outputs after it see what it made."""
    made: dict[str, Made] = {}
    for output, context in zip(outputs, contexts):
        context.made = made
        timed(report, f"{output.name} start", running, output, output.start, report.problems, context)
        stop_on(report.problems, strict)
    for output in outputs:
        files = timed(report, f"{output.name} finish", running, output, output.finish, report.problems)
        made.update({item.path: item for item in files})
        report.add(files)
        stop_on(report.problems, strict)


def timed(report: BuildReport, step: str, call: Callable[..., T], *arguments: object) -> T:
    """Call `call(*arguments)` and keep its wall seconds in the report, under `step`."""
    started = time.perf_counter()
    try:
        return call(*arguments)
    finally:
        report.timings[step] = time.perf_counter() - started


def running(output: Output, step: Callable[..., T], problems: Problems, *arguments: object) -> T:
    """Run one step of an output; its own failure is reported, not raised as a traceback."""
    try:
        return step(*arguments)
    except (BuildFailed, OSError):
        raise
    except Exception as error:
        problems.add("output-failed", fault_location(output, error), output=output.name,
                     reason=f"{type(error).__name__}: {error}")
        raise BuildFailed(problems) from None


def fault_location(output: Output, error: Exception) -> Location:
    """The line of the output's own module where the error came from."""
    source = Path(inspect.getfile(type(output)))
    where = Location(source)
    for frame, line in traceback.walk_tb(error.__traceback__):
        if Path(frame.f_code.co_filename) == source:
            where = Location(source, line)
    return where


def load_outputs(options: BuildOptions, problems: Problems) -> list[Output]:
    try:
        return registry.load(options)
    except registry.OutputsBroken as error:
        problems.add("output-failed", Location(error.where or options.output), output=error.name, reason=error.reason)
        raise BuildFailed(problems) from None


def course_models(checked: Checked, audiences: set[str], root: Path) -> dict[str, CourseView]:
    """The course for each audience some output is for; the office sees the whole course."""
    models = {audience: build_course(checked.catalog, audience, root)
              for audience in ("participant", "facilitator") if audience in audiences}
    if "office" in audiences:
        models["office"] = models.get("facilitator") or build_course(checked.catalog, "facilitator", root)
    return models


def close(outputs: list[Output]) -> None:
    """Close every output once, the last started first, even when one fails to close."""
    with ExitStack() as stack:
        while outputs:
            stack.callback(outputs.pop(0).close)


def _os_reason(error: OSError) -> str:
    where = display_path(Path(error.filename)) if error.filename else ""
    if isinstance(error, (FileExistsError, NotADirectoryError)) and where:
        return f"{where} is a file where a folder is needed"
    return f"{error.strerror or error} ({where})" if where else str(error)


def stop_on(problems: Problems, strict: bool) -> None:
    if problems.errors or (strict and problems.warnings):
        raise BuildFailed(problems)

