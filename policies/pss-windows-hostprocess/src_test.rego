package hardeningpsswindowshostprocess_test

import future.keywords.every
import future.keywords.if
import future.keywords.in

import data.hardeningpsswindowshostprocess.violation
import data.lib.fixtures

c(name, sc) := {"name": name, "image": "app:1", "securityContext": sc}

test_allowed if {
	count(violation) == 0 with input as fixtures.pod(
		{
			"os": {"name": "windows"},
			"securityContext": {"windowsOptions": {"hostProcess": false, "runAsUserName": "ContainerUser"}},
			"containers": [c("a", {"windowsOptions": null}), c("b", null), c("c", {"windowsOptions": {"hostProcess": null}})],
		},
		{},
	)
}

test_pod_and_container_denied if {
	every kind in fixtures.kinds {
		v := violation with input as fixtures.pod_input(
			kind, {
				"securityContext": {"windowsOptions": {"hostProcess": true}},
				"containers": [c("a", {"windowsOptions": {"hostProcess": true}})],
			},
			{},
		)
		p := fixtures.spec_paths[kind]
		{x.details.path | some x in v} == {
			sprintf("%s.securityContext.windowsOptions.hostProcess", [p]),
			sprintf("%s.containers[0].securityContext.windowsOptions.hostProcess", [p]),
		}
	}
}
