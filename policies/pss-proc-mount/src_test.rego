package hardeningpssprocmount_test

import future.keywords.every
import future.keywords.if
import future.keywords.in

import data.hardeningpssprocmount.violation
import data.lib.fixtures

c(name, sc) := {"name": name, "image": "app:1", "securityContext": sc}

run(spec, level) := v if {
	v := violation with input as fixtures.pod(spec, {"level": level})
}

test_default_allowed if {
	every level in ["baseline", "restricted"] {
		count(run({"containers": [c("a", {"procMount": "Default"}), c("b", {}), c("c", null), c("d", {"procMount": null})]}, level)) == 0
	}
}

test_unmasked_denied if {
	every level in ["baseline", "restricted"] {
		v := run({"initContainers": [c("i", {"procMount": "Unmasked"})], "containers": [c("a", {"procMount": "Unmasked"})]}, level)
		{x.details.path | some x in v} == {"spec.initContainers[0].securityContext.procMount", "spec.containers[0].securityContext.procMount"}
	}
}

test_user_namespace_relaxes_baseline_only if {
	spec := {"hostUsers": false, "containers": [c("a", {"procMount": "Unmasked"})]}
	count(run(spec, "baseline")) == 0
	count(run(spec, "restricted")) == 1
	count(run(object.union(spec, {"hostUsers": true}), "baseline")) == 1
	count(run(object.union(spec, {"hostUsers": null}), "baseline")) == 1
}

test_every_kind if {
	every kind in fixtures.kinds {
		v := violation with input as fixtures.pod_input(kind, {"containers": [c("a", {"procMount": "Unmasked"})]}, {})
		{x.details.path | some x in v} == {sprintf("%s.containers[0].securityContext.procMount", [fixtures.spec_paths[kind]])}
	}
}
