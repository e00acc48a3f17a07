"""The course office's papers as an output (audience `office`, folder output/office/):
learning designs (RBPMP) per module, lesson plans (RP) per lesson, attendance lists
per course day, certificates per participant, evaluation forms. It alone reads the
roster and the people for its papers (the office checks read them only to report
mistakes, which a build has already done when this output starts), and it writes
nothing below the site folder but the sealed verification list."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from coursesmith.diagnostics import Location, Problems
from coursesmith.load.people import load_people, teachers
from coursesmith.load.roster import load_roster
from coursesmith.load.schema.office import Person
from coursesmith.load.verifylist import VERIFY_LIST, load_verify_list, verify_list_path
from coursesmith.model import layout
from coursesmith.model.course import CourseView
from coursesmith.outputs.base import BuildContext, Made, Output
from coursesmith.outputs.office import certificates, papers
from coursesmith.outputs.print.batch import PdfBatch, Planned
from coursesmith.outputs.print.cache import environment_key
from coursesmith.outputs.print.pool import Printer
from coursesmith.render.environment import find_template_file, load_labels, template_search_path
from coursesmith.render.memo import HtmlMemo
from coursesmith.stages import BuildOptions


class OfficeOutput(Output):
    name = "office"
    audiences = ("office",)
    after = ("site",)  # the verify page's list goes beside the site's verify page

    printer: Printer | None = None
    batch: PdfBatch | None = None

    def warm_up(self, options: BuildOptions) -> None:
        search_path = template_search_path(options.project)
        root = options.project.resolve()
        stylesheet = find_template_file(search_path, "css/print.css")
        # The build's PDF workers (outputs/print/pool.py), used only by a paper not in the cache.
        self.printer = Printer(stylesheet, root, [root, *search_path], options.jobs,
                               environment_key(stylesheet, search_path))

    def start(self, context: BuildContext) -> None:
        course = context.model("office")
        people, issued, documents = office_papers(course, context.templates, context.problems, context.html_memo())
        if context.problems.errors:
            return
        self.context, self.course, self.issued = context, course, issued
        self.csv_files = write_evaluation_csv(context, course, people)
        if not context.options.pdf or "print" in context.options.skip:
            return  # `--no-pdf` means no PDFs at all, the office's included
        self.batch = PdfBatch(context, self.printer, documents)
        self.batch.start()

    def finish(self) -> list[Made]:
        if not hasattr(self, "csv_files"):
            return []
        pdfs = self.batch.finish() if self.batch is not None else []
        return self.csv_files + self.verification() + pdfs

    def verification(self) -> list[Made]:
        """The sealed list beside the site's verify page, when the site was made: from
        this build's certificates, or else from the list the office committed
        (course/verify-list.json), so a public build without the roster publishes it.
        With certificates, the office gets that list to commit (office/verify-list.json)."""
        made = []
        if self.issued:
            entries = certificates.sealed_entries(self.course, self.issued)
            made.append(self.write(f"{layout.OFFICE}/{VERIFY_LIST}", certificates.handover_list(entries)))
            self.compare_committed(entries)
        else:
            entries = load_verify_list(self.course.root, Problems())  # the check reported its mistakes
        if entries and f"{layout.SITE}/{layout.verify_page()}" in self.context.made:
            made.append(self.write(f"{layout.SITE}/{layout.verify_list()}", certificates.verification_script(entries)))
        return made

    def compare_committed(self, entries: dict[str, str]) -> None:
        """Warn when the list the office committed for the public build is not this
        build's: the public site would confirm the old certificates, not these."""
        committed = load_verify_list(self.course.root, Problems())
        if committed is None or committed == entries:
            return
        self.context.problems.add(
            "verify-list-stale", Location(verify_list_path(self.course.root)),
            missing=len(entries.keys() - committed.keys()), extra=len(committed.keys() - entries.keys()),
            changed=sum(committed[key] != entries[key] for key in entries.keys() & committed.keys()))

    def write(self, path: str, data: bytes) -> Made:
        (self.context.stage / path).parent.mkdir(parents=True, exist_ok=True)
        (self.context.stage / path).write_bytes(data)
        return Made(path, "file", 0, len(data), False)

    def close(self) -> None:
        if self.printer is not None:
            self.printer.close()


def office_papers(course: CourseView, templates: list[Path], problems: Problems,
                  memo: HtmlMemo | None = None) -> tuple[list[Person], list[certificates.Certificate], Planned]:
    """The people who teach, the certificates issued to the roster, and the papers' PDFs
    as (document, page, renderer). A certificate that cannot be issued goes into `problems`;
    the check reported the roster's and people's own mistakes already."""
    reported = Problems()
    roster = load_roster(course.root, reported)
    people = load_people(course.root, {lesson.code for lesson in course.lessons}, reported) or []
    issued = certificates.issue(course, roster, problems)
    return people, issued, papers.planned(course, roster, people, issued, templates, memo)


def write_evaluation_csv(context: BuildContext, course: CourseView, people: list[Person]) -> list[Made]:
    """One CSV per language for the office's spreadsheet: a row per form and criterion,
    the score left empty for the answers to be typed in."""
    made = []
    for lang in course.course.languages:
        labels = load_labels(context.templates, lang)["office"]
        text = evaluation_csv(course, lang, labels, people)
        path = f"{layout.OFFICE}/{layout.evaluation_csv(lang, course.course.code)}"
        target = context.stage / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8"))
        made.append(Made(path, "csv", 0, len(text.encode("utf-8")), False))
    return made


def evaluation_csv(course: CourseView, lang: str, labels: dict, people: list[Person]) -> str:
    """A row per form and criterion: per facilitator per session, then the organisation's."""
    languages = course.course.languages
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["form", "lesson", "facilitator", "criterion", "score", "participant"])
    for lesson in course.lessons:
        names = [person.name for person in teachers(people, lesson.code)] or [""]
        for name in names:
            for criterion in papers.FACILITATOR_CRITERIA:
                writer.writerow([labels["facilitator_form"],
                                 f"{lesson.code} {lesson.lesson.title.get(lang, languages)}",
                                 name, labels["criteria"][criterion], "", ""])
    for criterion in papers.ORGANISATION_CRITERIA:
        writer.writerow([labels["organisation_form"], "", "", labels["criteria"][criterion], "", ""])
    return out.getvalue()


