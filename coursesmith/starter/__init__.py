"""`coursesmith new`: a small, valid course project to start from, in the course's languages."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from coursesmith.load.schema_export import write_schemas

HERE = Path(__file__).parent
GITIGNORE = """output/
.coursesmith/
.output.building-*/
.output.previous-*/
# The participant roster and the facilitators' file are personal data (names,
# NIPs): keep them on the course office's machines, never in git. The office
# papers are built from them into output/office/, which is never published.
course/roster.csv
course/roster.yaml
course/people.yaml
"""
LANGUAGES = ("id", "en")
# The starter's Indonesian names, and what an English-only project calls them.
ENGLISH_NAMES = {
    "MP-CONTOH": "MOD-EXAMPLE", "SESI-01": "LESSON-01", "KURSUS": "COURSE", "penulis_2020": "author_2020",
    "Penulis, A.": "Author, A.", "Judul Buku": "Book Title", "Penerbit": "Publisher", "(Penulis, 2020)":
    "(Author, 2020)", "[istilah]": "[term]", "code: istilah": "code: term",
}
ENGLISH_FILES = {"modules/contoh": "modules/example", "sesi-01.yaml": "lesson-01.yaml"}


def create_project(folder: Path, languages: tuple[str, ...] = LANGUAGES) -> None:
    """Copy the starter files in `languages` (the first is the main edition), then add the
    JSON Schema files their first lines point at."""
    folder.mkdir(parents=True, exist_ok=True)
    for source in sorted((HERE / "course").rglob("*.yaml")) + sorted((HERE / "modules").rglob("*.yaml")):
        relative = source.relative_to(HERE).as_posix()
        text = source.read_text(encoding="utf-8")
        if tuple(languages) != LANGUAGES:
            text = in_languages(text, languages)
        if languages == ("en",):
            relative = _renamed(relative, ENGLISH_FILES)
            text = _renamed(text, ENGLISH_NAMES)
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    write_schemas(folder / "schema")
    (folder / ".gitignore").write_text(GITIGNORE, encoding="utf-8")


def _renamed(text: str, names: dict[str, str]) -> str:
    for old, new in names.items():
        text = text.replace(old, new)
    return text


_FLOW = re.compile(r"\{id: (?P<id>[^{}]*?), en: (?P<en>[^{}]*?)\}")
_KEY = re.compile(r"^(?P<indent> *)(?P<key>(?:- )?[a-z_]+):$")
_LANG = re.compile(r"^(?P<indent> *)(?P<lang>id|en): (?P<value>.*)$")


def in_languages(text: str, languages: tuple[str, ...]) -> str:
    """A starter file in `languages`: with one language its `{id: …, en: …}` texts become
    plain texts. The starter's own layout is all this needs to read."""
    text = text.replace("languages: [id, en]", f"languages: [{', '.join(languages)}]")
    if len(languages) != 1:
        return text  # both languages, only their order changed
    keep = languages[0]
    text = _FLOW.sub(lambda m: m.group(keep), text)
    lines, out, i = text.splitlines(), [], 0
    while i < len(lines):
        key = _KEY.match(lines[i])
        entries = _language_entries(lines, i + 1, len(key.group("indent")) + 2) if key else None
        if not entries:
            out.append(lines[i])
            i += 1
            continue
        chosen, i = entries
        first, *rest = chosen[keep]
        out.append(f"{key.group('indent')}{key.group('key')}: {first}")
        out += [line[2:] for line in rest]  # a block text moves up one level
    return "\n".join(out) + "\n"


def _language_entries(lines: list[str], start: int, indent: int):
    """The `id:` and `en:` entries under a key, each as its value and continuation lines."""
    entries, i = {}, start
    while i < len(lines):
        found = _LANG.match(lines[i])
        if not found or len(found.group("indent")) != indent:
            break
        value, i = [found.group("value")], i + 1
        while i < len(lines) and (not lines[i].strip() or len(lines[i]) - len(lines[i].lstrip()) > indent):
            value.append(lines[i])
            i += 1
        entries[found.group("lang")] = value
    return (entries, i) if set(entries) == set(LANGUAGES) else None
