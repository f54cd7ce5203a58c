# METADATA
# title: Required resource requests and limits
# description: |
#   Containers and initContainers must declare CPU and memory requests and
#   limits (each switchable), optionally an ephemeral-storage limit, and may be
#   held under maximums. Ephemeral containers are skipped: the API forbids
#   resources on them.
package hardeningrequiredresources

import future.keywords.contains
import future.keywords.if
import future.keywords.in

import data.lib.k8s
import data.lib.match
import data.lib.pods
import data.lib.quantity

# [parameter, section, resource, default]
requirements := [
	["requireCpuLimit", "limits", "cpu", true],
	["requireMemoryLimit", "limits", "memory", true],
	["requireCpuRequest", "requests", "cpu", true],
	["requireMemoryRequest", "requests", "memory", true],
	["requireEphemeralStorageLimit", "limits", "ephemeral-storage", false],
]

maximums := {"cpu": "maxCpu", "memory": "maxMemory", "ephemeral-storage": "maxEphemeralStorage"}

examples := {"cpu": "500m", "memory": "512Mi", "ephemeral-storage": "1Gi"}

checked contains c if {
	some c in pods.containers
	c.field != "ephemeralContainers"
	not match.any_glob(k8s.param("exemptContainers", []), c.name)
	not match.any_glob(k8s.param("exemptImages", []), k8s.get(c.container, "image", ""))
}

value(c, section, res) := k8s.get(k8s.get(k8s.get(c.container, "resources", {}), section, {}), res, null)

# Pod-level resources (spec.resources, Kubernetes 1.34+) bound every container.
pod_level(section, res) := k8s.get(k8s.get(k8s.get(pods.pod.spec, "resources", {}), section, {}), res, null)

violation contains {"msg": msg, "details": details} if {
	some c in checked
	some requirement in requirements
	[param, section, res, default_value] := requirement
	k8s.param(param, default_value) == true
	value(c, section, res) == null
	pod_level(section, res) == null
	field := sprintf("resources.%s.%s", [section, res])
	msg := sprintf(
		"%s: container %q has no %s %s (%s). Set %s, e.g. %q, sized from observed usage.",
		[k8s.label, c.name, res, trim_suffix(section, "s"), field, field, examples[res]],
	)
	details := {"path": sprintf("%s.%s", [c.path, field]), "container": c.name, "resource": res, "missing": field}
}

violation contains {"msg": msg, "details": details} if {
	some c in checked
	some section in ["limits", "requests"]
	some res, param in maximums
	maximum := k8s.param(param, null)
	maximum != null
	v := value(c, section, res)
	quantity.parse(v) > quantity.parse(maximum)
	field := sprintf("resources.%s.%s", [section, res])
	msg := sprintf(
		"%s: container %q sets %s to %v, above the maximum %v. Lower it to at most %v or exempt the container.",
		[k8s.label, c.name, field, v, maximum, maximum],
	)
	details := {"path": sprintf("%s.%s", [c.path, field]), "container": c.name, "resource": res, "value": v, "maximum": maximum}
}

# The API server rejects malformed quantities; say so before it does.
violation contains {"msg": msg, "details": details} if {
	some c in checked
	some section in ["limits", "requests"]
	some res in object.keys(maximums)
	v := value(c, section, res)
	v != null
	not quantity.parse(v)
	field := sprintf("resources.%s.%s", [section, res])
	msg := sprintf(
		"%s: container %q sets %s to %v, which is not a valid Kubernetes quantity. Use a value such as %q.",
		[k8s.label, c.name, field, v, examples[res]],
	)
	details := {"path": sprintf("%s.%s", [c.path, field]), "container": c.name, "resource": res, "value": v}
}
