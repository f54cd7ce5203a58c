# METADATA
# title: "PSS baseline: AppArmor"
# description: "AppArmor must not be disabled or overridden: securityContext.appArmorProfile.type
#   on the pod or a container must be RuntimeDefault or Localhost, and
#   container.apparmor.security.beta.kubernetes.io/* annotations must be runtime/default or
#   localhost/<profile>."
package hardeningpssapparmor

import future.keywords.contains
import future.keywords.if
import future.keywords.in

import data.lib.k8s
import data.lib.pods
import data.lib.pss

allowed_types := {"RuntimeDefault", "Localhost"}

annotation_prefix := "container.apparmor.security.beta.kubernetes.io/"

remedy := "Use RuntimeDefault or a Localhost profile instead of Unconfined (Pod Security Standards baseline: AppArmor)."

violation contains {"msg": msg, "details": details} if {
	profile := object.get(pods.spec, ["securityContext", "appArmorProfile"], null)
	profile != null
	type := k8s.get(profile, "type", "")
	not type in allowed_types
	msg := sprintf("%s sets securityContext.appArmorProfile.type to %q. %s", [pss.pod_where, type, remedy])
	details := {"path": sprintf("%s.type", [pss.pod_path("appArmorProfile")]), "value": type}
}

violation contains {"msg": msg, "details": details} if {
	some field in pods.container_fields
	some i, container in object.get(pods.spec, field, [])
	is_object(container)
	profile := object.get(container, ["securityContext", "appArmorProfile"], null)
	profile != null
	type := k8s.get(profile, "type", "")
	not type in allowed_types
	c := pods.entry(field, i, container)
	msg := sprintf("%s sets securityContext.appArmorProfile.type to %q. %s", [pss.where(c), type, remedy])
	details := {"path": sprintf("%s.type", [pss.container_path(c, "appArmorProfile")]), "container": c.name, "value": type}
}

violation contains {"msg": msg, "details": details} if {
	some key, value in object.get(pods.pod.metadata, "annotations", {}) # null iterates like {}
	startswith(key, annotation_prefix)
	not allowed_annotation(value)
	msg := sprintf(
		"%s: annotation %s is %q. Use runtime/default or localhost/<profile>, or better securityContext.appArmorProfile (Pod Security Standards baseline: AppArmor).",
		[k8s.label, key, value],
	)
	details := {"path": k8s.field_path(sprintf("%s.annotations", [pods.pod.metadata_path]), key), "value": value}
}

allowed_annotation(value) if value in {"", "runtime/default"}

allowed_annotation(value) if startswith(value, "localhost/")
