"""The `serve` and `clean` commands."""
from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

from coursesmith.cache_trust import PARTS, holds_only
from coursesmith.cli.cache_options import add_cache_limits, cache_limits
from coursesmith.diagnostics import display_path
from coursesmith.locations import ProjectPaths
from coursesmith.model import layout
from coursesmith.pruning import folder_size

SERVE_FOLDER = Path(".coursesmith") / "serve"
"""Where `serve` keeps its background build (PDFs and search index), inside the project."""


def add_serve(commands, positive) -> None:
    serve = commands.add_parser("serve", help="preview the site while you edit; pages reload on save")
    serve.add_argument("-p", "--project", type=Path, default=Path("."),
                       help="the course project folder (default: the current folder)")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default: 127.0.0.1, this machine only; any other address "
                            "lets others read the preview, and the facilitator edition is then not served)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000; 0 picks a free one)")
    serve.add_argument("--open", action="store_true", help="open the preview in the web browser")
    serve.add_argument("--no-pdf", dest="pdf", action="store_false",
                       help="do not make PDFs in the background (the search index is still made)")
    serve.add_argument("-j", "--jobs", type=positive, default=max(1, (os.cpu_count() or 2) // 2),
                       help="PDFs rendered at the same time in the background (default: half the cores)")
    serve.add_argument("--cache-dir", type=Path,
                       help="where rendered PDFs are kept for reuse (default: <project>/.coursesmith/cache)")
    add_cache_limits(serve)
    serve.set_defaults(run=run_serve)


def run_serve(args: argparse.Namespace) -> int:
    from coursesmith.serve.app import ServeOptions, serve

    if not ProjectPaths(args.project).course_dir.is_dir():
        print(f"{display_path(args.project)} has no course/ folder: is it a course project?", file=sys.stderr)
        return 1
    cache = args.cache_dir or ProjectPaths(args.project).default_cache
    return serve(ServeOptions(project=args.project, host=args.host, port=args.port, open=args.open, pdf=args.pdf,
                              jobs=args.jobs, cache=cache, cache_limits=cache_limits(args)))


def add_clean(commands) -> None:
    clean = commands.add_parser("clean", help="remove the build output, the cache, or both")
    clean.add_argument("what", nargs="?", choices=["output", "cache", "all"], default="all",
                       help="output: the output folder and the preview's build; cache: the PDF cache; "
                            "all (default): both")
    clean.add_argument("-p", "--project", type=Path, default=Path("."),
                       help="the course project folder (default: the current folder)")
    clean.add_argument("-o", "--output", type=Path, help="output folder (default: <project>/output)")
    clean.add_argument("--cache-dir", type=Path, help="cache folder (default: <project>/.coursesmith/cache)")
    clean.set_defaults(run=run_clean)


OUTPUT_PARTS = {layout.SITE, layout.FACILITATOR, layout.LMS, layout.OFFLINE, layout.OFFICE}


def run_clean(args: argparse.Namespace) -> int:
    paths = ProjectPaths(args.project)
    folders = []
    if args.what in ("output", "all"):
        folders += [(args.output or paths.default_output, OUTPUT_PARTS), (paths.root / SERVE_FOLDER, {"output"})]
    if args.what in ("cache", "all"):
        folders.append((args.cache_dir or paths.default_cache, PARTS))
    status = 0
    for folder, expected in folders:
        if not folder.exists():
            continue
        if not ours(folder, expected):
            print(f"left {display_path(folder)} alone: it holds files coursesmith did not write", file=sys.stderr)
            status = 1
            continue
        size = folder_size(folder)
        shutil.rmtree(folder)
        print(f"removed {display_path(folder)} ({size / 1e6:.1f} MB)")
    return status


def ours(folder: Path, expected: set[str] | frozenset[str]) -> bool:
    """Only a folder holding nothing but what coursesmith writes there is removed."""
    return holds_only(folder, expected)
