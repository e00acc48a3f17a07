"""Whether a build may use its cache: a cache inside the project must be one that
coursesmith made on this machine, and no cache may hold a link.

The cache trusts what it finds: a PDF under a key is published without being laid
out, a record of a build lets the next one stop at once. The default cache sits in
the project (`.coursesmith/cache/`), where a pull request can put files, and CI
builds pull requests. So, before a build reads anything in its cache:

- A cache inside the project is used only if it carries the tag this module writes
  into every cache it makes (`CACHEDIR.TAG`, which also tells backup tools to skip
  the folder) naming the folder's own device and inode, is a folder of this user's
  that only they may open (mode 0700), and is not reached through a link. A cache
  that came with the project (committed to the repository) fails the test: git makes
  folders of mode 0755 and cannot know the folder's inode on the machine that checks
  it out. Such a cache is emptied, with a warning; so is one copied from elsewhere
  or made by an older coursesmith, which only costs one build its reuse. A folder
  holding anything else (`--cache-dir .` names the project itself) is never
  emptied, only left unused. A cache that lies through a link outside its place in
  the project is not used at all.
- A cache this machine made can still be given files by git: `git pull` writes the
  files a branch tracks even into a folder the project ignores, and a cache's names
  are digests anyone with the sources can compute. So a cache inside a git work tree
  in which git tracks any file is emptied too, with a warning (`git ls-files`, run
  only where git is installed; it reads the local index, never the network).
- A cache outside the project (`--cache-dir`, e.g. one CI restored) is the user's
  own choice and is trusted as it is.
- In any cache, a link or anything else that is neither a folder nor a regular file
  (a named pipe would hang the build) is removed unread, with a warning:
  coursesmith never writes one, and a link to `/proc/self/environ` under a PDF's key
  would publish the build machine's secrets as that PDF.
"""
from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

from coursesmith.diagnostics import Location, Problems

TAG = "CACHEDIR.TAG"
PARTS = frozenset({"builds", "check", "loaded", "outputs", "pdf", "templates", TAG})
"""What coursesmith writes at the top of a cache (`pdf` and `templates` by older versions)."""
SIGNATURE = "Signature: 8a477f597d28d172789f06886806bc55"
"""The Cache Directory Tagging Specification's first line (https://bford.info/cachedir/)."""
MODE = 0o700


def trusted_cache(folder: Path, root: Path, problems: Problems) -> Path | None:
    """The cache folder this build may use (made if need be), or None: none this time.
    What is in it is looked at by `without_links`."""
    lexical, real = Path(os.path.abspath(folder)), folder.resolve()
    project = Path(os.path.abspath(root))
    if lexical.is_relative_to(project) and real != root.resolve() / lexical.relative_to(project):
        problems.add("cache-outside", Location(folder))  # a link on the way leads elsewhere
        return None
    if real.is_relative_to(root.resolve()):
        if folder.exists() and not _made_here(folder):
            if not only_cache_parts(folder):  # never empty a folder that is not a cache (`--cache-dir .`)
                problems.add("cache-not-ours", Location(folder))
                return None
            problems.add("cache-untrusted", Location(folder))
            _empty(folder)
        elif folder.exists() and tracked_by_git(folder, root):
            problems.add("cache-tracked", Location(folder))
            _empty(folder)
        if not _make(folder) or not _made_here(folder):
            return None  # it could not be emptied, or made: a build without a cache
    else:  # the user's own folder: made if need be, its permissions left as they are
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass  # a cache that cannot be written is only a slower build
    return folder


def without_links(folder: Path, problems: Problems) -> Path | None:
    """The cache once every link and special file in it is removed (each a warning);
    None if one could not be. Done before a build reads the cache: a build that stops
    at once (nothing changed) reads only its record, as a plain file (`plain_file`)."""
    return folder if _remove_links(folder, problems) else None


def plain_file(path: Path, folder: Path) -> bool:
    """Whether `path` is a regular file reached from the cache `folder` without a link."""
    try:
        real = Path(os.path.realpath(path))
        return real == Path(os.path.realpath(folder)) / path.relative_to(folder) and stat.S_ISREG(os.stat(real).st_mode)
    except (OSError, ValueError):
        return False


def only_cache_parts(folder: Path) -> bool:
    """Whether `folder` holds nothing but what coursesmith writes at the top of a cache."""
    return holds_only(folder, PARTS)


def holds_only(folder: Path, names: frozenset[str] | set[str]) -> bool:
    """Whether `folder` is a real folder holding nothing but `names` (and hidden
    leftovers such as temporary files)."""
    try:
        return folder.is_dir() and not folder.is_symlink() and all(
            child.name in names or child.name.startswith(".") for child in folder.iterdir())
    except OSError:
        return False


def tracked_by_git(folder: Path, root: Path) -> bool:
    """Whether git tracks a file inside `folder` (a folder of the project `root`; its name
    taken literally, never as a pattern); False where git is not installed or `root` is
    in no work tree."""
    git = shutil.which("git")
    if git is None:
        return False
    inside = os.path.relpath(os.path.abspath(folder), os.path.abspath(root))
    try:
        found = subprocess.run([git, "-C", str(root), "ls-files", "-z", "--", f":(literal){inside}"],
                               capture_output=True, stdin=subprocess.DEVNULL, timeout=60,
                               env={**os.environ, "GIT_OPTIONAL_LOCKS": "0"})  # a read: no index lock taken
    except (OSError, subprocess.SubprocessError):
        return False
    return found.returncode == 0 and bool(found.stdout)


def _tag(info: os.stat_result) -> str:
    return (f"{SIGNATURE}\n# A coursesmith cache: what a build may reuse; removing it only costs time.\n"
            f"# folder {info.st_dev}:{info.st_ino}\n")


def _made_here(folder: Path) -> bool:
    try:
        info = os.lstat(folder)
        tag = folder / TAG
        found = os.lstat(tag)
        if not stat.S_ISREG(found.st_mode) or found.st_size > 4096:
            return False
        text = tag.read_text(encoding="utf-8")
    except (OSError, ValueError):
        return False
    return (stat.S_ISDIR(info.st_mode) and stat.S_IMODE(info.st_mode) == MODE
            and info.st_uid == os.geteuid() and text == _tag(info))


def _empty(folder: Path) -> None:
    """Remove the folder's contents, never following a link (shutil.rmtree does not)."""
    try:
        if folder.is_symlink() or not folder.is_dir():
            folder.unlink()
        else:
            shutil.rmtree(folder)
    except OSError:
        pass


def _make(folder: Path) -> bool:
    """Make the folder, only its owner's, with its tag; False if it cannot be written."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        os.chmod(folder, MODE)
        if not (folder / TAG).is_file():
            (folder / TAG).write_text(_tag(os.lstat(folder)), encoding="utf-8")
    except OSError:
        return False
    return True


def _remove_links(folder: Path, problems: Problems) -> bool:
    """Remove every link and special file under `folder`; False if one could not be."""
    try:
        with os.scandir(folder) as found:
            entries = list(found)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    removed = True
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            removed = _remove_links(Path(entry.path), problems) and removed
        elif not entry.is_file(follow_symlinks=False):  # a link, a named pipe, a device
            try:
                os.unlink(entry.path)
                problems.add("cache-link", Location(Path(entry.path)))
            except OSError:
                problems.add("cache-link-kept", Location(Path(entry.path)))
                removed = False
    return removed
