"""What WeasyPrint and browsers only log, enforced: every generated document has a
language, a title, alternative text for its images and headers on its tables."""

from __future__ import annotations

from html.parser import HTMLParser


class _Audit(HTMLParser):
    def __init__(self, decorative_images: bool):
        super().__init__(convert_charrefs=True)
        self.decorative_images = decorative_images
        self.found: list[str] = []
        self.lang = ""
        self.title = ""
        self.in_title = False
        self.tables: list[int] = []  # header cells seen in each open table

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.lang = (attributes.get("lang") or "").strip()
        elif tag == "title":
            self.in_title = True
        elif tag == "img":
            alt = attributes.get("alt")
            if alt is None or (not alt.strip() and not self.decorative_images):
                self.found.append(f"has an image without alternative text ({attributes.get('src', '?')})")
        elif tag == "table":
            self.tables.append(0)
        elif tag == "th" and self.tables:
            self.tables[-1] += 1

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        elif tag == "table" and self.tables and self.tables.pop() == 0:
            self.found.append("has a table without header cells (<th>)")

    def handle_data(self, data):
        if self.in_title:
            self.title += data


def audit(html: str, decorative_images: bool = False) -> list[str]:
    """The accessibility problems of one generated HTML document, as phrases."""
    parser = _Audit(decorative_images)
    parser.feed(html)
    found = []
    if not parser.lang:
        found.append("has no language (<html lang>)")
    if not parser.title.strip():
        found.append("has no title (<title>)")
    return found + list(dict.fromkeys(parser.found))
