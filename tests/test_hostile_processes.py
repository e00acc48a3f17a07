"""The PDF workers are separate processes, which an audit hook in the test process
cannot see: here the whole build, workers and search indexer included, runs under
`strace -f`, and every file any of its processes opens and every program it starts is
checked against what a build may touch."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hostile_cases import SECRET, outside
from watch import allowed_folders

pytestmark = pytest.mark.skipif(shutil.which("strace") is None and not os.environ.get("CI"),
                                reason="strace is not installed (apt-get install strace); CI installs it")

OPENED = re.compile(r'^\d+ +openat\(AT_FDCWD, "([^"]+)", [^)]*\) = \d+')
STARTED = re.compile(r'^\d+ +execve\("([^"]+)", .* = 0$')
# Folders the C libraries under WeasyPrint read (fonts, their configuration, locales),
# and the temporary files of the build's own processes.
SYSTEM = ("/lib", "/lib64", "/usr/lib", "/usr/lib64", "/usr/local/lib", "/usr/share/fonts", "/usr/share/fontconfig",
          "/etc/fonts", "/var/cache/fontconfig", "/usr/share/locale", "/usr/share/zoneinfo", "/usr/share/poppler",
          "/dev", "/proc", "/sys")
SYSTEM_FILES = {"/etc/ld.so.cache", "/etc/mime.types", "/etc/localtime", "/etc/locale.alias", "/etc/ssl/openssl.cnf"}
# (tempfile probes /tmp with an eight-letter file when it first looks for a temporary folder)
TEMPORARY = re.compile(r"^/tmp/(tmp[\w-]+|weasyprint-\w+|coursesmith-workers-\w+|cc[\w.]+|pymp-\w+|[a-z0-9_]{8}$)(/|$)")
# WeasyPrint finds Pango and HarfBuzz with ctypes.util.find_library, which asks
# `ldconfig -p` and then the C compiler (gcc, ld, collect2) where the libraries are.
LIBRARY_LOOKUP = {"ldconfig", "gcc", "cc", "ld", "collect2", "x86_64-linux-gnu-gcc-12", "cc1"}


def traced_build(project, log: Path) -> tuple[int, list[str], list[str]]:
    command = ["strace", "-f", "-qq", "-e", "trace=openat,execve", "-o", str(log), sys.executable, "-m",
               "coursesmith", "build", "-p", str(project.root), "--jobs", "2", "--no-cache", "--quiet"]
    result = subprocess.run(command, cwd=project.root, capture_output=True, text=True, timeout=600)
    assert "Traceback" not in result.stderr, result.stderr
    lines = log.read_text(errors="replace").splitlines()
    opened = sorted({os.path.realpath(os.path.join(project.root, m[1])) for line in lines if (m := OPENED.match(line))})
    started = [m[1] for line in lines if (m := STARTED.match(line))]
    return result.returncode, opened, started


def outside_reads(opened: list[str], project: Path) -> list[str]:
    allowed = [*allowed_folders(project.resolve()), *SYSTEM]
    return [path for path in opened if path not in SYSTEM_FILES and not TEMPORARY.match(path) and not os.path.isdir(path)
            and not any(path == f or path.startswith(f.rstrip("/") + "/") for f in allowed)]


def foreign_programs(started: list[str]) -> list[str]:
    python = {os.path.realpath(sys.executable), sys.executable}
    return [program for program in started if program not in python and os.path.realpath(program) not in python
            and "pagefind" not in program and Path(program).name not in LIBRARY_LOOKUP]


def test_a_whole_build_with_workers_reads_nothing_outside_and_starts_nothing_else(project, tmp_path):
    project.write("modules/m1/img/a.svg", "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 4 4'><rect width='4' height='4'/></svg>")
    project.write("modules/m1/les-1.yaml", project.root.joinpath("modules/m1/les-1.yaml").read_text().replace(
        'body: {id: "Isi **bagian**.", en: "Section **body**."}', 'body: {id: "![Peta](img/a.svg)", en: "![Map](img/a.svg)"}'))
    secret = outside(project)
    status, opened, started = traced_build(project, tmp_path / "trace.txt")
    assert status == 0
    assert any(path.endswith(".pdf") for path in opened)  # the workers were traced too
    assert secret not in opened
    assert outside_reads(opened, project.root) == []
    assert foreign_programs(started) == []


def test_a_print_template_that_reaches_out_is_refused_before_anything_is_opened(project, tmp_path):
    secret = outside(project)
    project.write("templates/print/handout.html",
                  f'<html lang="{{{{ lang }}}}"><title>x</title><link rel="stylesheet" href="file://{secret}">'
                  f'<img src="file://{secret}" alt="x"><img src="../outside.txt" alt="y"><p>{{{{ lesson.code }}}}</p></html>\n')
    status, opened, started = traced_build(project, tmp_path / "trace.txt")
    assert status == 1
    assert secret not in opened
    assert outside_reads(opened, project.root) == []
    assert foreign_programs(started) == []
    assert SECRET not in "".join(p.read_text(errors="replace") for p in (project.root / "output").rglob("*.html")) \
        if (project.root / "output").is_dir() else True
