"""A real lesson as its authors wrote it (two episodes of Data Carpentry's spreadsheets
lesson, CC BY 4.0; tests/data/carpentries-spreadsheets/README.md credits it), built as a
new user would: the Carpentries' blocks, Pandoc's `{#id}` and `{alt=…}`, `1)` lists and
links between episodes come through, and the solutions stay with the facilitator."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import REPO, ScratchProject
from text_extract import html_text, normalise, pdf_text

FIXTURE = REPO / "tests" / "data" / "carpentries-spreadsheets"
SOLUTION = "will result in a decimal value that is not easily human parsable"  # the second exercise's solution


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> ScratchProject:
    root = tmp_path_factory.mktemp("carpentries") / "proj"
    shutil.copytree(FIXTURE, root, ignore=shutil.ignore_patterns("convert.py", "README.md"))
    return ScratchProject(root)


@pytest.fixture(scope="module")
def built(project) -> Path:
    return project.build()


def test_check_finds_nothing_but_the_unmeasured_indicators(project):
    """The episodes have no assessment: that is all `check` has to say."""
    lines = project.lines()
    assert lines[-1] == "0 errors, 5 warnings in 2 files"
    assert all("warning indicator-unmeasured" in line for line in lines[:-1])


def page(built: Path, code: str) -> str:
    return (built / f"site/en/lessons/{code}.html").read_text(encoding="utf-8")


def test_the_carpentries_blocks_come_through(built):
    first, dates = page(built, "spr-01"), page(built, "spr-03")
    assert first.count('<aside class="callout callout-note" aria-label="Note">') == 2  # `callout`, its `## Note` the label
    assert '<section class="callout callout-exercise"' in first  # `challenge` and `discussion`
    assert dates.count('<section class="callout callout-exercise"') == 3
    assert "callout-solution" not in first + dates and normalise(SOLUTION) not in normalise(html_text(dates))
    assert ":::" not in html_text(first) + html_text(dates)


def test_pandoc_attributes_give_ids_and_alternative_text(built):
    dates = page(built, "spr-03")
    assert '<h4 id="day">Storing dates as YEAR, MONTH, DAY</h4>' in dates
    assert "{#" not in dates and "{alt=" not in dates
    assert '<a href="#day">YEAR, MONTH, DAY</a>' in dates  # the episode's own link to that heading
    assert 'alt="Many formats, many ambiguities"' in dates


def test_links_between_episodes(built):
    """They are in the first episode's solution: the facilitator's handout has them."""
    text = normalise(pdf_text(built / "facilitator/en/spr-spr-01-facilitator-en.pdf"))
    # a course link, with its target's title and the label of its page (lesson 2's first)
    assert normalise("in episode 03-dates-as-data (Dates as data, p. 2–1).") in text
    assert "02-common-mistakes.md" not in pdf_text(built / "facilitator/en/spr-spr-01-facilitator-en.pdf")


def test_solutions_reach_the_facilitator_edition_only(built):
    facilitator = normalise(pdf_text(built / "facilitator/en/spr-spr-03-facilitator-en.pdf"))
    handout = normalise(pdf_text(built / "site/en/handouts/spr-spr-03-en.pdf"))
    assert normalise(SOLUTION) in facilitator and normalise(SOLUTION) not in handout
    assert normalise("Storing dates as YEAR, MONTH, DAY") in handout
