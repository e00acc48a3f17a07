"""Language-aware details of the printed word: the order of terms, clock times, and
the quotes and apostrophes of plain texts (titles, topics, names of works), which the
Markdown engine's typographer does not see.

Collation: neither Indonesian nor English has a tailoring in the Unicode CLDR, so their
order is the root order of the Unicode Collation Algorithm. For the Latin-script terms
of these courses that order compares, first, letters without case or accents; with the
"shifted" option that dictionaries use, spaces and punctuation count only when all else
is equal ("co-creation" beside "cocreation"). The key below does that, with the full
text as the last tie-break so that the order is total and stable. A course in a script or language with tailored order (Vietnamese, say)
would need ICU's collator; PyICU's native build is not worth it for two Latin languages.
"""

from __future__ import annotations

import re
import unicodedata

import jinja2

from coursesmith.load.markdown import QUOTES

_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
_OPENS = re.compile(r"(^|(?<=[\s(\[{\u2014\u2013/]))([\"'])")


def typographic(text: str, lang: str) -> str:
    """`text` with straight quotes and apostrophes as the language writes them: an
    apostrophe inside a word (unit's), a quote after a space or bracket opening, any
    other one closing, as the Markdown typographer does for Markdown texts."""
    if "'" not in text and '"' not in text:
        return text
    double_open, double_close, single_open, single_close = QUOTES.get(lang, QUOTES["en"])
    text = _APOSTROPHE.sub("\u2019", text)  # the apostrophe is the same in every language
    text = _OPENS.sub(lambda m: m[1] + (double_open if m[2] == '"' else single_open), text)
    return text.replace('"', double_close).replace("'", single_close)


def collation_key(text: str) -> tuple[str, str, str]:
    """Sort key: base letters and digits (case and accents ignored), then accents and
    case, then the text itself."""
    decomposed = unicodedata.normalize("NFKD", text)
    base = "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))
    return base.casefold(), decomposed.casefold(), text


@jinja2.pass_context
def by_term(context: jinja2.runtime.Context, terms) -> list:
    """Glossary terms in the order of the term as it is shown in this page's language."""
    lang, languages = context["lang"], context["languages"]
    return sorted(terms, key=lambda term: collation_key(term.term.get(lang, languages)))


@jinja2.pass_context
def clock_time(context: jinja2.runtime.Context, minutes: int) -> str:
    """Minutes since midnight as the language writes a 24-hour time: 08.30 in Indonesian
    (PUEBI), 08:30 in English. The separator is the labels' `time_separator`."""
    separator = context["labels"].get("time_separator", ":")
    return f"{minutes // 60:02d}{separator}{minutes % 60:02d}"
