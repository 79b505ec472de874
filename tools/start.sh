#!/usr/bin/env bash
# The run command: installs what is missing, then starts the whole system on embedded defaults.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash tools/setup/ensure-node-deps.sh
bash tools/setup/ensure-temporal.sh --no-test-server >/dev/null
# The workbench (apps/web): built once per start, served by the API at /workbench.
npx vite build -c apps/web/vite.config.ts --logLevel warn
exec node -r @swc-node/register tools/dev/run-system.ts "$@"
