package hardeningpsssysctls_test

import future.keywords.every
import future.keywords.if
import future.keywords.in

import data.hardeningpsssysctls.safe
import data.hardeningpsssysctls.violation
import data.lib.fixtures

app := [{"name": "app", "image": "app:1"}]

run(sysctls) := v if {
	v := violation with input as fixtures.pod({"securityContext": {"sysctls": sysctls}, "containers": app}, {})
}

test_safe_sysctls_allowed if {
	count(run([{"name": s, "value": "1"} | some s in safe])) == 0
	count(run(null)) == 0
	count(violation) == 0 with input as fixtures.pod({"securityContext": null, "containers": app}, {})
	count(safe) == 14
}

test_unsafe_sysctls_denied if {
	v := run([{"name": "net.ipv4.tcp_syncookies", "value": "1"}, {"name": "kernel.msgmax", "value": "1"}, {"name": "net.core.somaxconn", "value": "1"}])
	{x.details.path | some x in v} == {"spec.securityContext.sysctls[1].name", "spec.securityContext.sysctls[2].name"}
}

test_every_kind if {
	every kind in fixtures.kinds {
		v := violation with input as fixtures.pod_input(kind, {"securityContext": {"sysctls": [{"name": "kernel.sem"}]}, "containers": app}, {})
		{x.details.path | some x in v} == {sprintf("%s.securityContext.sysctls[0].name", [fixtures.spec_paths[kind]])}
	}
}
