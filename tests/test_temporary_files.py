"""A build leaves nothing in the temporary folder: WeasyPrint copies the @font-face fonts
of each stylesheet into a folder of its own (about 1.3 MB), which a stopped PDF worker
never removes, and which a build laying out in its own process must remove at exit."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.parametrize("jobs", ["2", "1"])
def test_a_build_leaves_no_temporary_files(project, tmp_path: Path, jobs: str):
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    result = subprocess.run([sys.executable, "-m", "coursesmith", "build", "-p", str(project.root), "-q",
                             "--only", "print", "--jobs", jobs], capture_output=True, text=True,
                            env={**os.environ, "TMPDIR": str(scratch)}, cwd=project.root, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert list((project.root / "output/site/id/handouts").glob("*.pdf"))
    assert sorted(path.name for path in scratch.iterdir()) == []
