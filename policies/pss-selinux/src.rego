# METADATA
# title: "PSS baseline: SELinux"
# description: seLinuxOptions on the pod or a container may set type only to container_t,
#   container_init_t, container_kvm_t or container_engine_t, and must not set user or role.
package hardeningpssselinux

import future.keywords.contains
import future.keywords.if
import future.keywords.in

import data.lib.k8s
import data.lib.pods
import data.lib.pss

allowed_types := {"", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"}

remedy := "Remove the custom SELinux type, user and role (Pod Security Standards baseline: SELinux)."

# problems of one seLinuxOptions object as [field, value, description].
problems(opts) := [p |
	some p in [
		["type", k8s.get(opts, "type", ""), "forbidden type"],
		["user", k8s.get(opts, "user", ""), "user"],
		["role", k8s.get(opts, "role", ""), "role"],
	]
	bad(p[0], p[1])
]

bad("type", value) if not value in allowed_types

bad(field, value) if {
	field in {"user", "role"}
	value != ""
}

violation contains {"msg": msg, "details": details} if {
	opts := object.get(pods.pod_security_context, "seLinuxOptions", null)
	opts != null
	some problem in problems(opts)
	[field, value, what] := problem
	msg := sprintf("%s sets securityContext.seLinuxOptions.%s to %q (%s). %s", [pss.pod_where, field, value, what, remedy])
	details := {"path": sprintf("%s.%s", [pss.pod_path("seLinuxOptions"), field]), "value": value}
}

violation contains {"msg": msg, "details": details} if {
	some c in pods.containers
	opts := object.get(c.security_context, "seLinuxOptions", null)
	opts != null
	some problem in problems(opts)
	[field, value, what] := problem
	msg := sprintf("%s sets securityContext.seLinuxOptions.%s to %q (%s). %s", [pss.where(c), field, value, what, remedy])
	details := {"path": sprintf("%s.%s", [pss.container_path(c, "seLinuxOptions"), field]), "container": c.name, "value": value}
}
