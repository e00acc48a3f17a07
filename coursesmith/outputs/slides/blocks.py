"""Markdown in the blocks a slide may break between, and the body lines each takes.

The estimate is in lines of body text (28px, line height 1.3, in slide.css) and
errs on the long side: tests/test_slides.py measures the slides in Chromium, with
the bundled fonts and with a fallback font, so the numbers here are checked.
"""

from __future__ import annotations

import math
import re

CHARS = 62
"""Characters on a line of body text, on the narrow side, for the longer language."""
IMAGE_LINES = 10
"""An image is set this many lines high (12.5em in slide.css, with its margins)."""
ITEM_CHARS = CHARS - 2
"""A list item's line is shorter by the list's indent."""
CODE_SIZE = 0.7
"""Code is set at 0.7 of the body size (slide.css), in lines of the same height ratio."""
CODE_CHARS = 80
"""Monospace characters on a line of code at that size (it wraps: pre-wrap)."""
CALLOUT_LINES = 2.0
"""A reading block's label line, its padding and its margin."""
NOTE_SIZE = 0.75
"""Footnotes are set at 0.75 of the body size."""

LIST_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d+[.)])\s")
FENCE = re.compile(r"^[ ]{0,3}(?:```|~~~)")
DIV_OPEN = re.compile(r"^[ ]{0,3}:{3,}[ \t]*[^:\s]")
DIV_CLOSE = re.compile(r"^[ ]{0,3}:{3,}[ \t]*$")
ALERT = re.compile(r"^[ ]{0,3}>[ ]?\[![A-Za-z]")
FOOTNOTE = re.compile(r"^\[\^([^\]\s]+)\]:")
FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\](?!:)")
DEFINITION = re.compile(r"^[ ]{0,3}:[ \t]", re.MULTILINE)
TABLE_RULE = re.compile(r"^\|?[\s:|-]+$")
FIGURE_TITLE = re.compile(r'\]\([^)\s]*\s+"([^"]*)"\)\s*$')


def blocks(source: str, budget: float) -> list[str]:
    """Markdown split at blank lines into blocks a slide may break between: a list
    splits between its items (a nested list and an indented continuation stay with
    their item), a table between its rows, under its header again; a code block and
    a reading block stay whole."""
    found: list[str] = []
    for block in _kept_whole(re.split(r"\n[ \t]*\n", source.strip())):
        if FENCE.match(block) or DIV_OPEN.match(block):
            found.append(block)
        elif found and block[:1] in (" ", "\t"):
            found[-1] += "\n\n" + block
        elif block.lstrip().startswith("|"):
            found += _table_parts(block, budget)
        else:
            found += _items(block)
    return [b for b in found if b.strip()]


def _kept_whole(parts: list[str]) -> list[str]:
    """A fenced code block or a `:::` reading block may hold blank lines: it stays one
    block, so no slide starts inside it."""
    merged: list[str] = []
    depth, fenced = 0, False
    for part in parts:
        if merged and (depth or fenced):
            merged[-1] += "\n\n" + part
        else:
            merged.append(part)
        for line in part.split("\n"):
            if FENCE.match(line):
                fenced = not fenced
            elif not fenced and DIV_OPEN.match(line):
                depth += 1
            elif not fenced and depth and DIV_CLOSE.match(line):
                depth -= 1
    return merged


def _items(block: str) -> list[str]:
    """A list's items, each with what is indented below it (its nested list)."""
    lines_ = block.split("\n")
    first = LIST_ITEM.match(lines_[0])
    if not first:
        return [block]
    items: list[str] = []
    for line in lines_:
        item = LIST_ITEM.match(line)
        if item and len(item[1]) <= len(first[1]) or not items:
            items.append(line)
        else:
            items[-1] += "\n" + line
    return items


def list_marker(block: str) -> str | None:
    """The kind of list a block is an item of (`-`, `*`, `+`, `.` or `)`), else None."""
    found = re.match(r"^(?:([-*+])|\d+([.)]))\s", block)
    return (found[1] or found[2]) if found else None


def footnotes(found: list[str]) -> dict[str, str]:
    """The footnote definitions among the blocks, by label."""
    return {match[1]: block for block in found if (match := FOOTNOTE.match(block))}


def referenced(block: str, notes: dict[str, str]) -> list[str]:
    """The labels of the footnotes `block` refers to, in order, once each."""
    return [label for label in dict.fromkeys(FOOTNOTE_REF.findall(block)) if label in notes]


def _table_parts(block: str, budget: float) -> list[str]:
    """A table in pieces of rows that fit `budget`, each under the table's header."""
    rows = block.strip().split("\n")
    if len(rows) < 3 or not TABLE_RULE.match(rows[1]):
        return [block]
    head, parts, used = rows[:2], [[]], _row_lines(rows[0])
    for row in rows[2:]:
        cost = _row_lines(row)
        if parts[-1] and used + cost > budget:
            parts.append([])
            used = _row_lines(rows[0])
        parts[-1].append(row)
        used += cost
    return ["\n".join(head + part) for part in parts]


def _cells(row: str) -> list[str]:
    return [cell.strip() for cell in row.strip().strip("|").split("|")]


def _row_lines(row: str) -> float:
    """Table text is set at 0.85 of the body size, in columns of equal share."""
    cells = _cells(row)
    per_line = max(8, (1152 / len(cells) - 24) / 11)
    return max(math.ceil(len(plain(cell)) / per_line) for cell in cells) * 0.85 + 0.4


def plain(text: str) -> str:
    return re.sub(r"[*_`]|\]\([^)]*\)", "", text)


def _wrapped(text: str, chars: float) -> int:
    return max(1, math.ceil(len(plain(text)) / chars))


def _caption_lines(image: str) -> float:
    """An image with a title is a figure: the link to open it full size, and the title as
    its caption, below the picture."""
    title = FIGURE_TITLE.search(image)
    return 1.0 + _wrapped(title[1], CHARS) if title else 0.0


def lines(block: str) -> float:
    """How many body lines a Markdown block takes on a slide, estimated."""
    text = block.strip()
    if FENCE.match(text):
        code = text.split("\n")[1:-1]
        return CODE_SIZE * sum(max(1, math.ceil(len(line) / CODE_CHARS)) for line in code) + 0.9
    if DIV_OPEN.match(text):
        return CALLOUT_LINES + _inside("\n".join(text.split("\n")[1:-1]))
    if ALERT.match(text):
        return CALLOUT_LINES + _inside("\n".join(re.sub(r"^[ ]{0,3}>[ ]?", "", line) for line in text.split("\n")[1:]))
    if FOOTNOTE.match(text):
        return NOTE_SIZE * _wrapped(text, CHARS / NOTE_SIZE) + 0.3
    if text.startswith("!["):
        return IMAGE_LINES + _caption_lines(text)
    if text.startswith("|"):
        return sum(_row_lines(row) for row in text.split("\n") if not TABLE_RULE.match(row))
    if text.startswith("#"):
        return 1.6
    if LIST_ITEM.match(text) or DEFINITION.search(text):
        return _line_by_line(text)
    return math.ceil(len(plain(text)) / CHARS) + 0.4


def _inside(source: str) -> float:
    return sum(lines(block) for block in blocks(source, math.inf))


def _line_by_line(text: str) -> float:
    """A list item with its nested items, or a definition list: each line of the source
    is a line (or more) of its own on the slide, indented a step per level."""
    total = 0.4
    for line in text.split("\n"):
        if line.strip():
            indent = len(line) - len(line.lstrip())
            total += _wrapped(line.strip(), ITEM_CHARS - indent) + 0.25
    return total
