# METADATA
# description: |
#   Core helpers shared by every policy: the object under review, the constraint
#   parameters, null-safe field access and a human-readable resource label.
package lib.k8s

import future.keywords.if

# The object under review. Gatekeeper (and conftest fed the Gatekeeper shape)
# wraps it in input.review.object; a bare manifest is the object itself.
resource := input.review.object if {
	is_object(input.review.object)
} else := input

# Constraint parameters; absent or null parameters mean "use the defaults".
default parameters := {}

parameters := input.parameters if is_object(input.parameters)

# get returns o[key], or default_value when the key is missing or null.
# Go's JSON decoding (Kubernetes, Pod Security Admission) treats null exactly
# like an absent field, so every policy reads fields through this.
get(o, key, default_value) := o[key] if {
	o[key] != null
} else := default_value

# param returns a constraint parameter or its default (get, inlined: this is
# called for every parameter of every template).
param(name, default_value) := parameters[name] if {
	parameters[name] != null
} else := default_value

# kind is read by every template (pods.pod), so it avoids the call to get.
default kind := ""

kind := resource.kind if resource.kind != null

name := get(get(resource, "metadata", {}), "name", "")

namespace := ns if {
	ns := get(get(resource, "metadata", {}), "namespace", "")
	ns != ""
} else := get(get(input, "review", {}), "namespace", "")

# label names the resource in messages, e.g. `Deployment prod/web`.
label := sprintf("%s %s/%s", [kind, namespace, name]) if {
	namespace != ""
} else := sprintf("%s %s", [kind, name])

# field_path appends a map key to a dotted field path, quoting keys with
# characters other than letters, digits, `_` and `-`: annotations["a.io/b"].
field_path(base, key) := sprintf("%s.%s", [base, key]) if {
	regex.match(`^[A-Za-z0-9_-]+$`, key)
} else := sprintf("%s[%q]", [base, key])
