"""`coursesmith clean`, and a PDF cache that prunes itself after every build."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coursesmith.pruning import CacheLimits, prune, prune_whole
from conftest import MINIMAL, ScratchProject
from serving import sample_project

DAY = 86400


def entry(cache: Path, name: str, size: int, used: float) -> Path:
    """A PDF in the cache folder `cache`, last used at `used`."""
    pdf = cache / name[:2] / f"{name}.pdf"
    pdf.parent.mkdir(parents=True, exist_ok=True)
    pdf.write_bytes(b"%PDF" + b"x" * (size - 4))
    pdf.with_suffix(".json").write_text("{}")
    os.utime(pdf, (used, used))
    return pdf


def test_prune_keeps_what_the_build_used_and_what_is_recent(tmp_path: Path):
    now = 1_900_000_000.0
    started = now - 60
    used = entry(tmp_path, "aa-used-now", 1000, now - 10)
    recent = entry(tmp_path, "bb-recent", 1000, now - 2 * DAY)
    old = entry(tmp_path, "cc-old", 1000, now - 30 * DAY)
    size = prune(tmp_path, started, keep_days=14, max_bytes=10_000, now=now)
    assert used.exists() and recent.exists()
    assert not old.exists() and not old.with_suffix(".json").exists()
    assert (size.bytes, size.documents, size.removed) == (2000, 2, 1)


def test_prune_keeps_under_the_cap_removing_the_least_recently_used(tmp_path: Path):
    now = 1_900_000_000.0
    started = now - 60
    this_build = [entry(tmp_path, f"a{i}-mine", 1000, now - 5) for i in range(3)]
    older = entry(tmp_path, "b-older", 1000, now - 3 * DAY)
    newer = entry(tmp_path, "c-newer", 1000, now - 1 * DAY)
    size = prune(tmp_path, started, keep_days=14, max_bytes=4000, now=now)
    assert all(p.exists() for p in this_build) and newer.exists() and not older.exists()
    assert size.bytes == 4000
    size = prune(tmp_path, started, keep_days=14, max_bytes=1000, now=now)  # never what this build used
    assert all(p.exists() for p in this_build) and not newer.exists() and size.bytes == 3000


def test_prune_removes_leftovers_of_killed_builds(tmp_path: Path):
    now = time.time()
    leftover = tmp_path / "ab" / "abc.1234.tmp"
    leftover.parent.mkdir(parents=True)
    leftover.write_bytes(b"half")
    os.utime(leftover, (now - 2 * 3600, now - 2 * 3600))
    prune(tmp_path, now, now=now)
    assert not leftover.exists()


def test_prune_never_follows_a_link_out_of_the_cache(tmp_path: Path):
    """The cache sits in the project by default: a folder or an entry there that is a link
    (a pull request can commit one) is neither counted nor removed, nor what it leads to."""
    now = 1_900_000_000.0
    cache, elsewhere = tmp_path / "cache", tmp_path / "elsewhere"
    outside = entry(elsewhere, "ee-someone-elses", 1000, now - 30 * DAY)
    (cache / "zz").mkdir(parents=True)
    (cache / "ee").symlink_to(elsewhere / "ee")
    (cache / "zz" / "zz-link.pdf").symlink_to(outside)
    old = entry(cache, "cc-old", 1000, now - 30 * DAY)
    size = prune(cache, now - 60, keep_days=14, max_bytes=0, now=now)
    assert outside.exists() and outside.with_suffix(".json").exists() and not old.exists()
    assert (cache / "zz" / "zz-link.pdf").is_symlink()
    assert (size.bytes, size.documents, size.removed) == (0, 0, 1)


def coursesmith(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "coursesmith", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return sample_project(tmp_path / "p")


def pdf_cache_folder(cache: Path) -> Path:
    """Where the PDFs are kept inside the cache (two-letter folders of <key>.pdf)."""
    return next(cache.rglob("*.pdf")).parent.parent


def test_a_build_prunes_the_cache_and_prints_its_size(tmp_path: Path):
    project = tmp_path / "new"
    assert coursesmith("new", str(project), cwd=tmp_path).returncode == 0
    assert coursesmith("build", "-j", "1", cwd=project).returncode == 0
    folder = pdf_cache_folder(project / ".coursesmith" / "cache")
    used = sorted(folder.glob("*/*.pdf"))
    old = entry(folder, "dd-old", 2_000_000, time.time() - 40 * DAY)
    fresh = entry(folder, "ee-fresh", 3_000_000, time.time() - DAY)
    for pdf in used:  # last used long ago, but the next build uses them again
        os.utime(pdf, (time.time() - 40 * DAY, time.time() - 40 * DAY))
    lesson = next(project.glob("modules/**/*.yaml"))
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8")
    result = coursesmith("build", "-j", "1", cwd=project)
    assert result.returncode == 0, result.stderr
    assert not old.exists() and fresh.exists() and all(pdf.exists() for pdf in used)
    size = sum(p.stat().st_size for p in (project / ".coursesmith" / "cache").rglob("*") if p.is_file())
    assert f"cache: {size / 1e6:.1f} MB in .coursesmith/cache" in result.stdout


def test_clean_removes_output_cache_or_both(project: Path):
    assert coursesmith("build", "--no-pdf", cwd=project).returncode == 0
    output, cache = project / "output", project / ".coursesmith" / "cache"
    assert output.is_dir() and cache.is_dir()
    result = coursesmith("clean", "output", cwd=project)
    assert result.returncode == 0 and "removed output" in result.stdout
    assert not output.exists() and cache.is_dir()
    result = coursesmith("clean", "cache", cwd=project)
    assert result.returncode == 0 and not cache.exists()
    assert (project / "course" / "course.yaml").is_file()  # the sources are never touched

    assert coursesmith("build", "--no-pdf", cwd=project).returncode == 0
    assert coursesmith("clean", cwd=project).returncode == 0
    assert not output.exists() and not cache.exists()


def test_clean_leaves_a_folder_holding_other_files_alone(project: Path):
    output = project / "output"
    output.mkdir()
    (output / "thesis.docx").write_text("not ours")
    result = coursesmith("clean", "output", cwd=project)
    assert result.returncode == 1 and "left output alone" in result.stderr
    assert (output / "thesis.docx").exists()


def test_a_cache_hit_counts_as_a_use(tmp_path: Path):
    from coursesmith.outputs.print.cache import PdfCache
    from coursesmith.outputs.print.jobs import Rendered

    key = "ff" + "0" * 62
    made = tmp_path / "made.pdf"
    made.write_bytes(b"%PDF" + b"x" * 96)
    cache = PdfCache(tmp_path / "cache")
    cache.put(key, made, Rendered(pages=1, size=100, warnings=[]))
    [pdf] = (tmp_path / "cache").rglob("*.pdf")
    os.utime(pdf, (time.time() - 40 * DAY, time.time() - 40 * DAY))
    started = time.time() - 1
    assert cache.get(key) is not None
    prune(pdf.parent.parent, started)
    assert pdf.exists()


def test_the_whole_cache_is_held_to_the_users_limits_an_entry_at_a_time(tmp_path: Path):
    """`--cache-max` and `--cache-days` (pruning.prune_whole): a PDF and its record go
    together, by the later of their times; what this build used always stays."""
    now = 1_900_000_000.0
    started = now - 60
    old = entry(tmp_path / "print", "aa-old", 1000, now - 20 * DAY)
    older_used = entry(tmp_path / "print", "bb-week", 1000, now - 7 * DAY)
    os.utime(older_used.with_suffix(".json"), (now - 30 * DAY, now - 30 * DAY))  # its record written long ago
    recent = entry(tmp_path / "memo", "cc-recent", 3000, now - DAY)
    this_build = entry(tmp_path / "print", "dd-now", 5000, now - 10)
    tag = tmp_path / "CACHEDIR.TAG"
    tag.write_text("Signature: 8a477f597d28d172789f06886806bc55\n")
    os.utime(tag, (now - 99 * DAY, now - 99 * DAY))
    limits = CacheLimits(days=10)
    assert prune_whole(tmp_path, started, limits, now=now) == 1
    assert not old.exists() and not old.with_suffix(".json").exists()
    assert older_used.with_suffix(".json").exists() and tag.exists()
    assert prune_whole(tmp_path, started, CacheLimits(max_bytes=8100), now=now) == 1  # 9006 bytes: the oldest goes
    assert not older_used.exists() and recent.exists() and this_build.exists()
    assert prune_whole(tmp_path, started, CacheLimits(max_bytes=1), now=now) == 1  # never what this build used
    assert not recent.exists() and this_build.exists() and this_build.with_suffix(".json").exists()


def test_a_build_with_a_cache_limit_forgets_what_it_did_not_use(tmp_path: Path):
    project = ScratchProject(tmp_path / "small")
    for relative, text in MINIMAL.items():
        project.write(relative, text)
    lesson = project.root / "modules" / "m1" / "les-1.yaml"
    text = lesson.read_text(encoding="utf-8")

    def build(*limits: str) -> str:
        time.sleep(1.1)  # what a build used within a second of the next one's start counts as the next one's
        result = coursesmith("build", "-q", "--skip", "office,slides-pdf", *limits, cwd=project.root)
        assert result.returncode == 0, result.stderr
        return result.stdout

    build()
    lesson.write_text(text.replace("Lesson one", "Lesson 1"), encoding="utf-8")
    assert "(pruned after each build to 0.1 MB)" in build("--cache-max", "0.1MB")
    lesson.write_text(text, encoding="utf-8")  # back as it was: its documents were forgotten
    assert re.search(r"\((\d+) rendered", build())[1] != "0"  # its documents are laid out again
    lesson.write_text(text.replace("Lesson one", "Lesson 1"), encoding="utf-8")
    assert re.search(r"\((\d+) rendered", build())[1] == "0"  # without the limit, the edit's were kept


def test_the_users_limits_stand_in_for_a_parts_own_larger_or_smaller(tmp_path: Path):
    """A part of the cache (pruning.prune) keeps what the user's `--cache-days` and a
    `--cache-max` above its own cap allow, and no more than a shorter `--cache-days`."""
    now = 1_900_000_000.0
    started = now - 60
    month = entry(tmp_path, "aa-month", 1000, now - 30 * DAY)
    week = entry(tmp_path, "bb-week", 1000, now - 7 * DAY)
    prune(tmp_path, started, keep_days=14, max_bytes=10_000, now=now, limits=CacheLimits(days=60))
    assert month.exists()
    size = prune(tmp_path, started, keep_days=14, max_bytes=1000, now=now, limits=CacheLimits(days=60, max_bytes=5000))
    assert month.exists() and week.exists() and size.bytes == 2000  # the part's own cap is 1000
    prune(tmp_path, started, keep_days=14, max_bytes=10_000, now=now, limits=CacheLimits(max_bytes=1500))
    assert not month.exists() and week.exists()  # 14 days still, and a smaller size is the whole cache's
    prune(tmp_path, started, keep_days=14, max_bytes=10_000, now=now, limits=CacheLimits(days=3))
    assert not week.exists()


def test_a_build_keeps_for_longer_what_cache_days_allows(tmp_path: Path):
    """`build --cache-days 60` keeps the print cache's and the page memo's entries that no
    build used for 40 days; a build without it removes them (after 14 days)."""
    project = ScratchProject(tmp_path / "small")
    for relative, text in MINIMAL.items():
        project.write(relative, text)

    def build(*limits: str) -> None:
        result = coursesmith("build", "-q", "-j", "1", "--skip", "office,slides-pdf", *limits, cwd=project.root)
        assert result.returncode == 0, result.stderr

    build()
    cache = project.root / ".coursesmith" / "cache"
    pdfs, pages = pdf_cache_folder(cache), next(cache.rglob("*.html")).parent.parent
    month_old = time.time() - 40 * DAY
    old = [entry(pdfs, "dd-old", 2000, month_old), pages / "ee" / "ee-old.html"]
    old[1].parent.mkdir(exist_ok=True)
    old[1].write_text("<p>an old page</p>", encoding="utf-8")
    os.utime(old[1], (month_old, month_old))
    lesson = project.root / "modules" / "m1" / "les-1.yaml"
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(text.replace("Lesson one", "Lesson 1"), encoding="utf-8")  # a build with work to do
    build("--cache-days", "60")
    assert all(path.exists() for path in old)
    lesson.write_text(text, encoding="utf-8")
    build()
    assert not any(path.exists() for path in old)
