package hardeningpsshostnamespaces_test

import future.keywords.every
import future.keywords.if
import future.keywords.in

import data.hardeningpsshostnamespaces.violation
import data.lib.fixtures

app := [{"name": "app", "image": "app:1"}]

test_default_pod_allowed if {
	count(violation) == 0 with input as fixtures.pod({"containers": app}, {})
	count(violation) == 0 with input as fixtures.pod({"containers": app, "hostNetwork": false, "hostPID": null}, {})
}

test_each_namespace_denied_in_every_kind if {
	every kind in fixtures.kinds {
		v := violation with input as fixtures.pod_input(kind, {"containers": app, "hostNetwork": true, "hostPID": true, "hostIPC": true}, {})
		{x.details.path | some x in v} == {
			sprintf("%s.hostNetwork", [fixtures.spec_paths[kind]]),
			sprintf("%s.hostPID", [fixtures.spec_paths[kind]]),
			sprintf("%s.hostIPC", [fixtures.spec_paths[kind]]),
		}
	}
}

test_message if {
	some x in violation with input as fixtures.pod({"containers": app, "hostPID": true}, {})
	x.msg == "Pod prod/web: pod sets hostPID: true and shares the node's process ID namespace. Remove hostPID (Pod Security Standards baseline: host namespaces)."
}
