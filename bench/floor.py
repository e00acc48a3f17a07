"""The floor: WeasyPrint alone rendering the HTML documents a build of CORPUS renders.

`python bench/floor.py CORPUS --jobs 2 [--only TEXT ...]` prints, as JSON, the seconds
that warm worker processes (WeasyPrint imported, fonts loaded, stylesheet parsed)
take to render the documents, biggest first, as the build does; making the HTML is
not timed. `--only` keeps the documents whose path contains one of the texts.
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


def warm(stylesheet: str, root: str, ready) -> None:
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    _state.update(HTML=HTML, fonts=fonts, base=Path(root).as_uri() + "/", cache={},
                  css=[CSS(filename=stylesheet, font_config=fonts)])
    render("<html lang='id'><title>warm</title><p>siap</p></html>")
    ready.put(True)


def render(html: str) -> int:
    options = dict(stylesheets=_state["css"], pdf_variant="pdf/ua-1", cache=_state["cache"], optimize_images=True)
    document = _state["HTML"](string=html, base_url=_state["base"]).render(font_config=_state["fonts"], **options)
    document.write_pdf(**options)
    return len(document.pages)


def documents(corpus: Path) -> tuple[list[tuple[str, str]], Path]:
    from coursesmith.diagnostics import Problems
    from coursesmith.model.course import build_course
    from coursesmith.outputs.print.batch import pdf_jobs
    from coursesmith.pipeline import check
    from coursesmith.outputs.print.cache import environment_key
    from coursesmith.render.environment import find_template_file

    problems = Problems()
    checked = check(corpus, problems)
    stylesheet = find_template_file(checked.search_path, "css/print.css")
    participant = build_course(checked.catalog, "participant", corpus)
    facilitator = build_course(checked.catalog, "facilitator", corpus)
    models = {"participant": participant, "facilitator": facilitator}
    jobs = pdf_jobs(models, checked.search_path, environment_key(stylesheet, checked.search_path), problems)
    return [(job.document, job.html) for job in jobs], stylesheet  # list(): the generator runs here


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--only", nargs="*")
    args = parser.parse_args()
    docs, stylesheet = documents(args.corpus)
    if args.only:
        docs = [d for d in docs if any(text in d[0] for text in args.only)]
    htmls = [html for _, html in sorted(docs, key=lambda d: (-len(d[1]), d[0]))]
    context = multiprocessing.get_context("fork")
    ready = context.SimpleQueue()
    setup = (str(stylesheet), str(args.corpus.resolve()), ready)
    with context.Pool(args.jobs, initializer=warm, initargs=setup) as pool:
        for _ in range(args.jobs):
            ready.get()
        started = time.perf_counter()
        pages = sum(pool.imap_unordered(render, htmls, chunksize=1))
        seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "pages": pages, "documents": len(htmls)}))


if __name__ == "__main__":
    main()
