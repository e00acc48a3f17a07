"""The print output's PDFs as parts and books: every part laid out once (or copied from
the cache), the handouts published alone, the books bound from their parts.

A part that links to another part shows the label of its target's page ("(p. 3–4)"),
which only a layout of that part tells. A part waits until the parts it names are laid
out in this build (a part found in the cache is laid out at once); once every part is
laid out, a part rendered with a label that differs from its target's real one is
rendered again. Parts that name each other (a cycle) are rendered with what is known,
then once more, and left so. Labels come only from this build's layouts, in the same
order whatever the cache holds, so what a build writes never depends on the cache.
"""
from __future__ import annotations

import functools
import hashlib
import shutil
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from coursesmith.diagnostics import Location
from coursesmith.model.course import CourseView
from coursesmith.outputs.base import BuildContext, Made
from coursesmith.outputs.print.anchors import AnchorMap, Asked
from coursesmith.outputs.print.apart import Apart
from coursesmith.outputs.print.batch import FOLDERS, ORDER, PdfBatch
from coursesmith.outputs.print.binding import (BindJob, Bound, PartFile, PublishJob, bind_together, bound_key, publish,
                                               published_key)
from coursesmith.outputs.print.cache import job_key
from coursesmith.outputs.print.documents import BookPlan, PartPlan, print_plan
from coursesmith.outputs.print.jobs import Outcome, Rendered
from coursesmith.outputs.print.pool import Printer
from coursesmith.render.a11y import accessible
from coursesmith.render.captions import Caption
from coursesmith.render.environment import Renderer, template_problem
from coursesmith.render.links import CROSS_PART, published_addresses
from coursesmith.staging import copy_into_stage

ROUNDS = 6
"""At most this many times is a part rendered again for its labels (a cycle settles in two)."""


@dataclass
class Part:
    """One part in this build: its plan, its group (audience and language), what it was
    last rendered with, and its layout."""

    plan: PartPlan
    name: str
    group: tuple[str, str]
    renderer: Renderer
    asked: dict[str, str | None] = field(default_factory=dict)
    """The labels its HTML was rendered with, by anchor."""
    captions: list[Caption] = field(default_factory=list)
    digest: str | None = None
    """A digest of the HTML it was last rendered to (None until then): the HTML itself
    goes to the printer and is not kept, so that a build does not hold every part's."""
    cross_part: bool = False
    """Whether that HTML links to another part (`x-part:`)."""
    key: str | None = None
    rendered: Rendered | None = None
    laid_out: Path | None = None
    cached: bool = False
    failed: bool = False


class BookBatch(PdfBatch):
    """Every part and book of both audiences (or of one shard) of one build."""

    def __init__(self, context: BuildContext, printer: Printer):
        super().__init__(context, printer)
        self.parts: dict[str, Part] = {}
        self.books: list[tuple[str, BookPlan, tuple[str, str]]] = []
        self.anchors: dict[tuple[str, str], AnchorMap] = {}
        self.position: dict[str, tuple[int, str]] = {}
        """Each book part's place in the first book of its group that holds it."""
        self.outstanding = 0
        self.idle = threading.Condition(self.lock)
        # the parts are laid out beside the staging folder: inside the build's own space
        # (the project's, by default), never in a shared temporary folder
        self.work = context.stage.with_name(f"{context.stage.name}-parts")
        shutil.rmtree(self.work, ignore_errors=True)
        self.work.mkdir(parents=True)
        self.bound: list[Bound] = []
        self.apart = Apart()
        """The binders' processes, stopped if the build stops (`stop_binders`)."""

    def start(self) -> None:
        context = self.context
        self.prepare()
        self.root = next(iter(context.models.values())).root.resolve()
        self._plan(context.models)
        context.progress.start(len(self.parts) + len(self.books))
        for part in self._in_order(self.parts.values()):
            self._render(part, force=False)

    # --- the plan --------------------------------------------------------------------

    def _plan(self, models: Mapping[str, CourseView]) -> None:
        for audience, folder in FOLDERS.items():
            renderer = Renderer(models[audience], self.context.templates, memo=self.context.html_memo())
            plan = print_plan(models[audience], renderer.labels)
            for part in plan.parts:
                name = f"{folder}/{part.published or part.name}"
                self.parts[name] = Part(part, name, (audience, part.page.lang), renderer)
            self.books += [(f"{folder}/{book.path}", book, (audience, book.path.split("/")[0]))
                           for book in plan.books]
        self.addresses = {(audience, lang): tuple(sorted(published_addresses(models[audience], lang).items()))
                          for audience in FOLDERS for lang in models[audience].course.languages}
        # a book's parts by their names in this build (its folder, then the plan's name)
        self.book_parts = {path: [f"{path.split('/')[0]}/{name}" for name in book.parts]
                           for path, book, _ in self.books}
        for path, _, group in self.books:
            self.anchors.setdefault(group, AnchorMap())
            for position, name in enumerate(self.book_parts[path]):
                self.position.setdefault(name, (position, name))
        self._shard()

    def _shard(self) -> None:
        """With `--shard I/N`, only a share of the documents (published parts and books),
        with the parts those books need."""
        shard = self.context.options.shard
        self.mine: set[str] | None = None
        if shard is None:
            return
        index, count = shard
        documents = sorted([name for name, part in self.parts.items() if part.plan.published]
                           + [path for path, _, _ in self.books])
        mine = self.mine = {name for i, name in enumerate(documents) if i % count == index - 1}
        self.books = [book for book in self.books if book[0] in mine]
        needed = mine | {name for path, _, _ in self.books for name in self.book_parts[path]}
        self.parts = {name: part for name, part in self.parts.items() if name in needed}

    @staticmethod
    def _in_order(parts) -> list[Part]:
        """Lessons before the front matter (its list of figures needs their labels), long
        documents first (facilitator handouts, then handouts), so no worker is left with a
        long one at the end."""
        return sorted(parts, key=lambda p: (p.plan.page.template == "print/book-front.html",
                                            ORDER.get(p.plan.page.template, 9), p.name))

    # --- labels ------------------------------------------------------------------------

    def _known(self, group: tuple[str, str]) -> AnchorMap:
        return self.anchors.setdefault(group, AnchorMap())

    # --- rendering ---------------------------------------------------------------------

    def _render(self, part: Part, force: bool) -> bool:
        """Render the part's HTML with the labels known now and lay it out (or copy it),
        unless a label it needs is not known yet and `force` is false. True when started."""
        html = self._html(part, force)
        return html is not None and self._lay_out(part, html)

    def _render_all(self, parts: list[Part]) -> list[Part]:
        """Render all of `parts` with the labels known now, then lay them out: what one of
        them shows never depends on whether another was laid out first (`--jobs`)."""
        htmls = [(part, self._html(part, force=True)) for part in parts]
        return [part for part, html in htmls if html is not None and self._lay_out(part, html)]

    def _html(self, part: Part, force: bool) -> str | None:
        asked = Asked(self._known(part.group))
        figures = self._figures(part, asked)
        try:
            html, captions = part.renderer.render_part(part.plan.page, asked, figures)
        except Exception as error:  # a template bug: report it at its line, once
            template_problem(error, self.problems)
            part.failed = True
            return None
        part.captions = captions
        if (asked.missing or figures is None) and not force:
            return None
        part.asked = asked.asked
        return html

    def _lay_out(self, part: Part, html: str) -> bool:
        digest = hashlib.sha256(html.encode("utf-8")).hexdigest()
        if digest == part.digest:
            return True
        part.digest, part.cross_part = digest, CROSS_PART in html
        if not accessible(html, part.plan.page, self.context.templates, self.problems):
            part.failed = True
            return True
        key = part.key = job_key(self.environment, html, self.root)
        cached = self.cache.get(key)
        target = self.work / part.name
        if cached is not None:
            part.laid_out = self.cache.path(key)
            self.done_part(part, Outcome(part.name, cached, cached=True))
            return True
        with self.lock:
            self.outstanding += 1
        self.printer.submit(part.name, html, target, lambda outcome, part=part: self._laid_out(part, outcome))
        return True

    def _figures(self, part: Part, asked: Asked) -> list[tuple[Caption, str | None]] | None:
        """The captions a book's front matter lists, with their labels; None while a
        lesson of its book has not been rendered yet."""
        if part.plan.page.template != "print/book-front.html":
            return []
        books = [path for path, _, _ in self.books if part.name in self.book_parts[path]]
        figures = []
        for name in (self.book_parts[books[0]] if books else []):
            other = self.parts[name]
            if other is not part:
                if other.digest is None and not other.captions and not other.failed:
                    return None
                figures += [(caption, asked(caption.anchor) or "?") for caption in other.captions]
        return figures

    def _laid_out(self, part: Part, outcome: Outcome) -> None:
        if outcome.rendered is not None and part.key is not None:
            self.cache.put(part.key, self.work / part.name, outcome.rendered)
            part.laid_out = self.work / part.name
        self.done_part(part, outcome)
        with self.lock:
            self.outstanding -= 1
            self.idle.notify_all()

    def done_part(self, part: Part, outcome: Outcome) -> None:
        part.rendered, part.cached = outcome.rendered, outcome.cached
        part.failed = outcome.rendered is None
        with self.lock:
            if part.failed:
                self.failed.append(outcome)
            elif part.name in self.position:
                labels = {anchor: part.plan.label(index) for anchor, index in outcome.rendered.anchors.items()}
                self.anchors[part.group].update(self.position[part.name], labels)
        self.context.progress.done(part.name, cached=outcome.cached)

    def _wait(self) -> None:
        with self.lock:
            self.idle.wait_for(lambda: self.outstanding == 0)

    def _settle(self) -> None:
        """Render the parts that waited for labels, then again those rendered with a label
        that differs from the real one, until nothing changes. Parts that wait for each
        other (a cycle) are rendered with what is known, then once more, and left so."""
        forced: set[str] = set()
        again: set[str] = set()
        for round in range(ROUNDS):
            self._wait()
            waiting = [p for p in self._in_order(self.parts.values()) if p.digest is None and not p.failed]
            if waiting:
                last = round == ROUNDS - 1
                started = [p for p in waiting if self._render(p, force=last)]
                if not started:  # a cycle, or labels nobody will tell: render with what is known
                    forced |= {part.name for part in waiting}
                    self._render_all(waiting)
                continue
            stale = [p for p in self._in_order(self.parts.values())
                     if not p.failed and p.name not in again
                     and (p.plan.page.template == "print/book-front.html"
                          or any(self.anchors[p.group].get(a) != label for a, label in p.asked.items()))]
            again |= {p.name for p in stale if p.name in forced}
            before = {p.name: p.digest for p in stale}
            self._render_all(stale)
            if all(p.digest == before[p.name] for p in stale):
                return

    # --- publishing and binding ----------------------------------------------------------

    def finish(self) -> list[Made]:
        try:
            self._settle()
            self._wait()
            self._publish_and_bind()
            self.report_stylesheet_warnings()
            self.printer.join()
            self.context.progress.finish()
            self._report()
            return self._made()
        finally:
            shutil.rmtree(self.work, ignore_errors=True)

    def _publish_and_bind(self) -> None:
        for part in self.parts.values():
            if part.plan.published and part.rendered is not None and (self.mine is None or part.name in self.mine):
                self._publish(part)
        self._bind_books()
        self._wait()

    def _publish(self, part: Part) -> None:
        target = self.context.stage / part.name
        if not part.cross_part:
            copy_into_stage(part.laid_out, target, self.context.previous(target))
            self.made[part.name] = part.rendered
            if part.cached:
                self.reused.add(part.name)
            return
        job = PublishJob(part.name, str(part.laid_out), str(target), self.addresses[part.group])
        key = published_key(job, part.key)
        # its layout was counted as the part's: publishing it is not another document
        if not self._from_cache(key, part.name, counted=False):
            self._start(self.printer.run, publish, job, [(key, part.name)], part.rendered.pages, counted=False)

    def _bind_books(self) -> None:
        """Bind the books the cache does not hold, each group's together: the reader and
        its screen edition are made of the same parts, which one binder then opens once.
        Each book keeps its own key, so finding one in the cache binds only the other."""
        binding: dict[tuple[str, str], list[tuple[str, BindJob]]] = {}
        for book_path, book, group in self.books:
            job = self._bind_job(book_path, book, group)
            if job is not None and not self._from_cache(job[0], book_path):
                binding.setdefault(group, []).append(job)
        for jobs in binding.values():
            # a binder waits on a process of its own: beside the workers, not in their queue
            self._start(self.printer.run_beside, functools.partial(bind_together, apart=self.apart),
                        tuple(job for _, job in jobs),
                        [(key, job.book) for key, job in jobs], None)

    def _bind_job(self, book_path: str, book: BookPlan, group: tuple[str, str]) -> tuple[str, BindJob] | None:
        """The book's key and binding job; None when a part failed (it is reported, the book is not made)."""
        parts = [self.parts[name] for name in self.book_parts[book_path]]
        if any(p.rendered is None for p in parts):
            return None
        model = self.context.models[group[0]]
        job = BindJob(book_path, str(self.context.stage / book_path),
                      tuple(PartFile(str(p.laid_out), p.plan.title, p.plan.label_prefix, p.plan.label_style,
                                     p.plan.keep_outline, _elements(p.rendered)) for p in parts),
                      book.title, group[1], model.course.institution.name.get(group[1], model.course.languages),
                      book.subject, book.print_edition)
        return bound_key(job, [p.key for p in parts]), job

    def _from_cache(self, key: str, document: str, counted: bool = True) -> bool:
        """Copy a published part or a bound book from the cache, if it is there."""
        cached = self.cache.get(key)
        if cached is None:
            return False
        target = self.context.stage / document
        self.cache.copy_to(key, target, self.context.previous(target))
        self.made[document] = cached
        self.reused.add(document)
        if counted:
            self.context.progress.done(document, cached=True)
        return True

    def _start(self, run, task, job, documents: list[tuple[str, str]], pages: int | None,
               counted: bool = True) -> None:
        """Make `documents` (their keys and names) with `task(job)`, started by `run`; a
        task that fails leaves every one of them reported."""
        with self.lock:
            self.outstanding += 1

        def done(results) -> None:
            if not isinstance(results, list):  # one document's result, or the task's exception
                results = [results] * len(documents)
            try:
                for (key, document), result in zip(documents, results):
                    self._derived_done(key, document, result, pages, counted)
            finally:
                with self.lock:
                    self.outstanding -= 1
                    self.idle.notify_all()
        run(task, job, done)

    def _derived_done(self, key: str, document: str, result, pages: int | None, counted: bool) -> None:
        if not isinstance(result, Bound):
            result = Bound(document, error=repr(result))
        with self.lock:
            if result.error is None:
                rendered = Rendered(pages=pages if pages is not None else result.pages, size=result.size, warnings=[])
                self.made[document] = rendered
                self.cache.put(key, self.context.stage / document, rendered)
            self.bound.append(result)
        if counted:
            self.context.progress.done(document, cached=False)

    def _report(self) -> None:
        self.report_failed()
        output = self.context.output
        for result in sorted(self.bound, key=lambda b: b.document):
            if result.error is not None:
                self.problems.add("pdf-error", Location(output / result.document), document=result.document,
                                  problem=result.error)
            for anchor in result.unresolved:
                self.problems.add("pdf-warning", Location(output / result.document), document=result.document,
                                  problem=f"a link to {anchor!r} leads nowhere in this book")
        for part in sorted(self.parts.values(), key=lambda p: p.name):
            for message in dict.fromkeys(part.rendered.warnings if part.rendered else ()):
                self.problems.add("pdf-warning", Location(output / part.name), document=part.name, problem=message)

    def _made(self) -> list[Made]:
        return [Made(document, "pdf", rendered.pages, rendered.size, document in self.reused)
                for document, rendered in sorted(self.made.items())]

    def stop_binders(self) -> None:
        """End the binders still running: a build that stops must leave no process behind
        nor let one write into its staging folder."""
        self.apart.stop()

    def close(self) -> None:
        self.stop_binders()
        shutil.rmtree(self.work, ignore_errors=True)


def _elements(rendered: Rendered) -> tuple[int, ...] | None:
    """A part's elements with ids, as its layout told them (None from an older cache entry)."""
    return None if rendered.elements is None else tuple(rendered.elements)
