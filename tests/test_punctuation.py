"""Labels and templates use typographic quotes, apostrophes and en dashes in ranges."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from coursesmith.render.environment import number_range
from text_extract import pdf_pages

LABELS = Path(__file__).resolve().parent.parent / "templates" / "labels"


def values(node):
    if isinstance(node, dict):
        for value in node.values():
            yield from values(value)
    elif isinstance(node, str):
        yield node


@pytest.mark.parametrize("lang", ("id", "en"))
def test_labels_have_no_straight_quotes_or_apostrophes(lang):
    labels = yaml.safe_load((LABELS / f"{lang}.yaml").read_text(encoding="utf-8"))
    straight = [v for v in values(labels) if re.search(r"['\"]", v)]
    assert straight == []


def test_page_ranges_take_an_en_dash():
    assert number_range("21-53") == "21–53"
    assert number_range("21 - 53") == "21–53"
    assert number_range("Paper 20") == "Paper 20"
    assert number_range("e-12") == "e-12"


@pytest.mark.parametrize("lang", ("id", "en"))
def test_the_readers_references_print_ranges_with_en_dashes(sample_output, lang):
    pages = pdf_pages(sample_output / "site" / lang / f"kkmp-reader-{lang}.pdf")
    heading = {"id": "Daftar pustaka", "en": "References"}[lang]
    references = "\n".join(page for page in pages[2:] if heading in page[:200])
    assert "21–53" in references or "21–\n53" in references
    assert not re.search(r"\b\d+-\d+\b", references)


def test_plain_texts_get_the_languages_quotes_and_apostrophes():
    from coursesmith.render.typography import typographic

    assert typographic("The stakeholders of my unit's issue", "en") == "The stakeholders of my unit’s issue"
    assert typographic('Kata "koalisi" dan \'mitra\' (lihat "KOAL-01")', "id") == (
        "Kata “koalisi” dan ‘mitra’ (lihat “KOAL-01”)")
    assert typographic('Lewin\'s "three-step" model', "de") == "Lewin’s „three-step“ model"
    assert typographic("No quotes at all", "en") == "No quotes at all"


@pytest.mark.parametrize("lang", ("id", "en"))
def test_the_reader_prints_no_straight_quote_or_apostrophe(sample_output, lang):
    """Markdown texts go through the typographer, plain texts (titles, topics, names of
    works) through typographic(); the sample has straight ones in both kinds."""
    text = "\n".join(pdf_pages(sample_output / "site" / lang / f"kkmp-reader-{lang}.pdf"))
    assert re.findall(r".{0,30}['\"].{0,30}", text) == []
    assert re.search("[“’]", text)
