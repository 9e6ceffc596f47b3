#!/usr/bin/env bash
# Runs the test suite. In CI (CI=true) PostgreSQL is installed and started first, and its tests must run.
set -euo pipefail
cd "$(dirname "$0")/.."
# The document renderers need pango and fonts (WeasyPrint) and poppler for the PDF tests.
bash scripts/system-deps.sh
if [ "${CI:-}" = "true" ] || [ -n "${FORMATION_WITH_PG:-}" ]; then
  eval "$(bash scripts/postgres.sh)"
  export FORMATION_REQUIRE_PG=1
elif [ -z "${FORMATION_TEST_PG_URL:-}" ] && command -v pg_ctlcluster >/dev/null 2>&1; then
  # Locally: use the machine's PostgreSQL when it is there, without installing anything.
  eval "$(bash scripts/postgres.sh --no-install 2>/dev/null || true)"
fi
# Bytecode for the project's own modules, as an installed machine has it after the first start: the tests that
# run `formation` as a subprocess (the README walkthrough alone runs it sixty times) would otherwise compile
# every module again each time where PYTHONDONTWRITEBYTECODE is set.
.venv/bin/python -m compileall -q formation workflows tui > /dev/null
set +e
# Both cores: the suite is CPU-bound, and every test has its own database (xdist runs them in two processes;
# worksteal, so that a long test such as the README walkthrough does not leave one core idle at the end).
# Each test has a time limit (pyproject.toml); this one is for what lies outside the tests, such as a worker
# that never ends, so that a hang fails in minutes and not at CI's limit (--foreground: Ctrl-C still reaches pytest).
timeout --foreground --kill-after=30 1800 .venv/bin/python -m pytest -q -p no:cacheprovider -n auto --dist worksteal "$@"
rc=$?
if [ "$rc" -eq 124 ]; then
  echo "the test suite ran for more than 30 minutes and was stopped." >&2
fi
set -e
if [ "$rc" -eq 5 ]; then
  echo "pytest collected no tests: that is a failure here." >&2
  exit 1
fi
exit "$rc"
