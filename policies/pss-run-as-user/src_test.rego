package hardeningpssrunasuser_test

import future.keywords.every
import future.keywords.if
import future.keywords.in

import data.hardeningpssrunasuser.violation
import data.lib.fixtures

c(name, sc) := {"name": name, "image": "app:1", "securityContext": sc}

paths(spec) := {x.details.path | some x in v} if {
	v := violation with input as fixtures.pod(spec, {})
}

test_non_zero_and_unset_allowed if {
	paths({"securityContext": {"runAsUser": 1000}, "containers": [c("a", {}), c("b", null), c("c", {"runAsUser": 65534}), c("d", {"runAsUser": null})]}) == set()
}

test_zero_denied_pod_and_container if {
	paths({
		"securityContext": {"runAsUser": 0},
		"initContainers": [c("i", {"runAsUser": 0})],
		"containers": [c("a", {"runAsUser": 1000})],
		"ephemeralContainers": [c("e", {"runAsUser": 0})],
	}) == {
		"spec.securityContext.runAsUser",
		"spec.initContainers[0].securityContext.runAsUser",
		"spec.ephemeralContainers[0].securityContext.runAsUser",
	}
}

test_user_namespace_exempt if {
	paths({"hostUsers": false, "securityContext": {"runAsUser": 0}, "containers": [c("a", {"runAsUser": 0})]}) == set()
}

test_every_kind if {
	every kind in fixtures.kinds {
		v := violation with input as fixtures.pod_input(kind, {"containers": [c("a", {"runAsUser": 0})]}, {})
		{x.details.path | some x in v} == {sprintf("%s.containers[0].securityContext.runAsUser", [fixtures.spec_paths[kind]])}
	}
}
