"""The slides as two outputs: `slides`, the reveal.js pages (participants' in the site,
the facilitator's with speaker notes beside the facilitator material), and
`slides-pdf`, the participant PDFs of the slides (one slide a page, and the handout
with three a page), which follows the print output and is skipped with it (`--no-pdf`)."""

from __future__ import annotations

import hashlib
import shutil
import time
from pathlib import Path

from coursesmith.model import layout
from coursesmith.outputs.base import BuildContext, Made, Output
from coursesmith.outputs.print.batch import PdfBatch
from coursesmith.outputs.print.cache import environment_key
from coursesmith.outputs.print.pool import Printer
from coursesmith.pruning import prune
from coursesmith.model.course import CourseView
from coursesmith.outputs.site.pages import static_files
from coursesmith.outputs.site.static import site_fonts_files
from coursesmith.outputs.slides.pages import STYLESHEET, deck_pages, reveal_files
from coursesmith.render.a11y import accessible
from coursesmith.render.environment import Page, Renderer, find_template_file, template_problem, template_search_path
from coursesmith.render.memo import HtmlMemo
from coursesmith.stages import BuildOptions

FOLDERS = {"participant": layout.SITE, "facilitator": layout.FACILITATOR}


class SlidesOutput(Output):
    name = "slides"
    audiences = ("participant", "facilitator")

    def start(self, context: BuildContext) -> None:
        self.made: list[Made] = []
        for audience, folder in FOLDERS.items():
            course = context.model(audience)
            pages = rendered(deck_pages(course, "reveal"),
                             Renderer(course, context.templates, memo=context.html_memo()), context)
            for page, html in pages:
                target = context.stage / folder / page.path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(html, encoding="utf-8", newline="\n")
                self.made.append(Made(f"{folder}/{page.path}", "page", size=target.stat().st_size))
            files = reveal_files(context.templates, notes=audience == "facilitator")
            if audience == "facilitator":  # the site copies its own fonts and images
                files += [(source, path) for source, path in static_files(context.templates, context.assets, course.root)
                          if path != layout.stylesheet()]
                _write_fonts(context, course, context.stage / folder)
            for source, path in files:
                (context.stage / folder / path).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, context.stage / folder / path)

    def finish(self) -> list[Made]:
        return self.made


def _write_fonts(context: BuildContext, course: CourseView, folder: Path) -> None:
    """The site's WOFF2 fonts, which the decks load, for the facilitator's decks."""
    for path, data in site_fonts_files(course, context.templates, context.cache).items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_bytes(data)


class SlidesPdfOutput(Output):
    """The slides' PDFs, laid out with the slides' print stylesheet by the build's PDF
    workers (outputs/print/pool.py), after the handouts the print output gave them;
    cached like those."""

    name = "slides-pdf"
    audiences = ("participant",)
    requires = ("print",)  # PDFs are made when the print output is: --no-pdf skips these too

    printer: Printer | None = None
    batch: PdfBatch | None = None

    def warm_up(self, options: BuildOptions) -> None:
        search_path = template_search_path(options.project)
        root = options.project.resolve()
        stylesheet, environment = slides_stylesheet(search_path)
        self.printer = Printer(stylesheet, root, [root, *search_path], options.jobs, environment)

    def start(self, context: BuildContext) -> None:
        self.context, self.started = context, time.time()
        self.batch = PdfBatch(context, self.printer,
                              slide_documents(context.model(), context.templates, context.html_memo()))
        self.batch.start()

    def finish(self) -> list[Made]:
        made = self.batch.finish()
        if self.context.cache is not None:  # as the print output does: what nobody used lately goes
            prune(self.context.cache, started=self.started - 1, limits=self.context.options.cache_limits)
        return made

    def close(self) -> None:
        if self.printer is not None:
            self.printer.close()  # no worker may write into a staging folder being removed


def slides_stylesheet(search_path: list[Path]) -> tuple[Path, str]:
    """The slides' print stylesheet and what their PDFs depend on besides their HTML:
    the print key's parts, and the slides' own stylesheet, which it imports."""
    stylesheet = find_template_file(search_path, "css/slides-print.css")
    imported = find_template_file(search_path, f"css/{STYLESHEET}").read_bytes()
    return stylesheet, environment_key(stylesheet, search_path) + hashlib.sha256(imported).hexdigest()


def slide_documents(course: CourseView, templates: list[Path],
                    memo: HtmlMemo | None = None) -> list[tuple[str, Page, Renderer]]:
    """(document, page, renderer) of each slide PDF: one slide a page, then the handouts."""
    renderer = Renderer(course, templates, memo=memo)
    return [(f"{layout.SITE}/{page.path}", page, renderer)
            for page in deck_pages(course, "print") + deck_pages(course, "handout")]


def rendered(pages: list[Page], renderer: Renderer, context: BuildContext) -> list[tuple[Page, str]]:
    """Each page with its HTML, audited for accessibility; a template bug stops at its line."""
    done = []
    for page in pages:
        try:
            html = renderer.render(page)
        except Exception as error:
            template_problem(error, context.problems)
            return done
        if accessible(html, page, context.templates, context.problems, decorative_images=page.target == "site"):
            done.append((page, html))
    return done
