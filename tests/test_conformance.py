"""PDF/UA-1 proven by two independent validators on every PDF a build makes.

`page` (PyPI `page-validation`) implements veraPDF's PDF/UA-1 rules and passes the
veraPDF corpus; `pdfua` checks a smaller, differently written subset with pikepdf,
including whether table headers carry /Scope. Both run offline, without Java.
"""

from __future__ import annotations

from pathlib import Path

import page
import pdfua
import pytest

from coursesmith.pipeline import BuildOptions, build
from coursesmith.starter import create_project

# pdfua 0.1.3 skips its empty-heading rule on files with arrays in /K (a bug of the
# rule's number test, not of the file); page checks empty headings itself.
KNOWN_SKIPS = {"UA-14-001"}


def ua1_failures(pdf: Path) -> list[str]:
    report = page.validate_pdf(pdf, profile="ua1")
    return sorted({f"{f.rule_id}: {f.message}" for f in report.failures})


def pdfua_findings(pdf: Path) -> list[str]:
    """Every finding, at any severity (a table header without /Scope is a warning), and
    every rule that could not run, bar the known skip."""
    report = pdfua.validate(str(pdf))
    findings = [f"{f.rule_id} {f.severity.name}: {f.message}" for f in report.findings]
    return findings + [f"{o.rule_id} skipped: {o.skipped_reason}" for o in report.skipped
                       if o.rule_id not in KNOWN_SKIPS]


def assert_conformant(output: Path) -> None:
    pdfs = sorted(output.rglob("*.pdf"))
    assert pdfs
    failures = {str(pdf.relative_to(output)): ua1_failures(pdf) + pdfua_findings(pdf) for pdf in pdfs}
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
