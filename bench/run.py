"""Benchmark coursesmith against the WeasyPrint floor: `python bench/run.py [--sizes 12 48] [--runs 3]`.

For each corpus size N (bench/corpus.py) it prints medians of several runs of:
  full      clean build: site and every participant and facilitator PDF, no cache
  floor     WeasyPrint alone laying out every document the build lays out (print
            documents, slide PDFs and office papers, each with its stylesheet), the
            very same HTML, in warm worker processes, with the same parallelism (the
            physical limit); the documents and pages of each kind are printed
  no-op     rebuild with nothing changed
  lesson    rebuild after editing one lesson's text, and the floor of that lesson's own
            documents (its handouts, worksheets and facilitator handouts in each
            language: the combined documents should cost only their assembly), also
            with its slide PDFs, which the edit lays out too; the build's own timings
            (`build --timings`) show where its time goes
  warm      the same edit rebuilt by a process that stays between builds, as `serve`'s
            background builder does (`build --builds-on-stdin`: its PDF workers,
            templates and converted Markdown warm), and that process tree's peak memory
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
import subprocess
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


def warm_edits(corpus: Path, jobs: int, runs: int, first_round: int) -> tuple[list[float], float]:
    """Lesson edits (rounds from `first_round`) rebuilt by one background builder, after
    one edit that warms it up; their wall seconds, and the peak memory (MiB) of the
    builder and its workers."""
    command = [sys.executable, "-m", "coursesmith", "build", "-p", str(corpus), "-q", "--jobs", str(jobs),
               "--builds-on-stdin"]
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               text=True, cwd=corpus, env={**os.environ, "CI": ""})

    def rebuild(round_: int) -> float:
        edit_lesson(corpus, round_)
        started = time.perf_counter()
        process.stdin.write(f"round{round_}\n")
        process.stdin.flush()
        for line in process.stdout:
            if line.startswith("coursesmith-end-of-build "):
                if not line.rstrip().endswith(" 0"):
                    raise SystemExit(f"the background builder's build failed: {line}")
                return time.perf_counter() - started
        raise SystemExit("the background builder ended")

    try:
        rebuild(first_round)
        seconds = [rebuild(first_round + 1 + n) for n in range(runs)]
        peak = max(_peak_mib(pid) for pid in [process.pid, *_children(process.pid)])
    finally:
        process.stdin.close()
        process.wait()
    return seconds, peak


def _children(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    return [int(child) for child in found]


def _peak_mib(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"^VmHWM:\s+(\d+) kB", status, re.M)[1]) / 1024


def clean(corpus: Path) -> None:
    shutil.rmtree(corpus / "output", ignore_errors=True)
    shutil.rmtree(corpus / ".coursesmith", ignore_errors=True)


def floor(corpus: Path, jobs: int, lesson: str | None = None, slides: bool = False) -> dict:
    """bench/floor.py's figures: seconds, pages, documents, and both of each kind."""
    command = [sys.executable, str(HERE / "floor.py"), str(corpus), "--jobs", str(jobs)]
    if lesson:
        command += ["--lesson", lesson] + (["--slides"] if slides else [])
    _, _, stdout = run_tree(command, corpus)
    return json.loads(stdout)


def timings(stdout: str) -> dict[str, float]:
    """The table `build --timings` prints after the summary: step → seconds."""
    lines = stdout.splitlines()
    table = lines.index("  timings (wall seconds):")
    found = {}
    for line in lines[table + 1:]:
        if not line.startswith("    "):
            break
        step, seconds = line.strip().rsplit(" ", 1)
        found[step.strip()] = float(seconds)
    return found


def median(values: list[float]) -> float:
    return statistics.median(values)


def note(text: str) -> None:
    print(f"  {time.strftime('%H:%M:%S')} {text}", file=sys.stderr, flush=True)


def rendered(stdout: str) -> int:
    """The PDFs a build rendered, from its summary ("… (3 rendered, 40 reused …)"); the
    warnings printed before it may hold parentheses too."""
    return int(re.findall(r"\((\d+) rendered", stdout)[-1])


def lesson_code(lesson: Path) -> str:
    return re.search(r"^code: *(\S+)", lesson.read_text(encoding="utf-8"), re.M)[1]


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
    result["floor"] = median([f["seconds"] for f in floors])
    note(f"N={size} floor: {', '.join(f'{seconds:.2f}' for seconds in (f['seconds'] for f in floors))} s")
    result["floor_pages"] = floors[0]["pages"]
    result["documents"] = floors[0]["documents"]
    result["floor_kinds"] = floors[0]["kinds"]

    clean(corpus)
    build(corpus, jobs)  # fills the cache
    result["noop"] = median([build(corpus, jobs)[0] for _ in range(runs)])
    note(f"N={size} no-op: {result['noop']:.2f} s")

    lesson_times, lesson_rendered, steps = [], "", []
    for round_ in range(runs):
        lesson = edit_lesson(corpus, round_)
        seconds, _, stdout = build(corpus, jobs, "--timings")
        lesson_times.append(seconds)
        lesson_rendered = rendered(stdout)
        steps.append(timings(stdout))
    result["lesson"] = median(lesson_times)
    result["lesson_rendered"] = int(lesson_rendered)
    result["lesson_timings"] = {step: median([s.get(step, 0.0) for s in steps]) for step in steps[0]}
    lesson_floors = [floor(corpus, jobs, lesson_code(lesson)) for _ in range(runs)]
    result["lesson_floor"] = median([f["seconds"] for f in lesson_floors])
    result["lesson_floor_documents"] = lesson_floors[0]["documents"]
    result["lesson_floor_pages"] = lesson_floors[0]["pages"]
    with_slides = [floor(corpus, jobs, lesson_code(lesson), slides=True) for _ in range(runs)]
    result["lesson_floor_slides"] = median([f["seconds"] for f in with_slides])
    result["lesson_floor_slides_documents"] = with_slides[0]["documents"]
    note(f"N={size} lesson edit: {', '.join(f'{x:.2f}' for x in lesson_times)} s, "
         f"its floor {result['lesson_floor']:.2f} s, with its slide PDFs {result['lesson_floor_slides']:.2f} s")
    warm, result["warm_peak_mib"] = warm_edits(corpus, jobs, runs, runs)
    result["warm"] = median(warm)
    note(f"N={size} lesson edit, warm builder: {', '.join(f'{x:.2f}' for x in warm)} s, "
         f"peak {result['warm_peak_mib']:.0f} MiB")

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
    for r in results:
        lines += details(r)
    return "\n".join(lines)


def details(r: dict) -> list[str]:
    """What each floor counted, and where the lesson edit's time went (`build --timings`)."""
    kinds = ", ".join(f"{kind} {k['documents']} documents / {k['pages']} pages" for kind, k in r["floor_kinds"].items())
    steps = sorted(r["lesson_timings"].items(), key=lambda item: -item[1])
    return [f"N={r['lessons']}: the floor laid out {kinds}; the lesson floor {r['lesson_floor_documents']} "
            f"documents / {r['lesson_floor_pages']} pages",
            f"N={r['lessons']}: the lesson floor with its slide PDFs ({r['lesson_floor_slides_documents']} documents, "
            f"all an edit of its text lays out) {r['lesson_floor_slides']:.2f} s: edit ratio "
            f"{r['lesson'] / r['lesson_floor_slides']:.2f}",
            f"N={r['lessons']}: lesson edit rebuilt by a warm background builder (serve's): {r['warm']:.2f} s, "
            f"ratio {r['warm'] / r['lesson_floor']:.2f} ({r['warm'] / r['lesson_floor_slides']:.2f} with its slide "
            f"PDFs); peak memory of that process tree {r['warm_peak_mib']:.0f} MiB",
            f"N={r['lessons']}: lesson edit, {r['lesson_rendered']} PDFs rendered, seconds by step (median): "
            + ", ".join(f"{step} {seconds:.2f}" for step, seconds in steps if step != "total"
                        and seconds >= 0.05)]


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
