"""The printed text of a lesson's documents, line by line, for checking that laying the
books out from parts lost nothing: each line is the body of a page (running headers and
footers left out), caption numbers aside (the facilitator's alignment map is no longer
numbered, so the handout's tables keep the numbers participants see).

`python tests/print_text.py OLD_OUTPUT` refreshes tests/data/print-before-parts.json.gz
from a build of the commit before the books were bound from parts (5 lessons, 2 languages)."""

from __future__ import annotations

import gzip
import json
import re
import sys
from pathlib import Path

import pypdfium2

from text_extract import normalise

MARGIN = 22 / 25.4 * 72  # the top and bottom margins, where running heads and page labels sit
CAPTION = re.compile(r"^(Tabel|Table|Gambar|Figure) \d+\.\d+\s+")
LESSONS = ("KOAL-01", "KOAL-02", "KOAL-03", "PERU-01", "PERU-02")
LABELS = {"id": ("Mata pelatihan", "Ringkasan sesi", "Glosarium"), "en": ("Module", "Lesson summary", "Glossary")}
BEFORE = Path(__file__).parent / "data" / "print-before-parts.json.gz"


def body_lines(path: Path, first: int = 0, last: int | None = None) -> list[str]:
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        lines = []
        for page in list(pdf)[first:last]:
            width, height = page.get_size()
            lines += page.get_textpage().get_text_bounded(0, MARGIN - 4, width, height - MARGIN + 4).splitlines()
        return [CAPTION.sub("", line) for line in lines if line.strip()]
    finally:
        pdf.close()


def _pages(path: Path) -> list[str]:
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return [page.get_textpage().get_text_range() for page in pdf]
    finally:
        pdf.close()


def _chapters(book: list[str], starts: list[int], module: str, after: set[int]) -> list[tuple[int, int | None]]:
    """Each lesson's pages in an old one-piece book: up to the next lesson, module or back matter."""
    openers = {i for i, text in enumerate(book) if re.search(rf"MP-[A-Z]+ · {module} · ", text)}
    marks = sorted(set(starts) | openers | after)
    return [(start, next((m for m in marks if m > start), None)) for start in starts]


def before(output: Path) -> dict:
    """Per language and lesson, the lines of its reader chapter, guide chapter, handout and
    facilitator handout in a build made before the books were bound from parts."""
    found = {}
    for lang, (module, summary, glossary) in LABELS.items():
        reader_pdf = output / f"site/{lang}/kkmp-reader-{lang}.pdf"
        guide_pdf = output / f"facilitator/{lang}/kkmp-facilitator-guide-{lang}.pdf"
        reader, guide = _pages(reader_pdf), _pages(guide_pdf)
        starts = [next(i for i, t in enumerate(reader) if f"{c} · {module}:" in t) for c in LESSONS]
        back = next(i for i, t in enumerate(reader) if i > starts[-1] and t.strip().startswith(glossary))
        summaries = [next(i for i, t in enumerate(guide) if f"{c} · {summary}" in t) for c in LESSONS]
        chapters = zip(LESSONS, _chapters(reader, starts, module, {back}), _chapters(guide, summaries, module, set()))
        for code, (r_first, r_last), (g_first, g_last) in chapters:
            slug = code.lower()
            found.setdefault(lang, {})[code] = {
                "reader": body_lines(reader_pdf, r_first, r_last),
                "handout": body_lines(output / f"site/{lang}/handouts/kkmp-{slug}-{lang}.pdf"),
                "guide": body_lines(guide_pdf, g_first, g_last),
                "facilitator": body_lines(output / f"facilitator/{lang}/kkmp-{slug}-facilitator-{lang}.pdf"),
            }
    return found


def load_before() -> dict:
    return json.loads(gzip.decompress(BEFORE.read_bytes()))


def _kept(lines: list[str]) -> list[str]:
    """Lines as the test compares them (normalised), each once, in order."""
    return list(dict.fromkeys(normalise(line) for line in lines if normalise(line)))


if __name__ == "__main__":
    found = before(Path(sys.argv[1]))
    found = {lang: {code: {kind: _kept(lines) for kind, lines in kinds.items()} for code, kinds in codes.items()}
             for lang, codes in found.items()}
    data = json.dumps(found, ensure_ascii=False, sort_keys=True).encode()
    BEFORE.write_bytes(gzip.compress(data, mtime=0))
