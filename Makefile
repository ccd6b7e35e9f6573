# Two commands matter on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The official TypeScript MCP client the tests drive the server with (tests/mcp/typescript).
TS_CLIENT := tests/mcp/typescript
TS_STAMP := $(TS_CLIENT)/node_modules/.package-lock.json

.PHONY: run test lint bench clean faketime chromium

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/harvestkit serve --sandbox --transport http

# The whole suite, then the date-sensitive suites at four awkward instants (tests/at_instants.py).
test: $(STAMP) faketime chromium $(TS_STAMP)
	$(BIN)/python -m pytest -n 2 -q
	$(BIN)/python -m tests.at_instants -n 2 -q -p no:cacheprovider

# libfaketime for tests/at_instants.py: installed under CI=true, else skipped with a reason.
faketime:
	@if ! command -v faketime >/dev/null 2>&1 && [ "$$CI" = true ]; then \
		apt-get update -qq && apt-get install -y -qq faketime; \
	fi

# Debian's Chromium for the console's browser tests (tests/console): installed under CI=true,
# else those tests are skipped with a reason.
chromium:
	@if ! command -v chromium >/dev/null 2>&1 && [ "$$CI" = true ]; then \
		apt-get update -qq && apt-get install -y -qq chromium; \
	fi

# npm installs the pinned client from its lock file. Without npm its tests skip with a
# reason, except under CI=true, where they fail.
$(TS_STAMP): $(TS_CLIENT)/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		cd $(TS_CLIENT) && npm ci --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: the TypeScript MCP client tests will skip"; fi

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/python -m harvestkit.api._generate --check

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache $(TS_CLIENT)/node_modules
