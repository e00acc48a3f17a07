"""The course website of the sample course, checked by real tools: every link resolves
from disk and under a sub-path, axe-core finds no violation in Chromium, the Nu HTML
Checker finds no error, search finds lessons, and a reader can walk the course."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pypdfium2 as pdfium
import pytest

from site_tools import (AXE, VNU, require_java,
                        require_node_tools, serve)


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        for name in ("href", "src"):
            if attributes.get(name) and not (tag == "link" and attributes.get("rel") in ("canonical", "alternate")):
                self.links.append(attributes[name])


def parse(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def site(sample_output) -> Path:
    return sample_output / "site"


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_is_there(site):
    for lang in ("id", "en"):
        for name in ("index.html", "schedule.html", "downloads.html", "glossary.html", "references.html",
                     "search.html", "lessons/koal-01.html", "cases/case-tangsel-2018.html"):
            assert (site / lang / name).is_file(), f"{lang}/{name}"
    assert (site / "404.html").is_file() and (site / "index.html").is_file()
    assert (site / "pagefind" / "pagefind-ui.js").is_file()


def test_every_internal_link_and_anchor_resolves(site):
    parsed = {path: parse(path) for path in pages(site)}
    broken = []
    for path, found in parsed.items():
        if path.name == "404.html":
            continue  # served at any depth: it links home by absolute address when it can
        for link in found.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith("mailto:"):
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if not target.is_relative_to(site.resolve()) or not target.exists():
                broken.append(f"{path.relative_to(site)} → {link}")
            elif parts.fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else parse(target).ids
                if parts.fragment not in ids:
                    broken.append(f"{path.relative_to(site)} → {link} (no such anchor)")
    assert broken == []


def test_links_are_relative_and_pages_carry_no_facilitator_paths(site):
    for path in pages(site):
        for link in parse(path).links:
            if path.name == "404.html" and link == "/":
                continue  # without JavaScript, the 404 page's way out is the server's root
            assert not link.startswith("/"), (path, link)
            assert "facilitator/" not in link, (path, link)


def test_downloads_list_every_participant_pdf_with_pages_and_size(site):
    words = {"en": ("page", "pages"), "id": ("halaman", "halaman")}
    for lang, (one, many) in words.items():
        html = (site / lang / "downloads.html").read_text(encoding="utf-8")
        pdfs = sorted((site / lang).rglob("*.pdf"))
        assert pdfs, lang
        for pdf in pdfs:
            href = pdf.relative_to(site / lang).as_posix()
            row = re.search(r'<tr>\s*<td><a href="' + re.escape(href) + r'">.*?</tr>', html, re.S)
            assert row, (lang, pdf.name)
            cells = re.findall(r'<td class="num">(.*?)</td>', row.group(0))
            assert len(cells) == 2, (lang, pdf.name, row.group(0))
            document = pdfium.PdfDocument(pdf)
            count = len(document)
            document.close()
            assert cells[0] == f"{count} {one if count == 1 else many}", (lang, pdf.name, cells[0])
            assert re.fullmatch(r"\d+ KB|\d+[.,]\d MB", cells[1]), (lang, pdf.name, cells[1])


def test_html_has_no_errors_in_the_nu_checker(site):
    require_java()
    require_node_tools()
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html",
                             str(site)], capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    assert [(m.get("url", "").split("/site/")[-1], m.get("lastLine"), m["message"]) for m in messages] == []
    assert result.returncode == 0


@pytest.fixture(scope="module")
def served(site, tmp_path_factory):
    """The site served under a sub-path (/course/), as GitHub Pages serves a project."""
    root = tmp_path_factory.mktemp("served") / "course"
    shutil.copytree(site, root)
    server, url = serve(root)
    yield url
    server.shutdown()


def test_axe_finds_no_violations_on_any_page(site, served, browser):
    require_node_tools()
    axe = AXE.read_text(encoding="utf-8")
    page = browser.new_page()
    found = {}
    for path in pages(site):
        relative = path.relative_to(site).as_posix()
        page.goto(served + relative)
        if relative.endswith("search.html"):
            page.wait_for_selector(".pagefind-ui__search-input")
        page.add_script_tag(content=axe)
        violations = page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
            ".map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)")
        if violations:
            found[relative] = violations
    page.close()
    assert found == {}


def test_a_reader_walks_the_course_and_finds_a_lesson_by_search(served, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(served + "index.html")
    page.get_by_role("link", name="Bahasa Indonesia").click()
    assert page.locator("h1").inner_text() == "Membangun Koalisi dan Mengelola Perubahan"
    page.get_by_role("link", name="KOAL-01 Memahami Pemangku Kepentingan dan Koalisi").click()
    assert "KOAL-01" in page.title()
    page.locator("a[rel=next]").click()
    assert page.locator(".lesson-title").inner_text() == "Memetakan Pemangku Kepentingan"
    page.locator(".language-switch").get_by_role("link", name="English").click()
    assert page.locator(".lesson-title").inner_text() == "Mapping Stakeholders"
    assert page.url.endswith("/course/en/lessons/koal-02.html")
    page.locator(".site-nav").get_by_role("link", name="Search").click()
    page.locator(".pagefind-ui__search-input").fill("salience")
    page.wait_for_selector(".pagefind-ui__result-link")
    results = page.locator(".pagefind-ui__result-link").all_inner_texts()
    assert any("Mapping Stakeholders" in title for title in results), results
    page.locator(".pagefind-ui__result-link", has_text="Mapping Stakeholders").first.click()
    assert page.url.split("#")[0].endswith("/course/en/lessons/koal-02.html")
    page.close()


def test_search_stays_in_the_page_language(served, browser):
    page = browser.new_page()
    page.goto(served + "id/search.html")
    page.locator(".pagefind-ui__search-input").fill("pemangku")
    page.wait_for_selector(".pagefind-ui__result-link")
    links = page.locator(".pagefind-ui__result-link").evaluate_all("els => els.map(e => e.href)")
    assert links and all("/course/id/" in link for link in links), links
    page.close()


def test_search_works_from_disk(site, browser, tmp_path):
    """As from a USB stick: the site copied to a folder and opened as files."""
    stick = tmp_path / "USB STICK" / "kursus"
    shutil.copytree(site, stick)
    page = browser.new_page()
    page.goto((stick / "en" / "index.html").as_uri())
    page.locator(".site-nav").get_by_role("link", name="Search").click()
    assert page.url.startswith("file://")
    page.get_by_label("Search the course materials").fill("salience")
    page.wait_for_selector(".offline-result-link")
    assert "pages found" in page.locator(".offline-status").inner_text()
    results = page.locator(".offline-result-link").all_inner_texts()
    assert any("Mapping Stakeholders" in title for title in results), results
    assert page.locator(".offline-results mark").first.inner_text().lower() == "salience"
    page.locator(".offline-result-link", has_text="Mapping Stakeholders").first.click()
    assert page.url == (stick / "en" / "lessons" / "koal-02.html").as_uri()
    page.goto((stick / "id" / "search.html").as_uri())
    page.get_by_label("Cari di materi kursus").fill("pemangku kepentingan")
    page.wait_for_selector(".offline-result-link")
    links = page.locator(".offline-result-link").evaluate_all("els => els.map(e => e.href)")
    assert links and all("/kursus/id/" in link for link in links), links
    page.get_by_label("Cari di materi kursus").fill("zzzxq")
    page.wait_for_function("document.querySelector('.offline-status').textContent.startsWith('0 ')")
    assert page.locator(".offline-result-link").count() == 0
    page.close()


def test_pages_read_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((site / "en" / "lessons" / "koal-03.html").as_uri())
    assert page.locator(".lesson-title").is_visible()
    assert page.locator("a", has_text="Download the handout (PDF)").is_visible()
    context.close()


SCREENSHOTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}


@pytest.mark.parametrize("device", SCREENSHOTS)
def test_screenshots_at_phone_and_desktop_width(site, served, browser, device, tmp_path_factory):
    """Screenshots for people to look at (kept in pytest's temporary folder), and a check
    that nothing makes the page wider than the screen."""
    folder = tmp_path_factory.mktemp("screenshots")
    page = browser.new_page(viewport=SCREENSHOTS[device])
    for name in ("en/index.html", "id/lessons/koal-02.html", "en/cases/case-tangsel-2018.html", "en/schedule.html"):
        page.goto(served + name)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= SCREENSHOTS[device]["width"], (name, width)
        shot = folder / f"{device}-{name.replace('/', '-')}.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000
    page.close()
