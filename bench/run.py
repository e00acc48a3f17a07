"""Benchmark coursesmith against the WeasyPrint floor: `python bench/run.py [--sizes 12 48] [--runs 3]`.

For each corpus size N (bench/corpus.py) it prints medians of several runs of:
  full      clean build: site and every participant and facilitator PDF, no cache
  floor     WeasyPrint alone rendering the very same HTML documents, in warm worker
            processes, with the same parallelism (the physical limit)
  no-op     rebuild with nothing changed
  lesson    rebuild after editing one lesson's text, and the floor of the documents
            that edit really needs (the lesson's own PDFs and the combined ones)
  template  rebuild after editing one template (the participant handout's)
  html      clean HTML-only build (--no-pdf)
and the pages rendered, pages per second and the peak memory of any one process.
It is a script to run by hand, never a timed test.
"""

from __future__ import annotations

import argparse
import re
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from corpus import make_corpus  # noqa: E402


def run_tree(command: list[str], cwd: Path) -> tuple[float, float, str]:
    """Run a command; return wall seconds, peak RSS (MiB) of any process in its tree, stdout."""
    read, write = os.pipe()
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # the child: run the command with stdout into the pipe
        os.close(read)
        os.dup2(write, 1)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.chdir(cwd)
        os.environ["CI"] = ""
        os.execvp(command[0], command)
    os.close(write)
    with os.fdopen(read) as pipe:
        stdout = pipe.read()
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"failed ({status}): {' '.join(command)}\n{stdout}")
    return elapsed, usage.ru_maxrss / 1024, stdout


def build(corpus: Path, jobs: int, *extra: str) -> tuple[float, float, str]:
    return run_tree([sys.executable, "-m", "coursesmith", "build", "-p", str(corpus), "-q", "--jobs", str(jobs),
                     *extra], corpus)


def clean(corpus: Path) -> None:
    shutil.rmtree(corpus / "output", ignore_errors=True)
    shutil.rmtree(corpus / ".coursesmith", ignore_errors=True)


def floor(corpus: Path, jobs: int, only: list[str] | None = None) -> tuple[float, int, int]:
    command = [sys.executable, str(HERE / "floor.py"), str(corpus), "--jobs", str(jobs)]
    if only:
        command += ["--only", *only]
    _, _, stdout = run_tree(command, corpus)
    result = json.loads(stdout)
    return result["seconds"], result["pages"], result["documents"]


def median(values: list[float]) -> float:
    return statistics.median(values)


def note(text: str) -> None:
    print(f"  {time.strftime('%H:%M:%S')} {text}", file=sys.stderr, flush=True)


def rendered(stdout: str) -> int:
    """The PDFs a build rendered, from its summary ("… (3 rendered, 40 reused …)"); the
    warnings printed before it may hold parentheses too."""
    return int(re.findall(r"\((\d+) rendered", stdout)[-1])


def edit_lesson(corpus: Path, round_: int) -> Path:
    """Add a sentence to the first section of the middle lesson."""
    lessons = sorted((corpus / "modules").rglob("sesi-*.yaml"))
    lesson = lessons[len(lessons) // 2]
    sentence = f"      Kalimat suntingan nomor {round_} untuk pengukuran.\n\n"
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(text.replace("    body: |\n", "    body: |\n" + sentence, 1), encoding="utf-8")
    return lesson


def edit_template(corpus: Path, round_: int) -> None:
    from coursesmith.locations import default_templates_dir

    target = corpus / "templates" / "print" / "handout.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    text = (default_templates_dir() / "print" / "handout.html").read_text(encoding="utf-8")
    target.write_text(text.replace("{% block body_class %}handout{% endblock %}",
                                   f"{{% block body_class %}}handout edit-{round_}{{% endblock %}}"), encoding="utf-8")


def measure(size: int, runs: int, jobs: int, workdir: Path) -> dict:
    corpus = make_corpus(workdir / f"corpus-{size}", size)
    result: dict = {"lessons": size, "jobs": jobs, "runs": runs}

    full, memory, pages = [], [], 0
    for _ in range(runs):
        clean(corpus)
        seconds, peak, stdout = build(corpus, jobs, "--no-cache")
        full.append(seconds)
        memory.append(peak)
        pages = int(stdout.split("PDF pages")[0].rsplit(";", 1)[1].strip())
    result["full"] = median(full)
    note(f"N={size} full builds: {', '.join(f'{x:.2f}' for x in full)} s, peak {max(memory):.0f} MiB")
    result["peak_mib"] = max(memory)
    result["pages"] = pages
    floors = [floor(corpus, jobs) for _ in range(runs)]
    result["floor"] = median([f[0] for f in floors])
    note(f"N={size} floor: {', '.join(f'{f[0]:.2f}' for f in floors)} s")
    result["floor_pages"] = floors[0][1]
    result["documents"] = floors[0][2]

    clean(corpus)
    build(corpus, jobs)  # fills the cache
    result["noop"] = median([build(corpus, jobs)[0] for _ in range(runs)])
    note(f"N={size} no-op: {result['noop']:.2f} s")

    lesson_times, lesson_rendered = [], ""
    for round_ in range(runs):
        lesson = edit_lesson(corpus, round_)
        seconds, _, stdout = build(corpus, jobs)
        lesson_times.append(seconds)
        lesson_rendered = rendered(stdout)
    result["lesson"] = median(lesson_times)
    result["lesson_rendered"] = int(lesson_rendered)
    code = lesson.stem
    needed = [f"{code}-", "reader-", "facilitator-guide-"]
    result["lesson_floor"] = median([floor(corpus, jobs, needed)[0] for _ in range(runs)])
    note(f"N={size} lesson edit: {', '.join(f'{x:.2f}' for x in lesson_times)} s, "
         f"its floor {result['lesson_floor']:.2f} s")

    template_times = []
    for round_ in range(runs):
        edit_template(corpus, round_)
        seconds, _, stdout = build(corpus, jobs)
        template_times.append(seconds)
        result["template_rendered"] = rendered(stdout)
    result["template"] = median(template_times)
    note(f"N={size} template edit: {', '.join(f'{x:.2f}' for x in template_times)} s")
    shutil.rmtree(corpus / "templates")

    html = []
    for _ in range(runs):
        clean(corpus)
        html.append(build(corpus, jobs, "--no-pdf", "--no-cache")[0])
    result["html"] = median(html)
    note(f"N={size} HTML only: {', '.join(f'{x:.2f}' for x in html)} s")
    return result


def report(results: list[dict]) -> str:
    lines = [f"{'lessons':>8} {'docs':>5} {'pages':>6} {'full s':>7} {'floor s':>8} {'ratio':>6} {'p/s':>6} "
             f"{'no-op s':>8} {'lesson s':>9} {'(floor)':>8} {'ratio':>6} {'template s':>11} {'html s':>7} "
             f"{'peak MiB':>9}"]
    for r in results:
        lines.append(
            f"{r['lessons']:>8} {r['documents']:>5} {r['pages']:>6} {r['full']:>7.2f} {r['floor']:>8.2f} "
            f"{r['full'] / r['floor']:>6.3f} {r['pages'] / r['full']:>6.1f} {r['noop']:>8.2f} "
            f"{r['lesson']:>9.2f} {r['lesson_floor']:>8.2f} {r['lesson'] / r['lesson_floor']:>6.2f} "
            f"{r['template']:>11.2f} {r['html']:>7.2f} {r['peak_mib']:>9.0f}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[12, 48])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="coursesmith-bench-") as workdir:
        results = []
        for size in args.sizes:
            results.append(measure(size, args.runs, args.jobs, Path(workdir)))
            print(report(results[-1:]), flush=True)
    print()
    print(f"medians of {args.runs} runs, {args.jobs} jobs, {os.cpu_count()} cores")
    print(report(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
