"""A zip written from files on disk, a chunk at a time, is the zip made in memory."""

from __future__ import annotations

import zipfile

from coursesmith.outputs.lms.archive import deterministic_zip, write_zip


def test_a_zip_streamed_from_files_is_byte_identical_to_one_made_from_bytes(tmp_path):
    big = bytes(range(256)) * 9000 + b"tail"  # more than one chunk
    (tmp_path / "big.pdf").write_bytes(big)
    (tmp_path / "small.txt").write_bytes(b"hello")
    in_memory = deterministic_zip({"b/big.pdf": big, "a/small.txt": b"hello", "page.html": b"<p>x</p>"})
    target = tmp_path / "out" / "bundle.zip"
    size = write_zip(target, {"b/big.pdf": tmp_path / "big.pdf", "a/small.txt": tmp_path / "small.txt",
                              "page.html": b"<p>x</p>"})
    assert target.read_bytes() == in_memory and size == len(in_memory)
    with zipfile.ZipFile(target) as archive:
        assert archive.namelist() == ["a/small.txt", "b/big.pdf", "page.html"]
        assert archive.read("b/big.pdf") == big
