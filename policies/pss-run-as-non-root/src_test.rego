package hardeningpssrunasnonroot_test

import future.keywords.every
import future.keywords.if
import future.keywords.in

import data.hardeningpssrunasnonroot.violation
import data.lib.fixtures

c(name, sc) := {"name": name, "image": "app:1", "securityContext": sc}

paths(spec) := {x.details.path | some x in v} if {
	v := violation with input as fixtures.pod(spec, {})
}

test_pod_level_true_covers_containers if {
	paths({"securityContext": {"runAsNonRoot": true}, "containers": [c("a", {}), c("b", null)]}) == set()
}

test_container_level_true if {
	paths({"containers": [c("a", {"runAsNonRoot": true})], "initContainers": [c("i", {"runAsNonRoot": true})]}) == set()
}

test_unset_denied if {
	paths({"containers": [c("a", {}), c("b", {"runAsNonRoot": true})], "ephemeralContainers": [c("e", null)]}) == {
		"spec.containers[0].securityContext.runAsNonRoot",
		"spec.ephemeralContainers[0].securityContext.runAsNonRoot",
	}
}

test_explicit_false_denied if {
	paths({"securityContext": {"runAsNonRoot": true}, "containers": [c("a", {"runAsNonRoot": false})]}) == {"spec.containers[0].securityContext.runAsNonRoot"}
	paths({"securityContext": {"runAsNonRoot": false}, "containers": [c("a", {"runAsNonRoot": true}), c("b", {})]}) == {"spec.securityContext.runAsNonRoot"}
}

test_user_namespace_exempt if {
	paths({"hostUsers": false, "securityContext": {"runAsNonRoot": false}, "containers": [c("a", {})]}) == set()
	count(paths({"hostUsers": true, "containers": [c("a", {})]})) == 1
}

test_windows_not_exempt if {
	count(paths({"os": {"name": "windows"}, "containers": [c("a", {})]})) == 1
}

test_every_kind if {
	every kind in fixtures.kinds {
		v := violation with input as fixtures.pod_input(kind, {"containers": [c("a", {})]}, {})
		{x.details.path | some x in v} == {sprintf("%s.containers[0].securityContext.runAsNonRoot", [fixtures.spec_paths[kind]])}
	}
}
