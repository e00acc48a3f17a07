"""The course office's files checked with the course: the roster, the people and the
committed certificate list.

`coursesmith check` finds what a build would: the files are read here, every mistake
reported, and what they hold is dropped. Only the office output reads them again
for its papers, so no object that other outputs receive holds personal data.
"""
from __future__ import annotations

from pathlib import Path

from coursesmith.check.catalog import Catalog
from coursesmith.diagnostics import Problems
from coursesmith.load.people import load_people, teachers
from coursesmith.load.roster import load_roster
from coursesmith.load.verifylist import load_verify_list


def check_office(root: Path, catalog: Catalog, problems: Problems) -> None:
    load_roster(root, problems)
    load_verify_list(root, problems)
    people = load_people(root, catalog.lessons, problems)
    if not people:  # no people file: the papers leave a line for each facilitator's name
        return
    for code, defined in sorted(catalog.lessons.items()):
        if not teachers(people, code):
            problems.add("lesson-without-facilitator", defined.source.location(("code",)), code=code)
