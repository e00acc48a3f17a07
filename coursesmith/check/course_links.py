"""Links inside the course (`lesson:KOAL-02#section-code`, `case:`, `glossary:`,
`worksheet:`): each must name a part of the course that exists."""
from __future__ import annotations

from coursesmith.check.catalog import Catalog
from coursesmith.diagnostics import Location, Problems, suggest
from coursesmith.load.markdown import Link

WHAT = {"lesson": "lesson", "case": "case study", "glossary": "glossary term", "worksheet": "worksheet"}


def check_course_link(link: Link, catalog: Catalog, at: Location, problems: Problems) -> None:
    """Report a link whose target (or the lesson section after `#`) does not exist."""
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
