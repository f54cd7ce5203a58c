# METADATA
# description: |
#   The one place that knows where the pod spec lives in every workload kind.
#   Policies read spec / pod.metadata and walk the container lists named in
#   container_fields; they never walk workload shapes themselves.
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

# spec is the pod spec, undefined for kinds without one (or when it is not an
# object), so pod-level policies are silent on them.
spec := s if {
	resource := k8s.resource
	s := object.get(resource, templates[resource.kind].spec, null)
	is_object(s)
}

# pod adds the pod's metadata ({} when absent, null or not an object) and the
# field paths messages need.
pod := {
	"spec": spec,
	"metadata": {true: metadata, false: {}}[is_object(metadata)],
	"spec_path": template.spec_path,
	"metadata_path": template.metadata_path,
} if {
	resource := k8s.resource
	template := templates[resource.kind]
	metadata := object.get(resource, template.metadata, {})
}

# The container lists, in the order Pod Security Admission visits them.
container_fields := ["initContainers", "containers", "ephemeralContainers"]

# Policies walk the containers of every list with
#   some field in pods.container_fields
#   some i, container in object.get(pods.spec, field, [])
#   is_object(container)
# and read a securityContext field with one path,
#   object.get(container, ["securityContext", name], null)
# which is null when the field is unset and when the securityContext is absent,
# null or not an object. A list of per-container entries built for every review
# would cost as much as all the rest of a PSS policy, so a policy builds the
# entry its messages need, entry(field, i, container), only for a violation.
#   container: the container object
#   name:      its name ("" when absent or null)
#   field:     "initContainers" | "containers" | "ephemeralContainers"
#   index:     its index in that list (path(c) is its field path)
entry(field, i, container) := {"container": container, "name": k8s.get(container, "name", ""), "field": field, "index": i}

# containers lists the entries of every container ([] without a pod spec), for
# policies where simplicity matters more than speed.
containers := [entry(field, i, container) |
	some field in container_fields
	some i, container in object.get(spec, field, [])
	is_object(container)
]

# path is the field path of a container entry, e.g.
# "spec.template.spec.containers[1]".
path(c) := sprintf("%s.%s[%d]", [pod.spec_path, c.field, c.index])

# windows is true for pods that declare spec.os.name: windows; the restricted
# profile relaxes several Linux-only controls for them.
windows if object.get(spec, ["os", "name"], null) == "windows"

# user_namespace is true for pods with hostUsers: false; Kubernetes 1.35+
# relaxes runAsNonRoot, runAsUser and the baseline procMount control for them.
user_namespace if spec.hostUsers == false
