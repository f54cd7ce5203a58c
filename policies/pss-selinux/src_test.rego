package hardeningpssselinux_test

import future.keywords.every
import future.keywords.if
import future.keywords.in

import data.hardeningpssselinux.violation
import data.lib.fixtures

c(name, sc) := {"name": name, "image": "app:1", "securityContext": sc}

run(spec) := v if {
	v := violation with input as fixtures.pod(spec, {})
}

test_allowed_options if {
	every type in ["", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"] {
		count(run({"securityContext": {"seLinuxOptions": {"type": type, "level": "s0:c123,c456"}}, "containers": [c("a", {"seLinuxOptions": {"type": type}})]})) == 0
	}
	count(run({"securityContext": {"seLinuxOptions": null}, "containers": [c("a", null), c("b", {"seLinuxOptions": {}})]})) == 0
	count(run({"containers": [c("a", {"seLinuxOptions": {"user": "", "role": null}})]})) == 0
}

test_forbidden_type_user_role if {
	v := run({
		"securityContext": {"seLinuxOptions": {"type": "spc_t"}},
		"containers": [c("a", {"seLinuxOptions": {"user": "system_u", "role": "system_r", "type": "container_t"}})],
		"ephemeralContainers": [c("e", {"seLinuxOptions": {"type": "unconfined_t"}})],
	})
	{x.details.path | some x in v} == {
		"spec.securityContext.seLinuxOptions.type",
		"spec.containers[0].securityContext.seLinuxOptions.user",
		"spec.containers[0].securityContext.seLinuxOptions.role",
		"spec.ephemeralContainers[0].securityContext.seLinuxOptions.type",
	}
}

test_every_kind if {
	every kind in fixtures.kinds {
		v := violation with input as fixtures.pod_input(kind, {"containers": [c("a", {"seLinuxOptions": {"type": "spc_t"}})]}, {})
		{x.details.path | some x in v} == {sprintf("%s.containers[0].securityContext.seLinuxOptions.type", [fixtures.spec_paths[kind]])}
	}
}
