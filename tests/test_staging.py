"""The swap of a staged output keeps the old output's unchanged files, and only those."""

from __future__ import annotations

import os
from pathlib import Path

from coursesmith.staging import CHUNK, copy_into_stage, staged_output


def old_output(tmp_path: Path) -> Path:
    output = tmp_path / "output"
    (output / "site").mkdir(parents=True)
    (output / "site" / "same.html").write_text("<p>same</p>", encoding="utf-8")
    (output / "site" / "edited.html").write_text("<p>before</p>", encoding="utf-8")
    (output / "gone.txt").write_text("only in the old output", encoding="utf-8")
    return output


def test_an_unchanged_file_stays_and_a_changed_one_is_the_new_one(tmp_path: Path):
    output = old_output(tmp_path)
    same = (output / "site" / "same.html").stat().st_ino
    edited = (output / "site" / "edited.html").stat().st_ino
    with staged_output(output) as stage:
        (stage / "site").mkdir()
        (stage / "site" / "same.html").write_text("<p>same</p>", encoding="utf-8")
        (stage / "site" / "edited.html").write_text("<p>after</p>", encoding="utf-8")
    assert (output / "site" / "same.html").stat().st_ino == same
    assert (output / "site" / "edited.html").stat().st_ino != edited
    assert (output / "site" / "edited.html").read_text(encoding="utf-8") == "<p>after</p>"
    assert not (output / "gone.txt").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]  # no stage, no old output, no links left
    assert [p.name for p in (output / "site").iterdir() if p.name.startswith(".")] == []


def test_files_of_several_chunks_are_shared_only_when_every_chunk_is_the_same(tmp_path: Path):
    output = tmp_path / "output"
    output.mkdir()
    body = bytes(range(256)) * (3 * CHUNK // 256) + b"tail"  # three chunks and a bit
    (output / "same.zip").write_bytes(body)
    (output / "last.zip").write_bytes(body)
    (output / "first.zip").write_bytes(body)
    inodes = {name: (output / name).stat().st_ino for name in ("same.zip", "last.zip", "first.zip")}
    with staged_output(output) as stage:
        (stage / "same.zip").write_bytes(body)
        (stage / "last.zip").write_bytes(body[:-1] + b"!")  # the same size, the last chunk differs
        (stage / "first.zip").write_bytes(b"!" + body[1:])
    assert (output / "same.zip").stat().st_ino == inodes["same.zip"]
    assert (output / "last.zip").stat().st_ino != inodes["last.zip"]
    assert (output / "last.zip").read_bytes().endswith(b"tai!")
    assert (output / "first.zip").stat().st_ino != inodes["first.zip"]
    assert (output / "first.zip").read_bytes().startswith(b"!")


def test_a_link_in_the_old_output_is_never_shared(tmp_path: Path):
    output = old_output(tmp_path)
    elsewhere = tmp_path / "elsewhere.html"
    elsewhere.write_text("<p>same</p>", encoding="utf-8")
    (output / "site" / "same.html").unlink()
    (output / "site" / "same.html").symlink_to(elsewhere)
    with staged_output(output) as stage:
        (stage / "site").mkdir()
        (stage / "site" / "same.html").write_text("<p>same</p>", encoding="utf-8")
    made = output / "site" / "same.html"
    assert not made.is_symlink() and made.stat().st_ino != elsewhere.stat().st_ino
    assert elsewhere.stat().st_nlink == 1


def test_a_failed_build_leaves_the_old_output_whole(tmp_path: Path):
    output = old_output(tmp_path)
    try:
        with staged_output(output) as stage:
            (stage / "site").mkdir()
            (stage / "site" / "same.html").write_text("<p>same</p>", encoding="utf-8")
            raise RuntimeError("an output failed")
    except RuntimeError:
        pass
    assert (output / "gone.txt").exists() and (output / "site" / "same.html").stat().st_nlink == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_a_cached_file_links_the_old_output_only_when_the_bytes_are_the_same(tmp_path: Path):
    cached, same, other, stage = (tmp_path / name for name in ("cached.pdf", "same.pdf", "other.pdf", "stage"))
    cached.write_bytes(b"%PDF one")
    same.write_bytes(b"%PDF one")
    other.write_bytes(b"%PDF two")
    copy_into_stage(cached, stage / "a" / "shared.pdf", same)
    assert os.path.samefile(stage / "a" / "shared.pdf", same)
    copy_into_stage(cached, stage / "b" / "copied.pdf", other)
    copy_into_stage(cached, stage / "c" / "new.pdf", tmp_path / "missing.pdf")
    for made in (stage / "b" / "copied.pdf", stage / "c" / "new.pdf"):
        assert made.read_bytes() == b"%PDF one" and made.stat().st_nlink == 1  # a copy, never the cache's file
