"""PDF/UA-1 proven by two independent validators on every PDF a build makes
(tests/pdf_validators.py says which, and how they are called)."""

from __future__ import annotations

from pathlib import Path

import pikepdf
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
    guide = sample_output / "facilitator" / "id" / "kkmp-facilitator-guide-id.pdf"
    with pikepdf.open(guide) as pdf:
        scopes = [str(obj.A.Scope) for obj in pdf.objects
                  if isinstance(obj, pikepdf.Dictionary) and obj.get("/S") == "/TH"]
    assert len(scopes) > 50
    assert set(scopes) == {"/Column", "/Row"}  # column heads, and the timeline's "Jumlah" row


def test_text_runs_sit_in_their_elements_and_every_mark_is_tagged_once(sample_output):
    """The layout's one-id Spans are unwrapped (tagging.unwrap_text_runs), and the tree
    still holds each marked-content id of every page once, in the element the page's
    parent-tree entry names: in a handout, a worksheet, a slide deck and a bound guide.
    (WeasyPrint keeps the page margins' running heads out of the tree: their marks name
    elements the tree does not hold.)"""
    site = sample_output / "site" / "id"
    chosen = [site / "handouts" / "kkmp-koal-01-id.pdf", site / "worksheets" / "kkmp-lk-01-id.pdf",
              site / "slides" / "kkmp-koal-01-slides-id.pdf",
              sample_output / "facilitator" / "id" / "kkmp-facilitator-guide-id.pdf"]
    for path in chosen:
        with pikepdf.open(path) as pdf:
            root = pdf.Root.StructTreeRoot
            pages = {page.objgen: index for index, page in enumerate(pdf.pages)}
            held = _marks_held(root, pages)
            in_tree = {element.objgen for element in _elements(root)}
            assert len(held) > 40, path.name
            assert not [element for element in _elements(root) if _bare_run(element)], path.name
            parent_tree = pikepdf.NumberTree(root.ParentTree)
            marked = set()
            for index, page in enumerate(pdf.pages):
                ids = [int(operands[1].MCID) for operands, operator in pikepdf.parse_content_stream(page)
                       if operator == pikepdf.Operator("BDC") and isinstance(operands[1], pikepdf.Dictionary)
                       and "/MCID" in operands[1]]
                entry = parent_tree[int(page.obj.StructParents)] if ids else []
                for mcid in ids:
                    marked.add((index, mcid))
                    named = entry[mcid].objgen
                    assert named == held[index, mcid] if (index, mcid) in held else named not in in_tree, \
                        (path.name, index, mcid)
            assert set(held) <= marked, path.name


def _elements(node):
    """Every structure element under `node`."""
    kids = node.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if hasattr(kid, "get") and kid.get("/S") is not None:
            yield kid
            yield from _elements(kid)


def _marks_held(root, pages) -> dict[tuple[int, int], tuple[int, int]]:
    """(page index, marked-content id) → the element holding it; no pair held twice."""
    held = {}
    for element in _elements(root):
        kids = element.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, int):
                place = (pages[element.Pg.objgen], kid)
            elif hasattr(kid, "get") and kid.get("/Type") == "/MCR":
                place = (pages[(kid.get("/Pg") or element.Pg).objgen], int(kid.MCID))
            else:
                continue
            assert place not in held, place
            held[place] = element.objgen
    return held


def _bare_run(element) -> bool:
    kids = element.get("/K")
    return (element.get("/S") == "/Span" and set(element.keys()) == {"/Type", "/S", "/K", "/P", "/Pg"}
            and len(kids) == 1 and isinstance(kids[0], int) and element.P.get("/Pg") is not None
            and element.P.Pg.objgen == element.Pg.objgen)
