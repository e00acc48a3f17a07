"""Cross-references written in prose: a sentence that ties a worksheet or a case study to
a lesson ("bring LK-02 from KOAL-02", "the case in KOAL-03") must name a lesson that
defines, uses or at least mentions it.

Only codes can be checked this way: a sentence naming a topic ("the salience model
from KOAL-01") carries nothing a program can verify without reading the lesson.
"""
from __future__ import annotations

import re

from coursesmith.check.catalog import Catalog
from coursesmith.diagnostics import Problems
from coursesmith.load.schema import iter_texts
from coursesmith.load.text import ANY_LANGUAGE

SENTENCE = re.compile(r"[^.!?\n]+")
CODE = re.compile(r"(?<![\w-])[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+(?![\w-])")
# "LK-02 from KOAL-02", "LK-01 hasil sesi KOAL-01", "LK-01 (KOAL-01)": a thing, up to three
# linking words (English and Indonesian), then a lesson code.
LINKS = "from|in|of|to|into|at|for|session|lesson|dari|di|dalam|ke|pada|untuk|sesi|hasil"
CLAIM = re.compile(rf"(?P<thing>{CODE.pattern})(?:\s+(?i:{LINKS})\b){{0,3}}\s*\(?\s*(?P<lesson>{CODE.pattern})")


def check_crossrefs(catalog: Catalog, problems: Problems) -> None:
    owners = _owners(catalog)
    mentions = _mentions(catalog)
    files = [d.source for d in catalog.lessons.values()] + [d.source for d in catalog.cases.values()]
    models = [d.item for d in catalog.lessons.values()] + [d.item for d in catalog.cases.values()]
    for model, source in zip(models, files):
        for loc, text in iter_texts(model):
            for language, value in text.values.items():
                if "-" not in value:
                    continue  # every code has a hyphen: a text without one claims nothing
                where = loc if language == ANY_LANGUAGE else (*loc, language)
                for sentence in SENTENCE.findall(value):
                    for lesson, thing in _claims(sentence, owners, catalog):
                        if thing not in mentions[lesson]:
                            problems.add("wrong-lesson-reference", source.find(where, thing), thing=thing,
                                         lesson=lesson, owner=owners[thing])


def _claims(sentence: str, owners: dict[str, str], catalog: Catalog) -> list[tuple[str, str]]:
    """(lesson, thing) for each "THING from/in/to LESSON" the sentence writes."""
    return [(m["lesson"], m["thing"]) for m in CLAIM.finditer(sentence)
            if m["thing"] in owners and m["lesson"] in catalog.lessons]


def _owners(catalog: Catalog) -> dict[str, str]:
    """Worksheet and case codes, each with the lesson that defines or first uses it."""
    owners: dict[str, str] = {}
    for code, defined in catalog.lessons.items():
        for sheet in defined.item.worksheets:
            owners[sheet.code] = code
        if defined.item.case_study in catalog.cases:
            owners.setdefault(defined.item.case_study, code)
    return owners


def _mentions(catalog: Catalog) -> dict[str, set[str]]:
    """Per lesson, every code it defines, uses or writes anywhere in its own texts."""
    found: dict[str, set[str]] = {}
    for code, defined in catalog.lessons.items():
        lesson = defined.item
        codes = {w.code for w in lesson.worksheets} | {a.worksheet for a in lesson.activities if a.worksheet}
        codes |= {lesson.case_study} if lesson.case_study else set()
        for _, text in iter_texts(lesson):
            for value in (value for value in text.values.values() if "-" in value):  # no code without one
                for sentence in SENTENCE.findall(value):
                    named = set(CODE.findall(sentence))
                    if not named & set(catalog.lessons):  # a plain use, not a claim about a lesson
                        codes |= named
        found[code] = codes
    return found
