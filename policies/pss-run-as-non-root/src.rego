# METADATA
# title: "PSS restricted: running as non-root"
# description: "Every container must run with runAsNonRoot: true, set on the container or
#   inherited from the pod, and neither may set it to false. Pods in a user namespace
#   (spec.hostUsers: false) are exempt (Kubernetes 1.35+)."
package hardeningpssrunasnonroot

import future.keywords.contains
import future.keywords.if
import future.keywords.in

import data.lib.pods
import data.lib.pss

remedy := "Set securityContext.runAsNonRoot: true on the pod or the container and run the image as a non-zero UID (Pod Security Standards restricted: running as non-root)."

pod_value := object.get(pods.spec, ["securityContext", "runAsNonRoot"], null)

violation contains {"msg": msg, "details": details} if {
	pod_value == false
	not pods.user_namespace
	msg := sprintf("%s sets securityContext.runAsNonRoot: false. %s", [pss.pod_where, remedy])
	details := {"path": pss.pod_path("runAsNonRoot"), "value": false}
}

violation contains {"msg": msg, "details": details} if {
	some field in pods.container_fields
	some i, container in object.get(pods.spec, field, [])
	is_object(container)
	object.get(container, ["securityContext", "runAsNonRoot"], null) == false
	not pods.user_namespace # regal ignore:non-loop-expression
	c := pods.entry(field, i, container)
	msg := sprintf("%s sets securityContext.runAsNonRoot: false. %s", [pss.where(c), remedy])
	details := {"path": pss.container_path(c, "runAsNonRoot"), "container": c.name, "value": false}
}

# Containers that inherit an unset pod value. (A pod value of false is
# reported above.)
violation contains {"msg": msg, "details": details} if {
	pod_value == null
	some field in pods.container_fields
	some i, container in object.get(pods.spec, field, [])
	is_object(container)
	object.get(container, ["securityContext", "runAsNonRoot"], null) == null
	not pods.user_namespace # regal ignore:non-loop-expression
	c := pods.entry(field, i, container)
	msg := sprintf("%s does not set runAsNonRoot, and neither does the pod. %s", [pss.where(c), remedy])
	details := {"path": pss.container_path(c, "runAsNonRoot"), "container": c.name, "value": null}
}
