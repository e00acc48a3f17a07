"""Build into a temporary folder beside the output and swap it in only on success."""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from pathlib import Path
from collections.abc import Iterator


@contextmanager
def staged_output(output: Path) -> Iterator[Path]:
    """Yield an empty folder to build in. When the block ends normally it replaces
    `output`; on any error or interrupt it is removed and `output` stays as it was."""
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    stage = output.parent / f".{output.name}.building-{os.getpid()}"
    old = output.parent / f".{output.name}.previous-{os.getpid()}"
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir()
    try:
        yield stage
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    if output.exists():
        output.rename(old)
    stage.rename(output)
    shutil.rmtree(old, ignore_errors=True)
