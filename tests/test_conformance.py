"""PDF/UA-1 proven by two independent validators on every PDF a build makes
(tests/pdf_validators.py says which, and how they are called)."""

from __future__ import annotations

from pathlib import Path

import pytest

from coursesmith.pipeline import BuildOptions, build
from coursesmith.starter import create_project

from pdf_validators import conformance_problems


def assert_conformant(output: Path) -> None:
    pdfs = sorted(output.rglob("*.pdf"))
    assert pdfs
    failures = {str(pdf.relative_to(output)): conformance_problems(pdf) for pdf in pdfs}
    assert {name: found for name, found in failures.items() if found} == {}


def test_every_pdf_of_the_sample_passes_both_validators(sample_output):
    pdfs = list(sample_output.rglob("*.pdf"))
    # 34, two screen readers, and the slides: PDF and handout, 5 lessons × 2 languages
    assert len([p for p in pdfs if "office" not in p.relative_to(sample_output).parts]) == 36 + 20
    assert len([p for p in pdfs if p.relative_to(sample_output).parts[0] == "office"]) == 40  # the office's papers
    assert_conformant(sample_output)


def test_the_starter_and_minimal_projects_pass_both_validators(project, tmp_path):
    assert_conformant(project.build())
    starter = tmp_path / "starter"
    create_project(starter)
    output = starter / "output"
    build(BuildOptions(project=starter, output=output))
    assert_conformant(output)


def test_table_headers_carry_the_scope_html_gives_them(sample_output):
    import pikepdf

    guide = sample_output / "facilitator" / "id" / "kkmp-facilitator-guide-id.pdf"
    with pikepdf.open(guide) as pdf:
        scopes = [str(obj.A.Scope) for obj in pdf.objects
                  if isinstance(obj, pikepdf.Dictionary) and obj.get("/S") == "/TH"]
    assert len(scopes) > 50
    assert set(scopes) == {"/Column", "/Row"}  # column heads, and the timeline's "Jumlah" row
