"""The command line: exit codes, output formats, no tracebacks, nothing lost on failure."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import MINIMAL, REPO
from coursesmith.pipeline import build
from coursesmith.stages import BuildOptions


def run(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "CI"} | (env or {})
    return subprocess.run([sys.executable, "-m", "coursesmith", *args], cwd=cwd, env=environment,
                          capture_output=True, text=True, timeout=300)


def break_lesson(project) -> None:
    project.write("modules/m1/les-1.yaml", MINIMAL["modules/m1/les-1.yaml"].replace("bloom: C2", "bloom: C9", 1))


def test_check_clean_project_exits_0(project):
    result = run("check", "--project", "proj", cwd=project.root.parent)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "no problems in 4 files"


def test_check_reports_located_errors_and_exits_1(project):
    break_lesson(project)
    result = run("check", "-p", "proj", cwd=project.root.parent)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "proj/modules/m1/les-1.yaml:8:12: error bad-value: 'C9' is not a valid value for `bloom`",
        "    hint: Use one of: `C1`, `C2`, `C3`, `C4`, `C5`, `C6` or `affective`.",
        "1 error, 0 warnings in 1 file",
    ]
    assert "Traceback" not in result.stderr


def test_github_format_is_the_default_under_ci(project):
    break_lesson(project)
    result = run("check", "-p", "proj", cwd=project.root.parent, env={"CI": "true"})
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::error file=proj/modules/m1/les-1.yaml,line=8,col=12,title=bad-value::'C9' is not a valid value "
        "for `bloom` — Use one of: `C1`, `C2`, `C3`, `C4`, `C5`, `C6` or `affective`.",
    ]


def test_json_format(project):
    break_lesson(project)
    result = run("check", "-p", "proj", "--format", "json", cwd=project.root.parent)
    [record] = json.loads(result.stdout)
    assert record == {"file": "proj/modules/m1/les-1.yaml", "line": 8, "column": 12, "severity": "error",
                      "code": "bad-value", "message": "'C9' is not a valid value for `bloom`",
                      "hint": "Use one of: `C1`, `C2`, `C3`, `C4`, `C5`, `C6` or `affective`."}


def test_json_format_of_a_clean_project_is_json(project):
    result = run("check", "-p", "proj", "--format", "json", cwd=project.root.parent)
    assert result.returncode == 0
    assert json.loads(result.stdout) == []


def test_misuse_exits_2(project):
    result = run("check", "--no-such-option", cwd=project.root)
    assert result.returncode == 2
    assert "unrecognized arguments" in result.stderr


def test_failed_build_leaves_previous_output_untouched(project):
    result = run("build", "--no-pdf", cwd=project.root)
    assert result.returncode == 0, result.stderr
    output = project.root / "output"
    before = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}
    break_lesson(project)
    result = run("build", cwd=project.root)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "build stopped; output was left as it was" in result.stderr
    assert {p: p.read_bytes() for p in output.rglob("*") if p.is_file()} == before


def test_check_and_help_do_not_import_weasyprint(project):
    code = ("import sys; from coursesmith.cli import main; main(['check', '-p', 'proj']); "
            "assert 'weasyprint' not in sys.modules, 'weasyprint imported'")
    result = subprocess.run([sys.executable, "-c", code], cwd=project.root.parent, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    help_text = run("--help", cwd=project.root)
    assert help_text.returncode == 0 and "build" in help_text.stdout and "check" in help_text.stdout


def test_build_script_takes_the_same_options(tmp_path):
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    assert "--no-pdf" in result.stdout and "--project" in result.stdout


def test_two_builds_in_separate_processes_are_byte_identical(project, tmp_path):
    trees = []
    for seed in ("1", "2"):
        output = tmp_path / f"out-{seed}"
        result = run("build", "-o", str(output), cwd=project.root, env={"PYTHONHASHSEED": seed})
        assert result.returncode == 0, result.stderr
        trees.append({p.relative_to(output).as_posix(): p.read_bytes() for p in output.rglob("*") if p.is_file()})
    assert trees[0].keys() == trees[1].keys()
    assert [name for name in trees[0] if trees[0][name] != trees[1][name]] == []
    assert any(name.endswith(".pdf") for name in trees[0])


@pytest.mark.parametrize("languages, main_file, absent", [
    ("en", "modules/example/lesson-01.yaml", ("Judul", "Penulis", "contoh", "id:")),
    ("id", "modules/contoh/sesi-01.yaml", ("Course Title", "Lesson Title", "en:")),
    ("en,id", "modules/contoh/sesi-01.yaml", ()),
])
def test_new_makes_a_starter_in_the_courses_languages(tmp_path, languages, main_file, absent):
    result = run("new", "course", "--language", languages, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "course"
    lesson = (folder / main_file).read_text(encoding="utf-8")
    assert [word for word in absent if word in lesson] == []
    assert f"languages: [{languages.replace(',', ', ')}]" in (folder / "course/course.yaml").read_text(encoding="utf-8")
    checked = run("check", "-p", "course", "--strict", cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_new_refuses_a_language_it_has_no_starter_for(tmp_path):
    result = run("new", "course", "--language", "fr", cwd=tmp_path)
    assert result.returncode == 2 and "use id, en" in result.stderr


def test_build_timings_name_each_step_and_add_up_to_the_total(project, monkeypatch):
    from coursesmith.outputs.site.output import SiteOutput

    original = SiteOutput.start

    def slow_start(self, context):
        time.sleep(0.3)
        return original(self, context)

    monkeypatch.setattr(SiteOutput, "start", slow_start)
    report = build(BuildOptions(project=project.root, output=project.root / "output", pdf=False))
    steps = list(report.timings)
    assert steps.index("check") < steps.index("site start") < steps.index("site finish")
    assert report.timings["site start"] >= 0.3
    assert {"check", "site start", "site finish", "lms start", "lms finish"} <= set(report.timings)
    assert "print start" not in report.timings  # --no-pdf: the print output does not run
    assert sum(report.timings.values()) <= report.seconds


def test_build_timings_are_printed_after_the_summary(project):
    result = run("build", "--no-pdf", "-q", "--timings", cwd=project.root)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    summary = next(i for i, line in enumerate(lines) if line.startswith("built "))
    table = lines.index("  timings (wall seconds):")
    assert table > summary
    rows = {}
    for line in lines[table + 1:]:
        if line.startswith("    "):
            step, seconds = line.strip().rsplit(" ", 1)
            rows[step.strip()] = float(seconds)
    assert "site start" in rows and "check" in rows
    assert rows["total"] == pytest.approx(float(lines[summary].rsplit(" in ", 1)[1].split()[0]), abs=0.06)
    assert "timings" not in run("build", "--no-pdf", "-q", cwd=project.root).stdout


def test_python_m_never_imports_a_module_from_the_project_folder(project):
    """`python -m coursesmith` run inside a project: a `yaml.py` there is not the library."""
    import subprocess
    import sys

    project.write("yaml.py", "raise SystemExit('the project ran code')\n")
    result = subprocess.run([sys.executable, "-m", "coursesmith", "check"], cwd=project.root,
                            capture_output=True, text=True, timeout=120)
    assert "the project ran code" not in result.stdout + result.stderr
    assert result.returncode == 0, result.stdout + result.stderr
