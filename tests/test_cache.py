"""Work already done is not done again, and never changes what a build writes: each
kind of input re-renders exactly the PDFs that depend on it, a cached build is
byte-identical to a clean one, and --jobs and --shard never change a byte."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from coursesmith.locations import default_templates_dir
from coursesmith.stages import BuildOptions, Progress
from coursesmith.pipeline import build

from conftest import MINIMAL

LESSON = "modules/m1/les-1.yaml"


class Recorder(Progress):
    """What a build's batches of PDFs rendered and reused (each batch calls `start`)."""

    def __init__(self) -> None:
        self.rendered: set[str] = set()
        self.reused: set[str] = set()

    def done(self, document: str, cached: bool) -> None:
        (self.reused if cached else self.rendered).add(document)


@pytest.fixture
def cached(project):
    """The scratch project with a worksheet and an image, built once into the cache."""
    project.write("modules/m1/img/grid.svg", "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'/>")
    project.write(LESSON, MINIMAL[LESSON].replace(
        "            participant_instructions: {id: Dengarkan., en: Listen.}",
        "            worksheet: LK-1\n            participant_instructions: {id: Dengarkan., en: Listen.}").replace(
        'body: {id: "Isi **bagian**.", en: "Section **body**."}',
        'body: {id: "Isi ![Kisi](img/grid.svg)", en: "Body ![Grid](img/grid.svg)"}').rstrip(" ") + """\
        worksheets:
          - code: LK-1
            title: {id: Lembar, en: Sheet}
            instructions: {id: Isi., en: Fill in.}
            prompts: [{text: {id: Satu, en: One}}]
        """)
    rebuild(project)
    return project


def rebuild(project, **options) -> Recorder:
    recorder = Recorder()
    settings = dict(project=project.root, output=project.root / "output", cache=project.root / ".cache", jobs=1,
                    skip=("office", "slides-pdf"))  # the print output's cache; the office papers and the
    # slides' PDFs have tests of their own (test_office.py, test_slides.py)
    build(BuildOptions(**(settings | options)), recorder)
    return recorder


NAMES = ("site/{lang}/handouts/test-les-1-{lang}.pdf", "site/{lang}/worksheets/test-lk-1-{lang}.pdf",
         "site/{lang}/test-reader-{lang}.pdf",
         "site/{lang}/test-reader-screen-{lang}.pdf", "facilitator/{lang}/test-les-1-facilitator-{lang}.pdf",
         "facilitator/{lang}/test-facilitator-guide-{lang}.pdf")
# The parts only the books show, laid out once each and kept in the cache.
PARTS = ("site/parts/participant/{lang}/front.pdf", "site/parts/participant/{lang}/front-screen.pdf",
         "site/parts/participant/{lang}/module-mod-1.pdf", "site/parts/participant/{lang}/glossary.pdf",
         "site/parts/participant/{lang}/references.pdf", "facilitator/parts/facilitator/{lang}/front.pdf",
         "facilitator/parts/facilitator/{lang}/module-mod-1.pdf")
ALL = {name.format(lang=lang) for lang in ("id", "en") for name in NAMES + PARTS}


def documents(*patterns: str) -> set[str]:
    return {name for name in ALL if any(pattern in name for pattern in patterns)}


def test_nothing_changed_renders_nothing(cached):
    recorder = rebuild(cached)
    assert recorder.rendered == set() and recorder.reused == ALL


def test_lesson_title_renders_every_document_of_its_language(cached):
    cached.write(LESSON, cached.root.joinpath(LESSON).read_text().replace("Lesson one", "Lesson 1"))
    # not the glossary nor the bibliography, which do not name lessons
    assert rebuild(cached).rendered == documents("/en/") - documents("en/glossary", "en/references")


def test_reading_text_leaves_worksheets_alone(cached):
    text = cached.root.joinpath(LESSON).read_text()
    cached.write(LESSON, text.replace('en: "Body ![Grid]', 'en: "Changed body ![Grid]'))
    # the lesson's own handouts; the books are bound again
    assert rebuild(cached).rendered == documents("site/en/handouts", "facilitator/en/test-les-1", "reader-en",
                                                 "reader-screen-en", "facilitator-guide-en")


def test_facilitator_note_renders_only_facilitator_documents(cached):
    text = cached.root.joinpath(LESSON).read_text()
    cached.write(LESSON, text.replace("Secret facilitator note.", "Another secret note."))
    assert rebuild(cached).rendered == documents("facilitator/en/test-les-1", "facilitator-guide-en")


def test_template_renders_exactly_the_documents_made_with_it(cached):
    source = (default_templates_dir() / "print" / "worksheet.html").read_text(encoding="utf-8")
    cached.write("templates/print/worksheet.html", source.replace("<main>", '<main class="edited">'))
    assert rebuild(cached).rendered == documents("worksheets")


def test_stylesheet_and_fonts_render_everything(cached):
    source = (default_templates_dir() / "css" / "print.css").read_text(encoding="utf-8")
    cached.write("templates/css/print.css", source + "\n.edited { color: red; }\n")
    assert rebuild(cached).rendered == ALL
    assert rebuild(cached).rendered == set()
    fonts = cached.root / "templates" / "fonts"
    fonts.mkdir(parents=True)
    shutil.copyfile(default_templates_dir() / "fonts" / "SourceSansPro-Bold.ttf", fonts / "SourceSansPro-Regular.ttf")
    assert rebuild(cached).rendered == ALL


def test_image_renders_the_documents_that_show_it(cached):
    cached.write("modules/m1/img/grid.svg", "<svg xmlns='http://www.w3.org/2000/svg' width='20' height='10'/>")
    assert rebuild(cached).rendered == documents("les-1", "reader", "guide")


def test_course_file_renders_what_shows_it(cached):
    cached.write("course/course.yaml", MINIMAL["course/course.yaml"].replace("Test Course", "Tested Course"))
    assert rebuild(cached).rendered == documents("/en/")  # the English title
    cached.write("course/course.yaml", MINIMAL["course/course.yaml"].replace(
        "  name: {id: Lembaga Uji, en: Test Institute}", "  name: {id: Lembaga Uji, en: Test Institute}\n"
        "          accent_color: '#7a1f5c'"))
    assert rebuild(cached).rendered == ALL  # the colour, in every document


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_cached_build_is_byte_identical_to_a_clean_one(cached, tmp_path):
    cached.write(LESSON, cached.root.joinpath(LESSON).read_text().replace("Secret facilitator note.", "Other."))
    rebuild(cached)
    clean = tmp_path / "clean"
    rebuild(cached, output=clean, cache=None)
    assert tree(cached.root / "output") == tree(clean)


def test_jobs_never_change_a_byte(project, tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    build(BuildOptions(project=project.root, output=one, jobs=1))
    build(BuildOptions(project=project.root, output=two, jobs=2))
    assert tree(one) == tree(two)


def test_shards_together_make_the_full_set_of_pdfs(project, tmp_path):
    full = tmp_path / "full"
    # --shard shares out the print output's PDFs (it implies --only print); the office's are not sharded
    build(BuildOptions(project=project.root, output=full, jobs=2, skip=("office",)))
    shared_cache = tmp_path / "cache"
    union: dict[str, bytes] = {}
    for index in (1, 2, 3):
        output = tmp_path / f"shard-{index}"
        build(BuildOptions(project=project.root, output=output, jobs=1, shard=(index, 3), cache=shared_cache))
        part = tree(output)
        assert part and all(name.endswith(".pdf") for name in part)
        assert not set(part) & set(union), "shards overlap"
        union |= part
    # Shards share out the print output's PDFs; the slides' PDFs are another output's.
    assert union == {name: data for name, data in tree(full).items() if name.endswith(".pdf") and "/slides/" not in name}
    recorder = Recorder()
    build(BuildOptions(project=project.root, output=tmp_path / "after", jobs=1, cache=shared_cache,
                       skip=("office",)), recorder)
    assert {document for document in recorder.rendered if "/slides/" not in document} == set()  # not sharded
    assert tree(tmp_path / "after") == tree(full)


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    return subprocess.run([sys.executable, "-m", "coursesmith", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300)


def test_an_unchanged_project_is_not_built_again(project):
    first = run("build", "--no-pdf", cwd=project.root)
    assert first.returncode == 0 and "built" in first.stdout
    second = run("build", "--no-pdf", cwd=project.root)
    assert second.returncode == 0 and second.stdout.startswith("nothing changed since the last build")
    (project.root / "output" / "site" / "en" / "index.html").write_text("edited by hand")
    third = run("build", "--no-pdf", cwd=project.root)
    assert third.stdout.startswith("built")
    project.write(LESSON, MINIMAL[LESSON].replace("Lesson one", "Lesson 1"))
    fourth = run("build", "--no-pdf", cwd=project.root)
    assert fourth.stdout.startswith("built")
    assert run("build", "--no-pdf", "--strict", cwd=project.root).stdout.startswith("built")


def test_the_unchanged_check_loads_nothing_heavy(project):
    assert run("build", "--no-pdf", cwd=project.root).returncode == 0
    code = ("import sys; from coursesmith.cli import main; status = main(['build', '--no-pdf']); "
            "heavy = [m for m in ('pydantic', 'jinja2', 'yaml', 'weasyprint') if m in sys.modules]; "
            "assert status == 0 and not heavy, heavy")
    result = subprocess.run([sys.executable, "-c", code], cwd=project.root, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_progress_is_plain_lines_in_logs_and_silent_when_quiet(project):
    lines = run("build", "--jobs", "1", "--no-cache", "--skip", "office", cwd=project.root)
    assert lines.returncode == 0
    # per language: the handout, the facilitator handout, 5 + 2 parts only books show, 3 books
    # (then the slides' PDF and handout in each language join the count)
    assert "[1/24] rendered" in lines.stderr and "[28/28] rendered" in lines.stderr
    assert lines.stderr.count(" rendered ") == 28
    quiet = run("build", "--jobs", "1", "--no-cache", "-q", "--skip", "office", cwd=project.root)
    assert quiet.stderr == "" and quiet.stdout.startswith("built ")
    # The print output's 10 documents (24 with the parts only books show report progress); the summary adds
    # the slides' PDF and handout in each language.
    assert "(14 rendered, 0 reused from the cache" in quiet.stdout


def test_the_print_and_office_pdfs_are_counted_in_one_sequence(project):
    lines = run("build", "--jobs", "1", "--no-cache", "--only", "print,office", cwd=project.root)
    assert lines.returncode == 0, lines.stderr
    counts = [line.split("]", 1)[0].lstrip("[").split("/") for line in lines.stderr.splitlines() if line.startswith("[")]
    # One count from 1 to the last total; the total grows when the office's PDFs join the print output's.
    assert [int(done) for done, _ in counts] == list(range(1, int(counts[-1][1]) + 1))
    assert len({total for _, total in counts}) <= 2
    assert any("/office/" in line or " office/" in line for line in lines.stderr.splitlines())  # the office's are in it


def test_shard_and_jobs_are_checked_on_the_command_line(project):
    for bad in (["--shard", "3/2"], ["--shard", "x"], ["--jobs", "0"]):
        result = run("build", *bad, cwd=project.root)
        assert result.returncode == 2, bad
