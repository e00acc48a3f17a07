"""The SCORM 1.2 packages of the sample course: the manifest against the SCORM 1.2 XML
schemas and the rules the schemas cannot express, every file listed and present, and
a lesson run in Chromium against a real SCORM runtime (scorm-again) standing in for
the LMS: initialise, score, status, commit, finish."""

from __future__ import annotations

import json
import posixpath
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from lxml import etree

from coursesmith.pipeline import build
from coursesmith.stages import BuildOptions

from conftest import REPO
from lms_tools import SAFE, scorm12_schema, unpack
from site_tools import (AXE, CHROMIUM, CHROMIUM_FLAGS, NODE, VNU, require, require_chromium, require_java,
                        require_node_tools, serve)

LANGUAGES = ("id", "en")
LESSONS = ("KOAL-01", "KOAL-02", "KOAL-03", "PERU-01", "PERU-02")
CP = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"
ADLCP = "{http://www.adlnet.org/xsd/adlcp_rootv1p2}"
SCORM_AGAIN = NODE / "scorm-again" / "dist" / "scorm12.min.js"


def build_sample(root: Path) -> Path:
    for name in ("course", "modules"):
        shutil.copytree(REPO / name, root / name)
    build(BuildOptions(project=root, output=root / "output", pdf=False))
    return root / "output"


@pytest.fixture(scope="module")
def quick(tmp_path_factory) -> Path:
    """The sample course built without PDFs (the packages then have no handouts)."""
    return build_sample(tmp_path_factory.mktemp("quick"))


def package(output: Path, lang: str) -> dict[str, bytes]:
    return unpack((output / "lms" / f"kkmp-scorm12-{lang}.zip").read_bytes())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_manifest_is_valid_scorm12(quick, lang):
    schema = scorm12_schema()
    manifest = etree.fromstring(package(quick, lang)["imsmanifest.xml"], SAFE)
    assert schema.validate(manifest), schema.error_log


@pytest.mark.parametrize("lang", LANGUAGES)
def test_manifest_follows_the_rules_the_schema_cannot_check(quick, lang):
    files = package(quick, lang)
    assert next(iter(files)) == "imsmanifest.xml"
    manifest = etree.fromstring(files["imsmanifest.xml"], SAFE)
    assert manifest.get("identifier") == f"KKMP-SCORM12-{lang.upper()}"
    assert manifest.findtext(f"{CP}metadata/{CP}schema") == "ADL SCORM"
    assert manifest.findtext(f"{CP}metadata/{CP}schemaversion") == "1.2"
    organizations = manifest.find(f"{CP}organizations")
    [organization] = organizations.findall(f"{CP}organization")
    assert organizations.get("default") == organization.get("identifier")
    [root] = organization.findall(f"{CP}item")
    assert root.get("identifierref") is None  # Moodle needs a top item that launches nothing
    ids = [e.get("identifier") for e in manifest.iter() if e.get("identifier")]
    assert len(ids) == len(set(ids))
    resources = {r.get("identifier"): r for r in manifest.iter(f"{CP}resource")}
    launched = [item for item in organization.iter(f"{CP}item") if item.get("identifierref")]
    assert [item.get("identifier") for item in launched] == [f"ITEM-{code}" for code in LESSONS]
    listed = set()
    for item in launched:
        resource = resources[item.get("identifierref")]
        assert resource.get(f"{ADLCP}scormtype") == "sco" and resource.get("type") == "webcontent"
        hrefs = [f.get("href") for f in resource.findall(f"{CP}file")]
        assert hrefs[0] == resource.get("href")
        assert item.findtext(f"{ADLCP}masteryscore") == "70"
        listed.update(hrefs)
        for href in hrefs:  # every file a page, stylesheet or script refers to is in its resource
            for target in references(href, files[href]):
                assert target in hrefs, f"{href} → {target}"
    assert listed == set(files) - {"imsmanifest.xml"}


LINK = re.compile(rb"""\b(?:href|src)="([^"]+)"|url\(["']?([^)"']+)["']?\)""")


def references(path: str, data: bytes) -> list[str]:
    if not path.endswith((".html", ".css")):
        return []
    found = []
    for match in LINK.finditer(data):
        link = (match[1] or match[2]).decode()
        parts = urlsplit(link)
        if parts.scheme or parts.netloc or not parts.path:
            continue
        found.append(posixpath.normpath(posixpath.join(posixpath.dirname(path), unquote(parts.path))))
    return found


def test_packages_are_byte_identical_from_the_same_sources(quick, tmp_path):
    again = build_sample(tmp_path)
    made = sorted(p.name for p in (quick / "lms").iterdir())
    assert made == sorted(p.name for p in (again / "lms").iterdir())
    assert made == sorted([f"kkmp-cc{v}-{lang}.imscc" for v in ("11", "13") for lang in LANGUAGES]
                          + [f"kkmp-scorm12-{lang}.zip" for lang in LANGUAGES])
    for name in made:
        assert (quick / "lms" / name).read_bytes() == (again / "lms" / name).read_bytes(), name
    for info in zipfile.ZipFile(quick / "lms" / made[0]).infolist():
        assert info.date_time == (1980, 1, 1, 0, 0, 0)


def test_packages_carry_the_lessons_handouts(sample_output):
    files = package(sample_output, "en")
    for code in LESSONS:
        handout = f"handouts/kkmp-{code.lower()}-en.pdf"
        assert files[handout] == (sample_output / "site/en" / handout).read_bytes()
        assert f'href="../{handout}"'.encode() in files[f"lessons/{code.lower()}.html"]
    assert files["worksheets/kkmp-lk-01-en.pdf"].startswith(b"%PDF")


# --- the runtime ------------------------------------------------------------------------

HARNESS = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>LMS</title>
<script src="scorm12.min.js"></script>
<script>
  window.calls = [];
  window.API = new Scorm12API({logLevel: 5});
  for (const name of ["LMSInitialize", "LMSCommit", "LMSFinish"]) {
    window.API.on(name, () => window.calls.push([name]));
  }
  window.API.on("LMSSetValue.cmi.*", (element, value) => window.calls.push(["LMSSetValue", element, value]));
</script></head>
<body><iframe id="sco" title="lesson" style="width:1200px;height:900px" src="PACKAGE/lessons/LESSON.html"></iframe></body></html>
"""


@pytest.fixture(scope="module")
def runtime(quick, tmp_path_factory):
    require_chromium()
    require(SCORM_AGAIN.is_file(), "scorm-again", "npm ci --prefix tests/node")
    from playwright.sync_api import sync_playwright

    root = tmp_path_factory.mktemp("lms") / "lms"
    for name, data in package(quick, "en").items():
        (root / "package" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "package" / name).write_bytes(data)
    shutil.copyfile(SCORM_AGAIN, root / "scorm12.min.js")
    server, url = serve(root)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield root, url, browser
        browser.close()
    server.shutdown()


def run_lesson(runtime, lesson: str, choose) -> tuple[list, dict]:
    """Open `lesson` inside the LMS frame, answer with `choose(item)` → option key,
    check, leave the lesson; the API calls in order, and the runtime's record."""
    root, url, browser = runtime
    (root / f"{lesson}.html").write_text(HARNESS.replace("LESSON", lesson).replace("PACKAGE", "package"),
                                         encoding="utf-8")
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url + f"{lesson}.html")
    frame = page.frame_locator("#sco")
    frame.locator("form.quiz").wait_for()
    for item in frame.locator("fieldset.quiz-item").all():
        key = choose(item.get_attribute("data-item"))
        item.locator(f"input[value='{key}']").check()
    frame.locator("form.quiz button[type=submit]").click()
    frame.locator(".quiz-result:not(:empty)").wait_for()
    result = frame.locator(".quiz-result").text_content()
    page.evaluate("document.getElementById('sco').src = 'about:blank'")  # the learner leaves the lesson
    page.wait_for_function("window.calls.some(c => c[0] === 'LMSFinish')")
    calls = page.evaluate("window.calls")
    record = page.evaluate("({raw: API.cmi.core.score.raw, status: API.cmi.core.lesson_status})")
    page.close()
    assert errors == []
    return calls, {**record, "result": result}


def answers(lesson: str) -> dict[str, str]:
    """The answer key, from the sources (the package itself has only sealed answers)."""
    source = next(REPO.glob(f"modules/*/{lesson.lower()}.yaml"))
    items = yaml.safe_load(source.read_text(encoding="utf-8"))["assessment"]
    return {item["code"]: item["answer"] for item in items if item["type"] == "multiple_choice"}


def test_a_lesson_passed_reports_full_score_to_the_lms(runtime):
    key = answers("KOAL-01")
    calls, record = run_lesson(runtime, "koal-01", lambda item: key[item])
    names = [c[0] for c in calls]
    assert names[0] == "LMSInitialize" and names[-1] == "LMSFinish"
    assert ["LMSSetValue", "cmi.core.score.raw", "100"] in calls
    assert ["LMSSetValue", "cmi.core.lesson_status", "passed"] in calls
    scored = calls.index(["LMSSetValue", "cmi.core.score.raw", "100"])
    assert "LMSCommit" in names[scored:] and names.count("LMSFinish") == 1
    assert record["raw"] == "100" and record["status"] == "passed"
    assert "100" in record["result"]


def test_a_lesson_failed_reports_its_score(runtime):
    key = answers("KOAL-02")
    first = sorted(key)[0]
    wrong = {"a": "b"}.get(key[first], "a")
    calls, record = run_lesson(runtime, "koal-02", lambda item: wrong if item == first else key[item])
    expected = str(round(100 * (len(key) - 1) / len(key)))
    assert ["LMSSetValue", "cmi.core.score.raw", expected] in calls
    status = "passed" if int(expected) >= 70 else "failed"
    assert record == {"raw": expected, "status": status, "result": record["result"]}
    assert [c[0] for c in calls][-1] == "LMSFinish"


def test_the_package_holds_no_answer_key_in_plain_text(quick):
    for lang in LANGUAGES:
        for code in LESSONS:
            html = package(quick, lang)[f"lessons/{code.lower()}.html"].decode("utf-8")
            assert "data-answer" not in html and "rationale" not in html
            for item in answers(code):
                assert re.search(rf'data-item="{item}" data-sealed="[0-9a-f]{{64}}"', html), (code, item)


@pytest.mark.parametrize("width", [390, 1366])
def test_screenshot_of_a_lesson_in_the_lms_frame(runtime, width, tmp_path_factory):
    root, url, browser = runtime
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(url + "package/lessons/koal-01.html")  # on its own, as a learner may open it offline
    folder = tmp_path_factory.mktemp("shots")
    page.screenshot(path=str(folder / f"scorm-koal-01-{width}-top.png"))
    page.locator("fieldset.quiz-item input[value='a']").first.check()
    page.locator("form.quiz button[type=submit]").click()
    page.locator(".quiz-result:not(:empty)").scroll_into_view_if_needed()
    page.locator("form.quiz").scroll_into_view_if_needed()
    shot = folder / f"scorm-koal-01-{width}-quiz.png"
    page.screenshot(path=str(shot))
    assert "0 out of 100" in page.locator(".quiz-result").text_content()
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    page.close()
    assert overflow <= 0, f"the lesson scrolls sideways by {overflow}px at {width}px"
    print(shot)


def test_lesson_pages_pass_the_nu_checker_and_axe(runtime):
    require_java()
    require_node_tools()
    root, url, browser = runtime
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html",
                             str(root / "package" / "lessons")], capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    assert [(m.get("url", "").rsplit("/", 1)[-1], m.get("lastLine"), m["message"]) for m in messages] == []
    page, found = browser.new_page(), {}
    for code in LESSONS:
        page.goto(url + f"package/lessons/{code.lower()}.html")
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
        violations = page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
            ".map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)")
        if violations:
            found[code] = violations
    page.close()
    assert found == {}


def test_a_lesson_without_a_quiz_is_completed_when_opened(runtime, project):
    """A lesson whose only item is reflective has nothing to score: opening it completes it."""
    lesson = "modules/m1/les-1.yaml"
    text = (project.root / lesson).read_text(encoding="utf-8")
    start = text.index("  - code: Q1")
    (project.root / lesson).write_text(text[:start] + (
        "  - code: Q1\n    type: reflective\n"
        '    prompt: {id: "Apa yang Anda pelajari?", en: "What did you learn?"}\n'
        "    rubric:\n      - {level: 1, text: {id: Ada, en: Some}}\n      - {level: 2, text: {id: Baik, en: Good}}\n"),
        encoding="utf-8")
    output = project.build(pdf=False)
    root, url, browser = runtime
    for name, data in unpack((output / "lms" / "test-scorm12-en.zip").read_bytes()).items():
        (root / "reading" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "reading" / name).write_bytes(data)
    (root / "reading.html").write_text(HARNESS.replace("LESSON", "les-1").replace("PACKAGE", "reading"),
                                       encoding="utf-8")
    page = browser.new_page()
    page.goto(url + "reading.html")
    page.frame_locator("#sco").locator("text=What did you learn?").wait_for()
    page.wait_for_function("window.calls.some(c => c[0] === 'LMSCommit')")
    page.evaluate("document.getElementById('sco').src = 'about:blank'")
    page.wait_for_function("window.calls.some(c => c[0] === 'LMSFinish')")
    calls = page.evaluate("window.calls")
    page.close()
    assert calls == [["LMSInitialize"], ["LMSSetValue", "cmi.core.lesson_status", "completed"], ["LMSCommit"],
                     ["LMSFinish"]]
    manifest = unpack((output / "lms" / "test-scorm12-en.zip").read_bytes())["imsmanifest.xml"]
    assert b"masteryscore" not in manifest


def test_after_an_edit_the_packages_reuse_the_cached_fonts_and_match_a_clean_build(project, tmp_path, monkeypatch):
    """An edit re-makes the packages without subsetting a font or drawing an icon again
    (they come from the LMS output's cache, seconds of work otherwise), and the packages
    are byte-identical to those of a clean build of the edited sources."""
    from conftest import MINIMAL
    from coursesmith.outputs.site import fonts, icons

    options = dict(project=project.root, pdf=False, jobs=1)
    build(BuildOptions(output=project.root / "output", cache=project.root / ".cache", **options))
    lesson = MINIMAL["modules/m1/les-1.yaml"]
    project.write("modules/m1/les-1.yaml", lesson.replace("Section **body**.", "Section **body**, edited."))

    def refused(*_):
        raise AssertionError("made afresh although the cache holds it")

    fonts._subset.cache_clear()  # what this process made for the first build is forgotten
    monkeypatch.setattr(fonts, "_subset", refused)
    monkeypatch.setattr(icons, "_rasterise", refused)
    edited = build(BuildOptions(output=project.root / "output", cache=project.root / ".cache", **options))
    monkeypatch.undo()
    clean = build(BuildOptions(output=tmp_path / "clean", cache=None, **options))
    packages = sorted(path for path, made in edited.made.items() if made.kind == "package")
    assert packages and packages == sorted(path for path, made in clean.made.items() if made.kind == "package")
    for path in packages:
        assert (project.root / "output" / path).read_bytes() == (tmp_path / "clean" / path).read_bytes(), path
    english = next(path for path in packages if path.endswith("scorm12-en.zip"))
    assert b"edited" in unpack((project.root / "output" / english).read_bytes())["lessons/les-1.html"]
