"""Links inside the course (`lesson:KOAL-02#s1`, `case:…`, `glossary:…`, `worksheet:…`):
where each leads on the site, its anchor in a printed document, and its title.

On the site a course link is an ordinary relative link. In print it first points at
its anchor; once the whole document is rendered, `settle_print_links` keeps it where the
anchor is in the document, else sends it to the published page (when the course has a
`base_url`), else turns it into text followed by the target's title.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from html import unescape

from coursesmith.load.text import LocalText
from coursesmith.model import layout
from coursesmith.model.course import CourseView, slug


@dataclass(frozen=True)
class Destination:
    """Where a course link leads."""

    page: Callable[[str], str]
    """The site path of the target's page in a language."""
    anchor: str
    """The id of the target on that page and in printed documents ("" for a page's top)."""
    title: LocalText
    on_site: bool = True
    """Whether the anchor is on the site's page too (a lesson's is only in print)."""


def split_target(target: str) -> tuple[str, str, str]:
    """`lesson:KOAL-02#s1` → ("lesson", "KOAL-02", "s1")."""
    scheme, _, rest = target.partition(":")
    code, _, fragment = rest.partition("#")
    return scheme.lower(), code, fragment


@lru_cache(maxsize=4)
def destinations(course: CourseView) -> dict[tuple[str, str], Destination]:
    """Every target a course link may name, by (scheme, code in lower case); a lesson's
    sections are `lesson` targets with the code `LESSON#SECTION`."""
    found: dict[tuple[str, str], Destination] = {}
    for view in course.lessons:
        page = (lambda lang, view=view: view.page[lang])
        found["lesson", view.code.lower()] = Destination(page, f"lesson-{view.slug}", view.lesson.title, False)
        for section in view.lesson.sections:
            if section.code:
                anchor = f"{view.slug}-{section.code.lower()}"
                found["lesson", f"{view.code}#{section.code}".lower()] = Destination(page, anchor, section.title)
        for sheet in view.lesson.worksheets:
            found["worksheet", sheet.code.lower()] = Destination(page, slug(sheet.code), sheet.title)
    for case in course.cases:
        page = (lambda lang, case=case: case.page[lang])
        found["case", case.case.code.lower()] = Destination(page, f"case-{case.slug}", case.case.title)
    for term in course.terms:
        found["glossary", term.code.lower()] = Destination(course.glossary_page.__getitem__, f"term-{slug(term.code)}", term.term)
    return found


def find(course: CourseView, target: str) -> Destination | None:
    scheme, code, fragment = split_target(target)
    key = f"{code}#{fragment}" if fragment else code
    return destinations(course).get((scheme, key.lower()))


def site_href(destination: Destination, lang: str, page: str) -> str:
    url = layout.relative_url(destination.page(lang), page)
    return f"{url}#{destination.anchor}" if destination.on_site else url


def print_attributes(destination: Destination, lang: str, languages: list[str], base_url: str | None,
                     page_label: str) -> dict[str, str]:
    """A print link's attributes: its anchor, and what it becomes when the anchor is not in
    the document."""
    published = f"{base_url}{destination.page(lang)}" if base_url else ""
    if published and destination.on_site:
        published += f"#{destination.anchor}"
    return {"href": f"#{destination.anchor}", "class": "course-link", "data-page-label": page_label,
            "data-published": published, "data-title": destination.title.get(lang, languages)}


_PRINT_LINK = re.compile(
    r'<a href="#([^"]*)" class="course-link" data-page-label="([^"]*)" data-published="([^"]*)" '
    r'data-title="([^"]*)"([^>]*)>(.*?)</a>', re.S)
_IDS = re.compile(r'\sid="([^"]+)"')


CROSS_PART = "x-part:"
"""How a printed part links to an anchor in another part of its book (the binder makes it a
link inside the book; a part published alone gets the published address or plain text)."""


def settle_print_links(html: str, prefix: str = "", labels: Callable[[str], str | None] | None = None) -> str:
    """Course links of a rendered print document: kept where their anchor is in it (its
    page label is this part's `prefix` and the page), else to the part of the book that
    holds it when `labels` knows the label of the anchor's page, else to the published
    page, else the link's text with the target's title."""
    if 'class="course-link"' not in html:
        return html
    ids = set(_IDS.findall(html))

    def settle(found: re.Match) -> str:
        anchor, label, published, title, rest, text = found.groups()
        if anchor in ids:
            return (f'<a href="#{anchor}" class="course-link in-document" data-page-label="{label}" '
                    f'data-prefix="{prefix}"{rest}>{text}</a>')
        page = labels(anchor) if labels is not None else None
        plain = re.sub(r"<[^>]+>", "", text).strip()
        if page is not None:  # the target's title too, unless the link's text is that title
            named = f' data-title="{title}"' if unescape(plain) != unescape(title) else ""
            return (f'<a href="{CROSS_PART}{anchor}" class="course-link other-part" data-page-label="{label}" '
                    f'data-label="{page}"{named}{rest}>{text}</a>')
        if published:
            return f'<a href="{published}" class="course-link"{rest}>{text}</a>'
        if not plain:
            return f'<span class="course-ref">{title}</span>'
        if unescape(plain) == unescape(title):
            return f'<span class="course-ref">{text}</span>'
        return f'<span class="course-ref">{text}</span> <span class="course-ref-title">({title})</span>'

    return _PRINT_LINK.sub(settle, html)


def published_addresses(course: CourseView, lang: str) -> dict[str, str]:
    """Anchor → the address a link to it leads to on the published site (for a part
    published alone); empty without a `base_url`."""
    base_url = course.course.base_url
    if not base_url:
        return {}
    found = {}
    for destination in destinations(course).values():
        url = f"{base_url}{destination.page(lang)}"
        found[destination.anchor] = f"{url}#{destination.anchor}" if destination.on_site else url
    return found
