package hardeningpssseccomp_test

import future.keywords.every
import future.keywords.if
import future.keywords.in

import data.hardeningpssseccomp.violation
import data.lib.fixtures

c(name, sc) := {"name": name, "image": "app:1", "securityContext": sc}

rd := {"seccompProfile": {"type": "RuntimeDefault"}}

run(spec, level) := v if {
	v := violation with input as fixtures.pod(spec, {"level": level})
}

paths(spec, level) := {x.details.path | some x in run(spec, level)}

test_baseline_unset_allowed if {
	count(run({"containers": [c("a", {}), c("b", null)]}, "baseline")) == 0
	count(run({"securityContext": {"seccompProfile": null}, "containers": [c("a", {"seccompProfile": null})]}, "baseline")) == 0
}

test_baseline_unconfined_denied if {
	spec := {
		"securityContext": {"seccompProfile": {"type": "Unconfined"}},
		"containers": [c("a", {"seccompProfile": {}}), c("b", {"seccompProfile": {"type": "Localhost", "localhostProfile": "p.json"}})],
	}
	paths(spec, "baseline") == {
		"spec.securityContext.seccompProfile.type",
		"spec.containers[0].securityContext.seccompProfile.type",
	}
}

test_baseline_checks_windows_pods if {
	count(run({"os": {"name": "windows"}, "securityContext": {"seccompProfile": {"type": "Unconfined"}}, "containers": [c("a", {})]}, "baseline")) == 1
}

test_baseline_ignores_legacy_annotations if {
	annotations := {"seccomp.security.alpha.kubernetes.io/pod": "unconfined"}
	v := violation with input as fixtures.pod_input_meta("Pod", {"containers": [c("a", {})]}, {"annotations": annotations}, {"level": "baseline"})
	count(v) == 0
}

test_restricted_pod_level_covers_containers if {
	count(run({"securityContext": rd, "containers": [c("a", {}), c("b", null)], "initContainers": [c("i", {})]}, "restricted")) == 0
	count(run({"containers": [c("a", rd), c("b", {"seccompProfile": {"type": "Localhost", "localhostProfile": "x"}})]}, "restricted")) == 0
}

test_restricted_missing_profile_denied if {
	paths({"containers": [c("a", rd), c("b", {})], "ephemeralContainers": [c("e", null)]}, "restricted") == {
		"spec.containers[1].securityContext.seccompProfile",
		"spec.ephemeralContainers[0].securityContext.seccompProfile",
	}
}

test_restricted_container_unconfined_overrides_pod if {
	paths({"securityContext": rd, "containers": [c("a", {"seccompProfile": {"type": "Unconfined"}})]}, "restricted") == {"spec.containers[0].securityContext.seccompProfile.type"}
}

test_restricted_bad_pod_profile if {
	paths({"securityContext": {"seccompProfile": {"type": "Unconfined"}}, "containers": [c("a", {})]}, "restricted") == {"spec.securityContext.seccompProfile.type"}
}

test_restricted_windows_exempt if {
	count(run({"os": {"name": "windows"}, "securityContext": {"seccompProfile": {"type": "Unconfined"}}, "containers": [c("a", {})]}, "restricted")) == 0
}

test_every_kind if {
	every kind in fixtures.kinds {
		v := violation with input as fixtures.pod_input(kind, {"containers": [c("a", {})]}, {"level": "restricted"})
		{x.details.path | some x in v} == {sprintf("%s.containers[0].securityContext.seccompProfile", [fixtures.spec_paths[kind]])}
	}
}
