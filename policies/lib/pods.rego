# METADATA
# description: |
#   The one place that knows where the pod spec lives in every workload kind.
#   Policies read pod.spec / pod.metadata and iterate `containers`; they never
#   walk workload shapes themselves.
package lib.pods

import future.keywords.contains
import future.keywords.if
import future.keywords.in

import data.lib.k8s

# Path from the object root to its PodTemplateSpec (empty for a bare Pod).
template_paths := {
	"Pod": [],
	"Deployment": ["spec", "template"],
	"StatefulSet": ["spec", "template"],
	"DaemonSet": ["spec", "template"],
	"ReplicaSet": ["spec", "template"],
	"ReplicationController": ["spec", "template"],
	"Job": ["spec", "template"],
	"CronJob": ["spec", "jobTemplate", "spec", "template"],
	"PodTemplate": ["template"],
}

# Container lists in the order Pod Security Admission visits them.
container_fields := ["initContainers", "containers", "ephemeralContainers"]

# pod is undefined for kinds without a pod spec, so pod-level policies are
# silent on them.
#
# Performance: every template evaluates this file, so it uses builtins only. A
# user-defined function call costs several times a builtin call in OPA, and
# per-container calls dominated evaluation time. `{true: a, false: b}[cond]`
# picks a or b without a helper function.
pod := {
	"spec": spec,
	"metadata": {true: metadata, false: {}}[is_object(metadata)],
	"spec_path": concat(".", spec_path),
	"metadata_path": concat(".", metadata_path),
} if {
	base := template_paths[k8s.kind]
	spec_path := array.concat(base, ["spec"])
	spec := object.get(k8s.resource, spec_path, null)
	is_object(spec)
	metadata_path := array.concat(base, ["metadata"])
	metadata := object.get(k8s.resource, metadata_path, {})
}

# containers yields every container, initContainer and ephemeralContainer:
#   container:        the container object
#   name:             its name ("" when absent or null)
#   field:            "containers" | "initContainers" | "ephemeralContainers"
#   path:             field path, e.g. "spec.template.spec.containers[1]"
#   security_context: its securityContext ({} when absent, null or not an object)
# Each entry is built once per evaluation with builtins only; policies then read
# c.name and c.security_context instead of calling helpers per container.
containers contains c if {
	some field in container_fields
	some i, container in object.get(pod.spec, field, [])
	is_object(container)
	name := object.get(container, "name", "")
	sc := object.get(container, "securityContext", {})
	c := {
		"container": container,
		"name": {true: name, false: ""}[name != null],
		"field": field,
		"path": sprintf("%s.%s[%d]", [pod.spec_path, field, i]),
		"security_context": {true: sc, false: {}}[is_object(sc)],
	}
}

# pod_security_context is spec.securityContext ({} when absent, null or not an
# object).
pod_security_context := {true: sc, false: {}}[is_object(sc)] if {
	sc := object.get(pod.spec, "securityContext", {})
}

# windows is true for pods that declare spec.os.name: windows; the restricted
# profile relaxes several Linux-only controls for them.
windows if object.get(pod.spec, ["os", "name"], null) == "windows"

# user_namespace is true for pods with hostUsers: false; Kubernetes 1.35+
# relaxes runAsNonRoot, runAsUser and the baseline procMount control for them.
user_namespace if pod.spec.hostUsers == false
