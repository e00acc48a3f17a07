"""Bad input: each mistake is reported once, at its file, line and column, in one run."""

from __future__ import annotations

from conftest import MINIMAL
from problem_cases import CASE_FILE


def test_minimal_project_is_clean(project):
    assert project.lines() == ["0 errors, 0 warnings in 0 files"]


def test_unknown_key_suggests_the_known_one(project):
    project.write("modules/m1/les-1.yaml", MINIMAL["modules/m1/les-1.yaml"].replace(
        "        jp: 1\n", "        jp: 1\n        titel: x\n"))
    assert project.lines()[0] == (
        "proj/modules/m1/les-1.yaml:5:1: error unknown-key: unknown key 'titel' in the lesson")
    [d] = project.check().errors
    assert d.hint.startswith("Did you mean 'title'? Allowed keys here: kind, code, title, jp,")


def test_wrong_types_and_missing_field_are_all_reported(project):
    lesson = MINIMAL["modules/m1/les-1.yaml"]
    lesson = lesson.replace("jp: 1", "jp: one").replace(
        "        learning_outcome: {id: Peserta mampu menjelaskan., en: Participants can explain.}\n", "")
    lesson = lesson.replace("minutes: 45", "minutes: 45\n            materials: flip chart")
    project.write("modules/m1/les-1.yaml", lesson)
    assert project.lines() == [
        "proj/modules/m1/les-1.yaml:1:1: error missing-field: the lesson is missing the required field "
        "'learning_outcome'",
        "proj/modules/m1/les-1.yaml:4:5: error wrong-type: `jp` must be a whole number, but here it is "
        "the text 'one'",
        "proj/modules/m1/les-1.yaml:18:16: error wrong-type: `materials` must be a list, but here it is "
        "the text 'flip chart'",
        "3 errors, 0 warnings in 1 file",
    ]


def test_value_outside_its_set_lists_the_allowed_values(project):
    project.write("modules/m1/les-1.yaml", MINIMAL["modules/m1/les-1.yaml"].replace("bloom: C2", "bloom: C9", 1))
    [d] = project.check().errors
    assert str(d.location).endswith("les-1.yaml:8:12")
    assert d.message == "'C9' is not a valid value for `bloom`"
    assert d.hint == "Use one of: `C1`, `C2`, `C3`, `C4`, `C5`, `C6` or `affective`."


def test_broken_references_say_what_exists(project):
    project.write("course/course.yaml", MINIMAL["course/course.yaml"].replace("modules: [MOD-1]", "modules: [MOD-2]"))
    project.write("modules/m1/les-1.yaml", MINIMAL["modules/m1/les-1.yaml"].replace(
        "references: [ref_2020]", "references: [ref_2021]"))
    lines = project.lines()
    assert lines == [
        "proj/course/course.yaml:11:15: error unknown-reference: module 'MOD-2' does not exist",
        "proj/modules/m1/les-1.yaml:22:14: error unknown-reference: bibliography entry 'ref_2021' "
        "does not exist",
        "proj/modules/m1/module.yaml:2:7: warning unused-file: module 'MOD-1' is not used by the course",
        "2 errors, 1 warning in 3 files",
    ]
    hints = [d.hint for d in project.check().errors]
    assert hints == ["Did you mean 'MOD-1'? Known modules: MOD-1.",
                     "Did you mean 'ref_2020'? Known bibliography entries: ref_2020."]


def test_same_code_twice_is_reported_at_both_places(project):
    project.write("modules/m1/les-2.yaml", MINIMAL["modules/m1/les-1.yaml"])
    lines = project.lines()
    assert lines[:2] == [
        "proj/modules/m1/les-1.yaml:2:7: error duplicate-code: lesson 'LES-1' is defined twice; "
        "the other definition is at proj/modules/m1/les-2.yaml:2:7",
        "proj/modules/m1/les-2.yaml:2:7: error duplicate-code: lesson 'LES-1' is defined twice; "
        "the other definition is at proj/modules/m1/les-1.yaml:2:7",
    ]


def test_minutes_must_add_up_to_jp_times_minutes_per_jp(project):
    project.write("modules/m1/les-1.yaml", MINIMAL["modules/m1/les-1.yaml"].replace("minutes: 45", "minutes: 40"))
    assert project.lines()[0] == (
        "proj/modules/m1/les-1.yaml:4:5: error minutes-mismatch: the activities of lesson 'LES-1' "
        "add up to 40 minutes, but 1 JP × 45 minutes = 45 minutes")


def test_answer_must_be_one_of_the_options(project):
    project.write("modules/m1/les-1.yaml", MINIMAL["modules/m1/les-1.yaml"].replace("answer: a", "answer: c"))
    assert project.lines()[0] == (
        "proj/modules/m1/les-1.yaml:31:13: error answer-not-option: answer 'c' of item 'Q1' "
        "is not one of its options (a, b)")


def test_missing_translation_is_an_error_unless_the_course_allows_drafts(project):
    project.write("modules/m1/les-1.yaml", MINIMAL["modules/m1/les-1.yaml"].replace(
        "title: {id: Sesi satu, en: Lesson one}", "title: {id: Sesi satu}"))
    assert project.lines()[0] == (
        "proj/modules/m1/les-1.yaml:3:8: error missing-translation: `title` has no `en` text")
    project.write("course/course.yaml", MINIMAL["course/course.yaml"].replace(
        "languages: [id, en]", "languages: [id, en]\n        missing_translation: warning"))
    assert project.lines() == [
        "proj/modules/m1/les-1.yaml:3:8: warning missing-translation-warning: `title` has no `en` text; "
        "the `id` text is used instead",
        "0 errors, 1 warning in 1 file",
    ]


def test_provenance_outside_its_set(project):
    project.write("modules/cases/c.yaml", CASE_FILE.replace("provenance: cited", "provenance: invented"))
    assert project.errors() == [
        "proj/modules/cases/c.yaml:7:17: error bad-value: 'invented' is not a valid value for `provenance`"]
    assert project.check().errors[0].hint == "Use one of: `seed`, `cited` or `illustrative`."


def test_files_in_several_places_report_together(project):
    project.write("course/glossary.yaml", "kind: glossary\nterms: []\n")
    project.write("modules/m1/broken.yaml", "kind: lesson\ncode: [\n")
    project.write("modules/m1/what.yaml", "kind: lessen\n")
    lines = project.lines()
    assert lines == [
        "proj/course/glossary.yaml:2:8: error too-few: `terms` needs at least 1 item",
        "proj/modules/m1/broken.yaml:3:1: error yaml-syntax: YAML syntax error: expected the node "
        "content, but found '<stream end>' (while parsing a flow node)",
        "proj/modules/m1/what.yaml:1:7: error unknown-kind: unknown kind 'lessen'",
        "3 errors, 0 warnings in 3 files",
    ]


def test_images_must_exist_inside_the_project_and_have_alt_text(project):
    project.write("modules/m1/img/ok.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")
    body = ('{id: "![Gambar](img/ok.svg) ![](img/ok.svg) ![x](img/missing.png) ![x](../../../etc/passwd) '
            '![x](https://example.org/a.png) ![x](/etc/hosts)", en: "![Picture](img/ok.svg)"}')
    project.write("modules/m1/les-1.yaml", MINIMAL["modules/m1/les-1.yaml"].replace(
        'body: {id: "Isi **bagian**.", en: "Section **body**."}', f"body: {body}"))
    lines = project.lines()
    assert lines == [
        "proj/modules/m1/les-1.yaml:14:43: error image-without-alt: image 'img/ok.svg' has no alternative text",
        "proj/modules/m1/les-1.yaml:14:60: error asset-missing: image 'img/missing.png' does not exist",
        "proj/modules/m1/les-1.yaml:14:82: error asset-outside: image '../../../etc/passwd' points outside "
        "the course project",
        "proj/modules/m1/les-1.yaml:14:108: error asset-remote: image 'https://example.org/a.png' is a remote "
        "or absolute address",
        "proj/modules/m1/les-1.yaml:14:140: error asset-remote: image '/etc/hosts' is a remote or absolute "
        "address",
        "5 errors, 0 warnings in 1 file",
    ]


def test_links_to_files_are_checked_like_images_and_web_links_are_not(project):
    project.write("modules/m1/files/form.pdf", b"%PDF-1.4\n")
    body = ('{id: "[Formulir](files/form.pdf) [Situs](https://example.org) [x](file:///etc/passwd) '
            '[y](../../../etc/hosts) [z](files/none.pdf)", en: "[Form](files/form.pdf)"}')
    project.write("modules/m1/les-1.yaml", MINIMAL["modules/m1/les-1.yaml"].replace(
        'body: {id: "Isi **bagian**.", en: "Section **body**."}', f"body: {body}"))
    assert project.errors() == [
        "proj/modules/m1/les-1.yaml:14:77: error url-scheme: link 'file:///etc/passwd' uses `file:`, which is "
        "not allowed",
        "proj/modules/m1/les-1.yaml:14:101: error asset-outside: linked file '../../../etc/hosts' points "
        "outside the course project",
        "proj/modules/m1/les-1.yaml:14:125: error asset-missing: linked file 'files/none.pdf' does not exist",
    ]


def test_codes_inside_a_lesson_clash_at_both_places(project):
    project.write("modules/m1/les-1.yaml", MINIMAL["modules/m1/les-1.yaml"].replace("""            text: {id: Menjelaskan konsep., en: Explain the concept.}
""", """            text: {id: Menjelaskan konsep., en: Explain the concept.}
          - code: IND-1
            bloom: C3
            text: {id: Menerapkan konsep., en: Apply the concept.}
"""))
    assert project.errors() == [
        "proj/modules/m1/les-1.yaml:7:11: error duplicate-code: indicator 'IND-1' is defined twice; "
        "the other definition is at proj/modules/m1/les-1.yaml:10:11",
        "proj/modules/m1/les-1.yaml:10:11: error duplicate-code: indicator 'IND-1' is defined twice; "
        "the other definition is at proj/modules/m1/les-1.yaml:7:11",
    ]
