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

# Loop invariants, evaluated once per review rather than once per container.
# They read up to eight parameters, so they inline k8s.param (a null parameter
# means its default) instead of calling it for each.
# The requirements the constraint switches on, as field paths in a container ...
required := [["resources", section, res] |
	some [param, section, res, default_value] in requirements
	value := object.get(k8s.parameters, param, null)
	{true: value, false: default_value}[value != null] == true
]

# ... and the configured maximums, by resource.
configured_maximums[res] := maximum if {
	some res, param in maximums
	maximum := object.get(k8s.parameters, param, null)
	maximum != null
}

# ... and the containers to check, with the exemption lists matched inline (see
# lib.match) rather than through a function call per container. An absent or
# null image is matched as "".
checked := [c |
	some c in pods.containers
	c.field != "ephemeralContainers"
	not c.name in exempt_containers
	not strings.any_prefix_match(c.name, exempt_container_prefixes)
	image_or_null := object.get(c.container, "image", "")
	image := {true: image_or_null, false: ""}[image_or_null != null]
	not image in exempt_images
	not strings.any_prefix_match(image, exempt_image_prefixes)
] if {
	exempt_containers := k8s.param("exemptContainers", [])
	exempt_container_prefixes := match.prefixes(exempt_containers)
	exempt_images := k8s.param("exemptImages", [])
	exempt_image_prefixes := match.prefixes(exempt_images)
}

# Pod-level resources (spec.resources, Kubernetes 1.34+) bound every container.
# Here and per container, resources.<section>.<res> is read with one object.get
# over a path (null when unset or null), far cheaper than nested k8s.get calls.
pod_level(section, res) := object.get(pods.pod.spec, ["resources", section, res], null)

violation contains {"msg": msg, "details": details} if {
	some c in checked
	some path in required
	object.get(c.container, path, null) == null
	[_, section, res] := path
	pod_level(section, res) == null
	field := sprintf("resources.%s.%s", [section, res])
	msg := sprintf(
		"%s: container %q has no %s %s (%s). Set %s, e.g. %q, sized from observed usage.",
		[k8s.label, c.name, res, trim_suffix(section, "s"), field, field, examples[res]],
	)
	details := {"path": sprintf("%s.%s", [pods.path(c), field]), "container": c.name, "resource": res, "missing": field}
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
	details := {"path": sprintf("%s.%s", [pods.path(c), field]), "container": c.name, "resource": res, "value": v, "maximum": maximum}
}

# The API server rejects malformed quantities; say so before it does.
# Iterates the values a container sets rather than every possible one. A plain
# quantity (up to 15 digits, an optional fraction of up to 15, an optional
# suffix) is valid by its spelling, so only the rest pay for quantity.parse,
# which tries three regular expressions in a function call.
violation contains {"msg": msg, "details": details} if {
	some c in checked
	some section in ["limits", "requests"]
	some res, v in object.get(c.container, ["resources", section], {})
	not regex.match(`^[0-9]{1,15}(?:\.[0-9]{1,15})?(?:[numkMGTPE]|[KMGTPE]i)?$`, v)
	maximums[res]
	v != null
	not quantity.parse(v)
	field := sprintf("resources.%s.%s", [section, res])
	msg := sprintf(
		"%s: container %q sets %s to %v, which is not a valid Kubernetes quantity. Use a value such as %q.",
		[k8s.label, c.name, field, v, examples[res]],
	)
	details := {"path": sprintf("%s.%s", [pods.path(c), field]), "container": c.name, "resource": res, "value": v}
}
