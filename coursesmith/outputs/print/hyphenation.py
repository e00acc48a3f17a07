"""Where words may break at a line end: Indonesian by its spelling rules, and no word
that is a code, an address or a name in any language.

WeasyPrint hyphenates with pyphen, whose Indonesian patterns (`hyph_id_ID.dic`) break
words where Indonesian never does ("deng-annya", "memil-iki", "pemr-akarsa"). The
official spelling guide (PUEBI, *pemenggalan kata*) gives rules simple enough to apply
directly: a single consonant between vowels starts the next syllable (me-mi-li-ki), two
consonants split between them (pem-ra-kar-sa), of three or more the first ends the
syllable (in-stru-men); ng, ny, kh and sy are single consonants (de-ngan-nya); two
vowels split (ko-a-li-si) unless they are the diphthongs ai, au, oi.

WeasyPrint builds its dictionaries through `pyphen.Pyphen(lang=…)`, which takes a
language's parsed patterns from pyphen's module-level cache. `install` puts our
dictionaries into that cache once per rendering process; nothing else changes.
"""

from __future__ import annotations

import re

import pyphen

VOWELS = set("aeiou")
DIGRAPHS = ("ng", "ny", "kh", "sy")
DIPHTHONGS = {"ai", "au", "oi"}  # "ei" left out: se-im-bang is far commoner than survei
LETTERS = re.compile(r"[a-zà-ÿ]+")


class IndonesianSyllables:
    """Break points of Indonesian words, in the shape pyphen's `HyphDict` gives them."""

    def positions(self, word: str) -> list[pyphen.DataInt]:
        return [pyphen.DataInt(p) for p in syllable_breaks(word.lower())]


def syllable_breaks(word: str) -> list[int]:
    """Offsets in `word` (lower case) where a syllable starts, the first one excepted."""
    if not LETTERS.fullmatch(word):
        return []
    units = _units(word)
    breaks: list[int] = []
    offset = 0
    starts = []
    for unit in units:
        starts.append(offset)
        offset += len(unit)
    vowels = [i for i, unit in enumerate(units) if unit in VOWELS]
    for left, right in zip(vowels, vowels[1:]):
        consonants = right - left - 1
        if consonants == 0:
            if units[left] + units[right] not in DIPHTHONGS:
                breaks.append(starts[right])
        elif consonants <= 2:
            breaks.append(starts[right - 1])
        else:
            breaks.append(starts[left + 2])
    return breaks


def _units(word: str) -> list[str]:
    """Letters, with ng, ny, kh and sy as one consonant each."""
    units, i = [], 0
    while i < len(word):
        pair = word[i:i + 2]
        if pair in DIGRAPHS:
            units.append(pair)
            i += 2
        else:
            units.append(word[i])
            i += 1
    return units


class Guarded:
    """A dictionary that leaves alone what must never break: words holding capitals
    (names, acronyms, lesson codes), digits, or anything but letters (domains such
    as beritairn.com, addresses, paths)."""

    def __init__(self, inner):
        self.inner = inner

    def positions(self, word: str) -> list[pyphen.DataInt]:
        if not word.isalpha() or not word.islower():
            return []
        return self.inner.positions(word)


def dictionary_for(language: str):
    """The guarded dictionary WeasyPrint should use for `language` (None if pyphen has
    no patterns for it and it is not Indonesian: such text is never hyphenated)."""
    fallback = pyphen.language_fallback(language)
    if fallback is None:
        return None
    if fallback.split("_")[0] == "id":
        return Guarded(IndonesianSyllables())
    return Guarded(pyphen.HyphDict(pyphen.LANGUAGES[fallback]))


_installed: set[str] = set()
DOCUMENT_LANGUAGE = re.compile(r'<html[^>]*\slang="([^"]+)"')


def install(language: str) -> None:
    """Make WeasyPrint's hyphenation in this process use `dictionary_for(language)`."""
    if language in _installed:
        return
    _installed.add(language)
    dictionary = dictionary_for(language)
    if dictionary is not None:
        pyphen.hdcache[pyphen.LANGUAGES[pyphen.language_fallback(language)]] = dictionary


def install_for(html: str) -> None:
    """Install the dictionary of the document's language (its `<html lang>`); passages
    in another language are hyphenated by that language's own guarded dictionary only
    if it was installed too, so English and Indonesian always are."""
    for language in ("id", "en", *DOCUMENT_LANGUAGE.findall(html[:2000])[:1]):
        install(language)
