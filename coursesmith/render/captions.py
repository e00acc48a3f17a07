"""Numbers for the captions of tables and figures, per lesson ("Tabel 2.1"), and the
list of them a book may print.

A rendered page marks where a lesson's content begins with `data-chapter="N"` (and
where numbered content ends with `data-chapter=""`). After the page is rendered, every
<caption> and <figcaption> after such a mark gives its table or figure an id
("tab-2-1", "fig-2-1") so it can be linked to, counted in document order as the print
stylesheet's counters count them. On the site the number is written into the caption (no stylesheet counts there);
in print the stylesheet prints it. A page that holds the list placeholder gets one
entry per numbered caption, linking to it (the stylesheet adds page numbers).

This works on the HTML the templates and the Markdown engine produce, whichever engine
that is, as long as captions are <caption> and <figcaption> elements.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape, unescape

LIST_PLACEHOLDER = "<!--coursesmith:list-of-figures-->"
"""Where a template wants the list of figures and tables (inside its own <ol>)."""

_TOKEN = re.compile(r'<[a-z]+\b[^>]*\bdata-chapter="(\d*)"[^>]*>|<(caption|figcaption)\b([^>]*)>')
_LIST = re.compile(r'<nav class="list-of-figures"[^>]*>.*?</nav>\s*', re.S)
_TAG = re.compile(r"<[^>]+>")
KINDS = {"caption": ("table", "tab"), "figcaption": ("figure", "fig")}
PARENTS = {"caption": "<table", "figcaption": "<figure"}


@dataclass(frozen=True)
class Caption:
    kind: str
    """`table` or `figure`."""
    number: str
    """Lesson and place in it, e.g. `2.1`."""
    anchor: str
    text: str
    """The caption's words, as plain text."""


def number_captions(html: str, labels: dict, visible: bool) -> str:
    """`html` with its numbered tables and figures given ids (and, when `visible`, their
    captions their number), and its list placeholder filled (or its list removed when
    there is nothing to list)."""
    numbered, captions = find_captions(html, labels, visible)
    return fill_list(numbered, [(caption, None) for caption in captions], labels)


def find_captions(html: str, labels: dict, visible: bool) -> tuple[str, list[Caption]]:
    """`html` with its numbered tables and figures given ids (and, when `visible`, their
    captions their number), and those captions in document order."""
    if "data-chapter" not in html:
        return html, []
    captions: list[Caption] = []
    edits: list[tuple[int, str]] = []
    chapter, count = "", {"table": 0, "figure": 0}
    for match in _TOKEN.finditer(html):
        if match[1] is not None:
            chapter, count = match[1], {"table": 0, "figure": 0}
            continue
        parent = html.rfind(PARENTS[match[2]], 0, match.start())
        if not chapter or parent < 0 or " id=" in html[parent:html.index(">", parent)]:
            continue
        kind, prefix = KINDS[match[2]]
        count[kind] += 1
        caption = Caption(kind, f"{chapter}.{count[kind]}", f"{prefix}-{chapter}-{count[kind]}",
                          _plain(html, match.end(), match[2]))
        captions.append(caption)
        # The id goes on the table or figure, so a link shows all of it (a figure's
        # caption is below it).
        edits.append((parent + len(PARENTS[match[2]]), f' id="{caption.anchor}"'))
        if visible:
            edits.append((match.end(), f'<span class="caption-number">{escape(_label(caption, labels))}</span> '))
    for position, text in sorted(edits, reverse=True):
        html = html[:position] + text + html[position:]
    return html, captions


def _label(caption: Caption, labels: dict) -> str:
    return f"{labels[caption.kind + '_number']} {caption.number}"


def _plain(html: str, start: int, tag: str) -> str:
    end = html.find(f"</{tag}>", start)
    return " ".join(unescape(_TAG.sub("", html[start:end])).split())


def fill_list(html: str, captions: list[tuple[Caption, str | None]], labels: dict) -> str:
    """Fill the list placeholder with one entry per (caption, label of its page); an entry
    without a label links inside the document, one with a label to another part of its
    book (`x-part:`), and shows the label."""
    if LIST_PLACEHOLDER not in html:
        return html
    if not captions:
        return _LIST.sub("", html, count=1)
    entries = "".join(
        # The number comes from an attribute: a box inside a link breaks its tagging (print.css).
        f'<li class="lof-{c.kind}"><a href="{_href(c, page)}" data-number="{escape(_label(c, labels))}"'
        f'{_page_label(page)}>{escape(c.text)}</a></li>' for c, page in captions)
    return html.replace(LIST_PLACEHOLDER, entries, 1)


def _href(caption: Caption, page: str | None) -> str:
    return f"#{caption.anchor}" if page is None else f"x-part:{caption.anchor}"


def _page_label(page: str | None) -> str:
    return "" if page is None else f' data-label="{escape(page)}"'

