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

# [parameter, path in a container, the values of the parameter that switch the
# requirement on]: null and absent mean the default.
requirements := [
	["requireCpuLimit", ["resources", "limits", "cpu"], {true, null}],
	["requireMemoryLimit", ["resources", "limits", "memory"], {true, null}],
	["requireCpuRequest", ["resources", "requests", "cpu"], {true, null}],
	["requireMemoryRequest", ["resources", "requests", "memory"], {true, null}],
	["requireEphemeralStorageLimit", ["resources", "limits", "ephemeral-storage"], {true}],
]

maximums := {"cpu": "maxCpu", "memory": "maxMemory", "ephemeral-storage": "maxEphemeralStorage"}

examples := {"cpu": "500m", "memory": "512Mi", "ephemeral-storage": "1Gi"}

# The lists checked: ephemeral containers are skipped.
checked_fields := ["initContainers", "containers"]

# The requirements the constraint switches on, as paths in a container (a loop
# invariant, evaluated once per review rather than once per container).
required := [path |
	some [param, path, on] in requirements
	object.get(k8s.parameters, param, null) in on
]

# Each rule looks for a violation first and asks whether the container is
# exempt last, so a compliant pod never reads the exemption lists. An absent or
# null name or image is matched as "".
exempt(container) if k8s.get(container, "name", "") in exempt_containers

exempt(container) if strings.any_prefix_match(k8s.get(container, "name", ""), exempt_container_prefixes)

exempt(container) if k8s.get(container, "image", "") in exempt_images

exempt(container) if strings.any_prefix_match(k8s.get(container, "image", ""), exempt_image_prefixes)

exempt_containers := k8s.param("exemptContainers", [])

exempt_container_prefixes := match.prefixes(exempt_containers)

exempt_images := k8s.param("exemptImages", [])

exempt_image_prefixes := match.prefixes(exempt_images)

# Pod-level resources (spec.resources, Kubernetes 1.34+) bound every container.
# Here and per container, resources.<section>.<res> is read with one object.get
# over a path (null when unset or null), far cheaper than nested k8s.get calls.
pod_level(section, res) := object.get(pods.spec, ["resources", section, res], null)

violation contains {"msg": msg, "details": details} if {
	some field in checked_fields
	some i, container in object.get(pods.spec, field, [])
	is_object(container)
	some path in required
	object.get(container, path, null) == null
	[_, section, res] := path
	pod_level(section, res) == null
	not exempt(container)
	c := pods.entry(field, i, container)
	field_path := sprintf("resources.%s.%s", [section, res])
	msg := sprintf(
		"%s: container %q has no %s %s (%s). Set %s, e.g. %q, sized from observed usage.",
		[k8s.label, c.name, res, trim_suffix(section, "s"), field_path, field_path, examples[res]],
	)
	details := {"path": sprintf("%s.%s", [pods.path(c), field_path]), "container": c.name, "resource": res, "missing": field_path}
}

violation contains {"msg": msg, "details": details} if {
	some res, param in maximums
	maximum := object.get(k8s.parameters, param, null)
	maximum != null
	some field in checked_fields
	some i, container in object.get(pods.spec, field, [])
	is_object(container)
	some section in ["limits", "requests"]
	v := object.get(container, ["resources", section, res], null)
	quantity.parse(v) > quantity.parse(maximum)
	not exempt(container)
	c := pods.entry(field, i, container)
	field_path := sprintf("resources.%s.%s", [section, res])
	msg := sprintf(
		"%s: container %q sets %s to %v, above the maximum %v. Lower it to at most %v or exempt the container.",
		[k8s.label, c.name, field_path, v, maximum, maximum],
	)
	details := {"path": sprintf("%s.%s", [pods.path(c), field_path]), "container": c.name, "resource": res, "value": v, "maximum": maximum}
}

# The API server rejects malformed quantities; say so before it does.
# Iterates the values a container sets rather than every possible one. A plain
# quantity (up to 15 digits, an optional fraction of up to 15, an optional
# suffix) is valid by its spelling, so only the rest pay for quantity.parse,
# which tries three regular expressions in a function call.
violation contains {"msg": msg, "details": details} if {
	some field in checked_fields
	some i, container in object.get(pods.spec, field, [])
	is_object(container)
	some section in ["limits", "requests"]
	some res, v in object.get(container, ["resources", section], {})
	not regex.match(`^[0-9]{1,15}(?:\.[0-9]{1,15})?(?:[numkMGTPE]|[KMGTPE]i)?$`, v)
	maximums[res]
	v != null
	not quantity.parse(v)
	not exempt(container)
	c := pods.entry(field, i, container)
	field_path := sprintf("resources.%s.%s", [section, res])
	msg := sprintf(
		"%s: container %q sets %s to %v, which is not a valid Kubernetes quantity. Use a value such as %q.",
		[k8s.label, c.name, field_path, v, examples[res]],
	)
	details := {"path": sprintf("%s.%s", [pods.path(c), field_path]), "container": c.name, "resource": res, "value": v}
}
