"""Typesetting: Indonesian words break where Indonesian breaks them, codes and domains
never break, no page ends with a heading or a label, the glossary follows the terms."""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import yaml

from coursesmith.outputs.print.hyphenation import dictionary_for, install_for, syllable_breaks
from coursesmith.render.typography import collation_key
from page_ends import page_ends

REPO = Path(__file__).resolve().parent.parent
WRONG = {"dengannya": "deng-annya", "memiliki": "memil-iki", "pemrakarsa": "pemr-akarsa"}


def hyphenated(word: str, breaks: list[int]) -> str:
    edges = [0, *breaks, len(word)]
    return "-".join(word[a:b] for a, b in zip(edges, edges[1:]))


@pytest.mark.parametrize("word, syllables", [
    ("dengannya", "de-ngan-nya"), ("memiliki", "me-mi-li-ki"), ("pemrakarsa", "pem-ra-kar-sa"),
    ("koalisi", "ko-a-li-si"), ("bangkrut", "bang-krut"), ("instrumen", "in-stru-men"),
    ("masyarakat", "ma-sya-ra-kat"), ("pantai", "pan-tai"), ("kepentingan", "ke-pen-ti-ngan"),
])
def test_indonesian_words_break_between_syllables(word, syllables):
    assert hyphenated(word, syllable_breaks(word)) == syllables


@pytest.mark.parametrize("word", ["beritairn.com", "Tangerang", "KOAL-01", "LK-03", "2018", "ASN"])
def test_codes_names_and_domains_never_break(word):
    for language in ("id", "en"):
        assert dictionary_for(language).positions(word) == []


def test_weasyprint_breaks_indonesian_with_our_rules(tmp_path):
    """Columns of every width from 12 to 34 mm force every break WeasyPrint may choose;
    pyphen's own Indonesian patterns give deng-annya, memil-iki or pemr-akarsa in some."""
    import pyphen
    from weasyprint import HTML

    words = " ".join(WRONG)
    columns = "".join(f'<p style="width: {width}mm">{words}</p>' for width in range(12, 35))
    html = ('<html lang="id"><head><title>t</title><style>p { hyphens: auto; hyphenate-character: "-";'
            f' font-size: 11pt; hyphenate-limit-chars: 6 2 2 }}</style></head><body>{columns}</body></html>')
    install_for(html)
    assert pyphen.Pyphen(lang="id", left=2, right=2).inserted("dengannya") == "de-ngan-nya"
    pdf = tmp_path / "words.pdf"
    HTML(string=html).write_pdf(pdf)
    document = pdfium.PdfDocument(str(pdf))
    text = "".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    document.close()
    broken = set(re.findall(r"\w+\ufffe\w+", text))
    assert len(broken) >= 3, "the narrow columns should force some breaks"
    for piece in broken:
        word = piece.replace("\ufffe", "")
        assert piece.index("\ufffe") in syllable_breaks(word.lower()), piece


def test_domains_in_markdown_are_kept_whole_but_links_hold_only_text():
    from coursesmith.render.markdown import keep_domains_whole

    html = '<p>Di beritairn.com (2018), lihat <a href="https://x.go.id">x.go.id</a>.</p>'
    assert keep_domains_whole(html) == (
        '<p>Di <span class="domain">beritairn.com</span> (2018), lihat <a href="https://x.go.id">x.go.id</a>.</p>')


def labels() -> set[str]:
    def strings(value):
        if isinstance(value, dict):
            for v in value.values():
                yield from strings(v)
        elif isinstance(value, list):
            for v in value:
                yield from strings(v)
        elif isinstance(value, str):
            yield value
    found = set()
    for lang in ("id", "en"):
        data = yaml.safe_load((REPO / "templates" / "labels" / f"{lang}.yaml").read_text(encoding="utf-8"))
        found |= {s.strip().rstrip(":").casefold() for s in strings(data)}
    return found


def stranded(end, known: set[str]) -> bool:
    """A heading, a label, a kicker or meta line ("08.45 · Kuliah · 25 menit") or a banner."""
    text = end.text.rstrip(":").casefold()
    if end.role == "/Figure":
        return False
    return (end.role.startswith("/H") or (len(text) > 1 and text in known) or (" · " in end.text and len(text) < 160)
            or text.startswith(("ilustratif —", "illustrative —")))


def test_no_page_of_the_sample_ends_with_a_heading_or_label(sample_output):
    known = labels()
    found = [(pdf.name, end.page, end.text) for pdf in sorted(sample_output.rglob("*.pdf")) if "-slides-" not in pdf.name
             for end in page_ends(pdf)[:-1] if stranded(end, known)]
    assert found == []


def test_page_ends_finds_a_stranded_heading(tmp_path):
    from weasyprint import HTML

    html = ('<html lang="en"><head><title>t</title></head><body>'
            '<p style="height: 235mm; margin: 0">Body.</p><h2 style="break-after: auto; margin: 0">Alone at the foot</h2>'
            '<p style="height: 20mm">Its text.</p></body></html>')
    pdf = tmp_path / "stranded.pdf"
    HTML(string=html).write_pdf(pdf, pdf_variant="pdf/ua-1")
    assert [(e.page, e.role, e.text) for e in page_ends(pdf)] == [
        (1, "/H2", "Alone at the foot"), (2, "/P", "Its text.")]


@pytest.mark.parametrize("lang, first, order", [
    ("id", "ADKAR", ["Aksi perubahan", "ASN", "JP", "Koalisi"]),
    ("en", "ADKAR", ["Change action", "Coalition", "Guiding coalition"]),
])
def test_the_glossary_follows_the_displayed_terms(sample_output, lang, first, order):
    page = (sample_output / "site" / lang / "glossary.html").read_text(encoding="utf-8")
    terms = [re.sub(r"<[^>]+>", "", t).strip() for t in re.findall(r"<dt[^>]*>(.*?)</dt>", page, re.S)]
    assert terms == sorted(terms, key=collation_key)
    assert terms[0].startswith(first)
    positions = [next(i for i, t in enumerate(terms) if t.startswith(word)) for word in order]
    assert positions == sorted(positions)


def test_collation_ignores_case_accents_and_punctuation():
    words = ["koalisi", "Kerja sama", "kerjasama", "ékspansi", "ASN", "Aksi"]
    assert sorted(words, key=collation_key) == ["Aksi", "ASN", "ékspansi", "Kerja sama", "kerjasama", "koalisi"]
