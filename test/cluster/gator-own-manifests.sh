#!/usr/bin/env bash
# Our own shipped manifests against our own policies: the pss-restricted and resources bundles,
# every constraint switched to deny and with its namespace exclusions removed (so Gatekeeper's own
# pods in gatekeeper-system are checked too), run with `gator test` over:
#   manifests/ (Gatekeeper install, Config, kube-bench namespace, gatekeeper-system NetworkPolicies),
#   networkpolicies/, monitoring/, argocd/ and the kube-bench Job that scripts/cis_scorecard.sh creates.
# Every violation must be listed in manifests/exceptions.yaml with a reason, and every listed
# exception must still occur (no stale entries).
# Usage: test/cluster/gator-own-manifests.sh   (needs gator, kustomize, jq, node)
# Test hooks (kit.bats): GATOR_OBJECTS_OVERRIDE=DIR replaces built object files of the same name;
# GATOR_EXCEPTIONS=FILE replaces manifests/exceptions.yaml.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$REPO"
export PATH="$REPO/.tools/bin:$PATH"
export NODE_PATH="$REPO/test/cluster/node_modules"
for tool in gator kustomize jq node; do
  command -v "$tool" >/dev/null || { echo "missing tool: $tool" >&2; exit 1; }
done
for bundle in pss-restricted resources; do
  [[ -f "policies/bundles/$bundle/kustomization.yaml" ]] || { echo "policy bundle $bundle missing" >&2; exit 1; }
done

T="$(mktemp -d)"
trap 'rm -rf -- "$T"' EXIT

# 1. policies: templates + constraints, enforced everywhere
kustomize build policies/bundles/pss-restricted >"$T/pss.yaml"
kustomize build policies/bundles/resources >"$T/resources-bundle.yaml"
# shellcheck disable=SC2016 # JavaScript, not shell
node -e '
  const Y = require("yaml"), fs = require("fs");
  const out = [];
  for (const f of process.argv.slice(1, -1)) {
    for (const d of Y.parseAllDocuments(fs.readFileSync(f, "utf8"))) {
      const o = d.toJS();
      if (!o) continue;
      if (o.apiVersion && o.apiVersion.startsWith("constraints.gatekeeper.sh/")) {
        o.spec = o.spec || {};
        o.spec.enforcementAction = "deny";
        if (o.spec.match) { delete o.spec.match.excludedNamespaces; delete o.spec.match.namespaces; }
      }
      out.push(Y.stringify(o));
    }
  }
  fs.writeFileSync(process.argv[process.argv.length - 1], out.join("---\n"));
' "$T/pss.yaml" "$T/resources-bundle.yaml" "$T/policies.yaml"

# 2. our manifests
mkdir -p "$T/objects"
kustomize build manifests >"$T/objects/manifests.yaml"
kustomize build networkpolicies/base >"$T/objects/networkpolicies-base.yaml"
kustomize build networkpolicies/nodelocal-dns >"$T/objects/networkpolicies-nodelocal-dns.yaml"
kustomize build monitoring >"$T/objects/monitoring.yaml"
kustomize build argocd/apps >"$T/objects/argocd-apps.yaml"
cp argocd/root-app.yaml argocd/argocd-cm-health.yaml "$T/objects/"
# the kube-bench Job exactly as cis_scorecard.sh creates it (fake kubectl records it)
mkdir -p "$T/kubectl"
FAKE_KUBECTL_DIR="$T/kubectl" FAKE_KUBECTL_REPORT="$REPO/../shared/fixtures/kube-bench/result.json" \
  PATH="$REPO/test/cluster/fake-bin:$PATH" REPORT_DIR="$T/reports" \
  bash scripts/cis_scorecard.sh --flavour generic >/dev/null
jq 'del(.metadata.name) | .metadata.name = "kube-bench-scorecard"' "$T/kubectl/job.json" >"$T/objects/kube-bench-job.json"
if [[ -n "${GATOR_OBJECTS_OVERRIDE:-}" ]]; then
  cp "$GATOR_OBJECTS_OVERRIDE"/* "$T/objects/"
fi

# 3. gator
set +e
gator test -o json -f "$T/policies.yaml" -f "$T/objects" >"$T/gator.json" 2>"$T/gator.err"
rc=$?
set -e
if ! jq -e 'type == "array" or . == null' "$T/gator.json" >/dev/null 2>&1; then
  echo "gator test did not produce JSON (exit $rc):" >&2
  head -c 2000 "$T/gator.err" >&2
  head -c 2000 "$T/gator.json" >&2
  exit 1
fi
templates="$(grep -c '^kind: ConstraintTemplate' "$T/policies.yaml" || true)"
echo "gator: $templates templates, $(jq 'length' "$T/gator.json" 2>/dev/null || echo 0) violations (exit $rc)"

# 4. compare with the written-down exceptions
# shellcheck disable=SC2016 # JavaScript, not shell
node -e '
  const Y = require("yaml"), fs = require("fs");
  const violations = (JSON.parse(fs.readFileSync(process.argv[1], "utf8")) || []).map((r) => ({
    constraint: r.constraint?.metadata?.name ?? "?",
    kind: r.violatingObject?.kind ?? "?",
    name: r.violatingObject?.metadata?.name ?? "?",
    namespace: r.violatingObject?.metadata?.namespace ?? "",
    msg: r.msg,
  }));
  const exceptions = Y.parse(fs.readFileSync(process.argv[2], "utf8")).exceptions ?? [];
  let bad = 0;
  for (const e of exceptions) {
    if (!e.reason || String(e.reason).trim().length < 20) { console.log(`FAIL exception without a real reason: ${e.constraint} ${e.object}`); bad++; }
  }
  const key = (v) => `${v.kind}/${v.name}`;
  const used = new Set();
  for (const v of violations) {
    const i = exceptions.findIndex((e) => e.constraint === v.constraint && e.object === key(v));
    if (i < 0) { console.log(`FAIL unlisted violation: ${v.constraint} on ${key(v)} (${v.namespace}): ${v.msg}`); bad++; }
    else { used.add(i); console.log(`ok   exception: ${v.constraint} on ${key(v)}`); }
  }
  exceptions.forEach((e, i) => { if (!used.has(i)) { console.log(`FAIL stale exception (no longer violated): ${e.constraint} on ${e.object}`); bad++; } });
  console.log(`${violations.length} violations, ${exceptions.length} exceptions, ${bad} problems`);
  process.exit(bad === 0 ? 0 : 1);
' "$T/gator.json" "${GATOR_EXCEPTIONS:-manifests/exceptions.yaml}"
