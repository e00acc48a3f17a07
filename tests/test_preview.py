"""The preview's warm state (in process): after any edit its pages are byte for byte
those of a fresh build, and it renders again only the pages an edit can change."""
from __future__ import annotations

from pathlib import Path

import pytest

from coursesmith.diagnostics import BuildFailed, Problems, format_text
from coursesmith.pipeline import build, check
from coursesmith.serve.preview import Preview
from coursesmith.serve.routes import Routes
from coursesmith.stages import BuildOptions
from serving import sample_project

LESSON = "modules/koalisi/koal-01.yaml"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return sample_project(tmp_path / "p")


def edit(project: Path, name: str, old: str, new: str) -> None:
    path = project / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def fresh_site(project: Path, output: Path) -> dict[str, str]:
    build(BuildOptions(project=project, output=output, pdf=False, cache=None, skip=("slides",)))  # the preview makes no decks
    site = output / "site"
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
            for p in site.rglob("*") if p.suffix in (".html", ".xml")}


EDITS = [  # (file, old, new, pages that must be rendered again at most)
    (LESSON, "menyentuh banyak pihak", "menyentuh sangat banyak pihak", "own"),
    (LESSON, "Memahami Pemangku Kepentingan", "Memahami Para Pemangku", "all"),
    (LESSON, "bloom: C2", "bloom: C3", "all"),
    (LESSON, "Pemangku kepentingan isu unit saya", "Pemangku kepentingan isu unit kami", "all"),
    ("course/glossary.yaml", "kind: glossary", "# a comment\nkind: glossary", "all"),
    ("course/course.yaml", "Membangun Koalisi dan Mengelola Perubahan", "Koalisi untuk Perubahan", "all"),
]


def test_pages_equal_a_fresh_build_after_each_edit(project: Path, tmp_path: Path):
    preview = Preview(project)
    first = preview.refresh()
    total = len(preview.snapshot.pages)
    assert first.rendered == total
    for number, (name, old, new, scope) in enumerate(EDITS):
        edit(project, name, old, new)
        result = preview.refresh()
        assert result.loaded == 1
        if scope == "own":  # one lesson's text: its pages and the course-wide ones, no other lesson's
            lessons = [p for p in preview.snapshot.pages if "/lessons/" in p]
            assert result.rendered <= total - len(lessons) + 4
            assert result.changed == {"id/lessons/koal-01.html", "facilitator/id/lessons/koal-01.html"}
        expected = fresh_site(project, tmp_path / f"out{number}")
        participant = {path: page for path, page in preview.snapshot.pages.items()
                       if not path.startswith("facilitator/")}
        assert participant == expected, name
    assert preview.refresh().rendered == 0  # nothing changed: nothing rendered, nothing loaded
    assert preview.memo.loaded == 0


def test_a_template_edit_renders_again(project: Path):
    preview = Preview(project)
    preview.refresh()
    own = project / "templates" / "site"
    own.mkdir(parents=True)
    default = (Path(__file__).resolve().parent.parent / "templates" / "site" / "lesson.html").read_text()
    (own / "lesson.html").write_text(default.replace("{% block main %}", "{% block main %}<p>MINE</p>"))
    result = preview.refresh()
    assert "id/lessons/koal-01.html" in result.changed
    assert "<p>MINE</p>" in preview.snapshot.pages["id/lessons/koal-01.html"]


def test_problems_are_those_of_check(project: Path):
    preview = Preview(project)
    preview.refresh()
    good = dict(preview.snapshot.pages)
    edit(project, LESSON, "bloom: C2", "bloom: C7")
    result = preview.refresh()
    problems = Problems()
    check(project, problems)
    assert result.problems_changed and preview.snapshot.failed
    assert format_text(preview.snapshot.problems) == format_text(problems.sorted())
    assert preview.snapshot.pages == good  # the last good pages stay


def test_facilitator_pages_only_on_loopback(project: Path, tmp_path: Path):
    preview = Preview(project)
    preview.refresh()
    public = Routes(preview, tmp_path / "built", loopback=False)
    private = Routes(preview, tmp_path / "built", loopback=True)
    assert public("/facilitator/id/lessons/koal-01.html").status == 404
    assert b"FACILITATOR" not in public("/facilitator/id/lessons/koal-01.html").body
    answer = private("/facilitator/id/lessons/koal-01.html")
    assert answer.status == 200 and "FACILITATOR — do not distribute".encode() in answer.body
    participant = public("/id/lessons/koal-01.html").body
    assert b"facilitator-note" not in participant and "do not distribute".encode() not in participant


def test_failed_build_raises_nothing_in_refresh(project: Path):
    (project / LESSON).write_bytes(b"\xff\xfe not text")
    preview = Preview(project)
    result = preview.refresh()  # never raises: the problems are the result
    assert preview.snapshot.failed and result.problems_changed and not preview.snapshot.pages
    with pytest.raises(BuildFailed):
        build(BuildOptions(project=project, output=project / "out", pdf=False, cache=None))
