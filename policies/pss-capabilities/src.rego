# METADATA
# title: "PSS: Linux capabilities"
# description: "baseline: containers may add only the container runtime's default capabilities
#   (AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP,
#   SETGID, SETPCAP, SETUID, SYS_CHROOT). restricted: every container must drop ALL and may add
#   back only NET_BIND_SERVICE; pods with spec.os.name windows are exempt."
package hardeningpsscapabilities

import future.keywords.contains
import future.keywords.if
import future.keywords.in

import data.lib.pods
import data.lib.pss

baseline_allowed := {
	"AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
	"NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
}

# securityContext.capabilities.add / .drop are read inline with one builtin
# call per container; null when unset (null iterates and tests membership like
# []).
violation contains {"msg": msg, "details": details} if {
	some field in pods.container_fields
	some i, container in object.get(pods.spec, field, [])
	is_object(container)
	some add_index, capability in object.get(container, ["securityContext", "capabilities", "add"], null)
	not capability in baseline_allowed
	not pss.restricted # regal ignore:non-loop-expression
	c := pods.entry(field, i, container)
	msg := sprintf(
		"%s adds capability %q. Remove it from securityContext.capabilities.add; only %v may be added (Pod Security Standards baseline: capabilities).",
		[pss.where(c), capability, sort(baseline_allowed)],
	)
	details := {"path": sprintf("%s.securityContext.capabilities.add[%d]", [pods.path(c), add_index]), "container": c.name, "value": capability}
}

violation contains {"msg": msg, "details": details} if {
	some field in pods.container_fields
	some i, container in object.get(pods.spec, field, [])
	is_object(container)
	drop := object.get(container, ["securityContext", "capabilities", "drop"], null)
	not "ALL" in drop
	pss.restricted # regal ignore:non-loop-expression
	not pods.windows # regal ignore:non-loop-expression
	c := pods.entry(field, i, container)
	msg := sprintf(
		"%s does not drop all capabilities. Set securityContext.capabilities.drop: [\"ALL\"] (Pod Security Standards restricted: capabilities).",
		[pss.where(c)],
	)
	details := {"path": sprintf("%s.securityContext.capabilities.drop", [pods.path(c)]), "container": c.name, "value": drop}
}

violation contains {"msg": msg, "details": details} if {
	some field in pods.container_fields
	some i, container in object.get(pods.spec, field, [])
	is_object(container)
	some add_index, capability in object.get(container, ["securityContext", "capabilities", "add"], null)
	capability != "NET_BIND_SERVICE"
	pss.restricted # regal ignore:non-loop-expression
	not pods.windows # regal ignore:non-loop-expression
	c := pods.entry(field, i, container)
	msg := sprintf(
		"%s adds capability %q. Remove it from securityContext.capabilities.add; only NET_BIND_SERVICE may be added (Pod Security Standards restricted: capabilities).",
		[pss.where(c), capability],
	)
	details := {"path": sprintf("%s.securityContext.capabilities.add[%d]", [pods.path(c), add_index]), "container": c.name, "value": capability}
}
