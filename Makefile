# Two commands on a fresh machine (Python 3.11 + git):
#   make run   -> install, migrate an SQLite database, load demo data, serve http://127.0.0.1:8000
#   make test  -> install (with test tools), run the whole test suite on SQLite and PostgreSQL
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: run test install lint schema clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "$(PYTHON) not found; set PYTHON=python3"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/portal demo --employees $${DEMO_EMPLOYEES:-2000}

test: install
	scripts/test

lint: install
	$(BIN)/ruff check portal tests bench
	$(BIN)/ruff format --check portal tests bench

schema: install
	$(BIN)/portal export-schema

clean:
	rm -rf $(VENV) var .pytest_cache
