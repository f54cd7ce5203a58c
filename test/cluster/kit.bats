#!/usr/bin/env bats
# Negative tests: the validators and checks of scripts/test-cluster.sh must catch broken manifests.
# Needs kustomize and promtool (.tools/bin) and npm ci --prefix test/cluster.

setup_file() {
  REPO="$(cd "$BATS_TEST_DIRNAME/../.." && pwd)"
  export REPO
  export PATH="$REPO/.tools/bin:$PATH"
  export NODE_PATH="$REPO/test/cluster/node_modules"
  export BUILD="$BATS_FILE_TMPDIR/build"
  mkdir -p "$BUILD"
  command -v kustomize >/dev/null || { echo "kustomize not built" >&2; return 1; }
  if [ -z "${GATEKEEPER_SRC:-}" ]; then
    GATEKEEPER_SRC="$(cd "$BATS_FILE_TMPDIR" && GOFLAGS=-mod=mod go mod download -json \
      "github.com/open-policy-agent/gatekeeper/v3@$(tr -d '[:space:]' <"$REPO/manifests/gatekeeper/VERSION")" | jq -r .Dir)"
    export GATEKEEPER_SRC
  fi
  cd "$REPO"
  kustomize build networkpolicies/base >"$BUILD/networkpolicies-base.yaml"
  kustomize build networkpolicies/nodelocal-dns >"$BUILD/networkpolicies-nodelocal-dns.yaml"
  kustomize build networkpolicies/gatekeeper-system >"$BUILD/networkpolicies-gatekeeper-system.yaml"
  kustomize build networkpolicies/example-team >"$BUILD/networkpolicies-example-team.yaml"
  kustomize build manifests >"$BUILD/manifests.yaml"
  kustomize build argocd/apps >"$BUILD/argocd-apps.yaml"
  kustomize build monitoring >"$BUILD/monitoring.yaml"
  policy_overlay="$(sed -n 's/^ *path: *//p' argocd/apps/gatekeeper-policies.yaml | head -n 1)"
  kustomize build "$policy_overlay" >"$BUILD/policies.yaml"
}

setup() {
  cd "$REPO"
  W="$BATS_TEST_TMPDIR/build"
  cp -R "$BUILD" "$W"
}

vm() { node "$REPO/test/cluster/validate-manifests.mjs" "$@"; }
kit() { node "$REPO/test/cluster/check-kit.mjs" "$W"; }
# sed on one built file
mutate() { sed -i "$2" "$W/$1"; }

@test "check-kit passes on the pristine builds" {
  run kit
  [ "$status" -eq 0 ]
  [[ "$output" == *" 0 failed"* ]]
}

@test "check-kit catches the AND/OR selector trap in the DNS policy" {
  # split the one peer into two: "- namespaceSelector" + "- podSelector"
  node -e '
    const Y=require("yaml"),fs=require("fs"),f=process.argv[1];
    const docs=Y.parseAllDocuments(fs.readFileSync(f,"utf8")).map(d=>d.toJS());
    const p=docs.find(d=>d.metadata.name==="allow-dns-egress");
    const peer=p.spec.egress[0].to[0];
    p.spec.egress[0].to=[{namespaceSelector:peer.namespaceSelector},{podSelector:peer.podSelector}];
    fs.writeFileSync(f, docs.map(d=>Y.stringify(d)).join("---\n"));' "$W/networkpolicies-base.yaml"
  run kit
  [ "$status" -eq 1 ]
  [[ "$output" == *"FAIL networkpolicies: DNS egress is ONE peer"* ]]
  [[ "$output" == *"FAIL networkpolicies: no peer list falls into the OR trap"* ]]
}

@test "check-kit catches a webhook NetworkPolicy without port 8443" {
  mutate manifests.yaml 's/port: 8443$/port: 9443/'
  run kit
  [ "$status" -eq 1 ]
  [[ "$output" == *"FAIL gatekeeper-system NetworkPolicies keep the webhook"* ]]
}

@test "check-kit catches a PDB that blocks every drain and a missing exemption" {
  mutate manifests.yaml 's/minAvailable: 2/minAvailable: 3/; s/--exempt-namespace=kube-bench/--exempt-namespace=kube-benchx/'
  run kit
  [ "$status" -eq 1 ]
  [[ "$output" == *"FAIL gatekeeper: 3 webhook replicas, PDB"* ]]
  [[ "$output" == *"FAIL gatekeeper: Config and kube-bench namespace agree"* ]]
}

@test "check-kit catches wrong sync waves" {
  mutate argocd-apps.yaml 's/sync-wave: "-20"/sync-wave: "-5"/'
  run kit
  [ "$status" -eq 1 ]
  [[ "$output" == *"FAIL argocd: waves"* ]]
}

@test "check-kit catches a metric name Gatekeeper does not export and PrometheusRule drift" {
  sed 's/gatekeeper_violations{enforcement_action="deny"}/gatekeeper_violation_total{enforcement_action="deny"}/' \
    monitoring/gatekeeper-rules.yaml >"$BATS_TEST_TMPDIR/rules.yaml"
  KIT_RULES="$BATS_TEST_TMPDIR/rules.yaml" run kit
  [ "$status" -eq 1 ]
  [[ "$output" == *"FAIL monitoring: alerts use Gatekeeper's real metric names"* ]]
  [[ "$output" == *"FAIL monitoring: PrometheusRule spec equals the plain rules file"* ]]
}

@test "check-kit catches an alert without a not-firing test" {
  node -e '
    const Y=require("yaml"),fs=require("fs");
    const t=Y.parse(fs.readFileSync("test/cluster/prometheus/gatekeeper-rules.test.yaml","utf8"));
    t.tests=t.tests.filter(x=>!(x.alert_rule_test||[]).every(c=>c.alertname==="GatekeeperAuditStalled" && (c.exp_alerts||[]).length===0));
    fs.writeFileSync(process.argv[1], Y.stringify(t));' "$BATS_TEST_TMPDIR/t.yaml"
  KIT_RULES_TEST="$BATS_TEST_TMPDIR/t.yaml" run kit
  [ "$status" -eq 1 ]
  [[ "$output" == *"GatekeeperAuditStalled: no not-firing case"* ]]
}

@test "schema validation rejects invalid core, CRD and custom resource objects" {
  cat >"$BATS_TEST_TMPDIR/bad.yaml" <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata: {name: bad-replicas}
spec:
  replicas: three
  selector: {matchLabels: {app: x}}
  template:
    metadata: {labels: {app: x}}
    spec: {containers: [{name: x, image: x}]}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: bad-pdb}
spec: {minAvailable: [2]}
---
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: {name: bad-for}
spec: {groups: [{name: g, rules: [{alert: A, expr: up, for: 10 minutes}]}]}
---
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: bad-app}
spec: {project: default, destination: {}, source: {repoURL: x}, syncPolicy: {retry: {limit: many}}}
---
apiVersion: config.gatekeeper.sh/v1alpha1
kind: Config
metadata: {name: config, namespace: gatekeeper-system}
spec: {match: [{excludedNamespaces: kube-system}]}
---
apiVersion: config.gatekeeper.sh/v1alpha1
kind: Config
metadata: {name: typo, namespace: gatekeeper-system}
spec: {match: [{excludedNamespace: [kube-system]}]}
---
apiVersion: example.com/v1
kind: Unknown
metadata: {name: what}
YAML
  run vm --crds manifests/gatekeeper.yaml "$BATS_TEST_TMPDIR/bad.yaml"
  [ "$status" -eq 1 ]
  [[ "$output" == *"0 passed, 7 failed"* ]]
  [[ "$output" == *"Config/typo: data/spec/match/0 must NOT have additional properties"* ]]
  [[ "$output" == *"FAIL $BATS_TEST_TMPDIR/bad.yaml Deployment/bad-replicas"* ]]
  [[ "$output" == *"FAIL $BATS_TEST_TMPDIR/bad.yaml Config/config"* ]]
  [[ "$output" == *"no schema known for example.com/v1 Unknown"* ]]
}

@test "schema validation accepts the shipped objects and rejects bad YAML" {
  run vm --crds manifests/gatekeeper.yaml "$W/manifests.yaml" "$W/argocd-apps.yaml" "$W/monitoring.yaml"
  [ "$status" -eq 0 ]
  printf 'a: 1\na: 2\n' >"$BATS_TEST_TMPDIR/dup.yaml"
  run vm --parse-only "$BATS_TEST_TMPDIR/dup.yaml"
  [ "$status" -eq 1 ]
}

@test "render check fails on a hand-edited gatekeeper.yaml" {
  sed 's/minAvailable: 2/minAvailable: 1/' manifests/gatekeeper.yaml >"$BATS_TEST_TMPDIR/edited.yaml"
  run bash scripts/render-gatekeeper.sh --check --output "$BATS_TEST_TMPDIR/edited.yaml"
  [ "$status" -eq 1 ]
  [[ "$output" == *"-  minAvailable: 1"* ]]
  run bash scripts/render-gatekeeper.sh --check
  [ "$status" -eq 0 ]
}

@test "promtool test rules fails when an alert threshold is broken" {
  command -v promtool >/dev/null || { echo "promtool not built" >&2; return 1; }
  mkdir -p "$BATS_TEST_TMPDIR/r/monitoring" "$BATS_TEST_TMPDIR/r/test/cluster/prometheus"
  sed 's/> 0.05$/> 0.5/' monitoring/gatekeeper-rules.yaml >"$BATS_TEST_TMPDIR/r/monitoring/gatekeeper-rules.yaml"
  cp test/cluster/prometheus/gatekeeper-rules.test.yaml "$BATS_TEST_TMPDIR/r/test/cluster/prometheus/"
  run promtool test rules "$BATS_TEST_TMPDIR/r/test/cluster/prometheus/gatekeeper-rules.test.yaml"
  [ "$status" -ne 0 ]
  [[ "$output" == *"GatekeeperWebhookErrors"* ]]
}

@test "gator check catches an unlisted violation in Gatekeeper's own pods and a stale exception" {
  command -v gator >/dev/null || { echo "gator not built" >&2; return 1; }
  mkdir -p "$BATS_TEST_TMPDIR/override"
  # Gatekeeper's audit pod without runAsNonRoot: gatekeeper-system is not excluded in this check
  sed 's/^\( *\)runAsNonRoot: true$/\1runAsNonRoot: false/' "$W/manifests.yaml" >"$BATS_TEST_TMPDIR/override/manifests.yaml"
  grep -q 'runAsNonRoot: false' "$BATS_TEST_TMPDIR/override/manifests.yaml"
  GATOR_OBJECTS_OVERRIDE="$BATS_TEST_TMPDIR/override" run bash test/cluster/gator-own-manifests.sh
  [ "$status" -eq 1 ]
  [[ "$output" == *"FAIL unlisted violation: pss-run-as-non-root on Deployment/gatekeeper-audit"* ]]
  [[ "$output" == *"FAIL unlisted violation: pss-run-as-non-root on Deployment/gatekeeper-controller-manager"* ]]
  cp manifests/exceptions.yaml "$BATS_TEST_TMPDIR/exceptions.yaml"
  printf '  - constraint: pss-privileged\n    object: Deployment/gatekeeper-audit\n    reason: an exception that is no longer needed\n' >>"$BATS_TEST_TMPDIR/exceptions.yaml"
  GATOR_EXCEPTIONS="$BATS_TEST_TMPDIR/exceptions.yaml" run bash test/cluster/gator-own-manifests.sh
  [ "$status" -eq 1 ]
  [[ "$output" == *"FAIL stale exception (no longer violated): pss-privileged on Deployment/gatekeeper-audit"* ]]
}
