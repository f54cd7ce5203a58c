# METADATA
# title: Required resource requests and limits
# description: Containers and initContainers must declare CPU and memory requests and limits (each
#   requirement can be switched off), optionally an ephemeral-storage limit, and may be held under
#   maximums. Pod-level resources (spec.resources) satisfy the requirement for every container.
#   Ephemeral containers are skipped because the API forbids resources on them.
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

# Loop invariants, evaluated once per review rather than once per container:
# the requirements the constraint switches on, as [section, resource] ...
required := [[section, res] |
	some [param, section, res, default_value] in requirements
	k8s.param(param, default_value) == true
]

# ... and the configured maximums, by resource.
configured_maximums[res] := maximum if {
	some res, param in maximums
	maximum := k8s.param(param, null)
	maximum != null
}

exempt_containers := k8s.param("exemptContainers", [])

exempt_images := k8s.param("exemptImages", [])

checked contains c if {
	some c in pods.containers
	c.field != "ephemeralContainers"
	not match.any_glob(exempt_containers, c.name)
	not match.any_glob(exempt_images, k8s.get(c.container, "image", ""))
}

# Pod-level resources (spec.resources, Kubernetes 1.34+) bound every container.
# Here and per container, resources.<section>.<res> is read with one object.get
# over a path (null when unset or null), far cheaper than nested k8s.get calls.
pod_level(section, res) := object.get(pods.pod.spec, ["resources", section, res], null)

violation contains {"msg": msg, "details": details} if {
	some c in checked
	some [section, res] in required
	object.get(c.container, ["resources", section, res], null) == null
	pod_level(section, res) == null
	field := sprintf("resources.%s.%s", [section, res])
	msg := sprintf(
		"%s: container %q has no %s %s (%s). Set %s, e.g. %q, sized from observed usage.",
		[k8s.label, c.name, res, trim_suffix(section, "s"), field, field, examples[res]],
	)
	details := {"path": sprintf("%s.%s", [c.path, field]), "container": c.name, "resource": res, "missing": field}
}

violation contains {"msg": msg, "details": details} if {
	some res, maximum in configured_maximums
	some c in checked
	some section in ["limits", "requests"]
	v := object.get(c.container, ["resources", section, res], null)
	quantity.parse(v) > quantity.parse(maximum)
	field := sprintf("resources.%s.%s", [section, res])
	msg := sprintf(
		"%s: container %q sets %s to %v, above the maximum %v. Lower it to at most %v or exempt the container.",
		[k8s.label, c.name, field, v, maximum, maximum],
	)
	details := {"path": sprintf("%s.%s", [c.path, field]), "container": c.name, "resource": res, "value": v, "maximum": maximum}
}

# The API server rejects malformed quantities; say so before it does.
# Iterates the values a container sets rather than every possible one.
violation contains {"msg": msg, "details": details} if {
	some c in checked
	some section in ["limits", "requests"]
	some res, v in object.get(c.container, ["resources", section], {})
	maximums[res]
	v != null
	not quantity.parse(v)
	field := sprintf("resources.%s.%s", [section, res])
	msg := sprintf(
		"%s: container %q sets %s to %v, which is not a valid Kubernetes quantity. Use a value such as %q.",
		[k8s.label, c.name, field, v, examples[res]],
	)
	details := {"path": sprintf("%s.%s", [c.path, field]), "container": c.name, "resource": res, "value": v}
}
