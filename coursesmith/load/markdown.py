"""Markdown to sanitised HTML, once per text, with the images and files it refers to."""
from __future__ import annotations

import xml.etree.ElementTree as etree
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor

# What authors' Markdown may produce; raw HTML outside this list is removed.
ALLOWED_TAGS = {
    "p", "br", "hr", "em", "strong", "b", "i", "u", "s", "sub", "sup", "small", "mark",
    "code", "pre", "kbd", "blockquote", "q", "cite", "abbr", "dfn",
    "ul", "ol", "li", "dl", "dt", "dd",
    "h3", "h4", "h5", "h6",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
    "a", "img", "figure", "figcaption", "span",
}


ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "abbr": {"title"},
    "ol": {"start"},
}


URL_SCHEMES = {"http", "https", "mailto"}


@dataclass(frozen=True)
class AssetRef:
    """A project file an author's Markdown refers to, as written: an image, or a link
    to a file (a printable form, a slide deck) rather than to a web page."""

    target: str
    alt: str
    kind: str = "image"

    @property
    def what(self) -> str:
        return "image" if self.kind == "image" else "linked file"


def is_local_link(href: str) -> bool:
    """A link to a file of the project, not to a web page, an e-mail address or an anchor."""
    if not href or href.startswith("#"):
        return False
    return _scheme(href) not in URL_SCHEMES


class AssetProblem(Exception):
    """An image path that cannot be used; `code` is a message code."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def resolve_asset(target: str, folder: Path, root: Path) -> Path:
    """The file a relative asset path names, or AssetProblem when it is remote,
    absolute, outside the project or missing. Symlinks are followed before the
    inside-the-project check, so a link pointing out is refused too."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or target.startswith(("/", "\\")) or PurePosixPath(target).is_absolute():
        raise AssetProblem("asset-remote")
    path = (folder / unquote(parts.path)).resolve()
    if not path.is_relative_to(root.resolve()):
        raise AssetProblem("asset-outside")
    if not path.is_file():
        raise AssetProblem("asset-missing")
    return path


PLACEHOLDER = "coursesmith-asset-{}"


@dataclass(frozen=True)
class WrittenUrl:
    """A URL exactly as an author wrote it: a link's href or an image's src, in Markdown
    or in raw HTML (`raw`). The resource policy checks each one's scheme."""

    url: str
    kind: str  # "link" or "image"
    raw: bool = False


class _AssetRecorder(Treeprocessor):
    """Replaces each image source and each link to a project file by a numbered
    placeholder, remembering what it replaced; tidies tables on the way."""

    def __init__(self, md: markdown.Markdown):
        super().__init__(md)
        self.found: list[AssetRef] = []
        self.written: list[WrittenUrl] = []

    def run(self, root: etree.Element) -> None:
        for img in root.iter("img"):
            self.written.append(WrittenUrl(img.get("src", ""), "image"))
            img.set("src", self.placeholder(AssetRef(img.get("src", ""), img.get("alt", ""))))
        for link in root.iter("a"):
            href = link.get("href", "")
            self.written.append(WrittenUrl(href, "link"))
            if is_local_link(href):
                link.set("href", self.placeholder(AssetRef(href, "".join(link.itertext()), "link")))
        for table in root.iter("table"):
            for th in table.iter("th"):
                th.set("scope", "col")
        for cell in root.iter():
            if cell.tag in ("th", "td"):
                cell.attrib.pop("style", None)
        _captions(root)

    def placeholder(self, ref: AssetRef) -> str:
        self.found.append(ref)
        return PLACEHOLDER.format(len(self.found) - 1)


CAPTION_PREFIXES = ("Table:", "Tabel:")


def _captions(root: etree.Element) -> None:
    """Give tables and figures their captions, so print can number them: a paragraph
    "Table: …" (or "Tabel: …") just before a table becomes its <caption>, and a paragraph
    holding only an image with a title becomes a <figure> whose <figcaption> is the title."""
    for parent in list(root.iter()):
        children = list(parent)
        for before, table in zip(children, children[1:]):
            if table.tag == "table" and _is_caption(before):
                parent.remove(before)
                caption = etree.Element("caption")
                caption.text = before.text.split(":", 1)[1].lstrip()
                caption.extend(list(before))
                table.insert(0, caption)
        for child in list(parent):
            if child.tag == "p" and _lone_titled_image(child):
                image = child[0]
                child.tag, child.text = "figure", None
                image.tail = None
                caption = etree.SubElement(child, "figcaption")
                caption.text = image.attrib.pop("title")


def _is_caption(element: etree.Element) -> bool:
    return element.tag == "p" and (element.text or "").lstrip().startswith(CAPTION_PREFIXES)


def _lone_titled_image(paragraph: etree.Element) -> bool:
    return (len(paragraph) == 1 and paragraph[0].tag == "img" and bool(paragraph[0].get("title"))
            and not (paragraph.text or "").strip() and not (paragraph[0].tail or "").strip())


@dataclass(frozen=True)
class Converted:
    """A Markdown text converted once: sanitised HTML with placeholders where paths go,
    the files it refers to, and what sanitising removed from its raw HTML."""

    html: str
    assets: tuple[AssetRef, ...]
    removals: tuple[Removal, ...]
    links: tuple[WrittenUrl, ...] = ()
    """Every link and image URL the author wrote, in Markdown and in raw HTML."""


@lru_cache(maxsize=None)
def convert(text: str) -> Converted:
    md = markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")
    recorder = _AssetRecorder(md)
    md.treeprocessors.register(recorder, "coursesmith-assets", 0)
    html = md.convert(text)
    removals, raw_urls = _removals(md.htmlStash.rawHtmlBlocks)
    clean = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                      url_schemes=URL_SCHEMES, link_rel="noopener")
    return Converted(clean, tuple(recorder.found), tuple(removals), (*recorder.written, *raw_urls))


def links_in(text: str) -> list[WrittenUrl]:
    """Every URL a Markdown text writes, as written."""
    return list(convert(text).links)


def assets_in(text: str) -> list[AssetRef]:
    """The images and linked project files a Markdown text refers to."""
    return list(convert(text).assets)


@dataclass(frozen=True)
class Removal:
    """Something in an author's raw HTML that sanitising removes."""

    fragment: str
    what: str


class _RawHtml(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.removed: list[str] = []
        self.urls: list[WrittenUrl] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.removed.append(f"<{tag}>")
            return
        for name, value in attrs:
            if name not in ALLOWED_ATTRIBUTES.get(tag, set()):
                self.removed.append(f"the {name} attribute of <{tag}>")
            elif name in ("href", "src") and value is not None:
                self.urls.append(WrittenUrl(value, "link" if name == "href" else "image", raw=True))

    handle_startendtag = handle_starttag


def _scheme(url: str) -> str:
    return urlsplit(url.strip()).scheme.lower()


def _removals(fragments) -> tuple[list[Removal], list[WrittenUrl]]:
    removals, urls = [], []
    for fragment in fragments:
        parser = _RawHtml()
        parser.feed(str(fragment))
        removals += [Removal(str(fragment).strip().splitlines()[0][:40], what) for what in parser.removed]
        urls += parser.urls
    return removals, urls


def raw_html_removals(text: str) -> list[Removal]:
    """What sanitising removes from the raw HTML in a Markdown text, fragment by fragment."""
    return list(convert(text).removals)

