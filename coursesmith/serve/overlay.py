"""What the preview adds to a served page, and only to served pages (never to output/):
the problems of the last check over the page, the PDF status badge, the facilitator
band, and the few lines of script that reload the page when it changes.

Everything is written into the HTML itself, so the problems show without JavaScript.
"""
from __future__ import annotations

import json

from markupsafe import escape

from coursesmith.diagnostics import Diagnostic, format_text

EVENTS = "/_serve/events"

STYLE = """<style>
#cs-serve-problems{position:fixed;inset:0 0 auto 0;max-height:70vh;overflow:auto;z-index:2147483000;
margin:0;padding:1rem 1.25rem;background:#fff7f5;color:#3b0a00;border-bottom:4px solid #b42318;
font:14px/1.45 ui-monospace,monospace;box-shadow:0 4px 18px rgba(0,0,0,.25)}
#cs-serve-problems.warnings{background:#fffbea;color:#3d2f00;border-color:#b07d00}
#cs-serve-problems summary{font:600 15px/1.4 system-ui,sans-serif;cursor:pointer}
#cs-serve-problems pre{white-space:pre-wrap;margin:.5rem 0 0}
#cs-serve-badge{position:fixed;right:.75rem;bottom:.75rem;z-index:2147483001;padding:.3rem .7rem;
border-radius:1rem;background:#1d3b2a;color:#fff;font:600 13px/1.3 system-ui,sans-serif}
#cs-serve-badge.busy{background:#7a4d00}
#cs-serve-band{position:sticky;top:0;z-index:2147482999;margin:0;padding:.45rem 1rem;background:#b42318;
color:#fff;text-align:center;font:700 15px/1.3 system-ui,sans-serif;letter-spacing:.04em}
</style>"""

SCRIPT = """<script>
(function () {
  var page = %(page)s, version = %(version)d;
  var source = new EventSource("%(events)s");
  source.addEventListener("hello", function (event) {  // changes made before this page listened
    if (JSON.parse(event.data).version > version) location.reload();
  });
  source.addEventListener("change", function (event) {
    var data = JSON.parse(event.data);
    if (data.version > version && (data.all || data.changed.indexOf(page) >= 0)) location.reload();
  });
  source.addEventListener("pdf", function (event) {
    var badge = document.getElementById("cs-serve-badge"), data = JSON.parse(event.data);
    if (badge) { badge.textContent = data.text; badge.className = data.busy ? "busy" : ""; }
  });
})();
</script>"""


def problems_html(problems: list[Diagnostic], stale: bool) -> str:
    """The problems exactly as `check` prints them, over the page."""
    if not problems:
        return ""
    errors = any(d.severity == "error" for d in problems)
    title = ("The sources have errors: this is the last good version of the page." if errors and stale
             else "The sources have errors." if errors else "The sources have warnings.")
    return (f'<details id="cs-serve-problems" role="alert" class="{"errors" if errors else "warnings"}"'
            f'{" open" if errors else ""}><summary>{escape(title)}</summary>'
            f"<pre>{escape(format_text(problems))}</pre></details>")


def badge_html(text: str, busy: bool) -> str:
    return f'<p id="cs-serve-badge" role="status"{" class=busy" if busy else ""}>{escape(text)}</p>'


def band_html(links: list[tuple[str, str]]) -> str:
    """The band over every facilitator page, with links to the facilitator PDFs made."""
    found = "".join(f' · <a style="color:#fff" href="/{escape(path)}">{escape(name)}</a>' for path, name in links)
    return f'<p id="cs-serve-band">FACILITATOR — do not distribute{found}</p>'


def decorate(html: str, page: str, version: int, additions: str) -> str:
    """`html` with the preview's additions after <body …> and the reload script before </body>."""
    script = SCRIPT % {"page": _js_string(page), "version": version, "events": EVENTS}
    head = html.find("</head>")
    if head >= 0:
        html = html[:head] + STYLE + html[head:]
    body = html.find("<body")
    opened = html.find(">", body) + 1 if body >= 0 else 0
    html = html[:opened] + additions + html[opened:]
    closing = html.rfind("</body>")
    return html[:closing] + script + html[closing:] if closing >= 0 else html + script


def problems_page(problems: list[Diagnostic], page: str, version: int) -> str:
    """What is shown before the project has ever been good: only the problems."""
    html = ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>coursesmith preview</title>'
            "</head><body><main><h1>coursesmith preview</h1><p>Nothing to show yet.</p></main></body></html>")
    return decorate(html, page, version, problems_html(problems, stale=False))


def _js_string(text: str) -> str:
    return json.dumps(text).replace("<", "\\u003c")
