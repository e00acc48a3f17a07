"""Converted Markdown made ready for one page: each link target and image path rewritten
for where the page goes, and the reading blocks' labels in the page's language."""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from markupsafe import Markup, escape

from coursesmith.load.markdown import PLACEHOLDER, URL_SCHEMES, Link, convert, convert_inline
from coursesmith.load.markdown_rules import LABEL_TOKEN

# What a rewrite may give: a URL, or the attributes of a course link as a mapping
# (`href` and any data attributes), or "" to keep the link's text without a target.
Rewritten = str | Mapping[str, str]


def to_html(text: str, rewrite: Callable[[Link], Rewritten], lang: str = "", heading: int = 3,
            labels: Mapping[str, str] | None = None, inline: bool = False,
            figure: Callable[[Link], str | None] | None = None) -> Markup:
    """Render Markdown (only its inline part when `inline`), giving each image's src and
    each link's href what `rewrite` returns for it (an empty result drops the target).
    `figure` may draw an image another way: what it returns replaces the whole <img>."""
    converted = convert_inline(text, lang) if inline else convert(text, lang, heading)
    html = converted.html
    for number, link in enumerate(converted.links):
        if link.raw:
            continue
        token = PLACEHOLDER.format(number)
        drawn = figure(link) if figure and link.kind == "image" else None
        if drawn:
            html = re.sub(rf'<img\b[^>]*\ssrc="{token}"[^>]*>', lambda img: _sized(drawn, img[0]), html, count=1)
            continue
        html = _put(html, token, link, rewrite(link))
    return Markup(keep_domains_whole(_labelled(html, labels or {})))


WIDTH = re.compile(r'\sstyle="(width:[^"]*)"')


def _sized(drawn: str, img: str) -> str:
    """A drawing keeps the width its author gave the image (`{width=50%}`)."""
    width = WIDTH.search(img)
    return re.sub(r"^<(\w+)", lambda tag: f'{tag[0]} style="{width[1]}"', drawn, count=1) if width else drawn


def _put(html: str, token: str, link: Link, new: Rewritten) -> str:
    attr = "src" if link.kind == "image" else "href"
    if isinstance(new, Mapping):
        extra = " ".join(f'{name}="{escape(value)}"' for name, value in new.items() if name != "text")
        if not link.text.strip() and new.get("text"):  # `[](lesson:X)` reads as X's title
            return html.replace(f'{attr}="{token}"></a>', f'{extra}>{escape(new["text"])}</a>')
        return html.replace(f'{attr}="{token}"', extra)
    if new and not _safe(new):
        new = ""
    if new:
        return html.replace(f'"{token}"', f'"{escape(new)}"')
    return html.replace(f' {attr}="{token}"', "")


def _safe(url: str) -> bool:
    """Sanitising saw only placeholders: the real target must pass the same rule."""
    scheme = url.split(":", 1)[0].lower() if ":" in url.split("/", 1)[0] else ""
    return scheme in ("", *URL_SCHEMES)


def _labelled(html: str, labels: Mapping[str, str]) -> str:
    if "coursesmith-label-" not in html:
        return html
    for name, label in labels.items():
        html = html.replace(LABEL_TOKEN.format(name), str(escape(label)))
    return html


DOMAIN = re.compile(r"\b(?:[a-z0-9-]+\.)+(?:com|org|net|info|id)\b", re.IGNORECASE)
PIECES = re.compile(r"(<[^>]*>)")


def keep_domains_whole(html: str) -> str:
    """Mark domain names in running text (beritairn.com) as `<span class="domain">`, which
    the print stylesheet never hyphenates: WeasyPrint hyphenates each part between dots
    as a word of its own. Text inside links is left alone (a link holds only text, for
    PDF/UA), and so are inline SVG drawings (a span is not SVG), tags and their attributes."""
    if DOMAIN.search(html) is None:  # most texts name no domain: one scan instead of one per piece
        return html
    out, in_link = [], 0
    for piece in PIECES.split(html):
        if piece.startswith("<"):
            in_link += piece.startswith(("<a ", "<svg")) or piece == "<a>"
            in_link -= piece in ("</a>", "</svg>")
            out.append(piece)
        else:
            out.append(piece if in_link else DOMAIN.sub(r'<span class="domain">\g<0></span>', piece))
    return "".join(out)
