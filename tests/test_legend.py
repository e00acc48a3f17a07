"""The case's legend explains its provenance tags in the very words the facts show."""

from __future__ import annotations

import re

import pytest

from text_extract import pdf_text

LANGUAGES = ("id", "en")
INTRO = {"id": "Setiap fakta diberi tanda asal-usulnya:", "en": "Each fact is tagged with where it comes from:"}
TAGS = {"id": ("[dari sumber kasus", "[dari sumber lain"), "en": ("[from the case source", "[from another source")}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_legend_names_the_tags_the_facts_carry_in_print_and_on_the_site(sample_output, lang):
    site = re.sub(r"<[^>]+>", "", (sample_output / "site" / lang / "cases/case-tangsel-2018.html").read_text(encoding="utf-8"))
    reader = pdf_text(sample_output / "site" / lang / f"kkmp-reader-{lang}.pdf")
    for text in (site, re.sub(r"\s+", " ", reader)):
        start = text.index(INTRO[lang])
        legend, facts = text[start:start + 300], text[start + 300:]
        for tag in TAGS[lang]:
            assert f"{tag}]" in legend, (lang, tag)
            assert tag in facts, (lang, tag)
        assert not re.search(r"\bseed\b|\bcited:", text), lang
