# Two commands matter on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean faketime

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/harvestkit serve --sandbox --transport http

# The whole suite, then the date-sensitive suites at four awkward instants (tests/at_instants.py).
test: $(STAMP) faketime
	$(BIN)/python -m pytest -n 2 -q
	$(BIN)/python -m tests.at_instants -n 2 -q -p no:cacheprovider

# libfaketime for tests/at_instants.py: installed under CI=true, else skipped with a reason.
faketime:
	@if ! command -v faketime >/dev/null 2>&1 && [ "$$CI" = true ]; then \
		apt-get update -qq && apt-get install -y -qq faketime; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
