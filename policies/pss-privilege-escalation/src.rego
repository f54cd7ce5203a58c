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
	not pods.windows
	some c in pods.containers
	value := object.get(c.security_context, "allowPrivilegeEscalation", null)
	value != false
	msg := sprintf(
		"%s does not set securityContext.allowPrivilegeEscalation: false (it is %v). Set it to false (Pod Security Standards restricted: privilege escalation).",
		[pss.where(c), value],
	)
	details := {"path": pss.container_path(c, "allowPrivilegeEscalation"), "container": c.name, "value": value}
}
