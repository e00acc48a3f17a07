"""Every problem code, made on purpose in a small project, reported exactly as an
instructor will read it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from coursesmith.cache_trust import trusted_cache, without_links
from coursesmith.diagnostics import BuildFailed, Diagnostic, Problems
from coursesmith.messages import MESSAGES
from coursesmith.stages import BuildOptions
from coursesmith.pipeline import build, check_with_outputs

from conftest import REPO
from problem_cases import CASES, Case


def provoke(case: Case, project, monkeypatch) -> list[Diagnostic]:
    """Make the mistake in the project and return everything coursesmith reports."""
    case.make(project, monkeypatch)
    if case.stage == "check":  # as `coursesmith check`: the project's checks, then the outputs'
        problems = Problems()
        check_with_outputs(project.root, problems)
        return problems.sorted()
    if case.stage == "cache":  # as `coursesmith build` looks at its cache, before reading it
        problems = Problems()
        folder = trusted_cache(project.root / ".coursesmith" / "cache", project.root, problems)
        if folder is not None:
            without_links(folder, problems)
        return problems.sorted()
    options = BuildOptions(project=project.root, output=project.root / case.output,
                           pdf=case.stage == "build-pdf", strict=True)
    with pytest.raises(BuildFailed) as failed:
        build(options)
    return failed.value.problems.sorted()


def rendered(d: Diagnostic, root: Path) -> tuple[str, str]:
    where = str(d.location).replace(str(root) + "/", "")
    return f"{where}: {d.severity} {d.code}: {d.message}", d.hint


def report_for(case: Case, project, monkeypatch) -> tuple[str, str]:
    diagnostics = provoke(case, project, monkeypatch)
    mine = [d for d in diagnostics if d.code == case.code]
    assert mine, [rendered(d, project.root) for d in diagnostics]
    return rendered(mine[0], project.root)


EXPECTED = {
    'file-unreadable': (
        'proj/modules/m1/les-1.yaml:1:1: error file-unreadable: cannot read this file: Permission denied',
        'Check that the file exists and that you are allowed to read it.'),
    'not-utf8': (
        'proj/modules/m1/les-1.yaml:3:26: error not-utf8: this file is not UTF-8 text (byte 0xe9 cannot be decoded)',
        'Save the file as UTF-8 in your editor ("Save with encoding" → UTF-8).'),
    'empty-file': (
        'proj/modules/m1/notes.yaml:1:1: error empty-file: this file is empty',
        "Write the file's content, starting with its kind, e.g. `kind: lesson`, or delete it."),
    'yaml-syntax': (
        'proj/modules/m1/les-1.yaml:6:13: error yaml-syntax: YAML syntax error: mapping values are not allowed here',
        'Check the indentation and the quoting on this line and the one before it. Text containing `: ` or starting with a quote should be put in double quotes.'),
    'yaml-unclosed': (
        'proj/modules/m1/les-1.yaml:22:13: error yaml-unclosed: this `[` is not closed (the file goes on to line 23 without `]`)',
        'Close it with `]` on the same line, or write the items one per line instead.'),
    'yaml-unquoted': (
        "proj/modules/m1/les-1.yaml:27:21: error yaml-unquoted: YAML syntax error: expected ',' or '}', but got ':' (while parsing a flow mapping)",
        'Inside `{…}` or `[…]`, a `?`, `,`, `:`, `[`, `]`, `{` or `}` ends unquoted text early. Put the text in double quotes, e.g. `{id: "Siapa?", en: "Who?"}`.'),
    'yaml-tab': (
        'proj/modules/m1/les-1.yaml:5:1: error yaml-tab: a tab character is used for indentation',
        'YAML indents with spaces only. Replace the tab with spaces (most editors can convert tabs to spaces for you).'),
    'yaml-duplicate-key': (
        "proj/modules/m1/les-1.yaml:5:1: error yaml-duplicate-key: key 'jp' appears twice in the same mapping (first at line 4)",
        'Only one of the two would be kept and the other silently lost. Merge the two entries or rename one of them.'),
    'yaml-tag': (
        "proj/modules/m1/les-1.yaml:4:5: error yaml-tag: YAML tag '!!python/object:os.system' is not allowed",
        'Course files hold plain data only. Remove the tag (the word starting with `!`).'),
    'yaml-key-type': (
        'proj/modules/m1/les-1.yaml:5:1: error yaml-key-type: a mapping key must be a plain word, not a list',
        'Write the key as text, e.g. `title:`.'),
    'yaml-too-large': (
        'proj/modules/m1/bomb.yaml:1:34: error yaml-too-large: this file expands to more than 200000 values (anchors and aliases repeated too often)',
        'Use fewer `*alias` references, or write the content out plainly.'),
    'yaml-too-deep': (
        'proj/modules/m1/deep.yaml:1:68: error yaml-too-deep: this file nests deeper than 64 levels',
        'Flatten the structure; course files never need this much nesting.'),
    'yaml-merge-key': (
        'proj/modules/m1/les-1.yaml:7:3: error yaml-merge-key: YAML merge keys (`<<`) are not supported',
        'Write the keys out in full; each lesson, case and module should read on its own.'),
    'not-a-mapping': (
        'proj/modules/m1/list.yaml:1:1: error not-a-mapping: the top of this file must be a mapping of keys, not a list',
        'Start the file with `kind: ...` followed by the fields of that kind.'),
    'missing-kind': (
        'proj/modules/m1/x.yaml:1:1: error missing-kind: this file does not say what it is (no `kind:` key)',
        'Add a first line such as `kind: lesson`. Kinds: course, module, lesson, case_study, bibliography, glossary.'),
    'unknown-kind': (
        "proj/modules/m1/x.yaml:1:7: error unknown-kind: unknown kind 'lessen'",
        "Did you mean 'lesson'? Kinds: course, module, lesson, case_study, bibliography, glossary."),
    'no-course': (
        'proj/course:1:1: error no-course: no course file found in course/',
        'Create course/course.yaml starting with `kind: course` (run `coursesmith new` for a complete example).'),
    'course-elsewhere': (
        'proj/modules/course.yaml:1:7: error course-elsewhere: a course file belongs in course/, not here',
        "Move this file into the project's course/ folder."),
    'second-course': (
        'proj/course/course2.yaml:1:7: error second-course: a second course file; the course is already defined at proj/course/course.yaml:1:7',
        'A project holds one course. Remove one of the two files or change its kind.'),
    'unknown-key': (
        "proj/modules/m1/les-1.yaml:5:1: error unknown-key: unknown key 'titel' in the lesson",
        "Did you mean 'title'? Allowed keys here: kind, code, title, jp, learning_outcome, indicators, main_topics, methods, media, sections, activities, discussion_questions, worksheets, key_points, case_study, glossary, references, assessment, slides, facilitator_notes."),
    'missing-field': (
        "proj/modules/m1/les-1.yaml:1:1: error missing-field: the lesson is missing the required field 'learning_outcome'",
        'Add `learning_outcome:` here. The learning outcome (hasil belajar) participants reach in this lesson.'),
    'wrong-type': (
        "proj/modules/m1/les-1.yaml:19:16: error wrong-type: `materials` must be a list, but here it is the text 'spidol'",
        'Write one item per line, each starting with `- `, or a list in brackets: `[a, b]`.'),
    'bad-value': (
        "proj/modules/m1/les-1.yaml:8:12: error bad-value: 'C7' is not a valid value for `bloom`",
        'Use one of: `C1`, `C2`, `C3`, `C4`, `C5`, `C6` or `affective`.'),
    'bad-format': (
        "proj/modules/m1/les-1.yaml:2:7: error bad-format: 'LES 1' is not valid for `code`: codes use letters, digits, `-`, `_` and `.`, and start with a letter or digit",
        'Write a code such as `KOAL-01`.'),
    'too-few': (
        'proj/modules/m1/les-1.yaml:10:14: error too-few: `main_topics` needs at least 1 item',
        'Add the missing item or remove the key.'),
    'bad-number': (
        'proj/modules/m1/les-1.yaml:4:5: error bad-number: 0 is not allowed for `jp`: it must be at least 1',
        'Use a whole number in the allowed range.'),
    'bad-language': (
        "proj/modules/m1/les-1.yaml:3:40: error bad-language: 'english' is not a language code",
        'Use an ISO 639-1 code such as `id` (Indonesian) or `en` (English).'),
    'empty-text': (
        'proj/modules/m1/les-1.yaml:3:13: error empty-text: `title` is empty',
        'Write the text, or remove the key if it is optional.'),
    'cited-without-source': (
        "proj/modules/cases/c.yaml:7:17: error cited-without-source: fact 'F1' has provenance `cited` but does not name its source",
        'Add `source: <bibliography code>` to the fact, or change its provenance.'),
    'empty-illustrative-label': (
        "proj/modules/m1/les-1.yaml:18:19: error empty-illustrative-label: activity 'A1' is marked illustrative but its label is empty",
        'Write the visible label, e.g. "Invented scenario, not a fact about any real agency".'),
    'unknown-reference': (
        "proj/modules/m1/les-1.yaml:22:14: error unknown-reference: bibliography entry 'ref_2002' does not exist",
        "Did you mean 'ref_2020'? Known bibliography entries: ref_2020."),
    'duplicate-code': (
        "proj/modules/m1/les-1.yaml:2:7: error duplicate-code: lesson 'LES-1' is defined twice; the other definition is at proj/modules/m1/les-2.yaml:2:7",
        'Codes must be unique across the whole project. Rename one of the two.'),
    'unused-file': (
        "proj/modules/m1/les-9.yaml:2:7: warning unused-file: lesson 'LES-9' is not used by the course",
        "List it where it belongs (a module in an agenda of course.yaml, a lesson in a module, a case study in a lesson's `case_study:`), or move the file out of the project."),
    'minutes-mismatch': (
        "proj/modules/m1/les-1.yaml:4:5: error minutes-mismatch: the activities of lesson 'LES-1' add up to 40 minutes, but 1 JP × 45 minutes = 45 minutes",
        "Adjust the activities' minutes (or the lesson's jp) so that the two agree; a `break` activity inside a lesson is not counted."),
    'answer-not-option': (
        "proj/modules/m1/les-1.yaml:31:13: error answer-not-option: answer 'c' of item 'Q1' is not one of its options (a, b)",
        'Set `answer:` to the key of the correct option.'),
    'duplicate-option': (
        "proj/modules/m1/les-1.yaml:30:15: error duplicate-option: option key 'a' is used twice in item 'Q1'",
        'Give each option its own key (a, b, c, ...).'),
    'indicator-unmeasured': (
        "proj/modules/m1/les-1.yaml:7:11: warning indicator-unmeasured: indicator 'IND-1' of lesson 'LES-1' is not measured: no assessment item or rubric-scored worksheet names it",
        "Name it in an item's `indicator:` or `indicators:`, or in the `indicators:` of a worksheet with `assessed: true` and a `rubric:`."),
    'below-indicator': (
        "proj/modules/m1/les-1.yaml:33:12: warning below-indicator: item 'Q1' measures indicator 'IND-1' (C2) only at C1",
        "Write it at the indicator's level (a scenario stem lets multiple choice test C3–C5) and set its `bloom:`, or point it at the indicator it really measures."),
    'prompt-numbered': (
        "proj/modules/m1/les-1.yaml:26:28: warning prompt-numbered: prompt 1 of worksheet 'LK-1' starts with a number of its own ('1.'); the worksheet numbers its prompts, so it would print twice",
        'Leave the number out of the text; prompts are numbered in the order they are written.'),
    'worksheet-without-rubric': (
        "proj/modules/m1/les-1.yaml:29:15: warning worksheet-without-rubric: worksheet 'LK-1' is assessed but has no rubric",
        "Add `rubric:` with its levels (facilitator only; three levels, like a reflective item's), or set `assessed: false`."),
    'group-evidence-only': (
        "proj/modules/m1/les-1.yaml:7:11: warning group-evidence-only: indicator 'IND-1' is to be shown by each participant, but only group work measures it (LK-1)",
        'Add an individual item or worksheet for it, or set `evidence: group` on the indicator if a group result is what it asks for.'),
    'activity-without-indicator': (
        "proj/modules/m1/les-1.yaml:16:11: warning activity-without-indicator: activity 'A1' of lesson 'LES-1' serves no indicator",
        'List the indicators it serves, e.g. `indicators: [IND-1]`, or leave the activity out.'),
    'activity-does-not-scale': (
        "proj/modules/m1/les-1.yaml:18:14: warning activity-does-not-scale: activity 'A1' needs 60 minutes for a class of 30 in 6 groups of 5 (0 + 6 × 10), but has 45",
        "Shorten each group's turn, form fewer and larger groups (`group_size`), or give the activity more minutes."),
    'block-too-long': (
        'proj/course/course.yaml:12:9: warning block-too-long: 45 minutes of lessons run without a break from 08:00 on day 1 (the limit is 30)',
        'Add a slot with `type: break`, or an activity of type `break` inside the lesson (it is not counted in JP), or change `max_block_minutes` in course.yaml.'),
    'task-without-time': (
        "proj/modules/m1/les-1.yaml:22:34: warning task-without-time: the homework of activity 'A1' needs 20 minutes, but only 0 minutes of study time come before it is due (REHAT-1)",
        'Breaks, lessons and nights are not homework time. Schedule a slot with `type: study` before it is due, move `due:`, or make the task fit the time.'),
    'wrong-lesson-reference': (
        "proj/modules/m1/les-2.yaml:19:41: warning wrong-lesson-reference: this sentence ties 'LK-1' to lesson 'LES-2', which neither uses nor mentions it (it belongs to LES-1)",
        'Check which lesson the sentence means; LK-1 is defined or used in LES-1.'),
    'bad-dates': (
        'proj/course/course.yaml:8:33: error bad-dates: the course ends (2027-03-01) before it starts (2027-03-02)',
        'Swap the two dates or correct one of them.'),
    'bad-slot': (
        'proj/course/course.yaml:12:9: error bad-slot: this schedule slot needs a lesson, or a title and minutes',
        'A slot is either a lesson (`- lesson: KOAL-01`) or something else with its length (`- {title: {id: Rehat, en: Break}, minutes: 15}`).'),
    'unscheduled-lesson': (
        "proj/course/course.yaml:8:1: error unscheduled-lesson: lesson 'LES-1' is in the course but not in the schedule",
        'Add `- lesson: LES-1` to one of the days in `schedule:`.'),
    'scheduled-twice': (
        "proj/course/course.yaml:12:17: error scheduled-twice: lesson 'LES-1' is scheduled twice (also at proj/course/course.yaml:11:17)",
        'Teach each lesson once; remove one of the two slots.'),
    'day-too-long': (
        'proj/course/course.yaml:9:12: error day-too-long: this day runs past midnight (23:30 + 45 minutes)',
        'Start the day earlier or move slots to another day.'),
    'missing-translation': (
        'proj/modules/m1/les-1.yaml:3:8: error missing-translation: `title` has no `en` text',
        'Add `en: ...` to this text; the course declares the languages id, en. (Set `missing_translation: warning` in course.yaml to allow drafts.)'),
    'missing-translation-warning': (
        'proj/modules/m1/les-1.yaml:3:8: warning missing-translation-warning: `title` has no `en` text; the `id` text is used instead',
        'Add `en: ...` to this text before the course is published.'),
    'asset-missing': (
        "proj/modules/m1/les-1.yaml:14:25: error asset-missing: image 'img/peta.png' does not exist",
        'Check the spelling and the folder; paths are relative to the file that names them.'),
    'asset-outside': (
        "proj/modules/m1/les-1.yaml:14:26: error asset-outside: image '../../../etc/passwd' points outside the course project",
        'Copy the file into the project (for example into course/assets/) and refer to it there.'),
    'asset-remote': (
        "proj/modules/m1/les-1.yaml:14:25: error asset-remote: image 'https://example.org/logo.png' is a remote or absolute address",
        'Builds never download anything. Save the file into the project and use a relative path.'),
    'image-without-alt': (
        "proj/modules/m1/les-1.yaml:14:21: error image-without-alt: image 'img/a.svg' has no alternative text",
        'Describe the image for readers who cannot see it: `![what it shows](path)`.'),
    'unsafe-html': (
        'proj/modules/m1/les-1.yaml:14:21: warning unsafe-html: raw HTML in `body` was cleaned: <script>',
        'Write Markdown instead of HTML; scripts, frames, event handlers and javascript: links are always removed.'),
    'link-to-source': (
        "proj/modules/m1/les-1.yaml:14:34: error link-to-source: linked file 'les-1.yaml' is a course source file; the site never publishes sources",
        'Link to the part of the course instead: `[text](lesson:KOAL-02)`, `lesson:KOAL-02#section-code`, `case:CODE`, `glossary:CODE` or `worksheet:CODE`.'),
    'unpublished-kind': (
        "proj/modules/m1/les-1.yaml:14:30: error unpublished-kind: linked file 'files/tool.py' is not a kind of file the site publishes",
        'Use one of: .csv, .doc, .docx, .epub, .gif, .jpeg, .jpg, .mp3, .mp4, .odg, .odp, .ods, .odt, .pdf, .png, .ppt, .pptx, .rtf, .svg, .txt, .webm, .webp, .xls, .xlsx. Anything else stays out of the published site.'),
    'unknown-link': (
        "proj/modules/m1/les-1.yaml:14:30: error unknown-link: link 'lesson:LES-2': lesson 'LES-2' does not exist",
        "Did you mean 'LES-1'? Known: LES-1."),
    'unknown-callout': (
        "proj/modules/m1/les-1.yaml:14:21: warning unknown-callout: `body`: 'sidebar' is not a kind of reading block; its text is shown as plain text",
        'Use one of: note, tip, warning, important, caution, example, exercise, solution, keypoints, facilitator, e.g. `::: note` … `:::` or `> [!NOTE]`.'),
    'unsupported-math': (
        'proj/modules/m1/les-1.yaml:14:23: warning unsupported-math: `body`: formulas are not typeset; this one is shown as written',
        'Write the formula in words or as an image, or put it in `code` to show it literally.'),
    'private-block-in-short-text': (
        'proj/modules/m1/les-1.yaml:24:6: error private-block-in-short-text: item 1 of `key_points` cannot hold a `facilitator` block: it takes no blocks, so participants would read it',
        'Move the passage into a Markdown field (a section body, the instructions) or into `facilitator_notes`.'),
    'markdown-in-plain-text': (
        'proj/modules/m1/les-1.yaml:3:18: warning markdown-in-plain-text: `title` is plain text: `*satu*` will show exactly as written',
        'Titles, names and labels take no Markdown; write the text without it.'),
    'undeclared-language': (
        "proj/modules/m1/les-1.yaml:3:40: warning undeclared-language: `title` has a `fr` text, but the course's languages are id, en; it is never shown",
        'Add `fr` to `languages` in course/course.yaml, or remove this text.'),
    'bad-image-width': (
        "proj/modules/m1/les-1.yaml:14:35: warning bad-image-width: `body`: image width 'wide' is not used",
        'Give a width in pixels or percent: `{width=300}`, `{width=300px}` or `{width=50%}`.'),
    'missing-labels': (
        "proj/course/course.yaml:7:12: error missing-labels: the course declares language 'jv', but there are no interface labels for it",
        "Add templates/labels/jv.yaml to the project (copy labels/en.yaml from coursesmith's templates and translate its values)."),
    'roster-unknown-column': (
        "proj/course/roster.csv:1:10: error roster-unknown-column: the roster has no column 'pangkat'",
        'Roster columns: name, nip, rank, position, agency, unit, email, note. Rename the column in the header row or delete it.'),
    'roster-missing-column': (
        'proj/course/roster.csv:1:1: error roster-missing-column: the roster\'s header row has no `nip` column',
        'Add a `nip` column; the header row names the columns, e.g. `name,nip,rank,position,agency,unit`.'),
    'roster-missing': (
        'proj/course/roster.csv:2:1: error roster-missing: this participant has no name',
        'Fill in the cell, or delete the row if it is not a participant.'),
    'roster-bad-nip': (
        "proj/course/roster.csv:2:13: error roster-bad-nip: '198502302010011001' is not a valid NIP: 19850230 is not a birth date (YYYYMMDD)",
        'A NIP is 18 digits: birth date YYYYMMDD, appointment YYYYMM, sex 1 or 2, a 3-digit number. Format the column as text in your spreadsheet so it keeps every digit.'),
    'roster-duplicate-nip': (
        'proj/course/roster.csv:3:5: error roster-duplicate-nip: this NIP is already in the roster on line 2',
        'Each participant appears once; delete the repeated row or correct the NIP.'),
    'roster-extra-cell': (
        "proj/course/roster.csv:2:37: error roster-extra-cell: this row has more cells than the header's 3 columns",
        'Remove the extra cells, or put text containing commas in double quotes.'),
    'roster-twice': (
        'proj/course/roster.yaml:1:1: error roster-twice: there are two rosters: this file and course/roster.csv',
        'Keep one of them: the office papers are made from a single list of participants.'),
    'people-unknown-lesson': (
        "proj/course/people.yaml:4:22: error people-unknown-lesson: there is no lesson 'LES-2' for this person to teach",
        "Did you mean 'LES-1'? List the codes of lessons in the course, e.g. `lessons: [KOAL-01]`."),
    'lesson-without-facilitator': (
        "proj/modules/m1/les-1.yaml:2:7: warning lesson-without-facilitator: nobody in course/people.yaml teaches lesson 'LES-1'",
        "Add the lesson's code to the `lessons:` of the person who teaches it; its lesson plan, attendance list "
        "and evaluation form leave a line for the name meanwhile."),
    'verify-list-invalid': (
        "proj/course/verify-list.json:1:1: error verify-list-invalid: this is not a certificate list the office output wrote: the id 'abc' is not 64 hexadecimal digits",
        'Copy output/office/verify-list.json from the office\'s build (the one with the roster) over this file, unchanged, or delete it.'),
    'verify-list-stale': (
        "proj/course/verify-list.json:1:1: warning verify-list-stale: this committed certificate list is not the one this build's certificates make (1 missing from it, 1 no longer issued, 0 with another name or programme): the public site, built without the roster, would confirm the old list",
        'Copy output/office/verify-list.json over this file and commit it.'),
    'certificate-number': (
        "proj/course/course.yaml:8:30: error certificate-number: the certificate number pattern cannot be filled in: KeyError: 'angkatan'",
        "Use `{seq}` (or `{seq:03d}`) for the participant's number and `{year}` for the course's year, e.g. `{seq:03d}/PKA-XVII/{year}`."),
    'template-error': (
        "proj/templates/site/glossary.html:1:1: error template-error: template error: 'coursesmith.model.course.CourseView object' has no attribute 'no_such_field'",
        "Fix the template at this line; a project's templates/ folder overrides the defaults file by file."),
    'inaccessible-document': (
        'proj/templates/print/handout.html:1:1: error inaccessible-document: en/handouts/test-les-1-en.pdf has no language (<html lang>)',
        "Screen readers and PDF/UA need it. Fix the template that makes this document (a project's templates/ folder overrides the defaults file by file)."),
    'pdf-warning': (
        'proj/templates/css/print.css:1:5: warning pdf-warning: while making print.css: Ignored `no-such-property: 1` at 1:5, unknown property.',
        'Check the stylesheet or the resource it names.'),
    'pdf-error': (
        'proj/output/site/en/handouts/test-les-1-en.pdf:1:1: error pdf-error: could not make site/en/handouts/test-les-1-en.pdf: refused to read /etc/passwd: it is outside the course project',
        'Check the template and the resources it uses.'),
    'search-error': (
        "proj/output/site:1:1: error search-error: could not build the site's search index: [Errno 2] No such file or directory: '/nonexistent/pagefind'",
        'Reinstall coursesmith (`pip install coursesmith`), which brings the Pagefind indexer.'),
    'output-failed': (
        "site-packages/scratch_output_posters.py:7:1: error output-failed: the posters output failed: KeyError: 'speaker_notes'",
        "This is a fault in the output's code, not in the course: update or reinstall the package that provides it, or leave it out with `--skip posters`; the previous output was left as it was."),
    'question-part-dropped': (
        "proj/modules/m1/les-1.yaml:34:5: warning question-part-dropped: the rubric of item 'Q2' cannot be written in GIFT; the GIFT question bank leaves it out",
        'Import the Moodle XML question bank instead, which carries it, or add it in the LMS by hand after importing.'),
    'output-error': (
        'proj/blocked/output:1:1: error output-error: cannot write the output into proj/blocked/output: proj/blocked is a file where a folder is needed',
        'Choose an output folder you can write to (`--output`), or move what is in the way; the previous output was left as it was.'),
    'control-character': (
        'proj/modules/m1/les-1.yaml:3:17: error control-character: an invisible control character (U+0000) is in the text here',
        'Delete it: YAML cannot read it. It usually comes from copying text out of a PDF, a word processor or a terminal; retype the characters around it.'),
    'link-outside': (
        'proj/modules/m1/les-2.yaml:1:1: error link-outside: this is a link to ../../../outside.yaml, which is outside the course project',
        'Copy the file into the project instead of linking to it: a build never reads files outside the project.'),
    'reflective-without-rubric': (
        "proj/modules/m1/les-1.yaml:34:11: error reflective-without-rubric: reflective item 'Q2' has no rubric",
        'Add `rubric:` with at least two levels, each `{level: N, text: …}`, so that facilitators score answers the same way.'),
    'schedule-overlap': (
        'proj/course/course.yaml:14:12: error schedule-overlap: this day (2027-03-01, 08:30–08:45) overlaps the day at proj/course/course.yaml:10:12 (08:00–08:45)',
        "Two entries for the same date must not overlap: change this day's `start`, move slots to the other entry, or correct the date."),
    'url-scheme': (
        "proj/modules/m1/les-1.yaml:14:24: error url-scheme: link 'javascript:alert(1)' uses `javascript:`, which is not allowed",
        'Links may only be `https:`, `http:` or `mailto:` addresses; images and files are paths inside the project, such as `img/map.png`.'),
    'asset-unsafe': (
        "proj/modules/m1/les-1.yaml:14:25: error asset-unsafe: image 'img/a.svg' is refused: it has a <script> element (line 2)",
        'The site publishes this file as it is. Fix the file (see the problem reported in it), or export it again without scripts, links or fonts.'),
    'svg-unsafe': (
        'proj/modules/m1/img/a.svg:2:3: error svg-unsafe: this SVG image has a <script> element, which could run or load something when the site shows it',
        'Remove it (in Inkscape: Save As → Optimized SVG or Plain SVG; fonts as paths), or export the image as PNG.'),
    'css-unsafe': (
        "proj/templates/css/print.css:2:1: error css-unsafe: @import of 'https://example.org/x.css' is refused: it is a remote or absolute address",
        'A stylesheet may only use files of the project (fonts, images) by relative path, or images inlined as `data:image/…`; builds never download anything.'),
    'image-unreadable': (
        "proj/modules/m1/les-1.yaml:14:25: error image-unreadable: image 'img/a.png' cannot be read as an image: it is not a PNG, JPEG, GIF or WebP image",
        'Open the file in an image editor and save it again as PNG, JPEG, GIF or WebP.'),
    'image-large': (
        "proj/modules/m1/les-1.yaml:14:25: warning image-large: image 'img/a.png' is 3200×40 pixels and 1 KB: more than print or screen needs",
        'Scale it down to at most 2480 pixels wide (an A4 page at 300 dpi) and save it again; large images make slow pages and heavy PDFs.'),
    'print-setup-error': (
        'proj/templates/css/print.css:1:1: error print-setup-error: the PDFs cannot be made with this stylesheet: cannot read proj/templates/css/missing.css: no such file',
        "Fix the print stylesheet (a project's templates/css/print.css overrides the default); it may only use files of the project."),
    'cache-untrusted': (
        'proj/.coursesmith/cache:1:1: warning cache-untrusted: this cache was not made here by coursesmith (it came with the project, for example committed to the repository, or was copied, or an older coursesmith made it): it was emptied and made afresh',
        'Keep `.coursesmith/` out of the repository (a `.gitignore` line). To reuse a cache that CI restored, restore it outside the project and pass it with `--cache-dir`.'),
    'cache-tracked': (
        'proj/.coursesmith/cache:1:1: warning cache-tracked: git tracks files inside this cache (a branch committed them and a checkout or pull wrote them in), so it was emptied and made afresh',
        'Remove the cache from the repository (`git rm -r --cached .coursesmith`) and keep it out with a `.gitignore` line; look at the commit that added it.'),
    'cache-not-ours': (
        'proj/.coursesmith/cache:1:1: warning cache-not-ours: this cache folder holds files coursesmith does not write in a cache, so it was left alone and the build uses no cache',
        'Give `--cache-dir` a folder of its own (a new one, or one coursesmith made).'),
    'cache-outside': (
        'proj/.coursesmith/cache:1:1: warning cache-outside: this cache is reached through a link that leads out of its place in the project, so the build uses no cache',
        'Remove the link; to keep the cache elsewhere, pass that folder with `--cache-dir`.'),
    'cache-link': (
        'proj/.coursesmith/cache/outputs/print/e2/e2ec.pdf:1:1: warning cache-link: this link (or special file) in the cache was removed unread: coursesmith never writes one there',
        'A link in the cache could make a build read, publish or overwrite files elsewhere. Keep `.coursesmith/` out of the repository.'),
    'cache-link-kept': (
        'proj/.coursesmith/cache/outputs/print/e2/e2ec.pdf:1:1: warning cache-link-kept: this link (or special file) in the cache could not be removed, so the build uses no cache',
        'Remove it by hand, or let the cache folder be written to.'),
}


def test_every_code_has_a_case():
    assert sorted(MESSAGES) == sorted(case.code for case in CASES) == sorted(EXPECTED)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.code)
def test_report(case, project, monkeypatch):
    line, hint = report_for(case, project, monkeypatch)
    print(f"\n{case.code}\n  {line}\n  hint: {hint}")
    assert (line, hint) == EXPECTED[case.code]


CATALOGUE = REPO / "docs" / "problems.md"


def catalogue() -> str:
    """docs/problems.md: every code with the mistake that causes it and its exact report."""
    lines = [
        "# Problems coursesmith reports",
        "",
        "Every problem has a stable code. This page is generated from the test cases in",
        "`tests/problem_cases.py` (`COURSESMITH_REFRESH=1 make test` rewrites it), so each",
        "example below is exactly what the command prints for that mistake.",
        "",
    ]
    for case in CASES:
        line, hint = EXPECTED[case.code]
        lines += [f"## `{case.code}` ({MESSAGES[case.code].severity})", "", f"Made by: {case.mistake}.", "",
                  "```", line, f"    hint: {hint}", "```", ""]
    return "\n".join(lines)


def test_catalogue_is_current():
    if os.environ.get("COURSESMITH_REFRESH"):
        CATALOGUE.parent.mkdir(exist_ok=True)
        CATALOGUE.write_text(catalogue(), encoding="utf-8")
    assert CATALOGUE.read_text(encoding="utf-8") == catalogue(), "run COURSESMITH_REFRESH=1 make test"
