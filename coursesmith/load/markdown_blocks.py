"""Reading blocks (callouts) cut out of a Markdown source: the facilitator and
solution blocks that the participant model leaves out of every text."""

from __future__ import annotations

from . import markdown_rules as rules
from .markdown import parser


def blocks_removed(text: str, kinds: frozenset[str]) -> str:
    """`text` without its reading blocks of `kinds` (e.g. facilitator blocks), cut out
    line by line from the source, so nothing of them is left to render."""
    tokens = parser("").parse(text, {"notices": []})
    cut: set[int] = set()
    for start, end in rules.blocks_of(tokens, set(kinds)):
        cut.update(range(start, end))
    if not cut:
        return text
    return "".join(line for n, line in enumerate(text.splitlines(keepends=True)) if n not in cut)
