"""Converted Markdown with each image and file path rewritten for the page it goes on."""
from __future__ import annotations

import re
from collections.abc import Callable

from markupsafe import Markup, escape

from coursesmith.load.markdown import PLACEHOLDER, AssetRef, convert


def to_html(text: str, rewrite: Callable[[AssetRef], str],
            figure: Callable[[AssetRef], str | None] | None = None) -> Markup:
    """Render Markdown, giving each image's src and each link to a project file the path
    `rewrite` returns (an empty result drops the link). `figure` may draw an image
    another way: what it returns replaces the whole <img> element."""
    converted = convert(text)
    html = converted.html
    for number, ref in enumerate(converted.assets):
        token = PLACEHOLDER.format(number)
        drawn = figure(ref) if figure and ref.kind == "image" else None
        if drawn:
            html = re.sub(rf'<img\b[^>]*\ssrc="{token}"[^>]*>', lambda _: drawn, html, count=1)
            continue
        new = rewrite(ref)
        if new:
            html = html.replace(f'"{token}"', f'"{escape(new)}"')
        else:
            html = html.replace(f' href="{token}"', "")
    return Markup(keep_domains_whole(html))


DOMAIN = re.compile(r"\b(?:[a-z0-9-]+\.)+(?:com|org|net|info|id)\b", re.IGNORECASE)
PIECES = re.compile(r"(<[^>]*>)")


def keep_domains_whole(html: str) -> str:
    """Mark domain names in running text (beritairn.com) as `<span class="domain">`, which
    the print stylesheet never hyphenates: WeasyPrint hyphenates each part between dots
    as a word of its own. Text inside links is left alone (a link holds only text, for
    PDF/UA), and so are inline SVG drawings (a span is not SVG), tags and their attributes."""
    out, in_link = [], 0
    for piece in PIECES.split(html):
        if piece.startswith("<"):
            in_link += piece.startswith(("<a ", "<svg")) or piece == "<a>"
            in_link -= piece in ("</a>", "</svg>")
            out.append(piece)
        else:
            out.append(piece if in_link else DOMAIN.sub(r'<span class="domain">\g<0></span>', piece))
    return "".join(out)

