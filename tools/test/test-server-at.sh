#!/usr/bin/env bash
# Runs the time-skipping test server with its clock starting at the given instant (libfaketime), so a test can
# place a case on real calendar dates (e.g. across 2026 National Day with its 调休 working weekends).
# Usage (by @temporalio/testing): test-server-at.sh <port> --start-at=YYYY-MM-DDTHH:MM:SS  (UTC)
# Workflow time is the server's time; nothing else in the test is faked.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
start=""
args=()
for a in "$@"; do
  case "$a" in
    --start-at=*) start="${a#--start-at=}" ;;
    *) args+=("$a") ;;
  esac
done
lib=$(ls /usr/lib/*/faketime/libfaketime.so.1 2>/dev/null | head -n1 || true)
if [[ -z "$start" || -z "$lib" ]]; then
  echo "test-server-at: --start-at=… and libfaketime (Debian package 'faketime') are required" >&2
  exit 2
fi
export TZ=UTC FAKETIME="@${start/T/ }" LD_PRELOAD="$lib" FAKETIME_DONT_RESET=1
exec "$here/../../.tools/bin/temporal-test-server" "${args[@]}"
