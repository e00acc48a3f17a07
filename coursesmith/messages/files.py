"""Problems with files, YAML, file kinds, the schema and references between files."""

from coursesmith.messages.message import Message

MESSAGES: dict[str, Message] = {
    # --- files and YAML --------------------------------------------------------
    "file-unreadable": Message(
        "error",
        "cannot read this file: {reason}",
        "Check that the file exists and that you are allowed to read it.",
    ),
    "link-outside": Message(
        "error",
        "this is a link to {target}, which is outside the course project",
        "Copy the file into the project instead of linking to it: a build never reads "
        "files outside the project.",
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
    "control-character": Message(
        "error",
        "an invisible control character ({code}) is in the text here",
        "Delete it: YAML cannot read it. It usually comes from copying text out of a PDF, "
        "a word processor or a terminal; retype the characters around it.",
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
}
