"""The office's other files: course/people.yaml (who teaches what) and course/roster.yaml
(the roster's YAML form), both checked by `coursesmith check` as a build checks them,
with positions, and without printing personal data the fix does not need."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema

from coursesmith.diagnostics import Problems
from coursesmith.load.people import load_people
from coursesmith.load.roster import load_roster
from coursesmith.outputs.office.papers import evaluated, office_pages
from coursesmith.pipeline import build, check
from coursesmith.stages import BuildOptions

from conftest import REPO

CSV_ROSTER = ("name,nip,rank,agency\n"
              "Peserta Rahasia Satu,198503122010011001,III/d,Kota Contoh\n"
              "Peserta Rahasia Dua,198807042012022002,III/c,Kota Contoh\n")
YAML_ROSTER = """\
kind: roster
participants:
  - name: Peserta Rahasia Satu
    nip: "198503122010011001"
    rank: III/d
    agency: Kota Contoh
  - name: Peserta Rahasia Dua
    nip: 198807042012022002
    rank: III/c
    agency: Kota Contoh
"""
PEOPLE = """\
kind: people
people:
  - name: Pengajar Rahasia
    nip: "197604182002122001"
    role: widyaiswara
    lessons: [LES-1]
"""


def run_check(root: Path) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "CI"}
    return subprocess.run([sys.executable, "-m", "coursesmith", "check", "--format", "text", "-p", str(root)],
                          env=environment, capture_output=True, text=True, timeout=300)


def found(problems: Problems) -> list[tuple[str, str, int, int]]:
    return [(d.location.path.name, d.code, d.location.line, d.location.column) for d in problems.sorted()]


# --- roster.yaml ------------------------------------------------------------------------


def test_a_yaml_roster_gives_the_same_participants_as_the_csv(project):
    project.write("course/roster.csv", CSV_ROSTER)
    from_csv = load_roster(project.root, Problems())
    (project.root / "course" / "roster.csv").unlink()
    project.write("course/roster.yaml", YAML_ROSTER)
    problems = Problems()
    from_yaml = load_roster(project.root, problems)
    assert found(problems) == []
    assert from_yaml == from_csv and len(from_yaml) == 2  # an unquoted NIP keeps its 18 digits


def test_yaml_roster_mistakes_are_reported_at_their_positions(project):
    project.write("course/roster.yaml", YAML_ROSTER.replace('"198503122010011001"', '"198502302010011001"')
                  .replace("198807042012022002", "198502302010011001").replace("agency: Kota Contoh\n", "agensi: x\n", 1))
    problems = Problems()
    load_roster(project.root, problems)
    assert found(problems) == [("roster.yaml", "unknown-key", 6, 5)]  # the schema first, as in course files
    project.write("course/roster.yaml", YAML_ROSTER.replace("198807042012022002", "198503122010011001")
                  .replace("name: Peserta Rahasia Satu", 'name: ""'))
    problems = Problems()
    assert load_roster(project.root, problems) == []
    assert found(problems) == [("roster.yaml", "roster-missing", 3, 11), ("roster.yaml", "roster-duplicate-nip", 8, 10)]


def test_two_rosters_are_an_error(project):
    project.write("course/roster.csv", CSV_ROSTER)
    project.write("course/roster.yaml", YAML_ROSTER)
    problems = Problems()
    assert load_roster(project.root, problems) == []
    assert found(problems) == [("roster.yaml", "roster-twice", 1, 1)]


# --- people.yaml ---------------------------------------------------------------------------


def test_people_mistakes_are_reported_at_their_positions(project):
    project.write("course/people.yaml", PEOPLE.replace("[LES-1]", "[LES-1, LES-2]")
                  .replace("197604182002122001", "197613182002122001"))
    problems = Problems()
    check(project.root, problems)
    assert found(problems) == [("people.yaml", "roster-bad-nip", 4, 10), ("people.yaml", "people-unknown-lesson", 6, 22)]
    assert "Did you mean 'LES-1'?" in problems.sorted()[1].hint


def test_a_lesson_nobody_teaches_is_a_warning_only_when_there_is_a_people_file(project):
    problems = Problems()
    check(project.root, problems)
    assert found(problems) == []
    project.write("course/people.yaml", PEOPLE.replace("[LES-1]", "[LES-9]"))
    problems = Problems()
    check(project.root, problems)
    assert [(code, line) for _, code, line, _ in found(problems)] == [
        ("people-unknown-lesson", 6), ("lesson-without-facilitator", 2)]
    assert [d.severity for d in problems.sorted()] == ["error", "warning"]


def test_the_office_files_are_not_course_files(project):
    project.write("course/people.yaml", PEOPLE)
    project.write("course/roster.yaml", YAML_ROSTER)
    checked = check(project.root, Problems())
    assert checked.project.files
    assert not {"people.yaml", "roster.yaml"} & {loaded.source.path.name for loaded in checked.project.files}


# --- coursesmith check ---------------------------------------------------------------------


def test_check_finds_what_the_build_finds_without_printing_names(project):
    project.write("course/roster.csv", CSV_ROSTER + "Peserta Rahasia Tiga,198807042012022002,III/c,Kota Contoh\n"
                  "Peserta Rahasia Empat,12345,III/c,Kota Contoh\n")
    project.write("course/people.yaml", PEOPLE.replace("[LES-1]", "[LES-2]"))
    result = run_check(project.root)
    assert result.returncode == 1, result.stdout + result.stderr
    report = result.stdout + result.stderr
    for where in ("roster.csv:4:22: error roster-duplicate-nip", "roster.csv:5:23: error roster-bad-nip: '12345'",
                  "people.yaml:6:15: error people-unknown-lesson", "warning lesson-without-facilitator"):
        assert where in report, report
    assert "Rahasia" not in report  # positions, and the bad NIP itself, but no one's name
    assert "198807042012022002" not in report  # a repeated NIP is pointed at, not printed


def test_the_json_schemas_describe_the_office_files():
    import yaml
    for kind, good, bad in (("people", PEOPLE, PEOPLE.replace("role:", "rol:")),
                            ("roster", YAML_ROSTER.replace("198807042012022002", '"198807042012022002"'),
                             YAML_ROSTER.replace("rank:", "pangkat:"))):
        schema = json.loads((REPO / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8"))
        validator = jsonschema.Draft202012Validator(schema)
        assert not list(validator.iter_errors(yaml.safe_load(good)))
        assert list(validator.iter_errors(yaml.safe_load(bad)))


# --- the papers ------------------------------------------------------------------------------


def test_one_evaluation_form_per_facilitator_per_session():
    from coursesmith.model.course import build_course
    problems = Problems()
    checked = check(REPO, problems)
    course = build_course(checked.catalog, "facilitator", REPO)
    people = load_people(REPO, checked.catalog.lessons, Problems())
    koal_03 = next(lesson for lesson in course.lessons if lesson.code == "KOAL-03")
    assert [subject for subject, _ in evaluated(koal_03, people)] == [
        "koal-03-widyaiswara-contoh-satu", "koal-03-narasumber-contoh"]
    assert [subject for subject, _ in evaluated(koal_03, [])] == ["koal-03"]  # no people file: a line for the name
    forms = [page for page in office_pages(course, [], people, []) if page.template == "office/evaluation.html"]
    sessions = sum(len(evaluated(lesson, people)) for lesson in course.lessons)
    assert len(forms) == (sessions + 1) * len(course.course.languages)  # and the organisation's, per language


# --- the certificate list, handed to a public build --------------------------------------


def test_a_build_without_the_roster_publishes_the_list_the_office_committed(project, tmp_path):
    project.write("course/roster.csv", CSV_ROSTER)
    office = project.build(pdf=False)
    handed = (office / "office" / "verify-list.json").read_bytes()
    script = (office / "site" / "verify" / "certificates.js").read_bytes()
    assert len(json.loads(handed)) == 2 and b"Rahasia" not in handed and b"198503122010011001" not in handed
    (project.root / "course" / "roster.csv").unlink()
    assert not (project.build(pdf=False) / "site" / "verify" / "certificates.js").exists()  # nothing to publish
    project.write("course/verify-list.json", handed.decode("ascii"))
    public = project.build(pdf=False)
    assert (public / "site" / "verify" / "certificates.js").read_bytes() == script  # the verify page's same list
    assert not (public / "office" / "verify-list.json").exists()


def test_a_committed_list_that_is_not_this_builds_is_a_warning(project):
    project.write("course/roster.csv", CSV_ROSTER)
    handed = (project.build(pdf=False) / "office" / "verify-list.json").read_text(encoding="ascii")
    project.write("course/verify-list.json", handed)

    def stale() -> list[str]:
        report = build(BuildOptions(project=project.root, output=project.root / "output", pdf=False))
        return [d.message.split("(")[1].split(")")[0] for d in report.problems.warnings if d.code == "verify-list-stale"]

    assert stale() == []  # the office committed what its build made
    project.write("course/roster.csv", CSV_ROSTER + "Peserta Rahasia Tiga,199001012015031003,III/a,Kota Contoh\n")
    assert stale() == ["1 missing from it, 0 no longer issued, 0 with another name or programme"]
    project.write("course/roster.csv", CSV_ROSTER.replace("Rahasia Dua", "Rahasia Kedua"))
    assert stale() == ["0 missing from it, 0 no longer issued, 1 with another name or programme"]
    (project.root / "course" / "roster.csv").unlink()
    assert stale() == []  # the public build: nothing to compare with


def test_a_tampered_list_is_refused_not_copied(project):
    entry = "ab" * 40
    project.write("course/verify-list.json", json.dumps({"0" * 64: entry + "</script><script>alert(1)//"}))
    problems = Problems()
    check(project.root, problems)
    assert found(problems) == [("verify-list.json", "verify-list-invalid", 1, 1)]
    project.write("course/verify-list.json", json.dumps({"0" * 64: entry}))
    problems = Problems()
    check(project.root, problems)
    assert found(problems) == []
    script = (project.build(pdf=False) / "site" / "verify" / "certificates.js").read_text(encoding="ascii")
    assert script == 'window.COURSESMITH_CERTIFICATES = {\n"' + "0" * 64 + '": "' + entry + '"\n};\n'
