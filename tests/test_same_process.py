"""A process that builds twice (as `coursesmith serve` will) gives, after any edit, the
same bytes as a fresh process: nothing kept between builds is keyed by a path or a
modification time alone."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from coursesmith.locations import default_templates_dir
from coursesmith.pipeline import build
from coursesmith.stages import BuildOptions

from conftest import MINIMAL

LESSON = "modules/m1/les-1.yaml"
IMAGE = "<svg xmlns='http://www.w3.org/2000/svg' width='{}' height='10'><rect width='5' height='5'/></svg>"


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def same_time_edit(path: Path, old: str, new: str) -> None:
    """Edit a file and give it back its modification time, as a copy that keeps times does."""
    info = path.stat()
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))


def test_a_second_build_in_the_same_process_sees_every_edit(project, tmp_path):
    project.write("modules/m1/img/grid.svg", IMAGE.format(10))
    project.write(LESSON, MINIMAL[LESSON].replace(
        'body: {id: "Isi **bagian**.", en: "Section **body**."}',
        'body: {id: "Isi ![Kisi](img/grid.svg)", en: "Body ![Grid](img/grid.svg)"}'))
    defaults = default_templates_dir()
    for name in ("css/print.css", "labels/en.yaml", "print/handout.html"):
        (project.root / "templates" / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(defaults / name, project.root / "templates" / name)

    def in_process(output: Path) -> dict[str, bytes]:
        build(BuildOptions(project=project.root, output=output, jobs=1))
        return tree(output)

    def fresh(output: Path) -> dict[str, bytes]:
        result = subprocess.run([sys.executable, "-m", "coursesmith", "build", "--no-cache", "--jobs", "1", "-q",
                                 "-o", str(output)], cwd=project.root, capture_output=True, text=True,
                                env={k: v for k, v in os.environ.items() if k != "CI"}, timeout=600)
        assert result.returncode == 0, result.stderr
        return tree(output)

    def differing(one: dict[str, bytes], other: dict[str, bytes]) -> set[str]:
        return {name for name in one.keys() | other.keys() if one.get(name) != other.get(name)}

    first = in_process(tmp_path / "first")
    templates = project.root / "templates"
    project.write("modules/m1/img/grid.svg", IMAGE.format(40))
    same_time_edit(templates / "labels" / "en.yaml", "Learning outcome", "What you will learn")
    same_time_edit(templates / "print" / "handout.html", "<main", '<main data-edited="yes"')
    project.write("templates/site/glossary.html", (defaults / "site" / "glossary.html").read_text(
        encoding="utf-8").replace("{% block main %}", "{% block main %}<p>Overridden.</p>"))
    second, clean = in_process(tmp_path / "second"), fresh(tmp_path / "fresh")
    assert differing(second, clean) == set()
    assert {"site/en/handouts/test-les-1-en.pdf", "site/id/handouts/test-les-1-id.pdf", "site/en/glossary.html",
            "site/en/lessons/les-1.html"} <= differing(first, clean)  # the edits did change the output

    same_time_edit(templates / "css" / "print.css", "@page {", "h1 { letter-spacing: 2px !important; }\n@page {")
    third, clean = in_process(tmp_path / "third"), fresh(tmp_path / "fresh-again")
    assert differing(third, clean) == set()
    assert "site/en/test-reader-en.pdf" in differing(second, clean)
