#!/usr/bin/env bash
# The test command: installs what is missing, starts what the tests need, runs every test tier.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash tools/setup/ensure-node-deps.sh
bash tools/setup/ensure-temporal.sh >/dev/null
bash tools/setup/ensure-system-packages.sh
export DATABASE_URL="$(bash tools/setup/ensure-postgres.sh)"
npx tsc -p tsconfig.json --noEmit
# The module-boundary rule needs Nx's project graph; compute it first (a fresh clone has none cached).
NX_DAEMON=false npx nx show projects >/dev/null
NX_DAEMON=false npx eslint .
# The workbench front end: type-checked with vue-tsc (linted above with eslint-plugin-vue), then built for its browser test.
npx vue-tsc -p apps/web/tsconfig.json --noEmit
npx vite build -c apps/web/vite.config.ts --logLevel warn
mkdir -p tmp
set +e
npx jest --ci --json --outputFile=tmp/jest-results.json "$@"
status=$?
set -e
node -e '
  const r = require(process.argv[1]);
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests + r.numRuntimeErrorTestSuites} failed`);' "$root/tmp/jest-results.json" || true
# The cluster tier (a full run only, or PETITIONS_CLUSTER_TIER=1): a few integration files again, on a real Temporal
# cluster on PostgreSQL (tools/cluster, docs/cluster.md). A fresh machine builds the pinned server here (cached after).
if [[ $# -eq 0 || ${PETITIONS_CLUSTER_TIER:-} == 1 ]] && [[ ${PETITIONS_CLUSTER_TIER:-} != 0 ]]; then
  bash tools/cluster/test-cluster.sh --tier || status=1
fi
exit $status
