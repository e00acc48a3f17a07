"""The bibliography and the glossary that lessons and cases cite."""
from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from coursesmith.load.schema.base import Code, Model, ReferenceType
from coursesmith.load.text import InlineMarkdown, LocalText


class Reference(Model):
    code: Code
    """Identifier of the entry, e.g. `kotter_1995`; lessons cite it by this code."""
    type: ReferenceType
    """Kind of work: article, book, chapter, report, news, web or regulation."""
    authors: list[str] = []
    """Authors as `Family, Given` (or an organisation's name)."""
    year: int | None = Field(None, ge=1000, le=2100)
    """Year of publication."""
    title: str
    """Title of the work, in its own language."""
    container: str | None = None
    """Journal, book, newspaper or website the work appears in."""
    publisher: str | None = None
    """Publisher or issuing body."""
    volume: str | None = None
    """Volume of the journal."""
    issue: str | None = None
    """Issue of the journal."""
    pages: str | None = None
    """Pages, e.g. `59-67`."""
    doi: str | None = None
    """DOI without the https://doi.org/ prefix."""
    url: str | None = None
    """Web address of the work."""
    license: str | None = None
    """The licence the work is published under, e.g. `CC BY 4.0`."""
    accessed: dt.date | None = None
    """When a web source was read, as YYYY-MM-DD."""
    note: InlineMarkdown | None = None
    """A note shown after the entry."""


class Bibliography(Model):
    """The bibliography (daftar pustaka): entries that lessons and cases cite."""

    kind: Literal["bibliography"]
    """Always `bibliography`."""
    entries: list[Reference] = Field(min_length=1)
    """The entries."""


class Term(Model):
    code: Code
    """Identifier of the term, e.g. `pentahelix`."""
    term: LocalText
    """The term as shown."""
    definition: InlineMarkdown
    """Its definition."""


class Glossary(Model):
    """The glossary (glosarium): terms that lessons introduce."""

    kind: Literal["glossary"]
    """Always `glossary`."""
    terms: list[Term] = Field(min_length=1)
    """The terms."""

