"""Shared fixtures: scratch projects written from strings, and the sample course built once."""

from __future__ import annotations

import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

from coursesmith.diagnostics import Problems, format_text
from coursesmith.stages import BuildOptions
from coursesmith.pipeline import build, check

REPO = Path(__file__).resolve().parent.parent

# A complete, valid one-lesson project; tests replace or add files to break it.
MINIMAL = {
    "course/course.yaml": """\
        kind: course
        code: TEST
        title: {id: Kursus Uji, en: Test Course}
        program: {id: Program uji, en: Test programme}
        institution:
          name: {id: Lembaga Uji, en: Test Institute}
        languages: [id, en]
        agendas:
          - code: AG-1
            title: {id: Agenda satu, en: Agenda one}
            modules: [MOD-1]
        """,
    "course/bibliography.yaml": """\
        kind: bibliography
        entries:
          - code: ref_2020
            type: book
            authors: ["Author, A."]
            year: 2020
            title: A Book
        """,
    "modules/m1/module.yaml": """\
        kind: module
        code: MOD-1
        title: {id: Modul satu, en: Module one}
        description: {id: Deskripsi modul., en: Module description.}
        lessons: [LES-1]
        """,
    "modules/m1/les-1.yaml": """\
        kind: lesson
        code: LES-1
        title: {id: Sesi satu, en: Lesson one}
        jp: 1
        learning_outcome: {id: Peserta mampu menjelaskan., en: Participants can explain.}
        indicators:
          - code: IND-1
            bloom: C2
            text: {id: Menjelaskan konsep., en: Explain the concept.}
        main_topics:
          - text: {id: Topik, en: Topic}
        sections:
          - title: {id: Bagian, en: Section}
            body: {id: "Isi **bagian**.", en: "Section **body**."}
        activities:
          - code: A1
            type: lecture
            minutes: 45
            participant_instructions: {id: Dengarkan., en: Listen.}
            facilitator_notes: {id: Catatan rahasia widyaiswara., en: Secret facilitator note.}
            indicators: [IND-1]
        references: [ref_2020]
        assessment:
          - code: Q1
            type: multiple_choice
            indicator: IND-1
            stem: {id: "Pertanyaan?", en: "Question?"}
            options:
              - {key: a, text: {id: Satu, en: One}}
              - {key: b, text: {id: Dua, en: Two}}
            answer: a
            rationale: {id: Alasan rahasia., en: Secret rationale.}
            bloom: C2
        """,
}


class ScratchProject:
    """A course project in a temporary folder, written from dedented strings."""

    def __init__(self, root: Path):
        self.root = root

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def remove(self, relative: str) -> None:
        (self.root / relative).unlink()

    def check(self) -> Problems:
        problems = Problems()
        check(self.root, problems)
        return problems

    def lines(self) -> list[str]:
        """The formatted report of `check`, one diagnostic per line (hints dropped),
        with paths relative to the project."""
        text = format_text(self.check().sorted())
        prefix = str(self.root) + "/"
        return [line.replace(prefix, "") for line in text.splitlines() if not line.startswith("    hint:")]

    def errors(self) -> list[str]:
        """Only the error lines of `lines()`."""
        return [line for line in self.lines() if ": error " in line]

    def build(self, **options) -> Path:
        output = self.root / "output"
        build(BuildOptions(project=self.root, output=output, **options))
        return output


def commit_all(root: Path, message: str, force: bool = False) -> None:
    """Make `root` a git work tree holding everything in it, as one commit (`force`: ignored files too)."""
    git = ["git", "-C", str(root), "-c", "user.name=Contributor", "-c", "user.email=c@example.org"]
    for command in (["init", "-q"], ["add", *(["-f"] if force else []), "."], ["commit", "-q", "-m", message]):
        subprocess.run(git + command, check=True, capture_output=True)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ScratchProject:
    scratch = ScratchProject(tmp_path / "proj")
    for relative, text in MINIMAL.items():
        scratch.write(relative, text)
    monkeypatch.chdir(tmp_path)
    return scratch


@pytest.fixture(scope="session")
def sample_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's sample course, built once per test session (site and PDFs), its
    cache beside it (`cache/`): a module that edits a copy of the whole folder starts warm."""
    root = tmp_path_factory.mktemp("sample")
    for name in ("course", "modules"):
        shutil.copytree(REPO / name, root / name)
    output = root / "output"
    build(BuildOptions(project=root, output=output, cache=root / "cache"))
    return output


@pytest.fixture(scope="session")
def sample_rebuilt(sample_output: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample course built a second time from the same sources, with no cache: every
    PDF laid out again (the output the tests of byte-identical builds compare)."""
    again = tmp_path_factory.mktemp("again") / "output"
    build(BuildOptions(project=sample_output.parent, output=again))
    return again


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium driven by Playwright, one per test module (site, slides, packages)."""
    from site_tools import CHROMIUM, CHROMIUM_FLAGS, require_chromium
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()
