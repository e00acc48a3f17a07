"""What Markdown texts and the course refer to: project files that are found, inside the
project, of a kind the site may publish, never a course source, safe to publish and given
alternative text; addresses with an allowed scheme; links to lessons, cases, terms and
worksheets that exist; and what of a text will not come through as written."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from coursesmith.check.catalog import Catalog
from coursesmith.check.course_links import check_course_link
from coursesmith.check.findings import Findings, TextRecords
from coursesmith.check.languages import _field
from coursesmith.check.resources import ACTIVE_SUFFIXES, Use, check_published, check_url
from coursesmith.diagnostics import Location, Problems
from coursesmith.load.markdown import AssetProblem, Link, resolve_asset
from coursesmith.load.project import LoadedProject
from coursesmith.load.schema import iter_texts
from coursesmith.load.text import ANY_LANGUAGE, InlineMarkdown, Markdown
from coursesmith.load.yamlfile import Loc, SourceFile

# Files the site publishes when participant content refers to them.
IMAGE_KINDS = frozenset({".png", ".jpg", ".jpeg", ".svg", ".webp", ".gif"})
FILE_KINDS = IMAGE_KINDS | frozenset({
    ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ods", ".odp", ".odg",
    ".csv", ".txt", ".rtf", ".epub", ".mp3", ".mp4", ".webm",
})
SOURCE_SUFFIXES = (".yaml", ".yml")
SOURCE_FOLDERS = ("templates", ".coursesmith")

Uses = dict[Path, list[Use]]


def check_markdown(project: LoadedProject, catalog: Catalog, problems: Problems,
                   records: TextRecords | None = None) -> list[Path]:
    """Check every link and image of every Markdown text and the course's logo, and say
    what will not come through. Returns the files the site needs. `records` keeps what
    each text holds between checks (a fresh, memory-only one when None)."""
    root = project.paths.root
    records = records or TextRecords(None)
    records.begin()
    uses: Uses = {}
    for loaded in project.files:
        texts = list(_texts(loaded.model))
        kinds = [(value, isinstance(text, Markdown)) for _, _, text, value in texts]
        found = records.findings(_name(loaded.source.path, root), kinds)
        for (where, loc, _, value), findings in zip(texts, found):
            _check_text(loaded.source, where, loc, value, findings, catalog, root, uses, problems)
    records.end()
    if catalog.course and catalog.course.item.institution.logo:
        course = catalog.course
        logo, at = course.item.institution.logo, course.source.location(("institution", "logo"))
        if check_url(logo, "logo", at, problems, link=False):
            _use(_asset(logo, "logo", course.source.path.parent, root, at, problems), Use(at, "logo", logo), uses)
    check_reference_urls(catalog, problems)
    check_published(uses, problems)
    return sorted(uses)


def _texts(model: object) -> Iterator[tuple[Loc, Loc, InlineMarkdown, str]]:
    """Every Markdown text of a file's model in every language: where its value is, where
    the text is, the text and the value."""
    for loc, text in iter_texts(model):
        if isinstance(text, InlineMarkdown):
            for language, value in text.values.items():
                yield (loc if language == ANY_LANGUAGE else (*loc, language)), loc, text, value


def _name(path: Path, root: Path) -> str:
    """A source file's name for its records: its path in the project, which a moved project keeps."""
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()


def _check_text(source: SourceFile, where: Loc, loc: Loc, value: str, found: Findings, catalog: Catalog,
                root: Path, uses: Uses, problems: Problems) -> None:
    lines = value.splitlines() or [""]
    for link in found.links:
        _check_link(link, _place(source, where, lines, link), source.path.parent, root, catalog, uses, problems)
    for notice in found.notices:
        at = source.find(where, notice.needle, notice.line) if notice.needle else source.location(where)
        problems.add(notice.code, at, field=_field(loc), **notice.values)
    for removal in found.removals:
        problems.add("unsafe-html", source.find(where, removal.fragment), field=_field(loc), removed=removal.what)


def _check_link(link: Link, at: Location, folder: Path, root: Path, catalog: Catalog, uses: Uses,
                problems: Problems) -> None:
    if link.is_course:
        check_course_link(link, catalog, at, problems)
    elif not check_url(link.target, "image" if link.kind == "image" else "link", at, problems,
                       link=link.kind == "link"):
        return  # a refused scheme, reported
    elif link.raw and link.is_local and is_course_source(link.target, folder, root):
        problems.add("link-to-source", at, what=link.what, target=link.target)  # in raw HTML too
    elif link.raw and link.kind == "image":
        _asset(link.target, "image", folder, root, at, problems)
    elif not link.raw and (link.kind == "image" or link.is_local):
        _use(_check_file(link, folder, root, at, problems), Use(at, link.what, link.target), uses)


def _place(source: SourceFile, where: Loc, lines: list[str], link: Link) -> Location:
    """The link's target in the file: the same occurrence on the same line of the text."""
    needle = link.target or "]("
    written = lines[link.line] if link.line < len(lines) else ""
    return source.find(where, needle, link.line, written[:link.column].count(needle))


def _check_file(link: Link, folder: Path, root: Path, at: Location, problems: Problems) -> Path | None:
    if is_course_source(link.target, folder, root):
        problems.add("link-to-source", at, what=link.what, target=link.target)
        return None
    if link.kind == "image" and not link.text.strip():
        problems.add("image-without-alt", at, target=link.target)
    found = _asset(link.target, link.what, folder, root, at, problems)
    kinds = IMAGE_KINDS if link.kind == "image" else FILE_KINDS
    if found and found.suffix.lower() in ACTIVE_SUFFIXES:
        return found  # refused as a file a browser would run (check_published says why)
    if found and found.suffix.lower() not in kinds:
        problems.add("unpublished-kind", at, what=link.what, target=link.target,
                     kinds=", ".join(sorted(kinds)))
        return None
    return found


def is_course_source(target: str, folder: Path, root: Path) -> bool:
    """A course source: any YAML file, anything under templates/ or .coursesmith/ (which
    may not exist yet: the link is refused all the same)."""
    path = unquote(urlsplit(target).path)
    if PurePosixPath(path).suffix.lower() in SOURCE_SUFFIXES:
        return True
    resolved = (folder / path).resolve()
    return any(resolved.is_relative_to((root / name).resolve()) for name in SOURCE_FOLDERS)


def check_reference_urls(catalog: Catalog, problems: Problems) -> None:
    """A bibliography entry's `url` becomes a link on the references page and in every PDF."""
    for defined in catalog.references.values():
        if defined.item.url:
            check_url(defined.item.url, "address", defined.source.location((*defined.loc, "url")), problems)


def _use(found: Path | None, use: Use, uses: Uses) -> None:
    if found is not None:
        uses.setdefault(found, []).append(use)


def _asset(target: str, what: str, folder: Path, root: Path, at: Location, problems: Problems) -> Path | None:
    try:
        return resolve_asset(target, folder, root)
    except AssetProblem as error:
        problems.add(error.code, at, what=what, target=target)
        return None
