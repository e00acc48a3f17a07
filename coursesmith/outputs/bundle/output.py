"""The offline bundle as an output: output/offline/<course>-offline-<lang>.zip for each
language, made after the site, its search, the PDFs and the slides, from what they
wrote into the staging folder.

It goes beside the site, not inside it: the site's pages do not link to it, so the
bundle holds exactly the pages the site publishes (a site page linking to the zip
that holds that page could not be inside it), and the site to upload stays small.
Whoever publishes the site may put the zip next to it.
"""

from __future__ import annotations

from coursesmith.model import layout
from coursesmith.outputs.base import BuildContext, Made, Output
from coursesmith.outputs.bundle.contents import bundle_files
from coursesmith.outputs.lms.archive import write_zip
from coursesmith.outputs.lms.deflated import DeflatedEntries
from coursesmith.outputs.offline_search import SearchTexts


class OfflineBundleOutput(Output):
    name = "offline"
    audiences = ("participant",)
    after = ("site", "search", "print", "slides", "slides-pdf")
    requires = ("site", "slides", "slides-pdf")  # the site's pages link to the decks and their PDFs

    def start(self, context: BuildContext) -> None:
        self.context = context

    def finish(self) -> list[Made]:
        context, course = self.context, self.context.model()
        prefix = layout.SITE + "/"
        pdfs = {path.removeprefix(prefix): made for path, made in context.made.items()
                if path.startswith(prefix) and made.kind == "pdf"}
        limits = context.options.cache_limits
        texts = SearchTexts(context.cache / "search", limits) if context.cache is not None else None
        bundles = {}
        for lang in course.course.languages:  # every language's pages first: a failed template leaves no zip
            files = bundle_files(course, lang, context.stage / layout.SITE, context.templates, pdfs,
                                 context.problems, context.html_memo(), texts)
            if files is None:
                return []
            bundles[layout.offline_bundle(lang, course.course.code)] = files
        deflated = context.cache / "deflated" if context.cache is not None else None
        made, entries = [], DeflatedEntries(deflated, limits)
        for name, files in sorted(bundles.items()):
            folder = name.removesuffix(".zip")
            size = write_zip(context.stage / layout.OFFLINE / name,
                             {f"{folder}/{path}": data for path, data in files.items()}, entries=entries)
            made.append(Made(f"{layout.OFFLINE}/{name}", "package", size=size))
        return made
