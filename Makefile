# proxygraph: `make demo` and `make test` work on a fresh clone (they create .venv themselves).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: venv demo test lint soak bench clean-demo

# One setup target, reused by every other: create the venv, install the project with dev extras.
venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: venv
	rm -f demo.duckdb demo.duckdb.wal demo.duckdb.lock
	$(BIN)/proxygraph build sample/articles --db demo.duckdb --quiet || test $$? -eq 3
	$(BIN)/proxygraph show Russia --db demo.duckdb

lint: venv
	$(BIN)/ruff check src tests

test: lint
	$(BIN)/pytest -q

soak: venv
	$(BIN)/pytest -q -m slow

bench: venv
	$(BIN)/python bench/bench_extract.py

clean-demo:
	rm -f demo.duckdb demo.duckdb.wal demo.duckdb.lock

# Debian libraries for `proxygraph report -o x.pdf` (WeasyPrint needs pango) and pdftoppm
# for the PDF test (tests/test_report.py skips it when pdftoppm is missing).
.PHONY: report-deps
report-deps:
	apt-get update -qq && apt-get install -y libpango-1.0-0 libpangoft2-1.0-0 poppler-utils
