"""WeasyPrint's libraries are found without a compiler (outputs/print/libraries.py)."""

from __future__ import annotations

import ctypes.util
import os
import shutil
import subprocess
import sys

import pytest

from coursesmith.outputs.print.libraries import _find_in_linker_cache

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the linker cache is Linux's")

WEASYPRINT_NAMES = ["gobject-2.0", "pango-1.0", "harfbuzz", "harfbuzz-subset", "fontconfig", "pangoft2-1.0",
                    "libgobject-2.0-0", "gobject-2.0-0", "libpango-1.0-0", "harfbuzz-vector", "libharfbuzz-0.dll"]


@pytest.mark.parametrize("name", WEASYPRINT_NAMES)
def test_the_linker_cache_gives_what_find_library_finds(name):
    found = ctypes.util.find_library(name)
    if found is not None and found.startswith("lib"):  # gcc's own finds are names too
        assert _find_in_linker_cache(name) == found
    else:
        assert _find_in_linker_cache(name) is None


@pytest.mark.skipif(shutil.which("strace") is None and not os.environ.get("CI"),
                    reason="strace is not installed (apt-get install strace); CI installs it")
def test_loading_weasyprint_runs_no_compiler(tmp_path):
    trace = tmp_path / "trace"
    subprocess.run(["strace", "-f", "-qq", "-e", "trace=execve", "-o", str(trace), sys.executable, "-c",
                    "import coursesmith.outputs.print.maker"], check=True)
    programs = [line.split('"')[1] for line in trace.read_text().splitlines() if "execve(" in line]
    assert not [p for p in programs if p.endswith(("gcc", "ld", "collect2", "cc"))], programs
    assert sum(p.endswith("ldconfig") for p in programs) <= 1, programs
