"""A corpus of hostile and careless inputs, tried as an untrusted pull request would:
each is a few files laid over the minimal project, and what `check` or `build` must
say about it (a code at a file and line), or the payload that must not be published.

Used by test_hostile.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from conftest import MINIMAL

LESSON = "modules/m1/les-1.yaml"
BODY = 'body: {id: "Isi **bagian**.", en: "Section **body**."}'
SECRET = "coursesmith-secret-7f3a"  # the text of a file outside the project; must never be published
PAYLOAD = "coursesmith-payload-91c2"  # what a hostile text tries to publish


@dataclass
class Hostile:
    name: str
    files: dict[str, str | bytes] = field(default_factory=dict)
    code: str = ""
    """The problem code expected (with exit 1); empty for a clean build without the payload."""
    where: str = ""
    """The end of the path and the line (`les-1.yaml:14`) the problem is reported at."""
    setup: Callable | None = None
    stage: str = "check"  # "check", "build" (--no-pdf) or "build-pdf"
    payload: str = PAYLOAD


def body(markdown: str) -> dict[str, str]:
    """The lesson with one section's body replaced (line 14 of the lesson)."""
    text = markdown.replace("\\", "\\\\").replace('"', '\\"')
    return {LESSON: MINIMAL[LESSON].replace(BODY, f'body: {{id: "{text}", en: "Section."}}')}


def lesson(old: str, new: str) -> dict[str, str]:
    assert old in MINIMAL[LESSON], old
    return {LESSON: MINIMAL[LESSON].replace(old, new, 1)}


def with_image(name: str, content: str | bytes, markdown: str | None = None) -> dict[str, str | bytes]:
    return {f"modules/m1/img/{name}": content, **body(markdown or f"![Peta](img/{name})")}


def outside(project, text: str = SECRET) -> str:
    """A file beside the project, as the build machine's own files are."""
    path = project.root.parent / "outside.txt"
    path.write_text(text, encoding="utf-8")
    return str(path)


def link(relative: str, text: str = SECRET):
    """A setup that makes `relative` a symbolic link to a file outside the project."""
    def make(project):
        target = outside(project, text)
        path = project.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            path.unlink()
        path.symlink_to(target)
    return make


# --- URLs an author writes --------------------------------------------------------------

SCHEMES = ["javascript:alert(1)", "JavaScript:alert(document.cookie)", "vbscript:msgbox(1)",
           "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "file:///etc/passwd",
           "ftp://example.org/x", "jar:file:///x!/y"]
URL_CASES = [
    *[Hostile(f"markdown link {url}", body(f"[klik]({url})"), "url-scheme", "les-1.yaml:14") for url in SCHEMES],
    *[Hostile(f"markdown image {url}", body(f"![gambar]({url})"), "url-scheme", "les-1.yaml:14")
      for url in SCHEMES if not url.startswith("ftp")],
    *[Hostile(f"raw HTML link {url}", body(f"<a href='{url}'>klik</a>"), "url-scheme", "les-1.yaml:14")
      for url in SCHEMES[:5]],
    Hostile("raw HTML image javascript:", body("<img src='javascript:alert(1)' alt='x'>"), "url-scheme",
            "les-1.yaml:14"),
    Hostile("raw HTML image outside", body("<img src='/etc/passwd' alt='x'>"), "asset-remote", "les-1.yaml:14"),
    Hostile("raw HTML image parent folders", body("<img src='../../../../etc/passwd' alt='x'>"), "asset-outside",
            "les-1.yaml:14"),
    Hostile("raw HTML tracking pixel", body("<img src='https://tracker.example/p.gif' alt='x'>"), "asset-remote",
            "les-1.yaml:14"),
    *[Hostile(f"bibliography url {url}", {"course/bibliography.yaml": MINIMAL["course/bibliography.yaml"].rstrip(" ")
              + f"            url: \"{url}\"\n"}, "url-scheme", "bibliography.yaml:8") for url in SCHEMES[:5]],
    *[Hostile(f"logo {url}", {"course/course.yaml": MINIMAL["course/course.yaml"].replace(
        "  name: {id: Lembaga Uji, en: Test Institute}", f"  name: {{id: Lembaga Uji, en: Test Institute}}\n"
        f"          logo: \"{url}\"")}, "url-scheme", "course.yaml:7") for url in SCHEMES[:5]],
]

# --- SVG images -------------------------------------------------------------------------

SVG = "<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink' viewBox='0 0 10 10'>\n{}\n</svg>\n"
SVG_PAYLOADS = {
    "script": f"<script>alert('{PAYLOAD}')</script>",
    "script with xlink": "<script xlink:href='https://example.org/x.js'/>",
    "onload": "<rect width='5' height='5' onload='alert(1)'/>",
    "onclick uppercase": "<rect width='5' height='5' ONCLICK='alert(1)'/>",
    "foreignObject": "<foreignObject><iframe xmlns='http://www.w3.org/1999/xhtml' src='https://example.org'/></foreignObject>",
    "image file:": "<image xlink:href='file:///etc/passwd' width='5' height='5'/>",
    "image remote": "<image href='https://example.org/a.png' width='5' height='5'/>",
    "use outside": "<use href='../../../../etc/x.svg#a'/>",
    "link javascript": "<a xlink:href='javascript:alert(1)'><rect width='5' height='5'/></a>",
    "link web": "<a href='https://example.org'><rect width='5' height='5'/></a>",
    "style import": "<style>@import url(https://example.org/x.css);</style>",
    "web font": "<style>@font-face { font-family: F; src: url(https://fonts.example.org/f.woff2); }</style>",
    "style url": "<style>rect { fill: url(https://example.org/p.svg#p); }</style>",
    "style attribute url": "<rect width='5' height='5' style='fill: url(http://example.org/p)'/>",
    "filter attribute url": "<rect width='5' height='5' filter='url(https://example.org/f.svg#f)'/>",
    "set href": "<a><set attributeName='href' to='javascript:alert(1)'/><text>x</text></a>",
    "animate onclick": "<rect width='5' height='5'><animate attributeName='onclick' to='alert(1)'/></rect>",
    "iframe": "<iframe src='https://example.org'/>",
    "embed": "<embed src='https://example.org/x.swf'/>",
}
SVG_DOCUMENTS = {
    "entity expansion": "<!DOCTYPE svg [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;'>]>\n"
                        "<svg xmlns='http://www.w3.org/2000/svg'><text>&b;</text></svg>",
    "external entity": "<!DOCTYPE svg [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>\n"
                       "<svg xmlns='http://www.w3.org/2000/svg'><text>&x;</text></svg>",
    "xml-stylesheet": "<?xml-stylesheet href='https://example.org/x.css'?>\n<svg xmlns='http://www.w3.org/2000/svg'/>",
    "not XML": "<svg xmlns='http://www.w3.org/2000/svg'><g></svg>",
}
SVG_CASES = [
    *[Hostile(f"SVG {name}", with_image("a.svg", SVG.format(payload)), "svg-unsafe", "a.svg:")
      for name, payload in SVG_PAYLOADS.items()],
    *[Hostile(f"SVG {name}", with_image("a.svg", text), "svg-unsafe", "a.svg:") for name, text in SVG_DOCUMENTS.items()],
    Hostile("SVG script, at the line that uses it", with_image("a.svg", SVG.format(SVG_PAYLOADS["script"])),
            "asset-unsafe", "les-1.yaml:14"),
    Hostile("SVG logo with a script", {"course/assets/logo.svg": SVG.format(SVG_PAYLOADS["script"]),
                                       "course/course.yaml": MINIMAL["course/course.yaml"].replace(
        "  name: {id: Lembaga Uji, en: Test Institute}",
        "  name: {id: Lembaga Uji, en: Test Institute}\n          logo: assets/logo.svg")}, "asset-unsafe", "course.yaml:7"),
    Hostile("linked HTML file", {"modules/m1/files/x.html": f"<script>{PAYLOAD}</script>",
                                 **body("[formulir](files/x.html)")}, "asset-unsafe", "les-1.yaml:14"),
    Hostile("PNG that is HTML", with_image("a.png", f"<script>{PAYLOAD}</script>"), "image-unreadable",
            "les-1.yaml:14"),
]

# --- stylesheet overrides ----------------------------------------------------------------

CSS_PAYLOADS = {
    "remote @import": "@import url(https://example.org/x.css);",
    "remote @import string": "@import 'https://example.org/x.css';",
    "protocol-relative @import": "@import url(//example.org/x.css);",
    "file: url": "body { background: url(file:///etc/passwd); }",
    "outside url": "body { background: url(../../../../../etc/passwd); }",
    "absolute url": "body { background: url(/etc/passwd); }",
    "web font": "@font-face { font-family: X; src: url(https://fonts.example.org/x.woff2); }",
    "remote background": "@media print { h1 { background-image: url('http://example.org/t.png'); } }",
    "data: HTML": "body { background: url('data:text/html,<script>alert(1)</script>'); }",
    "image-set remote": "body { background: image-set(url(https://example.org/a.png) 1x); }",
}
CSS_CASES = [
    *[Hostile(f"print.css {name}", {"templates/css/print.css": f"p {{ color: black; }}\n{css}\n"}, "css-unsafe",
              "print.css:2") for name, css in CSS_PAYLOADS.items()],
    *[Hostile(f"site.css {name}", {"templates/css/site.css": f"p {{ color: black; }}\n{css}\n"}, "css-unsafe",
              "site.css:2") for name, css in list(CSS_PAYLOADS.items())[:5]],
]

# --- template overrides -------------------------------------------------------------------

TEMPLATE_PAYLOADS = {
    "cycler globals": "{{ cycler.__init__.__globals__.os.system('touch pwned') }}",
    "joiner globals": "{{ joiner.__init__.__globals__.os.popen('id').read() }}",
    "namespace init": "{{ namespace.__init__.__globals__ }}",
    "subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "attr filter": "{{ ''|attr('__class__') }}",
    "self init": "{{ self.__init__.__globals__ }}",
    "path read": "{{ (root / 'course/course.yaml').read_text() }}",
    "path parent": "{{ (root / '../outside.txt').read_text() }}",
    "origin read": "{% for l in course.lessons %}{{ (l.lesson.sections[0].body.origin / '../../../outside.txt')"
                   ".read_text() }}{% endfor %}",
    "pydantic parse_file": "{{ course.course.parse_file('outside.txt') }}",
    "pydantic model_dump": "{{ course.course.model_dump() }}",
    "paths module": "{{ paths.posixpath.os.system('touch pwned') }}",
    "huge string": "{{ 'x' * 1000000000 }}",
    "huge power": "{{ 9 ** 999999999 }}",
    "huge range": "{% for i in range(10 ** 9) %}{% endfor %}",
    "recursion": "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
    "include outside": "{% include '../../outside.txt' %}",
    "include absolute": "{% include '/etc/passwd' %}",
    "dict mutation": "{% set _ = labels.update({'x': 1}) %}",
    "lipsum": "{{ lipsum.__globals__ }}",
}
TEMPLATE_CASES = [
    *[Hostile(f"template {name}", {"templates/site/glossary.html": payload + "\n"}, "template-error",
              "glossary.html:1", setup=outside, stage="build", payload=SECRET) for name, payload in TEMPLATE_PAYLOADS.items()],
    Hostile("template symlinked outside", setup=link("templates/site/glossary.html"), code="link-outside",
            where="glossary.html:1", stage="build", payload=SECRET),
    Hostile("template includes a symlink outside", {"templates/site/glossary.html": "{% include 'site/x.html' %}\n"},
            setup=link("templates/site/x.html"), code="link-outside", where="x.html:1", stage="build", payload=SECRET),
]

# --- reading outside the project -------------------------------------------------------------

OUTSIDE_CASES = [
    Hostile("lesson symlinked outside", setup=link("modules/m1/les-2.yaml", "kind: glossary\nterms: []\n"),
            code="link-outside", where="les-2.yaml:1"),
    Hostile("module folder symlinked outside", setup=lambda p: (outside(p), (p.root / "modules/ext").symlink_to(
        p.root.parent)), code="link-outside", where="modules/ext:1"),
    Hostile("label file symlinked outside", setup=link("templates/labels/en.yaml"), code="link-outside",
            where="en.yaml:1"),
    Hostile("font symlinked outside", setup=link("templates/fonts/x.ttf"), code="link-outside", where="x.ttf:1",
            stage="build"),
    Hostile("stylesheet symlinked outside", setup=link("templates/css/print.css"), code="link-outside",
            where="print.css:1", stage="build-pdf"),
    Hostile("image symlinked outside", body("![Peta](img/a.png)"), setup=link("modules/m1/img/a.png"),
            code="asset-outside", where="les-1.yaml:14"),
    Hostile("image in parent folders", body("![Sandi](../../../../etc/passwd)"), "asset-outside", "les-1.yaml:14"),
    Hostile("image at an absolute path", body("![Sandi](/etc/passwd)"), "asset-remote", "les-1.yaml:14"),
]

# --- files that crashed or hung the build ----------------------------------------------------

DEEP = "a: " + "[" * 5000 + "]" * 5000 + "\n"
CRASH_CASES = [
    Hostile("NUL byte", lesson("title: {id: Sesi satu", "title: {id: Sesi\x00 satu"), "control-character", "les-1.yaml:3"),
    Hostile("escape character", lesson("title: {id: Sesi satu", "title: {id: Sesi\x1b[31m satu"), "control-character",
            "les-1.yaml:3"),
    Hostile("DEL character", lesson("jp: 1", "jp: 1\x7f"), "control-character", "les-1.yaml:4"),
    Hostile("C1 control", lesson("title: {id: Sesi satu", "title: {id: Sesi\x9b satu"), "control-character",
            "les-1.yaml:3"),
    Hostile("non-character U+FFFF", lesson("title: {id: Sesi satu", "title: {id: Sesi\uffff satu"),
            "control-character", "les-1.yaml:3"),
    Hostile("flow nesting 5000 deep", {"modules/m1/deep.yaml": DEEP}, "yaml-too-deep", "deep.yaml:1"),
    Hostile("unclosed flow nesting 5000 deep", {"modules/m1/deep.yaml": "a: " + "[" * 5000 + "\n"}, "yaml-too-deep",
            "deep.yaml:1"),
    Hostile("block nesting 3000 deep", {"modules/m1/deep.yaml": "".join("  " * i + "b:\n" for i in range(3000))},
            "yaml-too-deep", "deep.yaml:"),
    Hostile("mapping nesting 3000 deep", {"modules/m1/deep.yaml": "a: " + "{a: " * 3000 + "x" + "}" * 3000 + "\n"},
            "yaml-too-deep", "deep.yaml:1"),
    Hostile("label file syntax error", {"templates/labels/en.yaml": "months: [\n"}, "yaml-syntax", "en.yaml:2"),
    Hostile("label file with a tag", {"templates/labels/en.yaml": "months: !!python/object/apply:os.system [id]\n"},
            "yaml-tag", "en.yaml:1"),
    Hostile("label file that is a list", {"templates/labels/en.yaml": "- a\n"}, "not-a-mapping", "en.yaml:1"),
    Hostile("label file with a NUL byte", {"templates/labels/en.yaml": "a: b\x00\n"}, "control-character", "en.yaml:1"),
    Hostile("label file nested 5000 deep", {"templates/labels/en.yaml": DEEP}, "yaml-too-deep", "en.yaml:1"),
    Hostile("stylesheet nested 100000 deep", {"templates/css/print.css": "a { b: " + "(" * 100000 + " }\n"},
            "css-unsafe", "print.css:1"),
    Hostile("SVG nested 100000 deep", with_image("a.svg", "<svg xmlns='http://www.w3.org/2000/svg'>" + "<g>" * 100000
                                                 + "</g>" * 100000 + "<script/></svg>"), "svg-unsafe", "a.svg:1"),
    Hostile("missing print @import", {"templates/css/print.css": '@import "missing.css";\np { color: black; }\n'},
            "print-setup-error", "print.css:1", stage="build-pdf"),
]

# --- the two missed mistakes -------------------------------------------------------------------

SCHEDULE = ('languages: [id, en]\n        schedule:\n          - date: 2027-03-01\n            start: "{first}"\n'
            '            slots:\n              - lesson: LES-1\n          - date: {date}\n            start: "{second}"\n'
            '            slots:\n              - {{title: {{id: Rehat, en: Break}}, minutes: 30}}')


def schedule(first: str, second: str, date: str = "2027-03-01") -> dict[str, str]:
    course = MINIMAL["course/course.yaml"]
    return {"course/course.yaml": course.replace("languages: [id, en]", SCHEDULE.format(first=first, second=second,
                                                                                      date=date))}


REFLECTIVE = ("            rationale: {id: Alasan rahasia., en: Secret rationale.}\n"
              "          - code: Q2\n            type: reflective\n            prompt: {id: Renungkan., en: Reflect.}\n")
MISTAKE_CASES = [
    Hostile("overlapping days", schedule("08:00", "08:30"), "schedule-overlap", "course.yaml:14"),
    Hostile("day inside another", schedule("08:00", "08:10"), "schedule-overlap", "course.yaml:14"),
    Hostile("day that starts earlier and overlaps", schedule("08:30", "08:15"), "schedule-overlap", "course.yaml:14"),
    Hostile("reflective item without a rubric", lesson(
        "            rationale: {id: Alasan rahasia., en: Secret rationale.}\n", REFLECTIVE),
        "reflective-without-rubric", "les-1.yaml:34"),
]

# --- cleaned, not refused: built, and the payload is nowhere in the output -------------------

CLEAN_CASES = [
    Hostile("raw script", body(f"Isi <script>alert('{PAYLOAD}')</script> bagian."), stage="build-pdf"),
    Hostile("raw iframe", body(f"<iframe src='https://example.org/{PAYLOAD}'></iframe>")),
    Hostile("event handler", body(f"<b onmouseover=\"alert('{PAYLOAD}')\">x</b>"), stage="build"),
    Hostile("style element", body(f"<style>body {{ background: url(https://example.org/{PAYLOAD}) }}</style>"),
            stage="build"),
    Hostile("link with handler", body(f"<a href='https://example.org' onclick=\"{PAYLOAD}\">x</a>"), stage="build-pdf"),
    Hostile("form", body(f"<form action='https://example.org/{PAYLOAD}'><input name=x></form>"), stage="build"),
    Hostile("svg in markdown", body(f"<svg><script>{PAYLOAD}</script></svg>"), stage="build"),
]

CASES = [*URL_CASES, *SVG_CASES, *CSS_CASES, *TEMPLATE_CASES, *OUTSIDE_CASES, *CRASH_CASES, *MISTAKE_CASES,
         *CLEAN_CASES]
