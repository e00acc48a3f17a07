"""What a communications office expects of a published course site: figures drawn
inline in the site's fonts (and never an author's script), tables that fit a phone or
show that they scroll, an in-page contents, icons from the logo, sharing cards, a 404
that works at any depth, small WOFF2 fonts and a footer in plain words."""

from __future__ import annotations

import io
import re
import shutil
import struct
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from conftest import MINIMAL, REPO
from coursesmith.diagnostics import BuildFailed
from coursesmith.render.svg import svg_for_site
from coursesmith.outputs.site.fonts import characters, woff2_subset
from coursesmith.pipeline import build
from coursesmith.stages import BuildOptions
from site_tools import serve_pages
from test_svg import HOSTILE


class Head(HTMLParser):
    """The meta and link tags of a page, and its text (for the font check)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.links: dict[str, list[str]] = {}
        self.text: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and ("property" in a or "name" in a):
            self.meta[a.get("property") or a["name"]] = a.get("content", "")
        if tag == "link":
            self.links.setdefault(a.get("rel", ""), []).append(a.get("href", ""))
        self.skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self.skip -= tag in ("script", "style")

    def handle_data(self, data):
        if not self.skip:
            self.text.append(data)


def head(path: Path) -> Head:
    parser = Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The sample course's site (without PDFs: nothing here looks at them)."""
    root = tmp_path_factory.mktemp("sample-site")
    for name in ("course", "modules"):
        shutil.copytree(REPO / name, root / name)
    build(BuildOptions(project=root, output=root / "output", pdf=False))
    return root / "output" / "site"


# --- figures ---------------------------------------------------------------------


def test_the_grid_figure_is_drawn_inline_named_by_its_alt_text_and_links_to_full_size(site):
    html = (site / "en/lessons/koal-02.html").read_text(encoding="utf-8")
    assert not re.search(r'<img [^>]*src="[^"]+\.svg"', html.split("<main", 1)[1])
    figure = re.search(r'<a class="figure" href="([^"]+)"><svg [^>]*role="img" aria-labelledby="(figure-1-title)"'
                       r'.*?<title id="figure-1-title">([^<]+)</title>', html, re.DOTALL)
    assert figure, "no inline figure"
    assert figure[1] == "../../assets/modules/koalisi/img/power-interest-grid-en.svg"
    assert figure[3].startswith("Power/interest grid: a vertical power axis")
    assert (site / "en/lessons" / figure[1]).resolve().is_file()
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids))


def figure_project(project, svg: str, base_url: str | None = None):
    """A scratch project whose logo and two figures are the SVG `svg` (not yet built)."""
    project.write("modules/m1/img/hostile.svg", svg)
    project.write("course/assets/logo.svg", svg)
    course = MINIMAL["course/course.yaml"].replace(
        "name: {id: Lembaga Uji, en: Test Institute}", "name: {id: Lembaga Uji, en: Test Institute}\n          logo: assets/logo.svg")
    if base_url:
        course = course.replace("languages: [id, en]", f"languages: [id, en]\n        base_url: {base_url}")
    project.write("course/course.yaml", course)
    body = 'body: {id: "Gambar:\\n\\n![Gambar uji](img/hostile.svg)\\n\\n![Kedua](img/hostile.svg)", ' \
           'en: "Figure:\\n\\n![A test figure](img/hostile.svg)\\n\\n![Second](img/hostile.svg)"}'
    project.write("modules/m1/les-1.yaml", MINIMAL["modules/m1/les-1.yaml"].replace(
        'body: {id: "Isi **bagian**.", en: "Section **body**."}', body))
    return project


# A drawing that passes the checks (the sample course's logo), for the tests that need
# a project with a logo and figures that builds.
CLEAN = (REPO / "course/assets/logo.svg").read_text(encoding="utf-8")


def clean_project(project, base_url: str | None = None):
    return figure_project(project, CLEAN, base_url).build(pdf=False)


def assert_harmless(text: str) -> None:
    assert "alert" not in text and "evil.example" not in text and "javascript:" not in text
    assert "file:///" not in text and "x.htc" not in text
    assert "<script" not in text and "foreignObject" not in text and "<iframe" not in text
    assert not re.search(r"<\w+\b[^>]*\son\w+=", text)


def test_a_hostile_svg_never_reaches_the_site_as_it_was(project, tmp_path):
    # The checks refuse it, so the build stops before anything is published ...
    figure_project(project, HOSTILE)
    with pytest.raises(BuildFailed) as failed:
        project.build(pdf=False)
    refused = [p for p in failed.value.problems.items if p.code == "svg-unsafe"]
    assert {p.location.path.name for p in refused} == {"hostile.svg", "logo.svg"}
    site = project.root / "output" / "site"
    assert not (site / "assets/modules/m1/img/hostile.svg").exists()
    assert not (site / "assets/course/assets/logo.svg").exists() and not (site / "assets/favicon.svg").exists()
    assert not (site / "en/lessons/les-1.html").exists()
    # ... and the site's sanitiser, which every SVG the site shows goes through, would
    # still take out everything that runs or loads.
    path = tmp_path / "hostile.svg"
    path.write_text(HOSTILE, encoding="utf-8")
    markup = svg_for_site(path)
    assert markup.startswith("<svg ") and "Safe text" in markup
    assert_harmless(markup)
    assert not re.search(r'(?:xlink:)?href="(?!#)', markup)


def test_a_hostile_svg_runs_nothing_in_a_browser(project, browser, tmp_path):
    figure_project(project, HOSTILE)
    with pytest.raises(BuildFailed, match="errors?"):
        project.build(pdf=False)
    assert not (project.root / "output" / "site" / "assets/modules/m1/img/hostile.svg").exists()
    # What the sanitiser makes of it, inline in a page and on its own, runs nothing.
    path = tmp_path / "hostile.svg"
    path.write_text(HOSTILE, encoding="utf-8")
    cleaned = tmp_path / "cleaned.svg"
    cleaned.write_text(svg_for_site(path), encoding="utf-8")
    inline = tmp_path / "inline.html"
    inline.write_text(f'<!doctype html><html><body><a class="figure" href="cleaned.svg">{svg_for_site(path)}</a>'
                      '</body></html>', encoding="utf-8")
    context = browser.new_context()
    dialogs: list[str] = []
    requests: list[str] = []
    context.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.goto(inline.as_uri())
    page.locator("a.figure svg rect").first.click(force=True)
    page.wait_for_load_state()
    page.goto(cleaned.as_uri())
    page.wait_for_load_state()
    context.close()
    assert dialogs == []
    assert [url for url in requests if not url.startswith("file://")] == []
    # the test can fail: the file as it was does run something in the same browser
    context = browser.new_context()
    dialogs.clear()
    context.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page = context.new_page()
    page.goto(path.as_uri())
    page.wait_for_timeout(200)
    context.close()
    assert dialogs


# --- tables ----------------------------------------------------------------------


def test_tables_of_three_or_more_columns_carry_their_column_names_for_cards(site):
    html = (site / "en/lessons/koal-02.html").read_text(encoding="utf-8")
    regions = re.findall(r'<div class="(table-scroll[^"]*)" role="region" tabindex="0" aria-label="([^"]+)">'
                         r'<p class="scroll-hint" aria-hidden="true">([^<]+)</p><table(?: id="tab-[0-9-]+")?>(.*?)</table>', html, re.DOTALL)
    assert len(regions) == 4
    kind, label, hint, table = regions[2]
    assert kind == "table-scroll table-cards" and label == "Table, scrolls sideways (3)"
    assert hint == "Scroll the table sideways to see every column."
    headers = re.findall(r"<th scope=\"col\">(.*?)</th>", table)
    first_row = re.search(r"<tbody>\s*<tr>(.*?)</tr>", table, re.DOTALL)[1]
    assert re.findall(r'<td data-label="([^"]*)"', first_row) == headers
    assert "min-width: 32rem" not in (site / "assets/site.css").read_text(encoding="utf-8")


# --- contents, footer ------------------------------------------------------------


def test_a_long_lesson_has_contents_linking_each_of_its_parts(site):
    html = (site / "id/lessons/koal-02.html").read_text(encoding="utf-8")
    article = html[html.index("<article"):html.rindex("</article>")]
    parts = re.findall(r'<h2 [^>]*id="([^"]+)"', article)
    assert len(parts) >= 8
    narrow = re.search(r'<details class="page-contents page-contents-narrow">\s*<summary>Di halaman ini</summary>'
                       r'(.*?)</details>', html, re.DOTALL)
    wide = re.search(r'<nav class="page-contents page-contents-wide" aria-label="Di halaman ini">(.*?)</nav>',
                     html, re.DOTALL)
    assert narrow and wide and html.index("page-contents-narrow") < html.index("<article")
    for contents in (narrow[1], wide[1]):
        assert re.findall(r'href="#([^"]+)"', contents) == parts


def footer_text(page: Path) -> str | None:
    """The text of a page's footer element alone (None when the page has none)."""
    footers = re.findall(r'<footer class="site-footer">(.*?)</footer>', page.read_text(encoding="utf-8"), re.DOTALL)
    assert len(footers) <= 1, page
    return " ".join(re.sub(r"<[^>]+>", " ", footers[0]).split()) if footers else None


JARGON = ("YAML", "Jinja", "WeasyPrint", "Markdown", "HTML", "CSS", "static site", "generator", "pipeline")


def test_the_footer_speaks_plainly_in_each_language(site):
    import yaml

    edition = yaml.safe_load((REPO / "course/course.yaml").read_text(encoding="utf-8"))["edition"]
    months = {"id": ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
                     "Oktober", "November", "Desember"],
              "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                     "October", "November", "December"]}
    for lang, words, label in (("id", "Situs dan bahan ajar PDF ini dibuat dengan coursesmith", "Edisi"),
                               ("en", "This site and its PDF handouts were made with coursesmith", "Edition")):
        footer = footer_text(site / lang / "index.html")
        assert footer and words in footer
        assert f"{label}: {edition.day} {months[lang][edition.month - 1]} {edition.year}" in footer  # the edition's date
        assert not [word for word in JARGON if word in footer], footer
    footers = {page: footer_text(page) for page in site_pages(site)}
    # The two pages at the root serve every language at once: the language chooser and the
    # certificate check a QR code opens. Every other page has its language's footer.
    assert [page.relative_to(site).as_posix() for page, text in footers.items() if text is None] == [
        "index.html", "verify.html"]
    for page, text in footers.items():
        assert text is None or not [word for word in JARGON if word in text], page


# --- sharing cards and icons ------------------------------------------------------


def test_every_page_has_a_sharing_card_without_absolute_addresses_when_there_is_no_base_url(site):
    lesson = head(site / "en/lessons/koal-02.html").meta
    assert lesson["og:type"] == "article"
    assert lesson["og:title"] == lesson["twitter:title"] == "KOAL-02 Mapping Stakeholders — Building Coalitions and Managing Change"
    assert lesson["og:description"].startswith("After this session participants can map the stakeholders")
    assert lesson["og:locale"] == "en_GB" and lesson["og:locale:alternate"] == "id_ID"
    assert lesson["twitter:card"] == "summary" and "og:image" not in lesson and "og:url" not in lesson
    home = head(site / "id/index.html").meta
    assert home["og:type"] == "website" and home["og:locale"] == "id_ID"
    assert home["og:description"].startswith("Pemimpin di pemerintahan jarang dapat mencapai tujuan perubahan")
    assert len(home["og:description"]) <= 201 and "**" not in home["og:description"]
    for page in site_pages(site):
        meta = head(page).meta
        assert meta.get("og:title") and meta.get("og:description"), page


def test_with_a_base_url_the_card_has_an_absolute_address_and_a_share_picture(project):
    site = clean_project(project, "https://example.org/test/") / "site"
    meta = head(site / "en/lessons/les-1.html").meta
    assert meta["og:url"] == "https://example.org/test/en/lessons/les-1.html"
    assert meta["og:image"] == meta["twitter:image"] == "https://example.org/test/assets/share-en.png"
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    assert meta["og:image:alt"] == "Test Course · Test Institute"
    assert meta["twitter:card"] == "summary_large_image"
    for lang in ("id", "en"):
        assert png_size((site / f"assets/share-{lang}.png").read_bytes()) == (1200, 630)


def test_icons_are_made_from_the_logo_and_linked_from_every_page(site):
    assert png_size((site / "assets/apple-touch-icon.png").read_bytes()) == (180, 180)
    assert png_size((site / "assets/favicon-32.png").read_bytes()) == (32, 32)
    assert (site / "assets/favicon.svg").read_text(encoding="utf-8").startswith("<svg ")
    for page in site_pages(site):
        links = head(page).links
        depth = "../" * (len(page.relative_to(site).parts) - 1)
        if page.name != "404.html":
            assert links["apple-touch-icon"] == [depth + "assets/apple-touch-icon.png"], page
            assert links["icon"] == [depth + "assets/favicon.svg", depth + "assets/favicon-32.png"], page


def test_the_touch_icon_is_opaque_and_the_pictures_are_the_same_every_build(project, tmp_path):
    from PIL import Image

    first = clean_project(project, "https://example.org/test/") / "site"
    kept = tmp_path / "first"
    shutil.copytree(first, kept)
    second = project.build(pdf=False) / "site"
    for name in ("apple-touch-icon.png", "favicon-32.png", "share-id.png", "share-en.png", "favicon.svg"):
        assert (kept / "assets" / name).read_bytes() == (second / "assets" / name).read_bytes(), name
    touch = Image.open(io.BytesIO((second / "assets/apple-touch-icon.png").read_bytes())).convert("RGBA")
    assert touch.getextrema()[3] == (255, 255)


# --- fonts -----------------------------------------------------------------------


def test_the_site_publishes_only_woff2_fonts_far_smaller_than_the_ttf(site):
    published = sorted((site / "assets/fonts").iterdir())
    assert published and all(p.suffix == ".woff2" and p.read_bytes()[:4] == b"wOF2" for p in published)
    css = (site / "assets/site.css").read_text(encoding="utf-8")
    assert sorted(re.findall(r"url\(fonts/([^)]+)\)", css)) == sorted(p.name for p in published)
    sources = [REPO / "templates/fonts" / (p.stem + ".ttf") for p in published]
    assert sum(p.stat().st_size for p in published) < 0.25 * sum(p.stat().st_size for p in sources)


def test_the_fonts_have_every_character_the_site_shows(site):
    shown = set()
    for page in site_pages(site):
        shown |= set("".join(head(page).text))
    shown = {c for c in shown if not c.isspace()}
    for font in (site / "assets/fonts").iterdir():
        cmap = TTFont(io.BytesIO(font.read_bytes())).getBestCmap()
        original = TTFont(REPO / "templates/fonts" / (font.stem + ".ttf")).getBestCmap()
        missing = {c for c in shown if ord(c) in original and ord(c) not in cmap}
        assert missing == set(), font.name


def test_a_subset_is_the_same_bytes_every_time_and_from_the_cache(tmp_path):
    source = REPO / "templates/fonts/SourceSansPro-It.ttf"
    keep = characters(["id", "en"]) - {ord("€")}  # not what is shipped: subset here (test_web_fonts)
    fresh = woff2_subset(source, keep)
    stored = woff2_subset(source, keep, tmp_path)
    again = woff2_subset(source, keep, tmp_path)
    assert fresh == stored == again and list(tmp_path.glob("*.woff2"))
    font = TTFont(io.BytesIO(fresh))
    assert font["head"].modified == TTFont(source)["head"].modified
    assert "Source Sans" in font["name"].getDebugName(1) and font["name"].getDebugName(0)  # licence kept


# --- in a browser -----------------------------------------------------------------


@pytest.fixture(scope="module")
def pages_server(site, tmp_path_factory):
    """The sample site under /course/, missing addresses answered with its 404 page."""
    root = tmp_path_factory.mktemp("pages") / "course"
    shutil.copytree(site, root)
    server, url = serve_pages(root)
    yield url
    server.shutdown()


def test_the_404_page_at_a_deep_address_has_the_sites_look_and_working_links(pages_server, browser):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    response = page.goto(pages_server + "en/lessons/no/such/page.html")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Halaman tidak ditemukan"
    assert "Coursesmith Sans" in page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    page.evaluate("document.fonts.ready")
    assert page.evaluate("document.fonts.check('700 20px \"Coursesmith Sans\"')")
    assert page.evaluate("getComputedStyle(document.querySelector('.site-header')).backgroundColor") == "rgb(15, 76, 92)"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("link", name="Home: Building Coalitions and Managing Change").click()
    assert page.url == pages_server + "en/index.html"
    page.goto(pages_server + "a/b/c/d/e/missing.html")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the skip link stays on the page
    # the address changes after the key's events (under load, later than `press` returns)
    page.wait_for_url(re.compile(r".*/course/a/b/c/d/e/missing\.html#main$"), timeout=10_000)
    page.close()


def test_the_404_page_without_javascript_offers_the_servers_root(pages_server, browser):
    # The links are named by the labels' words, typographic apostrophe included: a
    # straight one in a name matches no link, and the locator waits out its timeout.
    context = browser.new_context(java_script_enabled=False)
    context.set_default_timeout(5000)
    page = context.new_page()
    page.goto(pages_server + "en/x/y/missing.html")
    assert page.locator("h1").inner_text() == "Halaman tidak ditemukan"
    for name in ("Ke beranda situs", "Go to the site’s home page"):
        assert page.get_by_role("link", name=name, exact=True).get_attribute("href") == "/"
    context.close()


def test_figures_use_the_sites_fonts_and_scale_to_a_phone(site, browser):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto((site / "en/lessons/koal-02.html").as_uri())
    figure = page.locator("a.figure svg").first
    assert figure.bounding_box()["width"] >= 358
    family = figure.evaluate("svg => getComputedStyle(svg.querySelector('text')).fontFamily")
    assert family.startswith('"Coursesmith Sans"')
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.locator("a.figure").first.click()  # the drawing on its own, at full size: the same fonts
    page.wait_for_load_state()
    assert page.url.endswith("/assets/modules/koalisi/img/power-interest-grid-en.svg")
    page.evaluate("document.fonts.ready")
    loaded = page.evaluate("[...document.fonts].filter(f => f.status == 'loaded').map(f => f.family)")
    assert "Coursesmith Sans" in loaded
    assert page.evaluate("getComputedStyle(document.querySelector('text')).fontFamily").startswith('"Coursesmith Sans"')
    page.close()


def test_on_a_phone_tables_become_cards_and_only_wide_tables_say_they_scroll(site, browser):
    for width, expected in ((390, "cards"), (1366, "table")):
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto((site / "en/lessons/koal-02.html").as_uri())
        regions = page.evaluate("""[...document.querySelectorAll('.table-scroll')].map(r => ({
            scrolls: r.scrollWidth > r.clientWidth, hint: r.querySelector('.scroll-hint').offsetHeight > 0,
            display: getComputedStyle(r.querySelector('tr')).display}))""")
        assert all(r["hint"] == r["scrolls"] for r in regions), (width, regions)
        if expected == "cards":
            assert all(not r["scrolls"] and r["display"] == "block" for r in regions), regions
        else:
            assert any(r["scrolls"] for r in regions) and regions[0]["display"] == "table-row"
        page.close()


def test_the_contents_stay_in_view_on_a_desktop_and_fold_on_a_phone(site, browser):
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto((site / "en/lessons/koal-02.html").as_uri())
    wide = page.locator(".page-contents-wide")
    assert wide.is_visible() and not page.locator(".page-contents-narrow").is_visible()
    page.mouse.wheel(0, 6000)
    page.wait_for_function("window.scrollY > 5000")
    assert 0 <= wide.bounding_box()["y"] <= 40
    wide.get_by_role("link", name="Key points").click()
    assert page.url.endswith("#koal-02-key-points")
    page.close()
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    page.goto((site / "en/lessons/koal-02.html").as_uri())
    summary = page.locator(".page-contents-narrow summary")
    assert summary.is_visible() and not page.locator(".page-contents-narrow a").first.is_visible()
    assert not page.locator(".page-contents-wide").is_visible()
    summary.click()
    assert page.locator(".page-contents-narrow a").first.is_visible()
    context.close()


def test_a_png_logo_gives_png_icons_and_no_svg_favicon(project, tmp_path):
    from PIL import Image

    logo = io.BytesIO()
    Image.new("RGB", (64, 64), "#0f4c5c").save(logo, format="PNG")
    project.write("course/assets/logo.png", logo.getvalue())
    project.write("course/course.yaml", MINIMAL["course/course.yaml"].replace(
        "name: {id: Lembaga Uji, en: Test Institute}", "name: {id: Lembaga Uji, en: Test Institute}\n          logo: assets/logo.png"))
    site = project.build(pdf=False) / "site"
    assert png_size((site / "assets/apple-touch-icon.png").read_bytes()) == (180, 180)
    touch = Image.open(site / "assets/apple-touch-icon.png").convert("RGB")
    assert touch.getpixel((90, 90)) == (15, 76, 92) and touch.getpixel((2, 2)) == (255, 255, 255)
    assert not (site / "assets/favicon.svg").exists()
    assert head(site / "en/index.html").links["icon"] == ["../assets/favicon-32.png"]


def site_pages(site: Path) -> list[Path]:
    """The site's own pages; slide decks are reveal.js presentations with a layout of their own."""
    return [page for page in sorted(site.rglob("*.html")) if page.parent.name != "slides"]
