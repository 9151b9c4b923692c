# Two commands: `make run` opens the app, `make test` runs lint, types and the test suite.
# Both create the virtual environment in .venv and install into it when needed.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run tour test lint pytest test-long test-class bench bench-quick bench-class screenshots clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "nn101-tui needs Python 3.11 or newer")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/nn101-tui

tour: $(STAMP)
	$(BIN)/nn101-tui tour

test: lint pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/mypy src

pytest: $(STAMP)
	$(BIN)/python -m pytest

test-long: $(STAMP)
	$(BIN)/python -m pytest --run-slow

# A class on a real JupyterHub on this machine (loopback only; a minute or two): two users
# log in through Chromium and each steps the neuron in their own nn101 (tests/classroom).
test-class: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,class-test]'
	NN101_CLASS_TEST=1 $(BIN)/python -m pytest tests/classroom

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python benchmarks/run.py

# Every section on a small budget (about a minute): rougher figures, to check a change.
bench-quick: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python benchmarks/run.py --quick

# A class under load (benchmarks/class_bench.py): 10, 30 and 60 simulated students on
# serve and 10 through JupyterHub, over websockets, loopback only (about 8 minutes).
bench-class: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,class-test]'
	PYTHONPATH=src:. $(BIN)/python benchmarks/class_bench.py

screenshots: $(STAMP)
	$(BIN)/python scripts/screenshots.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
