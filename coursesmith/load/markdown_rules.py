"""The rules coursesmith adds to markdown-it: reading blocks (callouts), typography and code
highlighting (markdown_layout has headings, figures, tables and task lists).

Each rule works on markdown-it's token stream after parsing, so CommonMark decides what
is a list, a quote or a link, and these rules only give the result its course meaning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it.common.utils import unescapeAll
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markupsafe import escape
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

# Kinds of reading block and the HTML element each is: asides sit beside the text,
# sections are part of it.
CALLOUT_KINDS = {
    "note": "aside", "tip": "aside", "warning": "aside", "important": "aside", "caution": "aside",
    "example": "section", "exercise": "section", "solution": "section", "keypoints": "section",
    "facilitator": "section",
}
# Names other tools use for the same kinds (Quarto, MyST, the Carpentries' lesson template).
KIND_ALIASES = {
    "callout": "note", "hint": "tip", "attention": "important", "danger": "caution", "challenge": "exercise",
    "discussion": "exercise", "instructor": "facilitator", "facilitator-note": "facilitator",
    "key-points": "keypoints", "key_points": "keypoints", "testimonial": "example",
}
LABEL_TOKEN = "coursesmith-label-{}"
PLACEHOLDER = "coursesmith-link-{}"

_DIV_OPEN = re.compile(r"^(:{3,})[ \t]*([^:\s].*?)[ \t]*:*[ \t]*$")
_DIV_CLOSE = re.compile(r"^(:{3,})[ \t]*$")
_CODE_FENCE = re.compile(r"^(`{3,}|~{3,})")
_FENCE_INFO = re.compile(r"^\{?\s*\.?(?:callout-)?([A-Za-z][\w-]*)\}?\s*(.*)$")
_TITLE_ATTR = re.compile(r"title=[\"'](.*?)[\"']")
_ALERT = re.compile(r"^\[!([A-Za-z][\w-]*)\][ \t]*(.*)$")


@dataclass
class Notice:
    """Something in the text that will not come through as written."""

    code: str
    line: int
    """0-based line in the text."""
    values: dict = field(default_factory=dict)
    needle: str = ""
    """What to look for on that line to point at the construct itself."""


def fenced_div(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """Pandoc's fenced div: `::: kind [title]` opens, a bare `:::` closes, and divs nest
    with fences of any length (markdown-it-container would need longer outer fences)."""
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    opening = _DIV_OPEN.match(_line(state, start))
    if not opening:
        return False
    if silent:
        return True
    line, depth, in_code = start, 1, None
    while depth:
        line += 1
        if line >= end:
            break
        text = _line(state, line)
        if text and state.sCount[line] < state.blkIndent:
            break
        fence = _CODE_FENCE.match(text)
        if fence and (in_code is None or fence.group(1).startswith(in_code)):
            in_code = fence.group(1)[:3] if in_code is None else None
        elif in_code is None:
            depth += 1 if _DIV_OPEN.match(text) else -1 if _DIV_CLOSE.match(text) else 0
    closed = depth == 0
    old_parent, old_max = state.parentType, state.lineMax
    state.parentType, state.lineMax = "container", line
    token = state.push("container_div_open", "div", 1)
    token.markup, token.info, token.map, token.block = opening.group(1), opening.group(2), [start, line], True
    state.md.block.tokenize(state, start + 1, line)
    token = state.push("container_div_close", "div", -1)
    token.block = True
    state.parentType, state.lineMax = old_parent, old_max
    state.line = line + (1 if closed else 0)
    return True


def _line(state: StateBlock, number: int) -> str:
    return state.src[state.bMarks[number] + state.tShift[number]:state.eMarks[number]]


def kind_of(name: str) -> str | None:
    name = name.lower()
    name = KIND_ALIASES.get(name, name)
    return name if name in CALLOUT_KINDS else None


def callouts(state: StateCore) -> None:
    """Fenced divs (`::: note`) and GitHub alerts (`> [!NOTE]`) become callout tokens;
    an unknown kind keeps its content as a plain block, with a notice."""
    tokens, opened = state.tokens, []
    for i, token in enumerate(tokens):
        if token.type == "container_div_open":
            name, title = _fence_info(token.info)
            title = title or _heading_title(tokens, i, name)
            opened.append(_open_callout(state, token, name, title, fenced=True))
        elif token.type == "container_div_close":
            _close_callout(token, opened.pop())
        elif token.type == "blockquote_open" and _alert_marker(tokens, i):
            name, title = _alert_marker(tokens, i)
            token.meta["alert"] = True
            opened.append(_open_callout(state, token, name, title, fenced=False))
            _drop_marker(tokens, i)
        elif token.type == "blockquote_open":
            opened.append(None)
        elif token.type == "blockquote_close":
            kind = opened.pop()
            if kind is not None:
                _close_callout(token, kind)


def _heading_title(tokens: list[Token], i: int, name: str) -> str:
    """A block that opens with a heading (`## Solution`, as the Carpentries write them) has
    that heading as its title, not in its text; a title that only repeats the kind is dropped."""
    if i + 3 >= len(tokens) or tokens[i + 1].type != "heading_open" or tokens[i + 2].type != "inline":
        return ""
    inline = tokens[i + 2]
    title = inline.content.strip()
    tokens[i + 1].hidden = tokens[i + 3].hidden = True
    inline.type, inline.content, inline.children = "text", "", []  # renders nothing
    return "" if title.lower() in (name.lower(), kind_of(name)) else title


def _fence_info(info: str) -> tuple[str, str]:
    """Kind and title of `::: exercise My title`, `::: {.callout-note title="…"}`, `:::{note}`."""
    found = _FENCE_INFO.match(info.strip())
    if not found:
        return info.strip(), ""
    name, rest = found.groups()
    titled = _TITLE_ATTR.search(rest)
    return name, (titled.group(1) if titled else rest.rstrip("}").strip())


def _alert_marker(tokens: list[Token], i: int) -> tuple[str, str] | None:
    if i + 2 >= len(tokens) or tokens[i + 1].type != "paragraph_open":
        return None
    first_line = tokens[i + 2].content.split("\n", 1)[0]
    found = _ALERT.match(first_line)
    return (found.group(1), found.group(2).strip()) if found else None


def _drop_marker(tokens: list[Token], i: int) -> None:
    """Remove the `[!NOTE] title` line from the quote's first paragraph (and the paragraph
    itself when that line was all of it)."""
    inline = tokens[i + 2]
    rest = inline.content.split("\n", 1)
    inline.content = rest[1] if len(rest) > 1 else ""
    if not inline.content.strip():
        tokens[i + 1].hidden = tokens[i + 3].hidden = True
        inline.type = "text"  # renders nothing: its content is empty


def _open_callout(state: StateCore, token: Token, name: str, title: str, fenced: bool) -> str:
    kind = kind_of(name)
    start, end = token.map or (0, 0)
    # The lines a participant edition cuts out: a fenced div's closing marker is its last line.
    token.meta.update(kind=kind or "", name=name, title=title, lines=(start, end + 1 if fenced else end))
    token.type, token.tag = "callout_open", CALLOUT_KINDS.get(kind or "", "div")
    if kind is None:
        state.env.setdefault("notices", []).append(
            Notice("unknown-callout", start, {"name": name or "(none)", "known": ", ".join(CALLOUT_KINDS)},
                   name or ":::"))
    return kind or ""


def _close_callout(token: Token, kind: str) -> None:
    token.type, token.tag = "callout_close", CALLOUT_KINDS.get(kind, "div")


def render_callout(self, tokens: list[Token], idx: int, options, env) -> str:
    token = tokens[idx]
    if token.nesting == -1:
        return f"</{token.tag}>\n"
    kind, title = token.meta["kind"], token.meta["title"]
    if not kind:
        return '<div class="callout">\n'
    label = LABEL_TOKEN.format(kind)
    name = f"{label}: {escape(title)}" if title else label
    shown = f'<span class="callout-kind">{label}</span>' + (f" {escape(title)}" if title else "")
    return (f'<{token.tag} class="callout callout-{kind}" aria-label="{name}">\n'
            f'<p class="callout-title">{shown}</p>\n')


def blocks_of(tokens: list[Token], kinds: set[str]) -> list[tuple[int, int]]:
    """Line ranges (start, end) of the callouts of `kinds`, outermost first."""
    return [t.meta["lines"] for t in tokens if t.type == "callout_open" and t.meta["kind"] in kinds]


# --- typography ----------------------------------------------------------------------------

_DASHES = (
    (re.compile(r"(^|[^-])---(?=[^-]|$)", re.M), "\\1\u2014"),
    (re.compile(r"(^|\s)--(?=\s|$)", re.M), "\\1\u2013"),
    (re.compile(r"(^|[^-\s])--(?=[^-\s]|$)", re.M), "\\1\u2013"),
)


def typography(state: StateCore) -> None:
    """En and em dashes and the ellipsis, in text only (never in code, URLs or raw HTML).
    markdown-it's own replacements would also turn an enumeration's `(c)` into ©."""
    for token in state.tokens:
        if token.type != "inline" or not token.children:
            continue
        in_autolink = False
        for child in token.children:
            if child.type in ("link_open", "link_close") and child.markup in ("autolink", "linkify"):
                in_autolink = child.type == "link_open"
            elif child.type == "text" and not in_autolink:
                text = child.content.replace("...", "\u2026")
                if "--" in text:  # every dash rule needs two hyphens
                    for pattern, replacement in _DASHES:
                        text = pattern.sub(replacement, text)
                child.content = text


# --- code -----------------------------------------------------------------------------------

_FORMATTER = HtmlFormatter(nowrap=True)


def render_fence(self, tokens: list[Token], idx: int, options, env) -> str:
    """A fenced block: Pygments' token spans when it knows the language, else the code
    as it is. The language is named for readers of the HTML and for styles."""
    token = tokens[idx]
    info = unescapeAll(token.info).strip()
    language = info.split(maxsplit=1)[0] if info else ""
    code = _highlighted(token.content, language) if language else None
    body = code if code is not None else str(escape(token.content))
    named = f' data-language="{escape(language)}"' if language else ""
    return f'<pre class="code-block"{named}><code>{body}</code></pre>\n'


def _highlighted(code: str, language: str) -> str | None:
    try:
        lexer = get_lexer_by_name(language.lower(), stripnl=False, ensurenl=False)
    except ClassNotFound:
        return None
    return highlight(code, lexer, _FORMATTER)
