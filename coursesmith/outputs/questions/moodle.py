"""Moodle XML, the question format that carries everything an item has: multiple choice
with its answer and the rationale as each option's feedback, reflective items as
essays with the rubric as grader information, one category per lesson."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from coursesmith.model.course import CourseView
from coursesmith.outputs.questions.bank import Item, categories


def moodle_bank(course: CourseView, lang: str) -> bytes:
    quiz = ET.Element("quiz")
    for category in categories(course, lang):
        question = ET.SubElement(quiz, "question", type="category")
        _text(ET.SubElement(question, "category"), category.path)
        for item in category.items:
            quiz.append(_question(item))
    ET.indent(quiz)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="utf-8") + b"\n"


def _question(item: Item) -> ET.Element:
    question = ET.Element("question", type=item.kind)
    _text(ET.SubElement(question, "name"), item.name)
    _text(ET.SubElement(question, "questiontext", format="html"), _html(item.text))
    _text(ET.SubElement(question, "generalfeedback", format="html"), "")
    _leaf(question, "idnumber", item.idnumber)
    if item.kind == "multichoice":
        _leaf(question, "defaultgrade", "1")
        _leaf(question, "penalty", "0.3333333")
        _leaf(question, "single", "true")
        _leaf(question, "shuffleanswers", "true")
        _leaf(question, "answernumbering", "abc")
        for choice in item.choices:
            answer = ET.SubElement(question, "answer", fraction="100" if choice.correct else "0", format="html")
            _text(answer, _html(choice.text))
            _text(ET.SubElement(answer, "feedback", format="html"), _html(item.feedback) if item.feedback else "")
    else:
        _leaf(question, "defaultgrade", str(max((level for level, _ in item.rubric), default=1)))
        _leaf(question, "responseformat", "editor")
        _leaf(question, "responserequired", "1")
        _leaf(question, "responsefieldlines", "10")
        _leaf(question, "attachments", "0")
        _text(ET.SubElement(question, "graderinfo", format="html"), _rubric(item))
        _text(ET.SubElement(question, "responsetemplate", format="html"), "")
    return question


def _rubric(item: Item) -> str:
    rows = "".join(f"<tr><td>{level}</td><td>{text}</td></tr>" for level, text in item.rubric)
    return f"<table><tbody>{rows}</tbody></table>" if rows else ""


def _html(text: str) -> str:
    """An item's text is already HTML (bank.py), rendered from its inline Markdown."""
    return f"<p>{text}</p>"


def _text(parent: ET.Element, value: str) -> None:
    ET.SubElement(parent, "text").text = value


def _leaf(parent: ET.Element, tag: str, value: str) -> None:
    ET.SubElement(parent, tag).text = value
