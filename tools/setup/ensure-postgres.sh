#!/usr/bin/env bash
# Prints a DATABASE_URL of a reachable, real PostgreSQL server.
# Uses $DATABASE_URL when it answers; otherwise starts a private cluster from Debian's `postgresql`
# (installing the package when it is missing) under tmp/pg, listening on loopback only.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
port="${PETITIONS_PG_PORT:-54329}"
log() { echo "[ensure-postgres] $*" >&2; }

reachable() { node -e '
  const { Client } = require("pg");
  const c = new Client({ connectionString: process.argv[1], connectionTimeoutMillis: 3000 });
  c.connect().then(() => c.end()).then(() => process.exit(0), () => process.exit(1));' "$1" 2>/dev/null; }

if [[ -n "${DATABASE_URL:-}" ]] && (cd "$root" && reachable "$DATABASE_URL"); then
  echo "$DATABASE_URL"; exit 0
fi

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)
if [[ -z "$bindir" ]]; then
  log "PostgreSQL not found; installing Debian's postgresql"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2
  bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
fi

data="$root/tmp/pg/data"
sock="$root/tmp/pg/sock"
url="postgres://petitions:petitions@127.0.0.1:$port/petitions"
as_owner() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if (cd "$root" && reachable "$url"); then echo "$url"; exit 0; fi

mkdir -p "$root/tmp/pg"
if [[ $(id -u) -eq 0 ]]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  chown postgres "$root/tmp/pg"
fi
if [[ ! -f "$data/PG_VERSION" ]]; then
  log "initialising a cluster in $data"
  as_owner mkdir -p "$data" "$sock"
  as_owner "$bindir/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
fi
as_owner mkdir -p "$sock"
if ! as_owner "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
  log "starting PostgreSQL on 127.0.0.1:$port"
  as_owner "$bindir/pg_ctl" -D "$data" -l "$root/tmp/pg/server.log" -w -t 60 \
    -o "-p $port -k $sock -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >&2
fi
as_owner "$bindir/psql" -h "$sock" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q >&2 <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'petitions') THEN
    CREATE ROLE petitions LOGIN SUPERUSER PASSWORD 'petitions';
  END IF;
END \$\$;
SELECT 'CREATE DATABASE petitions OWNER petitions' WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname='petitions') \gexec
SQL
echo "$url"
