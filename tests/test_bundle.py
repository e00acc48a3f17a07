"""The offline bundle (output/offline/<course>-offline-<lang>.zip): one language's site,
PDFs and slides that work unzipped and opened from disk. Every link of every page
resolves to a file inside the bundle; in Chromium, from file://, the nav leads to a
lesson, search finds it, a deck opens and advances, and nothing is fetched from outside."""

from __future__ import annotations

import posixpath
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pypdf
import pytest


from test_sample import LANGUAGES, LESSONS

SEARCHED = {"id": ("pemangku", "koal-01.html"), "en": ("stakeholders", "koal-01.html")}
"""A word to search for in each language, and a lesson page it must find."""


def bundle_path(output: Path, lang: str) -> Path:
    return output / "offline" / f"kkmp-offline-{lang}.zip"


@pytest.fixture(scope="module")
def unpacked(sample_output, tmp_path_factory) -> dict[str, Path]:
    """Each language's bundle unzipped into a folder of its own; its top folder by language."""
    found = {}
    for lang in LANGUAGES:
        target = tmp_path_factory.mktemp(f"bundle-{lang}")
        with zipfile.ZipFile(bundle_path(sample_output, lang)) as archive:
            archive.extractall(target)
        found[lang] = target / f"kkmp-offline-{lang}"
    return found


class _Links(HTMLParser):
    """Every address an HTML page refers to, and the ids it defines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []  # (tag.attribute, address)
        self.ids: set[str] = set()
        self.in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_style = tag == "style"
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            elif name in ("href", "src", "poster", "data") and value:
                self.links.append((f"{tag}.{name}", value))
            elif name == "srcset" and value:
                self.links += [(f"{tag}.srcset", part.split()[0]) for part in value.split(",") if part.strip()]
            elif name == "style" and value:
                self.links += [(f"{tag}.style", url) for url in css_urls(value)]

    def handle_endtag(self, tag: str) -> None:
        self.in_style = False

    def handle_data(self, data: str) -> None:
        if self.in_style:
            self.links += [("style", url) for url in css_urls(data)]


def css_urls(text: str) -> list[str]:
    return [match[1] or match[2] for match in re.finditer(r"""url\(\s*(?:"([^"]*)"|'?([^)'"\s]*)'?)\s*\)""", text)]


WEB = ("http", "https", "mailto")


def broken_links(folder: Path) -> list[str]:
    """Each reference in the bundle's pages and stylesheets that does not resolve to a file
    inside `folder` (or, for a fragment, to an id in its page), as `file: tag.attr address`.
    Links to web addresses may only be links to follow, never something a page loads."""
    files = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    pages = {path: _parsed(folder / path) for path in files if path.endswith(".html")}
    broken = []
    for path in sorted(files):
        if path.endswith(".html"):
            refs = pages[path].links
        elif path.endswith(".css"):
            refs = [("css", url) for url in css_urls((folder / path).read_text(encoding="utf-8"))]
        else:
            continue
        for where, address in refs:
            if not _resolves(path, where, address, files, pages):
                broken.append(f"{path}: {where} {address}")
    return broken


def _parsed(page: Path) -> _Links:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def _resolves(path: str, where: str, address: str, files: set[str], pages: dict[str, _Links]) -> bool:
    parts = urlsplit(address)
    if parts.scheme == "data":
        return True
    if parts.scheme or parts.netloc:  # a web address: to follow (a, canonical), never to load
        return parts.scheme in WEB and where in ("a.href", "link.href")
    if address.startswith("/"):
        return False  # from disk, / is the root of the drive
    target = posixpath.normpath(posixpath.join(posixpath.dirname(path), unquote(parts.path))) if parts.path else path
    if target.startswith("../") or target not in files:
        return False
    fragment = unquote(parts.fragment)
    return not fragment or fragment.startswith("/") or target not in pages or fragment in pages[target].ids


def test_each_language_has_its_bundle_with_a_fixed_layout(sample_output):
    assert sorted(p.name for p in (sample_output / "offline").iterdir()) == \
        sorted(f"kkmp-offline-{lang}.zip" for lang in LANGUAGES)
    for lang in LANGUAGES:
        other = next(code for code in LANGUAGES if code != lang)
        with zipfile.ZipFile(bundle_path(sample_output, lang)) as archive:
            infos = archive.infolist()
        names = [info.filename for info in infos]
        top = f"kkmp-offline-{lang}/"
        assert names == sorted(names) and all(name.startswith(top) for name in names)
        assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}
        inside = [name.removeprefix(top) for name in names]
        assert "index.html" in inside and f"{lang}/search-index.js" in inside
        assert {name.split("/")[0] for name in inside} == {"index.html", "assets", lang}
        assert not [name for name in inside if "pagefind" in name or name.startswith(other)]


def test_the_bundle_holds_the_sites_pdfs_and_slides_of_its_language(sample_output, unpacked):
    for lang, folder in unpacked.items():
        site = sample_output / "site"
        made = sorted(p.relative_to(site).as_posix() for p in (site / lang).rglob("*.pdf"))
        assert len(made) > 20
        assert made == sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.pdf"))
        for path in made:
            assert (folder / path).read_bytes() == (site / path).read_bytes(), path
        assert len(pypdf.PdfReader(folder / made[0]).pages) > 0
        for lesson in LESSONS:
            deck = f"{lang}/slides/{lesson}.html"
            assert (folder / deck).read_bytes() == (site / deck).read_bytes()


def test_every_link_in_the_bundle_resolves_inside_it(unpacked):
    for folder in unpacked.values():
        pages = list(folder.rglob("*.html"))
        assert len(pages) > 15
        assert broken_links(folder) == []


def test_the_link_check_finds_links_that_leave_the_bundle(unpacked, tmp_path):
    """The check can fail: an absolute link, a link to the other language's pages, a
    missing file, a picture from the web and a fragment with no target are each found."""
    source = unpacked["en"]
    planted = {
        "en/lessons/koal-01.html": '<a href="/en/index.html">root</a>',
        "en/glossary.html": '<a href="../id/glossary.html">id</a>',
        "en/references.html": '<img src="https://example.org/x.png" alt="">',
        "en/index.html": '<a href="lessons/koal-01.html#no-such-id">x</a><a href="missing.pdf">y</a>',
        "assets/site.css": "body { background: url(../../outside.png); }",
    }
    copy = tmp_path / "copy"
    for path in source.rglob("*"):
        if path.is_file():
            target = copy / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    for path, text in planted.items():
        old = (copy / path).read_text(encoding="utf-8")
        (copy / path).write_text(old.replace("</body>", text + "</body>") if path.endswith(".html") else old + text,
                                 encoding="utf-8")
    found = broken_links(copy)
    for expected in ("/en/index.html", "../id/glossary.html", "https://example.org/x.png",
                     "lessons/koal-01.html#no-such-id", "missing.pdf", "../../outside.png"):
        assert any(line.endswith(expected) for line in found), (expected, found)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_bundle_works_opened_from_disk(unpacked, browser, lang):
    """Double-click index.html: the nav leads to a lesson, search finds it, its deck
    opens and → moves to the next slide; nothing is fetched outside the bundle and
    nothing fails to load."""
    folder = unpacked[lang]
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    outside, failed, errors = [], [], []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith((folder.as_uri(), "data:")) else None)
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((folder / "index.html").as_uri())
    page.click(".chooser-list a")
    assert page.url == (folder / lang / "index.html").as_uri()
    link = page.locator('main a[href="lessons/koal-02.html"]').first
    title = link.inner_text().replace("KOAL-02", "").strip()
    link.click()
    assert page.url.endswith(f"/{lang}/lessons/koal-02.html")
    assert page.inner_text("h1") == title

    word, lesson = SEARCHED[lang]
    page.click("nav.site-nav a[href$='search.html']")
    page.wait_for_selector("#offline-search:not([hidden])")
    page.fill("#offline-query", word)
    page.wait_for_selector(".offline-results li")
    links = page.eval_on_selector_all(".offline-result-link", "links => links.map(a => a.getAttribute('href'))")
    target = next(link for link in links if link.endswith(lesson))
    page.click(f'.offline-result-link[href="{target}"]')
    assert page.url.endswith(f"/{lang}/lessons/{lesson}")

    page.click("p.slides-links a[href*='slides/']")
    assert page.url.startswith((folder / lang / "slides" / lesson).as_uri())
    page.wait_for_function("window.Reveal && Reveal.isReady()", timeout=20000)
    assert page.evaluate("Reveal.getIndices().h") == 0
    page.keyboard.press("ArrowRight")
    page.wait_for_function("Reveal.getIndices().h === 1", timeout=5000)
    assert page.evaluate("document.fonts.check('16px \"Coursesmith Sans\"')")
    page.close()
    assert (outside, failed, errors) == ([], [], [])


def test_bundles_are_byte_identical_from_the_same_sources(sample_output, sample_rebuilt):
    """A second build of the same project, every PDF laid out again, makes the same zips."""
    for lang in LANGUAGES:
        assert bundle_path(sample_rebuilt, lang).read_bytes() == bundle_path(sample_output, lang).read_bytes()
