#!/usr/bin/env bash
# Integration tests on a real Temporal cluster on PostgreSQL (four service processes; see docs/cluster.md).
#   bash tools/cluster/test-cluster.sh --tier      # the cluster tier of `npm test` (jest.config.js CLUSTER_TIER)
#   bash tools/cluster/test-cluster.sh [paths]     # `npm run test:cluster`: every integration file, or the given ones
# Builds the pinned server first when it is not cached (.tools/temporal-cluster/<version>), and says how long it took.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
export DATABASE_URL="${DATABASE_URL:-$(bash tools/setup/ensure-postgres.sh)}"
suite=all
if [[ ${1:-} == --tier ]]; then suite=tier; shift; fi
t0=$SECONDS
bash tools/cluster/build-temporal.sh >/dev/null
echo "[test:cluster] Temporal server ready to run (built or cached) in $((SECONDS - t0)) s"
mkdir -p tmp
t1=$SECONDS
set +e
PETITIONS_TEST_TEMPORAL=cluster PETITIONS_CLUSTER_SUITE=$suite \
  npx jest --ci --selectProjects cluster --json --outputFile=tmp/jest-cluster-results.json "$@"
status=$?
set -e
node -e '
  const r = require(process.argv[1]);
  console.log(`[test:cluster] ${r.numPassedTests} passed, ${r.numFailedTests + r.numRuntimeErrorTestSuites} failed`);' \
  "$root/tmp/jest-cluster-results.json" || true
echo "[test:cluster] $suite: $((SECONDS - t1)) s of tests"
exit $status
