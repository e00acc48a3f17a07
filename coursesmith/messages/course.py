"""Problems with the course's design: timing, pedagogy, assessment, schedule."""

from coursesmith.messages.message import Message

MESSAGES: dict[str, Message] = {
    # --- pedagogy --------------------------------------------------------------
    "minutes-mismatch": Message(
        "error",
        "the activities of lesson {code!r} add up to {total} minutes, "
        "but {jp} JP × {per_jp} minutes = {expected} minutes",
        "Adjust the activities' minutes (or the lesson's jp) so that the two agree; "
        "a `break` activity inside a lesson is not counted.",
    ),
    "reflective-without-rubric": Message(
        "error",
        "reflective item {code!r} has no rubric",
        "Add `rubric:` with at least two levels, each `{{level: N, text: …}}`, so that "
        "facilitators score answers the same way.",
    ),
    "answer-not-option": Message(
        "error",
        "answer {answer!r} of item {code!r} is not one of its options ({options})",
        "Set `answer:` to the key of the correct option.",
    ),
    "duplicate-option": Message(
        "error",
        "option key {key!r} is used twice in item {code!r}",
        "Give each option its own key (a, b, c, ...).",
    ),
    "indicator-unmeasured": Message(
        "warning",
        "indicator {code!r} of lesson {lesson!r} is not measured: no assessment item or "
        "rubric-scored worksheet names it",
        "Name it in an item's `indicator:` or `indicators:`, or in the `indicators:` of a worksheet "
        "with `assessed: true` and a `rubric:`.",
    ),
    "below-indicator": Message(
        "warning",
        "{what} {code!r} measures indicator {indicator!r} ({needed}) {actual}",
        "Write it at the indicator's level (a scenario stem lets multiple choice test C3–C5) and "
        "set its `bloom:`, or point it at the indicator it really measures.",
    ),
    "prompt-numbered": Message(
        "warning",
        "prompt {number} of worksheet {code!r} starts with a number of its own ({start!r}); the worksheet numbers its prompts, so it would print twice",
        "Leave the number out of the text; prompts are numbered in the order they are written.",
    ),
    "worksheet-without-rubric": Message(
        "warning",
        "worksheet {code!r} is assessed but has no rubric",
        "Add `rubric:` with its levels (facilitator only; three levels, like a reflective item's), "
        "or set `assessed: false`.",
    ),
    "group-evidence-only": Message(
        "warning",
        "indicator {code!r} is to be shown by each participant, but only group work measures it ({measures})",
        "Add an individual item or worksheet for it, or set `evidence: group` on the indicator if a "
        "group result is what it asks for.",
    ),
    "activity-without-indicator": Message(
        "warning",
        "activity {code!r} of lesson {lesson!r} serves no indicator",
        "List the indicators it serves, e.g. `indicators: [IND-1]`, or leave the activity out.",
    ),
    "activity-does-not-scale": Message(
        "warning",
        "activity {code!r} needs {needed} minutes for a class of {size} in {groups} groups of {group_size} "
        "({fixed} + {groups} × {per_group}), but has {minutes}",
        "Shorten each group's turn, form fewer and larger groups (`group_size`), or give the "
        "activity more minutes.",
    ),
    "block-too-long": Message(
        "warning",
        "{minutes} minutes of lessons run without a break from {start} on day {day} (the limit is {limit})",
        "Add a slot with `type: break`, or an activity of type `break` inside the lesson (it is not "
        "counted in JP), or change `max_block_minutes` in course.yaml.",
    ),
    "task-without-time": Message(
        "warning",
        "{what} needs {needed} minutes, but only {available} minutes of study time come before it is "
        "due ({due})",
        "Breaks, lessons and nights are not homework time. Schedule a slot with `type: study` before "
        "it is due, move `due:`, or make the task fit the time.",
    ),
    "wrong-lesson-reference": Message(
        "warning",
        "this sentence ties {thing!r} to lesson {lesson!r}, which neither uses nor mentions it "
        "(it belongs to {owner})",
        "Check which lesson the sentence means; {thing} is defined or used in {owner}.",
    ),
    "bad-slot": Message(
        "error",
        "this schedule slot {reason}",
        "A slot is either a lesson (`- lesson: KOAL-01`) or something else with its length "
        "(`- {{title: {{id: Rehat, en: Break}}, minutes: 15}}`).",
    ),
    "unscheduled-lesson": Message(
        "error",
        "lesson {code!r} is in the course but not in the schedule",
        "Add `- lesson: {code}` to one of the days in `schedule:`.",
    ),
    "scheduled-twice": Message(
        "error",
        "lesson {code!r} is scheduled twice (also at {other})",
        "Teach each lesson once; remove one of the two slots.",
    ),
    "schedule-overlap": Message(
        "error",
        "this day ({date}, {second}) overlaps the day at {other} ({first})",
        "Two entries for the same date must not overlap: change this day's `start`, "
        "move slots to the other entry, or correct the date.",
    ),
    "day-too-long": Message(
        "error",
        "this day runs past midnight ({start} + {minutes} minutes)",
        "Start the day earlier or move slots to another day.",
    ),
    "bad-dates": Message(
        "error",
        "the course ends ({end}) before it starts ({start})",
        "Swap the two dates or correct one of them.",
    ),
    "missing-translation": Message(
        "error",
        "{field} has no `{language}` text",
        "Add `{language}: ...` to this text; the course declares the languages {languages}. "
        "(Set `missing_translation: warning` in course.yaml to allow drafts.)",
    ),
    "missing-translation-warning": Message(
        "warning",
        "{field} has no `{language}` text; the `{fallback}` text is used instead",
        "Add `{language}: ...` to this text before the course is published.",
    ),
}
