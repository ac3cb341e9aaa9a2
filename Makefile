# The two commands a fresh machine needs: `make demo` and `make test`.
# Nothing but Python 3.11+, make and git must be installed beforehand.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TSTAMP := $(VENV)/.installed-test

.PHONY: demo test lint bench clean history

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(TSTAMP): $(STAMP)
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $@

# The main job on the shipped history: the series of HRC 25/3, the seed itself, and what
# changed between successive versions (diff exits 1 for "changed", which is fine here; 2, an
# error, stops the demo).
demo: $(STAMP)
	$(BIN)/resdiff validate history
	$(BIN)/resdiff history intl-cooperation-hr
	$(BIN)/resdiff show A/HRC/RES/25/3 --lang zh
	$(BIN)/resdiff diff seeds/000_d13d258366e277a0.txt A/HRC/RES/25/3 --lang zh --summary || test $$? -eq 1
	$(BIN)/resdiff diff A/RES/53/148 A/RES/55/105 --lang zh || test $$? -eq 1
	$(BIN)/resdiff diff A/HRC/RES/28/2 A/HRC/RES/38/3 --lang en || test $$? -eq 1

lint: $(TSTAMP)
	$(BIN)/ruff check engine cli.py tests tools benchmarks
	$(BIN)/ruff format --check engine cli.py tests tools benchmarks
	$(BIN)/mypy

test: $(TSTAMP) lint
	$(BIN)/pytest

bench: $(TSTAMP)
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis

history: $(STAMP)
	$(BIN)/python -m tools.build_history --corpus ../shared/corpus --history history
