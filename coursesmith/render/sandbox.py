"""The sandbox every template renders in, default or a project's own override.

A project's templates/ folder comes from whoever sends a pull request, so its
templates are untrusted code. They render in Jinja's immutable sandbox, which refuses
`_`-attributes and Python internals (`__globals__`, `__subclasses__()`, `mro`, …) and
methods that change data, with these additions:

- values that would reach the machine are not attributes a template may use: modules,
  classes, paths (`root.read_text()`), and pydantic's own model methods (`parse_file`);
- the only globals are `range`, `dict` and `namespace` (paths come with the model);
- `*` and `**` may not build huge strings, lists or numbers (`range` is already bounded);
- every file a template loads or includes must lie, symlinks followed, inside the
  template folder it was found in; the file is not opened otherwise.

What the sandbox refuses raises `SecurityError`, reported as a located template error.
"""

from __future__ import annotations

import types
from pathlib import Path, PurePath
from typing import Any

import jinja2
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from pydantic import BaseModel

from coursesmith.locations import inside

MAX_SEQUENCE = 1_000_000
MAX_NUMBER = 10**18
GLOBALS = ("range", "dict", "namespace")


class TemplateSandbox(ImmutableSandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**"})

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._safe_on_type: dict[tuple[type, str], bool] = {}

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if not self._safe_on(obj, attr):
            return False
        return not isinstance(value, (types.ModuleType, type)) and not _pydantic_method(value)

    def _safe_on(self, obj: Any, attr: str) -> bool:
        """What depends only on the object's type and the name: Jinja's own rules
        (`_` names, internals, methods that change data, all decided by type and name in
        Jinja 3) and the refused kinds of object. A course renders the same few names on
        the same few types hundreds of thousands of times, so it is decided once each;
        what depends on the value is checked every time."""
        key = (type(obj), attr)
        known = self._safe_on_type.get(key)
        if known is None:
            known = super().is_safe_attribute(obj, attr, None) \
                and not isinstance(obj, (PurePath, types.ModuleType))
            self._safe_on_type[key] = known
        return known

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int) and isinstance(left, int) and abs(left) > 1 \
                and right * abs(left).bit_length() > MAX_NUMBER.bit_length():
            raise SecurityError(f"{left} ** {right} is too large a number for a template")
        if operator == "*":
            for count, other in ((left, right), (right, left)):
                if isinstance(count, int) and isinstance(other, (str, list, tuple)) \
                        and count * len(other) > MAX_SEQUENCE:
                    raise SecurityError(f"repeating a value {count} times makes too much text for a template")
        return super().call_binop(context, operator, left, right)


def _pydantic_method(value: Any) -> bool:
    """A method pydantic gives every model (`parse_file`, `model_validate_json`, …)."""
    function = getattr(value, "__func__", None)
    return function is not None and getattr(function, "__module__", "").startswith("pydantic") \
        or isinstance(getattr(value, "__self__", None), type) and issubclass(value.__self__, BaseModel)


class ConfinedLoader(jinja2.BaseLoader):
    """Loads a template from the first folder of the search path that has it, after
    checking that the file, symlinks followed, lies inside that folder."""

    def __init__(self, search_path: tuple[Path, ...]):
        self.search_path = search_path

    def get_source(self, environment: jinja2.Environment, template: str):
        pieces = split_template_path(template)
        for folder in self.search_path:
            candidate = folder.joinpath(*pieces)
            if candidate.is_file():
                break
        else:
            raise jinja2.TemplateNotFound(template)
        if not inside(candidate, folder):
            raise SecurityError(f"{candidate} is a link to a file outside the template folder")
        text = candidate.read_text(encoding="utf-8")
        return text, str(candidate), lambda: self._unchanged(environment, template, text, candidate)

    def _unchanged(self, environment: jinja2.Environment, template: str, text: str, path: Path) -> bool:
        """A template stays compiled while its name resolves to the same file with the same
        bytes (modification times miss an edit within the clock's resolution, a copy that
        keeps its time, and a new override of a default)."""
        try:
            return self.get_source(environment, template)[:2] == (text, str(path))
        except (jinja2.TemplateNotFound, SecurityError, OSError):
            return False

    def list_templates(self) -> list[str]:
        found = {p.relative_to(folder).as_posix() for folder in self.search_path if folder.is_dir()
                 for p in folder.rglob("*") if p.is_file() and inside(p, folder)}
        return sorted(found)


def sandbox(search_path: tuple[Path, ...], **options: Any) -> TemplateSandbox:
    """A sandboxed environment over `search_path` with only the safe globals."""
    env = TemplateSandbox(loader=ConfinedLoader(search_path), **options)
    env.globals = {name: env.globals[name] for name in GLOBALS}
    return env
