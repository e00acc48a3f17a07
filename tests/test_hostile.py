"""The hostile-input corpus (hostile_cases.py), run through the real command in this
process while an audit hook watches: each case is reported at its file and line with
exit 1, or built cleanly without its payload in any output file (PDF streams
decompressed); no case opens a file outside the project, starts a process other than
the search indexer, or touches the network."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest
import weasyprint  # noqa: F401  imported before watching: loading its libraries runs `ldconfig -p` once

from coursesmith.cli import main

from hostile_cases import CASES, PAYLOAD, SECRET, Hostile
from watch import watching


def command(case: Hostile, root: Path) -> list[str]:
    stage = case.stage if case.code or case.stage != "check" else "build"
    if stage == "check":
        return ["check", "-p", str(root)]
    pdf = [] if stage == "build-pdf" else ["--no-pdf"]
    return ["build", "-p", str(root), "--jobs", "1", "--no-cache", "--quiet", *pdf]


def published(output: Path) -> dict[str, bytes]:
    """Every output file's bytes; a PDF's every stream decoded and every string kept."""
    found = {}
    for path in sorted(output.rglob("*")):
        if path.is_file():
            found[path.relative_to(output).as_posix()] = pdf_bytes(path) if path.suffix == ".pdf" else path.read_bytes()
    return found


def pdf_bytes(path: Path) -> bytes:
    reader = pypdf.PdfReader(path)
    parts, seen, todo = [], set(), [reader.trailer]
    while todo:
        node = todo.pop()
        if isinstance(node, pypdf.generic.IndirectObject):
            if (node.idnum, node.generation) in seen:
                continue
            seen.add((node.idnum, node.generation))
            node = node.get_object()
        if isinstance(node, pypdf.generic.StreamObject):
            parts.append(node.get_data())
        if isinstance(node, dict):
            todo += list(node.values())
        elif isinstance(node, list):
            todo += node
        elif isinstance(node, (str, bytes)):
            parts.append(node.encode("utf-8", "replace") if isinstance(node, str) else node)
    return b"\n".join(parts)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_hostile_input(case: Hostile, project, capsys):
    for relative, text in case.files.items():
        project.write(relative, text)
    if case.setup:
        case.setup(project)
    with watching() as seen:
        status = main(command(case, project.root))
    captured = capsys.readouterr()
    report = captured.out + captured.err
    assert "Traceback" not in report
    if case.code:
        assert status == 1, report
        located = [line for line in report.splitlines() if f" {case.code}: " in line]
        assert any(case.where in line.split(": ")[0] for line in located), report
    else:
        assert status == 0, report
        for name, data in published(project.root / "output").items():
            assert case.payload.encode() not in data, name
    assert SECRET not in report
    assert seen.outside(project.root.resolve()) == []
    assert seen.foreign_processes() == []
    assert seen.network == []
    assert not (project.root / "pwned").exists() and not Path("pwned").exists()


def test_the_corpus_is_large_and_covers_every_class():
    assert len(CASES) > 100
    codes = {case.code for case in CASES}
    assert {"template-error", "link-outside", "svg-unsafe", "asset-unsafe", "css-unsafe", "url-scheme",
            "control-character", "yaml-too-deep", "print-setup-error", "schedule-overlap",
            "reflective-without-rubric", ""} <= codes
    assert PAYLOAD and SECRET
