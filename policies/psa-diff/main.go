// Command psa-diff evaluates Pods with the reference Pod Security Admission library
// (k8s.io/pod-security-admission, latest version) so run.mjs can compare its verdicts with
// the Rego PSS policies. Input: a JSON array of Pods on stdin. Output: a JSON array with, per
// Pod, {"baseline": allowed, "restricted": allowed, "baselineReasons": [...], "restrictedReasons": [...]}.
package main

import (
	"encoding/json"
	"fmt"
	"os"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/pod-security-admission/api"
	"k8s.io/pod-security-admission/policy"
)

type verdict struct {
	Baseline          bool     `json:"baseline"`
	Restricted        bool     `json:"restricted"`
	BaselineReasons   []string `json:"baselineReasons"`
	RestrictedReasons []string `json:"restrictedReasons"`
}

func main() {
	var pods []corev1.Pod
	if err := json.NewDecoder(os.Stdin).Decode(&pods); err != nil {
		fmt.Fprintln(os.Stderr, "psa-diff: decode:", err)
		os.Exit(2)
	}
	evaluator, err := policy.NewEvaluator(policy.DefaultChecks(), nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, "psa-diff:", err)
		os.Exit(2)
	}
	eval := func(pod *corev1.Pod, level api.Level) policy.AggregateCheckResult {
		lv := api.LevelVersion{Level: level, Version: api.LatestVersion()}
		return policy.AggregateCheckResults(evaluator.EvaluatePod(lv, &pod.ObjectMeta, &pod.Spec))
	}
	out := make([]verdict, 0, len(pods))
	for i := range pods {
		b := eval(&pods[i], api.LevelBaseline)
		r := eval(&pods[i], api.LevelRestricted)
		out = append(out, verdict{b.Allowed, r.Allowed, b.ForbiddenReasons, r.ForbiddenReasons})
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, "psa-diff: encode:", err)
		os.Exit(2)
	}
}
