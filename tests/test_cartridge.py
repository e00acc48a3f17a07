"""The IMS Common Cartridges (1.1 for Moodle, 1.3 for Canvas) of the sample course.

No registry package we can reach ships the IMS Common Cartridge or QTI 1.2 schemas,
so the manifest and the tests are checked here against the rules of the Common
Cartridge profile: the manifest's namespace and version, one organisation with one
root item, resolvable and unique identifiers, the allowed resource types, every file
listed and present, a QTI assessment alone in its folder, and every QTI item read
back against the lesson it came from."""

from __future__ import annotations

import posixpath
import re

import pytest
from lxml import etree

from coursesmith.diagnostics import Problems
from coursesmith.model.course import build_course
from coursesmith.pipeline import check
from coursesmith.render.portable import inline_plain, plain_text

from conftest import REPO
from lms_tools import SAFE, unpack
from test_scorm import LANGUAGES, LESSONS, references, quick  # noqa: F401  (the quick build fixture)

LANGS = list(LANGUAGES)

QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
VERSIONS = {"11": "1p1", "13": "1p3"}
NCNAME = re.compile(r"^[A-Za-z_][\w.\-]*$")


def cartridge(output, version: str, lang: str) -> dict[str, bytes]:
    return unpack((output / "lms" / f"kkmp-cc{version}-{lang}.imscc").read_bytes())


@pytest.fixture(scope="module")
def sources():
    problems = Problems()
    checked = check(REPO, problems)
    return build_course(checked.catalog, "facilitator", REPO)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("version", VERSIONS)
def test_manifest_follows_the_common_cartridge_rules(quick, version, lang):
    files = cartridge(quick, version, lang)
    short = VERSIONS[version]
    cp = f"{{http://www.imsglobal.org/xsd/imscc{'v' + short}/imscp_v1p1}}"
    assert next(iter(files)) == "imsmanifest.xml"
    manifest = etree.fromstring(files["imsmanifest.xml"], SAFE)
    assert manifest.tag == f"{cp}manifest"
    assert manifest.get("identifier") == f"KKMP-CC{version}-{lang.upper()}"
    assert manifest.findtext(f"{cp}metadata/{cp}schema") == "IMS Common Cartridge"
    assert manifest.findtext(f"{cp}metadata/{cp}schemaversion") == f"1.{version[1]}.0"
    lom = f"{{http://ltsc.ieee.org/xsd/imscc{'v' + short}/LOM/manifest}}"
    assert manifest.findtext(f"{cp}metadata/{lom}lom/{lom}general/{lom}title/{lom}string")
    [organization] = manifest.findall(f"{cp}organizations/{cp}organization")
    assert organization.get("structure") == "rooted-hierarchy"
    [root] = organization.findall(f"{cp}item")
    assert root.get("identifierref") is None and root.find(f"{cp}title") is None
    identifiers = [e.get("identifier") for e in manifest.iter() if e.get("identifier")]
    assert len(identifiers) == len(set(identifiers)) and all(NCNAME.match(i) for i in identifiers)
    resources = {r.get("identifier"): r for r in manifest.iter(f"{cp}resource")}
    for item in organization.iter(f"{cp}item"):
        if item.get("identifierref"):
            assert item.get("identifierref") in resources and item.findtext(f"{cp}title")
            assert item.find(f"{cp}item") is None  # what launches has no children
    assessment_type = f"imsqti_xmlv1p2/imscc_xmlv{short}/assessment"
    listed: dict[str, str] = {}
    for identifier, resource in resources.items():
        assert resource.get("type") in ("webcontent", assessment_type)
        hrefs = [f.get("href") for f in resource.findall(f"{cp}file")]
        for href in hrefs:
            assert href in files, href
            listed.setdefault(href, identifier)
        for dependency in resource.findall(f"{cp}dependency"):
            assert resources[dependency.get("identifierref")].get("type") == "webcontent"
        if resource.get("type") == assessment_type:
            assert resource.get("href") is None and len(hrefs) == 1
            folder = posixpath.dirname(hrefs[0]) + "/"
            assert [f for f in files if f.startswith(folder)] == hrefs  # alone in its folder
        elif resource.get("href"):
            assert resource.get("href") in hrefs
    assert set(listed) == set(files) - {"imsmanifest.xml"}
    for path, data in files.items():  # every link of a page resolves inside the cartridge
        for target in references(path, data):
            assert target in files, f"{path} → {target}"
    tests = [r for r in resources.values() if r.get("type") == assessment_type]
    assert len(tests) == len(LESSONS)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("version", VERSIONS)
def test_every_lesson_test_is_qti_with_every_item(quick, sources, version, lang):
    files = cartridge(quick, version, lang)
    for lesson in sources.lessons:
        root = etree.fromstring(files[f"tests/{lesson.slug}/assessment.xml"], SAFE)
        assert root.tag == f"{QTI}questestinterop"
        [test] = root.findall(f"{QTI}assessment")
        assert metadata(test) == {"cc_profile": "cc.exam.v0p1", "qmd_assessmenttype": "Examination",
                                  "cc_maxattempts": "unlimited"}
        items = test.findall(f"{QTI}section/{QTI}item")
        assert [i.get("ident") for i in items] == [f"{lesson.code}-{a.code}" for a in lesson.lesson.assessment]
        for element, item in zip(items, lesson.lesson.assessment):
            profile = metadata(element.find(f"{QTI}itemmetadata"))["cc_profile"]
            stem = element.findtext(f"{QTI}presentation/{QTI}material/{QTI}mattext")
            text = etree.fromstring(stem).xpath("string()")
            if item.type == "multiple_choice":
                assert profile == "cc.multiple_choice.v0p1"
                assert text == inline_plain(item.stem, lang, LANGS)
                lid = element.find(f"{QTI}presentation/{QTI}response_lid")
                labels = lid.findall(f"{QTI}render_choice/{QTI}response_label")
                assert [(l.get("ident"), plain_text(l.findtext(f"{QTI}material/{QTI}mattext"))) for l in labels] == \
                    [(o.key, inline_plain(o.text, lang, LANGS)) for o in item.options]
                assert {l.find(f"{QTI}material/{QTI}mattext").get("texttype") for l in labels} == {"text/html"}
                [equal] = element.iter(f"{QTI}varequal")
                assert (equal.get("respident"), equal.text) == (lid.get("ident"), item.answer)
                assert element.findtext(f".//{QTI}setvar") == "100"
            else:
                assert profile == "cc.essay.v0p1"
                assert text == inline_plain(item.prompt, lang, LANGS)
                assert element.find(f"{QTI}presentation/{QTI}response_str/{QTI}render_fib") is not None
            assert element.find(f"{QTI}itemfeedback") is None  # no rationale, no rubric


def metadata(parent) -> dict[str, str]:
    return {f.findtext(f"{QTI}fieldlabel"): f.findtext(f"{QTI}fieldentry")
            for f in parent.findall(f"{QTI}qtimetadata/{QTI}qtimetadatafield")}


def test_cartridges_list_the_handouts_as_files(sample_output):
    files = cartridge(sample_output, "11", "id")
    manifest = files["imsmanifest.xml"].decode("utf-8")
    for code in LESSONS:
        handout = f"handouts/kkmp-{code.lower()}-id.pdf"
        assert files[handout].startswith(b"%PDF")
        assert f'identifier="RES-{code}-HANDOUT" type="webcontent" href="{handout}"' in manifest
    assert 'identifierref="RES-KOAL-01-LK-01"' in manifest
