"""Markdown as CommonMark and GitHub read it, converted once into safe HTML with a record
of every link and image an author wrote, and of what will not come through.

The engine is markdown-it-py (CommonMark-conformant) with mdit-py-plugins for footnotes,
definition lists and fenced divs; coursesmith's own rules are in markdown_rules.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin
from pygments.token import STANDARD_TYPES

from . import markdown_layout as layout
from . import markdown_rules as rules
from .markdown_rules import CALLOUT_KINDS, PLACEHOLDER, Notice

# What authors' Markdown may produce; raw HTML outside this list is removed.
ALLOWED_TAGS = {
    "p", "br", "hr", "em", "strong", "b", "i", "u", "s", "del", "sub", "sup", "small", "mark",
    "code", "pre", "kbd", "samp", "var", "blockquote", "q", "cite", "abbr", "dfn",
    "ul", "ol", "li", "dl", "dt", "dd",
    "h3", "h4", "h5", "h6",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
    "a", "img", "figure", "figcaption", "span", "aside", "section", "div",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "id"},
    "img": {"src", "alt", "title", "width", "height", "style"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "abbr": {"title"},
    "ol": {"start", "style"},
    "li": {"id"},
    "pre": {"data-language"},
    "aside": {"aria-label"},
    "section": {"aria-label"},
    "span": {"aria-hidden"},
    **{h: {"id"} for h in ("h3", "h4", "h5", "h6")},
}
_PYGMENTS = {name for name in STANDARD_TYPES.values() if name}
ALLOWED_CLASSES = {
    "span": _PYGMENTS | {"callout-kind", "task-box", "visually-hidden", "math"},
    "pre": {"code-block"},
    "aside": {"callout", *(f"callout-{k}" for k in CALLOUT_KINDS)},
    "section": {"callout", "footnotes", *(f"callout-{k}" for k in CALLOUT_KINDS)},
    "div": {"callout"},
    "p": {"callout-title"},
    "li": {"task", "done", "footnote-item"},
    "ul": {"contains-task-list"},
    "ol": {"footnotes-list"},
    "sup": {"footnote-ref"},
    "a": {"footnote-backref"},
    "hr": {"footnotes-sep"},
    "th": {"align-left", "align-center", "align-right"},
    "td": {"align-left", "align-center", "align-right"},
    "code": {"math"},
}
URL_SCHEMES = {"http", "https", "mailto"}
MATH_TOKENS = ("math_inline", "math_block", "math_block_label", "math_inline_double")
# Links to other parts of the course: `lesson:KOAL-02#section-code`.
COURSE_SCHEMES = ("lesson", "case", "glossary", "worksheet")
# How each language quotes: double open, double close, single open, single close.
QUOTES = {"en": "“”‘’", "id": "“”‘’", "ms": "“”‘’", "nl": "“”‘’", "de": "„“‚‘", "fr": ["« ", " »", "‹ ", " ›"]}


@dataclass(frozen=True)
class Link:
    """A link target or image source as an author wrote it, where it is in the text."""

    kind: str
    """`image` or `link`."""
    target: str
    text: str
    """The link's text or the image's alt text."""
    line: int
    """0-based line of the text where the target is written."""
    column: int
    """0-based column of the target on that line (0 when it could not be found)."""
    raw: bool = False
    """Written in raw HTML (`<a href>`, `<img src>`) rather than Markdown."""

    @property
    def scheme(self) -> str:
        return _scheme(self.target)

    @property
    def is_course(self) -> bool:
        """A link to a lesson, case, glossary term or worksheet of this course."""
        return self.scheme in COURSE_SCHEMES

    @property
    def is_local(self) -> bool:
        """A link to a file of the project, not to a web page, an anchor or the course."""
        return is_local_link(self.target)

    @property
    def what(self) -> str:
        return "image" if self.kind == "image" else "linked file"

    # The names the asset checks used before links carried positions.
    @property
    def alt(self) -> str:
        return self.text


AssetRef = Link


def is_local_link(href: str) -> bool:
    """A link to a file of the project, not to a web page, an e-mail address, an anchor or
    another part of the course."""
    if not href or href.startswith("#"):
        return False
    return _scheme(href) not in (*URL_SCHEMES, *COURSE_SCHEMES)


@dataclass(frozen=True)
class Removal:
    """Something in an author's raw HTML that sanitising removes."""

    fragment: str
    what: str


@dataclass(frozen=True)
class Converted:
    """A Markdown text converted once: sanitised HTML with placeholders where link targets
    go (`coursesmith-link-N`, N indexing `links`), every link and image, what sanitising
    removed from its raw HTML, and what else will not come through."""

    html: str
    links: tuple[Link, ...]
    removals: tuple[Removal, ...]
    notices: tuple[Notice, ...]

    @property
    def assets(self) -> tuple[Link, ...]:
        """The images and linked project files: what must be a file of the project."""
        return tuple(link for link in self.links
                     if not link.raw and (link.kind == "image" or link.is_local))


@lru_cache(maxsize=32)
def parser(lang: str = "") -> MarkdownIt:
    """The one Markdown parser for a language (its quotation marks); no typography
    when `lang` is empty."""
    md = MarkdownIt("commonmark", {"typographer": bool(lang), "quotes": QUOTES.get(lang, QUOTES["en"])})
    md.enable(["table", "strikethrough"])
    if lang:
        md.enable("smartquotes")
    md.options["tasklists"] = True
    md.validateLink = lambda url: True  # record every target; sanitising decides what survives
    md.use(footnote_plugin, inline=False).use(deflist_plugin).use(dollarmath_plugin)
    md.block.ruler.before("fence", "fenced_div", rules.fenced_div,
                          {"alt": ["paragraph", "reference", "blockquote", "list"]})
    md.core.ruler.after("block", "coursesmith_callouts", rules.callouts)
    md.core.ruler.push("coursesmith_headings", layout.heading_levels)
    # Attributes (`{#id}`, `{alt="…"}`) are read as written, before quotes and dashes are set.
    md.core.ruler.after("inline", "coursesmith_figures", layout.figures)
    md.core.ruler.after("inline", "coursesmith_heading_ids", layout.heading_ids)
    md.core.ruler.push("coursesmith_tables", layout.tables_and_tasks)
    md.core.ruler.push("coursesmith_captions", layout.table_captions)
    if lang:
        md.core.ruler.push("coursesmith_typography", rules.typography)
    md.add_render_rule("callout_open", rules.render_callout)
    md.add_render_rule("callout_close", rules.render_callout)
    md.add_render_rule("list_item_open", layout.render_task_box)
    md.add_render_rule("fence", rules.render_fence)
    for math in MATH_TOKENS:
        md.add_render_rule(math, _render_math)
    return md


def _render_math(self, tokens: list[Token], idx: int, options, env) -> str:
    """Formulas are not typeset: they show as written, and the author is told."""
    token = tokens[idx]
    env.setdefault("notices", []).append(math_notice(tokens, idx, env))
    text = nh3.clean_text(token.markup + token.content + token.markup)
    return f'<code class="math">{text}</code>' if token.type == "math_inline" else f"<pre><code class=\"math\">{text}</code></pre>\n"


def math_notice(tokens: list[Token], idx: int, env) -> Notice:
    """What rendering the formula `tokens[idx]` says: where it is, what to look for."""
    return Notice("unsupported-math", _line_of(tokens, idx, env), {}, tokens[idx].markup)


def _line_of(tokens: list[Token], idx: int, env) -> int:
    return next((t.map[0] for t in reversed(tokens[:idx + 1]) if t.map), env.get("block_line", 0))


CONVERSIONS_KEPT = 32768
"""Conversions kept in a process, the most recently used: a whole course's texts in
every language several times over, while a preview that runs all day, whose every save
brings new texts, stays bounded."""


@lru_cache(maxsize=CONVERSIONS_KEPT)
def convert(text: str, lang: str = "", heading: int = 3) -> Converted:
    """Convert `text`, with the quotation marks of `lang` (no typography when empty) and
    its top heading at level `heading` (h3 by default: pages own h1 and h2)."""
    md = parser(lang)
    env = block_env(text, heading)
    return _converted(md, md.parse(text, env), text, env)


def block_env(text: str, heading: int = 3) -> dict:
    """What parsing and rendering a block text share: its top heading level, its footnotes'
    prefix and the notices found so far."""
    return {"heading": heading, "docId": hashlib.sha1(text.encode()).hexdigest()[:6], "notices": []}


@lru_cache(maxsize=CONVERSIONS_KEPT)
def convert_inline(text: str, lang: str = "") -> Converted:
    """Convert a short text's inline Markdown (emphasis, code, links), without paragraphs."""
    md = parser(lang)
    env = {"notices": []}
    return _converted(md, md.parseInline(text, env), text, env)


def _converted(md: MarkdownIt, tokens: list[Token], text: str, env: dict) -> Converted:
    links = record_links(tokens, text)
    html = md.renderer.render(tokens, md.options, env)
    removals = tuple(removals_in(tokens))
    clean = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, allowed_classes=ALLOWED_CLASSES,
                      url_schemes=URL_SCHEMES, link_rel=None, filter_style_properties={"width", "counter-reset"})
    return Converted(clean, tuple(links), removals, tuple(env["notices"]))


# --- the record of links --------------------------------------------------------------------


def record_links(tokens: list[Token], text: str) -> list[Link]:
    """Every link and image in written order, each target replaced by its placeholder."""
    finder, links = _Finder(text), []
    for block in tokens:
        if block.type in ("html_block",):
            links += _raw_links(block.content, finder, block.map[0] if block.map else 0)
        if block.type != "inline" or not block.children:
            continue
        line = block.map[0] if block.map else 0
        label = None
        for child in block.children:
            if child.type == "link_open":
                label = (child, [])
            elif child.type == "link_close" and label:
                opening, words = label
                links.append(_placed(opening, "href", "link", "".join(words), finder, line, len(links)))
                label = None
            elif child.type == "image":
                words = "".join(c.content for c in child.children or ())
                links.append(_placed(child, "src", "image", words, finder, line, len(links)))
            elif child.type == "html_inline" and not child.meta.get("ours"):
                links += _raw_links(child.content, finder, line)
            elif label and child.type in ("text", "code_inline"):
                label[1].append(child.content)
    return links


def _placed(token: Token, attr: str, kind: str, words: str, finder: _Finder, line: int, number: int) -> Link:
    target = str(token.attrGet(attr) or "")
    at_line, column = finder.find(target, line)
    token.attrSet(attr, PLACEHOLDER.format(number))
    return Link(kind, target, words, at_line, column)


class _Finder:
    """Finds targets in the source text in order, so two links to one file each get their own place."""

    def __init__(self, text: str):
        self.lines = text.splitlines() or [""]
        self.after: dict[str, tuple[int, int]] = {}

    def find(self, target: str, line: int) -> tuple[int, int]:
        for needle in dict.fromkeys((target, unquote(target))):
            if not needle:
                continue
            start, skip = (line, 0), self.after.get(needle)
            if skip and skip >= start:
                start = (skip[0], skip[1] + 1)
            for number in range(start[0], len(self.lines)):
                column = self.lines[number].find(needle, start[1] if number == start[0] else 0)
                if column >= 0:
                    self.after[needle] = (number, column)
                    return number, column
        return line, 0


def _raw_links(html: str, finder: _Finder, line: int) -> list[Link]:
    parser = _RawHtml()
    parser.feed(html)
    found = []
    for tag, attr, value in parser.targets:
        at_line, column = finder.find(value, line)
        found.append(Link("image" if tag == "img" else "link", value, "", at_line, column, raw=True))
    return found


# --- raw HTML ---------------------------------------------------------------------------------


class _RawHtml(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.removed: list[str] = []
        self.targets: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.targets.append((tag, name, value))
        if tag not in ALLOWED_TAGS:
            self.removed.append(f"<{tag}>")
            return
        for name, value in attrs:
            if name not in ALLOWED_ATTRIBUTES.get(tag, set()) and name != "class":  # schemes: check/resources
                self.removed.append(f"the {name} attribute of <{tag}>")

    handle_startendtag = handle_starttag


def _scheme(url: str) -> str:
    return urlsplit(url.strip()).scheme.lower()


def removals_in(tokens: list[Token]) -> list[Removal]:
    fragments = [t.content for t in tokens if t.type == "html_block"]
    fragments += [c.content for t in tokens if t.type == "inline" and t.children
                  for c in t.children if c.type == "html_inline" and not c.meta.get("ours")]
    removals = []
    for fragment in fragments:
        parser = _RawHtml()
        parser.feed(fragment)
        removals += [Removal(fragment.strip().splitlines()[0][:40], what) for what in parser.removed]
    return removals


def raw_html_removals(text: str) -> list[Removal]:
    """What sanitising removes from the raw HTML in a Markdown text, fragment by fragment."""
    return list(convert(text).removals)


def assets_in(text: str) -> list[Link]:
    """The images and linked project files a Markdown text refers to."""
    return list(convert(text).assets)


# --- project files ------------------------------------------------------------------------------


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
