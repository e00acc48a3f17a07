"""A lesson's test as a QTI 1.2 assessment in the Common Cartridge profile (cc.exam):
multiple choice with the correct option (the LMS's quiz engine scores it), reflective
items as essays. A cartridge is a participant package, so neither the rationale nor
the rubric is in it; the facilitator's question banks carry those."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from coursesmith.load.schema import MultipleChoice, Reflective
from coursesmith.model.course import LessonView
from coursesmith.render.portable import inline_html

QTI = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"


def assessment(lesson: LessonView, lang: str, fallback: list[str], answers: dict[str, str], title: str) -> bytes:
    """`answers` holds each multiple-choice item's correct key (from the facilitator model)."""
    ET.register_namespace("", QTI)
    root = ET.Element(f"{{{QTI}}}questestinterop")
    test = ET.SubElement(root, f"{{{QTI}}}assessment", ident=f"{lesson.code}-TEST", title=title)
    _metadata(test, cc_profile="cc.exam.v0p1", qmd_assessmenttype="Examination", cc_maxattempts="unlimited")
    section = ET.SubElement(test, f"{{{QTI}}}section", ident=f"{lesson.code}-SECTION")
    for item in lesson.lesson.assessment:
        if item.type == "multiple_choice":
            _choice(section, lesson, item, lang, fallback, answers[item.code])
        else:
            _essay(section, lesson, item, lang, fallback)
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


def _metadata(parent: ET.Element, **fields: str) -> None:
    metadata = ET.SubElement(parent, f"{{{QTI}}}qtimetadata")
    for label, entry in fields.items():
        field = ET.SubElement(metadata, f"{{{QTI}}}qtimetadatafield")
        ET.SubElement(field, f"{{{QTI}}}fieldlabel").text = label
        ET.SubElement(field, f"{{{QTI}}}fieldentry").text = entry


def _item(section: ET.Element, lesson: LessonView, code: str, profile: str, text: str) -> tuple[ET.Element, str]:
    """`text` is the question as HTML."""
    item = ET.SubElement(section, f"{{{QTI}}}item", ident=f"{lesson.code}-{code}", title=code)
    _metadata(ET.SubElement(item, f"{{{QTI}}}itemmetadata"), cc_profile=profile, cc_weighting="1")
    presentation = ET.SubElement(item, f"{{{QTI}}}presentation")
    _material(presentation, f"<p>{text}</p>", "text/html")
    return item, f"{lesson.code}-{code}-RESPONSE"


def _material(parent: ET.Element, text: str, kind: str = "text/plain") -> None:
    material = ET.SubElement(parent, f"{{{QTI}}}material")
    ET.SubElement(material, f"{{{QTI}}}mattext", texttype=kind).text = text


def _choice(section, lesson, item: MultipleChoice, lang, fallback, answer: str) -> None:
    element, response = _item(section, lesson, item.code, "cc.multiple_choice.v0p1", str(inline_html(item.stem, lang, fallback)))
    lid = ET.SubElement(element.find(f"{{{QTI}}}presentation"), f"{{{QTI}}}response_lid",
                        ident=response, rcardinality="Single")
    choices = ET.SubElement(lid, f"{{{QTI}}}render_choice")
    for option in item.options:
        label = ET.SubElement(choices, f"{{{QTI}}}response_label", ident=option.key)
        _material(label, str(inline_html(option.text, lang, fallback)), "text/html")
    processing = _processing(element)
    condition = ET.SubElement(processing, f"{{{QTI}}}respcondition", {"continue": "No"})
    ET.SubElement(ET.SubElement(condition, f"{{{QTI}}}conditionvar"), f"{{{QTI}}}varequal",
                  respident=response).text = answer
    ET.SubElement(condition, f"{{{QTI}}}setvar", varname="SCORE", action="Set").text = "100"


def _essay(section, lesson, item: Reflective, lang, fallback) -> None:
    element, response = _item(section, lesson, item.code, "cc.essay.v0p1", str(inline_html(item.prompt, lang, fallback)))
    answer = ET.SubElement(element.find(f"{{{QTI}}}presentation"), f"{{{QTI}}}response_str",
                           ident=response, rcardinality="Single")
    ET.SubElement(answer, f"{{{QTI}}}render_fib")
    condition = ET.SubElement(_processing(element), f"{{{QTI}}}respcondition", {"continue": "No"})
    ET.SubElement(ET.SubElement(condition, f"{{{QTI}}}conditionvar"), f"{{{QTI}}}other")


def _processing(item: ET.Element) -> ET.Element:
    processing = ET.SubElement(item, f"{{{QTI}}}resprocessing")
    outcomes = ET.SubElement(processing, f"{{{QTI}}}outcomes")
    ET.SubElement(outcomes, f"{{{QTI}}}decvar", varname="SCORE", vartype="Decimal", minvalue="0", maxvalue="100")
    return processing

