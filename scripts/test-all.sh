#!/usr/bin/env bash
# Runs every check and test; ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
results=test-results
mkdir -p "$results"
passed=0
failed=0
count() { if [ "$1" -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $2"; fi; }

echo "== lint"; npx eslint . ; count $? "eslint"
echo "== format"; npx prettier --check . >/dev/null ; rc=$?; [ $rc -ne 0 ] && npx prettier --list-different .; count $rc "prettier"
echo "== typecheck"; npx tsc --noEmit -p . ; count $? "typecheck"

echo "== unit and golden tests (vitest)"
rm -f "$results/vitest.json"
npx vitest run --reporter=default --reporter=json --outputFile.json="$results/vitest.json"
vitest_rc=$?

echo "== end-to-end tests (playwright)"
rm -f "$results/playwright.json"
if ls tests/e2e/*.spec.ts >/dev/null 2>&1; then
  PLAYWRIGHT_JSON_OUTPUT_NAME="$results/playwright.json" npx playwright test --reporter=list,json
  playwright_rc=$?
else
  playwright_rc=0
fi

read -r vp vf < <(node -e '
const fs = require("fs");
let p = 0, f = 0;
try { const v = JSON.parse(fs.readFileSync(process.argv[1], "utf8")); p += v.numPassedTests; f += v.numFailedTests + (v.numRuntimeErrorTestSuites ?? 0) + (v.numFailedTestSuites && !v.numFailedTests ? v.numFailedTestSuites : 0); } catch { f += 1; }
try { const s = JSON.parse(fs.readFileSync(process.argv[2], "utf8")).stats; p += s.expected + s.flaky; f += s.unexpected; } catch {}
console.log(p, f);' "$results/vitest.json" "$results/playwright.json")
passed=$((passed + vp))
failed=$((failed + vf))
# A runner that failed without a counted failing test still fails the run.
if [ $vitest_rc -ne 0 ] && [ "$vf" -eq 0 ]; then failed=$((failed + 1)); echo "FAILED: vitest exited $vitest_rc"; fi
if [ $playwright_rc -ne 0 ] && [ ! -f "$results/playwright.json" ]; then failed=$((failed + 1)); echo "FAILED: playwright exited $playwright_rc"; fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
