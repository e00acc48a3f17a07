"""Count line-end hyphens in built PDFs: `python bench/hyphens.py OUTPUT [PDF-NAME-GLOB]`.

pdfium marks a hyphen that WeasyPrint put at a line end as U+FFFE and joins the two
halves of the word, so a page's text holds one U+FFFE per hyphenated line, and lines
hyphenated one after the other have no line break between their marks. For each PDF
the script prints its pages, line-end hyphens, hyphens per page (mean and most), and
how many runs of three or more hyphenated lines in a row it has; then the totals.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

MARK = "\ufffe"


@dataclass
class Count:
    pages: int = 0
    hyphens: int = 0
    most_on_a_page: int = 0
    runs_of_three: int = 0
    longest_run: int = 0

    def add(self, other: Count) -> None:
        self.pages += other.pages
        self.hyphens += other.hyphens
        self.most_on_a_page = max(self.most_on_a_page, other.most_on_a_page)
        self.runs_of_three += other.runs_of_three
        self.longest_run = max(self.longest_run, other.longest_run)


def page_texts(pdf: Path) -> list[str]:
    document = pdfium.PdfDocument(str(pdf))
    try:
        return [document[i].get_textpage().get_text_range() for i in range(len(document))]
    finally:
        document.close()


def runs(text: str) -> list[int]:
    """Lengths of the runs of hyphenated lines: marks with no line break between them."""
    lengths = []
    for block in re.split(r"[\r\n]+", text):
        marks = block.count(MARK)
        if marks:
            lengths.append(marks)
    return lengths


def count(pdf: Path) -> Count:
    result = Count()
    for text in page_texts(pdf):
        on_page = text.count(MARK)
        lengths = runs(text)
        result.add(Count(pages=1, hyphens=on_page, most_on_a_page=on_page,
                         runs_of_three=sum(1 for n in lengths if n >= 3),
                         longest_run=max(lengths, default=0)))
    return result


def main(argv: list[str]) -> None:
    output = Path(argv[0])
    pattern = argv[1] if len(argv) > 1 else "*.pdf"
    total = Count()
    print(f"{'document':58} pages hyphens /page most runs>=3 longest")
    for pdf in sorted(output.rglob(pattern)):
        c = count(pdf)
        total.add(c)
        print(f"{str(pdf.relative_to(output)):58} {c.pages:5} {c.hyphens:7} {c.hyphens / c.pages:5.2f} "
              f"{c.most_on_a_page:4} {c.runs_of_three:7} {c.longest_run:7}")
    print(f"{'total':58} {total.pages:5} {total.hyphens:7} {total.hyphens / max(1, total.pages):5.2f} "
          f"{total.most_on_a_page:4} {total.runs_of_three:7} {total.longest_run:7}")


if __name__ == "__main__":
    main(sys.argv[1:])
