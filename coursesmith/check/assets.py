"""The files Markdown texts refer to: found, inside the project, and given alternative text."""
from __future__ import annotations

from pathlib import Path

from coursesmith.check.catalog import Catalog
from coursesmith.check.languages import _field
from coursesmith.diagnostics import Location, Problems
from coursesmith.load.markdown import (
    AssetProblem,
    assets_in,
    raw_html_removals,
    resolve_asset,
)
from coursesmith.load.project import LoadedProject
from coursesmith.load.schema import iter_texts
from coursesmith.load.text import ANY_LANGUAGE, Markdown


def check_markdown(project: LoadedProject, catalog: Catalog, problems: Problems) -> list[Path]:
    """Every image a text or the course names must be a file inside the project, with alt
    text; raw HTML that sanitising removes is named. Returns the files the site needs."""
    root = project.paths.root
    used: set[Path] = set()
    for loaded in project.files:
        source = loaded.source
        for loc, text in iter_texts(loaded.model):
            if not isinstance(text, Markdown):
                continue
            for language, value in text.values.items():
                where = loc if language == ANY_LANGUAGE else (*loc, language)
                for ref in assets_in(value):
                    bang = "!" if ref.kind == "image" else ""
                    at = source.find(where, f"{bang}[{ref.alt}]({ref.target}")
                    if at == source.location(where):
                        at = source.find(where, ref.target or "![")
                    if ref.kind == "image" and not ref.alt.strip():
                        problems.add("image-without-alt", at, target=ref.target)
                    found = _asset(ref.target, ref.what, source.path.parent, root, at, problems)
                    if found:
                        used.add(found)
                for removal in raw_html_removals(value):
                    problems.add("unsafe-html", source.find(where, removal.fragment), field=_field(loc),
                                 removed=removal.what)
    if catalog.course and catalog.course.item.institution.logo:
        course = catalog.course
        found = _asset(course.item.institution.logo, "logo", course.source.path.parent, root,
                       course.source.location(("institution", "logo")), problems)
        if found:
            used.add(found)
    return sorted(used)


def _asset(target: str, what: str, folder: Path, root: Path, at: Location, problems: Problems) -> Path | None:
    try:
        return resolve_asset(target, folder, root)
    except AssetProblem as error:
        problems.add(error.code, at, what=what, target=target)
        return None

