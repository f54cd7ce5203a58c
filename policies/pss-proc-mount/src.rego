# METADATA
# title: "Pod Security Standards: /proc mount type"
# description: |
#   securityContext.procMount must be unset or Default. baseline (Kubernetes
#   1.35+) allows any value for pods in a user namespace (hostUsers: false);
#   restricted does not.
package hardeningpssprocmount

import future.keywords.contains
import future.keywords.if
import future.keywords.in

import data.lib.pods
import data.lib.pss

violation contains {"msg": msg, "details": details} if {
	not relaxed
	some c in pods.containers
	mount := pss.field(c, "procMount")
	mount != null
	mount != "Default"
	msg := sprintf(
		"%s sets securityContext.procMount to %q, unmasking /proc. Remove it or set it to Default (Pod Security Standards %s: /proc mount type).",
		[pss.where(c), mount, pss.level],
	)
	details := {"path": pss.container_path(c, "procMount"), "container": c.name, "value": mount}
}

relaxed if {
	not pss.restricted
	pods.user_namespace
}
