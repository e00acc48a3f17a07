"""What an output is: the interface every output implements, built in or from another package.

An output makes one kind of thing from the checked course (the site, its search
index, the PDFs; later LMS packages, question banks, slides, office papers). It is
found through the entry-point group `coursesmith.outputs` (registry.py), by name,
e.g. from a package's pyproject.toml:

    [project.entry-points."coursesmith.outputs"]
    slides = "mypackage.slides:Slides"

and the build drives every enabled output through the same steps:

    warm_up(options)   before the course is checked: start slow things (worker processes)
    check(models, problems)  the course passed every check: report what this output
                       would (what its format cannot carry); `coursesmith check` runs it too
    start(context)     the course passed every check: begin writing into context.stage
    finish()           complete the work and return the files made
    close()            always called last, after success, failure or Ctrl-C

Outputs start in the order they declare (`after`), then finish in that same order,
so an output can start work that runs in the background (PDF workers, an indexer)
and collect it in `finish`, while the next one starts. An output that names
another in `after` also sees, in `context.made`, what that one has finished.

The rules of a build hold for every output:
- nothing is written before every check has passed; outputs write only below
  `context.stage`, which replaces the output folder when the whole build succeeded
  and is removed otherwise, so a failed build leaves the previous output as it was;
- an output receives only the models of the audiences it declares: a participant
  output never sees facilitator notes, answer keys or the raw sources;
- what an output keeps between builds goes in `context.cache` (its own folder),
  keyed by the content it was made from.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Literal

from coursesmith.diagnostics import Problems
from coursesmith.stages import BuildOptions, Made, Progress

__all__ = ["Audience", "BuildContext", "BuildOptions", "Made", "Output", "Progress"]

if TYPE_CHECKING:
    from coursesmith.model.course import CourseView
    from coursesmith.render.memo import HtmlMemo

Audience = Literal["participant", "facilitator", "office"]
"""Who an output is for: participants (public), facilitators (never published), the
course office (never published, may hold personal data)."""

@dataclass
class BuildContext:
    """What an output is given to work with: the checked course of its audiences, where
    to write, where to report problems. No raw sources: only the models."""

    models: Mapping[str, CourseView]
    """The course model of each audience the output declared, and of no other."""
    stage: Path
    """The staging folder to write into; it becomes the output folder on success."""
    output: Path
    """The output folder as the user named it, for messages (never write here)."""
    templates: list[Path]
    """The template search path: the project's overrides first, the defaults last."""
    assets: list[Path]
    """Project files (images) the course's texts use, checked to be inside the project."""
    problems: Problems
    progress: Progress
    options: BuildOptions
    cache: Path | None = None
    """This output's own folder for work kept between builds; None when caching is off."""
    made: dict[str, Made] = field(default_factory=dict)
    """What the outputs that finished before this one made, by path."""
    memo_environment: dict[tuple, str] = field(default_factory=dict)
    """The digest every template output depends on beside the course (render/memo.py),
    worked out by the first memo of a build and shared by the others: one dict for all
    the contexts of a build."""
    _memo: HtmlMemo | None = field(default=None, init=False, repr=False)

    def html_memo(self) -> HtmlMemo | None:
        """This output's memo of template outputs (render/memo.py); None when caching is off."""
        if self.cache is None:
            return None
        if self._memo is None:
            from coursesmith.render.memo import HtmlMemo  # the model and templates load only when used

            root = next(iter(self.models.values())).root.resolve()
            self._memo = HtmlMemo(self.cache / "html", self.templates, self.assets, root, self.memo_environment,
                                  self.options.cache_limits)
        return self._memo

    def previous(self, target: Path) -> Path:
        """Where the output being replaced has the file that `target` (in the stage) will be."""
        return self.output / target.relative_to(self.stage)

    def model(self, audience: Audience = "participant") -> CourseView:
        if audience not in self.models:
            raise LookupError(f"this output did not declare the {audience} audience")
        return self.models[audience]


class Output:
    """The base of every output; override what you need. Instances are made with no
    arguments, once per build."""

    name: ClassVar[str]
    """The name users select it by (`--only NAME`, `--skip NAME`); the entry point's name."""
    audiences: ClassVar[tuple[Audience, ...]] = ("participant",)
    """Whose models it receives."""
    after: ClassVar[tuple[str, ...]] = ()
    """Outputs it starts and finishes after, when they are enabled."""
    requires: ClassVar[tuple[str, ...]] = ()
    """Outputs without which it has nothing to do: it is skipped when one is not enabled."""

    def warm_up(self, options: BuildOptions) -> None:
        """Start slow preparations while the course is being checked."""

    def check(self, models: Mapping[str, CourseView], problems: Problems) -> None:
        """Report what making this output would report about the course (e.g. what its
        format cannot carry), from the models of its audiences, writing nothing. A build
        runs it before any output starts, and `coursesmith check` runs it, so that check
        finds what build would."""

    def start(self, context: BuildContext) -> None:
        """Begin making; report problems into context.problems."""

    def finish(self) -> list[Made]:
        """Complete the work and return every file made."""
        return []

    def close(self) -> None:
        """Stop anything still running; called once at the end of every build."""
