"""Quotation marks are set for the text's language, on the site and in the PDFs.

Indonesian, like English, uses “…” with ‘…’ inside (PUEBI, "Tanda Petik" and "Tanda
Petik Tunggal"); straight quotes typed by an author become those, apostrophes become ’.
Code keeps what was typed."""

from __future__ import annotations

import pytest

from conftest import MINIMAL
from coursesmith.load.markdown import QUOTES, convert, convert_inline
from text_extract import pdf_text

TEXT = {"id": "Kata \"koalisi\" berarti 'bersatu'; rapat Jum'at. `\"kode\"`",
        "en": "The word \"coalition\" means 'united'; it's Friday. `\"code\"`"}
SHOWN = {"id": ("“koalisi”", "‘bersatu’", "Jum’at", '"kode"'),
         "en": ("“coalition”", "‘united’", "it’s", '"code"')}


@pytest.mark.parametrize("lang", ("id", "en"))
def test_each_language_gets_its_quotation_marks(lang):
    assert QUOTES[lang] == "“”‘’"
    html = convert(TEXT[lang], lang).html
    for shown in SHOWN[lang][:3]:
        assert shown in html
    assert "<code>\"" in html.replace("&quot;", "\"")  # code as typed
    assert "“" in convert_inline(TEXT[lang], lang).html


def test_a_text_without_a_language_keeps_straight_quotes():
    assert '"koalisi"' in convert(TEXT["id"]).html.replace("&quot;", '"')


def test_site_and_pdf_show_curly_quotes_in_both_languages(project):
    body = "{id: %s, en: %s}" % tuple(repr(TEXT[lang]).replace("\\'", "''") for lang in ("id", "en"))
    project.write("modules/m1/les-1.yaml", MINIMAL["modules/m1/les-1.yaml"].replace(
        'body: {id: "Isi **bagian**.", en: "Section **body**."}', f"body: {body}"))
    output = project.build()
    for lang in ("id", "en"):
        page = (output / f"site/{lang}/lessons/les-1.html").read_text(encoding="utf-8")
        text = pdf_text(output / f"site/{lang}/handouts/test-les-1-{lang}.pdf")
        for shown in SHOWN[lang]:
            assert shown in page.replace("&quot;", '"'), (lang, shown)
            assert shown in text, (lang, shown)
