# Set-up and checks. `make run` opens the TUI on a demo database; `make test` runs every check CI runs.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= $(CURDIR)/demo.db

.PHONY: run test lint typecheck unit install clean demo

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	FORMATION_DB=$(DEMO_DB) $(BIN)/formation demo

run: demo
	FORMATION_DB=$(DEMO_DB) $(BIN)/formation tui

lint: $(STAMP)
	$(BIN)/ruff check formation workflows tui tests $(wildcard benchmarks)
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy formation workflows

test: $(STAMP) lint typecheck
	bash scripts/test.sh

clean:
	rm -rf $(VENV) demo.db demo.db-wal demo.db-shm .pytest_cache .mypy_cache .ruff_cache

# Benchmarks on a national-scale database (built once under benchmarks/.data/); not part of `make test` or CI.
.PHONY: bench
bench: $(STAMP)
	$(BIN)/python benchmarks/run
