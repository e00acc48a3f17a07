"""Build the sample course: `python build.py` is `coursesmith build` (same options)."""

import sys

from coursesmith.cli import main

if __name__ == "__main__":
    sys.exit(main(["build", *sys.argv[1:]]))
