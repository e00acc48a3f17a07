"""The bundled fonts' ready-made Latin subsets (templates/fonts/web/): current, complete,
used by builds, and never taken for a project's own font of the same name."""

from __future__ import annotations

import hashlib
import io
import json

import pytest
from fontTools.ttLib import TTFont

from conftest import REPO
from coursesmith.outputs.site import fonts
from coursesmith.outputs.site.fonts import LATIN, MANIFEST, characters, characters_digest, code_points, woff2_subset

BUNDLED = REPO / "templates/fonts"
SHIPPED = BUNDLED / "web"
REFRESH = "run `.venv/bin/python scripts/web_fonts.py` and commit templates/fonts/web/"


def manifest_entries() -> dict[str, dict[str, str]]:
    manifest = json.loads((SHIPPED / MANIFEST).read_text(encoding="utf-8"))
    return {entry["source"]: entry for entry in manifest["subsets"]}


def test_the_build_reads_the_shipped_subsets_of_the_repository():
    assert fonts.shipped_folder() == SHIPPED


def test_every_bundled_font_has_a_current_shipped_subset():
    entries = manifest_entries()
    assert sorted(entries) == sorted(p.name for p in BUNDLED.glob("*.ttf")), REFRESH
    for name, entry in entries.items():
        assert entry["font"] == hashlib.sha256((BUNDLED / name).read_bytes()).hexdigest(), \
            f"{name} changed since its web subset was made: {REFRESH}"
        assert entry["characters"] == characters_digest(code_points(LATIN)), f"LATIN changed: {REFRESH}"
        assert entry["subset"] == hashlib.sha256((SHIPPED / entry["file"]).read_bytes()).hexdigest(), \
            f"{entry['file']} is not the file the script made: {REFRESH}"
    assert sorted(p.name for p in SHIPPED.glob("*.woff2")) == sorted(e["file"] for e in entries.values())


def test_each_shipped_subset_maps_exactly_the_latin_its_font_maps():
    latin = code_points(LATIN)
    for name, entry in manifest_entries().items():
        web = TTFont(io.BytesIO((SHIPPED / entry["file"]).read_bytes()))
        assert web.flavor == "woff2"
        original = TTFont(BUNDLED / name).getBestCmap()
        # Beyond Latin a subset may keep a code point whose glyph a Latin one's features
        # reach (DejaVu's U+27DC): fontTools keeps every mapping of a kept glyph.
        assert set(web.getBestCmap()) & latin == latin & set(original), name


def test_a_bundled_font_asked_for_latin_gets_the_shipped_file_without_subsetting(monkeypatch, tmp_path):
    monkeypatch.setattr(fonts, "_subset", _refuse)
    made = woff2_subset(BUNDLED / "SourceSansPro-It.ttf", characters(["id", "en"]), tmp_path)
    assert made == (SHIPPED / "SourceSansPro-It.woff2").read_bytes()
    assert not list(tmp_path.iterdir())  # nothing to cache


def test_other_characters_or_an_edited_font_are_subset_afresh(tmp_path):
    source = BUNDLED / "SourceSansPro-It.ttf"
    fewer = woff2_subset(source, frozenset(range(0x20, 0x7F)))
    assert set(TTFont(io.BytesIO(fewer)).getBestCmap()) == set(range(0x20, 0x7F))
    edited = tmp_path / source.name
    edited.write_bytes(source.read_bytes() + b"\0\0\0\0")  # the same font, other bytes
    assert fonts.shipped_subset(edited.read_bytes(), characters(["en"])) is None


def test_a_project_font_named_like_a_bundled_one_is_subset_from_its_own_file(project, monkeypatch):
    own = project.write("templates/fonts/SourceSansPro-Regular.ttf", _renamed(BUNDLED / "DejaVuSansMono.ttf", "Own Mono"))
    asked, subset = [], fonts._subset
    monkeypatch.setattr(fonts, "_subset", lambda data, keep: asked.append(data) or subset(data, keep))
    site = project.build(pdf=False, only=("site",)) / "site"
    assert asked == [own.read_bytes()]  # every other face came shipped
    published = TTFont(io.BytesIO((site / "assets/fonts/SourceSansPro-Regular.woff2").read_bytes()))
    assert published["name"].getDebugName(1) == "Own Mono"


def test_a_project_cannot_ship_subsets_of_its_own(project):
    own = project.write("templates/fonts/SourceSansPro-Regular.ttf", _renamed(BUNDLED / "DejaVuSansMono.ttf", "Own Mono"))
    claimed = (SHIPPED / "SourceSerifPro-Bold.woff2").read_bytes()
    project.write("templates/fonts/web/SourceSansPro-Regular.woff2", claimed)
    project.write(f"templates/fonts/web/{MANIFEST}", json.dumps({"subsets": [{
        "file": "SourceSansPro-Regular.woff2", "source": own.name, "font": hashlib.sha256(own.read_bytes()).hexdigest(),
        "characters": characters_digest(characters(["id"])), "subset": hashlib.sha256(claimed).hexdigest()}]}))
    site = project.build(pdf=False, only=("site",)) / "site"
    published = TTFont(io.BytesIO((site / "assets/fonts/SourceSansPro-Regular.woff2").read_bytes()))
    assert published["name"].getDebugName(1) == "Own Mono"


def test_a_site_build_uses_only_shipped_subsets(project, monkeypatch):
    monkeypatch.setattr(fonts, "_subset", _refuse)
    site = project.build(pdf=False, only=("site",)) / "site"
    published = sorted((site / "assets/fonts").iterdir())
    assert published and all(p.read_bytes() == (SHIPPED / p.name).read_bytes() for p in published)


def _renamed(font, family: str) -> bytes:
    """The font at `font` under another family name: a font no shipped subset was made from."""
    renamed = TTFont(font)
    renamed["name"].setName(family, 1, 3, 1, 0x409)
    out = io.BytesIO()
    renamed.save(out)
    return out.getvalue()


def _refuse(data: bytes, keep: frozenset[int]) -> bytes:
    pytest.fail("a bundled font was subset instead of taken ready-made")
