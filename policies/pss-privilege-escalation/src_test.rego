package hardeningpssprivilegeescalation_test

import future.keywords.every
import future.keywords.if
import future.keywords.in

import data.hardeningpssprivilegeescalation.violation
import data.lib.fixtures

c(name, sc) := {"name": name, "image": "app:1", "securityContext": sc}

test_false_required_on_every_container if {
	count(violation) == 0 with input as fixtures.pod({"containers": [c("a", {"allowPrivilegeEscalation": false})]}, {})
	v := violation with input as fixtures.pod(
		{
			"initContainers": [c("i", {})],
			"containers": [c("a", {"allowPrivilegeEscalation": true}), c("b", null), c("ok", {"allowPrivilegeEscalation": false})],
			"ephemeralContainers": [c("e", {"allowPrivilegeEscalation": null})],
		},
		{},
	)
	{x.details.path | some x in v} == {
		"spec.initContainers[0].securityContext.allowPrivilegeEscalation",
		"spec.containers[0].securityContext.allowPrivilegeEscalation",
		"spec.containers[1].securityContext.allowPrivilegeEscalation",
		"spec.ephemeralContainers[0].securityContext.allowPrivilegeEscalation",
	}
}

test_pod_level_does_not_count if {
	count(violation) == 1 with input as fixtures.pod({"securityContext": {"allowPrivilegeEscalation": false}, "containers": [c("a", {})]}, {})
}

test_windows_exempt if {
	count(violation) == 0 with input as fixtures.pod({"os": {"name": "windows"}, "containers": [c("a", {})]}, {})
	count(violation) == 1 with input as fixtures.pod({"os": {"name": "Windows"}, "containers": [c("a", {})]}, {})
}

test_every_kind if {
	every kind in fixtures.kinds {
		v := violation with input as fixtures.pod_input(kind, {"containers": [c("a", {})]}, {})
		{x.details.path | some x in v} == {sprintf("%s.containers[0].securityContext.allowPrivilegeEscalation", [fixtures.spec_paths[kind]])}
	}
}
