"""Jobs run apart (outputs/print/apart.py): a fresh, isolated interpreter that loads only
what the job needs, as the books' binding does."""
from __future__ import annotations

import os
import time

import pytest

from coursesmith.locations import default_templates_dir
from coursesmith.outputs.print.apart import ApartFailed, run_apart
from coursesmith.outputs.print.binding import BindJob, PartFile, bind_together
from coursesmith.outputs.print.pool import Printer

HEAVY = "sorted(m for m in __import__('sys').modules if m.split('.')[0] in ('weasyprint', 'jinja2', 'pydantic', 'fontTools'))"


def test_a_job_runs_in_another_process_that_loads_nothing_heavy():
    import weasyprint  # noqa: F401  (loaded here: the other process must not inherit it)

    assert run_apart(eval, "__import__('os').getpid()") != os.getpid()
    assert run_apart(eval, HEAVY) == []


def test_the_current_folder_never_reaches_its_module_path(tmp_path, monkeypatch):
    """A course project is the build's current folder: a `pikepdf.py` in it is not imported."""
    (tmp_path / "pikepdf.py").write_text("raise SystemExit('the project ran code')\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    found = run_apart(eval, "__import__('pikepdf').__file__")
    assert not found.startswith(str(tmp_path))


def test_a_failure_there_is_a_failure_here():
    with pytest.raises(ApartFailed, match="ZeroDivisionError"):
        run_apart(eval, "1 / 0")


def test_a_book_whose_part_is_missing_is_reported_not_raised(tmp_path):
    job = BindJob("site/x/book.pdf", str(tmp_path / "book.pdf"), (PartFile(str(tmp_path / "missing.pdf"), "A", "", "D", True),),
                  "Book", "en", "Author", "Subject", True)
    [bound] = bind_together((job,))
    assert bound.error and not (tmp_path / "book.pdf").exists()


def test_a_binder_starts_at_once_not_behind_the_documents_the_workers_have_queued(tmp_path):
    """A book's binder waits on a process of its own: it runs beside the PDF workers,
    not at the end of their queue (where, once its turn came, it would hold a worker idle)."""
    templates = default_templates_dir()
    printer = Printer(templates / "css/print.css", tmp_path, [tmp_path, templates], jobs=2, content="test")
    finished = []
    try:
        for _ in range(3):  # one more than the workers: the last waits in their queue
            printer.run(time.sleep, 1, lambda _: finished.append("worker"))
        printer.run_beside(abs, -1, lambda result: finished.append(result))
        printer.join()
    finally:
        printer.close()
    assert finished == [1, "worker", "worker", "worker"]
