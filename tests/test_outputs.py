"""Outputs are plug-ins: coursesmith's own are found through the `coursesmith.outputs`
entry points like any other package's, run in the order they declare, get only the
model of their audience, write only into the staging folder, and are chosen with
--only and --skip."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from coursesmith.diagnostics import BuildFailed
from coursesmith.fingerprint import inputs_digest
from coursesmith.outputs import registry
from coursesmith.outputs.base import Output
from coursesmith.pipeline import build
from coursesmith.stages import BuildOptions

from conftest import MINIMAL
from plugins import install_output

SECRETS = ("Secret facilitator note", "Catatan rahasia", "Secret rationale", "Alasan rahasia")

# Writes every text of the model it gets, and what it was given, into site/notes.txt.
NOTES = '''
    from coursesmith.outputs.base import Made, Output

    class Scratch(Output):
        name = "notes"
        audiences = ({audiences})
        after = ({after})

        def start(self, context):
            self.context = context
            model = context.model("{audience}")
            lines = [f"models: {{sorted(context.models)}}", f"audience: {{model.audience}}",
                     f"cache: {{context.cache}}", f"made before: {{sorted(context.made)}}"]
            lines += [repr(lesson.lesson) for lesson in model.lessons]
            try:
                context.model("facilitator")
                lines.append("facilitator model: given")
            except LookupError:
                lines.append("facilitator model: refused")
            self.text = "\\n".join(lines)
            target = context.stage / "site" / "notes.txt"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(self.text, encoding="utf-8")

        def finish(self):
            made = "\\n".join(sorted(self.context.made))
            (self.context.stage / "site" / "notes.txt").write_text(self.text + "\\nmade: " + made, encoding="utf-8")
            return [Made("site/notes.txt")]
'''


def notes_output(audience: str = "participant", after: str = "") -> str:
    audiences = '"facilitator",' if audience == "facilitator" else '"participant",'
    return NOTES.format(audiences=audiences, after=after, audience=audience)


@pytest.fixture
def plugin_folder(tmp_path: Path) -> Path:
    return tmp_path / "site-packages"


def test_the_built_in_outputs_are_registered_entry_points():
    points = {point.name: point for point in entry_points(group="coursesmith.outputs")}
    assert {"site", "search", "print"} <= set(points)
    assert all(points[name].dist.metadata["Name"] == "coursesmith" for name in ("site", "search", "print"))
    assert points["print"].value == "coursesmith.outputs.print.output:PrintOutput"


def test_a_plugin_builds_into_the_output_with_only_the_participant_model(project, plugin_folder, monkeypatch):
    install_output(plugin_folder, monkeypatch, "notes", notes_output())
    output = project.build(pdf=False)
    notes = (output / "site" / "notes.txt").read_text(encoding="utf-8")
    assert "models: ['participant']" in notes and "audience: participant" in notes
    assert "facilitator model: refused" in notes
    assert "Sesi satu" in notes and "Lesson one" in notes  # it saw the lessons...
    assert not [secret for secret in SECRETS if secret in notes]  # ...without what only facilitators see


def test_a_facilitator_plugin_gets_the_facilitator_model(project, plugin_folder, monkeypatch):
    """The counterpart of the test above, so that it can fail: the secrets are in the texts."""
    install_output(plugin_folder, monkeypatch, "notes", notes_output("facilitator"))
    notes = (project.build(pdf=False) / "site" / "notes.txt").read_text(encoding="utf-8")
    assert "models: ['facilitator']" in notes and all(secret in notes for secret in SECRETS)


def test_outputs_run_in_the_order_they_declare(project, plugin_folder, monkeypatch):
    install_output(plugin_folder, monkeypatch, "notes", notes_output(after='"print",'))
    output = project.build(only=("notes", "print"), jobs=1)
    notes = (output / "site" / "notes.txt").read_text(encoding="utf-8")
    assert "models: ['participant']" in notes and "facilitator model: refused" in notes  # though print has it
    assert "made before: []" in notes  # started before any output finished...
    assert "site/en/handouts/test-les-1-en.pdf" in notes  # ...and finished after the PDFs
    assert not (output / "site" / "en" / "index.html").exists()  # --only: no site
    names = [output.name for output in registry.load(BuildOptions(project.root, output))]
    assert names.index("print") < names.index("notes") and names.index("print") < names.index("site")
    assert names.index("site") < names.index("search")


def test_only_and_skip_choose_outputs(project, plugin_folder, monkeypatch):
    install_output(plugin_folder, monkeypatch, "notes", notes_output())
    output = project.build(skip=("notes", "print"))
    assert (output / "site" / "en" / "index.html").is_file() and not (output / "site" / "notes.txt").exists()
    assert not list(output.rglob("*.pdf")) and (output / "site" / "pagefind").is_dir()
    output = project.build(only=("notes",))
    assert sorted(p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file()) == ["site/notes.txt"]
    output = project.build(skip=("site", "lms", "question-banks", "slides", "office"), pdf=False)  # search needs the site: skipped with it
    assert [p.name for p in output.rglob("*") if p.is_file()] == ["notes.txt"]


def test_a_plugin_writes_nothing_when_a_check_fails(project, plugin_folder, monkeypatch):
    install_output(plugin_folder, monkeypatch, "notes", notes_output())
    output = project.build(pdf=False)
    before = (output / "site" / "notes.txt").read_bytes()
    project.write("modules/m1/les-1.yaml", MINIMAL["modules/m1/les-1.yaml"].replace("Lesson one", "Changed") + "bad: 1\n")
    with pytest.raises(BuildFailed):
        project.build(pdf=False)
    assert (output / "site" / "notes.txt").read_bytes() == before
    assert sorted(p.name for p in output.parent.iterdir()) == sorted(["course", "modules", "output"])


def test_a_failing_plugin_leaves_the_previous_output(project, plugin_folder, monkeypatch):
    install_output(plugin_folder, monkeypatch, "notes", notes_output())
    output = project.build(pdf=False)
    before = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}
    install_output(tmp := plugin_folder.parent / "broken", monkeypatch, "broken", """
        from coursesmith.outputs.base import Output

        class Scratch(Output):
            name = "broken"

            def start(self, context):
                (context.stage / "half-written.txt").write_text("partial")

            def finish(self):
                raise RuntimeError("disk on fire")
        """, package="broken-output")
    with pytest.raises(BuildFailed) as failed:
        project.build(pdf=False)
    [problem] = failed.value.problems.items
    assert problem.code == "output-failed" and "RuntimeError: disk on fire" in problem.message
    assert problem.location.path == tmp / "broken_output_broken.py" and problem.location.line == 11  # the raise
    assert {p: p.read_bytes() for p in output.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in output.parent.iterdir()) == sorted(["course", "modules", "output"])


def test_a_plugin_keeps_its_work_in_its_own_cache_folder(project, plugin_folder, monkeypatch):
    install_output(plugin_folder, monkeypatch, "notes", notes_output())
    output = project.build(pdf=False, cache=project.root / ".cache")
    notes = (output / "site" / "notes.txt").read_text(encoding="utf-8")
    assert f"cache: {project.root / '.cache' / 'outputs' / 'notes'}" in notes
    assert "cache: None" in (project.build(pdf=False) / "site" / "notes.txt").read_text(encoding="utf-8")


def test_installing_or_editing_a_plugin_changes_the_inputs_digest(project, plugin_folder, monkeypatch):
    before = inputs_digest(project.root, "")
    module = install_output(plugin_folder, monkeypatch, "notes", notes_output())
    installed = inputs_digest(project.root, "")
    module.write_text(module.read_text() + "\n# edited\n")
    assert len({before, installed, inputs_digest(project.root, "")}) == 3


def test_a_circle_of_afters_is_reported():
    class First(Output):
        name, after = "first", ("second",)

    class Second(Output):
        name, after = "second", ("first",)

    with pytest.raises(registry.OutputsBroken, match="first → second → first"):
        registry.in_order([First(), Second()])


def run(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in (env or os.environ).items() if k != "CI"}
    return subprocess.run([sys.executable, "-m", "coursesmith", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300)


def test_the_command_line_chooses_outputs_by_name(project, plugin_folder, monkeypatch):
    install_output(plugin_folder, monkeypatch, "notes", notes_output())
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(plugin_folder), os.environ.get("PYTHONPATH", "")]))
    result = run("build", "--only", "site,notes", "--skip", "search", "--no-cache", cwd=project.root, env=env)
    assert result.returncode == 0, result.stderr
    assert (project.root / "output" / "site" / "notes.txt").is_file()
    assert not (project.root / "output" / "site" / "pagefind").exists()
    wrong = run("build", "--only", "sight", cwd=project.root, env=env)
    assert wrong.returncode == 2 and "no output named sight; the outputs are lms, notes, office, offline, print, question-banks, search, site, slides, slides-pdf" in wrong.stderr


@pytest.mark.parametrize("source, reason", [
    ("raise ImportError('no module named postermaker')\n", "cannot be loaded: ImportError: no module named postermaker"),
    ("from coursesmith.outputs.base import Output\nclass Scratch(Output):\n    name = 'other'\n",
     "is not an Output named 'posters'"),
    ("class Scratch:\n    name = 'posters'\n", "is not an Output named 'posters'"),
])
def test_an_output_that_cannot_be_loaded_is_reported(project, plugin_folder, monkeypatch, source, reason):
    install_output(plugin_folder, monkeypatch, "posters", source)
    with pytest.raises(BuildFailed) as failed:
        project.build(pdf=False)
    [problem] = failed.value.problems.items
    assert problem.code == "output-failed" and reason in problem.message
    assert not (project.root / "output").exists()
