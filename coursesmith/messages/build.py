"""Problems with assets, templates and the outputs a build makes."""

from coursesmith.messages.message import Message

MESSAGES: dict[str, Message] = {
    # --- assets ----------------------------------------------------------------
    "asset-missing": Message(
        "error",
        "{what} {target!r} does not exist",
        "Check the spelling and the folder; paths are relative to the file that names them.",
    ),
    "asset-outside": Message(
        "error",
        "{what} {target!r} points outside the course project",
        "Copy the file into the project (for example into course/assets/) and refer to it there.",
    ),
    "asset-remote": Message(
        "error",
        "{what} {target!r} is a remote or absolute address",
        "Builds never download anything. Save the file into the project and use a relative path.",
    ),
    "url-scheme": Message(
        "error",
        "{what} {url!r} uses `{scheme}:`, which is not allowed",
        "Links may only be `https:`, `http:` or `mailto:` addresses; images and files are "
        "paths inside the project, such as `img/map.png`.",
    ),
    "asset-unsafe": Message(
        "error",
        "{what} {target!r} is refused: {reason}",
        "The site publishes this file as it is. Fix the file (see the problem reported in "
        "it), or export it again without scripts, links or fonts.",
    ),
    "svg-unsafe": Message(
        "error",
        "this SVG image has {found}, which could run or load something when the site shows it",
        "Remove it (in Inkscape: Save As → Optimized SVG or Plain SVG; fonts as paths), "
        "or export the image as PNG.",
    ),
    "css-unsafe": Message(
        "error",
        "{found} is refused: {reason}",
        "A stylesheet may only use files of the project (fonts, images) by relative path, "
        "or images inlined as `data:image/…`; builds never download anything.",
    ),
    "image-unreadable": Message(
        "error",
        "{what} {target!r} cannot be read as an image: {reason}",
        "Open the file in an image editor and save it again as PNG, JPEG, GIF or WebP.",
    ),
    "image-large": Message(
        "warning",
        "{what} {target!r} is {width}×{height} pixels and {size}: more than print or screen needs",
        "Scale it down to at most 2480 pixels wide (an A4 page at 300 dpi) and save it "
        "again; large images make slow pages and heavy PDFs.",
    ),
    "image-without-alt": Message(
        "error",
        "image {target!r} has no alternative text",
        "Describe the image for readers who cannot see it: `![what it shows](path)`.",
    ),
    "unsafe-html": Message(
        "warning",
        "raw HTML in {field} was cleaned: {removed}",
        "Write Markdown instead of HTML; scripts, frames, event handlers and "
        "javascript: links are always removed.",
    ),
    "link-to-source": Message(
        "error",
        "{what} {target!r} is a course source file; the site never publishes sources",
        "Link to the part of the course instead: `[text](lesson:KOAL-02)`, "
        "`lesson:KOAL-02#section-code`, `case:CODE`, `glossary:CODE` or `worksheet:CODE`.",
    ),
    "unpublished-kind": Message(
        "error",
        "{what} {target!r} is not a kind of file the site publishes",
        "Use one of: {kinds}. Anything else stays out of the published site.",
    ),
    "unknown-link": Message(
        "error",
        "link {target!r}: {what} does not exist",
        "{suggestion}Known: {known}.",
    ),
    # --- what will not come through --------------------------------------------
    "unknown-callout": Message(
        "warning",
        "{field}: {name!r} is not a kind of reading block; its text is shown as plain text",
        "Use one of: {known}, e.g. `::: note` … `:::` or `> [!NOTE]`.",
    ),
    "unsupported-math": Message(
        "warning",
        "{field}: formulas are not typeset; this one is shown as written",
        "Write the formula in words or as an image, or put it in `code` to show it literally.",
    ),
    "private-block-in-short-text": Message(
        "error",
        "{field} cannot hold a `{kind}` block: it takes no blocks, so participants would read it",
        "Move the passage into a Markdown field (a section body, the instructions) or into "
        "`facilitator_notes`.",
    ),
    "markdown-in-plain-text": Message(
        "warning",
        "{field} is plain text: `{found}` will show exactly as written",
        "Titles, names and labels take no Markdown; write the text without it.",
    ),
    "undeclared-language": Message(
        "warning",
        "{field} has a `{language}` text, but the course's languages are {languages}; it is never shown",
        "Add `{language}` to `languages` in course/course.yaml, or remove this text.",
    ),
    "bad-image-width": Message(
        "warning",
        "{field}: image width {width!r} is not used",
        "Give a width in pixels or percent: `{{width=300}}`, `{{width=300px}}` or `{{width=50%}}`.",
    ),
    # --- rendering -------------------------------------------------------------
    "missing-labels": Message(
        "error",
        "the course declares language {language!r}, but there are no interface labels for it",
        "Add templates/labels/{language}.yaml to the project (copy labels/en.yaml from "
        "coursesmith's templates and translate its values).",
    ),
    "template-error": Message(
        "error",
        "template error: {problem}",
        "Fix the template at this line; a project's templates/ folder overrides the defaults "
        "file by file.",
    ),
    "inaccessible-document": Message(
        "error",
        "{document} {problem}",
        "Screen readers and PDF/UA need it. Fix the template that makes this document "
        "(a project's templates/ folder overrides the defaults file by file).",
    ),
    "pdf-warning": Message(
        "warning",
        "while making {document}: {problem}",
        "Check the stylesheet or the resource it names.",
    ),
    "print-setup-error": Message(
        "error",
        "the PDFs cannot be made with this stylesheet: {problem}",
        "Fix the print stylesheet (a project's templates/css/print.css overrides the default); "
        "it may only use files of the project.",
    ),
    "pdf-error": Message(
        "error",
        "could not make {document}: {problem}",
        "Check the template and the resources it uses.",
    ),
    "search-error": Message(
        "error",
        "could not build the site's search index: {reason}",
        "Reinstall coursesmith (`pip install coursesmith`), which brings the Pagefind indexer.",
    ),
    "output-failed": Message(
        "error",
        "the {output} output failed: {reason}",
        "This is a fault in the output's code, not in the course: update or reinstall the package "
        "that provides it, or leave it out with `--skip {output}`; the previous output was left as it was.",
    ),
    "question-part-dropped": Message(
        "warning",
        "{what} of item {code!r} cannot be written in {format}; the {format} question bank leaves it out",
        "Import the Moodle XML question bank instead, which carries it, or add it in the LMS "
        "by hand after importing.",
    ),
    "output-error": Message(
        "error",
        "cannot write the output into {path}: {reason}",
        "Choose an output folder you can write to (`--output`), or move what is in the way; "
        "the previous output was left as it was.",
    ),
    "cache-untrusted": Message(
        "warning",
        "this cache was not made here by coursesmith (it came with the project, for example "
        "committed to the repository, or was copied, or an older coursesmith made it): it was "
        "emptied and made afresh",
        "Keep `.coursesmith/` out of the repository (a `.gitignore` line). To reuse a cache that "
        "CI restored, restore it outside the project and pass it with `--cache-dir`.",
    ),
    "cache-tracked": Message(
        "warning",
        "git tracks files inside this cache (a branch committed them and a checkout or pull wrote "
        "them in), so it was emptied and made afresh",
        "Remove the cache from the repository (`git rm -r --cached .coursesmith`) and keep it out "
        "with a `.gitignore` line; look at the commit that added it.",
    ),
    "cache-not-ours": Message(
        "warning",
        "this cache folder holds files coursesmith does not write in a cache, so it was left alone "
        "and the build uses no cache",
        "Give `--cache-dir` a folder of its own (a new one, or one coursesmith made).",
    ),
    "cache-outside": Message(
        "warning",
        "this cache is reached through a link that leads out of its place in the project, so the "
        "build uses no cache",
        "Remove the link; to keep the cache elsewhere, pass that folder with `--cache-dir`.",
    ),
    "cache-link": Message(
        "warning",
        "this link (or special file) in the cache was removed unread: coursesmith never writes one there",
        "A link in the cache could make a build read, publish or overwrite files elsewhere. Keep "
        "`.coursesmith/` out of the repository.",
    ),
    "cache-link-kept": Message(
        "warning",
        "this link (or special file) in the cache could not be removed, so the build uses no cache",
        "Remove it by hand, or let the cache folder be written to.",
    ),
}
