# METADATA
# title: "PSS baseline: sysctls"
# description: spec.securityContext.sysctls may set only the namespaced, isolated safe sysctls of
#   Kubernetes 1.37.
package hardeningpsssysctls

import future.keywords.contains
import future.keywords.if
import future.keywords.in

import data.lib.k8s
import data.lib.pods
import data.lib.pss

# The safe set of k8s.io/pod-security-admission at Kubernetes 1.37.
safe := {
	"kernel.shm_rmid_forced",
	"net.ipv4.ip_local_port_range",
	"net.ipv4.tcp_syncookies",
	"net.ipv4.ping_group_range",
	"net.ipv4.ip_unprivileged_port_start",
	"net.ipv4.ip_local_reserved_ports",
	"net.ipv4.tcp_keepalive_time",
	"net.ipv4.tcp_fin_timeout",
	"net.ipv4.tcp_keepalive_intvl",
	"net.ipv4.tcp_keepalive_probes",
	"net.ipv4.tcp_rmem",
	"net.ipv4.tcp_wmem",
	"net.ipv4.tcp_slow_start_after_idle",
	"net.ipv4.tcp_notsent_lowat",
}

violation contains {"msg": msg, "details": details} if {
	some i, sysctl in object.get(pods.spec, ["securityContext", "sysctls"], [])
	name := k8s.get(sysctl, "name", "")
	not name in safe
	msg := sprintf(
		"%s sets sysctl %q, which is not in the safe set. Remove it, or run the workload where the node is configured for it (Pod Security Standards baseline: sysctls).",
		[pss.pod_where, name],
	)
	details := {"path": sprintf("%s.securityContext.sysctls[%d].name", [pods.pod.spec_path, i]), "value": name}
}
