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
	opts := object.get(pods.spec, ["securityContext", "seLinuxOptions"], null)
	opts != null
	some problem in problems(opts)
	[option, value, what] := problem
	msg := sprintf("%s sets securityContext.seLinuxOptions.%s to %q (%s). %s", [pss.pod_where, option, value, what, remedy])
	details := {"path": sprintf("%s.%s", [pss.pod_path("seLinuxOptions"), option]), "value": value}
}

violation contains {"msg": msg, "details": details} if {
	some field in pods.container_fields
	some i, container in object.get(pods.spec, field, [])
	is_object(container)
	opts := object.get(container, ["securityContext", "seLinuxOptions"], null)
	opts != null
	some problem in problems(opts)
	c := pods.entry(field, i, container)
	[option, value, what] := problem
	msg := sprintf("%s sets securityContext.seLinuxOptions.%s to %q (%s). %s", [pss.where(c), option, value, what, remedy])
	details := {"path": sprintf("%s.%s", [pss.container_path(c, "seLinuxOptions"), option]), "container": c.name, "value": value}
}
