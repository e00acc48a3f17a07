"""The PDFs of a build: each rendered to HTML and keyed, then copied from the cache or
handed to the printer, biggest first, while the parent goes on with the site."""
from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path

from coursesmith.diagnostics import Location, Problems
from coursesmith.model import layout
from coursesmith.model.course import CourseView
from coursesmith.outputs.base import BuildContext, Made
from coursesmith.outputs.print.cache import PdfCache, job_key
from coursesmith.outputs.print.documents import print_plan
from coursesmith.outputs.print.jobs import Outcome, PdfJob, Rendered
from coursesmith.outputs.print.pool import Printer
from coursesmith.render.a11y import accessible
from coursesmith.render.environment import Page, Renderer, template_problem
from coursesmith.render.memo import HtmlMemo


# Long documents first, so that no worker is left with a long one at the end.
ORDER = {"print/facilitator.html": 0, "print/handout.html": 1}


Planned = list[tuple[str, Page, Renderer]]


class PdfBatch:
    """Every PDF of both audiences (or of one shard) of one build; or, for another output
    that makes PDFs the same way, the documents it plans (`documents`)."""

    def __init__(self, context: BuildContext, printer: Printer, documents: Planned | None = None):
        self.context, self.printer = context, printer
        self.documents = documents
        self.cache = PdfCache(context.cache)
        self.made: dict[str, Rendered] = {}
        self.reused: set[str] = set()
        self.failed: list[Outcome] = []
        self.lock = threading.Lock()

    @property
    def problems(self) -> Problems:
        return self.context.problems

    def prepare(self) -> None:
        """The stylesheet, the rendering environment's key and what WeasyPrint said of the stylesheet."""
        self.stylesheet, self.environment = self.printer.stylesheet, self.printer.content
        self.css_warnings = self.cache.stylesheet_warnings(self.environment)
        if self.css_warnings is None:  # parsing the stylesheet needs WeasyPrint: only when not known yet
            self.css_warnings = self.printer.stylesheet_warnings()

    def start(self) -> None:
        """Render every document's HTML in turn and start its PDF; return without waiting."""
        context = self.context
        self.prepare()
        documents = self.documents
        if documents is None:
            documents = planned(context.models, context.templates, context.options.shard, context.html_memo())
        context.progress.start(len(documents))
        root = next(iter(context.models.values())).root.resolve()
        for document, page, renderer in documents:
            try:
                html = renderer.render(page)
            except Exception as error:  # a template bug: report it at its line, once
                template_problem(error, self.problems)
                return
            if not accessible(html, page, context.templates, self.problems):
                continue
            key = job_key(self.environment, html, root)
            cached, target = self.cache.get(key), context.stage / document
            if cached is not None:
                self.cache.copy_to(key, target, context.previous(target))
                self.finished(Outcome(document, cached, cached=True))
            else:
                self.printer.submit(document, html, target, lambda outcome, key=key: self.finished(outcome, key))

    def report_stylesheet_warnings(self) -> None:
        warnings = self.css_warnings
        if callable(warnings):
            warnings = warnings()
            self.cache.keep_stylesheet_warnings(self.environment, warnings)
        for message in warnings:
            self.problems.add("pdf-warning", css_location(self.stylesheet, message), document=self.stylesheet.name,
                              problem=message)

    def finished(self, outcome: Outcome, key: str | None = None) -> None:
        with self.lock:
            if outcome.rendered is None:
                self.failed.append(outcome)
            else:
                self.made[outcome.document] = outcome.rendered
                if outcome.cached:
                    self.reused.add(outcome.document)
                if key is not None:
                    self.cache.put(key, self.context.stage / outcome.document, outcome.rendered)
        self.context.progress.done(outcome.document, cached=outcome.cached)

    def report_failed(self) -> None:
        """Each document that failed, at its place in the output; a printer that could not
        start fails every document for the same reason, said once, at the stylesheet."""
        setup = next((outcome for outcome in self.failed if outcome.setup_failed), None)
        if setup is not None:
            self.problems.add("print-setup-error", css_location(self.stylesheet, setup.error or ""),
                              problem=setup.error)
        for outcome in sorted(self.failed, key=lambda o: o.document):
            if not outcome.setup_failed:
                self.problems.add("pdf-error", Location(self.context.output / outcome.document),
                                  document=outcome.document, problem=outcome.error)

    def finish(self) -> list[Made]:
        """Wait for the printer, report what went wrong, and return what was made."""
        self.report_stylesheet_warnings()
        self.printer.join()
        self.context.progress.finish()
        self.report_failed()
        output = self.context.output
        for document in sorted(self.made):
            for message in dict.fromkeys(self.made[document].warnings):
                self.problems.add("pdf-warning", Location(output / document), document=document, problem=message)
        return [Made(document, "pdf", rendered.pages, rendered.size, document in self.reused)
                for document, rendered in sorted(self.made.items())]


FOLDERS = {"participant": layout.SITE, "facilitator": layout.FACILITATOR}


def planned(models: Mapping[str, CourseView], templates: list[Path],
            shard: tuple[int, int] | None = None, memo: HtmlMemo | None = None) -> list[tuple[str, Page, Renderer]]:
    """(document, page, renderer) of every PDF laid out (each part of the books once), long
    ones first; with a shard, its share."""
    found = []
    for audience, folder in FOLDERS.items():
        renderer = Renderer(models[audience], templates, memo=memo)
        found += [(f"{folder}/{part.name}", part.page, renderer)
                  for part in print_plan(models[audience], renderer.labels).parts]
    if shard is not None:
        index, count = shard
        names = sorted(document for document, _, _ in found)
        mine = {name for i, name in enumerate(names) if i % count == index - 1}
        found = [item for item in found if item[0] in mine]
    return sorted(found, key=lambda item: (ORDER.get(item[1].template, 9), item[0]))


def css_location(stylesheet: Path, message: str) -> Location:
    """WeasyPrint names the line and column of a stylesheet problem ("… at 12:5 …")."""
    found = re.search(r" at (\d+):(\d+)", message)
    return Location(stylesheet, int(found[1]), int(found[2])) if found else Location(stylesheet)


def pdf_jobs(models: Mapping[str, CourseView], templates: list[Path], environment: str,
             problems: Problems) -> Iterator[PdfJob]:
    """Every PDF's HTML with its cache key (for tools such as the benchmark's floor)."""
    root = models["participant"].root.resolve()
    for document, page, renderer in planned(models, templates):
        html = renderer.render(page)
        if accessible(html, page, templates, problems):
            yield PdfJob(document, html, job_key(environment, html, root))

