"""The floor: WeasyPrint alone laying out every document a build of CORPUS lays out.

`python bench/floor.py CORPUS --jobs 2 [--lesson CODE]` prints, as JSON, the seconds
that warm worker processes (WeasyPrint imported, fonts loaded, every stylesheet
parsed) take to lay out the documents, biggest first, with the build's parallelism:
the print documents (handouts, worksheets, facilitator handouts, the books) with the
print stylesheet, the slides' PDFs with theirs and the office's papers with theirs.
Making the HTML is not timed. With `--lesson`, only that lesson's own documents: its
handouts, worksheets and facilitator handouts in each language (issue 12's floor of an
edit), and with `--slides` its two slide PDFs in each language too, which an edit of its
text lays out as well. It prints the documents and pages of each kind too.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

_state: dict = {}


def warm(stylesheets: dict[str, str], root: str, ready) -> None:
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    _state.update(HTML=HTML, fonts=fonts, base=Path(root).as_uri() + "/", cache={},
                  css={kind: [CSS(filename=path, font_config=fonts)] for kind, path in stylesheets.items()})
    for kind in stylesheets:
        render((kind, "<html lang='id'><title>warm</title><p>siap</p></html>"))
    ready.put(True)


def render(job: tuple[str, str]) -> tuple[str, int]:
    kind, html = job
    options = dict(stylesheets=_state["css"][kind], pdf_variant="pdf/ua-1", cache=_state["cache"],
                   optimize_images=True)
    document = _state["HTML"](string=html, base_url=_state["base"]).render(font_config=_state["fonts"], **options)
    document.write_pdf(**options)
    return kind, len(document.pages)


Document = tuple[str, str, str]
"""(kind, path below the output folder, HTML)."""


def documents(corpus: Path) -> tuple[list[Document], dict[str, Path], dict]:
    """Every document a build lays out, the stylesheet of each kind, and the models."""
    from coursesmith.diagnostics import Problems
    from coursesmith.outputs.office.output import office_papers
    from coursesmith.outputs.print.batch import pdf_jobs
    from coursesmith.outputs.print.cache import environment_key
    from coursesmith.outputs.slides.output import slide_documents, slides_stylesheet
    from coursesmith.pipeline import check, course_models
    from coursesmith.render.environment import find_template_file

    problems = Problems()
    checked = check(corpus, problems)
    templates = checked.search_path
    models = course_models(checked, {"participant", "facilitator", "office"}, corpus)
    print_css = find_template_file(templates, "css/print.css")
    found = [("print", job.document, job.html)
             for job in pdf_jobs(models, templates, environment_key(print_css, templates), problems)]
    found += [("slides", document, renderer.render(page))
              for document, page, renderer in slide_documents(models["participant"], templates)]
    found += [("office", document, renderer.render(page))
              for document, page, renderer in office_papers(models["office"], templates, problems)[2]]
    stylesheets = {"print": print_css, "slides": slides_stylesheet(templates)[0], "office": print_css}
    return found, stylesheets, models


def lesson_documents(models: dict, code: str, slides: bool = False) -> set[str]:
    """The paths of one lesson's own documents: handouts, worksheets, facilitator handouts
    (and its slide PDFs, with `slides`)."""
    from coursesmith.model import layout

    participant = next(lesson for lesson in models["participant"].lessons if lesson.code.lower() == code.lower())
    facilitator = next(lesson for lesson in models["facilitator"].lessons if lesson.code.lower() == code.lower())
    paths = {f"{layout.SITE}/{path}" for path in participant.handout.values()}
    paths |= {f"{layout.SITE}/{path}" for sheet in participant.sheet_pdf.values() for path in sheet.values()}
    paths |= {f"{layout.FACILITATOR}/{path}" for path in facilitator.facilitator_pdf.values()}
    if slides:
        paths |= {f"{layout.SITE}/{path}" for path in [*participant.slides_pdf.values(),
                                                      *participant.slides_handout.values()]}
    return paths


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--lesson", help="only this lesson's own documents (its code)")
    parser.add_argument("--slides", action="store_true", help="with --lesson: its slide PDFs too")
    args = parser.parse_args()
    docs, stylesheets, models = documents(args.corpus)
    if args.lesson:
        wanted = lesson_documents(models, args.lesson, args.slides)
        docs = [d for d in docs if d[1] in wanted]
        assert {d[1] for d in docs} == wanted, f"not every document of {args.lesson} was found"
    jobs = [(kind, html) for kind, _, html in sorted(docs, key=lambda d: (-len(d[2]), d[1]))]
    context = multiprocessing.get_context("fork")
    ready = context.SimpleQueue()
    setup = ({kind: str(path) for kind, path in stylesheets.items()}, str(args.corpus.resolve()), ready)
    kinds = {kind: {"documents": 0, "pages": 0} for kind in stylesheets}
    with context.Pool(args.jobs, initializer=warm, initargs=setup) as pool:
        for _ in range(args.jobs):
            ready.get()
        started = time.perf_counter()
        for kind, pages in pool.imap_unordered(render, jobs, chunksize=1):
            kinds[kind]["documents"] += 1
            kinds[kind]["pages"] += pages
        seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "pages": sum(k["pages"] for k in kinds.values()), "documents": len(jobs),
                      "kinds": kinds}))


if __name__ == "__main__":
    main()
