# METADATA
# title: "PSS baseline: host namespaces"
# description: Pods must not share the node's network, PID or IPC namespace (spec.hostNetwork,
#   spec.hostPID, spec.hostIPC).
package hardeningpsshostnamespaces

import future.keywords.contains
import future.keywords.if
import future.keywords.in

import data.lib.k8s
import data.lib.pods

namespaces := {"hostNetwork": "network", "hostPID": "process ID", "hostIPC": "IPC"}

violation contains {"msg": msg, "details": details} if {
	some field, shared in namespaces
	pods.spec[field] == true
	msg := sprintf(
		"%s: pod sets %s: true and shares the node's %s namespace. Remove %s (Pod Security Standards baseline: host namespaces).",
		[k8s.label, field, shared, field],
	)
	details := {"path": sprintf("%s.%s", [pods.pod.spec_path, field]), "field": field, "value": true}
}
