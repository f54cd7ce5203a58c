#!/usr/bin/env bash
# Policy test suite: every check the policy library must pass, one phase per line.
# Run from anywhere: bash scripts/test-policies.sh. Exits non-zero on any failure and ends
# with "N passed, N failed" (counting every check it ran).
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT" || exit 1
BIN="$ROOT/.tools/bin"
export PATH="$BIN:$PATH"

passed=0
failed=0
failures=()
LOG="$(mktemp -d)"
trap 'rm -rf "$LOG"' EXIT

phase() { printf '\n== %s\n' "$*"; }
ok() { passed=$((passed + 1)); printf '  ok    %s\n' "$1"; }
ko() {
  failed=$((failed + 1))
  failures+=("$1")
  printf '  FAIL  %s\n' "$1"
  [ -n "${2:-}" ] && [ -s "$2" ] && sed 's/^/        /' "$2" | head -60
}
# run NAME CMD...: one check; its output is shown only when it fails.
run() {
  local name="$1"
  shift
  if "$@" >"$LOG/out" 2>&1; then ok "$name"; else ko "$name" "$LOG/out"; fi
}
need() {
  command -v "$1" >/dev/null 2>&1 && return 0
  ko "$1 is not installed (bash scripts/build-tools.sh $1)"
  return 1
}

mapfile -t REGO < <(find policies -name '*.rego' | sort)
mapfile -t SUITES < <(find policies -name suite.yaml -not -path '*/samples/*' | sort)
mapfile -t KUSTOMIZATIONS < <(find policies/bundles policies/overlays -name kustomization.yaml 2>/dev/null | sort)

phase "opa check --strict (Rego v1, as OPA 1.x and conftest parse it)"
if need opa; then run "opa check --strict (${#REGO[@]} files)" opa check --strict "${REGO[@]}"; fi

phase "regal lint"
if need regal; then run "regal lint policies" regal lint --config-file policies/.regal/config.yaml policies; fi

phase "opa test (unit tests, with coverage)"
if need opa; then
  # *.json in policies/ is the library's configuration (conventions, control catalogue), not OPA data.
  if opa test policies --ignore '*.yaml' --ignore '*.json' --format json >"$LOG/tests.json" 2>"$LOG/tests.err"; then :; fi
  # shellcheck disable=SC2016 # a JavaScript program, not shell
  if node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    for (const t of r) console.log(`${t.fail || t.error ? "FAIL" : "ok"}\t${t.package}.${t.name}\t${t.error ? JSON.stringify(t.error) : ""}`);
  ' "$LOG/tests.json" >"$LOG/tests.tsv" 2>>"$LOG/tests.err"; then
    while IFS=$'\t' read -r status name err; do
      if [ "$status" = ok ]; then passed=$((passed + 1)); else
        echo "$err" >"$LOG/one"
        ko "opa test $name" "$LOG/one"
      fi
    done <"$LOG/tests.tsv"
    printf '  %s opa tests ran\n' "$(wc -l <"$LOG/tests.tsv")"
  else
    ko "opa test" "$LOG/tests.err"
  fi
  if opa test policies --ignore '*.yaml' --ignore '*.json' --coverage >"$LOG/cov.json" 2>/dev/null || true; then
    # shellcheck disable=SC2016 # a JavaScript program, not shell
    node -e '
      const c = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      const rows = Object.entries(c.files || {}).filter(([f]) => !f.endsWith("_test.rego") && !f.includes("fixtures"));
      const low = rows.filter(([, v]) => (v.coverage ?? 0) < 100).map(([f, v]) => `${f} ${(v.coverage ?? 0).toFixed(1)}%`);
      console.log(`  coverage ${Number(c.coverage).toFixed(1)}% overall${low.length ? "; below 100%: " + low.join(", ") : ""}`);
    ' "$LOG/cov.json" || true
  fi
fi

phase "generated templates, suites and bundles are current (node scripts/gen-templates.mjs --check)"
run "gen-templates --check" node scripts/gen-templates.mjs --check
# The library's JSON form the engine loads (policies/library.json), read from those templates.
run "gen-policy-library --check" node scripts/gen-policy-library.mjs --check

phase "gator verify (Gatekeeper's own engine parses each template as Rego v0 and runs the samples)"
if need gator; then
  for s in "${SUITES[@]}"; do run "gator verify $s" gator verify "$s"; done
fi

phase "conftest vs gator parity (same verdict and messages for every sample)"
if need conftest && need gator; then
  if node scripts/policy-parity.mjs --tap >"$LOG/parity" 2>"$LOG/parity.err"; then :; fi
  while IFS=$'\t' read -r status name detail; do
    case "$status" in
      ok) ok "$name" ;;
      FAIL)
        printf '%b\n' "$detail" >"$LOG/one"
        ko "$name" "$LOG/one"
        ;;
    esac
  done <"$LOG/parity"
  if [ -s "$LOG/parity.err" ]; then ko "policy-parity.mjs" "$LOG/parity.err"; fi
fi

phase "PSS bundles vs k8s.io/pod-security-admission (differential, generated corpus)"
if need opa && need go; then
  if node policies/psa-diff/run.mjs --tap --count "${PSA_DIFF_COUNT:-2000}" >"$LOG/psa" 2>"$LOG/psa.err"; then
    ok "$(cut -f2 "$LOG/psa")"
  else
    cat "$LOG/psa" >>"$LOG/psa.err"
    ko "psa-diff" "$LOG/psa.err"
  fi
fi

phase "kustomize build of every bundle and overlay"
if need kustomize; then
  for k in "${KUSTOMIZATIONS[@]}"; do
    d="$(dirname "$k")"
    run "kustomize build $d" kustomize build "$d"
  done
fi

printf '\n%d passed, %d failed\n' "$passed" "$failed"
if [ "$failed" -gt 0 ]; then
  printf 'failed checks:\n'
  printf '  %s\n' "${failures[@]}"
  exit 1
fi
