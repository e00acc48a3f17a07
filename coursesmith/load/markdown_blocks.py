"""Reading blocks (callouts) cut out of a Markdown source: the facilitator and
solution blocks that the participant model leaves out of every text."""

from __future__ import annotations

from . import markdown_rules as rules
from .markdown import parser


def blocks_removed(text: str, kinds: frozenset[str]) -> str:
    """`text` without its reading blocks of `kinds` (e.g. facilitator blocks), cut out
    line by line from the source, so nothing of them is left to render."""
    if not may_hold_blocks(text):
        return text
    tokens = parser("").parse(text, {"notices": []})
    cut: set[int] = set()
    for start, end in rules.blocks_of(tokens, set(kinds)):
        cut.update(range(start, end))
    if not cut:
        return text
    return "".join(line for n, line in enumerate(text.splitlines(keepends=True)) if n not in cut)


def may_hold_blocks(text: str) -> bool:
    """Whether `text` could hold a reading block: a fenced div needs `:::`, an alert `[!`.
    Most texts have neither, and need not be parsed to know it (the participant model
    cuts blocks from every text of every lesson, at every build)."""
    return ":::" in text or "[!" in text
