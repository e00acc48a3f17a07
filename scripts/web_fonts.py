"""Make the ready-made Latin WOFF2 subsets of the bundled fonts, templates/fonts/web/.

Run by hand (`.venv/bin/python scripts/web_fonts.py`) after changing a bundled TTF, the
Latin character set in coursesmith/outputs/site/fonts.py, or the fontTools version, and
commit the result. Builds take a shipped subset only when its manifest entry matches the
font's bytes and the characters asked for; anything else they subset themselves, so a
stale folder costs time, never wrong fonts (tests/test_web_fonts.py says when it is stale).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import fontTools

from coursesmith.outputs.site.fonts import LATIN, MANIFEST, characters_digest, code_points, fresh_subset, woff2_name

FONTS = Path(__file__).resolve().parent.parent / "templates" / "fonts"
TARGET = FONTS / "web"


def main() -> None:
    keep = code_points(LATIN)
    TARGET.mkdir(exist_ok=True)
    entries = [_ship(font, keep) for font in sorted(FONTS.glob("*.ttf"))]
    for stale in sorted(TARGET.glob("*.woff2")):
        if stale.name not in {entry["file"] for entry in entries}:
            stale.unlink()
    manifest = {"made_with": f"fontTools {fontTools.version}", "subsets": entries}
    (TARGET / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    print(f"{len(entries)} subsets in {TARGET}")


def _ship(font: Path, keep: frozenset[int]) -> dict[str, str]:
    """Write the subset of `font` and say what it was made from."""
    data = font.read_bytes()
    made = fresh_subset(data, keep)
    (TARGET / woff2_name(font.name)).write_bytes(made)
    return {"file": woff2_name(font.name), "source": font.name, "font": hashlib.sha256(data).hexdigest(),
            "characters": characters_digest(keep), "subset": hashlib.sha256(made).hexdigest()}


if __name__ == "__main__":
    main()
