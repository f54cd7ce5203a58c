#!/usr/bin/env bash
# The main job: set up whatever is missing, then scan the bundled insecure example app the way
# the action does and print the findings. The scan is expected to fail its gate (exit 1).
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
bash scripts/setup.sh >/dev/null || { echo "setup failed; run bash scripts/setup.sh to see why"; exit 2; }
export PATH="$root/.tools/bin:$PATH"
[[ -f dist/cli/index.js ]] || npm run --silent bundle

scanners=policies,trivy-config,repository
repository_scanners=secret,license
echo "Scanning examples/insecure-app with: $scanners (repository checks: $repository_scanners)."
echo "Skipped: dependency and image vulnerability scans need a Trivy vulnerability DB, which this"
echo "machine cannot download (no internet). Point --db-repository at a mirror to include them."
echo
cd examples
node ../dist/cli/index.js scan insecure-app \
  --scanners "$scanners" --repository-scanners "$repository_scanners" \
  --output-dir ../.hardening-out/demo "$@"
status=$?
echo
echo "Reports: .hardening-out/demo/{results.sarif,findings.json,summary.md} (exit code $status: 0 passed, 1 gate failed, 2 usage, 3 tool failed)"
exit $status
