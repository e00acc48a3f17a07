"""The binder's cost: a book bound from the given part PDFs, repeated to any size.

`python bench/bind.py PART.pdf … --times 10 [--output book.pdf] [--validate] [--both]` binds
the parts `--times` times over (as a print edition, every part on a right-hand page) in
this process — with `--both`, its screen edition too, side by side, as the build binds the
reader — and prints, as JSON, the book's pages and parts, the CPU seconds and wall seconds
of the binding, and the process's peak resident memory (which includes Python and
pikepdf themselves: `baseline_mib` is the peak before binding).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("parts", nargs="+", type=Path)
    parser.add_argument("--times", type=int, default=10)
    parser.add_argument("--output", type=Path)
    parser.add_argument("--validate", action="store_true", help="run both PDF/UA-1 validators on the book (not timed)")
    parser.add_argument("--both", action="store_true", help="bind the screen edition beside the print edition")
    options = parser.parse_args()

    from coursesmith.outputs.print.assemble import Book, Part, bind_books

    parts = [Part(path, f"{n + 1} · {path.stem}", f"{n + 1}–", "D")
             for n, path in enumerate(options.parts * options.times)]
    target = options.output or Path(tempfile.mkdtemp()) / "book.pdf"
    described = dict(title="Bench book", lang="en", author="coursesmith", subject="bench")
    books = [Book(parts, target, print_edition=True, **described)]
    if options.both:
        books.append(Book(parts, target.with_name(f"{target.stem}-screen.pdf"), print_edition=False, **described))
    baseline = peak_mib()
    cpu, wall = time.process_time(), time.perf_counter()
    info = bind_books(books)[0]
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    report = {"parts": len(parts), "books": len(books), "pages": info.pages, "bytes": target.stat().st_size,
              "cpu_s": round(cpu, 3), "wall_s": round(wall, 3),
              "peak_mib": round(peak_mib(), 1), "baseline_mib": round(baseline, 1)}
    if options.validate:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
        from pdf_validators import conformance_problems

        report["problems"] = conformance_problems(target)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
