#!/usr/bin/env bash
# Installs whatever is missing for the demo and the tests on a machine with Node.js, npm and Go:
# npm dependencies, the pinned tools (built from their Go modules) and Node 24 (the action's runtime).
# Idempotent: a second run with nothing changed takes seconds.
# Usage: scripts/setup.sh [TOOL ...]   with tool names: only the npm dependencies and those tools
# (what `make demo` needs first), so a first result does not wait for every tool to build.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

step() { printf '== setup: %s\n' "$*"; }

if [[ ! -f node_modules/.package-lock.json ]] || ! cmp -s package-lock.json node_modules/.setup-lock; then
  step "npm ci"
  npm ci --no-audit --no-fund
  cp package-lock.json node_modules/.setup-lock
else
  step "npm dependencies up to date"
fi

if [[ $# -gt 0 ]]; then
  step "tools: $*"
  bash scripts/build-tools.sh "$@"
  exit 0
fi

# The cluster kit's offline schema validators have their own small npm project.
if [[ -f test/cluster/package-lock.json ]]; then
  if [[ ! -f test/cluster/node_modules/.package-lock.json ]] || ! cmp -s test/cluster/package-lock.json test/cluster/node_modules/.setup-lock; then
    step "npm ci (test/cluster)"
    npm ci --prefix test/cluster --no-audit --no-fund
    cp test/cluster/package-lock.json test/cluster/node_modules/.setup-lock
  fi
fi

step "tools (.tools/bin)"
bash scripts/build-tools.sh

# Node 24 runs the action as GitHub's runner does (runs.using: node24); it comes from the npm
# registry as the `node` package, in its own prefix so it never shadows the system Node.
node24_dir=.tools/node24
node24_version=24.21.0
if [[ ! -x $node24_dir/node_modules/node/bin/node ]] || [[ $("$node24_dir/node_modules/node/bin/node" --version) != "v$node24_version" ]]; then
  step "node $node24_version"
  mkdir -p "$node24_dir"
  cat >"$node24_dir/package.json" <<JSON
{ "private": true, "dependencies": { "node": "$node24_version" }, "allowScripts": { "node": true } }
JSON
  (cd "$node24_dir" && npm install --no-audit --no-fund --no-package-lock >/dev/null)
fi
step "node24 $("$node24_dir/node_modules/node/bin/node" --version)"
