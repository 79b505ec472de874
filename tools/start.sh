#!/usr/bin/env bash
# The run command: installs what is missing, then starts the whole system on embedded defaults.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash tools/setup/ensure-node-deps.sh
bash tools/setup/ensure-temporal.sh --no-test-server >/dev/null
exec node -r @swc-node/register tools/dev/run-system.ts "$@"
