"""Generated YAML and Markdown thrown at `check` and `build --no-pdf`: the answer is
always exit 0 or 1 with every problem located, never a traceback, and never slow.

Derandomized with a fixed number of examples, so CI runs the same cases every time.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import tempfile
import textwrap
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coursesmith.cli import main
from coursesmith.diagnostics import Problems
from coursesmith.pipeline import check

from conftest import MINIMAL

LESSON = "modules/m1/les-1.yaml"
BODY = 'body: {id: "Isi **bagian**.", en: "Section **body**."}'
LOCATED = r"^\S+:\d+:\d+: (error|warning) [a-z0-9-]+: "

# Characters that matter to YAML and Markdown, and some that no parser likes.
SYNTAX = list(":-[]{},#&*!|>'\"%@`?\t\n\\<>()_=~^$.+0123456789 ") + ["\x00", "\x1b", "\x85", "\u2028", "\ufeff",
                                                                     "\ud7ff", "\U0001f600", "é", "ß"]
characters = st.sampled_from(SYNTAX) | st.characters(codec="utf-8")
fragments = st.text(characters, max_size=40)
markdown = st.lists(st.sampled_from(["![x](", "[a](", ")", "<img src=", "<a href=", "<script>", "javascript:",
                                     "data:", "../", "/etc/passwd", "**", "`", "|a|b|\n|-|-|\n", "\n\n", "# ",
                                     "> ", "1. ", "- ", "&#106;", "<!--", "-->", "<svg>", "img/a.svg", "\\"])
                    | fragments, max_size=12).map("".join)
scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.dates() | fragments
documents = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                         | st.dictionaries(fragments, inner, max_size=4), max_leaves=30)

COMMON = dict(derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow])


@contextlib.contextmanager
def fresh_project() -> Iterator[Path]:
    """A minimal project for one example, removed afterwards (Hypothesis runs a test body
    many times, so pytest's per-test tmp_path fixture cannot serve)."""
    root = Path(tempfile.mkdtemp(prefix="coursesmith-property-")) / "proj"
    try:
        for relative, text in MINIMAL.items():
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        yield root
    finally:
        shutil.rmtree(root.parent)


def assert_located(root: Path) -> None:
    problems = Problems()
    check(root, problems)
    for d in problems.items:
        assert d.location.line >= 1 and d.location.column >= 1, d
        assert d.message and d.hint, d


def run(argv: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        status = main(argv)
    return status, out.getvalue()


def assert_answers(argv: list[str]) -> None:
    status, report = run(argv)
    assert status in (0, 1), report
    assert "Traceback" not in report, report
    for line in report.splitlines():
        if ": error " in line or ": warning " in line:
            assert __import__("re").match(LOCATED, line), line


def lesson_with(inserted: str, at: float) -> str:
    text = textwrap.dedent(MINIMAL[LESSON])
    cut = int(len(text) * at)
    return text[:cut] + inserted + text[cut:]


@settings(max_examples=150, deadline=timedelta(seconds=10), **COMMON)
@given(inserted=fragments, at=st.floats(0, 1))
def test_text_inserted_anywhere_in_a_lesson_is_checked(inserted, at):
    with fresh_project() as root:
        (root / LESSON).write_text(lesson_with(inserted, at), encoding="utf-8")
        assert_located(root)
        assert_answers(["check", "-p", str(root)])


@settings(max_examples=60, deadline=timedelta(seconds=10), **COMMON)
@given(data=documents)
def test_any_yaml_document_is_checked(data):
    with fresh_project() as root:
        (root / "modules/m1/extra.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        assert_located(root)
        assert_answers(["check", "-p", str(root)])


@settings(max_examples=25, deadline=timedelta(seconds=60), **COMMON)
@given(text=markdown)
def test_any_markdown_builds_or_is_reported(text):
    with fresh_project() as root:
        (root / "modules/m1/img").mkdir()
        (root / "modules/m1/img/a.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
        quoted = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        lesson = textwrap.dedent(MINIMAL[LESSON]).replace(BODY, f'body: {{id: "{quoted}", en: "Section."}}')
        (root / LESSON).write_text(lesson, encoding="utf-8")
        assert_answers(["build", "-p", str(root), "--no-pdf", "--jobs", "1", "--no-cache", "--quiet"])
