"""`python -m nn101`: the same command line as `nn101-tui` (for a Python without the
script on PATH, or to pick the interpreter: `python3.12 -m nn101 list`)."""

import sys

from nn101.cli import main

sys.exit(main())
