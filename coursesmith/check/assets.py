"""The files and addresses Markdown texts and the course refer to: found, inside the
project, with an allowed scheme, safe to publish, and given alternative text."""
from __future__ import annotations

from pathlib import Path

from coursesmith.check.catalog import Catalog
from coursesmith.check.languages import _field
from coursesmith.check.resources import Use, check_published, check_url, scheme_of
from coursesmith.diagnostics import Location, Problems
from coursesmith.load.markdown import (
    AssetProblem,
    AssetRef,
    assets_in,
    links_in,
    raw_html_removals,
    resolve_asset,
)
from coursesmith.load.project import LoadedProject
from coursesmith.load.schema import iter_texts
from coursesmith.load.text import ANY_LANGUAGE, Markdown
from coursesmith.load.yamlfile import Loc, SourceFile

Uses = dict[Path, list[Use]]


def check_markdown(project: LoadedProject, catalog: Catalog, problems: Problems) -> list[Path]:
    """Every image a text or the course names must be a file inside the project, with alt
    text, safe to publish; every address an allowed scheme; raw HTML that sanitising
    removes is named. Returns the files the site needs."""
    root = project.paths.root
    uses: Uses = {}
    for loaded in project.files:
        for loc, text in iter_texts(loaded.model):
            if isinstance(text, Markdown):
                for language, value in text.values.items():
                    where = loc if language == ANY_LANGUAGE else (*loc, language)
                    _check_text(value, loaded.source, where, loc, root, uses, problems)
    if catalog.course and catalog.course.item.institution.logo:
        course = catalog.course
        logo, at = course.item.institution.logo, course.source.location(("institution", "logo"))
        if check_url(logo, "logo", at, problems, link=False):
            _use(_asset(logo, "logo", course.source.path.parent, root, at, problems), Use(at, "logo", logo), uses)
    check_reference_urls(catalog, problems)
    check_published(uses, problems)
    return sorted(uses)


def _check_text(value: str, source: SourceFile, where: Loc, loc: Loc, root: Path, uses: Uses,
                problems: Problems) -> None:
    for written in links_in(value):
        at = source.find(where, written.url) if written.url else source.location(where)
        what = "image" if written.kind == "image" else "link"
        if check_url(written.url, what, at, problems, link=written.kind == "link") and written.raw \
                and written.kind == "image":
            _asset(written.url, "image", source.path.parent, root, at, problems)
    for ref in assets_in(value):
        at = _ref_location(ref, source, where)
        if ref.kind == "image" and not ref.alt.strip():
            problems.add("image-without-alt", at, target=ref.target)
        if scheme_of(ref.target) not in ("", "http", "https"):
            continue  # reported above as a refused scheme
        _use(_asset(ref.target, ref.what, source.path.parent, root, at, problems), Use(at, ref.what, ref.target),
             uses)
    for removal in raw_html_removals(value):
        problems.add("unsafe-html", source.find(where, removal.fragment), field=_field(loc), removed=removal.what)


def _ref_location(ref: AssetRef, source: SourceFile, where: Loc) -> Location:
    bang = "!" if ref.kind == "image" else ""
    at = source.find(where, f"{bang}[{ref.alt}]({ref.target}")
    return source.find(where, ref.target or "![") if at == source.location(where) else at


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
