"""The course's facilitators (course/people.yaml): personal data, read only for the course office.

Like the roster, the file is never a course file (locations.OFFICE_FILES): the office
checks read it to report its mistakes, the office output reads it to name who
teaches each session, and nothing else sees it.
"""
from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from coursesmith.diagnostics import Problems, suggest
from coursesmith.load.roster import nip_problem
from coursesmith.load.schema.office import People, Person
from coursesmith.load.validate import validate_as
from coursesmith.load.yamlfile import load_yaml

PEOPLE = "people.yaml"


def people_path(root: Path) -> Path:
    return root / "course" / PEOPLE


def load_people(root: Path, lessons: Collection[str], problems: Problems) -> list[Person] | None:
    """The facilitators in file order, checked against the course's lesson codes; None
    when the course has no people file (a file with mistakes gives what is usable)."""
    path = people_path(root)
    if not path.is_file():
        return None
    source = load_yaml(path, problems)
    people = validate_as(source, People, problems) if source is not None else None
    if people is None:
        return []
    for index, person in enumerate(people.people):
        if person.nip is not None and (reason := nip_problem(person.nip)):
            problems.add("roster-bad-nip", source.location(("people", index, "nip")), nip=person.nip, reason=reason)
        for position, code in enumerate(person.lessons):
            if code not in lessons:
                problems.add("people-unknown-lesson", source.location(("people", index, "lessons", position)),
                             code=code, suggestion=suggest(code, lessons))
    return list(people.people)


def teachers(people: list[Person], lesson: str) -> list[Person]:
    """Who teaches `lesson`, in file order."""
    return [person for person in people if lesson in person.lessons]
