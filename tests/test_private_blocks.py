"""Facilitator and solution blocks written in a participant text reach no participant
output: not the site's pages, its two search indexes, the slides, the SCORM and Common
Cartridge packages or the PDFs. With `publish_solutions: true` the solution does reach
every one of them, which shows the scan reads each kind."""

from __future__ import annotations

import pytest

from conftest import MINIMAL
from leak_scan import participant_texts
from text_extract import normalise

FACILITATOR = "Quokka whisper for the facilitator only"
SOLUTION = "Narwhal answer kept for after the session"
BODY = f"""\
Section text everyone reads.

::: exercise
Which animal is it?
:::

::: solution
{SOLUTION}.
:::

::: facilitator
{FACILITATOR}.
:::

> [!NOTE]
> A note that everyone reads.
"""
CARRY_THE_SECTION = ("pdf", "site", "slides", "scorm", "cartridge", "offline", "offline-search", "pagefind")


def _project(project, publish: bool):
    body = "\n".join("                  " + line for line in BODY.splitlines())
    project.write("modules/m1/les-1.yaml", MINIMAL["modules/m1/les-1.yaml"].replace(
        '            body: {id: "Isi **bagian**.", en: "Section **body**."}',
        f"            body:\n              id: |\n{body}\n              en: |\n{body}"))
    if publish:
        project.write("course/course.yaml", MINIMAL["course/course.yaml"].replace(
            "languages: [id, en]\n", "languages: [id, en]\n        publish_solutions: true\n"))
    return project.build()


@pytest.mark.parametrize("publish", (False, True), ids=("default", "solutions-published"))
def test_private_blocks_reach_no_participant_output(project, publish):
    texts = {kind: normalise(text) for kind, text in participant_texts(_project(project, publish)).items()}
    assert [kind for kind in CARRY_THE_SECTION if normalise("Section text everyone reads.") not in texts[kind]] == []
    assert [kind for kind, text in texts.items() if normalise(FACILITATOR) in text] == []
    solution_in = [kind for kind, text in texts.items() if normalise(SOLUTION) in text]
    assert solution_in == (list(CARRY_THE_SECTION) if publish else [])


def test_blocks_are_cut_in_both_spellings_and_a_text_without_one_is_not_parsed(monkeypatch):
    """Cutting blocks parses a text only when it could hold one (`:::` or `[!`): both
    spellings are still cut, and a plain text comes back untouched without a parse."""
    from coursesmith.load import markdown_blocks

    private = frozenset({"facilitator", "solution"})
    fenced = f"Before.\n\n::: facilitator\n{FACILITATOR}.\n:::\n\nAfter.\n"
    alert = f"Before.\n\n> [!SOLUTION]\n> {SOLUTION}.\n\nAfter.\n"
    parsed = []
    real = markdown_blocks.parser
    monkeypatch.setattr(markdown_blocks, "parser", lambda *args: parsed.append(args) or real(*args))
    for text in (fenced, alert):
        cut = markdown_blocks.blocks_removed(text, private)
        assert "Before." in cut and "After." in cut and FACILITATOR not in cut and SOLUTION not in cut
    assert len(parsed) == 2
    plain = "A paragraph: 3 < 4, *emphasis*, a [link](https://example.org) and `code`.\n"
    assert markdown_blocks.blocks_removed(plain, private) is plain
    assert len(parsed) == 2
