# METADATA
# title: "PSS restricted: running as non-root user"
# description: "Neither the pod nor any container may set runAsUser: 0. Pods in a user namespace
#   (spec.hostUsers: false) are exempt (Kubernetes 1.35+)."
package hardeningpssrunasuser

import future.keywords.contains
import future.keywords.if
import future.keywords.in

import data.lib.pods
import data.lib.pss

remedy := "Set runAsUser to a non-zero UID, or remove it and rely on the image's non-root USER (Pod Security Standards restricted: running as non-root user)."

violation contains {"msg": msg, "details": details} if {
	object.get(pods.spec, ["securityContext", "runAsUser"], null) == 0
	not pods.user_namespace
	msg := sprintf("%s sets securityContext.runAsUser: 0 (root). %s", [pss.pod_where, remedy])
	details := {"path": pss.pod_path("runAsUser"), "value": 0}
}

violation contains {"msg": msg, "details": details} if {
	some field in pods.container_fields
	some i, container in object.get(pods.spec, field, [])
	is_object(container)
	object.get(container, ["securityContext", "runAsUser"], null) == 0
	not pods.user_namespace # regal ignore:non-loop-expression
	c := pods.entry(field, i, container)
	msg := sprintf("%s sets securityContext.runAsUser: 0 (root). %s", [pss.where(c), remedy])
	details := {"path": pss.container_path(c, "runAsUser"), "container": c.name, "value": 0}
}
