# METADATA
# title: Disallowed image tags
# description: Containers, initContainers and ephemeralContainers must not use a mutable image tag
#   (by default `latest`) or an image without a tag, which the runtime resolves to `latest`. A
#   registry port (`registry:5000/app`) is not a tag; images pinned by digest (`name@sha256:...`)
#   always pass.
package hardeningdisallowedtags

import future.keywords.contains
import future.keywords.if
import future.keywords.in

import data.lib.k8s
import data.lib.match
import data.lib.pods

# The tags to flag (null: no tag) and the exemptions are rules, evaluated at
# most once per review, the exemptions only for an image with a flagged tag; the
# loop over containers calls builtins only (a function call per container costs
# several times as much).
flagged_tags := {null} | {tag | some tag in k8s.param("tags", ["latest"])}

exempt_images := k8s.param("exemptImages", [])

exempt_image_prefixes := match.prefixes(exempt_images)

violation contains {"msg": msg, "details": details} if {
	some field in pods.container_fields
	some i, container in object.get(pods.spec, field, [])
	is_object(container)
	image := object.get(container, "image", null)
	not image in {null, ""}

	# An OCI digest reference (`name@algorithm:hex`) is immutable whatever its tag.
	not regex.match(`@[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-fA-F0-9]{32,}$`, image)

	# The tag is whatever follows a colon in the last path segment, so a
	# registry port (`registry:5000/app`) is not mistaken for a tag. An image
	# that is not a string has none.
	segments := split(split({true: image, false: ""}[is_string(image)], "@")[0], "/")
	last := segments[count(segments) - 1]
	tag := {true: substring(last, indexof(last, ":") + 1, -1), false: null}[contains(last, ":")]
	tag in flagged_tags
	not image in exempt_images
	not strings.any_prefix_match(image, exempt_image_prefixes)
	c := pods.entry(field, i, container)
	problem := tag_problem(tag)
	msg := sprintf(
		"%s: container %q uses image %q %s. Pin a fixed version tag or a digest instead (for example %q or %q).",
		[k8s.label, c.name, image, problem.text, example_tag(image), example_digest(image)],
	)
	details := {
		"path": sprintf("%s.image", [pods.path(c)]),
		"container": c.name,
		"image": image,
		"tag": problem.tag,
	}
}

tag_problem(null) := {"tag": "", "text": "without a tag, which resolves to \"latest\""}

tag_problem(tag) := {"tag": tag, "text": sprintf("with the disallowed tag %q", [tag])} if tag != null

# repository is the image without tag and digest.
repository(image) := concat("/", array.concat(array.slice(segments, 0, n - 1), [split(segments[n - 1], ":")[0]])) if {
	segments := split(split(image, "@")[0], "/")
	n := count(segments)
}

example_tag(image) := sprintf("%s:1.2.3", [repository(image)])

example_digest(image) := sprintf("%s@sha256:<digest>", [repository(image)])
