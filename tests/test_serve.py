"""`coursesmith serve` driven as an editor drives it: save, rename, break, fix, delete,
add, on a scratch copy of the sample course; the served pages and the reload events
are read over HTTP on 127.0.0.1."""
from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

from conftest import MINIMAL, ScratchProject
from serving import Served, atomic_save, check_output, processes_marked, sample_project, shown_problems
from site_tools import CHROMIUM, CHROMIUM_FLAGS, require_chromium

LESSON = "modules/koalisi/koal-01.yaml"
PAGE = "id/lessons/koal-01.html"
OTHER_PAGE = "id/lessons/koal-02.html"
WORD = "Memahami Pemangku Kepentingan"  # in KOAL-01's Indonesian title
BODY = "menyentuh banyak pihak"  # in KOAL-01's first section, shown on its own pages only


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return sample_project(tmp_path / "course-project")


@pytest.fixture
def served(project: Path):
    server = Served(project, "--no-pdf", cwd=project.parent)
    try:
        yield server
    finally:
        server.stop()


def edit(project: Path, old: str, new: str, name: str = LESSON) -> None:
    path = project / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    atomic_save(path, text.replace(old, new, 1))


def test_a_save_reloads_the_page_that_shows_it(served: Served, project: Path):
    before_other = served.page(OTHER_PAGE)
    edit(project, BODY, "menyentuh sangat banyak pihak")
    change = served.change()
    assert sorted(change["changed"]) == [f"facilitator/{PAGE}", PAGE] and not change["all"]
    page = served.page(PAGE)
    assert "menyentuh sangat banyak pihak" in page
    assert 'new EventSource("/_serve/events")' in page and '"id/lessons/koal-01.html"' in page
    unversioned = lambda page: re.sub(r"version = \d+", "", page)  # noqa: E731
    assert unversioned(served.page(OTHER_PAGE)) == unversioned(before_other)
    assert not (project / "output").exists()  # the preview writes no output of its own
    assert re.search(r"1 loaded, \d+ rendered, 2 changed", "\n".join(served.log))


def test_problems_over_the_page_are_what_check_prints(served: Served, project: Path):
    good = served.page(PAGE)
    assert shown_problems(good) is None
    edit(project, "bloom: C2", "bloom: C7")  # a bad value
    edit(project, "kind: glossary", "kind: glossary\nterms: [", name="course/glossary.yaml")  # a syntax error
    deadline = time.monotonic() + 30
    while (shown := shown_problems(served.page(PAGE))) is None or "glossary.yaml" not in shown:
        served.change(timeout=max(0.1, deadline - time.monotonic()))
    assert shown == check_output(project, cwd=project.parent)
    assert "error bad-value" in shown and "hint:" in shown
    page = served.page(PAGE)
    assert WORD in page and "last good version" in page  # the last good page stays under the problems
    assert shown_problems(served.page("en/index.html")) == shown  # on every page

    edit(project, "bloom: C7", "bloom: C2")
    edit(project, "kind: glossary\nterms: [", "kind: glossary", name="course/glossary.yaml")
    while shown_problems(served.page(PAGE)) is not None:
        served.change(timeout=max(0.1, deadline - time.monotonic()))
    assert served.page(PAGE).count(WORD) == good.count(WORD)


def test_survives_what_editors_do(served: Served, project: Path):
    lesson = project / LESSON
    text = lesson.read_text(encoding="utf-8")

    lesson.write_text(text[: len(text) // 2], encoding="utf-8")  # a save caught half-way
    served.change()
    assert shown_problems(served.page(PAGE)) is not None
    lesson.write_text(text, encoding="utf-8")
    wait_until_clean(served)

    renamed = lesson.with_name("koal-01-renamed.yaml")  # the same lesson under a new file name
    os.rename(lesson, renamed)
    wait_until_clean(served)
    assert WORD in served.page(PAGE)

    renamed.unlink()  # a deleted lesson: the module still lists it
    served.change()
    shown = shown_problems(served.page(OTHER_PAGE))
    assert shown is not None and "KOAL-01" in shown
    assert shown == check_output(project, cwd=project.parent)
    atomic_save(lesson, text)
    wait_until_clean(served)

    own = project / "templates" / "site"  # a new template, then an edit of it
    own.mkdir(parents=True)
    default = (Path(__file__).resolve().parent.parent / "templates" / "site" / "lesson.html").read_text()
    atomic_save(own / "lesson.html", default.replace("{% block main %}", "{% block main %}<p>OWN TEMPLATE</p>", 1))
    wait_for_text(served, PAGE, "OWN TEMPLATE")
    atomic_save(own / "lesson.html", default.replace("{% block main %}", "{% block main %}{% if %}"))
    served.change()
    shown = shown_problems(served.page(PAGE))
    assert shown is not None and "template-error" in shown and "OWN TEMPLATE" in served.page(PAGE)
    (own / "lesson.html").unlink()
    wait_until_clean(served)
    assert "OWN TEMPLATE" not in served.page(PAGE)

    edit(project, "Membangun Koalisi dan Mengelola Perubahan", "Koalisi untuk Perubahan",
         name="course/course.yaml")  # the course's title is on every page
    change = served.change()
    assert PAGE in change["changed"] and OTHER_PAGE in change["changed"] and "id/index.html" in change["changed"]
    assert "Koalisi untuk Perubahan" in served.page(OTHER_PAGE)
    assert served.process.poll() is None


def test_a_new_lesson_gets_its_page(served: Served, project: Path):
    status, _, missing = served.get("id/lessons/koal-09.html")
    assert status == 404 and b'var page = "id/lessons/koal-09.html"' in missing  # reloads once it exists
    module = project / "modules" / "koalisi" / "module.yaml"
    text = module.read_text(encoding="utf-8")
    lesson = (project / LESSON).read_text(encoding="utf-8")
    new = lesson.replace("KOAL-01", "KOAL-09").replace("LK-01", "LK-09").replace(WORD, "Pelajaran Baru")
    atomic_save(project / "modules" / "koalisi" / "koal-09.yaml", new)
    served.change()  # a lesson no module lists yet: a warning, the old pages stay
    assert "KOAL-01, " in text
    atomic_save(module, text.replace("KOAL-01, ", "KOAL-01, KOAL-09, ", 1))
    edit(project, "      - lesson: KOAL-01\n", "      - lesson: KOAL-01\n      - lesson: KOAL-09\n",
         name="course/course.yaml")
    wait_for_text(served, "id/lessons/koal-09.html", "Pelajaran Baru")


def test_facilitator_edition_has_its_band(served: Served):
    page = served.page(f"facilitator/{PAGE}")
    assert "FACILITATOR — do not distribute" in page
    assert 'class="facilitator-note' in page
    assert "FACILITATOR — do not distribute" not in served.page(PAGE)
    assert 'class="facilitator-note' not in served.page(PAGE)


def test_paths_are_those_of_the_site(served: Served):
    assert served.get("")[0] == 200 and served.get("id/")[0] == 200
    status, kind, body = served.get("assets/site.css")
    assert status == 200 and kind.startswith("text/css") and body
    for wrong in ("../course/course.yaml", "%2e%2e/course/course.yaml", "course/course.yaml", "_serve/x"):
        assert served.get(wrong)[0] == 404


def wait_until_clean(served: Served, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while shown_problems(served.page(PAGE)) is not None:
        served.change(timeout=max(0.1, deadline - time.monotonic()))


def wait_for_text(served: Served, path: str, text: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while (answer := served.get(path))[0] != 200 or text not in answer[2].decode():
        served.change(timeout=max(0.1, deadline - time.monotonic()))


@pytest.fixture
def small_project(tmp_path: Path) -> Path:
    """The one-lesson project of the tests' scratch projects: its PDFs take seconds, not a minute."""
    scratch = ScratchProject(tmp_path / "small-project")
    for relative, text in MINIMAL.items():
        scratch.write(relative, text)
    return scratch.root


def test_pdfs_in_the_background_and_ctrl_c_leaves_nothing(small_project: Path):
    project = small_project
    served = Served(project, "--jobs", "2", cwd=project.parent)
    try:
        busy = served.next_event(lambda name, data: name == "pdf" and data["text"].startswith("rendering"), 120)
        assert re.fullmatch(r"rendering \d+ of \d+", busy["text"])
        served.next_event(lambda name, data: name == "pdf" and data["text"] == "PDF up to date", 600)
        deadline = time.monotonic() + 60
        while "belum dibuat" in (page := served.page("id/downloads.html")):  # "not built": sizes come next
            served.change(timeout=max(0.1, deadline - time.monotonic()))
        assert "PDF up to date" in page and re.search(r'<td class="num">\d+ halaman</td>', page)
        handout = re.search(r'href="(handouts/[^"]+\.pdf)"', page)[1]
        status, kind, body = served.get(f"id/{handout}")
        assert status == 200 and kind == "application/pdf" and body.startswith(b"%PDF")
        band = served.page("facilitator/id/lessons/les-1.html")
        assert re.search(r'href="/facilitator/id/[^"]+-facilitator-id\.pdf"', band)

        edit(project, "Sesi satu", "Sesi pertama", name="modules/m1/les-1.yaml")  # a save starts the next build
        served.next_event(lambda name, data: name == "pdf" and data["busy"], 60)
        deadline = time.monotonic() + 30
        while len(processes_marked(served.mark)) < 3 and time.monotonic() < deadline:
            time.sleep(0.02)  # the server, its builder, then the builder's workers
        assert len(processes_marked(served.mark)) > 2
        assert served.stop() == 0
        assert processes_marked(served.mark) == []
        leftovers = list((project / ".coursesmith" / "serve").glob(".output.*"))
        assert leftovers == []
    finally:
        served.kill_leftovers()


def test_the_browser_reloads_by_itself_and_shows_problems(served: Served, project: Path):
    """In Chromium: the page open in the browser follows the saves, with no action."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page()
            page.goto(served.url + PAGE)
            page.wait_for_function("document.readyState === 'complete'")
            time.sleep(0.5)  # the event stream opens after the page has loaded
            edit(project, BODY, "menyentuh sangat banyak pihak")
            page.wait_for_function("document.body.innerText.includes('menyentuh sangat banyak pihak')",
                                   timeout=30_000)
            edit(project, "bloom: C2", "bloom: C7")
            page.wait_for_selector("#cs-serve-problems[open]", timeout=30_000)
            assert "error bad-value" in page.locator("#cs-serve-problems pre").inner_text()
            assert page.locator(".lesson-title").is_visible()  # the last good page, under the problems
            edit(project, "bloom: C7", "bloom: C2")
            page.wait_for_selector("#cs-serve-problems", state="detached", timeout=30_000)
            page.screenshot(path=str(project.parent / "served.png"))
        finally:
            browser.close()


def test_answers_only_to_localhost_names(served: Served):
    """A page elsewhere that points its own name at 127.0.0.1 (DNS rebinding) reads nothing."""
    import http.client

    host, port = served.url.split("//")[1].rstrip("/").split(":")
    for name, status in ((f"evil.example:{port}", 403), (f"localhost:{port}", 200), (f"127.0.0.1:{port}", 200)):
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        connection.request("GET", f"/facilitator/{PAGE}", headers={"Host": name})
        answer = connection.getresponse()
        assert answer.status == status, name
        assert (b"do not distribute" in answer.read()) == (status == 200)
        connection.close()
