"""What a stylesheet loads: every `@import` and `url()`, with its line and column.

Stylesheets are parsed with tinycss2 (the parser WeasyPrint itself uses), so what is
found here is what WeasyPrint and a browser would try to load.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import tinycss2
from tinycss2 import ast

INLINE_IMAGES = ("data:image/png", "data:image/jpeg", "data:image/gif", "data:image/webp")


@dataclass(frozen=True)
class CssUrl:
    """A URL a stylesheet asks for; `rule` is `@import`, `@font-face` or `url()`."""

    url: str
    line: int
    column: int
    rule: str


def urls_in_stylesheet(text: str) -> Iterator[CssUrl]:
    """Every URL a whole stylesheet (a .css file, an SVG's <style>) loads."""
    for node in tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True):
        if isinstance(node, ast.AtRule) and node.lower_at_keyword == "import":
            url = _first_url(node.prelude)
            yield CssUrl(url if url is not None else "", node.source_line, node.source_column, "@import")
            continue
        rule = "@font-face" if isinstance(node, ast.AtRule) and node.lower_at_keyword == "font-face" else "url()"
        for part in (getattr(node, "prelude", None), getattr(node, "content", None)):
            yield from _urls(part or [], rule)


def urls_in_declarations(text: str) -> Iterator[CssUrl]:
    """Every URL a `style` attribute loads."""
    yield from _urls(tinycss2.parse_blocks_contents(text, skip_comments=True), "url()")


def _first_url(tokens: Iterable[ast.Node]) -> str | None:
    for token in tokens:
        if isinstance(token, (ast.URLToken, ast.StringToken)):
            return token.value
        if isinstance(token, ast.FunctionBlock) and token.lower_name == "url":
            return _function_url(token)
    return None


def _urls(nodes: Iterable[ast.Node], rule: str) -> Iterator[CssUrl]:
    for node in nodes:
        if isinstance(node, ast.URLToken):
            yield CssUrl(node.value, node.source_line, node.source_column, rule)
        elif isinstance(node, ast.FunctionBlock) and node.lower_name in ("url", "src"):
            yield CssUrl(_function_url(node), node.source_line, node.source_column, rule)
        elif isinstance(node, ast.AtRule) and node.lower_at_keyword == "import":
            yield CssUrl(_first_url(node.prelude) or "", node.source_line, node.source_column, "@import")
        elif isinstance(node, ast.AtRule) and node.lower_at_keyword == "font-face":
            yield from _urls(node.content or [], "@font-face")
        else:
            for name in ("prelude", "content", "arguments", "value"):
                children = getattr(node, name, None)
                if isinstance(children, list):
                    yield from _urls(children, rule)


def _function_url(function: ast.FunctionBlock) -> str:
    for argument in function.arguments:
        if isinstance(argument, ast.StringToken):
            return argument.value
    return ""


def is_fragment(url: str) -> bool:
    return url.startswith("#")


def is_inline_image(url: str) -> bool:
    return url.strip().lower().startswith(INLINE_IMAGES)
