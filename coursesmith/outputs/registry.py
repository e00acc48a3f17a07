"""Finding the outputs: every entry point in the `coursesmith.outputs` group, coursesmith's
own included, chosen by the build's options and put in the order they declare.

Listing the names reads only package metadata; an output's code is imported when a
build loads it."""

from __future__ import annotations

from importlib.metadata import EntryPoint, entry_points
from pathlib import Path
from typing import TYPE_CHECKING

from coursesmith.locations import OUTPUT_GROUP
from coursesmith.stages import BuildOptions

if TYPE_CHECKING:
    from coursesmith.outputs.base import Output

BUILT_IN = ("print", "search", "site")


class OutputsBroken(Exception):
    """The registered outputs cannot make a build: one fails to load, two share a name,
    or their order goes round in a circle."""

    def __init__(self, name: str, reason: str, where: Path | None = None):
        super().__init__(f"{name}: {reason}")
        self.name, self.reason = name, reason
        self.where = where


def registered() -> dict[str, EntryPoint]:
    """Every registered output by name, in name order."""
    found: dict[str, EntryPoint] = {}
    for point in entry_points(group=OUTPUT_GROUP):
        if point.name in found and found[point.name].value != point.value:
            raise OutputsBroken(point.name, f"two packages register it: {found[point.name].value} and {point.value}")
        found[point.name] = point
    if not set(BUILT_IN) <= set(found):
        missing = ", ".join(sorted(set(BUILT_IN) - set(found)))
        raise OutputsBroken(missing, "coursesmith's own outputs are not registered; reinstall coursesmith "
                            "(`pip install -e .` in a checkout), which writes its entry points")
    return dict(sorted(found.items()))


def names() -> list[str]:
    return list(registered())


def chosen(options: BuildOptions, available: list[str]) -> list[str]:
    """The names of the outputs a build with `options` makes."""
    wanted = [name for name in available if not options.only or name in options.only]
    skipped = set(options.skip) | ({"print"} if not options.pdf else set())
    return [name for name in wanted if name not in skipped]


def load(options: BuildOptions) -> list[Output]:
    """The enabled outputs, made and put in order."""
    points = registered()
    outputs = [_made(points[name]) for name in chosen(options, list(points))]
    enabled = {output.name for output in outputs}
    while any(set(output.requires) - enabled for output in outputs):  # one skipped may skip another
        outputs = [output for output in outputs if set(output.requires) <= enabled]
        enabled = {output.name for output in outputs}
    return in_order(outputs)


def _made(point: EntryPoint) -> Output:
    from coursesmith.outputs.base import Output

    try:
        made = point.load()()
    except Exception as error:
        raise OutputsBroken(point.name, f"{point.value} cannot be loaded: {type(error).__name__}: {error}") from error
    if not isinstance(made, Output) or made.name != point.name:
        raise OutputsBroken(point.name, f"{point.value} is not an Output named {point.name!r}")
    return made


def in_order(outputs: list[Output]) -> list[Output]:
    """Each output after those it names in `after` (when enabled); otherwise by name."""
    by_name = {output.name: output for output in outputs}
    placed: list[Output] = []
    visiting: list[str] = []

    def place(output: Output) -> None:
        if output in placed:
            return
        if output.name in visiting:
            raise OutputsBroken(output.name, "the outputs' order goes round in a circle: "
                                + " → ".join([*visiting, output.name]))
        visiting.append(output.name)
        for name in sorted(output.after):
            if name in by_name:
                place(by_name[name])
        visiting.pop()
        placed.append(output)

    for name in sorted(by_name):
        place(by_name[name])
    return placed
