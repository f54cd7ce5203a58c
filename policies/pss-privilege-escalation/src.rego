# METADATA
# title: "PSS restricted: privilege escalation"
# description: "Every container must set securityContext.allowPrivilegeEscalation: false; pods
#   with spec.os.name windows are exempt."
package hardeningpssprivilegeescalation

import future.keywords.contains
import future.keywords.if
import future.keywords.in

import data.lib.pods
import data.lib.pss

violation contains {"msg": msg, "details": details} if {
	some field in pods.container_fields
	some i, container in object.get(pods.spec, field, [])
	is_object(container)
	value := object.get(container, ["securityContext", "allowPrivilegeEscalation"], null)
	value != false
	not pods.windows # regal ignore:non-loop-expression
	c := pods.entry(field, i, container)
	msg := sprintf(
		"%s does not set securityContext.allowPrivilegeEscalation: false (it is %v). Set it to false (Pod Security Standards restricted: privilege escalation).",
		[pss.where(c), value],
	)
	details := {"path": pss.container_path(c, "allowPrivilegeEscalation"), "container": c.name, "value": value}
}
