"""Search that works from a USB stick: a browser refuses Pagefind's requests when the
site is opened from disk (file://), but it runs a <script> next to the page. So each
language gets its searchable pages' text as one JavaScript file, which the search
page loads, and searches with a small script of ours, only when opened from disk.

The text is what Pagefind indexes: the part of a page marked `data-pagefind-body`.
Reading it out of a page is the slow part, so a build keeps each page's text under a
digest of the page's HTML (SearchTexts), and an edit reads only the pages it changed.
"""
from __future__ import annotations

import hashlib
import json
import re
import time
from html.parser import HTMLParser
from pathlib import Path

from coursesmith.model import layout
from coursesmith.pruning import CacheLimits, keep_entry, mark_used, prune

SKIPPED = {"script", "style", "template"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _BodyText(HTMLParser):
    """The text inside the element marked data-pagefind-body, and its first heading."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # open elements inside the body (0: outside it)
        self.skipping = 0
        self.in_heading = False
        self.heading: list[str] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        if self.depth:
            self.depth += 1
            self.skipping += tag in SKIPPED
            if tag == "h1" and not self.heading:
                self.in_heading = True
        elif any(name == "data-pagefind-body" for name, _ in attrs):
            self.depth = 1

    def handle_endtag(self, tag: str) -> None:
        if not self.depth or tag in VOID:
            return
        self.depth -= 1
        self.skipping -= tag in SKIPPED
        if tag == "h1":
            self.in_heading = False
        self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skipping:
            self.parts.append(data)
            if self.in_heading:
                self.heading.append(data)


def page_record(html: str, url: str, texts: SearchTexts | None = None) -> dict[str, str] | None:
    """The search record of the page `html` at `url`; None when it has no text. `texts`
    keeps the text of pages read before."""
    found = texts.get(html) if texts is not None else None
    if found is None:
        found = _title_and_text(html)
        if texts is not None:
            texts.put(html, found)
    title, text = found
    if not text:
        return None
    return {"url": url, "title": title, "text": text}


def _title_and_text(html: str) -> tuple[str, str]:
    parser = _BodyText()
    parser.feed(html)
    return (re.sub(r"\s+", " ", "".join(parser.heading)).strip(),
            re.sub(r"\s+", " ", "".join(parser.parts)).strip())


class SearchTexts:
    """The (title, text) of pages, by a digest of each page's HTML, in `folder`
    (`<xx>/<digest>.json`); each entry is touched when used and pruned with the other
    caches. An entry that is not a title and a text is read as missing."""

    def __init__(self, folder: Path, limits: CacheLimits | None = None):
        self.folder = folder
        prune(folder, started=time.time(), suffix=".json", companions=(), limits=limits)

    def _path(self, html: str) -> Path:
        key = hashlib.sha256(html.encode("utf-8")).hexdigest()
        return self.folder / key[:2] / f"{key}.json"

    def get(self, html: str) -> tuple[str, str] | None:
        path = self._path(html)
        try:
            found = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not (isinstance(found, list) and len(found) == 2 and all(isinstance(part, str) for part in found)):
            return None
        mark_used(path)
        return found[0], found[1]

    def put(self, html: str, found: tuple[str, str]) -> None:
        """Keep a page's text; a cache that cannot be written is only a slower build."""
        keep_entry(self._path(html), json.dumps(list(found), ensure_ascii=False).encode("utf-8"))


def write_offline_indexes(site: Path, pages: list[str], texts: SearchTexts | None = None) -> None:
    """Write <lang>/search-index.js for every language among `pages` (paths below `site`)."""
    by_language: dict[str, list[dict[str, str]]] = {}
    for path in sorted(pages):
        lang = path.split("/", 1)[0]
        url = layout.relative_url(path, layout.search_page(lang))
        record = page_record((site / path).read_text(encoding="utf-8"), url, texts)
        if record is not None:
            by_language.setdefault(lang, []).append(record)
    for lang, records in sorted(by_language.items()):
        target = site / layout.offline_search_index(lang)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(index_script(records), encoding="utf-8", newline="\n")


def index_script(records: list[dict[str, str]]) -> str:
    """The script that hands the search page one language's records."""
    data = json.dumps(records, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f"window.coursesmithSearchIndex = {data};\n"
