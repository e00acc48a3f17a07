"""Materials with quantities: the schema's two forms, its errors at file:line:col, and
the facilitator guide's checklist (deduplicated, per-group and per-participant counts
turned into totals)."""

from __future__ import annotations

import pytest

from conftest import MINIMAL, REPO
from coursesmith.diagnostics import Problems
from coursesmith.load.schema import Lesson, Material
from coursesmith.model.materials import checklist
from coursesmith.pipeline import check
from text_extract import normalise, pdf_pages

COUNTED = """minutes: 45
            materials:
              - Spidol
              - {id: Kertas, en: Paper}
              - {item: Kertas plano, quantity: 0}
              - {iten: Kartu, quantity: 2}
              - {item: Stiker, per: team}
              - {item: Lem, quantity: two}
"""


def test_the_counted_form_is_checked_at_each_mistake_with_the_keys_it_allows(project):
    project.write("modules/m1/les-1.yaml", MINIMAL["modules/m1/les-1.yaml"].replace("minutes: 45\n", COUNTED, 1))
    assert project.lines() == [
        "proj/modules/m1/les-1.yaml:22:40: error bad-number: 0 is not allowed for `quantity`: it must be at least 1",
        "proj/modules/m1/les-1.yaml:23:9: error missing-field: material is missing the required field 'item'",
        "proj/modules/m1/les-1.yaml:23:10: error unknown-key: unknown key 'iten' in material",
        "proj/modules/m1/les-1.yaml:24:29: error bad-value: 'team' is not a valid value for `per`",
        "proj/modules/m1/les-1.yaml:25:31: error wrong-type: `quantity` must be a whole number, but here it is "
        "the text 'two'",
        "5 errors, 0 warnings in 1 file",
    ]
    hints = [problem.hint for problem in project.check().errors]
    assert "Did you mean 'item'? Allowed keys here: item, quantity, per." in hints
    assert "Use one of: `group` or `participant`." in hints


def test_plain_text_and_counted_materials_load_as_one_shape(project):
    fine = COUNTED.split("              - {item: Kertas plano")[0] + "              - {item: {id: Lem, en: Glue}, quantity: 2, per: group}\n"
    project.write("modules/m1/les-1.yaml", MINIMAL["modules/m1/les-1.yaml"].replace("minutes: 45\n", fine, 1))
    assert not project.check().errors
    problems = Problems()
    lesson = check(project.root, problems).catalog.lessons["LES-1"].item
    materials = lesson.activities[0].materials
    assert all(isinstance(m, Material) for m in materials)
    assert [(m.item.values, m.quantity, m.per) for m in materials] == [
        ({"*": "Spidol"}, None, None), ({"id": "Kertas", "en": "Paper"}, None, None),
        ({"id": "Lem", "en": "Glue"}, 2, "group")]


def _lesson(*activities: dict) -> Lesson:
    base = {"kind": "lesson", "code": "L", "title": "T", "jp": 1, "learning_outcome": "O",
            "indicators": [{"code": "I", "bloom": "C2", "text": "t"}], "main_topics": [{"text": "m"}],
            "sections": [{"title": "s", "body": "b"}], "media": ["Kertas plano", "Proyektor"]}
    return Lesson.model_validate({**base, "activities": list(activities)})


def _activity(code: str, materials: list, **more) -> dict:
    return {"code": code, "type": "group_work", "minutes": 10, "materials": materials, **more}


def test_the_checklist_lists_each_thing_once_and_adds_up_what_it_can_count():
    lesson = _lesson(
        _activity("A1", [{"item": "Kertas plano", "quantity": 2, "per": "group"}, "Spidol"],
                  grouping="small_groups", group_size=5),
        _activity("A2", [{"item": "Kertas plano", "quantity": 4}, {"item": "Spidol", "per": "participant"},
                         {"item": "Kartu", "per": "group"}], grouping="small_groups"),
    )
    lines = {line.text: line for line in checklist(lesson, 30, "id", ["id"])}
    assert list(lines) == ["Kertas plano", "Proyektor", "Spidol", "Kartu"]
    plano = lines["Kertas plano"]
    assert [(u.activity, u.quantity, u.per, u.units) for u in plano.uses] == [("A1", 2, "group", 6), ("A2", 4, None, 1)]
    assert plano.total == 16
    assert lines["Spidol"].total == 30 and lines["Proyektor"].uses == []
    assert lines["Kartu"].total is None, "small groups of no stated size: the number of groups is unknown"
    assert checklist(lesson, None, "id", ["id"])[0].total is None, "no class size: per group cannot be counted"


@pytest.mark.parametrize("lang, lines", [
    ("id", ["Lembar kerja LK-01 — 30 (1 per peserta × 30)",
            "Set kartu aktor pentahelix — 6 (1 per kelompok × 6)",
            "Kartu kosong — 30 (5 per kelompok × 6)",
            "Penanda waktu atau bel — 1",
            "Lembar kerja LK-02 — 36 (A3: 1 per kelompok × 6; A3: 1 per peserta × 30)"]),
    ("en", ["Worksheet LK-01 — 30 (1 per participant × 30)",
            "Pentahelix actor card sets — 6 (1 per group × 6)",
            "Flip-chart sheet with the 2 × 2 grid already drawn — 6 (1 per group × 6)"]),
])
def test_the_guides_checklist_prints_the_samples_totals(sample_output, lang, lines):
    pages = pdf_pages(sample_output / "facilitator" / lang / f"kkmp-facilitator-guide-{lang}.pdf")
    text = normalise("\n".join(pages))
    for line in lines:
        assert normalise(line) in text, line
    summary = next(page for page in pages if "KOAL-01 · " + {"id": "Ringkasan sesi", "en": "Lesson summary"}[lang] in page)
    worksheet = {"id": "Lembar kerja LK-01", "en": "Worksheet LK-01"}[lang]
    assert normalise(summary).count(normalise(worksheet)) == 1, "the media's worksheet and A3's are one line"
