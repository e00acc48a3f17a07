"""The course office's papers: the roster's checks, every paper built from the sample,
the same bytes twice, certificates whose QR codes the verify page confirms in Chromium,
and no roster name or NIP anywhere participants or facilitators look."""

from __future__ import annotations

import csv
import re
import zipfile
from pathlib import Path

import pypdfium2
import pytest

from coursesmith.diagnostics import BuildFailed, Problems
from coursesmith.load.roster import load_roster, nip_problem
from coursesmith.pipeline import check_with_outputs

from conftest import REPO
from site_tools import CHROMIUM, CHROMIUM_FLAGS, require_chromium, serve
from text_extract import html_text, normalise, pdf_text
from watch import watching

LANGUAGES = ("id", "en")
LESSONS = ("koal-01", "koal-02", "koal-03", "peru-01", "peru-02")
MODULES = ("mp-koal", "mp-peru")


def sample_people():
    from coursesmith.load.people import load_people
    return load_people(REPO, {lesson.upper() for lesson in LESSONS}, Problems())


def evaluation_subjects() -> list[str]:
    """`<lesson>-<person>` for each person who teaches each lesson (course/people.yaml)."""
    from coursesmith.outputs.office.papers import person_slug
    return [f"{lesson}-{person_slug(person)}" for lesson in LESSONS for person in sample_people()
            if lesson.upper() in person.lessons]


def sample_roster() -> list[dict[str, str]]:
    lines = [line for line in (REPO / "course/roster.csv").read_text(encoding="utf-8").splitlines()
             if not line.startswith("#")]
    return list(csv.DictReader(lines))


# --- the roster --------------------------------------------------------------------


@pytest.mark.parametrize("nip, reason", [
    ("198503122010011001", None),
    ("19850312201001100", "a NIP has 18 digits"),
    ("1985031220100110011", "a NIP has 18 digits"),
    ("19850312201001100x", "a NIP has 18 digits"),
    ("198513122010011001", "19851312 is not a birth date (YYYYMMDD)"),
    ("198502302010011001", "19850230 is not a birth date (YYYYMMDD)"),
    ("198503122010131001", "201013 is not a month of appointment (YYYYMM)"),
    ("198503121995011001", "appointed in 1995, before the age of 15"),
    ("198503122010013001", "the 15th digit is the sex, 1 or 2, not 3"),
    ("198503122010011000", "the sequence number (last three digits) starts at 001"),
])
def test_nip_structure_is_checked(nip, reason):
    assert nip_problem(nip) == reason


def test_the_sample_roster_is_valid_and_marked_invented():
    problems = Problems()
    people = load_roster(REPO, problems)
    assert problems.sorted() == []
    assert len(people) == len(sample_roster()) >= 3
    assert all(person.note == "fiktif" and "Contoh" in person.name for person in people)
    assert "ILLUSTRATIVE SAMPLE DATA" in (REPO / "course/roster.csv").read_text(encoding="utf-8")


BAD_ROSTER = """\
name,nip,rank,agency,hobby
Satu,198503122010011001,III/d,Kota Contoh,catur
,198807042012022002,III/c,Kota Contoh,
Tiga,198503122010011001,III/c,Kota Contoh,
Empat,12345,III/c,Kota Contoh,
"""


def test_every_bad_cell_is_reported_at_its_line_and_column(project):
    project.write("course/roster.csv", BAD_ROSTER.replace("hobby", "agency2"))
    problems = Problems()
    load_roster(project.root, problems)
    assert [(d.code, d.location.line, d.location.column) for d in problems.sorted()] == [
        ("roster-unknown-column", 1, 22)]
    project.write("course/roster.csv", BAD_ROSTER.replace(",hobby", "").replace(",catur", "").replace(",\n", "\n"))
    problems = Problems()
    load_roster(project.root, problems)
    found = [(d.code, d.location.line, d.location.column) for d in problems.sorted()]
    assert found == [("roster-missing", 3, 1), ("roster-duplicate-nip", 4, 6), ("roster-bad-nip", 5, 7)]


def test_a_bad_roster_stops_the_build_with_every_problem(project):
    project.write("course/roster.csv", "name,nip,shoe\n,123,44\nDua,198503122010011001,40\n")
    with pytest.raises(BuildFailed) as failed:
        project.build(pdf=False)
    codes = sorted(d.code for d in failed.value.problems.errors)
    assert codes == ["roster-unknown-column"]
    project.write("course/roster.csv", "name,nip\n,123\nDua,198503122010011001\nDua,198503122010011001\n")
    with pytest.raises(BuildFailed) as failed:
        project.build(pdf=False)
    assert sorted(str(d.location).split("/")[-1] + " " + d.code for d in failed.value.problems.errors) == [
        "roster.csv:2:1 roster-missing", "roster.csv:2:2 roster-bad-nip", "roster.csv:4:5 roster-duplicate-nip"]
    assert not (project.root / "output").exists()  # nothing written


def test_a_build_that_makes_nothing_for_the_office_neither_reads_nor_checks_its_files(project):
    """An instructor editing lessons is not stopped by the office's unfinished roster,
    and a build that does not need the personal data does not open it."""
    project.write("course/roster.csv", "name,nip\n,123\n")
    project.write("course/people.yaml", "kind: nonsense\n")
    with watching() as seen:
        output = project.build(pdf=False, skip=("office",))
    assert (output / "site" / "verify.html").is_file() and not (output / "office").exists()
    assert not {"roster.csv", "people.yaml"} & {Path(path).name for path in seen.opened}
    problems = Problems()
    check_with_outputs(project.root, problems)  # `coursesmith check` still reports them
    assert {"roster-missing", "roster-bad-nip"} <= {d.code for d in problems.errors}
    with pytest.raises(BuildFailed):
        project.build(pdf=False)


def test_a_build_without_a_roster_works(project):
    output = project.build(pdf=False)
    assert (output / "site" / "verify.html").is_file()
    assert not (output / "site" / "verify" / "certificates.js").exists()
    assert sorted(p.name for p in (output / "office").rglob("*")) == ["en", "evaluasi-test-en.csv",
                                                                      "evaluasi-test-id.csv", "id"]
    assert not list(output.rglob("*.pdf"))  # --no-pdf: none, the office's included


def test_without_a_roster_attendance_lists_have_blank_rows_and_there_are_no_certificates():
    from coursesmith.model.course import build_course
    from coursesmith.outputs.office.papers import BLANK_ROWS, office_pages
    from coursesmith.pipeline import check
    from coursesmith.render.environment import Renderer

    problems = Problems()
    checked = check(REPO, problems)
    course = build_course(checked.catalog, "facilitator", REPO)
    pages = office_pages(course, [], [], [])
    assert not [page for page in pages if "sertifikat" in page.path]
    attendance = [page for page in pages if page.template == "office/attendance.html"]
    assert sorted(page.path for page in attendance) == [
        f"{lang}/daftar-hadir-kkmp-hari-{day}-{lang}.pdf" for lang in ("en", "id") for day in (1, 2)]
    html = Renderer(course, checked.search_path).render(attendance[0])
    sessions = len([slot for slot in course.schedule[0].slots if slot.lesson])
    assert html.count('<td class="sign">') == BLANK_ROWS * sessions
    assert "Peserta Contoh" not in html


# --- the sample's papers -------------------------------------------------------------


def office_files(lang: str) -> list[str]:
    names = [f"rbpmp-kkmp-{m}-{lang}.pdf" for m in MODULES]
    names += [f"rp-kkmp-{lesson}-{lang}.pdf" for lesson in LESSONS]
    names += [f"evaluasi-kkmp-{subject}-{lang}.pdf" for subject in evaluation_subjects()]
    names += [f"evaluasi-kkmp-penyelenggaraan-{lang}.pdf", f"evaluasi-kkmp-{lang}.csv"]
    names += [f"daftar-hadir-kkmp-hari-{day}-{lang}.pdf" for day in (1, 2)]
    names += [f"sertifikat-kkmp-{n:03d}-{lang}.pdf" for n in range(1, len(sample_roster()) + 1)]
    return sorted([*names, f"sertifikat-kkmp-semua-{lang}.pdf"])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_paper_is_made_in_each_language(sample_output, lang):
    made = sorted(p.name for p in (sample_output / "office" / lang).iterdir())
    assert made == office_files(lang)


def test_papers_say_what_the_course_says(sample_output):
    office = sample_output / "office" / "id"
    rbpmp = normalise(pdf_text(office / "rbpmp-kkmp-mp-koal-id.pdf"))
    for needed in ("Rancang Bangun Pembelajaran Mata Pelatihan", "Indikator hasil belajar", "IND-1",
                   "Materi pokok", "Metode", "Media dan alat bantu", "Estimasi waktu", "Referensi", "8 JP"):
        assert normalise(needed) in rbpmp, needed
    attendance = normalise(pdf_text(office / "daftar-hadir-kkmp-hari-1-id.pdf"))
    for person in sample_roster():
        assert normalise(person["name"]) in attendance and person["nip"] in attendance
    assert all(normalise(code) in attendance for code in ("KOAL-01", "KOAL-02", "KOAL-03", "07:45"))
    # course/people.yaml: the attendance list, lesson plan and evaluation form name who teaches
    assert normalise("Widyaiswara Contoh Satu") in attendance and normalise("Narasumber Contoh") in attendance
    plan = normalise(pdf_text(office / "rp-kkmp-koal-03-id.pdf"))
    assert normalise("Widyaiswara Contoh Satu, Widyaiswara Ahli Madya (widyaiswara)") in plan
    assert normalise("Narasumber Contoh") in plan
    # the office's own edition label in the footer, not the facilitator edition's
    assert normalise("Dokumen penyelenggara") in plan and normalise("Edisi widyaiswara") not in plan
    form = normalise(pdf_text(office / "evaluasi-kkmp-koal-03-narasumber-contoh-id.pdf"))
    assert normalise("Nama pengajar Narasumber Contoh") in form and normalise("Contoh Satu") not in form
    combined = pypdfium2.PdfDocument(office / "sertifikat-kkmp-semua-id.pdf")
    assert len(combined) == len(sample_roster())
    first = normalise(pdf_text(office / "sertifikat-kkmp-001-id.pdf"))
    for needed in ("001/PKA-CONTOH/2027", "Peserta Contoh Satu", "198503122010011001", "Penata Tk. I (III/d)",
                   "Pemerintah Kota Contoh", "Pelatihan Kepemimpinan Administrator", "13 JP",
                   "Kepala Balai Pelatihan (contoh)"):
        assert normalise(needed) in first, needed
    rows = list(csv.reader((office / "evaluasi-kkmp-id.csv").read_text(encoding="utf-8").splitlines()))
    assert rows[0] == ["form", "lesson", "facilitator", "criterion", "score", "participant"]
    assert len(rows) == 1 + 7 * len(evaluation_subjects()) + 7  # one form per facilitator per session
    assert {row[2] for row in rows[1:-7]} == {person.name for person in sample_people()}


def test_attendance_lists_are_landscape(sample_output):
    document = pypdfium2.PdfDocument(sample_output / "office" / "en" / "daftar-hadir-kkmp-hari-1-en.pdf")
    width, height = document[0].get_size()
    assert width > height


def test_the_same_sources_give_the_same_bytes(sample_output, sample_rebuilt):
    for lang in LANGUAGES:
        for name in office_files(lang):
            assert (sample_rebuilt / "office" / lang / name).read_bytes() == \
                (sample_output / "office" / lang / name).read_bytes(), name


# --- privacy --------------------------------------------------------------------------


def texts_of(folder: Path, unpacked: Path) -> list[str]:
    """Every file below `folder` as text; packages (zip, imscc) are unpacked and read too."""
    parts = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if path.suffix == ".pdf":
            parts.append(pdf_text(path))
        elif path.suffix in (".html", ".xml"):
            parts += [html_text(path.read_text(encoding="utf-8")), path.read_text(encoding="utf-8")]
        elif path.suffix in (".zip", ".imscc"):
            target = unpacked / path.name
            zipfile.ZipFile(path).extractall(target)
            parts += texts_of(target, unpacked)
        elif path.suffix not in (".woff2", ".woff", ".ttf", ".otf", ".png", ".jpg"):
            parts.append(path.read_text(encoding="utf-8", errors="replace"))
    return parts


def public_and_teaching_texts(output: Path, unpacked: Path) -> str:
    """Everything participants and facilitators receive, as text: pages, PDFs, data, packages."""
    folders = [folder for folder in sorted(output.iterdir()) if folder.name != "office"]
    assert {"site", "facilitator"} <= {folder.name for folder in folders}
    return normalise("\n".join(part for folder in folders for part in texts_of(folder, unpacked)))


def test_no_roster_or_facilitator_name_or_nip_reaches_the_site_or_facilitators(sample_output, tmp_path):
    corpus = public_and_teaching_texts(sample_output, tmp_path)
    assert normalise("Pelatihan Kepemimpinan Administrator") in corpus  # the scan reads what it should
    people = sample_roster()
    assert people
    leaked = [value for person in people for value in (person["name"], person["nip"]) if normalise(value) in corpus]
    assert leaked == []
    # The facilitators' names are personal data too: only the office's papers name them.
    facilitators = sample_people()
    assert len(facilitators) >= 2
    leaked = [value for person in facilitators for value in (person.name, person.nip) if value and normalise(value) in corpus]
    assert leaked == []
    assert not list((sample_output / "site").rglob("*sertifikat*"))
    assert not list((sample_output / "site").rglob("*daftar-hadir*"))


# --- certificates, checked on the verify page ---------------------------------------------


def certificate_addresses(office: Path) -> list[str]:
    zxingcpp = pytest.importorskip("zxingcpp")
    found = []
    for path in sorted(office.glob("sertifikat-kkmp-[0-9]*.pdf")):
        image = pypdfium2.PdfDocument(path)[0].render(scale=3).to_pil()
        codes = [result.text for result in zxingcpp.read_barcodes(image)]
        assert len(codes) == 1, path.name
        found.append(codes[0])
    return found


def test_each_certificates_qr_code_is_confirmed_by_the_verify_page(sample_output):
    require_chromium()
    from playwright.sync_api import sync_playwright

    addresses = certificate_addresses(sample_output / "office" / "id")
    people = sample_roster()
    assert len(addresses) == len(people)
    server, base = serve(sample_output / "site")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            page = browser.new_page()
            for address, person in zip(addresses, people):
                assert re.fullmatch(r"verify\.html#n=[^&]+&s=[0-9a-f]{32}", address), address
                page.goto(base + address)
                result = page.locator("#result[data-state='genuine']")
                result.get_by_text(f"Nama: {person['name']}").wait_for()
                assert "Sertifikat ini asli." in result.inner_text()
                assert "Pelatihan Kepemimpinan Administrator" in result.inner_text()
            wrong = addresses[0].replace("n=001", "n=004")
            page.goto(base + wrong)
            page.locator("#result[data-state='unknown']").wait_for()
            assert "asli" not in page.locator("#result").inner_text()
            page.goto(base + "verify.html")
            page.fill("#address", f"{people[1] and '002/PKA-CONTOH/2027'} {addresses[1][-32:]}")
            page.click("button[type=submit]")
            page.locator("#result[data-state='genuine']").get_by_text(f"Nama: {people[1]['name']}").wait_for()
            forged = addresses[0][:-1] + ("0" if addresses[0][-1] != "0" else "1")
            page.goto(base + forged)
            page.locator("#result[data-state='unknown']").wait_for()
            browser.close()
    finally:
        server.shutdown()


def test_new_projects_keep_the_roster_out_of_git(tmp_path):
    import subprocess

    from coursesmith.starter import create_project

    folder = tmp_path / "course-project"
    create_project(folder)
    text = (folder / ".gitignore").read_text(encoding="utf-8")
    assert "personal data" in text
    subprocess.run(["git", "init", "-q", str(folder)], check=True)
    (folder / "course" / "roster.csv").write_text("name,nip\n", encoding="utf-8")
    ignored = subprocess.run(["git", "-C", str(folder), "check-ignore", "course/roster.csv"], capture_output=True)
    assert ignored.returncode == 0
