"""What an SVG image could run or load when a browser shows it, found with its line and column.

An SVG is a document, not a picture: it may hold scripts, event handlers, HTML in a
`foreignObject`, and references to other files or to the web. The site serves SVG
images as they are, so an image with any of these is refused at check time (rather
than rewritten: an author's file is published byte for byte, or not at all).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from xml.parsers import expat

from coursesmith.check.css import is_fragment, is_inline_image, urls_in_declarations, urls_in_stylesheet

MAX_SVG_BYTES = 5 * 1024 * 1024
ACTIVE_ELEMENTS = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener", "audio", "video"}
ANIMATIONS = {"set", "animate", "animatemotion", "animatetransform", "animatecolor"}
REFERENCES = {"href", "src"}
CSS_URL = re.compile(r"url\s*\(", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    """One thing in an SVG that is refused, and where it is."""

    line: int
    column: int
    what: str


def svg_findings(path: Path) -> list[Finding]:
    """Everything in the SVG at `path` that could run or load something; an SVG that is
    not well-formed XML is one finding (browsers would show an error page)."""
    data = path.read_bytes()
    if len(data) > MAX_SVG_BYTES:
        return [Finding(1, 1, f"a file larger than {MAX_SVG_BYTES // (1024 * 1024)} MB")]
    scan = _Scan()
    try:
        scan.parser.Parse(data, True)
    except expat.ExpatError as error:
        scan.add(f"XML that cannot be read ({expat.ErrorString(error.code)})", error.lineno, error.offset + 1)
    except RecursionError:
        scan.add("elements nested too deeply", scan.parser.CurrentLineNumber, 1)
    return scan.found


class _Scan:
    def __init__(self):
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        self.parser.StartElementHandler = self.element
        self.parser.EndElementHandler = self.end
        self.parser.CharacterDataHandler = self.text
        self.parser.ProcessingInstructionHandler = self.instruction
        self.parser.EntityDeclHandler = self.entity
        self.parser.ExternalEntityRefHandler = self.external_entity
        self.found: list[Finding] = []
        self.style: list[str] | None = None
        self.style_at = (1, 1)

    def add(self, what: str, line: int | None = None, column: int | None = None) -> None:
        if line is None:
            line, column = self.parser.CurrentLineNumber, self.parser.CurrentColumnNumber + 1
        self.found.append(Finding(line, column or 1, what))

    def element(self, name: str, attributes: dict[str, str]) -> None:
        tag = _local(name).lower()
        if tag in ACTIVE_ELEMENTS:
            self.add(f"a <{_local(name)}> element")
        changed = _local(attributes.get("attributeName", "")).lower()
        if tag in ANIMATIONS and (changed in (*REFERENCES, "style") or changed.startswith("on")):
            self.add(f"a <{_local(name)}> that changes `{attributes['attributeName']}`")
        for attribute, value in attributes.items():
            self.attribute(_local(attribute), value)
        if tag == "style":
            self.style, self.style_at = [], (self.parser.CurrentLineNumber, self.parser.CurrentColumnNumber + 1)

    def attribute(self, name: str, value: str) -> None:
        lowered = name.lower()
        if lowered.startswith("on"):
            self.add(f"an event handler (`{name}`)")
        elif lowered in REFERENCES and not (is_fragment(value) or is_inline_image(value)):
            self.add(f"a reference to {_short(value)!r}")
        elif lowered == "style":
            self.css_urls(urls_in_declarations(value), *self._here())
        elif CSS_URL.search(value):
            self.css_urls(urls_in_declarations(f"x: {value}"), *self._here())

    def text(self, data: str) -> None:
        if self.style is not None:
            self.style.append(data)

    def end(self, name: str) -> None:
        if self.style is not None and _local(name).lower() == "style":
            text, self.style = "".join(self.style), None
            self.css_urls(urls_in_stylesheet(text), *self.style_at, inside=True)

    def css_urls(self, urls, line: int, column: int, inside: bool = False) -> None:
        for url in urls:
            at = (line + url.line - 1, url.column) if inside else (line, column)
            if url.rule == "@import":
                self.add(f"a stylesheet import of {_short(url.url)!r}", *at)
            elif url.rule == "@font-face":
                self.add(f"a web font ({_short(url.url)!r})", *at)
            elif not (is_fragment(url.url) or is_inline_image(url.url)):
                self.add(f"a reference to {_short(url.url)!r}", *at)

    def instruction(self, target: str, data: str) -> None:
        if target.lower() == "xml-stylesheet":
            self.add("an `xml-stylesheet` instruction")

    def entity(self, name, is_parameter, value, base, system_id, public_id, notation) -> None:
        self.add(f"an entity declaration (`{name}`)")

    def external_entity(self, context, base, system_id, public_id) -> int:
        self.add(f"an external entity ({_short(system_id or '')!r})")
        return 1  # not loaded: the parser goes on without it

    def _here(self) -> tuple[int, int]:
        return self.parser.CurrentLineNumber, self.parser.CurrentColumnNumber + 1


def _local(name: str) -> str:
    return name.rsplit(" ", 1)[-1].rsplit(":", 1)[-1]


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "…"
