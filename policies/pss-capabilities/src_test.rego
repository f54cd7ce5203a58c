package hardeningpsscapabilities_test

import future.keywords.every
import future.keywords.if
import future.keywords.in

import data.hardeningpsscapabilities.violation
import data.lib.fixtures

c(name, caps) := {"name": name, "image": "app:1", "securityContext": {"capabilities": caps}}

baseline := {"level": "baseline"}

restricted := {"level": "restricted"}

run(spec, params) := v if {
	v := violation with input as fixtures.pod(spec, params)
}

test_baseline_default_capabilities_allowed if {
	spec := {"containers": [
		c("a", {"add": ["CHOWN", "NET_BIND_SERVICE", "SETUID", "SYS_CHROOT", "AUDIT_WRITE"]}),
		c("b", {"drop": ["ALL"]}),
		{"name": "plain", "image": "x:1"},
		c("null", null),
		c("nulladd", {"add": null}),
	]}
	count(run(spec, baseline)) == 0
	count(run(spec, {})) == 0
}

test_baseline_non_default_denied if {
	spec := {"initContainers": [c("i", {"add": ["NET_RAW"]})], "containers": [c("a", {"add": ["CHOWN", "SYS_ADMIN"]})]}
	v := run(spec, baseline)
	{x.details.path | some x in v} == {
		"spec.initContainers[0].securityContext.capabilities.add[0]",
		"spec.containers[0].securityContext.capabilities.add[1]",
	}
	some x in v
	x.details.value == "SYS_ADMIN"
	contains(x.msg, `adds capability "SYS_ADMIN"`)
}

test_baseline_is_case_sensitive if {
	count(run({"containers": [c("a", {"add": ["chown"]})]}, baseline)) == 1
}

test_baseline_checked_for_windows_pods if {
	count(run({"os": {"name": "windows"}, "containers": [c("a", {"add": ["SYS_ADMIN"]})]}, baseline)) == 1
}

test_restricted_drop_all_required if {
	count(run({"containers": [c("a", {"drop": ["ALL"]})]}, restricted)) == 0
	count(run({"containers": [c("a", {"drop": ["ALL"], "add": ["NET_BIND_SERVICE"]})]}, restricted)) == 0
	v := run({"containers": [{"name": "plain", "image": "x:1"}, c("some", {"drop": ["NET_RAW"]}), c("lower", {"drop": ["all"]}), c("nul", null)]}, restricted)
	{x.details.path | some x in v} == {
		"spec.containers[0].securityContext.capabilities.drop",
		"spec.containers[1].securityContext.capabilities.drop",
		"spec.containers[2].securityContext.capabilities.drop",
		"spec.containers[3].securityContext.capabilities.drop",
	}
}

test_restricted_only_net_bind_service_added if {
	v := run({"containers": [c("a", {"drop": ["ALL"], "add": ["NET_BIND_SERVICE", "CHOWN"]})]}, restricted)
	{x.details.path | some x in v} == {"spec.containers[0].securityContext.capabilities.add[1]"}
}

test_restricted_windows_exempt if {
	count(run({"os": {"name": "windows"}, "containers": [c("a", {"add": ["SYS_ADMIN"]})]}, restricted)) == 0
	count(run({"os": {"name": "linux"}, "containers": [c("a", {"add": ["SYS_ADMIN"]})]}, restricted)) == 2
}

test_every_kind if {
	spec := {"containers": [c("a", {"drop": ["ALL"]})], "ephemeralContainers": [c("e", {"add": ["SYS_PTRACE"]})]}
	every kind in fixtures.kinds {
		vb := violation with input as fixtures.pod_input(kind, spec, baseline)
		{x.details.path | some x in vb} == {sprintf("%s.ephemeralContainers[0].securityContext.capabilities.add[0]", [fixtures.spec_paths[kind]])}
		vr := violation with input as fixtures.pod_input(kind, spec, restricted)
		count(vr) == 2
	}
}
