#!/usr/bin/env bash
# Every test suite, after setting up whatever is missing. Prints one line per phase with its time,
# and ends with the total "N passed, N failed" over all suites.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root" || exit 1
export PATH="$root/.tools/bin:$PATH"

bash scripts/setup.sh || { echo "setup failed"; exit 1; }

passed=0
failed=0
failed_phases=()
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

# suite NAME CMD...: runs a suite that ends with "N passed, N failed"; its counts join the total.
suite() {
  local name=$1 started=$SECONDS
  shift
  printf '== %s\n' "$name"
  "$@" 2>&1 | tee "$logs/$name.log"
  local status=${PIPESTATUS[0]}
  local counts
  counts=$(grep -Eo '^[^0-9]*[0-9]+ passed, [0-9]+ failed' "$logs/$name.log" | tail -1 | grep -Eo '[0-9]+ passed, [0-9]+ failed')
  if [[ -n $counts ]]; then
    passed=$((passed + ${counts%% passed*}))
    local f=${counts##*, }
    failed=$((failed + ${f%% failed}))
  fi
  if [[ $status -ne 0 ]]; then
    failed_phases+=("$name")
    [[ -z $counts ]] && failed=$((failed + 1))
  elif [[ -z $counts ]]; then
    passed=$((passed + 1))
  fi
  printf '== %s: %s (%ds)\n' "$name" "$([[ $status -eq 0 ]] && echo ok || echo FAILED)" $((SECONDS - started))
}

vitest_counts() {
  # A harness test whose tool is missing fails instead of skipping.
  HARNESS_REQUIRE_TOOLS=1 npx vitest run --reporter=default --reporter=json --outputFile="$logs/vitest.json"
  local status=$?
  node scripts/vitest-summary.mjs "$logs/vitest.json" "$logs/failed-tests" 2>/dev/null || echo "vitest wrote no report"
  return $status
}

suite typecheck npx tsc --noEmit -p tsconfig.json
suite lint npm run --silent lint
suite dist npm run --silent check-dist
suite vitest vitest_counts
[[ -f scripts/test-policies.sh ]] && suite policies bash scripts/test-policies.sh
[[ -f scripts/test-cluster.sh ]] && suite cluster bash scripts/test-cluster.sh

echo
if [[ ${#failed_phases[@]} -gt 0 ]]; then
  echo "Failed suites: ${failed_phases[*]}"
  if [[ -s $logs/failed-tests ]]; then
    echo "Failed tests:"
    sed 's/^/  /' "$logs/failed-tests"
  fi
fi
echo "$passed passed, $failed failed"
[[ ${#failed_phases[@]} -eq 0 ]]
