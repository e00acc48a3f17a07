"""The slides as two outputs: `slides`, the reveal.js pages (participants' in the site,
the facilitator's with speaker notes beside the facilitator material), and
`slides-pdf`, the participant PDFs of the slides (one slide a page, and the handout
with three a page), which follows the print output and is skipped with it (`--no-pdf`)."""

from __future__ import annotations

import hashlib
import shutil
import time
from pathlib import Path

from coursesmith.diagnostics import Location
from coursesmith.model import layout
from coursesmith.outputs.base import BuildContext, Made, Output
from coursesmith.outputs.print.cache import PdfCache, environment_key, job_key
from coursesmith.outputs.print.prune import prune
from coursesmith.outputs.site.pages import static_files
from coursesmith.outputs.slides.pages import STYLESHEET, deck_pages, reveal_files
from coursesmith.render.a11y import accessible
from coursesmith.render.environment import Page, Renderer, find_template_file, template_problem

FOLDERS = {"participant": layout.SITE, "facilitator": layout.FACILITATOR}


class SlidesOutput(Output):
    name = "slides"
    audiences = ("participant", "facilitator")

    def start(self, context: BuildContext) -> None:
        self.made: list[Made] = []
        for audience, folder in FOLDERS.items():
            course = context.model(audience)
            pages = rendered(deck_pages(course, "reveal"), Renderer(course, context.templates),
                             context)
            for page, html in pages:
                target = context.stage / folder / page.path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(html, encoding="utf-8", newline="\n")
                self.made.append(Made(f"{folder}/{page.path}", "page", size=target.stat().st_size))
            files = reveal_files(context.templates, notes=audience == "facilitator")
            if audience == "facilitator":  # the site copies its own fonts and images
                files += [(source, path) for source, path in static_files(context.templates, context.assets, course.root)
                          if path != layout.stylesheet()]
            for source, path in files:
                (context.stage / folder / path).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, context.stage / folder / path)

    def finish(self) -> list[Made]:
        return self.made


class SlidesPdfOutput(Output):
    name = "slides-pdf"
    audiences = ("participant",)
    requires = ("print",)  # PDFs are made when the print output is: --no-pdf skips these too

    def start(self, context: BuildContext) -> None:
        self.context, self.started = context, time.time()

    def finish(self) -> list[Made]:
        made = self.make()
        if self.context.cache is not None:  # as the print output does: what nobody used lately goes
            prune(self.context.cache, started=self.started - 1)
        return made

    def make(self) -> list[Made]:
        from coursesmith.outputs.print.maker import PdfMaker  # WeasyPrint loads only when PDFs are made

        context, course = self.context, self.context.model()
        stylesheet = find_template_file(context.templates, "css/slides-print.css")
        root = course.root.resolve()
        maker = PdfMaker(stylesheet, root, [root, *context.templates], context.templates)
        # The print stylesheet imports the slides' own, which the print key does not read.
        imported = find_template_file(context.templates, f"css/{STYLESHEET}").read_bytes()
        environment = environment_key(stylesheet, context.templates) + hashlib.sha256(imported).hexdigest()
        cache = PdfCache(context.cache)
        renderer, made = Renderer(course, context.templates), []
        pages = deck_pages(course, "print") + deck_pages(course, "handout")
        for page, html in rendered(pages, renderer, context):
            document = f"{layout.SITE}/{page.path}"
            target, key = context.stage / document, job_key(environment, html, root)
            result = cache.get(key)
            reused = result is not None
            if reused:
                cache.copy_to(key, target)
            else:
                result = maker.write(html, target)
                cache.put(key, target, result)
            for message in dict.fromkeys(result.warnings):
                context.problems.add("pdf-warning", Location(context.output / document), document=document, problem=message)
            made.append(Made(document, "pdf", result.pages, result.size, reused))
        return made


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
