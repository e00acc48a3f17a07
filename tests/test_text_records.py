"""What each Markdown text holds, kept between checks (check/findings.py): a check that
reads its records reports exactly what a check that examines every text reports, in
the same order and at the same places, and a text that changed is examined again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coursesmith.check.findings import Findings, TextRecords, examine
from coursesmith.diagnostics import Problems
from coursesmith.load.loaded import LoadRecords
from coursesmith.load.markdown import convert, convert_inline
from coursesmith.pipeline import check

from problem_cases import CASES, LESSON

BODY = 'body: {id: "Isi **bagian**.", en: "Section **body**."}'
TROUBLED = '''body:
              id: |
                Lihat ![](img/nope.png) dan [sesi](lesson:LES-9) dan ![Peta](img/nope.png){width=wide}.

                ::: sidebar
                Isi <script>alert(1)</script> dan <img src="../../../x.png" onload="x()">.
                :::

                Rumus $E=mc^2$ dan [klik](javascript:alert(1)) dan [sumber](les-1.yaml).
              en: "Section ![Map](img/nope.png) and $x$."'''


def report(root, records: TextRecords | None = None, loaded: LoadRecords | None = None) -> list[str]:
    """Every problem of a check, in the order it was found, with its place."""
    problems = Problems()
    check(root, problems, None, records, loaded)
    return [repr(item) for item in problems.items]


def troubled(project, old: str = "", new: str = "") -> None:
    from conftest import MINIMAL
    project.write(LESSON, MINIMAL[LESSON].replace(BODY, TROUBLED.replace(old, new) if old else TROUBLED))


def test_warm_records_report_what_a_cold_check_reports(project, tmp_path):
    troubled(project)
    cold = report(project.root)
    assert len(cold) >= 8
    first = TextRecords(tmp_path / "records")
    assert report(project.root, first) == cold
    assert first.examined > 0
    warm = TextRecords(tmp_path / "records")  # a later build: the records come from disk
    assert report(project.root, warm) == cold
    assert warm.examined == 0


def test_a_changed_text_is_examined_again(project, tmp_path):
    troubled(project)
    report(project.root, TextRecords(tmp_path / "records"))
    troubled(project, "lesson:LES-9", "lesson:LES-7")
    changed = TextRecords(tmp_path / "records")
    found = report(project.root, changed)
    assert changed.examined == 1  # the one text that changed
    assert found == report(project.root)
    assert any("LES-7" in line for line in found) and not any("LES-9" in line for line in found)


def test_records_kept_in_memory_follow_each_save(project):
    kept = TextRecords(None)  # as the preview keeps them
    troubled(project)
    assert report(project.root, kept) == report(project.root)
    troubled(project, "$E=mc^2$", "E")
    assert report(project.root, kept) == report(project.root)
    assert kept.examined == 1


DAMAGED = [
    b"", b"{not json", b"[]", b'"x"', b"null", b'{"%s": []}',  # not an entry
    b'{"%s": {"links": [["link", 1, "", 0, 0, false]]}}',  # a target that is not text, parts missing
    b'{"%s": {"links": [["frame", "a", "", 0, 0, false]], "removals": [], "notices": []}}',  # no such kind
    b'{"%s": {"links": [], "removals": [[1]], "notices": []}}',
    b'{"%s": {"links": [], "removals": [], "notices": [["x", -1, {}, ""]]}}',  # a line before the text
    b'{"%s": {"links": [], "removals": [], "notices": [["x", 0, {}, ""]]}}',  # no such problem code
    b'{"%s": {"links": [], "removals": [], "notices": [["bad-image-width", 0, {}, ""]]}}',  # its value missing
    b'{"%s": {"links": [], "removals": [], "notices": [["c", 0, {"a": [1]}, ""]]}}',  # a value not text
]


@pytest.mark.parametrize("damage", DAMAGED)
def test_damaged_records_are_ignored(project, tmp_path, damage):
    troubled(project)
    cold = report(project.root)
    report(project.root, TextRecords(tmp_path / "records"))
    entries = sorted((tmp_path / "records").glob("*/*.json"))
    assert entries
    for entry in entries:
        keys = list(json.loads(entry.read_bytes()))
        entry.write_bytes(damage.replace(b"%s", keys[0].encode()) if b"%s" in damage else damage)
    damaged = TextRecords(tmp_path / "records")
    assert report(project.root, damaged) == cold
    assert damaged.examined > 0


@pytest.mark.parametrize("case", [case for case in CASES if case.stage == "check"], ids=lambda case: case.code)
def test_every_problem_case_reads_the_same_from_records(case, project, monkeypatch, tmp_path):
    case.make(project, monkeypatch)
    cold = report(project.root)
    report(project.root, TextRecords(tmp_path / "records"), LoadRecords(tmp_path / "loaded"))
    loaded = LoadRecords(tmp_path / "loaded")
    assert report(project.root, TextRecords(tmp_path / "records"), loaded) == cold


SPEC = json.loads((Path(__file__).parent / "data" / "commonmark" / "spec-0.31.2.json").read_text(encoding="utf-8"))
TRICKY = [
    "Rumus $E=mc^2$ dan $$x$$ lagi $y$.",
    "$$\nE = mc^2\n$$\n\nDan $a$ [b](c.png) $d$.\n",
    "$$\nx\n$$ (1)\n",
    "## Judul $x$\n\n![alt $y$](a.png){width=wide} $z$\n",
    "::: exercise\n## Soal $q$\nIsi $r$.\n:::\n\n::: sidebar\n$s$\n:::\n",
    "> [!NOTE] Judul $t$\n> Isi $u$ <b onclick='x'>b</b>\n",
    "> [!WARNING]\n> $v$\n",
    "Teks[^1] dan $w$.\n\n[^1]: Catatan $x$ dan [tautan](lesson:X-1).\n",
    "| a | b |\n|---|---|\n| $c$ | <script>d</script> |\n\nTable: Judul $e$\n",
    "Istilah\n: Definisi $f$ ![](g.png){width=200px}\n",
    "<div onclick='x'>\n\n$g$\n\n</div>\n\n<iframe src='h.html'></iframe>\n",
    "::: {.callout-unknown title=\"$i$\"}\n::: note\n$j$\n:::\n:::\n",
    "- [ ] $k$\n- [x] [l](m.pdf \"$n$\")\n",
    "```python\n$not math$\n```\n\n    $indented$\n\n`$code$` $o$\n",
    "Satu [a](x.png) dua [a](x.png) tiga ![a](x%20y.png) ![b](x y.png)\n",
]


@pytest.mark.parametrize("block", [True, False], ids=["block", "inline"])
def test_examining_finds_what_converting_records(block):
    """The check's own pass (no HTML, no sanitising) finds what a full conversion records."""
    for text in TRICKY + [example["markdown"] for example in SPEC]:
        converted = convert(text) if block else convert_inline(text)
        assert examine(text, block) == Findings(converted.links, converted.removals, converted.notices), text
