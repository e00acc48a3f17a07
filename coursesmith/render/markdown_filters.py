"""The template filters that render an author's text for one page: Markdown (`md`),
inline Markdown (`inline`) and a plain summary (`summary`), with each link and image
pointed where it goes from this page (a site asset, a file in print, a part of the course)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jinja2
from markupsafe import Markup, escape

from coursesmith.load.markdown import Link
from coursesmith.load.text import InlineMarkdown, LocalText, Markdown
from coursesmith.model import layout
from coursesmith.render import links
from coursesmith.render.markdown import Rewritten, to_html
from coursesmith.render.site_html import plain_summary, site_tables, svg_figure

Context = jinja2.runtime.Context


@jinja2.pass_context
def markdown_filter(context: Context, text: Markdown | None, heading: int = 3) -> Markup:
    """A Markdown text for this page; its top heading at level `heading`."""
    if text is None:
        return Markup("")
    source = text.get(context["lang"], context["languages"])
    figure = _figure_drawer(context, text.origin) if context["target"] == "site" else None
    html = to_html(source, _rewriter(context, text.origin), context["lang"], heading, _block_labels(context),
                   figure=figure)
    if context["target"] == "site" and "<table>" in html:
        html = Markup(site_tables(str(html), context["labels"], context["counters"]))
    return html


@jinja2.pass_context
def inline_filter(context: Context, text: LocalText | None) -> Markup:
    """A short text: its inline Markdown rendered when it takes some, else escaped as it is."""
    if text is None:
        return Markup("")
    source = text.get(context["lang"], context["languages"])
    if not isinstance(text, InlineMarkdown):
        return escape(source)
    return to_html(source, _rewriter(context, text.origin), context["lang"], inline=True)


@jinja2.pass_context
def summary_filter(context: Context, text: Markdown) -> str:
    """A Markdown text as a short plain sentence or two (descriptions, sharing cards)."""
    source = text.get(context["lang"], context["languages"])
    return plain_summary(str(to_html(source, lambda link: "", context["lang"], labels=_block_labels(context))))


def _block_labels(context: Context) -> dict[str, str]:
    return context["labels"].get("blocks", {})


def _relative(origin: Path, root: Path, link: Link) -> str:
    return (origin / unquote(urlsplit(link.target).path)).resolve().relative_to(root.resolve()).as_posix()


def _rewriter(context: Context, origin: Path | None) -> Callable[[Link], Rewritten]:
    """Where each link and image of a text on this page points."""
    root, target, page = context["root"], context["target"], context["page_path"]

    def rewrite(link: Link) -> Rewritten:
        if link.is_course:
            return _course_link(context, link)
        if not link.is_local or origin is None:
            return link.target
        relative = _relative(origin, root, link)
        if target == "site":
            return layout.relative_url(layout.asset(relative), page)
        # In print, images load from the project; a link to a project file has nowhere to go.
        return relative if link.kind == "image" else ""

    return rewrite


def _figure_drawer(context: Context, origin: Path | None) -> Callable[[Link], str | None]:
    """On the site, an SVG is drawn inline (its text in the site's fonts, sharp when zoomed)."""
    root, rewrite = context["root"], _rewriter(context, origin)

    def figure(link: Link) -> str | None:
        if origin is None or not link.is_local or not _relative(origin, root, link).lower().endswith(".svg"):
            return None
        counters = context["counters"]
        counters["figure"] = counters.get("figure", 0) + 1
        return svg_figure(root.resolve() / _relative(origin, root, link), link.text, str(rewrite(link)),
                          counters["figure"], context["labels"]["figure_full_size"])

    return figure


def _course_link(context: Context, link: Link) -> Rewritten:
    destination = links.find(context["course"], link.target)
    if destination is None:  # checked before any build; a stale override may still ask
        return ""
    lang, languages = context["lang"], context["languages"]
    title = destination.title.get(lang, languages)
    if context["target"] == "site":
        return {"href": links.site_href(destination, lang, context["page_path"]), "text": title}
    label = context["labels"].get("page_short", "")
    return {**links.print_attributes(destination, lang, languages, context["base_url"], label), "text": title}
