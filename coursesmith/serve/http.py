"""The preview's HTTP side: pages from memory, files from the project and from the last
background build, and a stream of server-sent events that tells open pages to reload.

The standard library's threaded server is enough here: one user on loopback, a
handful of open pages, each event stream holding one thread. It needs no event loop
and no dependency, and every request is answered from state that is swapped whole.
"""
from __future__ import annotations

import ipaddress
import json
import mimetypes
import posixpath
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from coursesmith.serve.overlay import EVENTS

KEEPALIVE_SECONDS = 10.0


@dataclass(frozen=True)
class Event:
    number: int
    name: str
    data: dict


class Broker:
    """The events published so far (the last few), and the streams waiting for more."""

    def __init__(self) -> None:
        self.condition = threading.Condition()
        self.events: list[Event] = []
        self.closed = False

    def publish(self, name: str, data: dict) -> None:
        with self.condition:
            number = self.events[-1].number + 1 if self.events else 1
            self.events = [*self.events[-63:], Event(number, name, data)]
            self.condition.notify_all()

    def close(self) -> None:
        with self.condition:
            self.closed = True
            self.condition.notify_all()

    def after(self, number: int, timeout: float) -> list[Event] | None:
        """Events newer than `number`, waiting up to `timeout`; None once closed."""
        with self.condition:
            self.condition.wait_for(lambda: self.closed or (self.events and self.events[-1].number > number),
                                    timeout)
            if self.closed:
                return None
            return [event for event in self.events if event.number > number]


@dataclass
class Answer:
    status: int
    body: bytes
    content_type: str


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True  # an open event stream never holds up the end of the process
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], answer: Callable[[str], Answer], broker: Broker,
                 version: Callable[[], int]):
        self.answer, self.broker, self.version = answer, broker, version
        self.loopback = is_loopback_name(address[0])
        """`version` is the pages' current version, told to each new stream: a page
        rendered before it and changed since then reloads even though it missed the event."""
        super().__init__(address, Handler)


class Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        if not self.host_allowed():
            return
        path = urlsplit(self.path).path
        if path == EVENTS:
            self.stream()
            return
        self.send(self.server.answer(path), body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        if not self.host_allowed():
            return
        self.send(self.server.answer(urlsplit(self.path).path), body=False)

    def host_allowed(self) -> bool:
        """On loopback, only requests addressed to this machine by name: a web page elsewhere
        that points its own host name at 127.0.0.1 (DNS rebinding) gets nothing."""
        if self.server.loopback and not is_loopback_name(self.headers.get("Host", "")):
            self.send(Answer(403, b"this preview answers only to localhost", "text/plain; charset=utf-8"), body=True)
            return False
        return True

    def send(self, answer: Answer, body: bool) -> None:
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.body)))
        self.send_header("Cache-Control", "no-store")  # every look is the newest version
        self.end_headers()
        if body:
            self.wfile.write(answer.body)

    def stream(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        broker = self.server.broker
        last = int(self.headers.get("Last-Event-ID") or 0) or (broker.events[-1].number if broker.events else 0)
        try:
            hello = json.dumps({"version": self.server.version()})
            self.wfile.write(f"retry: 500\n: connected\n\nevent: hello\ndata: {hello}\n\n".encode())
            self.wfile.flush()
            while (events := broker.after(last, KEEPALIVE_SECONDS)) is not None:
                for event in events:
                    data = json.dumps(event.data, ensure_ascii=False)
                    self.wfile.write(f"id: {event.number}\nevent: {event.name}\ndata: {data}\n\n".encode())
                    last = event.number
                if not events:
                    self.wfile.write(b": still here\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the page was closed or reloaded

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (the standard library's name)
        pass  # the terminal shows what was rebuilt, not every request


def is_loopback_name(host: str) -> bool:
    """Whether a host, or a Host header (with a port, IPv6 in brackets), names this machine."""
    names = [host]
    if host.startswith("["):
        names.append(host[1:].split("]")[0])
    elif host.count(":") == 1:
        names.append(host.split(":")[0])
    for name in names:
        if name == "localhost":
            return True
        try:
            return ipaddress.ip_address(name).is_loopback
        except ValueError:
            continue
    return False


def page_path(url_path: str) -> str | None:
    """The file a URL path names below the site ("" and folders mean index.html), or
    None when it tries to leave the site."""
    path = unquote(url_path).lstrip("/")
    if path == "" or path.endswith("/"):
        path += "index.html"
    if "\\" in path or "\0" in path or posixpath.normpath(path) != path or path.startswith(".."):
        return None
    return path


def file_answer(path: Path) -> Answer:
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if kind.startswith("text/") or kind in ("application/javascript", "image/svg+xml", "application/json"):
        kind += "; charset=utf-8"
    return Answer(200, path.read_bytes(), kind)


def inside(folder: Path, relative: str) -> Path | None:
    """`folder/relative` when it is a file inside `folder` (links followed), else None."""
    candidate = (folder / relative).resolve()
    return candidate if candidate.is_file() and candidate.is_relative_to(folder.resolve()) else None
