"""Safe YAML loading that keeps where every key and value came from.

PyYAML composes a node graph with marks; we turn it into plain Python data
ourselves so that we can (a) remember the line and column of every value and
every mapping key, (b) refuse duplicate keys and tags instead of silently
dropping text, and (c) bound alias expansion. Plain scalars follow YAML 1.2
rules: `yes`, `no`, `on` stay text, and `08:30` stays a time string instead of
becoming the sexagesimal number 510.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from coursesmith.diagnostics import Location, Problems

Loc = tuple[str | int, ...]

MAX_VALUES = 200_000
MAX_DEPTH = 64

STR = "tag:yaml.org,2002:str"
NULL = "tag:yaml.org,2002:null"
BOOL = "tag:yaml.org,2002:bool"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
DATE = "tag:yaml.org,2002:timestamp"
SEQ = "tag:yaml.org,2002:seq"
MAP = "tag:yaml.org,2002:map"


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The safe loader (libyaml's when PyYAML has it) with YAML 1.2 core-schema
    resolution of plain scalars."""


class _ExplainingLoader(yaml.SafeLoader):
    """The pure-Python loader: slower, but its syntax errors read better, so a file
    that fails to parse is parsed again with it to explain why."""


for _loader in (_Loader, _ExplainingLoader):
    _loader.yaml_implicit_resolvers = {}
    for _tag, _pattern, _first in [
        (BOOL, r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
        (NULL, r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
        (INT, r"^[-+]?[0-9]+$", "-+0123456789"),
        (FLOAT, r"^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*|[0-9]+(?:\.[0-9]*)?[eE][-+]?[0-9]+)$",
         "-+.0123456789"),
        (DATE, r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "0123456789"),
    ]:
        _loader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))


@dataclass
class SourceFile:
    """One loaded YAML file: its data and the position of every part of it."""

    path: Path
    data: Any = None
    value_marks: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    value_ends: dict[Loc, int] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)

    def location(self, loc: Loc = (), *, key: bool = False) -> Location:
        """The position of the value at `loc` (or of its key), or of its nearest parent."""
        loc = self.normalise(loc)
        while True:
            marks = self.key_marks if key and loc in self.key_marks else self.value_marks
            if loc in marks:
                line, column = marks[loc]
                return Location(self.path, line, column)
            if not loc:
                return Location(self.path, 1, 1)
            loc, key = loc[:-1], True

    def find(self, loc: Loc, needle: str, line: int = 0, skip: int = 0) -> Location:
        """Where `needle` appears inside the value at `loc` as written in the file (so a
        problem inside a long Markdown block points at its own line): searching from the
        value's `line`-th line (0 is its first) when the needle is there, passing over
        `skip` earlier occurrences."""
        start = self.location(loc)
        end = min(self.value_ends.get(self.normalise(loc), start.line), len(self.lines))
        for begin in dict.fromkeys((min(start.line + line, end), start.line)):
            left = skip
            for number in range(begin, end + 1):
                text = self.lines[number - 1]
                column = text.find(needle, start.column - 1 if number == start.line else 0)
                while column >= 0 and left:
                    column, left = text.find(needle, column + 1), left - 1
                if column >= 0:
                    return Location(self.path, number, column + 1)
        return start

    def normalise(self, loc: Loc) -> Loc:
        """Drop the parts of a validator's location that are not keys in the data
        (such as the name of a union branch), keeping those that are."""
        kept: list[str | int] = []
        node = self.data
        for part in loc:
            in_dict = isinstance(node, dict) and part in node
            in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
            if in_dict or in_list:
                node = node[part]
                kept.append(part)
        return tuple(kept)


class _TooLarge(Exception):
    def __init__(self, code: str, mark: yaml.Mark, limit: int):
        self.code, self.mark, self.limit = code, mark, limit


def load_yaml(path: Path, problems: Problems, raw: bytes | None = None) -> SourceFile | None:
    """Read (unless its bytes are given) and parse one file; report problems and return
    None when it cannot be used."""
    source = SourceFile(path)
    raw = read_bytes(path, problems) if raw is None else raw
    text = _text(path, raw, problems) if raw is not None else None
    if text is None:
        return None
    if _report_control_characters(path, text, problems) or _report_tags_and_tabs(path, text, problems):
        return None
    try:
        root = yaml.compose(text, Loader=_Loader)
    except (yaml.MarkedYAMLError, RecursionError) as error:
        deep = _too_deep(text)  # the composer and the explaining re-parse both recurse per level
        if deep is not None:
            problems.add("yaml-too-deep", _mark_location(path, deep), limit=MAX_DEPTH)
        elif isinstance(error, yaml.MarkedYAMLError):
            _report_syntax(path, _explained(text, error), problems)
        else:
            problems.add("yaml-syntax", Location(path), problem="cannot parse")
        return None
    if root is None:
        problems.add("empty-file", Location(path))
        return None
    source.lines = text.split("\n")
    builder = _Builder(source, problems)
    try:
        source.data = builder.build(root, (), depth=0)
    except _TooLarge as error:
        code = "yaml-too-large" if error.code == "size" else "yaml-too-deep"
        problems.add(code, _mark_location(path, error.mark), limit=error.limit)
        return None
    return None if builder.failed else source


def read_bytes(path: Path, problems: Problems) -> bytes | None:
    """A file's bytes, or None when it cannot be read (reported)."""
    try:
        return path.read_bytes()
    except OSError as error:
        problems.add("file-unreadable", Location(path), reason=error.strerror or str(error))
        return None


def _text(path: Path, raw: bytes, problems: Problems) -> str | None:
    try:
        return normalised_text(raw)
    except UnicodeDecodeError as error:
        raw = raw.removeprefix(BYTE_ORDER_MARK)  # the error's place is in the text after it
        before = raw[: error.start].decode("utf-8", errors="replace")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        problems.add("not-utf8", Location(path, line, column), byte=raw[error.start])
        return None


BYTE_ORDER_MARK = b"\xef\xbb\xbf"


def normalised_text(raw: bytes) -> str:
    """A file's bytes as text the way loading reads them: without a byte-order mark, lines
    ending in `\\n`; UnicodeDecodeError when they are not UTF-8."""
    return raw.removeprefix(BYTE_ORDER_MARK).decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


# What YAML refuses to read (C0 and C1 controls but tab, newline and NEL; two
# non-characters); reported here, at their place, before the parser stops on them.
CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
MAX_REPORTED = 5


def _report_control_characters(path: Path, text: str, problems: Problems) -> bool:
    found = False
    for number, match in enumerate(CONTROL_CHARACTER.finditer(text)):
        if number == MAX_REPORTED:
            break
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        problems.add("control-character", Location(path, line, column), code=f"U+{ord(match[0]):04X}")
        found = True
    return found


def _too_deep(text: str) -> yaml.Mark | None:
    """Where the nesting first goes deeper than MAX_DEPTH, found with the pure-Python
    parser's event stream, which (unlike composing) does not recurse and (unlike libyaml's
    scanner, which stops at 1000 levels) reaches the first level too deep."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_ExplainingLoader):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        pass
    return None


def _report_tags_and_tabs(path: Path, text: str, problems: Problems) -> bool:
    """Find tags and tab indentation with the scanner, before anything is composed."""
    found = False
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            problems.add("yaml-tab", Location(path, number, len(line) - len(stripped) + 1))
            found = True
    if found or not re.search(r"!(?!\[)", text):  # every tag starts with "!" (and "![" is Markdown's image)
        return found
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if isinstance(token, yaml.TagToken):
                handle, suffix = token.value
                problems.add("yaml-tag", _mark_location(path, token.start_mark),
                             tag=(handle or "") + suffix)
                found = True
    except yaml.MarkedYAMLError:
        return found  # the composer reports syntax errors with better context
    return found


def _explained(text: str, error: yaml.MarkedYAMLError) -> yaml.MarkedYAMLError:
    try:
        yaml.compose(text, Loader=_ExplainingLoader)
    except yaml.MarkedYAMLError as explained:
        return explained
    return error


def _report_syntax(path: Path, error: yaml.MarkedYAMLError, problems: Problems) -> None:
    mark = error.problem_mark or error.context_mark
    text = " ".join(part for part in (error.problem, error.context and f"({error.context})") if part)
    in_flow = "flow" in (error.context or "")
    opened, stopped = error.context_mark, error.problem_mark
    if in_flow and opened and stopped and stopped.line > opened.line:
        bracket = "[" if "sequence" in error.context else "{"
        problems.add("yaml-unclosed", _mark_location(path, opened), bracket=bracket,
                     closer="]" if bracket == "[" else "}", line=stopped.line + 1)
    elif in_flow and any(f"'{c}'" in (error.problem or "") for c in "?,:[]{}"):
        problems.add("yaml-unquoted", _mark_location(path, mark), problem=text)
    else:
        problems.add("yaml-syntax", _mark_location(path, mark), problem=text or "cannot parse")


def _mark_location(path: Path, mark: yaml.Mark | None) -> Location:
    if mark is None:
        return Location(path)
    return Location(path, mark.line + 1, mark.column + 1)


class _Builder:
    """Turns composed nodes into plain data while recording marks."""

    def __init__(self, source: SourceFile, problems: Problems):
        self.source = source
        self.problems = problems
        self.count = 0
        self.failed = False

    def build(self, node: yaml.Node, loc: Loc, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            raise _TooLarge("size", node.start_mark, MAX_VALUES)
        if depth > MAX_DEPTH:
            raise _TooLarge("depth", node.start_mark, MAX_DEPTH)
        self.source.value_marks.setdefault(loc, (node.start_mark.line + 1, node.start_mark.column + 1))
        self.source.value_ends.setdefault(loc, node.end_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, loc, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*loc, i), depth + 1) for i, item in enumerate(node.value)]
        return self.scalar(node)

    def mapping(self, node: yaml.MappingNode, loc: Loc, depth: int) -> dict:
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = self.key(key_node)
            if key is None:
                continue
            line = key_node.start_mark.line + 1
            if key in first_seen:  # reported, and the file is still checked with the first one
                self.problems.add("yaml-duplicate-key", _mark_location(self.source.path, key_node.start_mark),
                                  key=key, first_line=first_seen[key])
                continue
            first_seen[key] = line
            self.source.key_marks[(*loc, key)] = (line, key_node.start_mark.column + 1)
            result[key] = self.build(value_node, (*loc, key), depth + 1)
        return result

    def key(self, node: yaml.Node) -> str | None:
        if not isinstance(node, yaml.ScalarNode):
            self.fail("yaml-key-type", node, actual="list" if isinstance(node, yaml.SequenceNode) else "mapping")
            return None
        if node.value == "<<" and not node.style:  # plain; libyaml says "" where PyYAML says None
            self.fail("yaml-merge-key", node)
            return None
        value = self.scalar(node)
        return value if isinstance(value, str) else str(node.value)

    def scalar(self, node: yaml.ScalarNode) -> Any:
        tag, text = node.tag, node.value
        if tag == STR:
            return text
        if tag == NULL:
            return None
        if tag == BOOL:
            return text.lower() == "true"
        if tag == INT:
            return int(text)
        if tag == FLOAT:
            return float(text)
        if tag == DATE:
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                return text  # not a real date (e.g. 2027-02-31); the schema says so
        self.fail("yaml-tag", node, tag=tag)
        return None

    def fail(self, code: str, node: yaml.Node, **values: object) -> None:
        self.failed = True
        self.problems.add(code, _mark_location(self.source.path, node.start_mark), **values)
