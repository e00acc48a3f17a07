"""Full-text search for the static site: Pagefind indexes the built pages of each
language separately and writes its index and interface into site/pagefind/.

Indexing runs beside the build: it starts once the site output has written its
first pages (lessons, case studies, glossary, bibliography are among them), and is
waited for at the end. It reads only those pages, so pages written meanwhile cannot
change the index."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from coursesmith.diagnostics import Location, Problems
from coursesmith.model import layout
from coursesmith.outputs.base import BuildContext, Made, Output
from coursesmith.outputs.offline_search import SearchTexts, write_offline_indexes
from coursesmith.outputs.site.pages import SEARCHABLE, site_pages
from coursesmith.staging import interrupts_deferred

PAGEFIND: list[str] | None = None  # the indexer's command; found in the installed package by default


def pagefind_command() -> list[str]:
    if PAGEFIND is not None:
        return PAGEFIND
    try:  # the binary itself: one Python start-up less than `python -m pagefind`
        from pagefind_bin import get_executable

        return [str(get_executable())]
    except (ImportError, FileNotFoundError):
        return [sys.executable, "-m", "pagefind"]


class SearchOutput(Output):
    """The site's search index: site/pagefind/."""

    name = "search"
    audiences = ("participant",)
    after = ("site",)
    requires = ("site",)

    index: SearchIndex | None = None

    def start(self, context: BuildContext) -> None:
        self.problems = context.problems
        pages = [page.path for page in site_pages(context.model()) if page.template in SEARCHABLE]
        limits = context.options.cache_limits
        texts = SearchTexts(context.cache / "texts", limits) if context.cache is not None else None
        self.index = SearchIndex(context.stage / layout.SITE, pages, Location(context.output / layout.SITE), texts)

    def finish(self) -> list[Made]:
        self.index.finish(self.problems)
        return []

    def close(self) -> None:
        if self.index is not None:
            self.index.stop()  # on an error or Ctrl-C: nothing may write into the staging folder any more


class SearchIndex:
    """One Pagefind run over the given pages of `site` (the staged copy); a failure is
    reported at `where` (the folder the user knows); `texts` keeps the offline search's
    page texts between builds."""

    def __init__(self, site: Path, pages: list[str], where: Location, texts: SearchTexts | None = None):
        self.site, self.where, self.pages, self.texts = site, where, pages, texts
        glob = "{" + ",".join(sorted(pages)) + "}"
        self.process, self.error = None, None
        try:
            with interrupts_deferred():  # a Ctrl-C now must not leave an indexer nobody stops
                self.process = subprocess.Popen(
                    [*pagefind_command(), "--site", str(site), "--silent", "--glob", glob],
                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        except OSError as error:
            self.error = str(error)
        except BaseException:
            self.stop()
            raise

    def finish(self, problems: Problems) -> None:
        write_offline_indexes(self.site, self.pages, self.texts)  # while Pagefind works
        if self.process is None:
            problems.add("search-error", self.where, reason=self.error)
            return
        try:
            stdout, stderr = self.process.communicate(timeout=300)
        except subprocess.TimeoutExpired:
            self.process.kill()
            problems.add("search-error", self.where, reason="the indexer took more than 300 seconds")
            return
        if self.process.returncode != 0:
            reason = (stderr or stdout).strip().splitlines()
            problems.add("search-error", self.where,
                         reason=reason[-1] if reason else f"exit {self.process.returncode}")
            return
        _sort_entry(self.site / "pagefind" / "pagefind-entry.json")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def _sort_entry(entry: Path) -> None:
    """Pagefind lists the languages of its index in hash-map order, which changes from
    run to run; sort them so that the same site gives the same bytes."""
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["languages"] = dict(sorted(data.get("languages", {}).items()))
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
