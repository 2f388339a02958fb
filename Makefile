# g287: two commands do all the set-up. `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# The PostgreSQL run of the suite; pytest-django creates and drops its own test databases there.
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
XDIST  ?= -n 2 --dist loadgroup
# `PORT=8123 make demo` serves the demo on another port.
PORT   ?= 8000

.PHONY: install demo test lint types pytest pytest-pg chromium clean mutants

$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

# Bytecode for the package, written here because an environment may forbid writing it at run time
# (PYTHONDONTWRITEBYTECODE): each `g287` command would otherwise compile its modules again (~40 ms).
# compileall rewrites only what changed since.
install: $(BIN)/.installed
	@$(BIN)/python -m compileall -q src/g287 >/dev/null

demo: install
	$(BIN)/g287 migrate --noinput -v 0
	$(BIN)/g287 load-history
	$(BIN)/g287 agencies match
	$(BIN)/g287 demo_accounts
	$(BIN)/g287 demo_program
	$(BIN)/g287 serve --host 127.0.0.1 --port $(PORT)

# Browser tests drive Debian's Chromium; Playwright's own browser download is never used.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium package for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

lint: install
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts

types: install
	$(BIN)/mypy

pytest: install chromium
	G287_REQUIRE_BROWSER=1 $(BIN)/pytest $(XDIST) $(PYTEST_ARGS)

# Tests marked sqlite_server drive the browser against `g287 serve` on its own SQLite file whatever
# DATABASE_URL says, so the PostgreSQL pass leaves them out rather than run them twice.
# Whether PostgreSQL answers is asked of the server (database `postgres`), not of PG_URL's database, which
# need not exist: pytest-django creates its own. CI sets G287_REQUIRE_PG=1, and then no answer fails.
pytest-pg: install chromium
	@if $(BIN)/python -c "import psycopg; psycopg.connect('$(PG_URL)', dbname='postgres', connect_timeout=3).close()" 2>/dev/null; then \
	  echo "== the suite again, on PostgreSQL"; \
	  DATABASE_URL=$(PG_URL) G287_REQUIRE_BROWSER=1 $(BIN)/pytest $(XDIST) -m "not sqlite_server" $(PYTEST_ARGS); \
	elif [ "$${G287_REQUIRE_PG:-}" = 1 ]; then \
	  echo "== PostgreSQL does not answer at $(PG_URL) (database postgres) and G287_REQUIRE_PG=1: failing" >&2; exit 1; \
	else echo "== PostgreSQL does not answer at $(PG_URL) (database postgres): the PostgreSQL run is skipped"; fi

test: lint types pytest pytest-pg

# Mutation testing of the rule modules, one at a time against their app's tests (not part of `make test`;
# figures in benchmarks/README.md). MUTANTS_ARGS="--module audit --fresh" picks modules / starts over.
mutants: install
	$(BIN)/python -m pip install -q -e '.[dev,mutants]'
	$(BIN)/python scripts/mutants.py $(MUTANTS_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache g287.sqlite3*
