# METADATA
# title: "PSS: seccomp profile"
# description: "baseline: a seccompProfile set on the pod or a container must be RuntimeDefault or
#   Localhost (never Unconfined). restricted: additionally every container must have one, set on
#   the container or inherited from the pod; pods with spec.os.name windows are exempt."
package hardeningpssseccomp

import future.keywords.contains
import future.keywords.if
import future.keywords.in

import data.lib.k8s
import data.lib.pods
import data.lib.pss

allowed_types := {"RuntimeDefault", "Localhost"}

applies if not pss.restricted

applies if not pods.windows

remedy := sprintf("Set securityContext.seccompProfile.type to RuntimeDefault or Localhost (Pod Security Standards %s: seccomp).", [pss.level])

pod_profile := object.get(pods.spec, ["securityContext", "seccompProfile"], null)

# Each rule tests the pod first and asks whether the control applies last, so
# a compliant pod costs no more than reading its profiles.
violation contains {"msg": msg, "details": details} if {
	pod_profile != null
	type := k8s.get(pod_profile, "type", "")
	not type in allowed_types
	applies
	msg := sprintf("%s sets securityContext.seccompProfile.type to %q. %s", [pss.pod_where, type, remedy])
	details := {"path": sprintf("%s.type", [pss.pod_path("seccompProfile")]), "value": type}
}

violation contains {"msg": msg, "details": details} if {
	some field in pods.container_fields
	some i, container in object.get(pods.spec, field, [])
	is_object(container)
	profile := object.get(container, ["securityContext", "seccompProfile"], null)
	profile != null
	type := k8s.get(profile, "type", "")
	not type in allowed_types
	applies # regal ignore:non-loop-expression
	c := pods.entry(field, i, container)
	msg := sprintf("%s sets securityContext.seccompProfile.type to %q. %s", [pss.where(c), type, remedy])
	details := {"path": sprintf("%s.type", [pss.container_path(c, "seccompProfile")]), "container": c.name, "value": type}
}

# restricted: a container without its own profile needs one on the pod. (A pod
# profile that is set but forbidden is reported above.)
violation contains {"msg": msg, "details": details} if {
	pod_profile == null
	some field in pods.container_fields
	some i, container in object.get(pods.spec, field, [])
	is_object(container)
	object.get(container, ["securityContext", "seccompProfile"], null) == null
	pss.restricted # regal ignore:non-loop-expression
	not pods.windows # regal ignore:non-loop-expression
	c := pods.entry(field, i, container)
	msg := sprintf("%s has no seccomp profile. %s", [pss.where(c), remedy])
	details := {"path": pss.container_path(c, "seccompProfile"), "container": c.name, "value": null}
}
