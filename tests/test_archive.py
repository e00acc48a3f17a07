"""The zips of the packages (outputs/lms/archive.py): the bytes `zipfile` writes for
the same entries, whether written in memory, streamed from files on disk, or made of
entries deflated by an earlier zip of the build or an earlier build (deflated.py), and
a planted or damaged file in that cache never reaches a zip."""

from __future__ import annotations

import io
import os
import time
import zipfile

from coursesmith.outputs.lms import archive
from coursesmith.outputs.lms.archive import EPOCH, deterministic_zip, write_zip
from coursesmith.outputs.lms.deflated import MIN_DISK, DeflatedEntries, deflate

BIG = bytes(range(256)) * 9000 + b"tail"  # more than one chunk, and more than MIN_DISK
FILES = {"b/big.svg": BIG, "a/small.txt": b"hello", "page.html": b"<p>x</p>", "empty.css": b"",
         "kata/sesi-ü.html": b"<p>" + "ü".encode() * 9000 + b"</p>", "imsmanifest.xml": b"<manifest/>"}


def zipfile_zip(files: dict[str, bytes], first: str | None = None) -> bytes:
    """The zip zipfile writes of `files`: the reference every writer must match."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as made:
        for name in sorted(files, key=lambda name: (name != first, name)):
            info = zipfile.ZipInfo(name, EPOCH)
            info.compress_type, info.external_attr, info.create_system = archive.method(name), 0o100644 << 16, 3
            made.writestr(info, files[name], compresslevel=6)
    return buffer.getvalue()


def test_a_zip_streamed_from_files_is_byte_identical_to_one_made_from_bytes(tmp_path):
    (tmp_path / "big.pdf").write_bytes(BIG)
    (tmp_path / "small.txt").write_bytes(b"hello")
    in_memory = deterministic_zip({"b/big.pdf": BIG, "a/small.txt": b"hello", "page.html": b"<p>x</p>"})
    target = tmp_path / "out" / "bundle.zip"
    size = write_zip(target, {"b/big.pdf": tmp_path / "big.pdf", "a/small.txt": tmp_path / "small.txt",
                              "page.html": b"<p>x</p>"})
    assert target.read_bytes() == in_memory == zipfile_zip({"b/big.pdf": BIG, "a/small.txt": b"hello",
                                                             "page.html": b"<p>x</p>"})
    assert size == len(in_memory)
    with zipfile.ZipFile(target) as made:
        assert made.namelist() == ["a/small.txt", "b/big.pdf", "page.html"]
        assert made.read("b/big.pdf") == BIG


def test_formats_compressed_already_are_stored_and_never_deflated(tmp_path, monkeypatch):
    deflated = []
    monkeypatch.setattr("coursesmith.outputs.lms.deflated.deflate", lambda raw: deflated.append(raw) or deflate(raw))
    (tmp_path / "reader.pdf").write_bytes(BIG + b"pdf")
    files = {"site/reader.pdf": tmp_path / "reader.pdf", "fonts/Sans.WOFF2": BIG + b"font", "img/a.png": BIG + b"png",
             "index.html": b"<p>" * 5000}
    made = deterministic_zip(files, entries=DeflatedEntries(tmp_path / "deflated"))
    assert made == zipfile_zip({**files, "site/reader.pdf": BIG + b"pdf"})
    with zipfile.ZipFile(io.BytesIO(made)) as archive_:
        methods = {info.filename: info.compress_type for info in archive_.infolist()}
        assert archive_.testzip() is None and archive_.read("site/reader.pdf") == BIG + b"pdf"
    assert methods == {"fonts/Sans.WOFF2": zipfile.ZIP_STORED, "img/a.png": zipfile.ZIP_STORED,
                       "index.html": zipfile.ZIP_DEFLATED, "site/reader.pdf": zipfile.ZIP_STORED}
    assert deflated == [b"<p>" * 5000]
    assert len(list((tmp_path / "deflated").glob("*/*.deflate"))) == 0  # an entry below MIN_DISK stays in memory


def test_a_zip_of_cached_entries_is_the_zip_zipfile_writes(tmp_path):
    expected = zipfile_zip(FILES, first="imsmanifest.xml")
    entries = DeflatedEntries(tmp_path / "deflated")
    assert deterministic_zip(FILES, first="imsmanifest.xml") == expected  # no cache
    assert deterministic_zip(FILES, first="imsmanifest.xml", entries=entries) == expected  # cold
    assert deterministic_zip(FILES, first="imsmanifest.xml", entries=entries) == expected  # from memory
    later = DeflatedEntries(tmp_path / "deflated")
    assert deterministic_zip(FILES, first="imsmanifest.xml", entries=later) == expected  # from disk
    with zipfile.ZipFile(io.BytesIO(expected)) as made:
        assert made.testzip() is None


def test_an_entry_is_deflated_once_and_only_large_ones_go_to_disk(tmp_path, monkeypatch):
    deflated = []
    monkeypatch.setattr("coursesmith.outputs.lms.deflated.deflate", lambda raw: deflated.append(raw) or deflate(raw))
    entries = DeflatedEntries(tmp_path / "deflated")
    deterministic_zip(FILES, entries=entries)
    deterministic_zip({**FILES, "other.html": b"<p>y</p>"}, entries=entries)
    assert sorted(deflated) == sorted([*FILES.values(), b"<p>y</p>"])
    stored = sorted(path.stat().st_size for path in (tmp_path / "deflated").glob("*/*.deflate"))
    assert stored == sorted(len(deflate(raw)) for raw in FILES.values() if len(raw) >= MIN_DISK)
    deflated.clear()
    deterministic_zip(FILES, entries=DeflatedEntries(tmp_path / "deflated"))  # the next build
    assert sorted(deflated) == sorted(raw for raw in FILES.values() if len(raw) < MIN_DISK)


def test_a_planted_or_damaged_cache_file_is_never_used(tmp_path):
    expected = zipfile_zip(FILES)
    deterministic_zip(FILES, entries=DeflatedEntries(tmp_path / "deflated"))
    paths = sorted((tmp_path / "deflated").glob("*/*.deflate"))
    assert len(paths) == 2
    planted = [deflate(b"<script>steal()</script>"), b"not deflate data", deflate(BIG)[:-3],
               deflate(BIG) + b"trailing", deflate(BIG + b"more"), b""]
    for data in planted:
        for path in paths:
            path.write_bytes(data)
        assert deterministic_zip(FILES, entries=DeflatedEntries(tmp_path / "deflated")) == expected
    assert sorted(p.read_bytes() for p in paths) == sorted(deflate(r) for r in FILES.values() if len(r) >= MIN_DISK)


def test_the_cache_is_pruned_of_entries_no_build_used(tmp_path):
    deterministic_zip(FILES, entries=DeflatedEntries(tmp_path / "deflated"))
    old = time.time() - 30 * 86400
    for path in (tmp_path / "deflated").glob("*/*.deflate"):
        os.utime(path, (old, old))
    DeflatedEntries(tmp_path / "deflated")
    assert list((tmp_path / "deflated").glob("*/*.deflate")) == []


def test_a_zip_that_could_need_zip64_is_written_by_zipfile(tmp_path, monkeypatch):
    monkeypatch.setattr(archive.zipfile, "ZIP64_LIMIT", 1000)
    written = []
    monkeypatch.setattr(archive, "_write_entries", lambda *args: written.append(args))
    deterministic_zip(FILES, entries=DeflatedEntries(tmp_path / "deflated"))
    assert written == []


def test_a_file_too_large_to_read_at_once_is_streamed_by_zipfile(tmp_path, monkeypatch):
    (tmp_path / "big.pdf").write_bytes(BIG)
    monkeypatch.setattr(archive, "LARGE", len(BIG))
    written = []
    monkeypatch.setattr(archive, "_write_entries", lambda *args: written.append(args))
    made = deterministic_zip({"big.pdf": tmp_path / "big.pdf", "a.txt": b"hello"}, entries=DeflatedEntries())
    assert written == [] and made == zipfile_zip({"big.pdf": BIG, "a.txt": b"hello"})
