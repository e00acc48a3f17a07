"""`python -m coursesmith`: the command line.

Python puts the current folder first on the module path of `python -m`, and the
current folder is usually a course project, whose files come from anyone's pull
request: a `yaml.py` or `pikepdf.py` there would be imported, and run, in place of the
library. It leaves the path before anything else is imported (Python's own `-P` does
the same; a project's own `coursesmith/` folder can only be kept out by `-P` or by the
`coursesmith` command, which never looks in the current folder).
"""
import os
import sys

if sys.path and not sys.flags.safe_path and sys.path[0] in ("", os.getcwd()):
    del sys.path[0]

from coursesmith.cli import main  # noqa: E402

sys.exit(main())
