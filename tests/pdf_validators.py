"""The two PDF/UA-1 validators every PDF of a build must pass, run without Java.

`page` (PyPI `page-validation`) implements veraPDF's PDF/UA-1 rules and passes the
veraPDF corpus; `pdfua` checks a smaller, differently written subset with pikepdf,
including whether table headers carry /Scope.
"""

from __future__ import annotations

from pathlib import Path

import page
import pdfua

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


def conformance_problems(pdf: Path) -> list[str]:
    """What either validator finds wrong with `pdf` (empty when it passes both)."""
    return ua1_failures(pdf) + pdfua_findings(pdf)
