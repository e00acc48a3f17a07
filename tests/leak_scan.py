"""Everything a participant receives, read as text: the leak tests scan it for
facilitator material."""

from __future__ import annotations

import gzip
import html
import json
import re
import zipfile
from pathlib import Path

import pypdfium2 as pdfium

from text_extract import html_text, normalise, pdf_text


def participant_pdfs(output: Path) -> list[Path]:
    return sorted((output / "site").rglob("*.pdf"))


def participant_corpus(output: Path) -> str:
    return normalise("\n".join(participant_texts(output).values()))


def participant_texts(output: Path) -> dict[str, str]:
    """The text of every participant output, by kind: what the leak scan reads."""
    site = output / "site"
    pages = sorted(p for p in site.rglob("*.html") if p.parent.name != "slides")
    texts = {
        "pdf": [pdf_text(p) for p in participant_pdfs(output) if "-slides-" not in p.name],
        "site": [html_text(p.read_text(encoding="utf-8")) for p in pages],
        "slides": [html_text(p.read_text(encoding="utf-8")) for p in sorted(site.rglob("slides/*.html"))]
                  + [pdf_text(p) for p in participant_pdfs(output) if "-slides-" in p.name],
        "svg": [p.read_text(encoding="utf-8", errors="replace") for p in sorted(site.rglob("*.svg"))],
        "scorm": package_texts(output, "*.zip"),
        "cartridge": package_texts(output, "*.imscc"),
        "offline-search": [],  # search from disk
        "pagefind": pagefind_texts(site),
        # What a shared link shows (descriptions, sharing cards) is in attributes, not in the text.
        "meta": [html.unescape(content) for p in sorted(site.rglob("*.html"))
                 for content in re.findall(r'<meta [^>]*content="([^"]*)"', p.read_text(encoding="utf-8"))],
    }
    for index in sorted(site.glob("*/search-index.js")):
        records = json.loads(index.read_text(encoding="utf-8").partition(" = ")[2].rstrip().rstrip(";"))
        texts["offline-search"] += [f"{record['title']}\n{record['text']}" for record in records]
    return {kind: "\n".join(parts) for kind, parts in texts.items()}


def pagefind_texts(site: Path) -> list[str]:
    """What Pagefind's index holds of each page: its fragments, gzipped JSON."""
    texts = []
    for fragment in sorted(site.glob("pagefind/fragment/*.pf_fragment")):
        record = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        texts.append("\n".join([record["content"], *map(str, record.get("meta", {}).values())]))
    return texts


def package_texts(output: Path, pattern: str = "*") -> list[str]:
    """The text of every file inside every LMS package (they are participant outputs)."""
    texts = []
    for package in sorted((output / "lms").glob(pattern)):
        with zipfile.ZipFile(package) as archive:
            for name in archive.namelist():
                data = archive.read(name)
                if name.endswith(".pdf"):
                    document = pdfium.PdfDocument(data)
                    texts += [document[i].get_textpage().get_text_range() for i in range(len(document))]
                    document.close()
                elif name.endswith((".html", ".xml")):  # XML may carry escaped HTML: strip both
                    texts.append(html_text(html_text(data.decode("utf-8"))))
                elif not name.endswith((".ttf", ".woff2", ".png", ".jpg")):  # fonts and pictures: no text
                    texts.append(data.decode("utf-8"))
    return texts


