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

# Where the PodTemplateSpec lives in each workload kind: the paths from the
# object root to its spec and metadata, and the same as dotted field paths.
#
# Performance: every template evaluates this file for every review, so it uses
# literals and builtins only. Rules are evaluated anew for each review (a table
# derived with array.concat costs more than all the rest of pod), and a
# user-defined function call costs several times a builtin call (in
# allocations, which is what the tail latency follows). `{true: a, false:
# b}[cond]` picks a or b without a helper function.
templates := {
	"Pod": {
		"spec": ["spec"],
		"metadata": ["metadata"],
		"spec_path": "spec",
		"metadata_path": "metadata",
	},
	"Deployment": {
		"spec": ["spec", "template", "spec"],
		"metadata": ["spec", "template", "metadata"],
		"spec_path": "spec.template.spec",
		"metadata_path": "spec.template.metadata",
	},
	"StatefulSet": {
		"spec": ["spec", "template", "spec"],
		"metadata": ["spec", "template", "metadata"],
		"spec_path": "spec.template.spec",
		"metadata_path": "spec.template.metadata",
	},
	"DaemonSet": {
		"spec": ["spec", "template", "spec"],
		"metadata": ["spec", "template", "metadata"],
		"spec_path": "spec.template.spec",
		"metadata_path": "spec.template.metadata",
	},
	"ReplicaSet": {
		"spec": ["spec", "template", "spec"],
		"metadata": ["spec", "template", "metadata"],
		"spec_path": "spec.template.spec",
		"metadata_path": "spec.template.metadata",
	},
	"ReplicationController": {
		"spec": ["spec", "template", "spec"],
		"metadata": ["spec", "template", "metadata"],
		"spec_path": "spec.template.spec",
		"metadata_path": "spec.template.metadata",
	},
	"Job": {
		"spec": ["spec", "template", "spec"],
		"metadata": ["spec", "template", "metadata"],
		"spec_path": "spec.template.spec",
		"metadata_path": "spec.template.metadata",
	},
	"CronJob": {
		"spec": ["spec", "jobTemplate", "spec", "template", "spec"],
		"metadata": ["spec", "jobTemplate", "spec", "template", "metadata"],
		"spec_path": "spec.jobTemplate.spec.template.spec",
		"metadata_path": "spec.jobTemplate.spec.template.metadata",
	},
	"PodTemplate": {
		"spec": ["template", "spec"],
		"metadata": ["template", "metadata"],
		"spec_path": "template.spec",
		"metadata_path": "template.metadata",
	},
}

# pod is undefined for kinds without a pod spec, so pod-level policies are
# silent on them.
pod := {
	"spec": spec,
	"metadata": {true: metadata, false: {}}[is_object(metadata)],
	"spec_path": template.spec_path,
	"metadata_path": template.metadata_path,
} if {
	resource := k8s.resource
	template := templates[resource.kind]
	spec := object.get(resource, template.spec, null)
	is_object(spec)
	metadata := object.get(resource, template.metadata, {})
}

# containers lists every initContainer, container and ephemeralContainer, in
# the order Pod Security Admission visits them:
#   container:        the container object
#   name:             its name ("" when absent or null)
#   field:            "initContainers" | "containers" | "ephemeralContainers"
#   index:            its index in that list (path(c) is its field path)
#   security_context: its securityContext ({} when absent, null or not an object)
# Each entry is built once per review, with the pod spec bound to a local, so
# policies read c.name and c.security_context instead of calling helpers per
# container.
default containers := []

containers := [c |
	some field in ["initContainers", "containers", "ephemeralContainers"]
	some i, container in object.get(spec, field, [])
	is_object(container)
	name := object.get(container, "name", "")
	sc := object.get(container, "securityContext", {})
	c := {
		"container": container,
		"name": {true: name, false: ""}[name != null],
		"field": field,
		"index": i,
		"security_context": {true: sc, false: {}}[is_object(sc)],
	}
] if {
	spec := pod.spec
}

# path is the field path of a container entry, e.g.
# "spec.template.spec.containers[1]". Only messages need it, so it is built
# for violations rather than for every container.
path(c) := sprintf("%s.%s[%d]", [pod.spec_path, c.field, c.index])

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
