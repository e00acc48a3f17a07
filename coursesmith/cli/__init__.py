"""The `coursesmith` command. User mistakes end with a located message and exit 1, never a traceback."""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from coursesmith import __version__
from coursesmith.cli.cache_options import add_cache_limits, cache_limits
from coursesmith.staging import Terminated, stopped_by_sigterm
from coursesmith.diagnostics import (
    BuildFailed,
    Diagnostic,
    Problems,
    display_path,
    format_text,
)

if TYPE_CHECKING:
    from coursesmith.load.project import FileMemo
    from coursesmith.locations import ProjectPaths

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return EXIT_USAGE
    try:
        with stopped_by_sigterm():
            return args.run(args)
    except Terminated:
        print("stopped (SIGTERM); the previous output was left as it was", file=sys.stderr)
        return 143
    except KeyboardInterrupt:
        print("interrupted; the previous output was left as it was", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `coursesmith check | head`
        sys.stderr.close()
        return EXIT_OK


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="coursesmith",
        description="Build a leadership course's website and PDF handouts from YAML sources.",
    )
    parser.add_argument("--version", action="version", version=f"coursesmith {__version__}")
    commands = parser.add_subparsers(metavar="command")

    build = commands.add_parser("build", help="check the course, then write the site and PDFs")
    add_common(build)
    build.add_argument("-o", "--output", type=Path, help="output folder (default: <project>/output)")
    build.add_argument("--only", type=output_names, action="extend", default=[], metavar="NAME[,NAME]",
                       help="make only these outputs (repeatable)")
    build.add_argument("--skip", type=output_names, action="extend", default=[], metavar="NAME[,NAME]",
                       help="leave these outputs out (repeatable)")
    build.add_argument("--no-pdf", dest="pdf", action="store_false", help="no PDFs: the same as --skip print")
    build.add_argument("-q", "--quiet", action="store_true", help="print only problems and the summary")
    build.add_argument("-j", "--jobs", type=positive, default=os.cpu_count() or 1,
                       help="PDFs rendered at the same time (default: the number of cores)")
    build.add_argument("--cache-dir", type=Path,
                       help="where rendered PDFs are kept for reuse (default: <project>/.coursesmith/cache); "
                            "pruned after each build to what recent builds used (see --cache-max, --cache-days)")
    build.add_argument("--no-cache", action="store_true", help="render every PDF afresh")
    add_cache_limits(build)
    build.add_argument("--timings", action="store_true",
                       help="after the summary, print the seconds spent checking and in each output's "
                            "warm-up, start and finish")
    build.add_argument("--shard", type=shard, metavar="I/N",
                       help="make only the I-th of N shares of the PDFs (no site: --only print), e.g. for a CI "
                            "matrix; a later full build with the same cache reuses them")
    build.add_argument("--builds-on-stdin", action="store_true", help=argparse.SUPPRESS)  # serve's background builder
    build.set_defaults(run=run_build)

    check = commands.add_parser("check", help="check the course and write nothing")
    add_common(check)
    check.set_defaults(run=run_check)

    new = commands.add_parser("new", help="create a new course project to start from")
    new.add_argument("folder", type=Path, help="the folder to create (must not exist or be empty)")
    new.add_argument("--language", default="id,en", type=_languages,
                     help="the course's languages: id, en or id,en (the first is the main edition)")
    new.set_defaults(run=run_new)

    schema = commands.add_parser("schema", help="write JSON Schema files for editor completion")
    schema.add_argument("-o", "--output", type=Path, default=Path("schema"),
                        help="folder to write into (default: ./schema)")
    schema.set_defaults(run=run_schema)

    from coursesmith.cli.serve import add_clean, add_serve

    add_serve(commands, positive)
    add_clean(commands)
    return parser


def add_common(command: argparse.ArgumentParser) -> None:
    command.add_argument("-p", "--project", type=Path, default=Path("."),
                         help="the course project folder (default: the current folder)")
    command.add_argument("--format", choices=["text", "github", "json"],
                         default="github" if os.environ.get("CI") else "text",
                         help="how problems are printed (default: text; github when CI is set)")
    command.add_argument("--strict", action="store_true", help="treat warnings as errors")


def run_check(args: argparse.Namespace) -> int:
    from coursesmith.pipeline import check_with_outputs

    problems = Problems()
    try:
        checked = check_with_outputs(args.project, problems)
    except BuildFailed:  # an output's own check failed: reported in problems
        checked = None
    if problems.items or checked is None or args.format == "json":  # JSON readers always get JSON, `[]` when clean
        report(problems, args.format)
    else:
        print(f"no problems in {len(checked.project.paths.source_files())} files")
    return exit_status(problems, args.strict)


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def output_names(text: str) -> list[str]:
    """A comma list of registered outputs' names."""
    from coursesmith.outputs.registry import OutputsBroken, names

    try:
        known = names()
    except OutputsBroken as broken:
        raise argparse.ArgumentTypeError(broken.reason) from None
    given = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in given if name not in known]
    if unknown or not given:
        raise argparse.ArgumentTypeError(f"no output named {', '.join(unknown) or repr(text)}; "
                                         f"the outputs are {', '.join(known)}")
    return given


def shard(text: str) -> tuple[int, int]:
    try:
        index, count = (int(part) for part in text.split("/"))
    except ValueError:
        raise argparse.ArgumentTypeError("write the shard as I/N, e.g. 2/4") from None
    if not 1 <= index <= count:
        raise argparse.ArgumentTypeError("I must be between 1 and N")
    return index, count


def run_build(args: argparse.Namespace) -> int:
    if args.builds_on_stdin:
        return run_builds_on_stdin(args)
    return build_once(args)


def run_builds_on_stdin(args: argparse.Namespace) -> int:
    """`serve`'s background builder: one build for each line read on standard input, each
    followed by the line `END_OF_BUILD <that line> <exit status>`. Between builds the process keeps
    what a build warms: the PDF workers, the compiled templates, the Markdown already
    converted, the files loaded (each parsed again only when its bytes change). It ends
    when its input does."""
    from coursesmith.load.project import FileMemo
    from coursesmith.outputs.print.pool import workers_kept
    from coursesmith.serve.background import END_OF_BUILD

    memo = FileMemo()  # only the files changed since the last build are parsed again
    with workers_kept():
        for line in sys.stdin:
            status = build_once(args, memo)
            print(f"{END_OF_BUILD} {line.strip()} {status}", flush=True)
    return EXIT_OK


def build_once(args: argparse.Namespace, memo: FileMemo | None = None) -> int:
    from coursesmith.locations import ProjectPaths
    from coursesmith.stages import BuildOptions

    paths = ProjectPaths(args.project)
    output = args.output or paths.default_output
    vetted = Problems()  # what was wrong with the cache, reported with the build's problems
    cache = build_cache(args, paths, vetted)
    options = BuildOptions(project=args.project, output=output, pdf=args.pdf, strict=args.strict,
                           jobs=args.jobs, cache=cache, cache_limits=cache_limits(args), shard=args.shard,
                           only=tuple(args.only), skip=tuple(args.skip))
    digest = None
    if cache is not None:
        from coursesmith.fingerprint import inputs_digest

        digest = inputs_digest(args.project, options.fingerprint)
        if nothing_changed(args, output, cache, digest, vetted):
            return EXIT_OK
        from coursesmith.cache_trust import without_links

        cache = without_links(cache, vetted)
        options = replace(options, cache=cache)

    from coursesmith.cli.progress import make_progress
    from coursesmith.pipeline import build

    try:
        result = build(options, make_progress(quiet=args.quiet), digest, memo)
    except BuildFailed as failed:
        report(Problems(vetted.items + failed.problems.items), args.format)
        print(f"build stopped; {display_path(output)} was left as it was", file=sys.stderr)
        return EXIT_ERRORS
    if result.problems.items or vetted.items:
        report(Problems(vetted.items + result.problems.items), args.format)
    rendered = result.pdfs - result.reused
    print(f"built {result.pages} pages and {result.pdfs} PDFs ({rendered} rendered, {result.reused} reused "
          f"from the cache; {result.pdf_pages} PDF pages) in {result.seconds:.1f} s")
    if args.timings:
        print_timings(result.timings, result.seconds)
    if result.cache_bytes is not None:
        limit = f" to {args.cache_max / 1e6:g} MB" if args.cache_max else ""
        print(f"  cache: {result.cache_bytes / 1e6:.1f} MB in {display_path(cache)} (pruned after each build{limit})")
    if args.shard:
        print(f"  shard {args.shard[0]}/{args.shard[1]} PDFs: {display_path(output)}")
        return EXIT_OK
    print(f"  participant site and handouts: {display_path(output / 'site')}")
    print(f"  facilitator material:          {display_path(output / 'facilitator')}")
    for made in sorted((m for m in result.made.values() if m.kind == "package"), key=lambda m: m.path):
        print(f"  package ({made.size / 1e6:.1f} MB):             {display_path(output / made.path)}")
    return EXIT_OK


def build_cache(args: argparse.Namespace, paths: ProjectPaths, problems: Problems) -> Path | None:
    """The cache a build uses, looked at before anything in it is read: it may have come
    with the project (cache_trust.py)."""
    if args.no_cache:
        return None
    from coursesmith.cache_trust import trusted_cache

    return trusted_cache(args.cache_dir or paths.default_cache, paths.root, problems)


def print_timings(timings: dict[str, float], total: float) -> None:
    """The wall seconds of each step of the build, in the order they ran; what is left of
    the total is the pipeline's own work (loading outputs, building the models, writing)."""
    shown = {step: seconds for step, seconds in timings.items() if seconds >= 0.005}  # the rest is "other"
    print("  timings (wall seconds):")
    width = max(len(step) for step in [*shown, "other"])
    for step, seconds in shown.items():
        print(f"    {step:<{width}} {seconds:7.2f}")
    print(f"    {'other':<{width}} {total - sum(shown.values()):7.2f}")
    print(f"    {'total':<{width}} {total:7.2f}")


def _languages(value: str) -> tuple[str, ...]:
    languages = tuple(part.strip() for part in value.split(",") if part.strip())
    if not languages or len(set(languages)) != len(languages) or set(languages) - {"id", "en"}:
        raise argparse.ArgumentTypeError(f"{value!r}: use id, en, id,en or en,id")
    return languages


def run_new(args: argparse.Namespace) -> int:
    from coursesmith.starter import create_project

    folder = args.folder
    if folder.exists() and any(folder.iterdir()):
        print(f"{display_path(folder)} is not empty; choose a new folder", file=sys.stderr)
        return EXIT_ERRORS
    create_project(folder, args.language)
    print(f"created a course project in {display_path(folder)}")
    print(f"  next: cd {display_path(folder)} && coursesmith build")
    return EXIT_OK


def run_schema(args: argparse.Namespace) -> int:
    from coursesmith.load.schema_export import write_schemas

    for path in write_schemas(args.output):
        print(f"wrote {display_path(path)}")
    return EXIT_OK


def nothing_changed(args: argparse.Namespace, output: Path, cache: Path, digest: str, vetted: Problems) -> bool:
    """Report and stop when the last build had exactly these inputs and its output is
    untouched; nothing heavy is imported on this path."""
    from coursesmith.fingerprint import unchanged

    summary = unchanged(cache, output, digest)
    if summary is None:
        return False
    warnings = Problems(vetted.items + [Diagnostic.from_record(record) for record in summary["warnings"]])
    if warnings.items:
        report(warnings, args.format)
    print(f"nothing changed since the last build: {summary['pages']} pages and {summary['pdfs']} PDFs "
          f"({summary['pdf_pages']} PDF pages) in {display_path(output)} are up to date")
    return True


def exit_status(problems: Problems, strict: bool) -> int:
    if problems.errors or (strict and problems.warnings):
        return EXIT_ERRORS
    return EXIT_OK


def report(problems: Problems, style: str) -> None:
    diagnostics = problems.sorted()
    if style == "json":
        print(json.dumps([as_record(d) for d in diagnostics], ensure_ascii=False, indent=2))
    elif style == "github":
        for d in diagnostics:
            print(as_annotation(d))
        print(format_text(diagnostics), file=sys.stderr)
    else:
        print(format_text(diagnostics), file=sys.stderr if problems.errors else sys.stdout)


def as_record(d: Diagnostic) -> dict:
    return {
        "file": display_path(d.location.path), "line": d.location.line, "column": d.location.column,
        "severity": d.severity, "code": d.code, "message": d.message, "hint": d.hint,
    }


def as_annotation(d: Diagnostic) -> str:
    """A GitHub Actions workflow command that annotates the file in the pull request."""
    def escape_data(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def escape_property(text: str) -> str:
        return escape_data(text).replace(":", "%3A").replace(",", "%2C")

    loc = d.location
    props = (f"file={escape_property(display_path(loc.path))},line={loc.line},col={loc.column},"
             f"title={escape_property(d.code)}")
    return f"::{d.severity} {props}::{escape_data(d.message + ' — ' + d.hint)}"
