package hardeningpssapparmor_test

import future.keywords.every
import future.keywords.if
import future.keywords.in

import data.hardeningpssapparmor.violation
import data.lib.fixtures

c(name, sc) := {"name": name, "image": "app:1", "securityContext": sc}

run(spec, annotations) := v if {
	v := violation with input as fixtures.pod_input_meta("Deployment", spec, {"annotations": annotations}, {})
}

test_allowed_profiles if {
	spec := {
		"securityContext": {"appArmorProfile": {"type": "RuntimeDefault"}},
		"containers": [
			c("a", {"appArmorProfile": {"type": "Localhost", "localhostProfile": "k8s-nginx"}}),
			c("b", {"appArmorProfile": null}),
			c("c", null),
		],
	}
	count(run(spec, {
		"container.apparmor.security.beta.kubernetes.io/a": "runtime/default",
		"container.apparmor.security.beta.kubernetes.io/b": "localhost/k8s-nginx",
		"container.apparmor.security.beta.kubernetes.io/c": "",
		"other.example/x": "unconfined",
	})) == 0
	count(run({"containers": [c("a", {})]}, null)) == 0
}

test_unconfined_field_denied_pod_and_container if {
	spec := {
		"securityContext": {"appArmorProfile": {"type": "Unconfined"}},
		"initContainers": [c("i", {"appArmorProfile": {"type": "Unconfined"}})],
		"containers": [c("a", {"appArmorProfile": {}})],
	}
	v := run(spec, {})
	{x.details.path | some x in v} == {
		"spec.template.spec.securityContext.appArmorProfile.type",
		"spec.template.spec.initContainers[0].securityContext.appArmorProfile.type",
		"spec.template.spec.containers[0].securityContext.appArmorProfile.type",
	}
}

test_unconfined_annotation_denied if {
	v := run({"containers": [c("a", {})]}, {"container.apparmor.security.beta.kubernetes.io/a": "unconfined"})
	{x.details.path | some x in v} == {`spec.template.metadata.annotations["container.apparmor.security.beta.kubernetes.io/a"]`}
	some x in v
	contains(x.msg, `annotation container.apparmor.security.beta.kubernetes.io/a is "unconfined"`)
}

test_annotation_paths_in_every_kind if {
	every kind in fixtures.kinds {
		v := violation with input as fixtures.pod_input_meta(kind, {"containers": [c("a", {})]}, {"annotations": {"container.apparmor.security.beta.kubernetes.io/a": "unconfined"}}, {})
		count(v) == 1
	}
	v := violation with input as fixtures.pod_input_meta("CronJob", {"containers": [c("a", {})]}, {"annotations": {"container.apparmor.security.beta.kubernetes.io/a": "x"}}, {})
	{x.details.path | some x in v} == {`spec.jobTemplate.spec.template.metadata.annotations["container.apparmor.security.beta.kubernetes.io/a"]`}
}
