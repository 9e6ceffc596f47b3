# Set-up and checks. `make run` opens the TUI on a demo database; `make test` runs every check CI runs.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= $(CURDIR)/demo.db

.PHONY: run test lint typecheck unit install clean demo walkthrough

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
	FORMATION_DB=$(DEMO_DB) FORMATION_CASE=norrort $(BIN)/formation tui

lint: $(STAMP)
	$(BIN)/ruff check formation workflows tui tests $(wildcard benchmarks)
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy formation workflows tui

test: $(STAMP) lint typecheck
	bash scripts/test.sh

walkthrough: $(STAMP)
	bash scripts/readme_walkthrough.sh

clean:
	rm -rf $(VENV) demo.db demo.db-wal demo.db-shm walkthrough.db* kopia.db* falun-borlange.json norrort.ics lagesrapport.pdf underlag.docx .pytest_cache .mypy_cache .ruff_cache

# Benchmarks on a national-scale database (built once under benchmarks/.data/); not part of `make test` or CI.
.PHONY: bench
bench: $(STAMP)
	$(BIN)/python benchmarks/run
