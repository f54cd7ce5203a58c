package hardeningdisallowedtags_test

import future.keywords.every
import future.keywords.if
import future.keywords.in

import data.hardeningdisallowedtags.violation
import data.lib.fixtures

containers(images) := [{"name": sprintf("c%d", [i]), "image": image} | some i, image in images]

spec(images) := {"containers": containers(images)}

deny(images, params) := v if {
	v := violation with input as fixtures.pod(spec(images), params)
}

test_latest_denied if {
	v := deny(["nginx:latest"], {})
	count(v) == 1
	some x in v
	x.details == {"path": "spec.containers[0].image", "container": "c0", "image": "nginx:latest", "tag": "latest"}
	contains(x.msg, `Pod prod/web: container "c0" uses image "nginx:latest" with the disallowed tag "latest"`)
	contains(x.msg, `"nginx:1.2.3"`)
}

test_untagged_denied if {
	v := deny(["nginx"], {})
	count(v) == 1
	some x in v
	x.details.tag == ""
	contains(x.msg, "without a tag")
}

test_registry_port_is_not_a_tag if {
	count(deny(["registry:5000/app"], {})) == 1
	count(deny(["registry:5000/team/app:1.4.2"], {})) == 0
	some x in deny(["registry:5000/team/app:latest"], {})
	contains(x.msg, `"registry:5000/team/app:1.2.3"`)
}

test_fixed_tags_allowed if {
	count(deny(["nginx:1.27.3", "ghcr.io/org/app:v2", "localhost:5000/a/b:sha-123"], {})) == 0
}

test_digest_allowed if {
	digest := "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	count(deny([sprintf("nginx@%s", [digest])], {})) == 0
	count(deny([sprintf("nginx:latest@%s", [digest])], {})) == 0
	count(deny([sprintf("registry:5000/app@%s", [digest])], {})) == 0
}

test_malformed_digest_is_not_a_pin if {
	count(deny(["nginx@sha256:abc"], {})) == 1
}

test_custom_tags if {
	params := {"tags": ["latest", "dev", "main"]}
	count(deny(["app:dev", "app:main", "app:1.0"], params)) == 2
	count(deny(["app:latest"], {"tags": ["dev"]})) == 0
	count(deny(["app"], {"tags": ["dev"]})) == 1
}

test_tags_are_case_sensitive if {
	count(deny(["app:LATEST"], {})) == 0
}

test_exempt_images if {
	params := {"exemptImages": ["docker.io/library/busybox", "ghcr.io/org/*"]}
	count(deny(["docker.io/library/busybox", "ghcr.io/org/tool:latest", "ghcr.io/other/tool:latest"], params)) == 1
	count(deny(["docker.io/library/busybox:latest"], params)) == 1
}

test_every_kind_and_container_field if {
	pod_spec := {
		"initContainers": [{"name": "init", "image": "busybox"}],
		"containers": [{"name": "ok", "image": "nginx:1.27"}, {"name": "app", "image": "app:latest"}],
		"ephemeralContainers": [{"name": "debug", "image": "debug:latest"}],
	}
	every kind in fixtures.kinds {
		v := violation with input as fixtures.pod_input(kind, pod_spec, {})
		paths := {x.details.path | some x in v}
		prefix := fixtures.spec_paths[kind]
		paths == {
			sprintf("%s.initContainers[0].image", [prefix]),
			sprintf("%s.containers[1].image", [prefix]),
			sprintf("%s.ephemeralContainers[0].image", [prefix]),
		}
	}
}

test_null_and_empty_fields if {
	count(violation) == 0 with input as fixtures.pod({"containers": null, "initContainers": []}, {})
	count(violation) == 0 with input as fixtures.pod({"containers": [{"name": "x"}]}, {})
	count(violation) == 0 with input as fixtures.pod({"containers": [{"name": "x", "image": null}]}, {})
	count(deny(["nginx"], null)) == 1
}

test_non_pod_kinds_ignored if {
	count(violation) == 0 with input as fixtures.review({"kind": "ConfigMap", "metadata": {"name": "x"}, "data": {"image": "nginx"}}, {})
	count(violation) == 0 with input as fixtures.review({"kind": "Deployment", "metadata": {"name": "x"}}, {})
}

test_bare_manifest_input if {
	v := violation with input as fixtures.workload("Deployment", spec(["nginx"]), {})
	count(v) == 1
	some x in v
	startswith(x.msg, "Deployment prod/web:")
}

# The API server rejects an image that is not a string; it is not reported.
test_non_string_image_not_reported if {
	count(deny([5, true, {"a": "b:c"}], {})) == 0
}

test_exempt_image_patterns if {
	count(deny(["nginx", "nginx:latest"], {"exemptImages": ["nginx"]})) == 1
	count(deny(["nginx", "nginx:latest"], {"exemptImages": ["nginx*"]})) == 0
	count(deny(["nginx"], {"exemptImages": "nginx"})) == 1
}
