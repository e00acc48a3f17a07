"""Converted Markdown with each image and file path rewritten for the page it goes on."""
from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup, escape

from coursesmith.load.markdown import PLACEHOLDER, AssetRef, convert


def to_html(text: str, rewrite: Callable[[AssetRef], str]) -> Markup:
    """Render Markdown, giving each image's src and each link to a project file the path
    `rewrite` returns (an empty result drops the link)."""
    converted = convert(text)
    html = converted.html
    for number, ref in enumerate(converted.assets):
        token = PLACEHOLDER.format(number)
        new = rewrite(ref)
        if new:
            html = html.replace(f'"{token}"', f'"{escape(new)}"')
        else:
            html = html.replace(f' href="{token}"', "")
    return Markup(html)

