"""The class tests start a real JupyterHub (a minute or two, and the `class-test` extra):
collected only by `make test-class` (NN101_CLASS_TEST=1), not by `make test`."""

import os

collect_ignore_glob = [] if os.environ.get("NN101_CLASS_TEST") else ["test_*.py"]
