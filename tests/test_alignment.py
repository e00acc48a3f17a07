"""Constructive alignment, on the model: every indicator of the sample is served by an
activity and measured at or above its Bloom level, the facilitator guide shows the map,
and the schedule's breaks, blocks and homework time behave as documented."""

from __future__ import annotations

import pytest

from coursesmith.check.alignment import reaches
from coursesmith.diagnostics import Problems
from coursesmith.model.course import build_course
from coursesmith.pipeline import check

from conftest import MINIMAL, REPO
from problem_cases import COURSE, LESSON, course, lesson
from text_extract import normalise, pdf_text


@pytest.fixture(scope="module")
def sample_model():
    problems = Problems()
    checked = check(REPO, problems)
    assert not problems.errors
    return build_course(checked.catalog, "facilitator", REPO)


def test_every_indicator_of_the_sample_is_measured_at_its_level(sample_model):
    unmet = []
    for view in sample_model.lessons:
        for row in view.alignment():
            levels = [m.bloom for m in row.evidence if m.individual]
            if row.indicator.evidence == "individual" and not any(reaches(b, row.indicator.bloom) for b in levels):
                unmet.append(f"{view.code} {row.indicator.code} ({row.indicator.bloom}): {levels}")
            if not row.activities:
                unmet.append(f"{view.code} {row.indicator.code}: no activity")
    assert unmet == []
    assert sum(len(view.alignment()) for view in sample_model.lessons) == 16


def test_every_activity_of_the_sample_serves_an_indicator(sample_model):
    for view in sample_model.lessons:
        served = {a.code for row in view.alignment() for a in row.activities}
        assert served == {a.code for a in view.lesson.activities if a.type != "break"}, view.code


def test_assessed_worksheets_of_the_sample_have_three_level_rubrics(sample_model):
    sheets = [w for view in sample_model.lessons for w in view.lesson.worksheets if w.assessed]
    assert {w.code for w in sheets} == {"LK-01", "LK-02", "LK-03", "LK-05"}
    assert all(sorted(level.level for level in w.rubric) == [1, 2, 3] for w in sheets)


def test_bloom_levels_count_upwards_and_affective_only_for_affective():
    assert reaches("C5", "C4") and reaches("C4", "C4") and not reaches("C2", "C4")
    assert reaches("affective", "affective") and not reaches("C6", "affective")
    assert not reaches("affective", "C1") and not reaches(None, "C1")


def test_breaks_inside_lessons_stay_out_of_jp_and_into_the_schedule(sample_model):
    koal02 = next(view for view in sample_model.lessons if view.code == "KOAL-02")
    assert koal02.minutes == 135 and koal02.scheduled_minutes == 145
    starts = {activity.code: start for start, activity in koal02.timeline()}
    assert starts["R1"] == 9 * 60 + 30 + 85 and starts["A4"] == starts["R1"] + 10
    assert koal02.slot.end == 11 * 60 + 55


def test_the_guide_shows_each_lessons_alignment_map(sample_output):
    for lang, heading in (("en", "Indicator → activity → assessment"), ("id", "Indikator → kegiatan → penilaian")):
        text = normalise(pdf_text(sample_output / "facilitator" / lang / f"kkmp-facilitator-guide-{lang}.pdf"))
        assert text.count(normalise(heading)) == 5
        assert normalise("LK-02 C6") in text and normalise("Q4 C4") in text


# --- the timing checks on small projects -------------------------------------------------

SCHEDULED = 'languages: [id, en]\n        schedule:\n          - start: "08:00"\n            slots:\n'


def codes(project) -> list[str]:
    return [d.code for d in project.check().items]


def test_a_break_activity_ends_a_block_and_is_not_counted_in_jp(project):
    lesson_text = MINIMAL[LESSON].replace("jp: 1", "jp: 2").replace("minutes: 45", "minutes: 45\n"
        "            indicators: [IND-1]\n          - code: R1\n            type: break\n            minutes: 10\n"
        "          - code: A2\n            type: lecture\n            minutes: 45", 1)
    project.write(LESSON, lesson_text)
    project.write(COURSE, MINIMAL[COURSE].replace("languages: [id, en]", SCHEDULED + "              - lesson: LES-1"))
    assert codes(project) == []
    project.write(COURSE, MINIMAL[COURSE].replace(
        "languages: [id, en]", "max_block_minutes: 40\n        " + SCHEDULED + "              - lesson: LES-1"))
    assert codes(project) == ["block-too-long", "block-too-long"]


def test_lessons_back_to_back_make_one_block(project):
    project.write("modules/m1/les-2.yaml", MINIMAL[LESSON].replace("code: LES-1", "code: LES-2").replace("jp: 1", "jp: 1"))
    project.write("modules/m1/module.yaml", MINIMAL["modules/m1/module.yaml"].replace("[LES-1]", "[LES-1, LES-2]"))
    slots = "              - lesson: LES-1\n              - lesson: LES-2"
    project.write(COURSE, MINIMAL[COURSE].replace("languages: [id, en]", SCHEDULED + slots))
    assert codes(project) == []  # 90 minutes is the limit, not over it
    breakless = slots + "\n              - {title: {id: Sambutan, en: Address}, minutes: 15}\n              - lesson: LES-3"
    project.write("modules/m1/les-3.yaml", MINIMAL[LESSON].replace("code: LES-1", "code: LES-3"))
    project.write("modules/m1/module.yaml", MINIMAL["modules/m1/module.yaml"].replace("[LES-1]", "[LES-1, LES-2, LES-3]"))
    project.write(COURSE, MINIMAL[COURSE].replace("languages: [id, en]", SCHEDULED + breakless))
    assert codes(project) == ["block-too-long"]  # an address is no break


def test_homework_fits_in_a_study_slot_but_not_in_a_break(project):
    homework = "            indicators: [IND-1]\n            homework: {minutes: 30, due: STUDY-1}\n"
    project.write(LESSON, MINIMAL[LESSON].replace("            indicators: [IND-1]\n", homework))
    study = ("              - lesson: LES-1\n              - {title: {id: Rehat, en: Break}, minutes: 15, type: break}\n"
             "              - {title: {id: Belajar mandiri, en: Study}, minutes: 30, type: study, code: STUDY-1}")
    project.write(COURSE, MINIMAL[COURSE].replace("languages: [id, en]", SCHEDULED + study))
    assert codes(project) == []
    project.write(COURSE, MINIMAL[COURSE].replace("languages: [id, en]", SCHEDULED + study.replace("minutes: 30, type: study",
                                                                                                   "minutes: 30, type: break")))
    assert codes(project) == ["task-without-time"]


def test_a_due_date_must_name_a_lesson_or_a_slot(project):
    project.write(LESSON, MINIMAL[LESSON].replace(
        "            indicators: [IND-1]\n", "            indicators: [IND-1]\n            homework: {minutes: 5, due: before LES-9}\n"))
    assert project.errors() == [
        "proj/modules/m1/les-1.yaml:22:33: error unknown-reference: lesson or schedule slot 'LES-9' does not exist"]


def test_group_timing_scales_with_the_class(project):
    files = {**course("languages: [id, en]", "languages: [id, en]\n        class_size: 20"),
             **lesson("            indicators: [IND-1]\n", "            indicators: [IND-1]\n            group_size: 5\n"
                      "            per_group_minutes: 10\n            fixed_minutes: 5\n")}
    for relative, text in files.items():
        project.write(relative, text)
    assert codes(project) == []  # 5 + 4 groups × 10 = 45
    project.write(COURSE, files[COURSE].replace("class_size: 20", "class_size: 21"))
    assert codes(project) == ["activity-does-not-scale"]  # 5 + 5 × 10 = 55
