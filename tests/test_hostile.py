"""The hostile-input corpus (hostile_cases.py), run through the real command in this
process while an audit hook watches: each case is reported at its file and line with
exit 1, or built cleanly without its payload in any output file (PDF streams
decompressed); no case opens a file outside the project, starts a process other than
the search indexer, or touches the network."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
import pytest
import weasyprint  # noqa: F401  imported before watching: loading its libraries runs `ldconfig -p` once

from coursesmith.cli import main
from coursesmith.render.environment import make_environment, template_search_path
from jinja2.sandbox import SecurityError

from hostile_cases import BODY as BODY_LINE, CASES, LESSON as LESSON_FILE, PAYLOAD, SECRET, Hostile, outside
from watch import watching


def command(case: Hostile, root: Path) -> list[str]:
    stage = case.stage if case.code or case.stage != "check" else "build"
    if stage == "check":
        return ["check", "-p", str(root)]
    pdf = [] if stage == "build-pdf" else ["--no-pdf"]
    return ["build", "-p", str(root), "--jobs", "1", "--no-cache", "--quiet", *pdf]


def published(output: Path) -> dict[str, bytes]:
    """Every output file's bytes; a PDF's every stream decoded and every string kept."""
    found = {}
    for path in sorted(output.rglob("*")):
        if path.is_file():
            found[path.relative_to(output).as_posix()] = pdf_bytes(path) if path.suffix == ".pdf" else path.read_bytes()
    return found


def shows_colour(pdf: Path, rgb: tuple[int, int, int]) -> bool:
    """Whether any page of the PDF, rendered, has a pixel of (nearly) this colour."""
    document = pdfium.PdfDocument(pdf)
    for page in document:
        image = page.render(scale=0.5).to_pil().convert("RGB")
        colours = image.getcolors(image.width * image.height)
        if any(all(abs(a - b) < 8 for a, b in zip(colour, rgb)) for _, colour in colours):
            return True
    return False


def pdf_bytes(path: Path) -> bytes:
    reader = pypdf.PdfReader(path)
    parts, seen, todo = [], set(), [reader.trailer]
    while todo:
        node = todo.pop()
        if isinstance(node, pypdf.generic.IndirectObject):
            if (node.idnum, node.generation) in seen:
                continue
            seen.add((node.idnum, node.generation))
            node = node.get_object()
        if isinstance(node, pypdf.generic.StreamObject):
            parts.append(node.get_data())
        if isinstance(node, dict):
            todo += list(node.values())
        elif isinstance(node, list):
            todo += node
        elif isinstance(node, (str, bytes)):
            parts.append(node.encode("utf-8", "replace") if isinstance(node, str) else node)
    return b"\n".join(parts)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_hostile_input(case: Hostile, project, capsys):
    for relative, text in case.files.items():
        project.write(relative, text)
    if case.setup:
        case.setup(project)
    with watching() as seen:
        status = main(command(case, project.root))
    captured = capsys.readouterr()
    report = captured.out + captured.err
    assert "Traceback" not in report
    if case.code:
        assert status == 1, report
        located = [line for line in report.splitlines() if f" {case.code}: " in line]
        assert any(case.where in line.split(": ")[0] for line in located), report
    else:
        assert status == 0, report
        for name, data in published(project.root / "output").items():
            assert case.payload.encode() not in data, name
    assert SECRET not in report
    assert seen.outside(project.root.resolve()) == []
    assert seen.foreign_processes() == []
    assert seen.network == []
    assert not (project.root / "pwned").exists() and not Path("pwned").exists()


def test_the_corpus_is_large_and_covers_every_class():
    assert len(CASES) > 100
    codes = {case.code for case in CASES}
    assert {"template-error", "link-outside", "svg-unsafe", "asset-unsafe", "css-unsafe", "url-scheme",
            "control-character", "yaml-too-deep", "print-setup-error", "schedule-overlap",
            "reflective-without-rubric", ""} <= codes
    assert PAYLOAD and SECRET


SAFE_SVG = ("<svg xmlns='http://www.w3.org/2000/svg' width='400' height='200' viewBox='0 0 40 20'><defs>"
            "<linearGradient id='g'><stop offset='0' stop-color='#c81e5a'/><stop offset='1' stop-color='#c81e5a'/>"
            "</linearGradient></defs><rect width='40' height='20' fill='url(#g)'/></svg>\n")
MAP = 'body: {id: "![Peta](img/map.svg)", en: "![Map](img/map.svg)"}'


def test_a_safe_svg_reaches_site_and_pdf_and_a_hostile_one_stops_the_build(project, capsys):
    project.write("modules/m1/img/map.svg", SAFE_SVG)
    project.write(LESSON_FILE, project.root.joinpath(LESSON_FILE).read_text().replace(BODY_LINE, MAP))
    assert main(["build", "-p", str(project.root), "--jobs", "1", "--no-cache", "--quiet"]) == 0
    site = project.root / "output/site"
    cleaned = (site / "assets/modules/m1/img/map.svg").read_text()  # the site publishes its cleaned copy
    assert "linearGradient" in cleaned and "url(#g)" in cleaned and "<script" not in cleaned
    handout = next((site / "en/handouts").glob("*.pdf"))
    assert shows_colour(handout, (200, 30, 90))  # the SVG's gradient, drawn in the PDF
    before = published(project.root / "output")
    project.write("modules/m1/img/map.svg", SAFE_SVG.replace("</svg>", f"<script>{PAYLOAD}</script></svg>"))
    capsys.readouterr()
    assert main(["build", "-p", str(project.root), "--jobs", "1", "--no-cache", "--quiet"]) == 1
    report = "".join(capsys.readouterr())
    assert "map.svg:1:" in report and " svg-unsafe: " in report and " asset-unsafe: " in report
    assert published(project.root / "output") == before  # the previous output, untouched


def test_a_refused_url_in_the_print_stylesheet_is_reported_once_at_its_line(project, capsys):
    project.write("templates/css/print.css", "p { color: black; }\nh1 { background: url(file:///etc/passwd); }\n")
    with watching() as seen:
        assert main(["build", "-p", str(project.root), "--jobs", "1", "--no-cache", "--quiet"]) == 1
    lines = [line for line in "".join(capsys.readouterr()).splitlines() if ": error " in line or ": warning " in line]
    assert lines == ["proj/templates/css/print.css:2:18: error css-unsafe: url() of 'file:///etc/passwd' is "
                     "refused: it is a remote or absolute address"]
    assert "/etc/passwd" not in seen.opened


def test_a_copy_of_the_bundled_reveal_css_passes_and_an_edited_one_is_checked(project, capsys):
    from coursesmith.locations import default_templates_dir

    bundled = (default_templates_dir() / "slides/reveal/reveal.css").read_text(encoding="utf-8")
    project.write("templates/slides/reveal/reveal.css", bundled)
    assert main(["check", "-p", str(project.root), "--format", "text"]) == 0, "".join(capsys.readouterr())
    project.write("templates/slides/reveal/reveal.css", bundled + "\n/* our own */\n")
    assert main(["check", "-p", str(project.root), "--format", "text"]) == 1
    report = "".join(capsys.readouterr())
    assert "reveal.css:9:" in report and " css-unsafe: " in report  # its inline SVG icons, once edited


def test_a_file_check_cannot_read_is_not_opened_while_fingerprinting(project, monkeypatch, capsys):
    """As a non-root user meets it: the lesson is not readable (root reads every file,
    so the refusal is simulated where the build asks)."""
    target = str((project.root / LESSON_FILE).resolve())
    real_access, real_read = os.access, Path.read_bytes

    def read_bytes(self):
        if str(self.resolve()) == target:  # as the system does: the attempt is seen, then refused
            sys.audit("open", str(self), "rb", 0)
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self)

    monkeypatch.setattr(os, "access", lambda path, mode: str(Path(path).resolve()) != target and real_access(path, mode))
    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    with watching() as checking:
        main(["check", "-p", str(project.root)])
    with watching() as seen:
        status = main(["build", "-p", str(project.root), "--no-pdf", "--jobs", "1", "--quiet"])  # with the cache
    report = "".join(capsys.readouterr())
    assert status == 1 and "les-1.yaml:1:1: error file-unreadable: " in report
    assert seen.opened.count(target) == checking.opened.count(target)  # the fingerprint never tried it


def test_the_template_loader_refuses_a_link_out_before_opening_it(project):
    secret = outside(project)
    project.write("templates/site/glossary.html", "{% include 'site/x.html' %}\n")
    (project.root / "templates/site/x.html").symlink_to(secret)
    environment = make_environment(template_search_path(project.root))
    with watching() as seen, pytest.raises(SecurityError, match="outside the template folder"):
        environment.get_template("site/glossary.html").render()
    assert secret not in seen.opened


def test_pdf_workers_that_cannot_start_fail_the_build_once(project):
    """Worker processes whose set-up fails used to be replaced by the pool for ever."""
    project.write("templates/css/print.css", '@import "missing.css";\np { color: black; }\n')
    result = subprocess.run([sys.executable, "-m", "coursesmith", "build", "--jobs", "2", "--no-cache", "--quiet"],
                            cwd=project.root, capture_output=True, text=True, timeout=120)
    report = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in report, report
    errors = [line for line in report.splitlines() if ": error " in line]
    assert errors == ["templates/css/print.css:1:1: error print-setup-error: the PDFs cannot be made with this "
                      "stylesheet: cannot read templates/css/missing.css: no such file"]


def test_what_the_sandbox_decides_once_per_type_it_still_checks_for_every_value(tmp_path):
    """The sandbox remembers per (type, name) what Jinja decides by type and name; a value
    that reaches the machine (a module, a class) is refused each time it turns up, even
    on an object of a type whose attribute of that name was allowed before."""
    class Holder:
        def __init__(self, thing):
            self.thing = thing

    template = make_environment([tmp_path]).from_string("{{ holder.thing }}")
    assert template.render(holder=Holder("harmless")) == "harmless"
    with pytest.raises(SecurityError):
        template.render(holder=Holder(os))
    with pytest.raises(SecurityError):
        template.render(holder=Holder(Path))
    assert template.render(holder=Holder("again")) == "again"
    with pytest.raises(SecurityError):
        make_environment([tmp_path]).from_string("{{ holder.__class__ }}").render(holder=Holder("x"))
