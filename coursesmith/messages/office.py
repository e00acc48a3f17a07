"""Problems with the course office's data: the roster and certificate numbers."""

from coursesmith.messages.message import Message

MESSAGES: dict[str, Message] = {
    # --- the roster (course/roster.csv, office papers only) ----------------------
    "roster-unknown-column": Message(
        "error",
        "the roster has no column {column!r}",
        "{suggestion}Roster columns: {columns}. Rename the column in the header row or delete it.",
    ),
    "roster-missing-column": Message(
        "error",
        "the roster's header row has no `{column}` column",
        "Add a `{column}` column; the header row names the columns, e.g. `name,nip,rank,position,agency,unit`.",
    ),
    "roster-missing": Message(
        "error",
        "this participant has no {column}",
        "Fill in the cell, or delete the row if it is not a participant.",
    ),
    "roster-bad-nip": Message(
        "error",
        "{nip!r} is not a valid NIP: {reason}",
        "A NIP is 18 digits: birth date YYYYMMDD, appointment YYYYMM, sex 1 or 2, a 3-digit number. "
        "Format the column as text in your spreadsheet so it keeps every digit.",
    ),
    "roster-duplicate-nip": Message(
        "error",
        "this NIP is already in the roster on line {line}",
        "Each participant appears once; delete the repeated row or correct the NIP.",
    ),
    "roster-extra-cell": Message(
        "error",
        "this row has more cells than the header's {count} columns",
        "Remove the extra cells, or put text containing commas in double quotes.",
    ),
    "roster-twice": Message(
        "error",
        "there are two rosters: this file and course/{other}",
        "Keep one of them: the office papers are made from a single list of participants.",
    ),
    # --- the facilitators (course/people.yaml, office papers only) ---------------
    "people-unknown-lesson": Message(
        "error",
        "there is no lesson {code!r} for this person to teach",
        "{suggestion}List the codes of lessons in the course, e.g. `lessons: [KOAL-01]`.",
    ),
    "lesson-without-facilitator": Message(
        "warning",
        "nobody in course/people.yaml teaches lesson {code!r}",
        "Add the lesson's code to the `lessons:` of the person who teaches it; its lesson plan, "
        "attendance list and evaluation form leave a line for the name meanwhile.",
    ),
    "verify-list-invalid": Message(
        "error",
        "this is not a certificate list the office output wrote: {reason}",
        "Copy output/office/verify-list.json from the office's build (the one with the roster) "
        "over this file, unchanged, or delete it.",
    ),
    "verify-list-stale": Message(
        "warning",
        "this committed certificate list is not the one this build's certificates make ({missing} "
        "missing from it, {extra} no longer issued, {changed} with another name or programme): the "
        "public site, built without the roster, would confirm the old list",
        "Copy output/office/verify-list.json over this file and commit it.",
    ),
    "certificate-number": Message(
        "error",
        "the certificate number pattern cannot be filled in: {reason}",
        "Use `{{seq}}` (or `{{seq:03d}}`) for the participant's number and `{{year}}` for the course's year, "
        "e.g. `{{seq:03d}}/PKA-XVII/{{year}}`.",
    ),
}
