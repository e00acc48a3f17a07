"""The rules that give a Markdown text its place on a page: heading levels and ids,
figures and image attributes, tables (scope, alignment, captions, a body) and task lists.

Like markdown_rules, each works on markdown-it's token stream after parsing.
"""

from __future__ import annotations

import re

from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markupsafe import escape

from .markdown_rules import LABEL_TOKEN, Notice

_ATTR_PATTERN = r"""(?:[#.][\w-]+|(?P<key>[A-Za-z][\w-]*)\s*=\s*(?:"(?P<q2>[^"]*)"|'(?P<q1>[^']*)'|(?P<bare>[^\s"'{}]+)))"""
_ATTR = re.compile(_ATTR_PATTERN)
_ATTRS = re.compile(r"^\{\s*((?:" + _ATTR_PATTERN.replace("?P<key>", "").replace("?P<q2>", "").replace("?P<q1>", "")
                    .replace("?P<bare>", "") + r"\s*)+)\}")
_HEADING_ID = re.compile(r"\s*\{\s*#(?P<id>[A-Za-z][\w-]*)(?:\s+[^{}]*)?\}\s*$")
_GOOD_WIDTH = re.compile(r"^(?:[1-9]\d{0,3}(?:px)?|(?:[1-9]\d?|100)%)$")


def heading_levels(state: StateCore) -> None:
    """The top heading level an author used becomes `env["heading"]`; the rest follow."""
    wanted = state.env.get("heading")
    headings = [t for t in state.tokens if t.type in ("heading_open", "heading_close")]
    if not wanted or not headings:
        return
    shift = wanted - min(int(t.tag[1]) for t in headings)
    for token in headings:
        token.tag = f"h{min(6, int(token.tag[1]) + shift)}"


def figures(state: StateCore) -> None:
    """An image alone in its paragraph with a title is a figure with that caption;
    `{width=50%}` right after an image sets its width."""
    tokens = state.tokens
    for i, token in enumerate(tokens):
        if token.type != "inline" or not token.children:
            continue
        _image_widths(state, token)
        images = [c for c in token.children if c.type == "image"]
        alone = len(images) == 1 and all(c.type == "image" or (c.type == "text" and not c.content.strip())
                                          for c in token.children)
        title = images[0].attrGet("title") if images else None
        if alone and title and tokens[i - 1].type == "paragraph_open":
            tokens[i - 1].tag = tokens[i + 1].tag = "figure"
            caption = Token("html_inline", "", 0, content=f"<figcaption>{escape(title)}</figcaption>")
            caption.meta["ours"] = True
            token.children.append(caption)


def _image_widths(state: StateCore, inline: Token) -> None:
    """Pandoc's attributes after an image, as the Carpentries' lessons write them:
    `{width=50%}` sets its width, `{alt='…'}` its alternative text; ids and classes
    are for other tools' styles and are left out."""
    children = inline.children
    for image, after in zip(children, children[1:]):
        found = _ATTRS.match(after.content) if image.type == "image" and after.type == "text" else None
        if not found:
            continue
        after.content = after.content[found.end():]
        values = {m["key"]: next(v for v in m.group("q2", "q1", "bare") if v is not None)
                  for m in _ATTR.finditer(found.group(1)) if m["key"]}
        if values.get("alt"):
            image.children = [Token("text", "", 0, content=values["alt"])]
            image.content = values["alt"]
        if "width" in values:
            _set_width(state, inline, image, values["width"], found.group(0))


def _set_width(state: StateCore, inline: Token, image: Token, width: str, written: str) -> None:
    if _GOOD_WIDTH.match(width):
        image.attrSet("style", f"width: {width if width.endswith('%') else width.rstrip('px') + 'px'}")
    else:
        state.env.setdefault("notices", []).append(
            Notice("bad-image-width", (inline.map or (0, 0))[0], {"width": width}, written))


def heading_ids(state: StateCore) -> None:
    """`## Title {#name}` (Pandoc's heading id) gives the heading that id, so the text's
    own links to `#name` arrive; the braces are not shown."""
    tokens = state.tokens
    for opening, inline in zip(tokens, tokens[1:]):
        if opening.type != "heading_open" or not inline.children or inline.children[-1].type != "text":
            continue
        last = inline.children[-1]
        found = _HEADING_ID.search(last.content)
        if found:
            last.content = last.content[:found.start()]
            inline.content = _HEADING_ID.sub("", inline.content)
            opening.attrSet("id", found["id"])


def tables_and_tasks(state: StateCore) -> None:
    """Header cells get `scope`, alignment becomes a class, task items a drawn box, and an
    ordered list its start number in a form print understands too."""
    for token in state.tokens:
        if token.type in ("th_open", "td_open"):
            align = (token.attrGet("style") or "").removeprefix("text-align:")
            token.attrs.pop("style", None)
            if align:
                token.attrSet("class", f"align-{align}")
            if token.type == "th_open":
                token.attrSet("scope", "col")
        elif token.type == "ordered_list_open" and token.attrGet("start"):
            # WeasyPrint ignores `start`; the counter it does read says the same.
            token.attrSet("style", f"counter-reset: list-item {int(token.attrGet('start')) - 1}")
        elif token.type == "list_item_open" and "checked" in (token.meta or {}):
            token.attrSet("class", "task done" if token.meta["checked"] else "task")
            token.meta.pop("checked")
    _give_bodies(state)


def _give_bodies(state: StateCore) -> None:
    """A table of nothing but a header row (the columns of a table to fill in) gets one
    empty body row, as the old engine gave it: a table with a head and no body is not
    accessible (PDF/UA-1 asks for a TBody beside every THead), and the row shows the shape."""
    tokens, out = state.tokens, []
    for i, token in enumerate(tokens):
        out.append(token)
        if token.type == "thead_close" and i + 1 < len(tokens) and tokens[i + 1].type == "table_close":
            start = max(j for j in range(i) if tokens[j].type == "thead_open")
            heads = [t for t in tokens[start:i] if t.type == "th_open"]
            out.append(Token("tbody_open", "tbody", 1, block=True, level=token.level))
            out.append(Token("tr_open", "tr", 1, block=True, level=token.level + 1))
            for th in heads:
                cell = Token("td_open", "td", 1, block=True, level=token.level + 2)
                if th.attrGet("class"):
                    cell.attrSet("class", th.attrGet("class"))
                out.append(cell)
                out.append(Token("td_close", "td", -1, block=True, level=token.level + 2))
            out.append(Token("tr_close", "tr", -1, block=True, level=token.level + 1))
            out.append(Token("tbody_close", "tbody", -1, block=True, level=token.level))
    state.tokens[:] = out


CAPTION_PREFIXES = ("Table:", "Tabel:")


def table_captions(state: StateCore) -> None:
    """A paragraph "Table: …" (or "Tabel: …") just before a table becomes its caption, so
    print can number it ("Tabel 2.1")."""
    tokens, out, i = state.tokens, [], 0
    while i < len(tokens):
        if _is_caption(tokens, i):
            inline = tokens[i + 1]
            first = inline.children[0]
            first.content = first.content.lstrip()[len(next(p for p in CAPTION_PREFIXES
                                                             if first.content.lstrip().startswith(p))):].lstrip()
            level = tokens[i + 3].level + 1
            out += [tokens[i + 3], Token("caption_open", "caption", 1, block=True, level=level), inline,
                    Token("caption_close", "caption", -1, block=True, level=level)]
            i += 4
            continue
        out.append(tokens[i])
        i += 1
    state.tokens[:] = out


def _is_caption(tokens: list[Token], i: int) -> bool:
    if i + 3 >= len(tokens) or tokens[i].type != "paragraph_open" or tokens[i + 3].type != "table_open":
        return False
    children = tokens[i + 1].children or []
    return bool(children) and children[0].type == "text" and children[0].content.lstrip().startswith(CAPTION_PREFIXES)


def render_task_box(self, tokens: list[Token], idx: int, options, env) -> str:
    html = self.renderToken(tokens, idx, options, env)
    classes = tokens[idx].attrGet("class") or ""
    if classes.startswith("task"):
        state = "done" if "done" in classes else "open"
        html += (f'<span class="task-box" aria-hidden="true"></span>'
                 f'<span class="visually-hidden">{LABEL_TOKEN.format("task-" + state)}</span> ')
    return html
