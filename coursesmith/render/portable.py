"""Short texts (inline Markdown) for files that leave the site: question banks and LMS
packages. They carry HTML where the format takes it and plain text where it does not;
links to web pages keep their address, links inside the course or to project files keep
only their text (the package has no pages or files to point to)."""

from __future__ import annotations

import html as htmllib
import re

from markupsafe import Markup

from coursesmith.load.markdown import Link
from coursesmith.load.text import InlineMarkdown, LocalText
from coursesmith.render.markdown import to_html

TAG = re.compile(r"<[^>]+>")


def inline_html(text: LocalText | None, lang: str, languages: list[str]) -> Markup:
    """A short text as HTML: its inline Markdown rendered, or a plain text escaped."""
    if text is None:
        return Markup("")
    source = " ".join(text.get(lang, languages).split())
    if not isinstance(text, InlineMarkdown):
        return Markup.escape(source)
    return to_html(source, _web_only, lang, inline=True)


def inline_plain(text: LocalText | None, lang: str, languages: list[str]) -> str:
    """A short text as plain words: what a reader sees, without the Markdown marks."""
    return plain_text(str(inline_html(text, lang, languages)))


def plain_text(fragment: str) -> str:
    """The text of an HTML fragment, its white space collapsed."""
    return " ".join(htmllib.unescape(TAG.sub("", fragment)).split())


def _web_only(link: Link) -> str:
    return link.target if link.scheme in ("http", "https", "mailto") else ""
