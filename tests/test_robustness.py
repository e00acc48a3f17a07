"""Broken projects as a new user makes them: never a crash, always a located error,
and an interrupted or failed build never touches the previous output."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coursesmith.diagnostics import Problems
from coursesmith.pipeline import check

from conftest import MINIMAL

VALUES = ["[]", "{}", "42", '""', "~", "true", "[a, b]", "{id: x}", "2027-13-45", "'unclosed", "a: b: c", "!!str x",
          "*nothing", "&anchor", "|", ">", "- item"]


def mutants(seed: int, count: int):
    """Deterministic mistakes of the kinds people make while editing YAML by hand."""
    rng = random.Random(seed)
    files = list(MINIMAL)
    for _ in range(count):
        name = rng.choice(files)
        lines = MINIMAL[name].splitlines()
        i = rng.randrange(len(lines))
        kind = rng.randrange(8)
        if kind == 0:
            del lines[i]
        elif kind == 1:
            lines.insert(i, lines[i])
        elif kind == 2 and ":" in lines[i]:
            key = lines[i].split(":", 1)[0]
            lines[i] = f"{key}: {rng.choice(VALUES)}"
        elif kind == 3:
            lines[i] = "\t" + lines[i]
        elif kind == 4:
            lines = lines[: i + 1]
            lines[-1] = lines[-1][: rng.randrange(len(lines[-1]) + 1)]
        elif kind == 5:
            lines[i] = " " + lines[i]
        elif kind == 6:
            lines[i] = lines[i].replace("1", "9").replace("a", "e", 1)
        else:
            lines[i] = lines[i] + " \xe9"
        text = "\n".join(lines) + "\n"
        yield name, (text.encode("latin-1", errors="replace") if kind == 7 and rng.random() < 0.5 else text)


@pytest.mark.parametrize("seed", range(6))
def test_mutated_projects_never_crash_and_every_error_is_located(project, seed):
    for name, text in mutants(seed, 50):
        project.write(name, text)
        problems = Problems()
        check(project.root, problems)  # must not raise
        for d in problems.items:
            assert d.location.line >= 1 and d.location.column >= 1, d
            assert d.message and d.hint, d
            assert Path(d.location.path).exists(), d
        project.write(name, MINIMAL[name])


def test_cli_never_shows_a_traceback(project):
    for name, text in list(mutants(99, 12)):
        project.write(name, text)
        result = subprocess.run([sys.executable, "-m", "coursesmith", "check"], cwd=project.root,
                                capture_output=True, text=True)
        assert result.returncode in (0, 1)
        assert "Traceback" not in result.stderr + result.stdout
        project.write(name, MINIMAL[name])


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def built_then_rebuilding(project, *first_options: str) -> tuple[dict[str, bytes], subprocess.Popen]:
    """The project built once (with `first_options`), then a lesson edited and a full
    build started in a process of its own: the first output's files, and that process."""
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    first = subprocess.run([sys.executable, "-m", "coursesmith", "build", *first_options], cwd=project.root,
                           capture_output=True, text=True, env=env)
    assert first.returncode == 0, first.stderr
    before = snapshot(project.root / "output")
    project.write("modules/m1/les-1.yaml", MINIMAL["modules/m1/les-1.yaml"].replace("Lesson one", "Lesson 1"))
    return before, subprocess.Popen([sys.executable, "-m", "coursesmith", "build"], cwd=project.root,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


@pytest.mark.parametrize("number, status, said", [(signal.SIGINT, 130, "interrupted"),
                                                  (signal.SIGTERM, 143, "stopped (SIGTERM)")])
def test_interrupt_during_pdf_rendering_keeps_the_previous_output(project, number, status, said):
    """Ctrl-C, or SIGTERM (a cancelled CI job, `kill`): the previous output stays, and no
    staging or parts folder is left behind."""
    before, build = built_then_rebuilding(project, "--no-pdf")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # wait until the staged site exists and PDFs are being made
        staged = list(project.root.glob(".output.building-*/site/en/lessons/les-1.html"))
        if staged:
            break
        time.sleep(0.005)
    assert staged, "the build never reached the rendering stage"
    build.send_signal(number)
    _, stderr = build.communicate(timeout=60)
    assert build.returncode == status, stderr
    assert "Traceback" not in stderr
    assert f"{said}; the previous output was left as it was" in stderr
    assert snapshot(project.root / "output") == before
    assert not list(project.root.glob(".output.*"))


def test_ctrl_c_during_a_step_that_must_not_be_cut_arrives_after_it():
    import threading

    from coursesmith.staging import interrupts_deferred

    done = []
    with pytest.raises(KeyboardInterrupt):
        with interrupts_deferred():
            threading.Timer(0, lambda: os.kill(os.getpid(), signal.SIGINT)).start()  # from another thread
            time.sleep(0.2)
            done.append("the whole step")
    assert done == ["the whole step"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def _state_and_parent(pid: int | str) -> tuple[str, int] | None:
    """A process's state letter and parent's pid, from /proc (None once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return fields[0], int(fields[1])


def _binders(parent: int) -> list[int]:
    """The binder processes (outputs/print/apart.py) that `parent` started."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (_state_and_parent(entry.name) or ("", 0))[1] == parent:
            try:
                if b"apart import serve" in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def _alive(pid: int) -> bool:
    state = _state_and_parent(pid)
    return state is not None and state[0] != "Z"


@pytest.mark.parametrize("number, status", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_build_stopped_while_binding_its_books_leaves_no_binder_behind(project, number, status):
    """The books are bound in processes of their own; SIGTERM (or a signal sent to the
    build alone) does not reach them. A build stopped while they bind ends them: none
    outlives the build or writes into its staging folder. The binder is frozen
    (SIGSTOP) once seen, so that it is surely still running when the build is stopped."""
    before, build = built_then_rebuilding(project)
    binders: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while not binders and time.monotonic() < deadline and build.poll() is None:
            binders = _binders(build.pid)
            time.sleep(0.002)
        assert binders, "no binder was seen"
        for pid in binders:
            os.kill(pid, signal.SIGSTOP)
        build.send_signal(number)
        _, stderr = build.communicate(timeout=60)
        assert build.returncode == status, stderr
        assert "Traceback" not in stderr
        time.sleep(0.2)
        assert [pid for pid in binders if _alive(pid)] == []
        assert snapshot(project.root / "output") == before
        assert not list(project.root.glob(".output.*"))
    finally:
        for pid in binders:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
