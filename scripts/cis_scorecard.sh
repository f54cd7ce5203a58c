#!/usr/bin/env bash
# cis_scorecard.sh - CIS Kubernetes Benchmark scorecard from kube-bench.
#
# Either runs kube-bench as a Job in the current cluster (kubectl context), waits for it,
# collects its JSON and deletes the Job, or scores an existing kube-bench JSON report
# (--input FILE). Prints "Compliance Score: NN.N%", lists critical failures first and writes
# a timestamped JSON and Markdown report into REPORT_DIR.
#
# Scoring (documented in docs and --help):
#   score = PASS / (PASS + FAIL) over *scored* checks, one decimal.
#   - FAIL is always scored: kube-bench turns a failing unscored or manual check into WARN.
#   - WARN (manual checks, or automated checks kube-bench could not evaluate) is NOT in the
#     score: it needs a human. WARN checks are listed in the reports for review.
#   - INFO is informational and NOT in the score.
#   - PASS of an unscored check (scored=false) is NOT in the score (counted as "unscored pass").
#
# Exit codes: 0 ok, 1 score below --min-score, 2 usage error,
#             3 cluster or job error (no kubectl/cluster, RBAC denied, Job failed or timed out,
#               malformed or non-kube-bench JSON, no scored checks).
set -euo pipefail

readonly KUBE_BENCH_VERSION="v0.15.1"
readonly DEFAULT_IMAGE="docker.io/aquasec/kube-bench:${KUBE_BENCH_VERSION}"

# Critical CIS ids, listed first in every report. Numbering differs between benchmark
# families, so there is one list per family; the family comes from the report's control
# "version" (eks-*, gke-*, aks-*; everything else uses the generic CIS numbering of
# cis-1.7 ... cis-1.12). Override with --critical-ids.
#   generic: 1.2.1 API server anonymous auth, 1.2.2 static token file, 1.2.5 kubelet CA,
#            1.2.6/1.2.7/1.2.8 authorization mode (not AlwaysAllow, Node, RBAC),
#            2.1/2.2/2.3 etcd TLS and client cert auth, 4.2.1 kubelet anonymous auth,
#            4.2.2 kubelet authorization mode, 4.2.3 kubelet client CA, 5.1.1 cluster-admin use.
#   managed (EKS/GKE/AKS): 3.2.1 kubelet anonymous auth, 3.2.2 kubelet authorization mode,
#            3.2.3 kubelet client CA, 4.1.1 cluster-admin use, 4.2.1 privileged containers.
readonly CRITICAL_GENERIC="1.2.1,1.2.2,1.2.5,1.2.6,1.2.7,1.2.8,2.1,2.2,2.3,4.2.1,4.2.2,4.2.3,5.1.1"
readonly CRITICAL_MANAGED="3.2.1,3.2.2,3.2.3,4.1.1,4.2.1"

usage() {
  cat <<'EOF'
Usage: cis_scorecard.sh [options]

Score a CIS Kubernetes Benchmark run of kube-bench.

Source (one of):
  (default)              run kube-bench as a Job in the current kubectl context
  --input FILE           score an existing `kube-bench --json` report ("-" reads stdin)

Cluster options:
  --flavour NAME         auto (default), generic, eks, gke, aks
  --benchmark NAME       kube-bench benchmark (e.g. cis-1.10, eks-1.8.0); default per flavour
  --targets LIST         kube-bench targets (e.g. node or master,node); default per flavour
  --node NAME            run on this node (e.g. a control-plane node with --targets master;
                         tolerates its taints)
  --namespace NS         namespace for the Job (default: kube-bench; must allow privileged
                         pods, see manifests/kube-bench-namespace.yaml)
  --image IMAGE          kube-bench image (default: docker.io/aquasec/kube-bench:v0.15.1)
  --timeout SECONDS      how long to wait for the Job (default: 300)
  --keep-job             do not delete the Job afterwards

Scoring and output:
  --min-score PCT        exit 1 when the score is below PCT (0-100)
  --critical-ids LIST    comma-separated CIS ids treated as critical (default: built-in list)
  --report-dir DIR       where reports go (default: $REPORT_DIR or ./audit-reports)
  -h, --help             this help

Score: PASS / (PASS + FAIL) over scored checks. WARN (manual checks), INFO and unscored
PASS results are reported but not scored.
Exit codes: 0 ok, 1 below --min-score, 2 usage error, 3 cluster/job/report error.
EOF
}

die_usage() {
  printf 'cis_scorecard: %s\n' "$*" >&2
  printf "Try 'cis_scorecard.sh --help'.\n" >&2
  exit 2
}

die_env() {
  printf 'cis_scorecard: error: %s\n' "$*" >&2
  exit 3
}

note() { printf 'cis_scorecard: %s\n' "$*" >&2; }

# ---------------------------------------------------------------- arguments
input=""
flavour="auto"
benchmark=""
targets=""
namespace="kube-bench"
node_name=""
image="$DEFAULT_IMAGE"
timeout_s="300"
keep_job="false"
min_score=""
critical_ids=""
report_dir="${REPORT_DIR:-./audit-reports}"

need_value() {
  # $1 option name, $2 number of remaining args
  if [[ "$2" -lt 2 ]]; then die_usage "option $1 needs a value"; fi
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --input) need_value "$1" "$#"; input="$2"; shift 2 ;;
    --input=*) input="${1#*=}"; shift ;;
    --flavour | --flavor) need_value "$1" "$#"; flavour="$2"; shift 2 ;;
    --flavour=* | --flavor=*) flavour="${1#*=}"; shift ;;
    --benchmark) need_value "$1" "$#"; benchmark="$2"; shift 2 ;;
    --benchmark=*) benchmark="${1#*=}"; shift ;;
    --targets) need_value "$1" "$#"; targets="$2"; shift 2 ;;
    --targets=*) targets="${1#*=}"; shift ;;
    --node) need_value "$1" "$#"; node_name="$2"; shift 2 ;;
    --node=*) node_name="${1#*=}"; shift ;;
    --namespace | -n) need_value "$1" "$#"; namespace="$2"; shift 2 ;;
    --namespace=*) namespace="${1#*=}"; shift ;;
    --image) need_value "$1" "$#"; image="$2"; shift 2 ;;
    --image=*) image="${1#*=}"; shift ;;
    --timeout) need_value "$1" "$#"; timeout_s="$2"; shift 2 ;;
    --timeout=*) timeout_s="${1#*=}"; shift ;;
    --keep-job) keep_job="true"; shift ;;
    --min-score) need_value "$1" "$#"; min_score="$2"; shift 2 ;;
    --min-score=*) min_score="${1#*=}"; shift ;;
    --critical-ids) need_value "$1" "$#"; critical_ids="$2"; shift 2 ;;
    --critical-ids=*) critical_ids="${1#*=}"; shift ;;
    --report-dir) need_value "$1" "$#"; report_dir="$2"; shift 2 ;;
    --report-dir=*) report_dir="${1#*=}"; shift ;;
    -h | --help) usage; exit 0 ;;
    *) die_usage "unknown argument: $1" ;;
  esac
done

case "$flavour" in
  auto | generic | eks | gke | aks) ;;
  *) die_usage "--flavour must be one of auto, generic, eks, gke, aks (got '$flavour')" ;;
esac
if [[ -n "$benchmark" && ! "$benchmark" =~ ^[a-z0-9][a-z0-9.-]{0,62}$ ]]; then
  die_usage "--benchmark must look like cis-1.10 or eks-1.8.0 (got '$benchmark')"
fi
if [[ -n "$targets" && ! "$targets" =~ ^[a-z]+(,[a-z]+)*$ ]]; then
  die_usage "--targets must be a comma-separated list like master,node (got '$targets')"
fi
if [[ ! "$namespace" =~ ^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$ ]]; then
  die_usage "--namespace must be a DNS label (got '$namespace')"
fi
if [[ -n "$node_name" && ! "$node_name" =~ ^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$ ]]; then
  die_usage "--node must be a node name (got '$node_name')"
fi
if [[ ! "$image" =~ ^[A-Za-z0-9][A-Za-z0-9._/:@-]*$ ]]; then
  die_usage "--image is not a valid image reference (got '$image')"
fi
if [[ ! "$timeout_s" =~ ^[0-9]+$ ]] || [[ "$timeout_s" -lt 1 ]]; then
  die_usage "--timeout must be a positive number of seconds (got '$timeout_s')"
fi
if [[ -n "$min_score" ]]; then
  if [[ ! "$min_score" =~ ^[0-9]+([.][0-9]+)?$ ]] || ! awk -v m="$min_score" 'BEGIN { exit !(m + 0 <= 100) }'; then
    die_usage "--min-score must be a number from 0 to 100 (got '$min_score')"
  fi
fi
if [[ -n "$critical_ids" && ! "$critical_ids" =~ ^[0-9A-Za-z.]+(,[0-9A-Za-z.]+)*$ ]]; then
  die_usage "--critical-ids must be a comma-separated list of CIS ids (got '$critical_ids')"
fi
if [[ -n "$input" ]]; then
  for opt_set in "$benchmark" "$targets" "$node_name"; do
    if [[ -n "$opt_set" ]]; then die_usage "--benchmark/--targets/--node run kube-bench; they do not apply to --input"; fi
  done
  if [[ "$input" != "-" && ! -f "$input" ]]; then
    die_usage "--input file not found: $input"
  fi
fi
if [[ -z "$report_dir" ]]; then die_usage "report directory must not be empty"; fi

command -v jq >/dev/null 2>&1 || die_env "jq is required (apt-get install jq)"

workdir="$(mktemp -d)"
job_name=""
# shellcheck disable=SC2317,SC2329 # invoked by the EXIT trap
cleanup() {
  if [[ -n "$job_name" && "$keep_job" != "true" ]]; then
    kubectl delete job "$job_name" --namespace "$namespace" --ignore-not-found \
      --cascade=background --wait=false >/dev/null 2>&1 || note "could not delete job $namespace/$job_name"
  fi
  rm -rf -- "$workdir"
}
trap cleanup EXIT

# ---------------------------------------------------------------- cluster mode
detect_flavour() {
  # Prints generic, eks, gke or aks from the first node's providerID and kubelet version.
  local nodes
  if ! nodes="$(kubectl get nodes -o json --request-timeout=20s 2>"$workdir/nodes.err")"; then
    note "cannot list nodes to detect the flavour ($(head -c 300 "$workdir/nodes.err")); using generic"
    printf 'generic\n'
    return 0
  fi
  jq -r '
    (.items[0] // {}) as $n
    | (($n.spec.providerID // "") | ascii_downcase) as $p
    | (($n.status.nodeInfo.kubeletVersion // "") | ascii_downcase) as $v
    | if ($p | startswith("aws://")) or ($v | test("-eks-")) then "eks"
      elif ($p | startswith("gce://")) or ($v | test("-gke\\.")) then "gke"
      elif ($p | startswith("azure://")) then "aks"
      else "generic" end' <<<"$nodes"
}

build_job() {
  # Writes the Job manifest (JSON) to stdout. Everything goes through jq --arg: no string
  # concatenation of user input into a manifest.
  local fl="$1" bm="$2" tg="$3"
  local paths
  case "$fl" in
    eks) paths="/var/lib/kubelet /etc/systemd /etc/kubernetes" ;;
    gke) paths="/var/lib/kubelet /etc/systemd /etc/kubernetes /home/kubernetes" ;;
    aks) paths="/var/lib/kubelet /etc/systemd /etc/kubernetes /etc/default" ;;
    *) paths="/var/lib/cni /var/lib/etcd /var/lib/kubelet /var/lib/kube-scheduler /var/lib/kube-controller-manager /etc/systemd /lib/systemd /srv/kubernetes /etc/kubernetes /usr/bin /etc/cni/net.d /opt/cni/bin" ;;
  esac
  jq -n --arg name "$job_name" --arg ns "$namespace" --arg image "$image" \
    --arg benchmark "$bm" --arg targets "$tg" --arg paths "$paths" --arg version "$KUBE_BENCH_VERSION" \
    --arg node "$node_name" '
    ($paths | split(" ")) as $p
    | def volname: ltrimstr("/") | gsub("[/.]"; "-") | ascii_downcase;
      def mountpath: if . == "/usr/bin" then "/usr/local/mount-from-host/bin" else . end;
    {
      apiVersion: "batch/v1", kind: "Job",
      metadata: {name: $name, namespace: $ns,
                 labels: {"app.kubernetes.io/name": "kube-bench",
                          "app.kubernetes.io/managed-by": "cis-scorecard",
                          "app.kubernetes.io/version": $version}},
      spec: {
        backoffLimit: 0,
        ttlSecondsAfterFinished: 3600,
        template: {
          metadata: {labels: {"app.kubernetes.io/name": "kube-bench"}},
          spec: ({
            hostPID: true,
            restartPolicy: "Never",
            automountServiceAccountToken: false,
            containers: [{
              name: "kube-bench",
              image: $image,
              command: (["kube-bench", "run", "--json"]
                        + (if $targets != "" then ["--targets", $targets] else [] end)
                        + (if $benchmark != "" then ["--benchmark", $benchmark] else [] end)),
              resources: {requests: {cpu: "100m", memory: "128Mi"}, limits: {cpu: "500m", memory: "256Mi"}},
              # root with hostPID and host paths is what kube-bench needs (manifests/EXCEPTIONS.md);
              # everything else stays locked down
              securityContext: {allowPrivilegeEscalation: false, seccompProfile: {type: "RuntimeDefault"}},
              volumeMounts: [$p[] | {name: volname, mountPath: mountpath, readOnly: true}]
            }],
            volumes: [$p[] | {name: volname, hostPath: {path: .}}]
          }
          + (if $node != "" then {nodeName: $node, tolerations: [{operator: "Exists"}]} else {} end))
        }
      }
    }'
}

run_in_cluster() {
  command -v kubectl >/dev/null 2>&1 || die_env "kubectl not found: install it or score a report with --input FILE"
  if ! kubectl get --raw=/version --request-timeout=15s >/dev/null 2>"$workdir/version.err"; then
    die_env "cannot reach the cluster of the current kubectl context: $(head -c 400 "$workdir/version.err")"
  fi
  if ! kubectl get namespace "$namespace" -o name >/dev/null 2>"$workdir/ns.err"; then
    die_env "namespace '$namespace' not found or not readable (create it with manifests/kube-bench-namespace.yaml): $(head -c 300 "$workdir/ns.err")"
  fi
  local verb resource answer
  for pair in "create jobs.batch" "get jobs.batch" "delete jobs.batch" "get pods/log"; do
    verb="${pair%% *}"
    resource="${pair#* }"
    answer="$(kubectl auth can-i "$verb" "$resource" --namespace "$namespace" 2>/dev/null || true)"
    if [[ "$answer" != "yes" ]]; then
      die_env "RBAC denied: this user cannot '$verb $resource' in namespace '$namespace'"
    fi
  done

  local fl="$flavour" bm="$benchmark" tg="$targets"
  if [[ "$fl" == "auto" ]]; then
    fl="$(detect_flavour)"
    note "detected flavour: $fl"
  fi
  case "$fl" in
    eks) bm="${bm:-eks-1.8.0}"; tg="${tg:-node,policies,managedservices,controlplane}" ;;
    gke) bm="${bm:-gke-1.8.0}"; tg="${tg:-node,policies,managedservices}" ;;
    aks) bm="${bm:-aks-1.8}"; tg="${tg:-node}" ;;
    *) ;; # generic: kube-bench picks the benchmark from the Kubernetes version and targets from the node
  esac

  job_name="kube-bench-scorecard-$(date -u +%Y%m%d%H%M%S)-$RANDOM"
  build_job "$fl" "$bm" "$tg" >"$workdir/job.json"
  if ! kubectl create --filename "$workdir/job.json" >/dev/null 2>"$workdir/create.err"; then
    local err
    err="$(head -c 600 "$workdir/create.err")"
    job_name=""
    if grep -qi 'forbidden' "$workdir/create.err"; then
      die_env "RBAC or admission denied creating the kube-bench Job: $err"
    fi
    die_env "could not create the kube-bench Job: $err"
  fi
  note "started job $namespace/$job_name (timeout ${timeout_s}s)"

  local deadline status
  deadline=$((SECONDS + timeout_s))
  while :; do
    if ! kubectl get job "$job_name" --namespace "$namespace" -o json >"$workdir/job-status.json" 2>"$workdir/job-status.err"; then
      die_env "lost track of job $namespace/$job_name: $(head -c 300 "$workdir/job-status.err")"
    fi
    status="$(jq -r '
      if ((.status.conditions // []) | any(.type == "Failed" and .status == "True")) or ((.status.failed // 0) > 0) then "failed"
      elif ((.status.conditions // []) | any(.type == "Complete" and .status == "True")) or ((.status.succeeded // 0) > 0) then "complete"
      else "running" end' "$workdir/job-status.json")"
    case "$status" in
      complete) break ;;
      failed)
        kubectl logs "job/$job_name" --namespace "$namespace" --tail=20 >&2 2>/dev/null || true
        die_env "kube-bench Job $namespace/$job_name failed (see the log lines above)"
        ;;
    esac
    if [[ "$SECONDS" -ge "$deadline" ]]; then
      die_env "kube-bench Job $namespace/$job_name did not finish within ${timeout_s}s"
    fi
    sleep 2
  done

  if ! kubectl logs "job/$job_name" --namespace "$namespace" >"$workdir/logs.txt" 2>"$workdir/logs.err"; then
    die_env "could not read the logs of job $namespace/$job_name: $(head -c 300 "$workdir/logs.err")"
  fi
  # kube-bench prints its JSON on one line; stderr (glog) lines may be interleaved in the log.
  grep -E '^[[:space:]]*[[{]' "$workdir/logs.txt" >"$workdir/report.json" || true
  if [[ ! -s "$workdir/report.json" ]]; then
    die_env "kube-bench Job produced no JSON output (first log lines: $(head -c 300 "$workdir/logs.txt"))"
  fi
}

# ---------------------------------------------------------------- scoring
if [[ -n "$input" ]]; then
  source_desc="$input"
  if [[ "$input" == "-" ]]; then
    cat >"$workdir/report.json"
    source_desc="stdin"
  else
    cp -- "$input" "$workdir/report.json"
  fi
else
  run_in_cluster
  source_desc="kube-bench Job $namespace/$job_name"
fi

if ! jq -s -e 'length > 0' "$workdir/report.json" >/dev/null 2>"$workdir/jq.err"; then
  die_env "malformed JSON in kube-bench report ($source_desc): $(head -c 300 "$workdir/jq.err")"
fi

generated_at="$(date -u +%Y-%m-%dT%H:%M:%SZ)"

# One jq program turns any kube-bench JSON shape into a summary:
#   {"Controls":[...],"Totals":{...}} | bare array of controls | a stream of either.
# shellcheck disable=SC2016 # jq program, not shell
scorer='
  def controls:
    if type == "array" then .[] | controls
    elif type == "object" and has("Controls") then (.Controls // [])[]
    elif type == "object" and has("tests") and has("id") then .
    else error("not a kube-bench report: expected {\"Controls\": [...]} or an array of controls")
    end;
  def idkey: split(".") | map(tonumber? // 0);
  def cut($n): if length > $n then .[0:$n] + "..." else . end;
  [.[] | controls] as $controls
  | if ($controls | length) == 0 then error("no controls in kube-bench report") else . end
  | ($controls | map(select(type == "object"))) as $controls
  | [ $controls[] as $c | ($c.tests // [])[] as $g | ($g.results // [])[]
      | {id: (.test_number // ""), desc: (.test_desc // ""), status: ((.status // "") | ascii_upcase),
         scored: (.scored == true), manual: ((.type // "") == "manual"),
         section: ($g.section // ""), section_desc: ($g.desc // ""),
         control: ($c.id // ""), node_type: ($c.node_type // ""), benchmark: ($c.version // ""),
         remediation: ((.remediation // "") | cut(2000)),
         actual_value: ((.actual_value // "") | tostring | cut(500)),
         expected_result: ((.expected_result // "") | tostring | cut(500))} ] as $results
  | ([$controls[] | (.version // "") | tostring | select(. != "")] | unique) as $benchmarks
  | (if $crit != "" then $crit
     elif any($benchmarks[]; test("^(eks|gke|aks)-")) then $crit_managed
     else $crit_generic end | split(",")) as $critical
  | ($results | map(select(.status == "PASS" and .scored)) | length) as $pass
  | ($results | map(select(.status == "FAIL")) | length) as $fail
  | ($results | map(select(.status == "WARN")) | length) as $warn
  | ($results | map(select(.status == "INFO")) | length) as $info
  | ($results | map(select(.status == "PASS" and (.scored | not))) | length) as $unscored_pass
  | ([$controls[] | (.total_pass // 0)] | add) as $ctl_pass
  | ([$controls[] | (.total_fail // 0)] | add) as $ctl_fail
  | (if ($pass + $fail) > 0 then (($pass * 1000) / ($pass + $fail) | round) else null end) as $s10
  | [ $results[] | select(.status == "FAIL") | . + {critical: (.id as $i | $critical | index($i) != null)} ]
      as $failures
  | {
      generated_at: $generated_at,
      source: $source,
      kube_bench_version: $kb_version,
      benchmarks: $benchmarks,
      node_types: ([$controls[] | (.node_type // "") | select(. != "")] | unique),
      score: (if $s10 == null then null else ($s10 / 10) end),
      score_text: (if $s10 == null then null else "\($s10 / 10 | floor).\($s10 % 10)" end),
      scoring: "PASS / (PASS + FAIL) over scored checks; WARN, INFO and unscored PASS are not scored",
      counts: {pass: $pass, fail: $fail, warn: $warn, info: $info, unscored_pass: $unscored_pass,
               scored: ($pass + $fail), results: ($results | length)},
      control_totals: {pass: $ctl_pass, fail: $ctl_fail},
      totals_consistent: (($ctl_pass == ($pass + $unscored_pass)) and ($ctl_fail == $fail)),
      critical_ids: $critical,
      critical_failures: [$failures[] | select(.critical)] | sort_by(.id | idkey),
      other_failures: [$failures[] | select(.critical | not)] | sort_by(.id | idkey),
      warnings: [$results[] | select(.status == "WARN") | {id, desc, section, node_type, manual}] | sort_by(.id | idkey)
    }'

if ! jq -s --arg generated_at "$generated_at" --arg source "$source_desc" \
  --arg kb_version "$KUBE_BENCH_VERSION" --arg crit "$critical_ids" \
  --arg crit_generic "$CRITICAL_GENERIC" --arg crit_managed "$CRITICAL_MANAGED" \
  "$scorer" "$workdir/report.json" >"$workdir/summary.json" 2>"$workdir/score.err"; then
  die_env "cannot score report ($source_desc): $(head -c 300 "$workdir/score.err")"
fi

score_text="$(jq -r '.score_text // ""' "$workdir/summary.json")"
if [[ -z "$score_text" ]]; then
  die_env "report ($source_desc) has no scored PASS/FAIL checks; cannot compute a score"
fi

# ---------------------------------------------------------------- reports
mkdir -p -- "$report_dir" || die_env "cannot create report directory: $report_dir"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
base="$report_dir/cis-scorecard-$stamp"
n=1
while [[ -e "$base.json" || -e "$base.md" ]]; do
  n=$((n + 1))
  base="$report_dir/cis-scorecard-$stamp-$n"
done

cp -- "$workdir/summary.json" "$base.json"
if [[ -z "$input" ]]; then
  cp -- "$workdir/report.json" "$base.kube-bench.json"
fi

# shellcheck disable=SC2016 # jq program, not shell
jq -r '
  def esc: tostring | gsub("\\|"; "\\|") | gsub("\n"; " ");
  def row: "| \(.id | esc) | \(.desc | esc) | \(.node_type | esc) | \(.remediation | .[0:300] | esc) |";
  "# CIS Kubernetes Benchmark scorecard",
  "",
  "- Generated: \(.generated_at)",
  "- Source: \(.source)",
  "- Benchmark: \(.benchmarks | join(", ") | if . == "" then "unknown" else . end)",
  "- **Compliance Score: \(.score_text)%** (\(.counts.pass) passed of \(.counts.scored) scored checks)",
  "",
  "| PASS | FAIL | WARN | INFO | unscored PASS |",
  "| ---: | ---: | ---: | ---: | ---: |",
  "| \(.counts.pass) | \(.counts.fail) | \(.counts.warn) | \(.counts.info) | \(.counts.unscored_pass) |",
  "",
  "Score = PASS / (PASS + FAIL) over scored checks. WARN (manual checks, or checks kube-bench could",
  "not evaluate), INFO and unscored PASS results are not part of the score.",
  (if .totals_consistent then empty else
    "", "> Note: the per-control totals in the report (\(.control_totals.pass) pass, \(.control_totals.fail) fail) differ from its per-check results; the score uses the per-check results." end),
  "",
  "## Critical failures (\(.critical_failures | length))",
  "",
  (if (.critical_failures | length) == 0 then "None." else
    "| id | check | node | remediation |", "| --- | --- | --- | --- |", (.critical_failures[] | row) end),
  "",
  "## Other failures (\(.other_failures | length))",
  "",
  (if (.other_failures | length) == 0 then "None." else
    "| id | check | node | remediation |", "| --- | --- | --- | --- |", (.other_failures[] | row) end),
  "",
  "## Needs manual review: WARN (\(.warnings | length))",
  "",
  (if (.warnings | length) == 0 then "None." else (.warnings[] | "- \(.id | esc) \(.desc | esc)") end),
  "",
  "Critical ids used: \(.critical_ids | join(", "))"
' "$workdir/summary.json" >"$base.md"

# ---------------------------------------------------------------- console
jq -r '
  "CIS Kubernetes Benchmark scorecard (\(.source); benchmark: \(.benchmarks | join(", ") | if . == "" then "unknown" else . end))",
  "Compliance Score: \(.score_text)%",
  "Scored checks: \(.counts.scored) (PASS \(.counts.pass), FAIL \(.counts.fail)); not scored: WARN \(.counts.warn), INFO \(.counts.info), unscored PASS \(.counts.unscored_pass)",
  (if .totals_consistent then empty else
    "Note: report totals (\(.control_totals.pass) pass, \(.control_totals.fail) fail) differ from its per-check results; scored from the per-check results" end),
  "Critical failures: \(.critical_failures | length)",
  (.critical_failures[] | "  [CRITICAL] \(.id) \(.desc)"),
  "Other failures: \(.other_failures | length)",
  (.other_failures[] | "  [FAIL] \(.id) \(.desc)")
' "$workdir/summary.json"
printf 'Reports: %s.json %s.md\n' "$base" "$base"

if [[ -n "$min_score" ]]; then
  score_num="$(jq -r '.score' "$workdir/summary.json")"
  if awk -v s="$score_num" -v m="$min_score" 'BEGIN { exit !(s + 0 < m + 0) }'; then
    printf 'Score %s%% is below the minimum %s%%\n' "$score_text" "$min_score"
    exit 1
  fi
fi
exit 0
