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
	some c in pods.containers
	some handler in handler_paths
	h := object.get(c.container, handler, null)
	is_object(h)
	some action in ["httpGet", "tcpSocket"]
	host := object.get(h, [action, "host"], null)
	not host in {null, ""}
	field := sprintf("%s.%s.host", [concat(".", handler), action])
	msg := sprintf(
		"%s sets %s to %q. Remove the host so the kubelet probes the pod itself (Pod Security Standards baseline: host probes / lifecycle hooks).",
		[pss.where(c), field, host],
	)
	details := {"path": sprintf("%s.%s", [pods.path(c), field]), "container": c.name, "value": host}
}

handler_paths := [
	["livenessProbe"],
	["readinessProbe"],
	["startupProbe"],
	["lifecycle", "postStart"],
	["lifecycle", "preStop"],
]
