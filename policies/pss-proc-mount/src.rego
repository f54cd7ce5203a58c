# METADATA
# title: "PSS: /proc mount type"
# description: "securityContext.procMount must be unset or Default. baseline allows other values
#   for pods in a user namespace (spec.hostUsers: false, Kubernetes 1.35+); restricted never
#   does."
package hardeningpssprocmount

import future.keywords.contains
import future.keywords.if
import future.keywords.in

import data.lib.pods
import data.lib.pss

violation contains {"msg": msg, "details": details} if {
	some field in pods.container_fields
	some i, container in object.get(pods.spec, field, [])
	is_object(container)
	mount := object.get(container, ["securityContext", "procMount"], null)
	mount != null
	mount != "Default"
	not relaxed # regal ignore:non-loop-expression
	c := pods.entry(field, i, container)
	msg := sprintf(
		"%s sets securityContext.procMount to %q, unmasking /proc. Remove it or set it to Default (Pod Security Standards %s: /proc mount type).",
		[pss.where(c), mount, pss.level],
	)
	details := {"path": pss.container_path(c, "procMount"), "container": c.name, "value": mount}
}

relaxed if {
	pods.user_namespace
	not pss.restricted
}
