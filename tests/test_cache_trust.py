"""A cache is trusted only if coursesmith made it here: a pull request that commits
`.coursesmith/cache/` cannot have a build publish what it committed, nor stop the build
early, and a link in any cache is removed unread, so that no build reads, publishes or
writes a file elsewhere through one (cache_trust.py)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from coursesmith.cli import main
from conftest import commit_all
from watch import watching

HANDOUT = "output/site/en/handouts/test-les-1-en.pdf"
SECRET = b"the build machine's secret\n"


def run(project, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    return subprocess.run([sys.executable, "-m", "coursesmith", "build", "-q", "--skip", "office,slides-pdf",
                           "-j", "1", *args], cwd=project.root, env=env, capture_output=True, text=True, timeout=300)


def entry_of(cache: Path, document: Path) -> Path:
    """The cache's PDF holding the bytes of `document` (a part published as it was laid out)."""
    made = document.read_bytes()
    found = [pdf for pdf in cache.glob("outputs/print/*/*.pdf") if pdf.read_bytes() == made]
    assert len(found) == 1
    return found[0]


def plant(pdf: Path, size: int) -> None:
    """What a pull request could commit: a PDF's entry claiming `size` bytes."""
    meta = pdf.with_suffix(".json")
    meta.write_text(json.dumps(json.loads(meta.read_text()) | {"size": size}))


@pytest.fixture
def built(project):
    """The scratch project built once, its handout and its cache entry."""
    assert run(project).returncode == 0
    handout = project.root / HANDOUT
    return project, handout.read_bytes(), entry_of(project.root / ".coursesmith" / "cache", handout)


def test_a_committed_cache_is_emptied_and_its_pdfs_never_published(built, tmp_path):
    project, handout, pdf = built
    plant(pdf, len(SECRET))
    pdf.write_bytes(SECRET)
    cache = project.root / ".coursesmith" / "cache"
    committed = tmp_path / "committed"  # as a clone checks it out: folders of mode 0755, new inodes
    shutil.copytree(cache, committed)
    shutil.rmtree(cache)
    shutil.copytree(committed, cache)
    os.chmod(cache, 0o755)
    shutil.rmtree(project.root / "output")
    result = run(project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "warning cache-untrusted" in result.stdout
    assert (project.root / HANDOUT).read_bytes() == handout
    assert not any(p.read_bytes() == SECRET for p in cache.rglob("*.pdf"))


def test_a_committed_record_of_a_build_does_not_stop_the_next(built):
    project, _, _ = built
    assert run(project).stdout.startswith("nothing changed")
    cache = project.root / ".coursesmith" / "cache"
    os.chmod(cache, 0o755)  # the same records, in a folder a checkout made
    shutil.rmtree(project.root / "output")
    result = run(project)
    assert "cache-untrusted" in result.stdout and "\nbuilt " in result.stdout
    assert (project.root / HANDOUT).is_file()


def test_a_link_in_the_cache_is_removed_unread(built, tmp_path, capsys):
    project, handout, pdf = built
    secret = tmp_path / "secret.txt"
    secret.write_bytes(SECRET)
    plant(pdf, len(SECRET))
    pdf.unlink()
    pdf.symlink_to(secret)
    os.mkfifo(pdf.parent.parent / "a-pipe")  # opened, it would hang the build
    shutil.rmtree(project.root / "output")
    with watching() as seen:  # in this process, PDFs laid out here too (`-j 1`)
        status = main(["build", "-p", str(project.root), "-q", "--format", "text", "--skip", "office,slides-pdf",
                       "-j", "1"])
    report = capsys.readouterr().out
    assert status == 0
    assert f"{pdf.relative_to(project.root).as_posix()}:1:1: warning cache-link" in report
    assert "a-pipe:1:1: warning cache-link" in report
    assert (project.root / HANDOUT).read_bytes() == handout
    assert not pdf.is_symlink() and secret.read_bytes() == SECRET
    assert str(secret.resolve()) not in seen.opened


def test_a_cache_reached_through_a_link_is_not_used(project, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (project.root / ".coursesmith").symlink_to(elsewhere)
    result = run(project)
    assert result.returncode == 0 and "warning cache-outside" in result.stdout
    assert list(elsewhere.iterdir()) == []
    assert "  cache: " not in result.stdout  # the summary has no cache to speak of


def test_a_cache_given_outside_the_project_is_the_users_own(project, tmp_path):
    cache = tmp_path / "restored"
    assert run(project, "--cache-dir", str(cache)).returncode == 0
    restored = tmp_path / "copied"  # as CI restores one: copied, another inode
    shutil.copytree(cache, restored)
    os.chmod(restored, 0o750)  # shared with a group
    shutil.rmtree(project.root / "output")
    result = run(project, "--cache-dir", str(restored))
    assert "warning cache-untrusted" not in result.stdout, result.stdout
    assert "(0 rendered" in result.stdout
    assert restored.stat().st_mode & 0o777 == 0o750  # its permissions are the user's


def test_a_build_record_that_is_a_link_is_not_read(built, tmp_path):
    project, _, _ = built
    assert run(project).stdout.startswith("nothing changed")
    [record] = (project.root / ".coursesmith" / "cache" / "builds").iterdir()
    elsewhere = tmp_path / "record.json"  # the very record, but through a link
    shutil.copyfile(record, elsewhere)
    record.unlink()
    record.symlink_to(elsewhere)
    result = run(project)
    assert not result.stdout.startswith("nothing changed")
    assert f"{record.name}:1:1: warning cache-link" in result.stdout and "\nbuilt " in result.stdout


def test_a_folder_that_is_not_a_cache_is_never_emptied(project):
    """`--cache-dir .` names the project itself: it must not be emptied as an untrusted cache."""
    before = sorted(p.relative_to(project.root) for p in project.root.rglob("*"))
    result = run(project, "--cache-dir", ".", "--no-pdf")
    assert result.returncode == 0 and "warning cache-not-ours" in result.stdout
    assert set(before) <= {p.relative_to(project.root) for p in project.root.rglob("*")}


def test_pages_a_branch_commits_into_a_cache_made_here_are_never_published(built):
    """A cache this machine made, into which a pull wrote tracked files (page memo entries
    that say something else), is emptied before the build reads it."""
    project, _, _ = built
    page = project.root / "output" / "site" / "en" / "lessons" / "les-1.html"
    assert "Section <strong>body</strong>" in page.read_text(encoding="utf-8")
    cache = project.root / ".coursesmith" / "cache"
    entries = [path for path in cache.glob("outputs/*/html/*/*.html")
               if "Section <strong>body</strong>" in path.read_text(encoding="utf-8")]
    assert entries
    for path in entries:
        path.write_text(path.read_text(encoding="utf-8").replace("Section <strong>body</strong>", "PLANTED"),
                        encoding="utf-8")
    commit_all(project.root, "a lesson, and its pages", force=True)
    (project.root / "output").rename(project.root / "output-before")  # a build with work to do
    result = run(project)
    assert result.returncode == 0, result.stderr
    assert "warning cache-tracked" in result.stdout
    shown = page.read_text(encoding="utf-8")
    assert "PLANTED" not in shown and "Section <strong>body</strong>" in shown


def test_a_cache_whose_name_looks_like_a_pattern_is_asked_about_by_its_name(tmp_path):
    """`tracked_by_git` asks git about the cache folder itself, not what its name matches."""
    from coursesmith.cache_trust import tracked_by_git

    (tmp_path / "cache*").mkdir()
    (tmp_path / "cache-notes").mkdir()
    (tmp_path / "cache-notes" / "todo.txt").write_text("mine", encoding="utf-8")
    commit_all(tmp_path, "notes")
    assert not tracked_by_git(tmp_path / "cache*", tmp_path)
    assert tracked_by_git(tmp_path / "cache-notes", tmp_path)
