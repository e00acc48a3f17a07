"""What the site does to an author's converted Markdown, and reads back from a page:
SVG figures drawn inline, tables in named scroll regions (cards on a phone), and the
headings of a page for its in-page contents."""

from __future__ import annotations

import html as htmllib
import re
from html.parser import HTMLParser
from pathlib import Path

from markupsafe import escape

from coursesmith.render.svg import UnusableSvg, inline_figure

TABLE = re.compile(r"<table>(.*?)</table>", re.DOTALL)
HEAD = re.compile(r"<thead>(.*?)</thead>", re.DOTALL)
BODY = re.compile(r"<tbody>(.*?)</tbody>", re.DOTALL)
ROW = re.compile(r"<tr>(.*?)</tr>", re.DOTALL)
HEADER = re.compile(r"<th\b[^>]*>(.*?)</th>", re.DOTALL)
CELL = re.compile(r"<td\b")
TAG = re.compile(r"<[^>]+>")
CARD_COLUMNS = 3
"""A table with this many columns or more becomes cards on a phone."""


def svg_figure(source: Path, label: str, link: str, number: int, open_label: str) -> str | None:
    """An SVG image as an inline drawing that links to the file at full size; None when
    the file cannot be drawn inline (the page then keeps the plain image)."""
    try:
        drawing = inline_figure(source, label, f"figure-{number}-")
    except (UnusableSvg, OSError):
        return None
    return (f'<a class="figure" href="{escape(link)}">{drawing}'
            f'<span class="figure-open">{escape(open_label)}</span></a>')


def site_tables(html: str, labels: dict, counters: dict) -> str:
    """Each table in a keyboard-reachable region named uniquely on the page (tables are
    numbered per page), with a hint that shows when it scrolls; a table of three or more
    plain columns carries its column names on every cell, to be shown as cards on a phone."""
    def region(match: re.Match) -> str:
        counters["table"] = counters.get("table", 0) + 1
        label = escape(f"{labels['table_region']} ({counters['table']})")
        table, cards = _labelled(match[1])
        kind = "table-scroll table-cards" if cards else "table-scroll"
        return (f'<div class="{kind}" role="region" tabindex="0" aria-label="{label}">'
                f'<p class="scroll-hint" aria-hidden="true">{escape(labels["scroll_hint"])}</p>'
                f"<table>{table}</table></div>")

    return TABLE.sub(region, html)


def _labelled(table: str) -> tuple[str, bool]:
    head = HEAD.search(table)
    names = [_text(cell) for cell in HEADER.findall(head[1])] if head else []
    if len(names) < CARD_COLUMNS or "colspan" in table or "rowspan" in table:
        return table, False

    def row(match: re.Match) -> str:
        cells = iter(names)
        return "<tr>" + CELL.sub(lambda _: f'<td data-label="{escape(next(cells, ""))}"', match[1]) + "</tr>"

    return BODY.sub(lambda body: "<tbody>" + ROW.sub(row, body[1]) + "</tbody>", table), True


def _text(fragment: str) -> str:
    return " ".join(htmllib.unescape(TAG.sub("", fragment)).split())


def plain_summary(html: str, limit: int = 200) -> str:
    """The text of converted Markdown, cut at a word before `limit` characters (for a
    page's description and its sharing card)."""
    text = _text(html)
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


class _Headings(HTMLParser):
    def __init__(self, level: str):
        super().__init__(convert_charrefs=True)
        self.level = level
        self.found: list[tuple[str, str]] = []
        self.current: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag, attrs):
        identifier = dict(attrs).get("id")
        if tag == self.level and identifier:
            self.current = (identifier, [])

    def handle_endtag(self, tag):
        if tag == self.level and self.current:
            identifier, parts = self.current
            self.found.append((identifier, " ".join("".join(parts).split())))
            self.current = None

    def handle_data(self, data):
        if self.current:
            self.current[1].append(data)


def headings(html: str, level: str = "h2") -> list[tuple[str, str]]:
    """(id, text) of each heading of `level` that has an id, in page order."""
    parser = _Headings(level)
    parser.feed(str(html))
    parser.close()
    return parser.found
