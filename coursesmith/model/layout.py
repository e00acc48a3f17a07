"""Where every output goes: the one place that knows the output layout (a public contract).

    output/site/index.html                       language chooser
    output/site/<lang>/index.html                course home
    output/site/<lang>/lessons/<lesson>.html     one page per lesson
    output/site/<lang>/cases/<case>.html         one page per case study
    output/site/<lang>/glossary.html, references.html, schedule.html, downloads.html, search.html
    output/site/verify.html, verify/certificates.js   certificate check (sealed list, no roster)
    output/site/404.html, sitemap.xml (with a base_url), pagefind/ (the search index)
    output/site/<lang>/search-index.js           the same text for search from disk (file://)
    output/site/<lang>/handouts/<course>-<lesson>-<lang>.pdf          participant handouts
    output/site/<lang>/worksheets/<course>-<worksheet>-<lang>.pdf     worksheets, one per file
    output/site/<lang>/<course>-reader-<lang>.pdf                     the course reader, for print
    output/site/<lang>/<course>-reader-screen-<lang>.pdf              the same, for a screen
    output/site/<lang>/slides/<lesson>.html                           slides (reveal.js), no notes
    output/site/<lang>/slides/<course>-<lesson>-slides-<lang>.pdf     slides, one 16:9 page each
    output/site/<lang>/slides/<course>-<lesson>-slides-handout-<lang>.pdf  three a page, lines for notes
    output/site/assets/                          stylesheet, fonts (WOFF2), images, icons, reveal/ (reveal.js)
    output/site/assets/favicon.svg, favicon-32.png, apple-touch-icon.png, share-<lang>.png
    output/facilitator/<lang>/<course>-<lesson>-facilitator-<lang>.pdf
    output/facilitator/<lang>/<course>-facilitator-guide-<lang>.pdf
    output/facilitator/<lang>/slides/<lesson>.html                    slides with speaker notes
    output/facilitator/assets/                   what the facilitator's slides need
    output/facilitator/<lang>/<course>-questions-<lang>.moodle.xml   question bank, Moodle XML
    output/facilitator/<lang>/<course>-questions-<lang>.gift.txt     question bank, GIFT
    output/lms/<course>-scorm12-<lang>.zip                           SCORM 1.2 package
    output/lms/<course>-cc11-<lang>.imscc, <course>-cc13-<lang>.imscc IMS Common Cartridge 1.1, 1.3
    output/office/<lang>/rbpmp-<course>-<module>-<lang>.pdf             learning design, per module
    output/office/<lang>/rp-<course>-<lesson>-<lang>.pdf                lesson plan, per lesson
    output/office/<lang>/daftar-hadir-<course>-hari-<n>-<lang>.pdf      attendance, per course day
    output/office/<lang>/sertifikat-<course>-<nnn>-<lang>.pdf           certificate, per participant
    output/office/<lang>/sertifikat-<course>-semua-<lang>.pdf           every certificate, for printing
    output/office/<lang>/evaluasi-<course>-<lesson>-<lang>.pdf          evaluation of a session's facilitator
    output/office/<lang>/evaluasi-<course>-penyelenggaraan-<lang>.pdf   evaluation of the organisation
    output/office/<lang>/evaluasi-<course>-<lang>.csv                   every evaluation, as a CSV template
    output/offline/<course>-offline-<lang>.zip                        the site of one language, its PDFs
                                                                      and slides, to open from disk

All paths here are POSIX paths relative to the site, facilitator, lms, offline or office folder. The
model (model/course.py) asks these functions once and carries the answers, by
language, to the templates: `lesson.page[lang]`, `course.reader_pdf[lang]`, …
"""

from __future__ import annotations

import posixpath

SITE = "site"
FACILITATOR = "facilitator"
LMS = "lms"
OFFLINE = "offline"
OFFICE = "office"
"""The course office's papers: personal data; never published."""
ASSETS = "assets"


def root_index() -> str:
    return "index.html"


def home(lang: str) -> str:
    return f"{lang}/index.html"


def lesson_page(lang: str, lesson: str) -> str:
    """`lesson` and `case` below are slugs, e.g. `koal-01`."""
    return f"{lang}/lessons/{lesson}.html"


def case_page(lang: str, case: str) -> str:
    return f"{lang}/cases/{case}.html"


def schedule_page(lang: str) -> str:
    return f"{lang}/schedule.html"


def downloads_page(lang: str) -> str:
    return f"{lang}/downloads.html"


def search_page(lang: str) -> str:
    return f"{lang}/search.html"


def offline_search_index(lang: str) -> str:
    """The searchable text of one language as a script, for search opened from disk."""
    return f"{lang}/search-index.js"


def not_found() -> str:
    return "404.html"


def verify_page() -> str:
    """Where a certificate's QR code leads: one page for every language."""
    return "verify.html"


def verify_list() -> str:
    """The sealed list of certificates the verify page reads (written by the office output)."""
    return "verify/certificates.js"


def sitemap() -> str:
    return "sitemap.xml"


def glossary_page(lang: str) -> str:
    return f"{lang}/glossary.html"


def references_page(lang: str) -> str:
    return f"{lang}/references.html"


def handout_pdf(lang: str, course: str, lesson: str) -> str:
    """`course` is the course's code, e.g. `KKMP`."""
    return f"{lang}/handouts/{course.lower()}-{lesson}-{lang}.pdf"


def facilitator_pdf(lang: str, course: str, lesson: str) -> str:
    return f"{lang}/{course.lower()}-{lesson}-facilitator-{lang}.pdf"


def worksheet_pdf(lang: str, course: str, worksheet: str) -> str:
    return f"{lang}/worksheets/{course.lower()}-{worksheet.lower()}-{lang}.pdf"


def reader_pdf(lang: str, course: str) -> str:
    return f"{lang}/{course.lower()}-reader-{lang}.pdf"


def reader_screen_pdf(lang: str, course: str) -> str:
    return f"{lang}/{course.lower()}-reader-screen-{lang}.pdf"


def guide_pdf(lang: str, course: str) -> str:
    return f"{lang}/{course.lower()}-facilitator-guide-{lang}.pdf"


def rbpmp_pdf(lang: str, course: str, module: str) -> str:
    """Office papers: paths below the office folder; `module` is a slug."""
    return f"{lang}/rbpmp-{course.lower()}-{module}-{lang}.pdf"


def rp_pdf(lang: str, course: str, lesson: str) -> str:
    return f"{lang}/rp-{course.lower()}-{lesson}-{lang}.pdf"


def attendance_pdf(lang: str, course: str, day: int) -> str:
    return f"{lang}/daftar-hadir-{course.lower()}-hari-{day}-{lang}.pdf"


def certificate_pdf(lang: str, course: str, number: int) -> str:
    return f"{lang}/sertifikat-{course.lower()}-{number:03d}-{lang}.pdf"


def certificates_pdf(lang: str, course: str) -> str:
    return f"{lang}/sertifikat-{course.lower()}-semua-{lang}.pdf"


def evaluation_pdf(lang: str, course: str, subject: str) -> str:
    """`subject` is `<lesson>-<person>` or `penyelenggaraan` (the organisation)."""
    return f"{lang}/evaluasi-{course.lower()}-{subject}-{lang}.pdf"


def evaluation_csv(lang: str, course: str) -> str:
    return f"{lang}/evaluasi-{course.lower()}-{lang}.csv"


def slides_page(lang: str, lesson: str) -> str:
    """Below the site folder, and (with speaker notes) below the facilitator folder."""
    return f"{lang}/slides/{lesson}.html"


def slides_pdf(lang: str, course: str, lesson: str) -> str:
    return f"{lang}/slides/{course.lower()}-{lesson}-slides-{lang}.pdf"


def slides_handout_pdf(lang: str, course: str, lesson: str) -> str:
    return f"{lang}/slides/{course.lower()}-{lesson}-slides-handout-{lang}.pdf"


def slides_asset(name: str) -> str:
    """What the slide pages load: reveal.js files and the slides' stylesheet."""
    return f"{ASSETS}/reveal/{name}"


def stylesheet() -> str:
    """The site's stylesheet."""
    return f"{ASSETS}/site.css"


def moodle_questions(lang: str, course: str) -> str:
    """Below the facilitator folder; `course` is the course's code, e.g. `KKMP`."""
    return f"{lang}/{course.lower()}-questions-{lang}.moodle.xml"


def gift_questions(lang: str, course: str) -> str:
    return f"{lang}/{course.lower()}-questions-{lang}.gift.txt"


def scorm_package(lang: str, course: str) -> str:
    """Below the lms folder."""
    return f"{course.lower()}-scorm12-{lang}.zip"


def cartridge(lang: str, course: str, version: str) -> str:
    """`version` is the Common Cartridge version without dots, e.g. `11`."""
    return f"{course.lower()}-cc{version}-{lang}.imscc"


def offline_bundle(lang: str, course: str) -> str:
    """Below the offline folder; the zip holds one folder of the same name (without .zip)."""
    return f"{course.lower()}-offline-{lang}.zip"


def offline_search_script() -> str:
    """The search used when the site is opened from disk."""
    return f"{ASSETS}/search-offline.js"


SHARE_IMAGE_SIZE = (1200, 630)
"""Pixels of the picture a shared link shows (Open Graph's recommended 1.91:1)."""
TOUCH_ICON_SIZE = 180
FAVICON_SIZE = 32


def site_icons(logo: str) -> dict[str, str]:
    """The favicons (an SVG logo as it is, and a PNG for browsers without SVG icons) and
    the home-screen icon, made from the logo at `logo`."""
    icons = {"png": f"{ASSETS}/favicon-{FAVICON_SIZE}.png", "touch": f"{ASSETS}/apple-touch-icon.png"}
    if logo.lower().endswith(".svg"):
        icons["svg"] = f"{ASSETS}/favicon.svg"
    return icons


def share_image(lang: str) -> str:
    return f"{ASSETS}/share-{lang}.png"


def site_font(name: str) -> str:
    return f"{ASSETS}/fonts/{name}"


def asset(relative_source: str) -> str:
    """Where a project file used as an image is copied in the site."""
    return f"{ASSETS}/{relative_source}"


def relative_url(target: str, page: str) -> str:
    """The link from `page` to `target`, both relative to the same folder, so that
    the site works from disk, from a web server root and under a sub-path."""
    start = posixpath.dirname(page) or "."
    relative = posixpath.relpath(target, start)
    return relative + "/" if target.endswith("/") else relative
