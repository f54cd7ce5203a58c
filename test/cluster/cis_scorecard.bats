#!/usr/bin/env bats
# Tests for scripts/cis_scorecard.sh on the real kube-bench reports in ../shared/fixtures/kube-bench/,
# on reports derived from them, on a fake kubectl (cluster mode) and on a real kube-bench run.

setup() {
  REPO="$(cd "$BATS_TEST_DIRNAME/../.." && pwd)"
  SCRIPT="$REPO/scripts/cis_scorecard.sh"
  FIX="$REPO/../shared/fixtures/kube-bench"
  export REPORT_DIR="$BATS_TEST_TMPDIR/reports"
  [ -f "$FIX/result.json" ] || { echo "fixtures missing: $FIX" >&2; return 1; }
}

# A report derived from the real result.json: 1.1.1 PASS (scored), 2.1 FAIL (critical),
# a copy of 1.1.1 as 1.2.16 FAIL (not critical), 3.1.1 WARN (manual).
make_mixed() {
  jq '.Controls[1].tests[0].results[0].status = "FAIL"
      | .Controls[0].tests[0].results += [(.Controls[0].tests[0].results[0]
          | .test_number = "1.2.16" | .status = "FAIL" | .test_desc = "derived non-critical check")]' \
    "$FIX/result.json" >"$BATS_TEST_TMPDIR/mixed.json"
}

@test "help exits 0 and documents scoring and exit codes" {
  run bash "$SCRIPT" --help
  [ "$status" -eq 0 ]
  [[ "$output" == *"PASS / (PASS + FAIL)"* ]]
  [[ "$output" == *"3 cluster/job/report error"* ]]
}

@test "usage errors exit 2" {
  run bash "$SCRIPT" --bogus
  [ "$status" -eq 2 ]
  run bash "$SCRIPT" --input
  [ "$status" -eq 2 ]
  run bash "$SCRIPT" --input "$FIX/result.json" --min-score abc
  [ "$status" -eq 2 ]
  run bash "$SCRIPT" --input "$FIX/result.json" --min-score 100.5
  [ "$status" -eq 2 ]
  run bash "$SCRIPT" --input "$BATS_TEST_TMPDIR/does-not-exist.json"
  [ "$status" -eq 2 ]
  run bash "$SCRIPT" --flavour openshift
  [ "$status" -eq 2 ]
  run bash "$SCRIPT" --input "$FIX/result.json" --benchmark cis-1.10
  [ "$status" -eq 2 ]
  run bash "$SCRIPT" --benchmark 'cis-1.10; rm -rf /'
  [ "$status" -eq 2 ]
  run bash "$SCRIPT" --namespace 'Bad_NS'
  [ "$status" -eq 2 ]
  run bash "$SCRIPT" --timeout 0
  [ "$status" -eq 2 ]
}

@test "real result.json: score from per-check results, WARN not scored, totals mismatch noted" {
  run bash "$SCRIPT" --input "$FIX/result.json"
  [ "$status" -eq 0 ]
  [[ "$output" == *"Compliance Score: 100.0%"* ]]
  [[ "$output" == *"PASS 2, FAIL 0"* ]]
  [[ "$output" == *"WARN 1"* ]]
  [[ "$output" == *"report totals (49 pass, 12 fail) differ"* ]]
}

@test "all three real report shapes give the same summary" {
  for f in result.json result_no_totals.json controlsCollection.json; do
    run bash "$SCRIPT" --input "$FIX/$f" --report-dir "$BATS_TEST_TMPDIR/$f"
    [ "$status" -eq 0 ]
    jq -S 'del(.generated_at, .source)' "$BATS_TEST_TMPDIR/$f"/cis-scorecard-*.json >"$BATS_TEST_TMPDIR/$f.summary"
  done
  cmp "$BATS_TEST_TMPDIR/result.json.summary" "$BATS_TEST_TMPDIR/result_no_totals.json.summary"
  cmp "$BATS_TEST_TMPDIR/result.json.summary" "$BATS_TEST_TMPDIR/controlsCollection.json.summary"
  [ "$(jq -r '.counts.warn' "$BATS_TEST_TMPDIR/result.json.summary")" = "1" ]
  [ "$(jq -r '.warnings[0].id' "$BATS_TEST_TMPDIR/result.json.summary")" = "3.1.1" ]
}

@test "timestamped JSON and Markdown reports land in REPORT_DIR" {
  run bash "$SCRIPT" --input "$FIX/result.json"
  [ "$status" -eq 0 ]
  json=("$REPORT_DIR"/cis-scorecard-*.json)
  md=("$REPORT_DIR"/cis-scorecard-*.md)
  [ "${#json[@]}" -eq 1 ]
  [ "${#md[@]}" -eq 1 ]
  [[ "$(basename "${json[0]}")" =~ ^cis-scorecard-[0-9]{8}T[0-9]{6}Z\.json$ ]]
  [ "$(jq -r '.score' "${json[0]}")" = "100" ]
  grep -q '^- \*\*Compliance Score: 100.0%\*\*' "${md[0]}"
  # a second run in the same second does not overwrite the first
  run bash "$SCRIPT" --input "$FIX/result.json"
  run bash "$SCRIPT" --input "$FIX/result.json"
  [ "$(find "$REPORT_DIR" -name 'cis-scorecard-*.json' | wc -l)" -eq 3 ]
}

@test "pipe to grep works as documented" {
  run bash -c 'bash "$0" --input "$1" | grep "Compliance Score"' "$SCRIPT" "$FIX/result.json"
  [ "$status" -eq 0 ]
  [ "$output" = "Compliance Score: 100.0%" ]
}

@test "mixed report: 33.3%, critical failures listed before other failures" {
  make_mixed
  run bash "$SCRIPT" --input "$BATS_TEST_TMPDIR/mixed.json"
  [ "$status" -eq 0 ]
  [[ "$output" == *"Compliance Score: 33.3%"* ]]
  crit_line="$(grep -n '\[CRITICAL\] 2.1 ' <<<"$output" | cut -d: -f1)"
  fail_line="$(grep -n '\[FAIL\] 1.2.16 ' <<<"$output" | cut -d: -f1)"
  [ -n "$crit_line" ] && [ -n "$fail_line" ]
  [ "$crit_line" -lt "$fail_line" ]
  md=("$REPORT_DIR"/cis-scorecard-*.md)
  crit_md="$(grep -n '^## Critical failures (1)' "${md[0]}" | cut -d: -f1)"
  other_md="$(grep -n '^## Other failures (1)' "${md[0]}" | cut -d: -f1)"
  [ "$crit_md" -lt "$other_md" ]
  grep -q '^| 2.1 |' "${md[0]}"
}

@test "--critical-ids overrides the built-in list" {
  make_mixed
  run bash "$SCRIPT" --input "$BATS_TEST_TMPDIR/mixed.json" --critical-ids 1.2.16
  [ "$status" -eq 0 ]
  [[ "$output" == *"[CRITICAL] 1.2.16"* ]]
  [[ "$output" == *"[FAIL] 2.1 "* ]]
}

@test "--min-score: exit 1 below, 0 at or above" {
  make_mixed
  run bash "$SCRIPT" --input "$BATS_TEST_TMPDIR/mixed.json" --min-score 50
  [ "$status" -eq 1 ]
  [[ "$output" == *"below the minimum 50%"* ]]
  run bash "$SCRIPT" --input "$BATS_TEST_TMPDIR/mixed.json" --min-score 33.4
  [ "$status" -eq 1 ]
  run bash "$SCRIPT" --input "$BATS_TEST_TMPDIR/mixed.json" --min-score 33
  [ "$status" -eq 0 ]
  run bash "$SCRIPT" --input "$FIX/result.json" --min-score 100
  [ "$status" -eq 0 ]
}

@test "unscored PASS is not in the score" {
  jq '.Controls[0].tests[0].results[0].scored = false | .Controls[1].tests[0].results[0].status = "FAIL"' \
    "$FIX/result.json" >"$BATS_TEST_TMPDIR/unscored.json"
  run bash "$SCRIPT" --input "$BATS_TEST_TMPDIR/unscored.json"
  [ "$status" -eq 0 ]
  [[ "$output" == *"Compliance Score: 0.0%"* ]]
  [[ "$output" == *"unscored PASS 1"* ]]
}

@test "stdin input" {
  run bash -c 'bash "$0" --input - <"$1"' "$SCRIPT" "$FIX/controlsCollection.json"
  [ "$status" -eq 0 ]
  [[ "$output" == *"Compliance Score: 100.0%"* ]]
}

@test "malformed, foreign or unscorable JSON exits 3 with a message" {
  printf '{"Controls": [' >"$BATS_TEST_TMPDIR/broken.json"
  run bash "$SCRIPT" --input "$BATS_TEST_TMPDIR/broken.json"
  [ "$status" -eq 3 ]
  [[ "$output" == *"malformed JSON"* ]]
  echo '{"foo": 1}' >"$BATS_TEST_TMPDIR/foreign.json"
  run bash "$SCRIPT" --input "$BATS_TEST_TMPDIR/foreign.json"
  [ "$status" -eq 3 ]
  [[ "$output" == *"not a kube-bench report"* ]]
  : >"$BATS_TEST_TMPDIR/empty.json"
  run bash "$SCRIPT" --input "$BATS_TEST_TMPDIR/empty.json"
  [ "$status" -eq 3 ]
  jq '[.[] | select(.id == "3")]' "$FIX/controlsCollection.json" >"$BATS_TEST_TMPDIR/warn-only.json"
  run bash "$SCRIPT" --input "$BATS_TEST_TMPDIR/warn-only.json"
  [ "$status" -eq 3 ]
  [[ "$output" == *"no scored PASS/FAIL checks"* ]]
  [ ! -d "$REPORT_DIR" ] || [ -z "$(ls -A "$REPORT_DIR")" ]
}

# ---------------------------------------------------------------- cluster mode, fake kubectl

fake_cluster() {
  export FAKE_KUBECTL_DIR="$BATS_TEST_TMPDIR/kubectl"
  mkdir -p "$FAKE_KUBECTL_DIR"
  export FAKE_KUBECTL_REPORT="$FIX/result.json"
  export PATH="$BATS_TEST_DIRNAME/fake-bin:$PATH"
}

@test "cluster: no kubectl exits 3" {
  mkdir -p "$BATS_TEST_TMPDIR/bin"
  for tool in bash jq cat date mktemp rm mkdir cp head grep awk; do
    ln -s "$(command -v "$tool")" "$BATS_TEST_TMPDIR/bin/$tool"
  done
  run env PATH="$BATS_TEST_TMPDIR/bin" bash "$SCRIPT"
  [ "$status" -eq 3 ]
  [[ "$output" == *"kubectl not found"* ]]
}

@test "cluster: unreachable, missing namespace, RBAC denied, admission denied exit 3" {
  fake_cluster
  for scenario in unreachable no-namespace rbac-denied create-forbidden; do
    FAKE_KUBECTL_SCENARIO="$scenario" run bash "$SCRIPT"
    [ "$status" -eq 3 ]
  done
  FAKE_KUBECTL_SCENARIO=unreachable run bash "$SCRIPT"
  [[ "$output" == *"cannot reach the cluster"* ]]
  : >"$FAKE_KUBECTL_DIR/calls.log"
  FAKE_KUBECTL_SCENARIO=rbac-denied run bash "$SCRIPT"
  [[ "$output" == *"RBAC denied"* ]]
  # nothing was created when RBAC says no
  [ "$(grep -c '^create' "$FAKE_KUBECTL_DIR/calls.log" || true)" -eq 0 ]
}

@test "cluster: Job failed, timed out or without JSON exits 3 and the Job is deleted" {
  fake_cluster
  FAKE_KUBECTL_SCENARIO=job-failed run bash "$SCRIPT"
  [ "$status" -eq 3 ]
  [[ "$output" == *"failed"* ]]
  FAKE_KUBECTL_SCENARIO=job-running run bash "$SCRIPT" --timeout 1
  [ "$status" -eq 3 ]
  [[ "$output" == *"did not finish within 1s"* ]]
  FAKE_KUBECTL_SCENARIO=no-json run bash "$SCRIPT"
  [ "$status" -eq 3 ]
  [[ "$output" == *"no JSON output"* ]]
  [ "$(grep -c '^delete job kube-bench-scorecard-' "$FAKE_KUBECTL_DIR/calls.log")" -eq 3 ]
}

@test "cluster: generic flavour runs kube-bench as a privileged-host Job, scores its logs, cleans up" {
  fake_cluster
  run bash "$SCRIPT" --namespace cis
  [ "$status" -eq 0 ]
  [[ "$output" == *"Compliance Score: 100.0%"* ]]
  [[ "$output" == *"detected flavour: generic"* ]]
  job="$FAKE_KUBECTL_DIR/job.json"
  [ "$(jq -r '.metadata.namespace' "$job")" = "cis" ]
  [ "$(jq -r '.spec.template.spec.hostPID' "$job")" = "true" ]
  [ "$(jq -c '.spec.template.spec.containers[0].command' "$job")" = '["kube-bench","run","--json"]' ]
  [ "$(jq -r '.spec.template.spec.containers[0].image' "$job")" = "docker.io/aquasec/kube-bench:v0.15.1" ]
  jq -e '.spec.template.spec.containers[0].volumeMounts | all(.readOnly == true)' "$job"
  # the Job is a valid batch/v1 Job (offline schema)
  node "$REPO/test/cluster/validate-manifests.mjs" "$job"
  grep -q '^delete job kube-bench-scorecard-.* --namespace cis' "$FAKE_KUBECTL_DIR/calls.log"
  # the raw kube-bench JSON is kept next to the reports
  raw=("$REPORT_DIR"/cis-scorecard-*.kube-bench.json)
  jq -e '.Controls | length == 3' "${raw[0]}"
}

@test "cluster: EKS/GKE/AKS detected from the node, benchmark and targets per flavour" {
  fake_cluster
  printf '{"spec":{"providerID":"aws:///eu-west-1a/i-0abc"},"status":{"nodeInfo":{"kubeletVersion":"v1.31.0-eks-1234"}}}' >"$BATS_TEST_TMPDIR/eks.json"
  FAKE_KUBECTL_NODE="$BATS_TEST_TMPDIR/eks.json" run bash "$SCRIPT"
  [ "$status" -eq 0 ]
  [ "$(jq -c '.spec.template.spec.containers[0].command' "$FAKE_KUBECTL_DIR/job.json")" = '["kube-bench","run","--json","--targets","node,policies,managedservices,controlplane","--benchmark","eks-1.8.0"]' ]
  printf '{"spec":{"providerID":"gce://proj/zone/n1"},"status":{"nodeInfo":{"kubeletVersion":"v1.31.1-gke.100"}}}' >"$BATS_TEST_TMPDIR/gke.json"
  FAKE_KUBECTL_NODE="$BATS_TEST_TMPDIR/gke.json" run bash "$SCRIPT"
  [ "$status" -eq 0 ]
  jq -e '.spec.template.spec.containers[0].command | index("gke-1.8.0") != null' "$FAKE_KUBECTL_DIR/job.json"
  jq -e '.spec.template.spec.volumes | map(.hostPath.path) | index("/home/kubernetes") != null' "$FAKE_KUBECTL_DIR/job.json"
  printf '{"spec":{"providerID":"azure:///subscriptions/x/vm/0"},"status":{"nodeInfo":{"kubeletVersion":"v1.31.0"}}}' >"$BATS_TEST_TMPDIR/aks.json"
  FAKE_KUBECTL_NODE="$BATS_TEST_TMPDIR/aks.json" run bash "$SCRIPT"
  [ "$status" -eq 0 ]
  [ "$(jq -c '.spec.template.spec.containers[0].command' "$FAKE_KUBECTL_DIR/job.json")" = '["kube-bench","run","--json","--targets","node","--benchmark","aks-1.8"]' ]
}

@test "cluster: --benchmark and --targets override detection" {
  fake_cluster
  run bash "$SCRIPT" --flavour generic --benchmark cis-1.10 --targets master,node
  [ "$status" -eq 0 ]
  [ "$(jq -c '.spec.template.spec.containers[0].command' "$FAKE_KUBECTL_DIR/job.json")" = '["kube-bench","run","--json","--targets","master,node","--benchmark","cis-1.10"]' ]
  [ "$(grep -c '^get nodes' "$FAKE_KUBECTL_DIR/calls.log" || true)" -eq 0 ]
  [ "$(jq -r '.spec.template.spec.nodeName // "none"' "$FAKE_KUBECTL_DIR/job.json")" = "none" ]
}

@test "cluster: --node pins the Job to a (control-plane) node and tolerates its taints" {
  fake_cluster
  run bash "$SCRIPT" --flavour generic --targets master --node cp-1.example
  [ "$status" -eq 0 ]
  [ "$(jq -r '.spec.template.spec.nodeName' "$FAKE_KUBECTL_DIR/job.json")" = "cp-1.example" ]
  [ "$(jq -c '.spec.template.spec.tolerations' "$FAKE_KUBECTL_DIR/job.json")" = '[{"operator":"Exists"}]' ]
  run bash "$SCRIPT" --node 'bad node'
  [ "$status" -eq 2 ]
  run bash "$SCRIPT" --input "$FIX/result.json" --node cp-1
  [ "$status" -eq 2 ]
}

# ---------------------------------------------------------------- real kube-bench

@test "real kube-bench --json run (node checks on this machine) is scored consistently" {
  KB="$REPO/.tools/bin/kube-bench"
  [ -x "$KB" ] || { echo "kube-bench not built: bash scripts/build-tools.sh kube-bench" >&2; return 1; }
  [ -n "${KUBE_BENCH_CFG:-}" ] && [ -d "$KUBE_BENCH_CFG" ] || { echo "KUBE_BENCH_CFG (kube-bench cfg/ dir) not set" >&2; return 1; }
  "$KB" run --targets node --benchmark cis-1.10 --config-dir "$KUBE_BENCH_CFG" --json \
    >"$BATS_TEST_TMPDIR/kb.json" 2>"$BATS_TEST_TMPDIR/kb.err" || true
  jq -e '.Controls | length > 0' "$BATS_TEST_TMPDIR/kb.json"
  run bash "$SCRIPT" --input "$BATS_TEST_TMPDIR/kb.json"
  [ "$status" -eq 0 ]
  [[ "$output" =~ Compliance\ Score:\ [0-9]+\.[0-9]% ]]
  summary=("$REPORT_DIR"/cis-scorecard-*.json)
  # independent recount with jq over the raw report
  pass="$(jq '[.Controls[].tests[].results[] | select(.status == "PASS" and .scored == true)] | length' "$BATS_TEST_TMPDIR/kb.json")"
  fail="$(jq '[.Controls[].tests[].results[] | select(.status == "FAIL")] | length' "$BATS_TEST_TMPDIR/kb.json")"
  [ "$(jq -r '.counts.pass' "${summary[0]}")" = "$pass" ]
  [ "$(jq -r '.counts.fail' "${summary[0]}")" = "$fail" ]
  [ $((pass + fail)) -gt 0 ]
  expected="$(awk -v p="$pass" -v f="$fail" 'BEGIN { printf "%.1f", p * 100 / (p + f) }')"
  [[ "$output" == *"Compliance Score: $expected%"* ]]
  # real report totals agree with its results, so no mismatch note
  [ "$(jq -r '.totals_consistent' "${summary[0]}")" = "true" ]
  [ "$(jq -r '.benchmarks[0]' "${summary[0]}")" = "cis-1.10" ]
}
