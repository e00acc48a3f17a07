"""A deterministic course of N lessons for benchmarks: `python bench/corpus.py --lessons 12 out/`.

Each lesson reads like a real Indonesian handout of roughly 8–10 A4 pages: prose in
sections, a list, a table, an image, a case study with questions, timed activities,
a worksheet and an assessment. The words are drawn at random (seeded) from a plain
Indonesian vocabulary, so the text has the shape of prose without meaning anything;
every name is invented.
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

WORDS = """pemimpin perubahan koalisi pemangku kepentingan instansi pemerintah daerah layanan publik
warga masyarakat kebijakan program kegiatan anggaran rencana strategi tujuan sasaran hasil dampak
kinerja organisasi unit kerja pegawai aparatur sipil negara pelatihan peserta widyaiswara materi
pembelajaran diskusi kelompok analisis pemetaan kepentingan kekuatan pengaruh legitimasi urgensi
kerja sama kemitraan dialog kepercayaan komitmen pemahaman bersama keputusan pelaksanaan evaluasi
pemantauan laporan data informasi komunikasi koordinasi kolaborasi inovasi digital aplikasi sistem
proses prosedur aturan regulasi kewenangan tanggung jawab peran fungsi tugas bidang sektor wilayah
kota kabupaten provinsi pusat desa kelurahan sekolah puskesmas pasar jalan air sampah lingkungan
kesehatan pendidikan ekonomi sosial budaya sejarah pengalaman pelajaran contoh kasus praktik baik
tantangan hambatan risiko peluang kesempatan kebutuhan prioritas waktu biaya tenaga sumber daya
dukungan penolakan resistensi kekhawatiran harapan visi misi nilai integritas akuntabilitas
transparansi partisipasi keterlibatan pelibatan jejaring forum rapat pertemuan kunjungan lapangan
yang dan di ke dari untuk dengan pada dalam atas oleh bagi agar supaya karena sehingga namun tetapi
juga lebih sangat paling sudah belum masih akan dapat perlu harus bisa mampu mulai terus selalu
sering jarang baru lama besar kecil tinggi rendah kuat lemah cepat lambat jelas nyata penting
utama umum khusus formal informal internal eksternal langsung bertahap berkelanjutan""".split()

SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 220" width="400" height="220" role="img">
<title>Diagram contoh</title>
<rect x="10" y="10" width="185" height="95" fill="#e9c46a"/><rect x="205" y="10" width="185" height="95" fill="#0f4c5c"/>
<rect x="10" y="115" width="185" height="95" fill="#dde3e6"/><rect x="205" y="115" width="185" height="95" fill="#c9d6db"/>
</svg>
"""


class Writer:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)

    def words(self, n: int) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(n))

    def sentence(self) -> str:
        text = self.words(self.rng.randint(9, 20))
        return text[0].upper() + text[1:] + "."

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(4, 7)))

    def title(self) -> str:
        text = self.words(self.rng.randint(3, 6))
        return text[0].upper() + text[1:]


def q(text: str) -> str:
    """A YAML double-quoted string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def block(text: str, indent: int) -> str:
    pad = " " * indent
    return "|\n" + "\n".join(pad + line if line else "" for line in text.splitlines()) + "\n"


def lesson(w: Writer, number: int) -> str:
    code = f"SESI-{number:03d}"
    sections = []
    for s in range(5):
        body = "\n\n".join(w.paragraph() for _ in range(w.rng.randint(3, 5)))
        if s == 1:
            body += "\n\n" + "\n".join(f"- **{w.words(2)}**: {w.sentence()}" for _ in range(5))
        if s == 2:
            rows = "\n".join(f"| {w.words(2)} | {w.words(4)} | {w.words(4)} | {w.words(3)} |" for _ in range(6))
            body += "\n\n| Unsur | Uraian | Contoh | Catatan |\n|---|---|---|---|\n" + rows
        if s == 3:
            body += "\n\n![Diagram empat kuadran untuk latihan pemetaan](../img/diagram.svg)"
        sections.append(f"  - code: S{s + 1}\n    title: {q(w.title())}\n    body: {block(body, 6)}")
    minutes = [10, 25, 40, 30, 30]  # 135 = 3 JP
    activities = []
    kinds = ["opening", "lecture", "group_discussion", "exercise", "debrief"]
    for a, (kind, m) in enumerate(zip(kinds, minutes, strict=True)):
        extra = ""
        if kind == "group_discussion":
            extra = f"    worksheet: LK-{number:03d}\n    grouping: small_groups\n    discussion_questions: [CQ1, CQ2]\n"
        activities.append(
            f"  - code: A{a + 1}\n    type: {kind}\n    minutes: {m}\n{extra}"
            f"    participant_instructions: {block(w.paragraph(), 6)}"
            f"    facilitator_notes: {block(w.paragraph(), 6)}")
    items = []
    for i in range(3):
        options = "\n".join(f"      - {{key: {k}, text: {q(w.words(4))}}}" for k in "abcd")
        items.append(f"  - code: Q{i + 1}\n    type: multiple_choice\n    indicator: IND-1\n"
                     f"    stem: {q(w.sentence())}\n    options:\n{options}\n    answer: b\n"
                     f"    rationale: {q(w.sentence())}")
    items.append(f"  - code: Q4\n    type: reflective\n    indicator: IND-2\n    prompt: {q(w.sentence())}\n"
                 "    rubric:\n" + "\n".join(f"      - {{level: {lv}, text: {q(w.sentence())}}}" for lv in (3, 2, 1)))
    prompts = "\n".join(f"      - text: {q(w.sentence())}\n        lines: 8" for _ in range(4))
    return f"""kind: lesson
code: {code}
title: {q(w.title())}
jp: 3
learning_outcome: {q(w.sentence())}
indicators:
  - {{code: IND-1, bloom: C2, text: {q(w.sentence())}}}
  - {{code: IND-2, bloom: C4, text: {q(w.sentence())}}}
  - {{code: IND-3, bloom: C5, text: {q(w.sentence())}}}
main_topics:
  - text: {q(w.title())}
    subtopics: [{q(w.title())}, {q(w.title())}]
  - text: {q(w.title())}
    subtopics: [{q(w.title())}]
sections:
{chr(10).join(sections)}activities:
{"".join(activities)}worksheets:
  - code: LK-{number:03d}
    title: {q(w.title())}
    instructions: {block(w.paragraph(), 6)}    prompts:
{prompts}
key_points:
{chr(10).join(f"  - {q(w.sentence())}" for _ in range(4))}
case_study: KASUS-{number:03d}
references: [ref_1, ref_2]
assessment:
{chr(10).join(items)}
facilitator_notes: {block(w.paragraph(), 2)}"""


def case(w: Writer, number: int) -> str:
    facts = "\n".join(f"  - code: F{i + 1}\n    provenance: {'illustrative' if i == 5 else 'seed'}\n"
                      f"    text: {q(w.paragraph())}" for i in range(6))
    questions = "\n".join(f"  - code: CQ{i + 1}\n    text: {q(w.sentence())}" for i in range(4))
    return f"""kind: case_study
code: KASUS-{number:03d}
title: {q(w.title())}
source: ref_1
introduction: {block(w.paragraph(), 2)}facts:
{facts}
unknowns:
{chr(10).join(f"  - {q(w.sentence())}" for _ in range(3))}
discussion_questions:
{questions}
teaching_note:
  synopsis: {block(w.paragraph(), 4)}  board_plan: [{q(w.sentence())}, {q(w.sentence())}]
  analysis: {block(w.paragraph() + chr(10) * 2 + w.paragraph(), 4)}"""


def course(lessons: int) -> str:
    modules = [f"MP-{m + 1:02d}" for m in range((lessons + 3) // 4)]
    days, slots = [], []
    for n in range(1, lessons + 1):
        slots.append(f"      - lesson: SESI-{n:03d}")
        if n % 3 == 0 or n == lessons:
            days.append('  - start: "08:00"\n    slots:\n' + "\n".join(slots))
            slots = []
        else:
            slots.append("      - {title: Rehat, minutes: 15}")
    return f"""kind: course
code: BENCH
title: Kursus Contoh untuk Pengukuran Kecepatan
program: Program rekaan
institution:
  name: Lembaga Rekaan
  logo: ../modules/img/diagram.svg
languages: [id]
edition: 2027-01-01
agendas:
  - code: AG-1
    title: Agenda rekaan
    modules: [{", ".join(modules)}]
schedule:
{chr(10).join(days)}
"""


def make_corpus(folder: Path, lessons: int, seed: int = 1) -> Path:
    """Write the corpus into `folder` (replaced if it exists)."""
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "course").mkdir(parents=True)
    (folder / "modules" / "img").mkdir(parents=True)
    (folder / "modules" / "img" / "diagram.svg").write_text(SVG, encoding="utf-8")
    (folder / "course" / "course.yaml").write_text(course(lessons), encoding="utf-8")
    (folder / "course" / "bibliography.yaml").write_text(
        "kind: bibliography\nentries:\n"
        "  - {code: ref_1, type: book, authors: ['Penulis, A.'], year: 2020, title: Buku Rekaan Pertama}\n"
        "  - {code: ref_2, type: article, authors: ['Penulis, B.'], year: 2021, title: Artikel Rekaan,"
        " container: Jurnal Rekaan, volume: '1', pages: 1-10}\n", encoding="utf-8")
    writer = Writer(seed)
    for m in range((lessons + 3) // 4):
        codes = [f"SESI-{n:03d}" for n in range(m * 4 + 1, min(lessons, m * 4 + 4) + 1)]
        folder_m = folder / "modules" / f"mp-{m + 1:02d}"
        folder_m.mkdir()
        (folder_m / "module.yaml").write_text(
            f"kind: module\ncode: MP-{m + 1:02d}\ntitle: {q(writer.title())}\n"
            f"description: {q(writer.paragraph())}\nlessons: [{', '.join(codes)}]\n", encoding="utf-8")
        for code in codes:
            n = int(code.split("-")[1])
            (folder_m / f"{code.lower()}.yaml").write_text(lesson(writer, n), encoding="utf-8")
            (folder_m / f"kasus-{n:03d}.yaml").write_text(case(writer, n), encoding="utf-8")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--lessons", type=int, default=12)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    make_corpus(args.folder, args.lessons, args.seed)
    print(f"wrote a course of {args.lessons} lessons into {args.folder}")


if __name__ == "__main__":
    main()
