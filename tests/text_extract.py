"""Text out of the built outputs, normalised so that line breaks, hyphenation and
markup cannot hide (or fake) a match."""

from __future__ import annotations

import html
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pypdfium2 as pdfium


BLOCKS = {"p", "li", "ul", "ol", "div", "section", "article", "aside", "table", "tr", "td", "th",
          "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "dl", "blockquote", "br", "main", "header",
          "footer", "nav", "figure", "figcaption"}


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "title"):
            self.skip += 1
        else:
            self.parts.append("\n" if tag in BLOCKS else " ")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "title"):
            self.skip -= 1
        else:
            self.parts.append("\n" if tag in BLOCKS else " ")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_text(markup: str) -> str:
    parser = _Text()
    parser.feed(markup)
    return html.unescape("".join(parser.parts))


def pdf_pages(path: Path) -> list[str]:
    document = pdfium.PdfDocument(str(path))
    try:
        return [document[i].get_textpage().get_text_range() for i in range(len(document))]
    finally:
        document.close()


def pdf_text(path: Path) -> str:
    return "\n".join(pdf_pages(path))


def pdf_body_text(path: Path) -> str:
    """The document's text without its running headers and footers (lines repeated on
    three pages or more), so a sentence crossing a page break reads whole."""
    pages = [page.splitlines() for page in pdf_pages(path)]
    shape = lambda line: re.sub(r"\d+", "#", line.strip())
    seen = Counter(shape(line) for lines in pages for line in set(lines))
    running = {line for line, count in seen.items() if count >= 3}
    kept = [line for lines in pages for line in lines if shape(line) not in running]
    # A page's last text line and its running header can come out as one line.
    headers = sorted((line for line in running if len(line) > 20 and "#" not in line), key=len, reverse=True)
    return "\n".join(_without_suffix(line, headers) for line in kept)


def _without_suffix(line: str, headers: list[str]) -> str:
    stripped = line.rstrip()
    for header in headers:
        if stripped.endswith(header) and len(stripped) > len(header):
            return stripped[: -len(header)]
    return line


def normalise(text: str) -> str:
    """Letters and digits only, lower case; PDF soft-hyphen marks removed."""
    text = text.replace("\ufffe", "").replace("\u00ad", "").replace("\u2010", "")
    return re.sub(r"[\W_]+", "", text.lower())


def sentences(text: str, min_words: int = 8) -> list[str]:
    """Sentences of a block of text (blocks are separated by newlines). Quotations are
    left out: a cited quote may rightly appear in both editions."""
    parts = re.split(r"(?<=[.!?])\s+|\n+", text)
    return [p.strip() for p in parts
            if len(p.split()) >= min_words and not re.fullmatch(r"[\"“].*[\"”][.,]?", p.strip())]
