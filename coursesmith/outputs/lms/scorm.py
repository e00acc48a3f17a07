"""SCORM 1.2: one package per language, one SCO per lesson.

A lesson is what a course day schedules, what a participant reads in one sitting
and what has one quiz, so each lesson is its own SCO: the LMS keeps a score and a
status per lesson, and a participant can resume at any lesson. The organisation
nests the lessons under their modules below one root item that launches nothing
(Moodle's player needs a non-launchable top item).

Every identifier comes from the course's codes, so the manifest names the same
things the same way in every build, and a re-uploaded package updates the LMS's
activity instead of starting a new one.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from coursesmith.model.course import CourseView
from coursesmith.outputs.lms.pages import MASTERY, PackageFiles

CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATIONS = f"{CP} imscp_rootv1p1p2.xsd {ADLCP} adlcp_rootv1p2.xsd"
MANIFEST = "imsmanifest.xml"


def scorm_files(course: CourseView, lang: str, package: PackageFiles) -> dict[str, bytes | Path]:
    """The files of one language's package, to zip with MANIFEST first: the manifest and
    every file it lists."""
    return {**package.data, MANIFEST: manifest(course, lang, package)}


def manifest(course: CourseView, lang: str, package: PackageFiles) -> bytes:
    code, fallback = course.course.code, course.course.languages
    ET.register_namespace("", CP)
    ET.register_namespace("adlcp", ADLCP)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(f"{{{CP}}}manifest", {"identifier": f"{code}-SCORM12-{lang.upper()}", "version": "1",
                                             f"{{{XSI}}}schemaLocation": SCHEMA_LOCATIONS})
    metadata = ET.SubElement(root, f"{{{CP}}}metadata")
    ET.SubElement(metadata, f"{{{CP}}}schema").text = "ADL SCORM"
    ET.SubElement(metadata, f"{{{CP}}}schemaversion").text = "1.2"
    organizations = ET.SubElement(root, f"{{{CP}}}organizations", default=f"ORG-{code}")
    organization = ET.SubElement(organizations, f"{{{CP}}}organization", identifier=f"ORG-{code}")
    title = " ".join(course.course.title.get(lang, fallback).split())
    ET.SubElement(organization, f"{{{CP}}}title").text = title
    top = _item(organization, f"ITEM-{code}", title)  # launches nothing
    for module in course.modules:
        branch = _item(top, f"ITEM-{module.module.code}", module.module.title.get(lang, fallback))
        for lesson in module.lessons:
            leaf = _item(branch, f"ITEM-{lesson.code}", f"{lesson.code} {lesson.lesson.title.get(lang, fallback)}",
                         f"RES-{lesson.code}")
            if lesson.sealed_answers:
                ET.SubElement(leaf, f"{{{ADLCP}}}masteryscore").text = str(MASTERY)
    resources = ET.SubElement(root, f"{{{CP}}}resources")
    for lesson in course.lessons:
        files = package.lessons[lesson.code]
        resource = ET.SubElement(resources, f"{{{CP}}}resource", {
            "identifier": f"RES-{lesson.code}", "type": "webcontent", f"{{{ADLCP}}}scormtype": "sco",
            "href": files.page})
        for path in files.files:
            ET.SubElement(resource, f"{{{CP}}}file", href=path)
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


def _item(parent: ET.Element, identifier: str, title: str, resource: str | None = None) -> ET.Element:
    attributes = {"identifier": identifier, **({"identifierref": resource} if resource else {})}
    item = ET.SubElement(parent, f"{{{CP}}}item", attributes)
    ET.SubElement(item, f"{{{CP}}}title").text = " ".join(title.split())
    return item
