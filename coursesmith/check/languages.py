"""Every learner-visible text in every language the course declares."""
from __future__ import annotations

import re

from coursesmith.check.catalog import Catalog
from coursesmith.diagnostics import Problems
from coursesmith.load.project import LoadedProject
from coursesmith.load.schema import iter_texts
from coursesmith.load.text import ANY_LANGUAGE, LANGUAGE_CODE, InlineMarkdown, LocalText, Markdown
from coursesmith.load.yamlfile import Loc, SourceFile


def check_languages(project: LoadedProject, catalog: Catalog, problems: Problems) -> None:
    """Every learner-visible text has every course language, valid codes and no empty text."""
    if catalog.course is None:
        return
    course = catalog.course.item
    languages = course.languages
    code = "missing-translation" if course.missing_translation == "error" else "missing-translation-warning"
    for loaded in project.files:
        for loc, text in iter_texts(loaded.model):
            _check_text(loaded.source, loc, text, languages, code, problems)


# Fields whose emptiness has a message of its own.
OWN_EMPTY_CHECK = {"illustrative"}
# A facilitator-only block written where no block can be: the text would reach participants.
PRIVATE_BLOCK = re.compile(r"^\s*(?::{3,}\s*\{?\s*\.?|>\s*\[!)(facilitator|instructor|solution)\b", re.M | re.I)
# Markdown an author may expect to work in a plain-text field (a title, a name).
MARKDOWN_SYNTAX = re.compile(
    r"\*\*[^*\s][^*]*\*\*|(?<![\w*])\*[^*\s][^*]*\*(?![\w*])|`[^`]+`|\[[^\]]+\]\([^)\s]+\)"
    r"|^#{1,6}\s|^:::|^\s*[-+*]\s|^\s*\d+[.)]\s", re.M)


def _check_text(source: SourceFile, loc: Loc, text: LocalText, languages: list[str], code: str,
                problems: Problems) -> None:
    field = _field(loc)
    for language, value in text.values.items():
        if language != ANY_LANGUAGE and not LANGUAGE_CODE.match(language):
            problems.add("bad-language", source.location((*loc, language), key=True), key=language)
        elif not value.strip() and loc[-1] not in OWN_EMPTY_CHECK:
            where = loc if language == ANY_LANGUAGE else (*loc, language)
            problems.add("empty-text", source.location(where), field=field)
        elif language not in (ANY_LANGUAGE, *languages):
            problems.add("undeclared-language", source.location((*loc, language), key=True), field=field,
                         language=language, languages=", ".join(languages))
        if not isinstance(text, Markdown) and (private := PRIVATE_BLOCK.search(value)):
            where = loc if language == ANY_LANGUAGE else (*loc, language)
            problems.add("private-block-in-short-text", source.find(where, private.group(0).strip()), field=field,
                         kind=private.group(1).lower())
        elif not isinstance(text, InlineMarkdown) and (found := MARKDOWN_SYNTAX.search(value)):
            where = loc if language == ANY_LANGUAGE else (*loc, language)
            problems.add("markdown-in-plain-text", source.find(where, found.group(0).strip()), field=field,
                         found=found.group(0).strip())
    if text.is_plain:
        return
    for language in languages:
        if language not in text.values:
            problems.add(code, source.location(loc), field=field, language=language,
                         languages=", ".join(languages), fallback=languages[0])


def _field(loc: Loc) -> str:
    names = [p for p in loc if isinstance(p, str)]
    name = names[-1] if names else "text"
    return f"item {loc[-1] + 1} of `{name}`" if isinstance(loc[-1], int) else f"`{name}`"

