"""The course office's files: who teaches (course/people.yaml) and who takes part
(course/roster.yaml, the alternative to roster.csv).

Both hold personal data. They are not kinds of course file: the project's loader
never reads them into a course model; only the office checks and the office output
do (load/people.py, load/roster.py).
"""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator, Field

from coursesmith.load.schema.base import Code, Model
from coursesmith.load.text import LocalText


def _digits_as_text(value: object) -> object:
    """A NIP written without quotes is a YAML number; its digits are what count."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


Nip = Annotated[str, BeforeValidator(_digits_as_text)]


class Person(Model):
    """A facilitator: a widyaiswara of the institute or a guest speaker (narasumber)."""

    name: str
    """The name as printed on the lesson plan, attendance list and evaluation form."""
    nip: Nip | None = None
    """The civil servant's NIP (18 digits), when the person has one; checked like the roster's."""
    title: LocalText | None = None
    """Position or functional rank, e.g. `Widyaiswara Ahli Madya`."""
    role: Literal["widyaiswara", "narasumber"] = "widyaiswara"
    """`widyaiswara` (the institute's trainer) or `narasumber` (a guest speaker)."""
    lessons: list[Code] = Field(min_length=1)
    """Codes of the lessons this person teaches, e.g. `[KOAL-01, KOAL-02]`."""
    note: str = ""
    """Anything for the office, e.g. `fiktif` for invented sample people."""


class People(Model):
    """course/people.yaml: the course's facilitators and the lessons each teaches."""

    kind: Literal["people"]
    """Always `people`."""
    people: list[Person] = Field(min_length=1)
    """One entry per facilitator."""


class RosterEntry(Model):
    """A participant, with the same fields as a row of roster.csv."""

    name: str
    """The participant's name as printed on the certificate."""
    nip: Nip
    """The participant's NIP (18 digits). Quote it: `nip: "198503122010011001"`."""
    rank: str = ""
    """Pangkat/golongan, e.g. `Penata Tk. I (III/d)`."""
    position: str = ""
    """The participant's position (jabatan)."""
    agency: str = ""
    """The agency (instansi)."""
    unit: str = ""
    """The work unit (unit kerja)."""
    email: str = ""
    """An address for the office's messages (optional)."""
    note: str = ""
    """Anything for the office, e.g. `fiktif`."""


class Roster(Model):
    """course/roster.yaml: the participants, for a course office that prefers YAML to CSV."""

    kind: Literal["roster"]
    """Always `roster`."""
    participants: list[RosterEntry] = []
    """One entry per participant, in the order of their certificate numbers."""


OFFICE_KINDS: dict[str, type[Model]] = {"people": People, "roster": Roster}
"""The office's files, for the JSON Schema export; not kinds a project's loader reads."""
