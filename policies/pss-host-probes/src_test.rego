package hardeningpsshostprobes_test

import future.keywords.every
import future.keywords.if
import future.keywords.in

import data.hardeningpsshostprobes.violation
import data.lib.fixtures

c(extra) := object.union({"name": "app", "image": "app:1"}, extra)

test_probes_without_host_allowed if {
	count(violation) == 0 with input as fixtures.pod(
		{"containers": [c({
			"livenessProbe": {"httpGet": {"path": "/healthz", "port": 8080}},
			"readinessProbe": {"tcpSocket": {"port": 8080, "host": ""}},
			"startupProbe": {"exec": {"command": ["true"]}},
			"lifecycle": {"preStop": {"httpGet": {"path": "/stop", "port": 8080, "host": null}}, "postStart": null},
		})]},
		{},
	)
	count(violation) == 0 with input as fixtures.pod({"containers": [c({"livenessProbe": null, "lifecycle": null})]}, {})
	count(violation) == 0 with input as fixtures.pod({"containers": [c({"livenessProbe": {"grpc": {"port": 9000}}})]}, {})
}

test_every_handler_host_denied if {
	spec := {"containers": [c({
		"livenessProbe": {"httpGet": {"host": "a.example", "port": 80}},
		"readinessProbe": {"tcpSocket": {"host": "10.0.0.1", "port": 80}},
		"startupProbe": {"httpGet": {"host": "metadata.google.internal", "port": 80}},
		"lifecycle": {
			"postStart": {"httpGet": {"host": "b.example", "port": 80}},
			"preStop": {"tcpSocket": {"host": "169.254.169.254", "port": 80}},
		},
	})]}
	every kind in fixtures.kinds {
		v := violation with input as fixtures.pod_input(kind, spec, {})
		p := fixtures.spec_paths[kind]
		{x.details.path | some x in v} == {
			sprintf("%s.containers[0].livenessProbe.httpGet.host", [p]),
			sprintf("%s.containers[0].readinessProbe.tcpSocket.host", [p]),
			sprintf("%s.containers[0].startupProbe.httpGet.host", [p]),
			sprintf("%s.containers[0].lifecycle.postStart.httpGet.host", [p]),
			sprintf("%s.containers[0].lifecycle.preStop.tcpSocket.host", [p]),
		}
	}
}

test_init_and_ephemeral_containers if {
	probe := {"livenessProbe": {"httpGet": {"host": "x", "port": 1}}}
	v := violation with input as fixtures.pod(
		{
			"initContainers": [c(probe)],
			"containers": [c({})],
			"ephemeralContainers": [c({"lifecycle": {"preStop": {"tcpSocket": {"host": "y", "port": 1}}}})],
		},
		{},
	)
	{x.details.path | some x in v} == {"spec.initContainers[0].livenessProbe.httpGet.host", "spec.ephemeralContainers[0].lifecycle.preStop.tcpSocket.host"}
}
