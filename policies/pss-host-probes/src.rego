# METADATA
# title: "PSS baseline: host probes and lifecycle hooks"
# description: Liveness, readiness and startup probes and postStart/preStop lifecycle handlers
#   must not set httpGet.host or tcpSocket.host, which would make the kubelet connect to arbitrary
#   hosts on the pod's behalf.
package hardeningpsshostprobes

import future.keywords.contains
import future.keywords.if
import future.keywords.in

import data.lib.pods
import data.lib.pss

violation contains {"msg": msg, "details": details} if {
	some field in pods.container_fields
	some i, container in object.get(pods.spec, field, [])
	is_object(container)
	some path in host_paths
	host := object.get(container, path, null)
	host != null
	host != ""
	host_field := concat(".", path)
	c := pods.entry(field, i, container)
	msg := sprintf(
		"%s sets %s to %q. Remove the host so the kubelet probes the pod itself (Pod Security Standards baseline: host probes / lifecycle hooks).",
		[pss.where(c), host_field, host],
	)
	details := {"path": sprintf("%s.%s", [pods.path(c), host_field]), "container": c.name, "value": host}
}

# The host of every probe and lifecycle handler, read with one object.get each
# (null when the handler is absent or not an object).
host_paths := [
	["livenessProbe", "httpGet", "host"],
	["livenessProbe", "tcpSocket", "host"],
	["readinessProbe", "httpGet", "host"],
	["readinessProbe", "tcpSocket", "host"],
	["startupProbe", "httpGet", "host"],
	["startupProbe", "tcpSocket", "host"],
	["lifecycle", "postStart", "httpGet", "host"],
	["lifecycle", "postStart", "tcpSocket", "host"],
	["lifecycle", "preStop", "httpGet", "host"],
	["lifecycle", "preStop", "tcpSocket", "host"],
]
