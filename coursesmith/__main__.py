import sys

from coursesmith.cli import main

sys.exit(main())
