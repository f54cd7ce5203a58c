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
# Every shell script of the project, including the CI entry point and the test runners.
shell_files=(.ci/run scripts/*.sh test/cluster/fake-bin/kubectl test/cluster/gator-own-manifests.sh)
phase "shellcheck" shellcheck -x "${shell_files[@]}"

gk_dir=""
if kb_dir="$(module_dir github.com/aquasecurity/kube-bench v0.15.1)"; then
  export KUBE_BENCH_CFG="$kb_dir/cfg"
fi
if gk_dir="$(module_dir github.com/open-policy-agent/gatekeeper/v3 "$(tr -d '[:space:]' <manifests/gatekeeper/VERSION)")"; then
  export GATEKEEPER_SRC="$gk_dir"
fi
bats_phase "bats:cis_scorecard" test/cluster/cis_scorecard.bats

# Node packages for schema validation live in test/cluster (npm ci --prefix test/cluster).
node_deps() {
  [[ -d test/cluster/node_modules/kubernetes-models ]] || {
    echo "test/cluster/node_modules missing: run npm ci --prefix test/cluster" >&2
    return 1
  }
}
phase "node deps (test/cluster)" node_deps

yaml_files=()
while IFS= read -r -d '' f; do yaml_files+=("$f"); done < <(
  find networkpolicies manifests argocd monitoring test/cluster/prometheus \
    -path '*/node_modules' -prune -o \( -name '*.yaml' -o -name '*.yml' \) -type f -print0 | sort -z)
phase "yaml parses (${#yaml_files[@]} files)" node test/cluster/validate-manifests.mjs --parse-only "${yaml_files[@]}"

BUILD="$LOG_DIR/build"
mkdir -p "$BUILD"
kbuild() { need_tool kustomize && kustomize build "$1" >"$BUILD/$2.yaml"; }
phase "kustomize networkpolicies/base" kbuild networkpolicies/base networkpolicies-base
phase "kustomize networkpolicies/nodelocal-dns" kbuild networkpolicies/nodelocal-dns networkpolicies-nodelocal-dns
phase "kustomize networkpolicies/gatekeeper-system" kbuild networkpolicies/gatekeeper-system networkpolicies-gatekeeper-system
phase "kustomize networkpolicies/example-team" kbuild networkpolicies/example-team networkpolicies-example-team
phase "kustomize manifests" kbuild manifests manifests
phase "kustomize argocd/apps" kbuild argocd/apps argocd-apps
phase "kustomize monitoring" kbuild monitoring monitoring
policy_overlay="$(sed -n 's/^ *path: *//p' argocd/apps/gatekeeper-policies.yaml | head -n 1)"
if [[ -n "$policy_overlay" && -f "$policy_overlay/kustomization.yaml" ]]; then
  phase "kustomize $policy_overlay" kbuild "$policy_overlay" policies
else
  phase "policy overlay $policy_overlay exists" false
fi

for bundle in pss-restricted resources; do
  if [[ -f "policies/bundles/$bundle/kustomization.yaml" ]]; then
    phase "kustomize policies/bundles/$bundle" kbuild "policies/bundles/$bundle" "policies-bundle-$bundle"
  else
    phase "policy bundle $bundle exists" false
  fi
done

phase "gatekeeper render is fresh" bash scripts/render-gatekeeper.sh --check

phase "schema validation (offline)" node test/cluster/validate-manifests.mjs --crds manifests/gatekeeper.yaml \
  "$BUILD"/*.yaml argocd/root-app.yaml argocd/argocd-cm-health.yaml
phase "kit semantics (check-kit)" node test/cluster/check-kit.mjs "$BUILD"

phase "promtool check rules" bash -c 'command -v promtool >/dev/null || { echo "promtool not built" >&2; exit 1; }; promtool check rules monitoring/gatekeeper-rules.yaml'
prom_rule_as_file() {
  need_tool promtool || return 1
  node test/cluster/validate-manifests.mjs --spec-of monitoring/prometheus-rule.yaml >"$BUILD/prometheusrule-spec.rules.yaml" &&
    promtool check rules "$BUILD/prometheusrule-spec.rules.yaml"
}
phase "promtool check rules (PrometheusRule spec)" prom_rule_as_file
phase "promtool test rules" bash -c 'command -v promtool >/dev/null || { echo "promtool not built" >&2; exit 1; }; promtool test rules test/cluster/prometheus/gatekeeper-rules.test.yaml'

bats_phase "bats:kit (negative tests)" test/cluster/kit.bats
phase "gator: own manifests vs pss-restricted + resources" bash test/cluster/gator-own-manifests.sh

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
