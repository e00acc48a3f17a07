"""Page labels: what a reader's viewer shows as a page's number ("2–7", "iii", "MP-01").

Each part's pages are labelled from 1 with the part's prefix and style, the PDF's own
/PageLabels ranges (ISO 32000-1 12.4.2); a blank verso inserted before a part has no
range of its own, so it continues the part before it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pikepdf

STYLES = {"D", "r", "R", "a", "A", ""}  # decimal, roman, letters, or the prefix alone
ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
         (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


@dataclass(frozen=True)
class LabelRange:
    """Pages from `start` (0-based, in the book) on are labelled prefix + style(1, 2, …)."""

    start: int
    prefix: str
    style: str


def check_style(style: str) -> None:
    if style not in STYLES:
        raise ValueError(f"page label style {style!r} is none of {sorted(STYLES)}")


def label(prefix: str, style: str, number: int) -> str:
    """The label of the `number`-th page (from 1) of a range, as a viewer shows it."""
    if style == "D":
        return f"{prefix}{number}"
    if style in ("r", "R"):
        roman = _roman(number)
        return prefix + (roman if style == "r" else roman.upper())
    if style in ("a", "A"):
        letters = _letters(number)
        return prefix + (letters if style == "a" else letters.upper())
    return prefix


def page_labels(pdf: pikepdf.Pdf, ranges: list[LabelRange]) -> pikepdf.Dictionary:
    """The /PageLabels number tree for `ranges` (sorted by start, the first at 0)."""
    nums = []
    for item in ranges:
        entry = pikepdf.Dictionary(Type=pikepdf.Name.PageLabel)
        if item.style:
            entry.S = pikepdf.Name("/" + item.style)
            entry.St = 1
        if item.prefix:
            entry.P = pikepdf.String(item.prefix)
        nums += [item.start, entry]
    return pdf.make_indirect(pikepdf.Dictionary(Nums=pikepdf.Array(nums)))


def _roman(number: int) -> str:
    out = []
    for value, letters in ROMAN:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def _letters(number: int) -> str:
    """a … z, aa … zz, aaa …: the PDF's letter style repeats the letter."""
    count, index = divmod(number - 1, 26)
    return chr(ord("a") + index) * (count + 1)
