"""Skipping a build that would change nothing.

After a successful build, a record beside the PDF cache notes a digest of every
input (the project's sources, assets and templates, coursesmith's own templates and
code, the versions of the libraries that shape the output, the build options) and
the size and modification time of every file the build wrote. The next build with
the same digest and an untouched output folder has nothing to do, and says so
without loading anything.

This module imports nothing heavy: it runs before the rest of coursesmith loads.
"""

from __future__ import annotations

import hashlib
import json
import os
from importlib.machinery import PathFinder
from importlib.metadata import PackageNotFoundError, entry_points, version
from pathlib import Path

from coursesmith import __version__
from coursesmith.cache_trust import plain_file
from coursesmith.locations import OUTPUT_GROUP, ProjectPaths, default_templates_dir

LIBRARIES = ("weasyprint", "pydyf", "fonttools", "jinja2", "markdown", "nh3", "pyyaml", "pydantic", "pagefind")
PACKAGE = Path(__file__).parent


def files_under(folder: Path):
    if folder.is_dir():
        yield from sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def _readable(path: Path, root: Path) -> bool:
    """A file the digest may open: inside `root` (resolved: a link out is never followed,
    and `check` reports it) and readable (one that is not is reported by `check`, not opened here)."""
    return path.resolve().is_relative_to(root) and os.access(path, os.R_OK)


def build_options(selection: str, strict: bool, shard: tuple[int, int] | None, output: Path) -> str:
    """The options that change what a build writes (not how fast it goes)."""
    return f"{selection} strict={strict} shard={shard} output={output.resolve()}"


def inputs_digest(project: Path, options: str) -> str:
    """A digest of everything a build's output can depend on."""
    digest = hashlib.sha256()
    digest.update(f"{__version__}\0{options}\0{os.environ.get('SOURCE_DATE_EPOCH', '')}\0".encode())
    for library in LIBRARIES:
        try:
            digest.update(f"{library}={version(library)}\0".encode())
        except PackageNotFoundError:
            digest.update(f"{library}=-\0".encode())
    digest.update(outputs_digest().encode())
    paths = ProjectPaths(project)
    own = [(folder, project) for folder in (paths.course_dir, paths.modules_dir, paths.templates_dir)]
    for root, allowed in [*own, (default_templates_dir(), default_templates_dir()), (PACKAGE, PACKAGE)]:
        allowed = allowed.resolve()  # once, not for each of its files
        for path in files_under(root):
            if path.suffix == ".pyc":
                continue
            digest.update(f"{root.name}/{path.relative_to(root).as_posix()}\0".encode())
            digest.update(_contents(path, allowed))
    return digest.hexdigest()


def outputs_digest() -> str:
    """Which outputs are registered, from which package and version, and the source of the
    module each names: installing, removing or editing an output's code rebuilds."""
    digest = hashlib.sha256()
    for point in sorted(entry_points(group=OUTPUT_GROUP), key=lambda p: (p.name, p.value)):
        package = point.dist.metadata["Name"] if point.dist else "-"
        release = point.dist.version if point.dist else "-"
        digest.update(f"{point.name}={point.value} {package} {release}\0".encode())
        source = module_file(point.module)
        digest.update(source.read_bytes() if source else b"-")
    return digest.hexdigest()


def module_file(name: str) -> Path | None:
    """The file of module `name`, found without importing it (or its packages)."""
    spec, path = None, None
    for number, part in enumerate(name.split(".")):
        if number and path is None:
            return None  # a module where a package was expected
        spec = PathFinder.find_spec(part, path)
        if spec is None:
            return None
        path = spec.submodule_search_locations
    origin = spec.origin if spec else None
    return Path(origin) if origin and Path(origin).is_file() else None


def contents(path: Path, root: Path) -> bytes:
    """A file's bytes, or a mark when it is outside `root` or cannot be read."""
    return _contents(path, root.resolve())


def _contents(path: Path, root: Path) -> bytes:
    """`contents`, with `root` resolved already (the digest asks for hundreds of files in one root)."""
    if not _readable(path, root):
        return b"<not read>"
    try:
        return path.read_bytes()
    except OSError:
        return b"<not read>"


def output_state(output: Path) -> dict[str, list[int]]:
    """Size and modification time of every file under the output folder (one `stat` a
    file: the no-op build asks this of hundreds of files)."""
    state: dict[str, list[int]] = {}
    _note_files(output, "", state)
    return dict(sorted(state.items()))


def _note_files(folder: Path | str, prefix: str, state: dict[str, list[int]]) -> None:
    try:
        with os.scandir(folder) as found:
            entries = list(found)
    except OSError:
        return
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):  # a link to a folder could lead round in a circle
                _note_files(entry.path, f"{prefix}{entry.name}/", state)
            elif entry.is_file():
                info = entry.stat()
                state[prefix + entry.name] = [info.st_size, info.st_mtime_ns]
        except OSError:
            pass


def record_path(cache: Path, output: Path) -> Path:
    name = hashlib.sha256(str(output.resolve()).encode()).hexdigest()[:24]
    return cache / "builds" / f"{name}.json"


def remember(cache: Path | None, output: Path, digest: str, summary: dict) -> None:
    """Note a successful build, so that an identical one can be skipped."""
    if cache is None:
        return
    record = {"inputs": digest, "outputs": output_state(output), "summary": summary}
    path = record_path(cache, output)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(record), encoding="utf-8")
    except OSError:
        pass


def unchanged(cache: Path | None, output: Path, digest: str) -> dict | None:
    """The last build's summary when nothing changed since it, else None."""
    if cache is None:
        return None
    path = record_path(cache, output)
    if not plain_file(path, cache):  # never a link, which could lead anywhere
        return None
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if record.get("inputs") != digest or record.get("outputs") != output_state(output):
        return None
    return record.get("summary")
