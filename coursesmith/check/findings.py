"""What check needs of each Markdown text, kept between checks by the text's digest.

A text's findings are what it holds whatever the project around it: its links and
images (targets, words, positions in the text), what sanitising will remove from its
raw HTML, and its notices. They are kept in memory for the process and, with a cache
folder, on disk: one JSON entry per source file (named by the file's path in the
project), holding the findings of the texts it had when last checked by their digests.
So a build after a one-lesson edit reads every file's findings instead of parsing its
Markdown again, and examines only the texts of that lesson that changed. What depends
on the project (does the linked lesson or file exist, where in the YAML file the text
is) is checked from the findings every time.

The cache is trusted as the PDF cache is (docs/security.md), but an entry that cannot be
read, or is not the shape written here, is ignored and made again. Entries unused for
pruning.KEEP_DAYS, and the oldest beyond MAX_BYTES, go when the records open.
"""
from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from markdown_it.token import Token

from coursesmith import __version__
from coursesmith.load import markdown, markdown_layout, markdown_rules
from coursesmith.load.markdown import (MATH_TOKENS, Link, Removal, block_env, math_notice, parser, record_links,
                                      removals_in)
from coursesmith.load.markdown_rules import Notice
from coursesmith.messages import MESSAGES
from coursesmith.pruning import CacheLimits, keep_entry, mark_used, prune

MAX_BYTES = 20 * 1000 * 1000
LIBRARIES = ("markdown-it-py", "mdit-py-plugins")


@dataclass(frozen=True)
class Findings:
    """A text's links and images in written order, what sanitising removes from its raw
    HTML, and what else will not come through (the parts of a conversion check reads)."""

    links: tuple[Link, ...]
    removals: tuple[Removal, ...]
    notices: tuple[Notice, ...]


def examine(text: str, block: bool) -> Findings:
    """The findings of a Markdown text (`block`) or of an inline one: what converting it
    (load/markdown.py `convert`) records, from the parse alone. The HTML is not made and
    not sanitised; the notices rendering adds (formulas) are found where the renderer
    would meet them, after those of the parse, as it adds them."""
    md = parser("")
    env = block_env(text) if block else {"notices": []}
    tokens = md.parse(text, env) if block else md.parseInline(text, env)
    links = tuple(record_links(tokens, text))
    return Findings(links, tuple(removals_in(tokens)), (*env["notices"], *_formulas(tokens, env)))


def _formulas(tokens: list[Token], env: dict) -> Iterator[Notice]:
    """The notice for each formula the renderer renders, in its order: the blocks, and
    inside each inline token its children (an image's alt text renders as plain text)."""
    for number, token in enumerate(tokens):
        if token.type == "inline":
            children = token.children or []
            yield from (math_notice(children, i, env) for i, child in enumerate(children)
                        if child.type in MATH_TOKENS)
        elif token.type in MATH_TOKENS:
            yield math_notice(tokens, number, env)


class TextRecords:
    """Findings by text digest: in memory, and in `folder` when there is one."""

    def __init__(self, folder: Path | None, limits: CacheLimits | None = None):
        self.folder = folder
        self.known: dict[str, Findings] = {}
        self.used: set[str] = set()
        self.examined = 0
        """How many texts the last check really examined (the rest were known)."""
        if folder is not None:
            prune(folder, started=time.time(), max_bytes=MAX_BYTES, suffix=".json", companions=(), limits=limits)

    def begin(self) -> None:
        """A new check starts: what it does not use is forgotten when it ends."""
        self.used.clear()
        self.examined = 0

    def end(self) -> None:
        self.known = {key: found for key, found in self.known.items() if key in self.used}

    def findings(self, source: str, texts: list[tuple[str, bool]]) -> list[Findings]:
        """The findings of the texts of the file at `source` (its path in the project),
        each a text and whether it is block Markdown; read from the file's entry when one
        of them is not known yet, which is written again when one had to be examined."""
        keys = [text_key(text, block) for text, block in texts]
        self.used.update(keys)
        entry = self._entry(source) if keys else None
        if entry is not None and any(key not in self.known for key in keys):
            self.known.update(_read(entry, set(keys)))
        missing = [(key, text, block) for key, (text, block) in zip(keys, texts) if key not in self.known]
        for key, text, block in missing:
            self.known[key] = examine(text, block)
        self.examined += len(missing)
        if entry is not None and missing:
            _write(entry, {key: self.known[key] for key in keys})
        return [self.known[key] for key in keys]

    def _entry(self, source: str) -> Path | None:
        if self.folder is None:
            return None
        name = hashlib.sha256(source.encode()).hexdigest()
        return self.folder / name[:2] / f"{name}.json"


def text_key(text: str, block: bool) -> str:
    """A text's digest, with the kind of Markdown it is and the code that examines it."""
    return hashlib.sha256(f"{code_version()}\0{'block' if block else 'inline'}\0{text}".encode()).hexdigest()


@lru_cache(maxsize=1)
def code_version() -> str:
    """What findings depend on besides the text: this module, the Markdown rules and
    the parser's libraries. A change to any of them makes every text new."""
    digest = hashlib.sha256(f"{__version__}\0".encode())
    for module in (markdown, markdown_layout, markdown_rules):
        digest.update(Path(module.__file__).read_bytes() + b"\0")
    digest.update(Path(__file__).read_bytes() + b"\0")
    for library in LIBRARIES:
        try:
            digest.update(f"{library}={version(library)}\0".encode())
        except PackageNotFoundError:
            digest.update(f"{library}=-\0".encode())
    return digest.hexdigest()[:16]


# --- entries on disk -------------------------------------------------------------------------


def _write(entry: Path, findings: dict[str, Findings]) -> None:
    written = {key: _plain(found) for key, found in findings.items()}
    if all(value is not None for value in written.values()):  # else kept in memory only
        keep_entry(entry, json.dumps(written, ensure_ascii=False, sort_keys=True).encode("utf-8"))


def _plain(found: Findings) -> dict | None:
    """Findings as JSON data, or None when a notice holds a value JSON would change."""
    if any(not all(isinstance(v, str) for v in n.values.values()) for n in found.notices):
        return None
    return {"links": [[k.kind, k.target, k.text, k.line, k.column, k.raw] for k in found.links],
            "removals": [[r.fragment, r.what] for r in found.removals],
            "notices": [[n.code, n.line, n.values, n.needle] for n in found.notices]}


def _read(entry: Path, wanted: set[str]) -> dict[str, Findings]:
    """The findings an entry holds for `wanted` keys; nothing of an entry that cannot be
    read, and nothing of a record that is not as _plain writes it."""
    try:
        data = json.loads(entry.read_bytes())
    except (OSError, ValueError, RecursionError):
        return {}
    if not isinstance(data, dict):
        return {}
    mark_used(entry)  # what a build uses is kept when the records are pruned
    found = {}
    for key in wanted & data.keys():
        try:
            found[key] = _findings(data[key])
        except (TypeError, ValueError, KeyError, IndexError, AttributeError):
            continue  # damaged or odd: examined again
    return found


def _findings(data: dict) -> Findings:
    links = tuple(_link(*item) for item in data["links"])
    removals = tuple(Removal(_text(fragment), _text(what)) for fragment, what in data["removals"])
    notices = tuple(_notice(*item) for item in data["notices"])
    return Findings(links, removals, notices)


def _link(kind: str, target: str, words: str, line: int, column: int, raw: bool) -> Link:
    if kind not in ("image", "link") or not isinstance(raw, bool):
        raise ValueError(kind)
    return Link(kind, _text(target), _text(words), _number(line), _number(column), raw)


def _notice(code: str, line: int, values: dict, needle: str) -> Notice:
    """A notice whose message can be written: a known code, given the values it names."""
    if not isinstance(values, dict) or not all(isinstance(v, str) for v in values.values()):
        raise ValueError(values)
    message = MESSAGES[_text(code)]
    message.text.format(field="", **values), message.hint.format(field="", **values)
    return Notice(code, _number(line), dict(values), _text(needle))


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(value)
    return value


def _number(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise TypeError(value)
    return value
