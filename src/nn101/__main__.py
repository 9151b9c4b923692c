"""`python -m nn101`: the same command line as `nn101-tui` (for a Python without the
script on PATH, or to pick the interpreter: `python3.12 -m nn101 list`)."""

import sys

from nn101.cli import main

if __name__ == "__main__":  # imported (by a tool, or the import-cycle test): nothing runs
    sys.exit(main())
