"""The sample course, built for real: every output exists, reads right, and keeps
facilitator material out of everything participants get."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pypdf
import pytest

from coursesmith.diagnostics import Problems
from coursesmith.render.markdown import to_html
from coursesmith.load.project import load_project
from coursesmith.load.markdown_blocks import blocks_removed
from coursesmith.load.schema import FACILITATOR_ONLY, Model, iter_texts
from coursesmith.load.text import ANY_LANGUAGE, InlineMarkdown, LocalText, Markdown

from conftest import REPO
from leak_scan import package_texts, participant_corpus, participant_pdfs, participant_texts
from text_extract import html_text, normalise, pdf_body_text, pdf_pages, pdf_text, sentences

LANGUAGES = ("id", "en")
LESSONS = ("koal-01", "koal-02", "koal-03", "peru-01", "peru-02")
WORKSHEETS = ("lk-01", "lk-02", "lk-03", "lk-04", "lk-05")


def facilitator_pdfs(output: Path) -> list[Path]:
    return sorted((output / "facilitator").rglob("*.pdf"))


def test_every_output_exists(sample_output):
    site = sample_output / "site"
    for lang in LANGUAGES:
        assert (site / lang / "index.html").is_file()
        assert (site / lang / "cases/case-tangsel-2018.html").is_file()
        for lesson in LESSONS:
            assert (site / lang / f"lessons/{lesson}.html").is_file()
            assert (site / lang / f"handouts/kkmp-{lesson}-{lang}.pdf").is_file()
            assert (sample_output / "facilitator" / lang / f"kkmp-{lesson}-facilitator-{lang}.pdf").is_file()
            assert (site / lang / f"slides/{lesson}.html").is_file()
            assert (sample_output / "facilitator" / lang / f"slides/{lesson}.html").is_file()
            for kind in ("slides", "slides-handout"):
                assert (site / lang / f"slides/kkmp-{lesson}-{kind}-{lang}.pdf").is_file()
        assert (site / lang / f"kkmp-reader-{lang}.pdf").is_file()
        assert (site / lang / f"kkmp-reader-screen-{lang}.pdf").is_file()
        assert (sample_output / "facilitator" / lang / f"kkmp-facilitator-guide-{lang}.pdf").is_file()
        for sheet in WORKSHEETS:
            assert (site / lang / f"worksheets/kkmp-{sheet}-{lang}.pdf").is_file()
    assert len(participant_pdfs(sample_output)) == 2 * (len(LESSONS) + len(WORKSHEETS) + 2 + 2 * len(LESSONS))  # two readers, slides
    assert len(facilitator_pdfs(sample_output)) == 2 * (len(LESSONS) + 1)



def test_every_file_is_byte_identical_from_the_same_sources(sample_output, sample_rebuilt):
    """A second build of the sample, with no cache, writes the same files with the same bytes."""
    def tree(output: Path) -> dict[str, bytes]:
        return {p.relative_to(output).as_posix(): p.read_bytes() for p in sorted(output.rglob("*")) if p.is_file()}

    first, again = tree(sample_output), tree(sample_rebuilt)
    assert len(first) > 200
    assert sorted(first) == sorted(again)
    assert [name for name in first if first[name] != again[name]] == []


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("lesson", LESSONS)
def test_handout_pages_and_text(sample_output, lesson, lang):
    pages = pdf_pages(sample_output / "site" / lang / "handouts" / f"kkmp-{lesson}-{lang}.pdf")
    assert 5 <= len(pages) <= 40
    footer = {"id": "Halaman {} dari {}", "en": "Page {} of {}"}[lang]
    for number, text in enumerate(pages, start=1):
        assert footer.format(number, len(pages)) in text
    first = normalise(pages[0])
    heading = {"id": "Hasil belajar", "en": "Learning outcome"}[lang]
    assert normalise(heading) in first
    assert normalise(lesson.upper()) in first


def test_case_study_handout_shows_provenance_and_unknowns(sample_output):
    text = normalise(pdf_text(sample_output / "site/en/handouts/kkmp-koal-03-en.pdf"))
    for phrase in ("What the source does not say", "from the case source", "Source of the case",
                   "Jadi Pembicara di LAN, Walikota Bahas 5 Sinergi Kerjasama Multipihak"):
        assert normalise(phrase) in text, phrase


def test_fonts_are_the_bundled_ones(sample_output):
    for path in participant_pdfs(sample_output)[:2] + facilitator_pdfs(sample_output)[:2]:
        fonts = set()
        for page in pypdf.PdfReader(path).pages:
            for font in (page["/Resources"].get("/Font") or {}).values():
                fonts.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
        assert fonts and all(name.startswith("Coursesmith-") for name in fonts), fonts


def test_site_pages_link_their_handouts(sample_output):
    page = (sample_output / "site/id/lessons/koal-02.html").read_text(encoding="utf-8")
    assert 'href="../handouts/kkmp-koal-02-id.pdf"' in page
    assert '<a class="figure" href="../../assets/modules/koalisi/img/power-interest-grid-id.svg">' in page
    assert (sample_output / "site/assets/modules/koalisi/img/power-interest-grid-id.svg").is_file()


# --- facilitator-only material ---------------------------------------------------------


def facilitator_texts() -> dict[str, list[str]]:
    """Every facilitator-only sentence of the sample course, per language."""
    found: dict[str, list[str]] = {lang: [] for lang in LANGUAGES}
    problems = Problems()
    project = load_project(REPO, problems)
    assert not problems.errors
    for loaded in project.files:
        for value in [*_facilitator_values(loaded.model), *_facilitator_blocks(loaded.model)]:
            for lang, text in value.values.items():
                inline = not isinstance(value, Markdown)
                rendered = to_html(text, lambda link: link.target, inline=inline)
                plain = html_text(rendered) if isinstance(value, InlineMarkdown) else text
                for lang_ in (LANGUAGES if lang == ANY_LANGUAGE else (lang,)):
                    found[lang_] += sentences(plain)
    return found


def _facilitator_blocks(model) -> list[Markdown]:
    """The facilitator and solution blocks inside participant texts, each as a text."""
    found = []
    for _, text in iter_texts(model):
        if isinstance(text, Markdown):
            for lang, value in text.values.items():
                kept = set(blocks_removed(value, frozenset({"facilitator", "solution"})).splitlines())
                cut = [line for line in value.splitlines() if line not in kept and not line.startswith(":::")]
                if cut:
                    found.append(Markdown({lang: "\n".join(cut)}))
    return found


def test_the_sample_has_facilitator_blocks_to_keep_private():
    problems = Problems()
    project = load_project(REPO, problems)
    assert any(_facilitator_blocks(loaded.model) for loaded in project.files)


def _facilitator_values(node, inside=False):
    if isinstance(node, LocalText):
        if inside:
            yield node
    elif isinstance(node, Model):
        for name, info in type(node).model_fields.items():
            extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
            yield from _facilitator_values(getattr(node, name), inside or bool(extra.get(FACILITATOR_ONLY)))
    elif isinstance(node, (list, tuple)):
        for item in node:
            yield from _facilitator_values(item, inside)


@pytest.fixture(scope="module")
def secrets() -> dict[str, list[str]]:
    texts = facilitator_texts()
    assert all(len(texts[lang]) > 50 for lang in LANGUAGES), {k: len(v) for k, v in texts.items()}
    return texts


def test_lms_packages_are_scanned_for_leaks(sample_output):
    texts = package_texts(sample_output)
    corpus = normalise("\n".join(texts))
    assert len(texts) > 40
    for lang, lesson in (("id", "KOAL-01"), ("en", "PERU-02")):  # the scan reads pages and handouts
        assert normalise(f"{lesson}") in corpus
    assert normalise("Halaman 1 dari") in corpus and normalise("Page 1 of") in corpus


def test_the_scan_reads_every_kind_of_participant_output(sample_output):
    """Each kind holds the sample's text, so a secret in any of them would be found."""
    texts = participant_texts(sample_output)
    for kind, text in texts.items():
        wanted = "svg" if kind == "svg" else "Koalisi" if kind == "meta" else "pemangku kepentingan"
        assert wanted in text, kind


@pytest.mark.parametrize("folder", ["lms", "offline"])
def test_the_package_scan_finds_a_planted_secret(sample_output, secrets, tmp_path, folder):
    """The scan itself can fail: a rationale slipped into a package's or an offline
    bundle's page is found."""
    planted = tmp_path / "output"
    shutil.copytree(sample_output / folder, planted / folder)
    secret = secrets["en"][0]
    assert normalise(secret) not in normalise("\n".join(package_texts(planted, "*", folder)))
    with zipfile.ZipFile(next((planted / folder).glob("*-en.zip")), "a") as archive:
        archive.writestr("lessons/extra.html", f"<p>{secret}</p>")
    corpus = normalise("\n".join(package_texts(planted, "*", folder)))
    assert normalise(secret) in corpus


def test_no_facilitator_text_reaches_participants(sample_output, secrets):
    corpus = participant_corpus(sample_output)
    leaked = [s for lang in LANGUAGES for s in secrets[lang] if normalise(s) in corpus]
    assert leaked == []
    for label in ("Kunci jawaban", "Answer key", "Catatan untuk widyaiswara", "Notes for the facilitator",
                  "Catatan pengajaran", "Teaching note", "Rubrik penilaian", "Scoring rubric"):
        assert normalise(label) not in corpus, label


def test_the_leak_scan_reads_slides_and_finds_speaker_notes(sample_output, secrets, tmp_path):
    """Slides are participant outputs: their pages and PDFs are in the scan, and the
    facilitator's slides (with speaker notes) in their place would be found."""
    planted = tmp_path / "output"
    for folder in ("site", "lms", "offline"):
        shutil.copytree(sample_output / folder, planted / folder)
    assert list((planted / "site").rglob("*-slides-handout-*.pdf")) and list((planted / "site").rglob("slides/*.html"))
    for lang in LANGUAGES:
        deck = f"{lang}/slides/koal-01.html"
        shutil.copyfile(sample_output / "facilitator" / deck, planted / "site" / deck)
    corpus = participant_corpus(planted)
    assert [s for lang in LANGUAGES for s in secrets[lang] if normalise(s) in corpus]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_facilitator_text_reaches_facilitators(sample_output, secrets, lang):
    corpus = normalise("\n".join(pdf_body_text(p) for p in facilitator_pdfs(sample_output) if p.parent.name == lang))
    missing = [s for s in secrets[lang] if normalise(s) not in corpus]
    assert missing == []


def test_facilitator_material_is_outside_the_site(sample_output):
    site_files = {p.relative_to(sample_output / "site").as_posix() for p in (sample_output / "site").rglob("*")}
    assert not [name for name in site_files if "facilitator" in name]
    assert not [name for name in site_files if name.endswith((".yaml", ".yml"))]
