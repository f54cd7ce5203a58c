package hardeningrequiredresources_test

import future.keywords.every
import future.keywords.if
import future.keywords.in

import data.hardeningrequiredresources.violation
import data.lib.fixtures

full := {"limits": {"cpu": "1", "memory": "1Gi"}, "requests": {"cpu": "250m", "memory": "256Mi"}}

container(name, resources) := {"name": name, "image": "app:1.0", "resources": resources}

run(spec, params) := v if {
	v := violation with input as fixtures.pod(spec, params)
}

paths(spec, params) := {v.details.path | some v in run(spec, params)}

test_complete_resources_allowed if {
	count(run({"containers": [container("app", full)]}, {})) == 0
}

test_missing_everything_denied if {
	paths({"containers": [{"name": "app", "image": "app:1.0"}]}, {}) == {
		"spec.containers[0].resources.limits.cpu",
		"spec.containers[0].resources.limits.memory",
		"spec.containers[0].resources.requests.cpu",
		"spec.containers[0].resources.requests.memory",
	}
}

test_message_names_resource_container_and_fix if {
	some v in run({"containers": [container("app", {"limits": {"cpu": "1"}, "requests": full.requests})]}, {})
	v.msg == `Pod prod/web: container "app" has no memory limit (resources.limits.memory). Set resources.limits.memory, e.g. "512Mi", sized from observed usage.`
	v.details.missing == "resources.limits.memory"
}

test_each_requirement_switchable if {
	params := {"requireCpuLimit": false, "requireMemoryLimit": true, "requireCpuRequest": false, "requireMemoryRequest": false}
	paths({"containers": [container("app", {})]}, params) == {"spec.containers[0].resources.limits.memory"}
	count(run({"containers": [container("app", {})]}, {
		"requireCpuLimit": false, "requireMemoryLimit": false,
		"requireCpuRequest": false, "requireMemoryRequest": false,
	})) == 0
}

test_ephemeral_storage_optional if {
	count(run({"containers": [container("app", full)]}, {"requireEphemeralStorageLimit": false})) == 0
	paths({"containers": [container("app", full)]}, {"requireEphemeralStorageLimit": true}) == {"spec.containers[0].resources.limits.ephemeral-storage"}
	with_storage := object.union(full, {"limits": {"cpu": "1", "memory": "1Gi", "ephemeral-storage": "2Gi"}})
	count(run({"containers": [container("app", with_storage)]}, {"requireEphemeralStorageLimit": true})) == 0
}

test_maximums if {
	params := {"maxCpu": "2", "maxMemory": "2Gi", "maxEphemeralStorage": "10Gi"}
	count(run({"containers": [container("app", full)]}, params)) == 0
	big := {"limits": {"cpu": 4, "memory": "3G"}, "requests": {"cpu": "2500m", "memory": "1Gi"}}
	paths({"containers": [container("app", big)]}, params) == {
		"spec.containers[0].resources.limits.cpu",
		"spec.containers[0].resources.limits.memory",
		"spec.containers[0].resources.requests.cpu",
	}
	some v in run({"containers": [container("app", big)]}, params)
	v.details.path == "spec.containers[0].resources.limits.cpu"
	v.msg == `Pod prod/web: container "app" sets resources.limits.cpu to 4, above the maximum 2. Lower it to at most 2 or exempt the container.`
}

# 1e999999999 is Kubernetes' largest quantity, not a list of a billion tens to multiply.
test_huge_exponent_is_above_the_maximum if {
	huge := {"limits": {"cpu": "1", "memory": "1e999999999"}, "requests": {"cpu": "1e-999999999", "memory": "1Gi"}}
	paths({"containers": [container("app", huge)]}, {"maxMemory": "2Gi"}) == {"spec.containers[0].resources.limits.memory"}
}

test_maximum_equal_is_allowed if {
	count(run({"containers": [container("app", {"limits": {"cpu": "2000m", "memory": "1Gi"}, "requests": full.requests})]}, {"maxCpu": "2", "maxMemory": "1024Mi"})) == 0
}

test_invalid_quantity if {
	bad := {"limits": {"cpu": "lots", "memory": "1Gi"}, "requests": full.requests}
	paths({"containers": [container("app", bad)]}, {}) == {"spec.containers[0].resources.limits.cpu"}
}

test_exempt_by_container_name_and_image if {
	spec := {"containers": [
		container("app", full),
		{"name": "istio-proxy", "image": "docker.io/istio/proxyv2:1.24.0"},
		{"name": "linkerd-proxy", "image": "cr.l5d.io/linkerd/proxy:stable"},
		{"name": "agent", "image": "ghcr.io/vendor/agent:3"},
	]}
	count(run(spec, {"exemptContainers": ["istio-proxy", "linkerd-proxy"], "exemptImages": ["ghcr.io/vendor/*"]})) == 0
	count(run(spec, {"exemptContainers": ["istio-proxy"]})) == 8
}

test_init_containers_checked_ephemeral_skipped if {
	spec := {
		"initContainers": [{"name": "init", "image": "busybox:1"}],
		"containers": [container("app", full)],
		"ephemeralContainers": [{"name": "debug", "image": "busybox:1"}],
	}
	every kind in fixtures.kinds {
		v := violation with input as fixtures.pod_input(kind, spec, {"requireCpuRequest": false, "requireMemoryRequest": false, "requireCpuLimit": false})
		{x.details.path | some x in v} == {sprintf("%s.initContainers[0].resources.limits.memory", [fixtures.spec_paths[kind]])}
	}
}

test_pod_level_resources_satisfy_containers if {
	spec := {"resources": full, "containers": [{"name": "app", "image": "app:1"}]}
	count(run(spec, {})) == 0
}

test_null_fields if {
	count(run({"containers": [container("app", null)]}, {})) == 4
	count(run({"containers": [container("app", {"limits": null, "requests": {"cpu": null, "memory": "1Gi"}})]}, {})) == 3
	count(run({"containers": null}, {})) == 0
}

# Plain quantities are accepted by their spelling; everything else is parsed.
test_quantities_beyond_the_plain_spelling if {
	valid := {"limits": {"cpu": "12345678901234567", "memory": "1.Mi"}, "requests": {"cpu": "+1", "memory": "5e-1"}}
	count(run({"containers": [container("app", valid)]}, {})) == 0
	invalid := {"limits": {"cpu": "1.5.5", "memory": "1Mb"}, "requests": {"cpu": "1m ", "memory": 256}}
	paths({"containers": [container("app", invalid)]}, {}) == {
		"spec.containers[0].resources.limits.cpu",
		"spec.containers[0].resources.limits.memory",
		"spec.containers[0].resources.requests.cpu",
	}
}

# An absent or null image is matched against exemptImages as "".
test_exempt_images_match_a_missing_image_as_empty if {
	spec := {"containers": [{"name": "app", "image": null}, {"name": "sidecar"}]}
	count(run(spec, {"exemptImages": [""]})) == 0
	count(run(spec, {"exemptImages": ["*"]})) == 0
	count(run(spec, {"exemptImages": ["x*"]})) == 8
	count(run(spec, {"exemptContainers": ["side*"]})) == 4
}
