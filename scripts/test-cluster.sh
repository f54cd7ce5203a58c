#!/usr/bin/env bash
# Cluster kit test suite: CIS scorecard, NetworkPolicies, Gatekeeper install, Argo CD, monitoring.
# Run from anywhere: bash scripts/test-cluster.sh
# Prints one line per phase and ends with "N passed, N failed[, N skipped]" counting the checks.
# Installs nothing: needs bash, jq, bats, shellcheck, node, go (module cache or proxy) and the
# tools built by scripts/build-tools.sh in .tools/bin (kube-bench, promtool, kustomize, gator).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
TOOLS_BIN="${TOOLS_BIN:-$REPO/.tools/bin}"
export PATH="$TOOLS_BIN:$PATH"
LOG_DIR="$(mktemp -d)"
trap 'rm -rf -- "$LOG_DIR"' EXIT

passed=0
failed=0
skipped=0
failed_phases=()

# phase NAME CMD... : one check; prints "phase NAME: ok|FAILED" and the tail of its output on failure.
phase() {
  local name="$1"
  shift
  local log="$LOG_DIR/${name//[^A-Za-z0-9_.-]/_}.log"
  local started=$SECONDS
  if "$@" >"$log" 2>&1; then
    passed=$((passed + 1))
    printf 'phase %-34s ok (%ds)\n' "$name" $((SECONDS - started))
  else
    failed=$((failed + 1))
    failed_phases+=("$name")
    printf 'phase %-34s FAILED (%ds)\n' "$name" $((SECONDS - started))
    tail -n 40 "$log" | sed 's/^/    | /'
  fi
}

skip() {
  skipped=$((skipped + 1))
  printf 'phase %-34s skipped: %s\n' "$1" "$2"
}

# bats_phase NAME FILE...: every bats test is one check.
bats_phase() {
  local name="$1"
  shift
  local log="$LOG_DIR/$name.tap"
  local started=$SECONDS
  local ok=0 notok=0
  bats --tap "$@" >"$log" 2>&1 || true
  ok="$(grep -c '^ok ' "$log" || true)"
  notok="$(grep -c '^not ok ' "$log" || true)"
  passed=$((passed + ok))
  failed=$((failed + notok))
  if [[ "$notok" -gt 0 || "$ok" -eq 0 ]]; then
    if [[ "$ok" -eq 0 && "$notok" -eq 0 ]]; then failed=$((failed + 1)); fi
    failed_phases+=("$name")
    printf 'phase %-34s FAILED: %d ok, %d not ok (%ds)\n' "$name" "$ok" "$notok" $((SECONDS - started))
    grep -v '^ok ' "$log" | tail -n 60 | sed 's/^/    | /'
  else
    printf 'phase %-34s ok: %d tests (%ds)\n' "$name" "$ok" $((SECONDS - started))
  fi
}

# Directory of a Go module in the module cache (download through the proxy when missing).
module_dir() {
  local module="$1" version="$2" dir
  dir="$(GOFLAGS=-mod=mod go mod download -json "$module@$version" 2>/dev/null | jq -r '.Dir // empty')"
  [[ -n "$dir" && -d "$dir" ]] || return 1
  printf '%s\n' "$dir"
}

need_tool() {
  command -v "$1" >/dev/null 2>&1 || {
    echo "missing tool: $1 (build it with: bash scripts/build-tools.sh $1, or install it)" >&2
    return 1
  }
}

# ---------------------------------------------------------------- phases
shell_files=(scripts/cis_scorecard.sh scripts/test-cluster.sh test/cluster/fake-bin/kubectl)
for f in scripts/render-gatekeeper.sh test/cluster/*.sh; do
  [[ -f "$f" ]] && shell_files+=("$f")
done
phase "shellcheck" shellcheck -x "${shell_files[@]}"

if kb_dir="$(module_dir github.com/aquasecurity/kube-bench v0.15.1)"; then
  export KUBE_BENCH_CFG="$kb_dir/cfg"
fi
bats_phase "bats:cis_scorecard" test/cluster/cis_scorecard.bats

# ---------------------------------------------------------------- summary
if [[ "${#failed_phases[@]}" -gt 0 ]]; then
  printf 'failed phases: %s\n' "${failed_phases[*]}"
fi
if [[ "$skipped" -gt 0 ]]; then
  printf '%d passed, %d failed, %d skipped\n' "$passed" "$failed" "$skipped"
else
  printf '%d passed, %d failed\n' "$passed" "$failed"
fi
[[ "$failed" -eq 0 ]]
