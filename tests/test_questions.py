"""The question banks, read back by real parsers: every GIFT question of the sample
course through gift-pegjs (npm), every Moodle XML question through lxml, each compared
field by field with the lesson it came from."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from coursesmith.diagnostics import Problems
from coursesmith.model.course import CourseView, build_course
from coursesmith.outputs.questions.gift import gift_bank
from coursesmith.outputs.questions.moodle import moodle_bank
from coursesmith.pipeline import check
from coursesmith.render.portable import inline_plain

from conftest import REPO
from site_tools import NODE, require

LANGUAGES = ("id", "en")
GIFT_PARSE = REPO / "tests" / "node" / "gift-parse.js"


def facilitator_model(root: Path) -> CourseView:
    problems = Problems()
    checked = check(root, problems)
    assert not problems.errors, problems.errors
    return build_course(checked.catalog, "facilitator", root)


@pytest.fixture(scope="module")
def sample() -> CourseView:
    return facilitator_model(REPO)


def words(text) -> str:
    return " ".join(text.split())


def shown(text, lang: str) -> str:
    """What a reader sees of a short text: its inline Markdown and typography applied."""
    return inline_plain(text, lang, list(LANGUAGES))


def expected_items(course: CourseView, lang: str) -> list[tuple]:
    """(lesson, item) in course order: what every bank must hold."""
    return [(lesson, item) for lesson in course.lessons for item in lesson.lesson.assessment]


def parse_gift(data: bytes, tmp_path: Path) -> list[dict]:
    require((NODE / "gift-pegjs").is_dir() and shutil.which("node") is not None,
            "gift-pegjs", "npm ci --prefix tests/node")
    path = tmp_path / "bank.gift.txt"
    path.write_bytes(data)
    done = subprocess.run(["node", str(GIFT_PARSE), str(path)], capture_output=True, text=True, check=True,
                          env={"NODE_PATH": str(NODE), "PATH": "/usr/bin:/bin"})
    return json.loads(done.stdout)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_gift_round_trips_every_sample_question(sample, lang, tmp_path):
    data, lost = gift_bank(sample, lang)
    parsed = parse_gift(data, tmp_path)
    categories = [q["title"] for q in parsed if q["type"] == "Category"]
    assert len(categories) == len([lesson for lesson in sample.lessons if lesson.lesson.assessment])
    questions = [q for q in parsed if q["type"] != "Category"]
    expected = expected_items(sample, lang)
    assert len(questions) == len(expected) > 10
    for question, (lesson, item) in zip(questions, expected):
        assert question["title"] == f"{lesson.code} {item.code}"
        if item.type == "multiple_choice":
            assert question["type"] == "MC"
            assert question["stem"]["text"] == shown(item.stem, lang)
            assert [c["text"]["text"] for c in question["choices"]] == [shown(o.text, lang) for o in item.options]
            assert [c["isCorrect"] for c in question["choices"]] == [o.key == item.answer for o in item.options]
            assert {c["feedback"]["text"] for c in question["choices"]} == {shown(item.rationale, lang)}
        else:
            assert question["type"] == "Essay"
            assert question["stem"]["text"] == shown(item.prompt, lang)
    assert sorted(part.code for part in lost) == sorted(i.code for _, i in expected if i.type == "reflective")


SPECIAL = r"Rasio 3:1 {A} ~b =c #d \e // f"


def test_gift_escapes_every_special_character(project, tmp_path):
    lesson = "modules/m1/les-1.yaml"
    text = (project.root / lesson).read_text(encoding="utf-8")
    quoted = json.dumps(SPECIAL)
    text = text.replace('stem: {id: "Pertanyaan?", en: "Question?"}', f"stem: {quoted}")
    text = text.replace("{key: a, text: {id: Satu, en: One}}", f"{{key: a, text: {quoted}}}")
    text = text.replace("rationale: {id: Alasan rahasia., en: Secret rationale.}", f"rationale: {quoted}")
    (project.root / lesson).write_text(text, encoding="utf-8")
    course = facilitator_model(project.root)
    data, _ = gift_bank(course, "en")
    assert b"3\\:1 \\{A\\} \\~b \\=c \\#d \\\\e" in data
    [category, question] = parse_gift(data, tmp_path)
    assert question["stem"]["text"] == SPECIAL
    assert question["choices"][0] == {"isCorrect": True, "weight": None, "text": {"format": "plain", "text": SPECIAL},
                                      "feedback": {"format": "plain", "text": SPECIAL}}
    assert question["choices"][1]["text"]["text"] == "Two" and not question["choices"][1]["isCorrect"]


MARKED = "Which *one* is **right**? See `code`."


def test_markdown_in_an_item_is_html_in_moodle_and_its_words_in_gift(project, tmp_path):
    lesson = "modules/m1/les-1.yaml"
    text = (project.root / lesson).read_text(encoding="utf-8")
    text = text.replace('stem: {id: "Pertanyaan?", en: "Question?"}', f"stem: {json.dumps(MARKED)}")
    text = text.replace("{key: a, text: {id: Satu, en: One}}", '{key: a, text: "*One*"}')
    (project.root / lesson).write_text(text, encoding="utf-8")
    course = facilitator_model(project.root)
    moodle = moodle_bank(course, "en")
    [question] = [q for q in moodle_questions(moodle) if q.get("type") == "multichoice"]
    assert question.findtext("questiontext/text") == (
        "<p>Which <em>one</em> is <strong>right</strong>? See <code>code</code>.</p>")
    assert question.findtext("answer/text") == "<p><em>One</em></p>"
    gift, _ = gift_bank(course, "en")
    assert b"*" not in gift and b"`" not in gift
    [category, parsed] = parse_gift(gift, tmp_path)
    assert parsed["stem"]["text"] == "Which one is right? See code."
    assert parsed["choices"][0]["text"]["text"] == "One"


def moodle_questions(data: bytes) -> list[etree._Element]:
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    assert root.tag == "quiz"
    return list(root)


def html_text(fragment: str) -> str:
    return words(etree.fromstring(f"<div>{fragment}</div>").xpath("string()"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_moodle_xml_holds_every_field_of_every_question(sample, lang):
    questions = moodle_questions(moodle_bank(sample, lang))
    categories = [q.findtext("category/text") for q in questions if q.get("type") == "category"]
    titles = {lesson.code: words(lesson.lesson.title.get(lang)) for lesson in sample.lessons}
    assert all(c.startswith("$course$/top/KKMP ") for c in categories)
    assert [c.rsplit("/", 1)[1] for c in categories] == [f"{code} {title}" for code, title in titles.items()]
    items = [q for q in questions if q.get("type") != "category"]
    expected = expected_items(sample, lang)
    assert len(items) == len(expected)
    for question, (lesson, item) in zip(items, expected):
        assert question.findtext("name/text") == f"{lesson.code} {item.code}"
        assert question.findtext("idnumber") == f"{lesson.code}-{item.code}"
        assert question.find("questiontext").get("format") == "html"
        if item.type == "multiple_choice":
            assert question.get("type") == "multichoice"
            assert html_text(question.findtext("questiontext/text")) == shown(item.stem, lang)
            assert question.findtext("single") == "true"
            answers = question.findall("answer")
            assert [html_text(a.findtext("text")) for a in answers] == [shown(o.text, lang) for o in item.options]
            assert [a.get("fraction") for a in answers] == ["100" if o.key == item.answer else "0" for o in item.options]
            assert {html_text(a.findtext("feedback/text")) for a in answers} == {shown(item.rationale, lang)}
        else:
            assert question.get("type") == "essay"
            assert html_text(question.findtext("questiontext/text")) == shown(item.prompt, lang)
            grader = etree.fromstring(question.findtext("graderinfo/text"))
            rows = [[words(td.xpath("string()")) for td in tr.findall("td")] for tr in grader.iter("tr")]
            assert rows == [[str(r.level), shown(r.text, lang)] for r in sorted(item.rubric, key=lambda r: -r.level)]
            assert question.findtext("defaultgrade") == str(max(r.level for r in item.rubric))


def test_banks_are_in_the_facilitator_folder_and_the_same_every_build(sample_output):
    for lang in LANGUAGES:
        for name in (f"kkmp-questions-{lang}.moodle.xml", f"kkmp-questions-{lang}.gift.txt"):
            assert (sample_output / "facilitator" / lang / name).is_file(), name
    assert not list((sample_output / "site").rglob("*questions*"))
    course = facilitator_model(REPO)
    assert moodle_bank(course, "en") == (sample_output / "facilitator/en/kkmp-questions-en.moodle.xml").read_bytes()
