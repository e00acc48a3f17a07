"""The site's fonts as WOFF2, cut down to the characters its languages are written in.

The print PDFs embed the full bundled fonts their own way (WeasyPrint subsets per
document); this is only what browsers download. A character outside the subset is
drawn in the next font of the stylesheet's list, never as a missing glyph."""

from __future__ import annotations

import hashlib
import io
from functools import lru_cache
from pathlib import Path

import fontTools
from fontTools import subset

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


def characters(languages: list[str]) -> frozenset[int]:
    """The code points the site's fonts keep for a course in `languages`."""
    ranges = {span for lang in languages for span in SCRIPTS.get(lang, LATIN)}
    return frozenset(point for first, last in ranges for point in range(first, last + 1))


def woff2_name(font: str) -> str:
    return Path(font).stem + ".woff2"


def woff2_subset(source: Path, keep: frozenset[int], cache: Path | None = None) -> bytes:
    """The font at `source`, only the glyphs for `keep` (with the OpenType features that
    reach further glyphs, such as ligatures and small figures), as WOFF2. The same font
    and characters always give the same bytes; `cache` keeps them between builds."""
    data = source.read_bytes()
    key = _key(data, keep)
    cached = cache / f"{key}.woff2" if cache else None
    if cached and cached.is_file():
        return cached.read_bytes()
    made = _subset(data, keep)  # the same fonts recur in every build of a process: see _subset
    if cached:
        _remember(cached, made)
    return made


@lru_cache(maxsize=32)
def _subset(data: bytes, keep: frozenset[int]) -> bytes:
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


def _remember(path: Path, data: bytes) -> None:
    """Keep a result in the cache; a cache that cannot be written only costs time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_bytes(data)
        temporary.replace(path)
    except OSError:
        pass
