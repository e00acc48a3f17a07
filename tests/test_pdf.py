"""PDF rendering: real WeasyPrint output, confined to the project's own files."""

from __future__ import annotations

import http.server
import threading
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from coursesmith.diagnostics import BuildFailed
from coursesmith.outputs.print.maker import PdfMaker, RefusedResource
from coursesmith.render.environment import default_templates_dir

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


@pytest.fixture
def maker(tmp_path: Path) -> PdfMaker:
    root = tmp_path / "proj"
    (root / "img").mkdir(parents=True)
    (root / "img/ok.png").write_bytes(PNG)
    (tmp_path / "secret.png").write_bytes(PNG)
    (root / "img/escape.png").symlink_to(tmp_path / "secret.png")
    templates = default_templates_dir()
    return PdfMaker(templates / "css/print.css", base_url=root, roots=[root, templates])


def page(body: str) -> str:
    return f'<!DOCTYPE html><html lang="en"><head><title>t</title></head><body>{body}</body></html>'


def test_renders_a_file_inside_the_project(maker, tmp_path):
    target = tmp_path / "out.pdf"
    rendered = maker.write(page('<p>Hello</p><img src="img/ok.png" alt="dot">'), target)
    assert rendered.warnings == [] and rendered.pages == 1 and rendered.size == target.stat().st_size
    pdf = pdfium.PdfDocument(str(target))
    assert len(pdf) == 1
    assert "Hello" in pdf[0].get_textpage().get_text_range()


@pytest.fixture
def local_server():
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(PNG)

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", hits
    server.shutdown()


@pytest.mark.parametrize("markup", [
    '<img src="/etc/passwd" alt="x">',
    '<img src="file:///etc/passwd" alt="x">',
    '<img src="../secret.png" alt="x">',
    '<img src="img/escape.png" alt="symlink out">',
    '<div style="background: url(/etc/hostname)">x</div>',
    '<link rel="stylesheet" href="/etc/passwd">',
    '<a rel="attachment" href="/etc/passwd">x</a>',
])
def test_reads_outside_the_project_are_refused(maker, tmp_path, markup):
    with pytest.raises(RefusedResource):
        maker.write(page(markup), tmp_path / "out.pdf")
    assert not (tmp_path / "out.pdf").exists()


def test_network_is_refused(maker, tmp_path, local_server):
    base, hits = local_server
    for markup in (f'<img src="{base}/a.png" alt="x">', f'<div style="background: url({base}/b.png)">x</div>'):
        with pytest.raises(RefusedResource):
            maker.write(page(markup), tmp_path / "out.pdf")
    assert hits == []


def test_a_template_reaching_outside_fails_the_build_and_keeps_the_output(project):
    project.build(pdf=False)
    before = {p: p.read_bytes() for p in (project.root / "output").rglob("*") if p.is_file()}
    project.write("templates/print/handout.html",
                  '<!DOCTYPE html><html lang="{{ lang }}"><title>x</title><img src="file:///etc/passwd" alt="x">\n')
    with pytest.raises(BuildFailed) as failed:
        project.build()
    assert {d.code for d in failed.value.problems.errors} == {"pdf-error"}
    assert "outside the course project" in failed.value.problems.errors[0].message
    after = {p: p.read_bytes() for p in (project.root / "output").rglob("*") if p.is_file()}
    assert after == before
    assert not [p for p in project.root.iterdir() if p.name.startswith(".output")]


def test_handouts_for_both_audiences_and_languages(project):
    output = project.build()
    participant = output / "site/en/handouts/test-les-1-en.pdf"
    facilitator = output / "facilitator/id/test-les-1-facilitator-id.pdf"
    text = {path: "".join(pdf.get_textpage().get_text_range() for pdf in pdfium.PdfDocument(str(path)))
            for path in (participant, facilitator)}
    assert "Lesson one" in text[participant] and "Page 1 of" in text[participant]
    assert "Secret facilitator note" not in text[participant]
    assert "Catatan rahasia widyaiswara." in text[facilitator]
    assert "Alasan rahasia." in text[facilitator]
    assert "Halaman 1 dari" in text[facilitator]
