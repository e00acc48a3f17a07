"""`serve`'s background builder (`build --builds-on-stdin`): one process that builds
again each time it is asked, keeping its PDF workers and compiled templates warm, and
still builds exactly what a fresh `coursesmith build` would."""
from __future__ import annotations

import io
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path

import pikepdf

from coursesmith.render.environment import default_templates_dir
from coursesmith.serve.background import END_OF_BUILD

TIMEOUT = 240.0
BODIES = ("Isi **bagian**.", "Section **body**.")  # the minimal project's lesson text (conftest.MINIMAL)


class Builder:
    """A background builder on a project, asked to build by a line on its input."""

    def __init__(self, root: Path, *options: str):
        command = [sys.executable, "-m", "coursesmith", "build", "-p", str(root), "-q", "--format", "text",
                   "--builds-on-stdin", *options]
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, text=True, cwd=root,
                                        env={**os.environ, "PYTHONUNBUFFERED": "1"})
        self.lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def build(self, token: str) -> tuple[int, list[str]]:
        """Ask for one build; its exit status and what it printed."""
        self.process.stdin.write(f"{token}\n")
        self.process.stdin.flush()
        said = []
        while (line := self.lines.get(timeout=TIMEOUT)) is not None:
            if line.startswith(f"{END_OF_BUILD} {token} "):
                return int(line.split()[-1]), said
            said.append(line)
        raise AssertionError("the builder ended during a build:\n" + "\n".join(said))

    def workers(self) -> list[int]:
        found = subprocess.run(["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True)
        return sorted(int(pid) for pid in found.stdout.split())

    def finish(self) -> int:
        self.process.stdin.close()
        return self.process.wait(TIMEOUT)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def _picture(path: Path, size: tuple[int, int], colour: str) -> None:
    from PIL import Image

    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, colour).save(path, format="PNG")


def _image_sizes(pdf: Path) -> list[tuple[int, int]]:
    with pikepdf.open(pdf) as document:
        return sorted({(int(image.Width), int(image.Height)) for page in document.pages
                       for image in page.get_images().values()})


def test_workers_stay_warm_between_builds_and_images_are_read_again(project):
    """The second build is laid out by the first build's workers, and a picture changed
    at the same address in between is the new one in the PDFs (a worker's image cache
    is not carried from one build to the next). Four documents show the picture (the
    handout and facilitator handout in each language), so both workers meet it."""
    picture = project.root / "modules/m1/img/picture.png"
    _picture(picture, (40, 20), "#aa2200")
    lesson = project.root / "modules/m1/les-1.yaml"
    text = lesson.read_text(encoding="utf-8")
    for body in BODIES:
        text = text.replace(body, f"{body}\\n\\n![A test picture](img/picture.png)")
    lesson.write_text(text, encoding="utf-8")
    pdfs = [project.root / "output" / path for path in (
        "site/id/handouts/test-les-1-id.pdf", "site/en/handouts/test-les-1-en.pdf",
        "facilitator/id/test-les-1-facilitator-id.pdf", "facilitator/en/test-les-1-facilitator-en.pdf")]
    builder = Builder(project.root, "--only", "print", "--jobs", "2")
    try:
        status, said = builder.build("first")
        assert status == 0, said
        assert [_image_sizes(pdf) for pdf in pdfs] == [[(40, 20)]] * 4
        workers = builder.workers()
        assert len(workers) == 2  # idle, waiting for the next build

        _picture(picture, (80, 30), "#0022aa")
        status, said = builder.build("second")
        assert status == 0, said
        assert any("1 rendered" in line or " rendered," in line for line in said), said
        assert builder.workers() == workers
        assert [_image_sizes(pdf) for pdf in pdfs] == [[(80, 30)]] * 4
        assert builder.finish() == 0
        assert builder.workers() == []
    finally:
        builder.kill()


def test_a_template_added_between_builds_is_used(project):
    """A template the project adds to override a default the builder has compiled
    already is used by the next build (the project has a templates folder from the
    start, so the search path itself stays the same)."""
    project.write("templates/site/README.txt", "The project's own templates go here.\n")
    builder = Builder(project.root, "--only", "site", "--jobs", "1")
    glossary = project.root / "output/site/id/glossary.html"
    try:
        assert builder.build("first")[0] == 0
        assert "override-marker" not in glossary.read_text(encoding="utf-8")
        default = default_templates_dir() / "site/glossary.html"
        source = default.read_text(encoding="utf-8")
        assert "<dl" in source
        project.write("templates/site/glossary.html", source.replace("<dl", '<dl data-note="override-marker"', 1))
        status, said = builder.build("second")
        assert status == 0, said
        assert "override-marker" in glossary.read_text(encoding="utf-8")
        assert builder.finish() == 0
    finally:
        builder.kill()


def test_a_broken_save_fails_that_build_only(project):
    """A mistake saved between builds fails the next build with what a fresh `check`
    reports (the builder parses again only the files that changed); once fixed, the
    builder builds again."""
    builder = Builder(project.root, "--only", "site", "--jobs", "1")
    lesson = project.root / "modules/m1/les-1.yaml"
    good = lesson.read_text(encoding="utf-8")
    try:
        assert builder.build("first")[0] == 0
        lesson.write_text(good.replace("jp: 1", "jp: satu"), encoding="utf-8")
        status, said = builder.build("second")
        fresh = subprocess.run([sys.executable, "-m", "coursesmith", "check", "-p", str(project.root),
                                "--format", "text"], capture_output=True, text=True, cwd=project.root)
        located = [line for line in said if "les-1.yaml:" in line]
        assert status == 1 and located, said
        assert located == [line for line in fresh.stdout.splitlines() + fresh.stderr.splitlines()
                           if "les-1.yaml:" in line]
        lesson.write_text(good, encoding="utf-8")
        assert builder.build("third")[0] == 0
        assert builder.finish() == 0
    finally:
        builder.kill()


def test_serves_cache_limits_reach_its_builder(tmp_path):
    """`serve --cache-max 300MB --cache-days 2.5` holds the builder's cache to them too."""
    from coursesmith.cli import main as cli
    from coursesmith.pruning import CacheLimits
    from coursesmith.serve.background import BackgroundBuild

    limits = CacheLimits(max_bytes=300_000_000, days=2.5)
    background = BackgroundBuild(tmp_path, tmp_path / "built", tmp_path / "cache", True, 1,
                                 lambda text, busy: None, lambda documents: None, limits)
    command = background.command()
    assert command[command.index("--cache-max") + 1] == "300000000"
    assert command[command.index("--cache-days") + 1] == "2.5"
    assert "--cache-max" not in BackgroundBuild(tmp_path, tmp_path / "built", tmp_path / "cache", True, 1,
                                                lambda text, busy: None, lambda documents: None).command()
    parsed = []
    import coursesmith.cli.serve as serving
    original = serving.run_serve
    try:
        serving.run_serve = parsed.append
        cli(["serve", "-p", str(tmp_path), "--cache-max", "300MB", "--cache-days", "2.5"])
    finally:
        serving.run_serve = original
    assert serving.cache_limits(parsed[0]) == limits


class _Told:
    """A stand-in for the builder process: it prints `lines`, then its end line."""

    def __init__(self, lines: list[str]):
        self.stdin = io.StringIO()
        self.lines = lines

    @property
    def stdout(self):
        token = self.stdin.getvalue().strip()
        return iter([line + "\n" for line in self.lines] + [f"{END_OF_BUILD} {token} 0\n"])


def test_the_terminal_hears_the_builders_own_warnings_once_while_they_last(tmp_path, capsys):
    """`serve` says a warning only the build knows (here the cache's) in its terminal; not
    one its own check shows already (until it no longer does), and not again after each
    build while it lasts."""
    from coursesmith.diagnostics import Location, Problems, format_text, problem_line
    from coursesmith.serve.background import BackgroundBuild

    problems = Problems()
    problems.add("cache-untrusted", Location(tmp_path / ".coursesmith" / "cache"))
    problems.add("cache-not-ours", Location(tmp_path / "elsewhere"))
    cache_warning, known = problems.items
    printed = format_text(problems.items).splitlines() + ["built 3 pages and 2 PDFs (0 rendered, 2 reused)"]
    shown_now = {problem_line(known)}
    background = BackgroundBuild(tmp_path, tmp_path / "built", None, True, 1, lambda text, busy: None,
                                 lambda documents: None, shown=lambda: shown_now)

    def build(lines: list[str]) -> str:
        background.process = _Told(lines)
        background._builder = lambda: background.process
        assert background._build()
        return capsys.readouterr().err

    said = build(printed)
    assert problem_line(cache_warning) in said and f"    hint: {cache_warning.hint}" in said
    assert problem_line(known) not in said
    assert problem_line(cache_warning) not in build(printed)  # said once while it lasts
    build(printed[-1:])
    assert problem_line(cache_warning) in build(printed)  # gone, then back
    shown_now.clear()  # the preview's check no longer shows it, the build still warns
    assert problem_line(known) in build(printed)
