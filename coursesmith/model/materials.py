"""The facilitator's materials checklist of a lesson: what the room needs, each thing
once, with how many where the lesson says.

The lesson's media come first, then each activity's materials in order. Entries with
the same text (in the edition's language) are one line. Quantities given per group or
per participant become totals when the course's `class_size` (and for groups, the
activity's group size) says how many there are; the line keeps each activity's own
count beside the total, so a facilitator can tell a consumable (used up in each
activity) from a thing used again (the total then overstates it).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from coursesmith.check.teaching import GROUP_OF
from coursesmith.load.schema import Activity, Lesson, Material
from coursesmith.load.text import LocalText


@dataclass(frozen=True)
class Use:
    """One activity's need of a thing."""

    activity: str
    quantity: int
    per: str | None
    units: int | None
    """How many groups or participants the quantity is for (1 for a plain quantity);
    None when the class size or the number of groups is unknown."""

    @property
    def total(self) -> int | None:
        return None if self.units is None else self.quantity * self.units


@dataclass
class Needed:
    """One line of the checklist."""

    text: str
    """The thing's text in the edition's language, as written (the line's identity)."""
    item: LocalText
    """The thing as the template shows it (the first of its texts to appear)."""
    uses: list[Use] = field(default_factory=list)

    @property
    def total(self) -> int | None:
        """All the counted uses added up; None if any count is unknown or none is given."""
        totals = [use.total for use in self.uses]
        return sum(totals) if totals and None not in totals else None  # type: ignore[arg-type]


def checklist(lesson: Lesson, class_size: int | None, lang: str, fallback: list[str]) -> list[Needed]:
    """The lesson's materials, deduplicated by their text in `lang`."""
    lines: dict[str, Needed] = {}
    for item in lesson.media:
        lines.setdefault(item.get(lang, fallback), Needed(item.get(lang, fallback), item))
    for activity in lesson.activities:
        for material in activity.materials:
            text = material.item.get(lang, fallback)
            line = lines.setdefault(text, Needed(text, material.item))
            if material.quantity is not None or material.per is not None:
                line.uses.append(_use(material, activity, class_size))
    return list(lines.values())


def _use(material: Material, activity: Activity, class_size: int | None) -> Use:
    return Use(activity.code, material.quantity or 1, material.per, _units(material.per, activity, class_size))


def _units(per: str | None, activity: Activity, class_size: int | None) -> int | None:
    """How many of what the quantity is counted per: 1 for a total, else participants or groups."""
    if per is None:
        return 1
    if class_size is None:
        return None
    if per == "participant":
        return class_size
    if activity.grouping == "whole_class" and activity.group_size is None:
        return 1
    size = activity.group_size or GROUP_OF.get(activity.grouping)
    return math.ceil(class_size / size) if size else None
