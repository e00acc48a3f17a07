"""What one language's offline bundle holds, by path inside its folder.

The bundle is the participant site of one language as it would be opened from a
USB stick: its pages rendered again for one language (through the memo of template
outputs, so an edit renders again only the pages it changed; no language switch to pages
the bundle does not hold, no Pagefind, whose requests a page from disk may not
make), that language's offline search index, and the files the site output and
the slides outputs already wrote for that language (PDFs, slide decks) and for
every language (assets/: stylesheet, fonts, images, reveal.js). Everything in it
is either published in the participant site already or rendered from the same
participant model, so nothing facilitator-only can come in.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from coursesmith.model import layout
from coursesmith.model.course import CourseView
from coursesmith.outputs.base import Made
from coursesmith.outputs.offline_search import SearchTexts, index_script, page_record
from coursesmith.outputs.site.output import SHOWS_PDFS
from coursesmith.outputs.site.pages import SEARCHABLE, site_pages
from coursesmith.diagnostics import Problems
from coursesmith.render.environment import Page, Renderer, template_problem
from coursesmith.render.memo import HtmlMemo

LEFT_OUT = ("share-",)
"""Asset names the bundle leaves out: the pictures a shared link shows, which only a
site at a web address uses."""


def bundle_files(course: CourseView, lang: str, site: Path, templates: list[Path],
                 pdfs: Mapping[str, Made], problems: Problems, memo: HtmlMemo | None = None,
                 texts: SearchTexts | None = None) -> dict[str, bytes | Path] | None:
    """Path (below the bundle's folder) → bytes, or the staged file that holds them (the
    PDFs and decks are read only as the zip stores them). `site` is the staged site
    folder; `pdfs` the PDFs made, by path below it; `memo` and `texts` keep the pages'
    template outputs and search texts between builds. None when a template failed (reported)."""
    files = _written(site, lang)
    pages = _pages(course, lang, templates, pdfs, problems, memo)
    if pages is None:
        return None
    files.update(pages)
    records = [page_record(pages[path].decode("utf-8"), layout.relative_url(path, layout.search_page(lang)), texts)
               for path in searchable(course, lang)]
    files[layout.offline_search_index(lang)] = index_script([r for r in records if r]).encode("utf-8")
    return files


def _written(site: Path, lang: str) -> dict[str, bytes | Path]:
    """What the outputs before this one wrote into the site for `lang` and for all."""
    found = {}
    for folder in (layout.ASSETS, lang):
        for path in sorted((site / folder).rglob("*")):
            if path.is_file() and not path.is_symlink() and not path.name.startswith(LEFT_OUT):
                found[path.relative_to(site).as_posix()] = path
    return found


def bundle_pages(course: CourseView, lang: str) -> list[Page]:
    """The site's pages of `lang`, and its language chooser as the bundle's index, for a
    one-language copy opened from disk: 404 page and sitemap belong to a web server."""
    alone = (("languages", (lang,)), ("offline", True))
    pages = []
    for page in site_pages(course):
        if page.path == layout.root_index():
            pages.append(Page(page.template, page.path, lang, page.target,
                              (("alternates", {lang: page.path}), *alone)))
        elif page.lang == lang and page.path.startswith(f"{lang}/"):
            values = dict(page.values)
            values["alternates"] = {lang: page.path}
            pages.append(Page(page.template, page.path, lang, page.target, (*values.items(), *alone)))
    return pages


def searchable(course: CourseView, lang: str) -> list[str]:
    return sorted(page.path for page in bundle_pages(course, lang) if page.template in SEARCHABLE)


def _pages(course: CourseView, lang: str, templates: list[Path], pdfs: Mapping[str, Made],
           problems: Problems, memo: HtmlMemo | None) -> dict[str, bytes] | None:
    """The bundle's pages. The site output audited the same templates' pages already.
    As in the site, only the pages that show the PDFs' sizes are given them, so an edit
    that changes one PDF leaves every other page's memo key as it was."""
    showing, rendered = Renderer(course, templates, pdfs, memo), {}
    others = Renderer(course, templates, memo=memo)
    for page in bundle_pages(course, lang):
        renderer = showing if page.template in SHOWS_PDFS else others
        try:
            rendered[page.path] = renderer.render(page).encode("utf-8")
        except Exception as error:  # a template bug: report at the template line
            template_problem(error, problems)
            return None
    return rendered
