"""What Markdown texts refer to: project files that are inside the project, of a kind the
site may publish, never a course source; links to lessons, cases, terms and worksheets
that exist; and what of a text will not come through as written."""
from __future__ import annotations

from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from coursesmith.check.catalog import Catalog
from coursesmith.check.languages import _field
from coursesmith.diagnostics import Location, Problems, suggest
from coursesmith.load.markdown import AssetProblem, Link, convert, convert_inline, resolve_asset
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


def check_markdown(project: LoadedProject, catalog: Catalog, problems: Problems) -> list[Path]:
    """Check every link and image of every Markdown text, and say what will not come
    through. Returns the files the site needs."""
    root = project.paths.root
    used: set[Path] = set()
    for loaded in project.files:
        for loc, text in iter_texts(loaded.model):
            if not isinstance(text, InlineMarkdown):
                continue
            for language, value in text.values.items():
                where = loc if language == ANY_LANGUAGE else (*loc, language)
                used |= _check_text(loaded.source, where, loc, text, value, catalog, root, problems)
    if catalog.course and catalog.course.item.institution.logo:
        course = catalog.course
        found = _asset(course.item.institution.logo, "logo", course.source.path.parent, root,
                       course.source.location(("institution", "logo")), problems)
        if found:
            used.add(found)
    return sorted(used)


def _check_text(source: SourceFile, where: Loc, loc: Loc, text: InlineMarkdown, value: str, catalog: Catalog,
                root: Path, problems: Problems) -> set[Path]:
    converted, used = (convert(value) if isinstance(text, Markdown) else convert_inline(value)), set()
    lines = value.splitlines() or [""]
    for link in converted.links:
        at = _place(source, where, lines, link)
        if link.is_course:
            _check_course_link(link, catalog, at, problems)
        elif link.raw and link.is_local and is_course_source(link.target, source.path.parent, root):
            problems.add("link-to-source", at, what=link.what, target=link.target)  # in raw HTML too
        elif not link.raw and (link.kind == "image" or link.is_local):
            found = _check_file(link, source.path.parent, root, at, problems)
            if found:
                used.add(found)
    for notice in converted.notices:
        at = source.find(where, notice.needle, notice.line) if notice.needle else source.location(where)
        problems.add(notice.code, at, field=_field(loc), **notice.values)
    for removal in converted.removals:
        problems.add("unsafe-html", source.find(where, removal.fragment), field=_field(loc), removed=removal.what)
    return used


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


def _asset(target: str, what: str, folder: Path, root: Path, at: Location, problems: Problems) -> Path | None:
    try:
        return resolve_asset(target, folder, root)
    except AssetProblem as error:
        problems.add(error.code, at, what=what, target=target)
        return None


# --- links inside the course ------------------------------------------------------------------


def _check_course_link(link: Link, catalog: Catalog, at: Location, problems: Problems) -> None:
    scheme, _, rest = link.target.partition(":")
    code, _, fragment = rest.partition("#")
    known = _targets(catalog, scheme.lower())
    found = {k.lower(): v for k, v in known.items()}.get(code.lower())
    if found is None:
        _unknown(link, "", code, list(known), at, problems, scheme.lower())
        return
    if fragment:
        sections = [s.code for s in getattr(found, "sections", []) if s.code]
        if scheme.lower() != "lesson" or fragment.lower() not in {s.lower() for s in sections}:
            _unknown(link, code, fragment, sections, at, problems, "section")


WHAT = {"lesson": "lesson", "case": "case study", "glossary": "glossary term", "worksheet": "worksheet"}


def _targets(catalog: Catalog, scheme: str) -> dict[str, object]:
    table = {"lesson": catalog.lessons, "case": catalog.cases, "glossary": catalog.terms,
             "worksheet": catalog.worksheets}[scheme]
    return {code: defined.item for code, defined in table.items()}


def _unknown(link: Link, owner: str, code: str, known: list[str], at: Location, problems: Problems,
             what: str) -> None:
    listed = sorted(known)
    shown = ", ".join(listed[:12]) + (", …" if len(listed) > 12 else "") if listed else "none"
    where = f"{WHAT.get(what, what)} {code!r}" + (f" of lesson {owner!r}" if owner else "")
    problems.add("unknown-link", at, target=link.target, what=where, suggestion=suggest(code, listed),
                 known=shown)
