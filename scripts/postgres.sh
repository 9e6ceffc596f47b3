#!/usr/bin/env bash
# Installs (unless --no-install) and starts Debian's PostgreSQL cluster, creates a test role and database,
# and prints `export FORMATION_TEST_PG_URL=...` for the caller to eval. Debian's cluster runs as the
# postgres user, so this works when we are root (initdb refuses root).
set -euo pipefail
install=1
[ "${1:-}" = "--no-install" ] && install=0
log() { echo "postgres.sh: $*" >&2; }

if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  [ "$install" = 1 ] || { log "PostgreSQL is not installed"; exit 1; }
  log "installing PostgreSQL"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi
version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -q "^$version main$"; then
  log "creating cluster $version/main"
  pg_createcluster "$version" main >&2
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}' | grep -q online; then
  log "starting cluster $version/main"
  pg_ctlcluster "$version" main start >&2
fi
port=$(pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $3}')
as_postgres() { if [ "$(id -un)" = postgres ]; then "$@"; else su postgres -c "$(printf '%q ' "$@")"; fi; }
as_postgres psql -q -p "$port" -tc "SELECT 1 FROM pg_roles WHERE rolname='formation'" | grep -q 1 \
  || as_postgres psql -q -p "$port" -c "CREATE ROLE formation LOGIN PASSWORD 'formation' CREATEDB" >&2
# The tests drop each database WITH (FORCE); an autovacuum worker still in it can only be stopped by a role that
# may signal other backends.
as_postgres psql -q -p "$port" -c "GRANT pg_signal_backend TO formation" >&2
as_postgres psql -q -p "$port" -tc "SELECT 1 FROM pg_database WHERE datname='formation_test'" | grep -q 1 \
  || as_postgres psql -q -p "$port" -c "CREATE DATABASE formation_test OWNER formation" >&2
echo "export FORMATION_TEST_PG_URL=postgresql+psycopg://formation:formation@127.0.0.1:$port/formation_test"
