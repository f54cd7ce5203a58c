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

# Parameters, read once per review rather than once per container.
exempt_images := k8s.param("exemptImages", [])

disallowed_tags := k8s.param("tags", ["latest"])

violation contains {"msg": msg, "details": details} if {
	some c in pods.containers
	image := object.get(c.container, "image", null)
	not image in {null, ""}
	not match.any_glob(exempt_images, image)
	not pinned_by_digest(image)
	problem := tag_problem(image)
	msg := sprintf(
		"%s: container %q uses image %q %s. Pin a fixed version tag or a digest instead (for example %q or %q).",
		[k8s.label, c.name, image, problem.text, example_tag(image), example_digest(image)],
	)
	details := {
		"path": sprintf("%s.image", [c.path]),
		"container": c.name,
		"image": image,
		"tag": problem.tag,
	}
}

# An OCI digest reference (`name@algorithm:hex`) is immutable whatever its tag.
pinned_by_digest(image) if {
	contains(image, "@") # skips the regular expression for most images
	regex.match(`@[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-fA-F0-9]{32,}$`, image)
}

tag_problem(image) := {"tag": "", "text": "without a tag, which resolves to \"latest\""} if {
	not image_tag(image)
}

tag_problem(image) := {"tag": tag, "text": sprintf("with the disallowed tag %q", [tag])} if {
	tag := image_tag(image)
	tag in disallowed_tags
}

# The tag is whatever follows a colon in the last path segment, so a registry
# port (`registry:5000/app`) is not mistaken for a tag.
image_tag(image) := tag if {
	segments := split(split(image, "@")[0], "/")
	last := segments[count(segments) - 1]
	contains(last, ":")
	tag := substring(last, indexof(last, ":") + 1, -1)
}

# repository is the image without tag and digest.
repository(image) := concat("/", array.concat(array.slice(segments, 0, n - 1), [split(segments[n - 1], ":")[0]])) if {
	segments := split(split(image, "@")[0], "/")
	n := count(segments)
}

example_tag(image) := sprintf("%s:1.2.3", [repository(image)])

example_digest(image) := sprintf("%s@sha256:<digest>", [repository(image)])
