# METADATA
# description: |
#   Test-only helpers: wrap one pod spec in every workload kind and build the
#   exact input Gatekeeper feeds a template. Never imported by a policy.
package lib.fixtures

import future.keywords.if
import future.keywords.in

kinds := [
	"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet",
	"ReplicationController", "Job", "CronJob", "PodTemplate",
]

# Dotted path of the pod spec in each kind, as reported in details.path.
spec_paths := {
	"Pod": "spec",
	"Deployment": "spec.template.spec",
	"StatefulSet": "spec.template.spec",
	"DaemonSet": "spec.template.spec",
	"ReplicaSet": "spec.template.spec",
	"ReplicationController": "spec.template.spec",
	"Job": "spec.template.spec",
	"CronJob": "spec.jobTemplate.spec.template.spec",
	"PodTemplate": "template.spec",
}

api_versions := {
	"Pod": "v1",
	"Deployment": "apps/v1",
	"StatefulSet": "apps/v1",
	"DaemonSet": "apps/v1",
	"ReplicaSet": "apps/v1",
	"ReplicationController": "v1",
	"Job": "batch/v1",
	"CronJob": "batch/v1",
	"PodTemplate": "v1",
}

meta := {"name": "web", "namespace": "prod"}

template(spec, pod_meta) := {"metadata": pod_meta, "spec": spec}

# workload wraps a pod spec (and the pod's metadata) in the given kind.
workload("Pod", spec, pod_meta) := object.union(header("Pod"), {
	"metadata": object.union(meta, pod_meta),
	"spec": spec,
})

workload("PodTemplate", spec, pod_meta) := object.union(header("PodTemplate"), {"template": template(spec, pod_meta)})

workload("CronJob", spec, pod_meta) := object.union(header("CronJob"), {"spec": {
	"schedule": "*/5 * * * *",
	"jobTemplate": {"spec": {"template": template(spec, pod_meta)}},
}})

workload(kind, spec, pod_meta) := object.union(header(kind), {"spec": {
	"selector": {"matchLabels": {"app": "web"}},
	"template": template(spec, pod_meta),
}}) if {
	not kind in {"Pod", "PodTemplate", "CronJob"}
}

header(kind) := {"apiVersion": api_versions[kind], "kind": kind, "metadata": meta}

# review is what Gatekeeper puts in input for a CREATE of obj.
review(obj, parameters) := {
	"review": {
		"object": obj,
		"operation": "CREATE",
		"kind": {"kind": obj.kind},
		"namespace": object.get(obj, ["metadata", "namespace"], ""),
		"name": object.get(obj, ["metadata", "name"], ""),
	},
	"parameters": parameters,
}

# pod_input: input for a pod spec wrapped in kind.
pod_input(kind, spec, parameters) := review(workload(kind, spec, {}), parameters)

# pod_input_meta: as pod_input, with pod template metadata (annotations).
pod_input_meta(kind, spec, pod_meta, parameters) := review(workload(kind, spec, pod_meta), parameters)

# pod: input for a bare Pod.
pod(spec, parameters) := pod_input("Pod", spec, parameters)
