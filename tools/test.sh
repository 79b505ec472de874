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
rm -f tmp/jest-results.json tmp/jest-cluster-results.json
set +e
npx jest --ci --json --outputFile=tmp/jest-results.json "$@"
status=$?
set -e
# The cluster tier (a full run only, or PETITIONS_CLUSTER_TIER=1): a few integration files again, on a real Temporal
# cluster on PostgreSQL (tools/cluster, docs/cluster.md). A fresh machine builds the pinned server here (cached after).
if [[ $# -eq 0 || ${PETITIONS_CLUSTER_TIER:-} == 1 ]] && [[ ${PETITIONS_CLUSTER_TIER:-} != 0 ]]; then
  bash tools/cluster/test-cluster.sh --tier || status=1
fi
# The last line: every tier's tests together (the main run and, when it ran, the cluster tier).
node -e '
  const fs = require("fs");
  let passed = 0, failed = 0;
  for (const f of process.argv.slice(1)) {
    if (!fs.existsSync(f)) continue;
    const r = JSON.parse(fs.readFileSync(f, "utf8"));
    passed += r.numPassedTests; failed += r.numFailedTests + r.numRuntimeErrorTestSuites;
  }
  console.log(`${passed} passed, ${failed} failed`);' "$root/tmp/jest-results.json" "$root/tmp/jest-cluster-results.json" || true
exit $status
