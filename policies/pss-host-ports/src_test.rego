package hardeningpsshostports_test

import future.keywords.every
import future.keywords.if
import future.keywords.in

import data.hardeningpsshostports.violation
import data.lib.fixtures

c(name, ports) := {"name": name, "image": "app:1", "ports": ports}

test_container_ports_allowed if {
	count(violation) == 0 with input as fixtures.pod(
		{"containers": [
			c("a", [{"containerPort": 80}]),
			c("b", [{"containerPort": 80, "hostPort": 0}]),
			c("c", [{"containerPort": 80, "hostPort": null}]),
			c("d", null),
		]},
		{},
	)
}

test_host_ports_denied if {
	spec := {
		"initContainers": [c("i", [{"containerPort": 53, "hostPort": 53}])],
		"containers": [c("a", [{"containerPort": 80}, {"containerPort": 443, "hostPort": 8443}])],
		"ephemeralContainers": [c("e", [{"containerPort": 1, "hostPort": 1}])],
	}
	every kind in fixtures.kinds {
		v := violation with input as fixtures.pod_input(kind, spec, {})
		p := fixtures.spec_paths[kind]
		{x.details.path | some x in v} == {
			sprintf("%s.initContainers[0].ports[0].hostPort", [p]),
			sprintf("%s.containers[0].ports[1].hostPort", [p]),
			sprintf("%s.ephemeralContainers[0].ports[0].hostPort", [p]),
		}
	}
}

test_message if {
	some x in violation with input as fixtures.pod({"containers": [c("a", [{"containerPort": 443, "hostPort": 8443}])]}, {})
	startswith(x.msg, `Pod prod/web: container "a" binds hostPort 8443 on the node.`)
}
