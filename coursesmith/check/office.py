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
    check_certificate_number(catalog, problems)
    load_roster(root, problems)
    load_verify_list(root, problems)
    people = load_people(root, catalog.lessons, problems)
    if not people:  # no people file: the papers leave a line for each facilitator's name
        return
    for code, defined in sorted(catalog.lessons.items()):
        if not teachers(people, code):
            problems.add("lesson-without-facilitator", defined.source.location(("code",)), code=code)


def check_certificate_number(catalog: Catalog, problems: Problems) -> None:
    """The pattern is filled in as the office output fills it, with a sample participant."""
    if catalog.course is None:
        return
    pattern = catalog.course.item.office.certificate_number
    try:
        pattern.format(seq=1, year=2027)
    except (KeyError, IndexError, ValueError, AttributeError) as error:
        problems.add("certificate-number", catalog.course.source.location(("office", "certificate_number")),
                     reason=f"{type(error).__name__}: {error}")
