"""Every problem coursesmith can report: its code, severity, wording and fix hint.

Checks never write sentences of their own; they name a code from this table and
pass the values that fill its placeholders. Codes are stable: tests, CI scripts
and instructors' notes may rely on them.
"""

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Message:
    severity: Severity
    text: str
    hint: str


MESSAGES: dict[str, Message] = {
    # --- files and YAML --------------------------------------------------------
    "file-unreadable": Message(
        "error",
        "cannot read this file: {reason}",
        "Check that the file exists and that you are allowed to read it.",
    ),
    "not-utf8": Message(
        "error",
        "this file is not UTF-8 text (byte 0x{byte:02x} cannot be decoded)",
        "Save the file as UTF-8 in your editor (\"Save with encoding\" → UTF-8).",
    ),
    "empty-file": Message(
        "error",
        "this file is empty",
        "Write the file's content, starting with its kind, e.g. `kind: lesson`, or delete it.",
    ),
    "yaml-syntax": Message(
        "error",
        "YAML syntax error: {problem}",
        "Check the indentation and the quoting on this line and the one before it. "
        "Text containing `: ` or starting with a quote should be put in double quotes.",
    ),
    "yaml-unclosed": Message(
        "error",
        "this `{bracket}` is not closed (the file goes on to line {line} without `{closer}`)",
        "Close it with `{closer}` on the same line, or write the items one per line instead.",
    ),
    "yaml-unquoted": Message(
        "error",
        "YAML syntax error: {problem}",
        "Inside `{{…}}` or `[…]`, a `?`, `,`, `:`, `[`, `]`, `{{` or `}}` ends unquoted text early. "
        "Put the text in double quotes, e.g. `{{id: \"Siapa?\", en: \"Who?\"}}`.",
    ),
    "yaml-tab": Message(
        "error",
        "a tab character is used for indentation",
        "YAML indents with spaces only. Replace the tab with spaces "
        "(most editors can convert tabs to spaces for you).",
    ),
    "yaml-duplicate-key": Message(
        "error",
        "key {key!r} appears twice in the same mapping (first at line {first_line})",
        "Only one of the two would be kept and the other silently lost. "
        "Merge the two entries or rename one of them.",
    ),
    "yaml-tag": Message(
        "error",
        "YAML tag {tag!r} is not allowed",
        "Course files hold plain data only. Remove the tag (the word starting with `!`).",
    ),
    "yaml-key-type": Message(
        "error",
        "a mapping key must be a plain word, not a {actual}",
        "Write the key as text, e.g. `title:`.",
    ),
    "yaml-too-large": Message(
        "error",
        "this file expands to more than {limit} values (anchors and aliases repeated too often)",
        "Use fewer `*alias` references, or write the content out plainly.",
    ),
    "yaml-too-deep": Message(
        "error",
        "this file nests deeper than {limit} levels",
        "Flatten the structure; course files never need this much nesting.",
    ),
    "yaml-merge-key": Message(
        "error",
        "YAML merge keys (`<<`) are not supported",
        "Write the keys out in full; each lesson, case and module should read on its own.",
    ),
    # --- file kinds ------------------------------------------------------------
    "not-a-mapping": Message(
        "error",
        "the top of this file must be a mapping of keys, not {actual}",
        "Start the file with `kind: ...` followed by the fields of that kind.",
    ),
    "missing-kind": Message(
        "error",
        "this file does not say what it is (no `kind:` key)",
        "Add a first line such as `kind: lesson`. Kinds: {kinds}.",
    ),
    "unknown-kind": Message(
        "error",
        "unknown kind {kind!r}",
        "{suggestion}Kinds: {kinds}.",
    ),
    "no-course": Message(
        "error",
        "no course file found in {folder}",
        "Create {folder}course.yaml starting with `kind: course` "
        "(run `coursesmith new` for a complete example).",
    ),
    "course-elsewhere": Message(
        "error",
        "a course file belongs in course/, not here",
        "Move this file into the project's course/ folder.",
    ),
    "second-course": Message(
        "error",
        "a second course file; the course is already defined at {other}",
        "A project holds one course. Remove one of the two files or change its kind.",
    ),
    # --- schema ------------------------------------------------------------------
    "unknown-key": Message(
        "error",
        "unknown key {key!r} in {where}",
        "{suggestion}Allowed keys here: {allowed}.",
    ),
    "missing-field": Message(
        "error",
        "{where} is missing the required field {field!r}",
        "Add `{field}:` here. {description}",
    ),
    "wrong-type": Message(
        "error",
        "{field} must be {expected}, but here it is {actual}",
        "{example}",
    ),
    "bad-value": Message(
        "error",
        "{value} is not a valid value for {field}",
        "{suggestion}Use one of: {allowed}.",
    ),
    "bad-format": Message(
        "error",
        "{value} is not valid for {field}: {reason}",
        "{example}",
    ),
    "too-few": Message(
        "error",
        "{field} needs at least {minimum} {unit}",
        "Add the missing {unit} or remove the key.",
    ),
    "bad-number": Message(
        "error",
        "{value} is not allowed for {field}: {reason}",
        "Use a whole number in the allowed range.",
    ),
    "bad-language": Message(
        "error",
        "{key!r} is not a language code",
        "Use an ISO 639-1 code such as `id` (Indonesian) or `en` (English).",
    ),
    "empty-text": Message(
        "error",
        "{field} is empty",
        "Write the text, or remove the key if it is optional.",
    ),
    "cited-without-source": Message(
        "error",
        "fact {code!r} has provenance `cited` but does not name its source",
        "Add `source: <bibliography code>` to the fact, or change its provenance.",
    ),
    "empty-illustrative-label": Message(
        "error",
        "{what} is marked illustrative but its label is empty",
        "Write the visible label, e.g. \"Invented scenario, not a fact about any real agency\".",
    ),
    # --- references -----------------------------------------------------------
    "unknown-reference": Message(
        "error",
        "{what} {code!r} does not exist",
        "{suggestion}Known {plural}: {known}.",
    ),
    "duplicate-code": Message(
        "error",
        "{what} {code!r} is defined twice; the other definition is at {other}",
        "Codes must be unique across the whole project. Rename one of the two.",
    ),
    "unused-file": Message(
        "warning",
        "{what} {code!r} is not used by the course",
        "List it where it belongs (a module in an agenda of course.yaml, a lesson in a "
        "module, a case study in a lesson's `case_study:`), or move the file out of the project.",
    ),
    # --- pedagogy --------------------------------------------------------------
    "minutes-mismatch": Message(
        "error",
        "the activities of lesson {code!r} add up to {total} minutes, "
        "but {jp} JP × {per_jp} minutes = {expected} minutes",
        "Adjust the activities' minutes (or the lesson's jp) so that the two agree; "
        "breaks belong in the schedule, not in a lesson.",
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
    # --- assets ----------------------------------------------------------------
    "asset-missing": Message(
        "error",
        "{what} {target!r} does not exist",
        "Check the spelling and the folder; paths are relative to the file that names them.",
    ),
    "asset-outside": Message(
        "error",
        "{what} {target!r} points outside the course project",
        "Copy the file into the project (for example into course/assets/) and refer to it there.",
    ),
    "asset-remote": Message(
        "error",
        "{what} {target!r} is a remote or absolute address",
        "Builds never download anything. Save the file into the project and use a relative path.",
    ),
    "image-without-alt": Message(
        "error",
        "image {target!r} has no alternative text",
        "Describe the image for readers who cannot see it: `![what it shows](path)`.",
    ),
    "unsafe-html": Message(
        "warning",
        "raw HTML in {field} was cleaned: {removed}",
        "Write Markdown instead of HTML; scripts, frames, event handlers and "
        "javascript: links are always removed.",
    ),
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
        "NIP {nip} is already in the roster on line {line}",
        "Each participant appears once; delete the repeated row or correct the NIP.",
    ),
    "roster-extra-cell": Message(
        "error",
        "this row has more cells than the header's {count} columns",
        "Remove the extra cells, or put text containing commas in double quotes.",
    ),
    "certificate-number": Message(
        "error",
        "the certificate number pattern cannot be filled in: {reason}",
        "Use `{{seq}}` (or `{{seq:03d}}`) for the participant's number and `{{year}}` for the course's year, "
        "e.g. `{{seq:03d}}/PKA-XVII/{{year}}`.",
    ),
    # --- rendering -------------------------------------------------------------
    "missing-labels": Message(
        "error",
        "the course declares language {language!r}, but there are no interface labels for it",
        "Add templates/labels/{language}.yaml to the project (copy labels/en.yaml from "
        "coursesmith's templates and translate its values).",
    ),
    "template-error": Message(
        "error",
        "template error: {problem}",
        "Fix the template at this line; a project's templates/ folder overrides the defaults "
        "file by file.",
    ),
    "inaccessible-document": Message(
        "error",
        "{document} {problem}",
        "Screen readers and PDF/UA need it. Fix the template that makes this document "
        "(a project's templates/ folder overrides the defaults file by file).",
    ),
    "pdf-warning": Message(
        "warning",
        "while making {document}: {problem}",
        "Check the stylesheet or the resource it names.",
    ),
    "pdf-error": Message(
        "error",
        "could not make {document}: {problem}",
        "Check the template and the resources it uses.",
    ),
    "search-error": Message(
        "error",
        "could not build the site's search index: {reason}",
        "Reinstall coursesmith (`pip install coursesmith`), which brings the Pagefind indexer.",
    ),
    "output-failed": Message(
        "error",
        "the {output} output failed: {reason}",
        "This is a fault in the output's code, not in the course: update or reinstall the package "
        "that provides it, or leave it out with `--skip {output}`; the previous output was left as it was.",
    ),
    "question-part-dropped": Message(
        "warning",
        "{what} of item {code!r} cannot be written in {format}; the {format} question bank leaves it out",
        "Import the Moodle XML question bank instead, which carries it, or add it in the LMS "
        "by hand after importing.",
    ),
    "output-error": Message(
        "error",
        "cannot write the output into {path}: {reason}",
        "Choose an output folder you can write to (`--output`), or move what is in the way; "
        "the previous output was left as it was.",
    ),
}
