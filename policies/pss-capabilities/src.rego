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
	not pss.restricted
	some c in pods.containers
	some i, capability in object.get(c.security_context, ["capabilities", "add"], null)
	not capability in baseline_allowed
	msg := sprintf(
		"%s adds capability %q. Remove it from securityContext.capabilities.add; only %v may be added (Pod Security Standards baseline: capabilities).",
		[pss.where(c), capability, sort(baseline_allowed)],
	)
	details := {"path": sprintf("%s.securityContext.capabilities.add[%d]", [pods.path(c), i]), "container": c.name, "value": capability}
}

violation contains {"msg": msg, "details": details} if {
	pss.restricted
	not pods.windows
	some c in pods.containers
	not "ALL" in object.get(c.security_context, ["capabilities", "drop"], null)
	msg := sprintf(
		"%s does not drop all capabilities. Set securityContext.capabilities.drop: [\"ALL\"] (Pod Security Standards restricted: capabilities).",
		[pss.where(c)],
	)
	details := {"path": sprintf("%s.securityContext.capabilities.drop", [pods.path(c)]), "container": c.name, "value": object.get(c.security_context, ["capabilities", "drop"], null)}
}

violation contains {"msg": msg, "details": details} if {
	pss.restricted
	not pods.windows
	some c in pods.containers
	some i, capability in object.get(c.security_context, ["capabilities", "add"], null)
	capability != "NET_BIND_SERVICE"
	msg := sprintf(
		"%s adds capability %q. Remove it from securityContext.capabilities.add; only NET_BIND_SERVICE may be added (Pod Security Standards restricted: capabilities).",
		[pss.where(c), capability],
	)
	details := {"path": sprintf("%s.securityContext.capabilities.add[%d]", [pods.path(c), i]), "container": c.name, "value": capability}
}
