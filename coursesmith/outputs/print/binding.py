"""The work done on laid-out parts, in a worker process (pikepdf holds a whole book in
memory while it binds): binding a book, publishing a part alone. Each is a job record
and a module-level function, so a worker pool can run it; and each has a cache key
made of its parts' keys and everything else its bytes depend on."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coursesmith.outputs.print.apart import Apart

ASSEMBLE = Path(__file__).parent / "assemble"


@dataclass(frozen=True)
class PartFile:
    pdf: str
    title: str
    label_prefix: str
    label_style: str
    keep_outline: bool
    elements: tuple[int, ...] | None = None
    """Its structure elements with ids, by object number (the binder's Part.elements)."""


@dataclass(frozen=True)
class BindJob:
    book: str
    target: str
    parts: tuple[PartFile, ...]
    title: str
    lang: str
    author: str
    subject: str
    print_edition: bool


@dataclass(frozen=True)
class PublishJob:
    document: str
    source: str
    target: str
    addresses: tuple[tuple[str, str], ...]
    """Anchor → its published address, for the part's cross-part links."""


@dataclass(frozen=True)
class Bound:
    document: str
    pages: int = 0
    size: int = 0
    unresolved: tuple[str, ...] = ()
    error: str | None = None


@lru_cache(maxsize=1)
def binder_key() -> str:
    """The binder's code and pikepdf's version: part of every bound or published key."""
    digest = hashlib.sha256(b"coursesmith-binder\0" + version("pikepdf").encode())
    for source in sorted(ASSEMBLE.glob("*.py")):
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()


def bound_key(job: BindJob, part_keys: list[str]) -> str:
    fields = [job.title, job.lang, job.author, job.subject, job.print_edition,
              [(p.title, p.label_prefix, p.label_style, p.keep_outline) for p in job.parts], part_keys]
    return _key("bind", fields)


def published_key(job: PublishJob, part_key: str) -> str:
    return _key("publish", [part_key, list(job.addresses)])


def _key(kind: str, fields: list) -> str:
    digest = hashlib.sha256(f"{kind}\0{binder_key()}\0".encode())
    digest.update(json.dumps(fields, ensure_ascii=False).encode())
    return digest.hexdigest()


def bind_together(jobs: tuple[BindJob, ...], apart: Apart | None = None) -> list[Bound]:
    """Bind books made of the same parts (the reader and its screen edition) side by
    side, in a process of their own (one of `apart`'s, which the build stops if it
    stops), which loads only pikepdf and the binder (outputs/print/apart.py): the books'
    memory is theirs alone, and each part is opened and prepared once for all of them."""
    from coursesmith.outputs.print.apart import ApartFailed, run_apart

    try:
        return run_apart(bind_apart, jobs, apart)
    except ApartFailed as error:
        return [Bound(job.book, error=str(error)) for job in jobs]


def bind_apart(jobs: tuple[BindJob, ...]) -> list[Bound]:
    """`bind_here` in the binder's own process, which ends without freeing the books."""
    from coursesmith.outputs.print.apart import keep

    return bind_here(jobs, keep)


def bind_here(jobs: tuple[BindJob, ...], keep=None) -> list[Bound]:
    """Bind the books of `jobs` in this process; if that fails (a damaged part), each
    alone, so that only the books holding the damaged part are reported. `keep`, if
    given, takes each book's document instead of its being freed."""
    try:
        return _bind(jobs, keep)
    except Exception as error:  # a damaged part: the book is reported, the build goes on
        if len(jobs) == 1:
            return [Bound(jobs[0].book, error=f"{type(error).__name__}: {error}")]
    return [bind_here((job,), keep)[0] for job in jobs]


def _bind(jobs: tuple[BindJob, ...], keep) -> list[Bound]:
    from coursesmith.outputs.print.assemble import Book, Part, bind_books

    books = [Book([Part(Path(p.pdf), p.title, p.label_prefix, p.label_style, recto=True,
                        keep_outline=p.keep_outline, elements=p.elements) for p in job.parts],
                  Path(job.target), job.title, job.lang, job.author, job.subject, job.print_edition)
             for job in jobs]
    for book in books:
        book.target.parent.mkdir(parents=True, exist_ok=True)
    infos = bind_books(books, keep=keep)
    return [Bound(job.book, info.pages, book.target.stat().st_size, tuple(info.unresolved))
            for job, book, info in zip(jobs, books, infos)]


def publish(job: PublishJob) -> Bound:
    """Write one part as a document of its own: its links to other parts lead to their
    published pages, or are plain text (in a worker)."""
    from coursesmith.outputs.print.assemble import publish_part

    addresses = dict(job.addresses)
    target = Path(job.target)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        publish_part(Path(job.source), target, addresses.get)
    except Exception as error:
        return Bound(job.document, error=f"{type(error).__name__}: {error}")
    return Bound(job.document, 0, target.stat().st_size)
