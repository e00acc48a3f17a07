"""The real tools the site is checked with: Debian's Chromium (through Playwright),
axe-core and the Nu HTML Checker from npm (tests/node), and a local web server.
Outside CI a missing tool skips its tests with the command that installs it; under
CI (CI=true) a missing tool fails, so nothing passes by being skipped."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

NODE = Path(__file__).parent / "node" / "node_modules"
AXE = NODE / "axe-core" / "axe.min.js"
VNU = NODE / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def require(found: bool, what: str, install: str) -> None:
    if found:
        return
    message = f"{what} is not installed ({install})"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def require_chromium() -> None:
    require(Path(CHROMIUM).exists(), "Chromium", "apt-get install chromium")


def require_node_tools() -> None:
    require(AXE.exists() and VNU.exists(), "axe-core and vnu-jar", "npm ci --prefix tests/node")


def require_java() -> None:
    require(shutil.which("java") is not None, "Java", "apt-get install default-jre-headless")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder: Path):
    """Serve `folder` on 127.0.0.1 under a sub-path, as GitHub Pages serves a project site."""
    handler = functools.partial(QuietHandler, directory=str(folder.parent))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_port}/{folder.name}/"


class PagesHandler(QuietHandler):
    """Answers a missing address with the site's own 404.html, as GitHub Pages does."""

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / self.path.split("/")[1] / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def serve_pages(folder: Path):
    """`folder` served under a sub-path with its 404 page for every missing address."""
    handler = functools.partial(PagesHandler, directory=str(folder.parent))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/{folder.name}/"
