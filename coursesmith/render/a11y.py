"""What WeasyPrint and browsers only log, enforced: every generated document has a
language, a title, alternative text for its images and headers on its tables.

Regular expressions over the generated HTML are enough here (the documents come
from templates, and every page is checked, so this must be cheap)."""

from __future__ import annotations

import re
from pathlib import Path

from coursesmith.diagnostics import Location, Problems
from coursesmith.render.environment import Page, find_template_file

LANG = re.compile(r"<html\b[^>]*\blang=\"([^\"]+)\"", re.IGNORECASE)
TITLE = re.compile(r"<title>(.*?)</title>", re.IGNORECASE | re.DOTALL)
IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
ALT = re.compile(r"\balt=\"([^\"]*)\"", re.IGNORECASE)
SRC = re.compile(r"\bsrc=\"([^\"]*)\"", re.IGNORECASE)
TABLE = re.compile(r"<table\b.*?</table>", re.IGNORECASE | re.DOTALL)
HEADER_CELL = re.compile(r"<th\b", re.IGNORECASE)


def audit(html: str, decorative_images: bool = False) -> list[str]:
    """The accessibility problems of one generated HTML document, as phrases."""
    found = []
    lang = LANG.search(html)
    if not lang or not lang[1].strip():
        found.append("has no language (<html lang>)")
    title = TITLE.search(html)
    if not title or not re.sub(r"<[^>]+>", "", title[1]).strip():
        found.append("has no title (<title>)")
    for tag in IMG.findall(html):
        alt = ALT.search(tag)
        if alt is None or (not alt[1].strip() and not decorative_images):
            source = SRC.search(tag)
            found.append(f"has an image without alternative text ({source[1] if source else '?'})")
    for table in TABLE.findall(html):
        if not HEADER_CELL.search(table):
            found.append("has a table without header cells (<th>)")
    return list(dict.fromkeys(found))



def accessible(html: str, page: Page, templates: list[Path], problems: Problems, *,
               decorative_images: bool = False) -> bool:
    """Report what makes a generated document inaccessible; False when something does."""
    found = audit(html, decorative_images)
    for problem in found:
        problems.add("inaccessible-document", Location(find_template_file(templates, page.template)),
                     document=page.path, problem=problem)
    return not found

