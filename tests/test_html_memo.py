"""The memo of template outputs (render/memo.py, model/inputs.py): after any edit, a
build with a warm memo writes the same bytes as one that renders every page, and an
edit of one lesson's text renders only that lesson's documents and the pages that list
the PDFs' sizes.

The sample course is edited step by step; after each edit it is built with the warm
cache (memo and PDFs) and again with the memo off. The second build shares the PDF
cache, which is keyed by each PDF's final HTML (tests/test_books.py and test_cache.py
compare it with empty caches), so a page the memo gave stale differs there; it keeps
every build after the first to the documents that changed. The outputs that never use
the memo (question banks, the search index) are skipped after the first step, whose
comparison covers them."""
from __future__ import annotations

import shutil
from pathlib import Path

import jinja2
import pytest

from coursesmith.model.derived import FromLesson
from coursesmith.outputs.base import BuildContext
from coursesmith.pipeline import build
from coursesmith.stages import BuildOptions

REPO = Path(__file__).resolve().parent.parent
NOT_MEMOISED = ("question-banks", "search")


@pytest.fixture(scope="module")
def course(tmp_path_factory, built_sample) -> Path:
    """A copy of the built sample course, which the tests below edit step by step."""
    root = tmp_path_factory.mktemp("memo") / "course"
    shutil.copytree(built_sample, root, symlinks=True)
    return root


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def same_as_without_memo(root: Path, monkeypatch, skip: tuple[str, ...]) -> None:
    """Build with the warm memo, then with no memo, and compare every file written."""
    build(BuildOptions(project=root, output=root / "output", cache=root / "cache", jobs=2, skip=skip))
    with monkeypatch.context() as patch:
        patch.setattr(BuildContext, "html_memo", lambda self: None)
        shutil.rmtree(root / "fresh", ignore_errors=True)
        build(BuildOptions(project=root, output=root / "fresh", cache=root / "cache", jobs=2, skip=skip))
    warm, fresh = files(root / "output"), files(root / "fresh")
    assert warm.keys() == fresh.keys()
    assert [name for name in warm if warm[name] != fresh[name]] == []


KOAL_01, KOAL_02 = "modules/koalisi/koal-01.yaml", "modules/koalisi/koal-02.yaml"
OVERRIDE = "templates/site/lesson.html"

EDITS = {
    # a paragraph that also starts linking to KOAL-02's first section
    "paragraph": lambda root: replace(root / KOAL_02, "menjawab\n",
                                      "menjawab (lihat [bagian itu](lesson:KOAL-02#S1))\n"),
    "lesson title": lambda root: replace(root / KOAL_01, "id: Memahami Pemangku Kepentingan dan Koalisi",
                                         "id: Memahami Para Pemangku Kepentingan dan Koalisi"),
    "linked section heading": lambda root: replace(root / KOAL_02, '{id: "Dari daftar ke peta"',
                                                   '{id: "Dari daftar menuju peta"'),
    "figure caption": lambda root: replace(root / KOAL_02, '"Matriks kekuatan–kepentingan (Eden',
                                           '"Matriks kekuatan dan kepentingan (Eden'),
    "glossary term": lambda root: replace(root / "course/glossary.yaml", "{id: Koalisi, en: Coalition}",
                                          "{id: Koalisi kerja, en: Working coalition}"),
    "schedule time": lambda root: replace(root / "course/course.yaml", 'start: "07:30"', 'start: "07:45"'),
    "course.yaml": lambda root: replace(root / "course/course.yaml", "Pelatihan Kepemimpinan Administrator",
                                        "Pelatihan Kepemimpinan Para Administrator"),
    "image": lambda root: replace(root / "modules/koalisi/img/power-interest-grid-en.svg", "</svg>",
                                  '<circle cx="5" cy="5" r="3"/></svg>'),
    # an override that shows the next lesson's first section on each lesson's page…
    "template override": lambda root: (root / OVERRIDE).parent.mkdir(parents=True, exist_ok=True) or
    (root / OVERRIDE).write_text(
        (REPO / "templates" / "site" / "lesson.html").read_text(encoding="utf-8").replace(
            "{{ parts.sections(lesson) }}",
            "{{ parts.sections(lesson) }}{% if lesson.next %}<aside>{{ lesson.next.lesson.sections[0].body | md }}"
            "</aside>{% endif %}", 1), encoding="utf-8"),
    # … so that an edit of KOAL-03's text changes KOAL-02's page
    "paragraph an override shows": lambda root: replace(root / "modules/koalisi/koal-03.yaml", "      id: |\n",
                                                        "      id: |\n        Kalimat yang baru.\n\n"),
}


@pytest.mark.parametrize("edit", list(EDITS))
def test_a_warm_build_after_an_edit_writes_what_a_fresh_one_does(course, monkeypatch, edit):
    EDITS[edit](course)
    same_as_without_memo(course, monkeypatch, () if edit == "paragraph" else NOT_MEMOISED)


def test_an_override_that_shows_another_lesson_follows_its_edits(course):
    """The override of the steps above is there: KOAL-02's page shows KOAL-03's new sentence."""
    if not (course / OVERRIDE).is_file():
        pytest.skip("runs after the edits above")
    assert "Kalimat yang baru." in (course / "output/site/id/lessons/koal-02.html").read_text(encoding="utf-8")


@pytest.fixture
def rendered(monkeypatch) -> list[tuple[str, str]]:
    """The (audience, path) of every page a template renders."""
    seen: list[tuple[str, str]] = []
    render = jinja2.Template.render

    def counting(self, *args, **kwargs):
        context = dict(*args, **kwargs)
        if "page_path" in context:
            seen.append((context["audience"], context["page_path"]))
        return render(self, *args, **kwargs)
    monkeypatch.setattr(jinja2.Template, "render", counting)
    return seen


def _options(root: Path) -> BuildOptions:
    """A build with a cache, the outputs the memo does not cover left out."""
    return BuildOptions(project=root, output=root / "output", cache=root / "cache", jobs=2, skip=NOT_MEMOISED)


@pytest.fixture(scope="module")
def built_sample(sample_output: Path, tmp_path_factory) -> Path:
    """The session's built sample (sources, output, cache) copied and built once more with
    this module's options; each test below edits a copy of it."""
    root = tmp_path_factory.mktemp("built") / "course"
    shutil.copytree(sample_output.parent, root, symlinks=True)
    build(_options(root))
    return root


def _sample_copy(tmp_path: Path, built: Path) -> tuple[Path, BuildOptions]:
    """A copy of the built sample course (sources, output, cache), built once more in its new place."""
    root = tmp_path / "course"
    shutil.copytree(built, root, symlinks=True)
    options = _options(root)
    build(options)
    return root, options


def test_an_edit_of_a_lessons_text_renders_only_its_documents(tmp_path, built_sample, rendered):
    root, options = _sample_copy(tmp_path, built_sample)
    rendered.clear()
    replace(root / KOAL_02, "menjawab\n", "menjawab dengan jelas\n")
    build(options)
    paths = {path for _, path in rendered}
    own = {p for p in paths if "koal-02" in p.lower()}
    # its page, handouts, facilitator handout, worksheet-free slides (reveal and PDF), in both languages
    assert {"id/lessons/koal-02.html", "en/lessons/koal-02.html", "id/slides/koal-02.html",
            "id/handouts/kkmp-koal-02-id.pdf", "en/kkmp-koal-02-facilitator-en.pdf"} <= own
    others = [p for p in paths - own if any(code in p.lower() for code in ("koal-01", "koal-03", "peru-0"))]
    assert others == []
    # the course-wide pages whose templates show no lesson's prose (render/memo.py OUTLINE_ONLY)
    # are not rendered again; the downloads page and the home page list the PDFs' sizes
    assert sorted(paths - own) == ["en/downloads.html", "en/index.html", "id/downloads.html", "id/index.html"]


def test_an_edit_plans_only_the_slides_of_its_lesson(tmp_path, built_sample, monkeypatch):
    """A deck whose page the memo holds is never planned (model/derived.py): after an
    edit of one lesson's text, only that lesson's decks are."""
    root, options = _sample_copy(tmp_path, built_sample)
    planned: list[str] = []
    items = FromLesson.items

    def counted(self):
        if self._items is None:
            planned.append(self.lesson.code)
        return items(self)
    monkeypatch.setattr(FromLesson, "items", counted)
    replace(root / KOAL_02, "menjawab\n", "menjawab dengan jelas\n")
    build(options)
    assert planned and set(planned) == {"KOAL-02"}
