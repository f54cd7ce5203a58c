# METADATA
# title: "PSS baseline: privileged containers"
# description: "Containers, initContainers and ephemeralContainers must not set
#   securityContext.privileged: true."
package hardeningpssprivileged

import future.keywords.contains
import future.keywords.if
import future.keywords.in

import data.lib.pods
import data.lib.pss

violation contains {"msg": msg, "details": details} if {
	some field in pods.container_fields
	some i, container in object.get(pods.spec, field, [])
	is_object(container)
	object.get(container, ["securityContext", "privileged"], null) == true
	c := pods.entry(field, i, container)
	msg := sprintf(
		"%s sets securityContext.privileged: true, which gives it full access to the node. Remove it or set it to false (Pod Security Standards baseline: privileged containers).",
		[pss.where(c)],
	)
	details := {"path": pss.container_path(c, "privileged"), "container": c.name, "value": true}
}
