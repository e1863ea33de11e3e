#!/usr/bin/env bash
# The whole test suite on a fresh machine: install what is missing, typecheck,
# lint, then jest (which starts its own MongoDB-protocol server, Redis and SMTP
# catchers on free ports). Ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/install.sh --browser || { echo "0 passed, 1 failed"; exit 1; }

failed_checks=0
passed_checks=0
for check in "npx tsc --noEmit" "npx eslint ." "npx prettier --check ."; do
  echo "== $check"
  if $check; then passed_checks=$((passed_checks + 1)); else failed_checks=$((failed_checks + 1)); fi
done

report=$(mktemp)
echo "== jest"
npx jest --json --outputFile="$report" "$@"
jest_rc=$?

node -e '
  const fs = require("fs");
  let r = {};
  try { r = JSON.parse(fs.readFileSync(process.argv[1], "utf8")); } catch {}
  const passed = (r.numPassedTests || 0) + Number(process.argv[2]);
  // A suite that fails to load counts as a failure even though it ran no test.
  const failed = (r.numFailedTests || 0) + (r.numRuntimeErrorTestSuites || 0) + Number(process.argv[3]);
  const ranNothing = !r.numTotalTests;
  console.log(`${passed} passed, ${failed + (ranNothing ? 1 : 0)} failed`);
' "$report" "$passed_checks" "$failed_checks"
rm -f "$report"

[ "$jest_rc" -eq 0 ] && [ "$failed_checks" -eq 0 ]
