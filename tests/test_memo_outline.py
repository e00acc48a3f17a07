"""The default templates that show only an outline of lessons' bodies (render/memo.py
OUTLINE_ONLY): their pages draw on no lesson's body, so an edit of a lesson's text
never renders them again. This holds them to it: the sample is built twice without the
memo, the second time with a sentence added to every line of prose of every section
(every line that is not in the outline: model/inputs.py), and each of their pages must
come out the same, while the lessons' own pages change."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from coursesmith import pipeline
from coursesmith.diagnostics import Problems
from coursesmith.model.inputs import OUTLINE
from coursesmith.outputs.base import BuildContext
from coursesmith.outputs.office.output import office_papers
from coursesmith.outputs.print.batch import pdf_jobs
from coursesmith.render.environment import Renderer
from coursesmith.render.memo import OUTLINE_ONLY
from coursesmith.stages import BuildOptions

REPO = Path(__file__).resolve().parent.parent
ADDED = " Kalimat tambahan untuk uji, dengan beberapa kata lagi agar panjangnya berubah."


def with_more_prose(text: str) -> str:
    """Every line of prose (outside fences, not in the outline) longer by a sentence."""
    lines, fenced = [], False
    for line in text.splitlines():
        if re.match(r"\s*(```|~~~)", line):
            fenced = not fenced
        prose = line.strip() and not fenced and not OUTLINE.search(line) and not re.match(r"\s*([-*+]|\d+\.)\s*$", line)
        lines.append(line + ADDED if prose else line)
    return "\n".join(lines) + ("\n" if text.endswith("\n") else "")


def template_outputs(root: Path, monkeypatch, longer: bool) -> dict[tuple[str, str, str], str]:
    """(template, page path, target) → HTML of every page a build renders (and of every
    printed document and office paper, not laid out), memo off."""
    seen: dict[tuple[str, str, str], str] = {}
    original_output, original_check = Renderer.template_output, pipeline.check

    def recorded(self, page):
        html = original_output(self, page)
        seen[(page.template, page.path, page.target)] = html
        return html

    def checked_and_longer(project, problems, *rest):
        checked = original_check(project, problems, *rest)
        for defined in checked.catalog.lessons.values():
            for section in defined.item.sections:
                section.body.values = {lang: with_more_prose(text) for lang, text in section.body.values.items()}
        return checked

    with monkeypatch.context() as patch:
        patch.setattr(BuildContext, "html_memo", lambda self: None)
        patch.setattr(Renderer, "template_output", recorded)
        if longer:
            patch.setattr(pipeline, "check", checked_and_longer)
        output = root / ("longer" if longer else "plain")
        shutil.rmtree(output, ignore_errors=True)
        pipeline.build(BuildOptions(project=root, output=output, cache=None, jobs=1, pdf=False))
        # the printed documents' HTML (parts and handouts), without laying them out
        problems = Problems()
        checked = pipeline.check(root, problems)
        models = pipeline.course_models(checked, {"participant", "facilitator", "office"}, root)
        list(pdf_jobs(models, checked.search_path, "", problems))
        for _, page, renderer in office_papers(models["office"], checked.search_path, problems)[2]:
            renderer.render(page)
    return seen


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    root = tmp_path_factory.mktemp("outline") / "course"
    for name in ("course", "modules"):
        shutil.copytree(REPO / name, root / name)
    with pytest.MonkeyPatch.context() as patch:
        return template_outputs(root, patch, longer=False), template_outputs(root, patch, longer=True)


def test_the_prose_was_really_longer(both):
    plain, longer = both
    lessons = [key for key in plain if key[0] == "site/lesson.html"]
    assert lessons and all(plain[key] != longer[key] for key in lessons)
    assert all(ADDED.strip() in longer[key] for key in lessons)


def test_outline_only_templates_show_no_lesson_body(both):
    plain, longer = both
    assert plain.keys() == longer.keys()
    covered = {template for template, _, _ in plain}
    assert OUTLINE_ONLY <= covered, f"not rendered by the sample: {sorted(OUTLINE_ONLY - covered)}"
    changed = sorted(f"{template} → {path}" for (template, path, target) in plain
                     if template in OUTLINE_ONLY and plain[(template, path, target)] != longer[(template, path, target)])
    assert changed == []
