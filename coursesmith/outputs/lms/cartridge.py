"""IMS Common Cartridge, per language, in two versions: 1.1, which Moodle's importer
reads, and 1.3, which Canvas prefers. The same content in both:

- each lesson page as web content (the page of the SCORM package, without its quiz),
- the lesson's handout and worksheets as files,
- the lesson's test as a QTI 1.2 assessment (qti.py),

organised as one root item → modules → lessons → page, files, test. Shared files
(stylesheets, fonts, images) are one web-content resource that each page depends on.
Identifiers come from the course's codes, so they are the same in every build.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from coursesmith.model.answers import unseal
from coursesmith.model.course import CourseView, LessonView
from coursesmith.outputs.lms.pages import LessonFiles, PackageFiles
from coursesmith.outputs.lms.qti import assessment

XSI = "http://www.w3.org/2001/XMLSchema-instance"
MANIFEST = "imsmanifest.xml"


@dataclass(frozen=True)
class Version:
    number: str
    """As the manifest states it, e.g. `1.1.0`."""
    short: str
    """`1p1`, as in the namespaces."""

    @property
    def cp(self) -> str:
        return f"http://www.imsglobal.org/xsd/imsccv{self.short}/imscp_v1p1"

    @property
    def lom(self) -> str:
        return f"http://ltsc.ieee.org/xsd/imsccv{self.short}/LOM/manifest"

    @property
    def assessment_type(self) -> str:
        return f"imsqti_xmlv1p2/imscc_xmlv{self.short}/assessment"


VERSIONS = {"11": Version("1.1.0", "1p1"), "13": Version("1.3.0", "1p3")}


def cartridge_files(course: CourseView, lang: str, package: PackageFiles, version: str, labels: dict,
                    tests: dict[str, tuple[str, bytes]] | None = None) -> dict[str, bytes | Path]:
    """The files of one language's .imscc in Common Cartridge `version` (`11` or `13`),
    to zip with MANIFEST first; `tests`, if given, are `assessments(course, lang,
    labels)`, the same in every version."""
    tests = assessments(course, lang, labels) if tests is None else tests
    files = dict(package.data)
    files.update(tests.values())
    files[MANIFEST] = manifest(course, lang, package, {code: path for code, (path, _) in tests.items()},
                               VERSIONS[version], labels)
    return files


def assessments(course: CourseView, lang: str, labels: dict) -> dict[str, tuple[str, bytes]]:
    """Each lesson's test as QTI, by lesson code: its path in the cartridge and its bytes."""
    tests = {}
    for lesson in course.lessons:
        if lesson.lesson.assessment:
            title = f"{lesson.code} {labels['assessment']}"
            tests[lesson.code] = (f"tests/{lesson.slug}/assessment.xml",
                                  assessment(lesson, lang, course.course.languages, _answers(course, lesson), title))
    return tests


def _answers(course: CourseView, lesson: LessonView) -> dict[str, str]:
    found = {}
    for item in lesson.lesson.assessment:
        if item.type == "multiple_choice":
            keys = [option.key for option in item.options]
            found[item.code] = unseal(course.course.code, lesson.code, item.code, keys, lesson.sealed_answers[item.code])
    return found


def manifest(course: CourseView, lang: str, package: PackageFiles, tests: dict[str, str], version: Version,
             labels: dict) -> bytes:
    return _Manifest(course, lang, version, labels).write(package, tests)


class _Manifest:
    """One cartridge's manifest, written element by element in the cartridge's namespace."""

    def __init__(self, course: CourseView, lang: str, version: Version, labels: dict):
        self.course, self.lang, self.version, self.labels = course, lang, version, labels
        self.code = course.course.code
        ET.register_namespace("", version.cp)
        ET.register_namespace("lomimscc", version.lom)
        ET.register_namespace("xsi", XSI)

    def sub(self, parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{self.version.cp}}}{tag}", attributes)
        element.text = text
        return element

    def text(self, value) -> str:
        return " ".join(value.get(self.lang, self.course.course.languages).split())

    def write(self, package: PackageFiles, tests: dict[str, str]) -> bytes:
        version, sub = self.version, self.sub
        root = ET.Element(f"{{{version.cp}}}manifest",
                          identifier=f"{self.code}-CC{version.short.replace('p', '')}-{self.lang.upper()}")
        metadata = sub(root, "metadata")
        sub(metadata, "schema", "IMS Common Cartridge")
        sub(metadata, "schemaversion", version.number)
        self.lom(metadata)
        organization = sub(sub(root, "organizations"), "organization", identifier=f"ORG-{self.code}",
                           structure="rooted-hierarchy")
        top = sub(organization, "item", identifier=f"ITEM-{self.code}")  # the one root item: launches nothing
        resources = sub(root, "resources")
        pages = {files.page for files in package.lessons.values()}
        documents = {path for path in package.data if path.endswith(".pdf")}
        for module in self.course.modules:
            branch = sub(top, "item", identifier=f"ITEM-{module.module.code}")
            sub(branch, "title", self.text(module.module.title))
            for lesson in module.lessons:
                self.lesson(branch, resources, lesson, package.lessons[lesson.code], tests.get(lesson.code))
        assets = sub(resources, "resource", identifier=f"RES-{self.code}-ASSETS", type="webcontent")
        for path in sorted(set(package.data) - pages - set(documents)):
            sub(assets, "file", href=path)
        ET.indent(root)
        return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"

    def lom(self, metadata: ET.Element) -> None:
        lom = self.version.lom

        def el(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
            element = ET.SubElement(parent, f"{{{lom}}}{tag}", attributes)
            element.text = text
            return element

        general = el(el(metadata, "lom"), "general")
        el(el(general, "title"), "string", self.text(self.course.course.title), language=self.lang)
        el(general, "language", self.lang)

    def lesson(self, branch: ET.Element, resources: ET.Element, lesson: LessonView, files: LessonFiles,
               test: str | None) -> None:
        sub, code, page = self.sub, lesson.code, files.page
        folder = sub(branch, "item", identifier=f"ITEM-{code}")
        sub(folder, "title", f"{code} {self.text(lesson.lesson.title)}")
        entries = [(f"{code}-PAGE", self.text(lesson.lesson.title), page)]
        if files.handout:
            entries.append((f"{code}-HANDOUT", f"{self.labels['handout']} {code} (PDF)", files.handout))
        entries += [(f"{code}-{sheet}", f"{self.labels['worksheet']} {sheet} (PDF)", path)
                    for sheet, path in files.worksheets.items()]
        for key, title, href in entries:
            item = sub(folder, "item", identifier=f"ITEM-{key}", identifierref=f"RES-{key}")
            sub(item, "title", title)
            resource = sub(resources, "resource", identifier=f"RES-{key}", type="webcontent", href=href)
            sub(resource, "file", href=href)
            if href == page:
                sub(resource, "dependency", identifierref=f"RES-{self.code}-ASSETS")
        if test:
            item = sub(folder, "item", identifier=f"ITEM-{code}-TEST", identifierref=f"RES-{code}-TEST")
            sub(item, "title", f"{code} {self.labels['assessment']}")
            resource = sub(resources, "resource", identifier=f"RES-{code}-TEST", type=self.version.assessment_type)
            sub(resource, "file", href=test)
