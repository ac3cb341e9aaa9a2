# The two commands a fresh machine needs: `make demo` and `make test`.
# Nothing but Python 3.11+, make and git must be installed beforehand.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TSTAMP := $(VENV)/.installed-test
# Debian packages the report tests need: a real browser for the HTML report, LibreOffice to
# open the Word report, poppler to look at its pages, CJK fonts for the Chinese text.
SYSDEPS := chromium libreoffice-writer-nogui poppler-utils fonts-noto-cjk
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test lint bench clean history sysdeps

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
	$(BIN)/resdiff history intl-cooperation-hr --timeline --lang en
	$(BIN)/resdiff blame A/HRC/RES/25/3 --lang zh
	$(BIN)/resdiff show A/HRC/RES/25/3 --lang zh
	$(BIN)/resdiff diff seeds/000_d13d258366e277a0.txt A/HRC/RES/25/3 --lang zh --summary || test $$? -eq 1
	$(BIN)/resdiff diff A/RES/53/148 A/RES/55/105 --lang zh || test $$? -eq 1
	$(BIN)/resdiff diff A/HRC/RES/28/2 A/HRC/RES/38/3 --lang en || test $$? -eq 1
	@echo "The amendments that turn A/RES/55/109 into the seed, as a facilitator would write them:"
	$(BIN)/resdiff amend A/RES/55/109 A/HRC/RES/25/3 --lang zh
	@echo "Two delegations' proposals on the seed, compiled as a facilitator circulates them:"
	$(BIN)/resdiff compile A/HRC/RES/25/3 --lang zh tests/data/compile/zh-china.txt tests/data/compile/zh-russia.txt
	@mkdir -p reports
	$(BIN)/resdiff diff A/RES/55/109 A/HRC/RES/25/3 --lang zh -o reports/A-HRC-RES-25-3.html --force || test $$? -eq 1
	$(BIN)/resdiff diff A/RES/55/109 A/HRC/RES/25/3 --lang zh -o reports/A-HRC-RES-25-3.docx --force || test $$? -eq 1
	$(BIN)/resdiff history --timeline --format html -o reports/timelines.html --force
	@echo "The seed against its nearest stored predecessor (A/RES/55/109): open"
	@echo "  $(CURDIR)/reports/A-HRC-RES-25-3.html in a browser, or"
	@echo "  $(CURDIR)/reports/A-HRC-RES-25-3.docx in Word or LibreOffice (tracked changes);"
	@echo "  $(CURDIR)/reports/timelines.html: every stored series, clause by clause, version by version."

lint: $(TSTAMP)
	$(BIN)/ruff check engine cli.py tests tools benchmarks
	$(BIN)/ruff format --check engine cli.py tests tools benchmarks
	$(BIN)/mypy

# Installs what is missing (as root on CI; with sudo elsewhere), nothing when all is there.
sysdeps:
	@missing=$$(for p in $(SYSDEPS); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing Debian packages for the report tests: $$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

test: $(TSTAMP) lint sysdeps
	$(BIN)/pytest

bench: $(TSTAMP)
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis

history: $(STAMP)
	$(BIN)/python -m tools.build_history --corpus ../shared/corpus --history history
