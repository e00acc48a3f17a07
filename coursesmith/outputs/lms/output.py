"""The LMS packages as an output: a SCORM 1.2 zip and IMS Common Cartridges 1.1 and 1.3
of every language, in output/lms/, made from the participant model and, when the
print output runs, the participant PDFs it made."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from coursesmith.diagnostics import Problems
from coursesmith.model import layout
from coursesmith.model.course import CourseView
from coursesmith.outputs.base import BuildContext, Made, Output
from coursesmith.outputs.lms.archive import write_zip
from coursesmith.outputs.lms.cartridge import VERSIONS, assessments, cartridge_files
from coursesmith.outputs.lms.deflated import DeflatedEntries
from coursesmith.outputs.lms.pages import package_files
from coursesmith.outputs.lms.scorm import MANIFEST, scorm_files
from coursesmith.outputs.site.static import site_static
from coursesmith.render.environment import Renderer, load_labels
from coursesmith.render.memo import HtmlMemo


class LmsOutput(Output):
    name = "lms"
    audiences = ("participant",)
    after = ("print",)  # the packages carry the handouts and worksheets

    def start(self, context: BuildContext) -> None:
        self.context = context

    def finish(self) -> list[Made]:
        """Every package's files first (a failed template leaves no zip), then each zip
        written an entry at a time: no package, and no PDF, is held whole."""
        context = self.context
        made_pdfs = {path for path, made in context.made.items() if made.kind == "pdf"}
        packages = lms_packages(context.model(), context.templates, context.assets, context.problems,
                                made_in(context.stage, made_pdfs), context.cache, context.html_memo())
        entries = DeflatedEntries(context.cache / "deflated" if context.cache is not None else None,
                                  context.options.cache_limits)
        made = []
        for name, files in sorted(packages.items()):
            size = write_zip(context.stage / layout.LMS / name, files, first=MANIFEST, entries=entries)
            made.append(Made(f"{layout.LMS}/{name}", "package", size=size))
        return made


def lms_packages(course: CourseView, templates: list[Path], assets: list[Path], problems: Problems,
                 pdfs: Callable[[str], Path | None], cache: Path | None = None,
                 memo: HtmlMemo | None = None) -> dict[str, dict[str, bytes | Path]]:
    """Every package's files (to zip with MANIFEST first) by its path below output/lms/;
    none if a template failed. `pdfs` gives the file of a participant PDF by its path
    below the site, or None when it was not made; `cache` keeps the site's fonts and
    pictures between builds, as the site's own does (made afresh, the fonts alone cost
    seconds), and `memo` the pages' template outputs."""
    static = site_static(course, templates, assets, cache)  # the site's own files: cleaned drawings, WOFF2 fonts
    renderer = Renderer(course, templates, memo=memo)  # one for every package: its templates compile once
    made = {}
    for lang in course.course.languages:
        scorm = package_files(course, lang, renderer, static, pdfs, problems, quiz=True)
        pages = package_files(course, lang, renderer, static, pdfs, problems, quiz=False)
        if scorm is None or pages is None:
            return {}
        made[layout.scorm_package(lang, course.course.code)] = scorm_files(course, lang, scorm)
        labels = load_labels(templates, lang)
        tests = assessments(course, lang, labels)  # the same QTI in every version
        for version in VERSIONS:
            made[layout.cartridge(lang, course.course.code, version)] = cartridge_files(course, lang, pages, version,
                                                                                        labels, tests)
    return made


def made_in(stage: Path, made: set[str]) -> Callable[[str], Path | None]:
    """The file of a participant PDF this build made, by its path below the site."""
    def find(path: str) -> Path | None:
        key = f"{layout.SITE}/{path}"
        return stage / key if key in made else None
    return find
