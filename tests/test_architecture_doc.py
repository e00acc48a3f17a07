"""docs/architecture.md says what the code does: its example output installs and
builds as written, and the entry points it shows are the package's own."""

from __future__ import annotations

import re
import tomllib

from conftest import REPO
from plugins import install_output

DOC = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", DOC, re.DOTALL)


def test_the_built_in_entry_points_are_those_of_pyproject():
    declared = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    shown = tomllib.loads(blocks("toml")[0])
    assert shown["project"]["entry-points"] == declared["project"]["entry-points"]


def test_the_example_output_builds(project, tmp_path, monkeypatch):
    [example] = blocks("python")
    point = tomllib.loads(blocks("toml")[1])["project"]["entry-points"]["coursesmith.outputs"]
    module, attribute = point["outline"].split(":")
    install_output(tmp_path / "site-packages", monkeypatch, "outline", example, package="coursesmith-outline",
                   attribute=attribute, module=module)
    output = project.build(only=("outline",))
    assert (output / "site" / "en" / "outline.txt").read_text(encoding="utf-8") == \
        "Test Course\nLES-1  1 JP  Lesson one\n"
    assert (output / "site" / "id" / "outline.txt").is_file()
