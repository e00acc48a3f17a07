"""The CommonMark specification's own examples, run through coursesmith's converter.

Two measures: the parser as configured for courses (our plugins and rules switched
on), and the whole conversion that the site and PDFs receive (sanitised, with
placeholders put back), on the sections of the spec we support. Differences that are
ours on purpose (a titled image becomes a figure, code blocks carry a class) are
normalised away first; nothing else is. Run `python tests/test_commonmark.py` for the
pass rate per section.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from coursesmith.load.markdown import convert, parser

SPEC = Path(__file__).parent / "data" / "commonmark" / "spec-0.31.2.json"
EXAMPLES = json.loads(SPEC.read_text(encoding="utf-8"))
# Raw HTML is cleaned on purpose (and reported as `unsafe-html`), so its sections are
# not ours to pass; links with unsafe schemes lose their target for the same reason.
SANITISED_SECTIONS = {"HTML blocks", "Raw HTML"}
RAW_HTML = re.compile(r"<(?:/?[A-Za-z][A-Za-z0-9-]*(?:[\s/>])|!--|\?|!\[CDATA)")


def _ours_normalised(markup: str) -> str:
    markup = re.sub(r'<pre class="code-block"(?: data-language="[^"]*")?>', "<pre>", markup)
    markup = re.sub(r' style="counter-reset: list-item -?\d+"', "", markup)  # `start` for print
    markup = markup.replace("<blockquote>\n</blockquote>", "<blockquote></blockquote>")
    return re.sub(r'<span class="[^"]*">|</span>', "", markup)  # Pygments' spans in code


def _spec_normalised(example: dict) -> str:
    markup = re.sub(r'<code class="language-[^"]*">', "<code>", example["html"])
    return markup.replace("<blockquote>\n</blockquote>", "<blockquote></blockquote>")


def parser_passes(example: dict) -> bool:
    md = parser("")
    tokens = md.parse(example["markdown"], {"notices": []})
    for token in tokens:  # a titled image alone in a paragraph is a figure; the spec's is a <p>
        if token.tag == "figure":
            token.tag = "p"
        if token.children:
            token.children = [c for c in token.children if not c.meta.get("ours")]
    rendered = md.renderer.render(tokens, md.options, {"notices": []})
    return _ours_normalised(rendered) == _spec_normalised(example)


class _Canonical(HTMLParser):
    """HTML as a list of events, so serialisation details (quotes, `<br />`, entities,
    attribute order, `rel` added to links) do not count. A figure counts as the spec's
    paragraph, without its caption; Pygments' spans inside code do not count."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.events: list = []
        self.in_caption = self.in_pre = False

    def _counts(self, tag: str) -> bool:
        return not self.in_caption and tag != "figcaption" and not (self.in_pre and tag == "span")

    def handle_starttag(self, tag, attrs):
        if self._counts(tag):
            ours = ("rel", "class", "data-language", *(("style",) if tag == "ol" else ()))
            kept = sorted((k, v or "") for k, v in attrs if k not in ours)
            self.events.append(("<", _tag(tag), tuple(kept)))
        self.in_caption |= tag == "figcaption"
        self.in_pre |= tag == "pre"

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        self.in_caption &= tag != "figcaption"
        self.in_pre &= tag != "pre"
        if self._counts(tag):
            self.events.append((">", _tag(tag)))

    def handle_data(self, data):
        if self.in_caption or not (data.strip() or self.in_pre):
            return
        if self.events and self.events[-1][0] == "text":  # text split around a dropped span
            self.events[-1] = ("text", self.events[-1][1] + html.unescape(data))
        else:
            self.events.append(("text", html.unescape(data)))


def _tag(tag: str) -> str:
    """Heading levels are set by where a text sits, and a figure is the spec's paragraph."""
    return "p" if tag == "figure" else "h" if re.fullmatch(r"h[1-6]", tag) else tag


def _events(markup: str) -> list:
    canonical = _Canonical()
    canonical.feed(markup)
    return canonical.events


def converter_passes(example: dict) -> bool:
    converted = convert(example["markdown"])
    markup = converted.html
    for number, link in enumerate(converted.links):
        markup = markup.replace(f'"coursesmith-link-{number}"', f'"{html.escape(link.target)}"')
    return _events(markup) == _events(example["html"])


def _supported(example: dict) -> bool:
    markdown = example["markdown"]
    return (example["section"] not in SANITISED_SECTIONS and not RAW_HTML.search(markdown)
            and not re.search(r"javascript:|vbscript:|file:|data:", markdown, re.I))


def test_every_spec_example_parses_as_commonmark_says():
    failed = [e["example"] for e in EXAMPLES if not parser_passes(e)]
    assert len(EXAMPLES) == 652
    assert failed == []


def test_the_published_html_of_supported_examples_matches_the_spec():
    supported = [e for e in EXAMPLES if _supported(e)]
    failed = [e["example"] for e in supported if not converter_passes(e)]
    assert len(supported) > 550
    assert failed == []


@pytest.mark.parametrize("source, expected", [
    ("1) one\n2) two\n", "<ol>\n<li>one</li>\n<li>two</li>\n</ol>"),
    ("3. three\n4. four\n", '<ol start="3"'),
    ("- a\n  - b\n", "<ul>\n<li>a\n<ul>\n<li>b</li>"),
])
def test_lists_that_python_markdown_flattened(source, expected):
    """Python-Markdown's lists are not CommonMark's: `1)`, and nesting by two spaces."""
    assert expected in convert(source).html


def pass_rates() -> str:
    by_section, passed = Counter(), Counter()
    for example in EXAMPLES:
        by_section[example["section"]] += 1
        passed[example["section"]] += parser_passes(example)
    lines = [f"{section}: {passed[section]}/{total}" for section, total in by_section.items()]
    supported = [e for e in EXAMPLES if _supported(e)]
    whole = sum(converter_passes(e) for e in supported)
    lines.append(f"parser: {sum(passed.values())}/{len(EXAMPLES)} examples")
    lines.append(f"published HTML, supported sections: {whole}/{len(supported)} examples")
    return "\n".join(lines)


if __name__ == "__main__":
    print(pass_rates())
