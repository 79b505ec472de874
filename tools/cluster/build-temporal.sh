#!/usr/bin/env bash
# Builds the Temporal server and temporal-sql-tool once per pinned version and caches them under
# .tools/temporal-cluster/<version>/bin. Prints the cache directory on stdout; everything else goes to stderr.
#
#   bash tools/cluster/build-temporal.sh            # build if missing, print the cache directory
#
# The version and Go toolchain are pinned in tools/cluster/versions.env (shared with docker/ and checked by a test).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
# shellcheck source=versions.env
source "$root/tools/cluster/versions.env"
cache="${TEMPORAL_CLUSTER_CACHE:-$root/.tools/temporal-cluster}/$TEMPORAL_SERVER_VERSION"
mkdir -p "$cache/bin"
say() { printf '[cluster:build] %s\n' "$*" >&2; }

# Any Go >= 1.21 will do: it fetches the pinned toolchain (GOTOOLCHAIN) as a module from the Go proxy.
command -v go >/dev/null || PATH="$PATH:/usr/local/go/bin"
command -v go >/dev/null || { say "Go (>= 1.21) is required to build the Temporal server: install it from go.dev/dl (Debian's golang-go is too old)"; exit 1; }

build_one() { # build_one BINARY PACKAGE
  local out="$cache/bin/$1"
  [[ -x "$out" ]] && return 0
  say "building $1 from go.temporal.io/server/$2@$TEMPORAL_SERVER_VERSION (toolchain $TEMPORAL_GO_TOOLCHAIN)"
  local started=$SECONDS staging
  staging="$(mktemp -d "$cache/build.XXXXXX")"
  GOTOOLCHAIN="$TEMPORAL_GO_TOOLCHAIN" GOBIN="$staging" GOFLAGS="${GOFLAGS:--buildvcs=false}" CGO_ENABLED=0 \
    nice -n 10 go install -trimpath "go.temporal.io/server/$2@$TEMPORAL_SERVER_VERSION"
  mv "$staging/$(basename "$2")" "$out"
  rmdir "$staging"
  say "built $1 in $((SECONDS - started)) s"
  printf '%s\t%s\t%s\n' "$1" "$((SECONDS - started))" "$(date -u +%FT%TZ)" >>"$cache/build-times.tsv"
}

# A lock, so two test runs or two engineers sharing .tools do not build the same binary at once.
exec 9>"$cache/.build.lock"
flock 9
build_one temporal-server cmd/server
build_one temporal-sql-tool cmd/tools/sql

# The schema files ship inside the server module: copy the PostgreSQL ones next to the binaries once.
if [[ ! -d "$cache/schema/postgresql/v12/temporal/versioned" ]]; then
  moddir="$(GOTOOLCHAIN="$TEMPORAL_GO_TOOLCHAIN" go mod download -json \
    "go.temporal.io/server@$TEMPORAL_SERVER_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')"
  [[ -d "$moddir/schema/postgresql/v12" ]] || { say "no schema files in the module ($moddir)"; exit 1; }
  mkdir -p "$cache/schema/postgresql"
  cp -R "$moddir/schema/postgresql/v12" "$cache/schema/postgresql/"
  chmod -R u+w "$cache/schema"
fi
flock -u 9
echo "$cache"
