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
pod := {
	"spec": spec,
	"metadata": metadata,
	"spec_path": path_string(array.concat(base, ["spec"])),
	"metadata_path": path_string(array.concat(base, ["metadata"])),
} if {
	base := template_paths[k8s.kind]
	spec := object.get(k8s.resource, array.concat(base, ["spec"]), null)
	is_object(spec)
	metadata := object_or_empty(object.get(k8s.resource, array.concat(base, ["metadata"]), {}))
}

# containers yields every container, initContainer and ephemeralContainer:
#   container: the container object
#   name:      its name
#   field:     "containers" | "initContainers" | "ephemeralContainers"
#   path:      field path, e.g. "spec.template.spec.containers[1]"
containers contains c if {
	some field in container_fields
	some i, container in k8s.get(pod.spec, field, [])
	is_object(container)
	c := {
		"container": container,
		"name": k8s.get(container, "name", ""),
		"field": field,
		"path": sprintf("%s.%s[%d]", [pod.spec_path, field, i]),
	}
}

# security_context of a container or pod spec ({} when absent or null).
security_context(o) := object_or_empty(k8s.get(o, "securityContext", {}))

pod_security_context := security_context(pod.spec)

# windows is true for pods that declare spec.os.name: windows; the restricted
# profile relaxes several Linux-only controls for them.
windows if k8s.get(k8s.get(pod.spec, "os", {}), "name", "") == "windows"

# user_namespace is true for pods with hostUsers: false; Kubernetes 1.35+
# relaxes runAsNonRoot, runAsUser and the baseline procMount control for them.
user_namespace if pod.spec.hostUsers == false

object_or_empty(o) := o if {
	is_object(o)
} else := {}

path_string(parts) := concat(".", parts)
