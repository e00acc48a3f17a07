"""The `coursesmith` command. User mistakes end with a located message and exit 1, never a traceback."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import __version__
from .diagnostics import BuildFailed, Diagnostic, Problems, display_path, format_text

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return EXIT_USAGE
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print("interrupted; the previous output was left as it was", file=sys.stderr)
        return 130


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
    build.add_argument("--no-pdf", dest="pdf", action="store_false", help="write the HTML site only")
    build.add_argument("-q", "--quiet", action="store_true", help="print only problems and the summary")
    build.set_defaults(run=run_build)

    check = commands.add_parser("check", help="check the course and write nothing")
    add_common(check)
    check.set_defaults(run=run_check)

    new = commands.add_parser("new", help="create a new course project to start from")
    new.add_argument("folder", type=Path, help="the folder to create (must not exist or be empty)")
    new.set_defaults(run=run_new)

    schema = commands.add_parser("schema", help="write JSON Schema files for editor completion")
    schema.add_argument("-o", "--output", type=Path, default=Path("schema"),
                        help="folder to write into (default: ./schema)")
    schema.set_defaults(run=run_schema)
    return parser


def add_common(command: argparse.ArgumentParser) -> None:
    command.add_argument("-p", "--project", type=Path, default=Path("."),
                         help="the course project folder (default: the current folder)")
    command.add_argument("--format", choices=["text", "github", "json"],
                         default="github" if os.environ.get("CI") else "text",
                         help="how problems are printed (default: text; github when CI is set)")
    command.add_argument("--strict", action="store_true", help="treat warnings as errors")


def run_check(args: argparse.Namespace) -> int:
    from .pipeline import check

    problems = Problems()
    checked = check(args.project, problems)
    if problems.items:
        report(problems, args.format)
    else:
        print(f"no problems in {len(checked.project.paths.source_files())} files")
    return exit_status(problems, args.strict)


def run_build(args: argparse.Namespace) -> int:
    from .pipeline import BuildOptions, build

    output = args.output or args.project / "output"
    options = BuildOptions(project=args.project, output=output, pdf=args.pdf, strict=args.strict)
    try:
        result = build(options)
    except BuildFailed as failed:
        report(failed.problems, args.format)
        print(f"build stopped; {display_path(output)} was left as it was", file=sys.stderr)
        return EXIT_ERRORS
    if result.problems.items:
        report(result.problems, args.format)
    print(f"built {result.pages} pages and {result.pdfs} PDFs in {result.seconds:.1f} s")
    print(f"  participant site and handouts: {display_path(output / 'site')}")
    print(f"  facilitator material:          {display_path(output / 'facilitator')}")
    return EXIT_OK


def run_new(args: argparse.Namespace) -> int:
    from .starter import create_project

    folder = args.folder
    if folder.exists() and any(folder.iterdir()):
        print(f"{display_path(folder)} is not empty; choose a new folder", file=sys.stderr)
        return EXIT_ERRORS
    create_project(folder)
    print(f"created a course project in {display_path(folder)}")
    print(f"  next: cd {display_path(folder)} && coursesmith build")
    return EXIT_OK


def run_schema(args: argparse.Namespace) -> int:
    from .schemaexport import write_schemas

    for path in write_schemas(args.output):
        print(f"wrote {display_path(path)}")
    return EXIT_OK


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
