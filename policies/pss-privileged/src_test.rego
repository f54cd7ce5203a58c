package hardeningpssprivileged_test

import future.keywords.every
import future.keywords.if
import future.keywords.in

import data.hardeningpssprivileged.violation
import data.lib.fixtures

c(name, sc) := {"name": name, "image": "app:1", "securityContext": sc}

test_unset_and_false_allowed if {
	count(violation) == 0 with input as fixtures.pod({"containers": [{"name": "a", "image": "a:1"}]}, {})
	count(violation) == 0 with input as fixtures.pod({"containers": [c("a", null), c("b", {}), c("c", {"privileged": false}), c("d", {"privileged": null})]}, {})
}

test_privileged_denied_in_every_container_field_and_kind if {
	spec := {
		"initContainers": [c("init", {"privileged": true})],
		"containers": [c("ok", {}), c("app", {"privileged": true})],
		"ephemeralContainers": [c("debug", {"privileged": true})],
	}
	every kind in fixtures.kinds {
		v := violation with input as fixtures.pod_input(kind, spec, {})
		p := fixtures.spec_paths[kind]
		{x.details.path | some x in v} == {
			sprintf("%s.initContainers[0].securityContext.privileged", [p]),
			sprintf("%s.containers[1].securityContext.privileged", [p]),
			sprintf("%s.ephemeralContainers[0].securityContext.privileged", [p]),
		}
	}
}

test_pod_level_field_is_not_a_thing if {
	# privileged exists only on containers; a pod-level key is ignored like PSA does.
	count(violation) == 0 with input as fixtures.pod({"securityContext": {"privileged": true}, "containers": [c("a", {})]}, {})
}

test_message if {
	some x in violation with input as fixtures.pod({"containers": [c("app", {"privileged": true})]}, {})
	startswith(x.msg, `Pod prod/web: container "app" sets securityContext.privileged: true`)
	x.details.container == "app"
}
