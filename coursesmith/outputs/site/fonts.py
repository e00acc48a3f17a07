"""The site's fonts as WOFF2, cut down to the characters its languages are written in.

The print PDFs embed the full bundled fonts their own way (WeasyPrint subsets per
document); this is only what browsers download. A character outside the subset is
drawn in the next font of the stylesheet's list, never as a missing glyph.

The bundled fonts' Latin subsets travel ready-made in templates/fonts/web/ (made by
scripts/web_fonts.py), each with a manifest entry naming the digests of the font and of
the characters it was cut to: a build takes one only when both match exactly."""

from __future__ import annotations

import hashlib
import io
import json
from functools import lru_cache
from pathlib import Path

import fontTools

from coursesmith.locations import default_templates_dir
from coursesmith.pruning import keep_entry, mark_used

# Unicode ranges by script, as (first, last) code points. Latin covers Indonesian and
# English and the names a bibliography cites (Latin Extended), the typographer's
# punctuation, currency signs, arrows, maths signs, shapes and check marks the fonts have.
LATIN = (
    (0x0000, 0x00FF), (0x0100, 0x024F), (0x0259, 0x0259), (0x02BB, 0x02BC), (0x02C6, 0x02DD),
    (0x0300, 0x036F), (0x1E00, 0x1EFF), (0x2000, 0x206F), (0x20A0, 0x20C0), (0x2100, 0x215F),
    (0x2190, 0x21FF), (0x2200, 0x22FF), (0x25A0, 0x25FF), (0x2700, 0x27BF), (0xFB00, 0xFB06),
    (0xFEFF, 0xFEFF), (0xFFFD, 0xFFFD),
)
SCRIPTS = {"id": LATIN, "en": LATIN}
"""The script of each language a course may declare; other languages get Latin too."""

MANIFEST = "manifest.json"
"""The file in the shipped folder that names each subset's font and characters."""


def characters(languages: list[str]) -> frozenset[int]:
    """The code points the site's fonts keep for a course in `languages`."""
    return code_points({span for lang in languages for span in SCRIPTS.get(lang, LATIN)})


def code_points(ranges) -> frozenset[int]:
    """Every code point of some (first, last) ranges."""
    return frozenset(point for first, last in ranges for point in range(first, last + 1))


def woff2_name(font: str) -> str:
    return Path(font).stem + ".woff2"


def woff2_subset(source: Path, keep: frozenset[int], cache: Path | None = None) -> bytes:
    """The font at `source`, only the glyphs for `keep` (with the OpenType features that
    reach further glyphs, such as ligatures and small figures), as WOFF2. The same font
    and characters always give the same bytes; `cache` keeps them between builds. A
    bundled font cut to the characters shipped with it is read ready-made."""
    data = source.read_bytes()
    if (made := shipped_subset(data, keep)) is not None:
        return made
    key = _key(data, keep)
    cached = cache / f"{key}.woff2" if cache else None
    if cached and cached.is_file():
        mark_used(cached)  # what a build uses is kept when the cache is pruned
        return cached.read_bytes()
    made = _subset(data, keep)  # the same fonts recur in every build of a process: see _subset
    if cached:
        keep_entry(cached, made)
    return made


def shipped_folder() -> Path:
    """Where the ready-made subsets of the bundled fonts are: the package's own templates,
    never a project's (only the package's manifest is trusted)."""
    return default_templates_dir() / "fonts" / "web"


def shipped_subset(data: bytes, keep: frozenset[int]) -> bytes | None:
    """The shipped subset of the font `data` cut to exactly `keep`, or None if there is none
    (a project's own font, an edited one, other characters) or it is not the file listed."""
    entry = shipped_entries().get((hashlib.sha256(data).hexdigest(), characters_digest(keep)))
    if entry is None:
        return None
    try:
        made = (shipped_folder() / Path(entry["file"]).name).read_bytes()
    except OSError:
        return None
    return made if hashlib.sha256(made).hexdigest() == entry["subset"] else None


@lru_cache(maxsize=1)
def shipped_entries() -> dict[tuple[str, str], dict[str, str]]:
    """The shipped manifest's entries by (font digest, characters digest); none if the
    package has no manifest or an unreadable one."""
    try:
        manifest = json.loads((shipped_folder() / MANIFEST).read_text(encoding="utf-8"))
        return {(entry["font"], entry["characters"]): entry for entry in manifest["subsets"]}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def characters_digest(keep: frozenset[int]) -> str:
    """A digest of a set of code points, the same for the same set in any order."""
    return hashlib.sha256(",".join(map(str, sorted(keep))).encode()).hexdigest()


def fresh_subset(data: bytes, keep: frozenset[int]) -> bytes:
    """The font `data` cut to `keep` by fontTools now, whatever is shipped or cached: what
    scripts/web_fonts.py ships."""
    return _subset(data, keep)


@lru_cache(maxsize=32)
def _subset(data: bytes, keep: frozenset[int]) -> bytes:
    from fontTools import subset  # 0.1 s to import, and most builds find every subset shipped or cached

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]  # keep the licence and copyright notices
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.recalc_timestamp = False  # the font's own date, never the clock
    # FontForge's timestamp table: fontTools cannot subset it and says so on stderr
    # (the code font has one), which a quiet build must not print.
    options.drop_tables = [*options.drop_tables, "FFTM"]
    font = subset.load_font(io.BytesIO(data), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(keep))
    subsetter.subset(font)
    out = io.BytesIO()
    subset.save_font(font, out, options)
    return out.getvalue()


def _key(data: bytes, keep: frozenset[int]) -> str:
    digest = hashlib.sha256(data)
    digest.update(",".join(map(str, sorted(keep))).encode())
    digest.update(fontTools.version.encode())
    return digest.hexdigest()[:32]

