"""SVG figures drawn inline on the site: parsed with a strict allow-list, ids made unique.

An author's SVG is untrusted. Only drawing elements and presentation attributes pass;
scripts, event handlers, foreignObject, animations and every reference that is not to
an element of the same drawing are dropped. A style sheet inside the drawing is kept
when it refers to nothing (no url(), no @import), for the published file, where it
applies to the drawing alone; a drawing that needs one is not inlined, because inside
a page its rules would apply to the whole page. Nothing is fetched or run: the parser
refuses document type declarations (so no entities, no external files)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from xml.parsers import expat

from markupsafe import escape

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
MAX_BYTES = 2_000_000

ELEMENTS = {
    "svg", "g", "defs", "title", "desc", "symbol", "use", "rect", "circle", "ellipse", "line",
    "polyline", "polygon", "path", "text", "tspan", "textPath", "linearGradient", "radialGradient",
    "stop", "clipPath", "mask", "pattern", "marker", "style",
}
# Elements whose content is kept when the element itself is not (a link's drawing).
UNWRAPPED = {"a", "switch"}
ATTRIBUTES = {
    "id", "class", "lang", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy", "fr",
    "width", "height", "d", "points", "transform", "viewBox", "preserveAspectRatio",
    "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity", "stroke-linecap",
    "stroke-linejoin", "stroke-dasharray", "stroke-dashoffset", "stroke-miterlimit", "opacity",
    "font-family", "font-size", "font-weight", "font-style", "font-variant", "font-stretch",
    "text-anchor", "dominant-baseline", "alignment-baseline", "baseline-shift", "letter-spacing",
    "word-spacing", "text-decoration", "dx", "dy", "rotate", "textLength", "lengthAdjust",
    "offset", "stop-color", "stop-opacity", "gradientUnits", "gradientTransform", "spreadMethod",
    "clip-path", "clip-rule", "clipPathUnits", "mask", "maskUnits", "maskContentUnits",
    "markerWidth", "markerHeight", "refX", "refY", "orient", "markerUnits", "marker-start",
    "marker-mid", "marker-end", "patternUnits", "patternContentUnits", "patternTransform",
    "visibility", "display", "color", "vector-effect", "paint-order", "shape-rendering",
    "text-rendering", "startOffset", "method", "spacing", "side",
}
# Accessible names are given anew when a drawing is inlined.
RENAMED = {"role", "aria-label", "aria-labelledby", "aria-describedby"}
# Where a reference to another element of the same drawing is allowed.
LINKING = {"use", "textPath", "linearGradient", "radialGradient", "pattern"}
LOCAL_URL = re.compile(r"url\(\s*['\"]?#([\w.:-]+)['\"]?\s*\)")
ANY_URL = re.compile(r"url\s*\(|\\|expression|javascript:|@import", re.IGNORECASE)
UNITS_PX = {"": 1.0, "px": 1.0, "pt": 96 / 72, "pc": 16.0, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96.0}


class UnusableSvg(Exception):
    """The file is not an SVG drawing that can be shown: not XML, a DTD, too large."""


@dataclass
class Node:
    tag: str
    attributes: dict[str, str]
    children: list[Node | str] = field(default_factory=list)


@dataclass(frozen=True)
class Sanitised:
    """An SVG drawing that passed the allow-list, and what was dropped on the way."""

    root: Node
    removed: tuple[str, ...]


def svg_for_site(path: Path, style: str = "") -> str:
    """The SVG at `path` as safe markup for the site (every SVG the site shows or
    publishes goes through here); `style` is a style sheet of our own to put first in
    it. Raises UnusableSvg when the file cannot be shown."""
    root = sanitised(path).root
    if style:
        root = Node(root.tag, root.attributes, [Node("style", {}, [style]), *root.children])
    return serialise(root)


def sanitised(path: Path) -> Sanitised:
    stat = path.stat()
    return _sanitised(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _sanitised(path: Path, _mtime: int, size: int) -> Sanitised:
    if size > MAX_BYTES:
        raise UnusableSvg(f"larger than {MAX_BYTES // 1_000_000} MB")
    removed: list[str] = []
    root = _clean(_parse(path.read_bytes()), removed)
    if root is None or root.tag != "svg":
        raise UnusableSvg("the file's top element is not <svg>")
    return Sanitised(root, tuple(dict.fromkeys(removed)))


def inline_figure(path: Path, label: str, prefix: str) -> str:
    """The drawing as an inline <svg> named by `label` (its alternative text), every id
    prefixed with `prefix` so that two figures on a page cannot clash."""
    root = sanitised(path).root
    if any(node.tag == "style" for node in _walk(root)):
        raise UnusableSvg("styled by a style sheet, which would apply to the whole page")
    ids = _ids(root)
    body = [_prefixed(child, prefix, ids) for child in root.children
            if not (isinstance(child, Node) and child.tag == "title")]
    attributes = _sized({k: v for k, v in root.attributes.items() if k != "id"})
    attributes.update({"role": "img", "aria-labelledby": f"{prefix}title"})
    described = [c for c in body if isinstance(c, Node) and c.tag == "desc"]
    if described:
        described[0].attributes["id"] = f"{prefix}desc"
        attributes["aria-describedby"] = f"{prefix}desc"
    title = Node("title", {"id": f"{prefix}title"}, [label])
    return serialise(Node("svg", attributes, [title, *body]))


def serialise(node: Node) -> str:
    attributes = "".join(f' {name}="{escape(value)}"' for name, value in node.attributes.items())
    if node.tag == "svg" and "xmlns" not in node.attributes:
        attributes = f' xmlns="{SVG_NS}"' + attributes
    if not node.children:
        return f"<{node.tag}{attributes}/>"
    inner = "".join(str(escape(c)) if isinstance(c, str) else serialise(c) for c in node.children)
    return f"<{node.tag}{attributes}>{inner}</{node.tag}>"


# --- parsing ----------------------------------------------------------------------


def _parse(data: bytes) -> Node:
    """A tree of the XML in `data`, names as `{namespace}local`; no DTD, no entities."""
    parser = expat.ParserCreate(namespace_separator="}")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    stack: list[Node] = [Node("", {})]

    def refuse(*_args):
        raise UnusableSvg("the file declares a document type or entities")

    def start(name: str, attributes: dict[str, str]):
        node = Node(_name(name), {_name(k): v for k, v in attributes.items()})
        stack[-1].children.append(node)
        stack.append(node)

    def text(data: str):
        stack[-1].children.append(data)

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    parser.StartElementHandler = start
    parser.EndElementHandler = lambda _name: stack.pop()
    parser.CharacterDataHandler = text
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        raise UnusableSvg(f"not well-formed XML ({expat.ErrorString(error.code)}, line {error.lineno})") from None
    elements = [c for c in stack[0].children if isinstance(c, Node)]
    if not elements:
        raise UnusableSvg("the file has no element")
    return elements[0]


def _name(name: str) -> str:
    return "{" + name if "}" in name else name


# --- the allow-list ---------------------------------------------------------------


def _clean(node: Node, removed: list[str]) -> Node | None:
    local = _local(node.tag, SVG_NS)
    if local is None or (local not in ELEMENTS and local not in UNWRAPPED):
        removed.append(f"<{node.tag.rsplit('}', 1)[-1]}>")
        return None
    children: list[Node | str] = []
    for child in node.children:
        if isinstance(child, str):
            children.append(child)
            continue
        cleaned = _clean(child, removed)
        if cleaned is not None and cleaned.tag in UNWRAPPED:
            children += cleaned.children
        elif cleaned is not None:
            children.append(cleaned)
    if local == "style" and not _safe_value("".join(c for c in children if isinstance(c, str))):
        removed.append("<style> (it refers to other files)")
        return None
    return Node(local, _clean_attributes(local, node.attributes, removed), children)


def _local(name: str, namespace: str) -> str | None:
    """The local name of an element or attribute in `namespace` (or none given)."""
    if name.startswith("{"):
        space, _, local = name[1:].partition("}")
        return local if space == namespace else None
    return name


def _clean_attributes(tag: str, attributes: dict[str, str], removed: list[str]) -> dict[str, str]:
    kept: dict[str, str] = {}
    for name, value in _with_style(attributes).items():
        plain = _local(name, "") if not name.startswith("{" + XLINK_NS) else None
        if name in (f"{{{XLINK_NS}}}href", "href"):
            if tag in LINKING and value.strip().startswith("#"):
                kept["href"] = value.strip()
            else:
                removed.append(f"the reference {value[:40]!r} of <{tag}>")
        elif name == f"{{{XML_NS}}}lang":
            kept["lang"] = value
        elif plain in ATTRIBUTES and _safe_value(value):
            kept[plain] = value
        elif plain in RENAMED:
            continue
        elif not name.startswith("{") or plain is not None:
            removed.append(f"the {name.rsplit('}', 1)[-1]} attribute of <{tag}>")
    return kept


def _with_style(attributes: dict[str, str]) -> dict[str, str]:
    """A style attribute's declarations as presentation attributes (checked like them),
    so that the site's stylesheet can still set the figure's fonts."""
    result = {k: v for k, v in attributes.items() if k != "style"}
    for declaration in attributes.get("style", "").split(";"):
        name, _, value = (part.strip() for part in declaration.partition(":"))
        if name and value and (_safe_value(value) or name.lower() not in result):
            result[name.lower()] = value  # a declaration outranks the attribute, unless unsafe
    return result


def _safe_value(value: str) -> bool:
    """No reference outside the drawing, no script, no escapes that could hide one."""
    return not ANY_URL.search(LOCAL_URL.sub("", value))


# --- inlining ---------------------------------------------------------------------


def _walk(node: Node):
    yield node
    for child in node.children:
        if isinstance(child, Node):
            yield from _walk(child)


def _ids(node: Node) -> set[str]:
    return {n.attributes["id"] for n in _walk(node) if "id" in n.attributes}


def _prefixed(node: Node | str, prefix: str, ids: set[str]) -> Node | str:
    if isinstance(node, str):
        return node
    attributes = {}
    for name, value in node.attributes.items():
        if name == "class":
            continue  # inside a page, the site's own classes would style it
        if name == "id":
            value = prefix + value
        elif name == "href":
            value = "#" + prefix + value[1:] if value[1:] in ids else ""
        else:
            value = LOCAL_URL.sub(lambda m: f"url(#{prefix}{m[1]})" if m[1] in ids else "none", value)
        if value:
            attributes[name] = value
    return Node(node.tag, attributes, [_prefixed(c, prefix, ids) for c in node.children])


def _sized(attributes: dict[str, str]) -> dict[str, str]:
    """The drawing scales with the page: a viewBox (from its width and height if it has
    none), and no fixed size."""
    width, height = attributes.pop("width", None), attributes.pop("height", None)
    if "viewBox" not in attributes and width and height:
        w, h = _pixels(width), _pixels(height)
        if w and h:
            attributes["viewBox"] = f"0 0 {w:g} {h:g}"
        else:
            attributes.update(width=width, height=height)
    return attributes


def _pixels(length: str) -> float | None:
    match = re.fullmatch(r"\s*([0-9.]+)\s*([a-z]*)\s*", length)
    if not match or match[2] not in UNITS_PX:
        return None
    try:
        return float(match[1]) * UNITS_PX[match[2]]
    except ValueError:
        return None
