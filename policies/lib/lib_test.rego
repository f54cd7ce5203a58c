package lib_test

import future.keywords.if

import data.lib.fixtures
import data.lib.k8s
import data.lib.pods
import data.lib.pss
import data.lib.quantity

test_namespace_from_review_when_object_has_none if {
	k8s.namespace == "team" with input as {"review": {"namespace": "team", "object": {"kind": "Pod", "metadata": {"name": "x"}}}}
	k8s.label == "Pod team/x" with input as {"review": {"namespace": "team", "object": {"kind": "Pod", "metadata": {"name": "x"}}}}
}

test_kind_missing_or_null if {
	k8s.kind == "" with input as {"review": {"object": {"metadata": {"name": "x"}}}}
	k8s.kind == "" with input as {"review": {"object": {"kind": null}}}
}

test_label_without_namespace if {
	k8s.label == "Pod x" with input as {"review": {"object": {"kind": "Pod", "metadata": {"name": "x"}}}}
}

test_field_path if {
	k8s.field_path("metadata.labels", "app") == "metadata.labels.app"
	k8s.field_path("metadata.annotations", "a.b/c") == `metadata.annotations["a.b/c"]`
}

test_pod_metadata_null if {
	pods.pod.metadata == {} with input as fixtures.review({"kind": "Deployment", "metadata": {"name": "x"}, "spec": {"template": {"metadata": null, "spec": {}}}}, {})
}

test_spec_only_when_an_object if {
	pods.spec == {"containers": []} with input as fixtures.pod({"containers": []}, {})
	not pods.spec with input as fixtures.review({"kind": "Deployment", "spec": {"template": {"spec": "x"}}}, {})
	not pods.spec with input as fixtures.review({"kind": "ConfigMap", "spec": {}}, {})
	pods.containers == [] with input as fixtures.review({"kind": "Deployment", "spec": {"template": {"spec": null}}}, {})
}

test_containers_skip_non_objects_and_name_null_as_empty if {
	spec := {"initContainers": ["x", {"name": null}], "containers": [{"name": "a"}], "ephemeralContainers": null}
	pods.containers == [
		{"container": {"name": null}, "name": "", "field": "initContainers", "index": 1},
		{"container": {"name": "a"}, "name": "a", "field": "containers", "index": 0},
	] with input as fixtures.pod(spec, {})
}

test_restricted_only_for_level_restricted if {
	pss.restricted with input as fixtures.pod({}, {"level": "restricted"})
	not pss.restricted with input as fixtures.pod({}, {"level": "baseline"})
	not pss.restricted with input as fixtures.pod({}, {"level": null})
	not pss.restricted with input as fixtures.pod({}, {})
	not pss.restricted with input as fixtures.pod({}, null)
}

test_quantities if {
	quantity.parse("500m") == 0.5
	quantity.parse("1Gi") == 1073741824
	quantity.parse("250u") == 0.00025
	quantity.parse("1500m") == 1.5
	quantity.parse("2k") == 2000
	quantity.parse(".5") == 0.5
	quantity.parse(3) == 3
	quantity.parse("1e3") == 1000
	quantity.parse("1E0") == 1
	quantity.parse("5e-1") == 0.5
	quantity.parse("0.5e1") == 5
	quantity.parse("-2e2") == -200
}

# Exponents that would take forever to compute: capped or rounded up to 1n as Kubernetes does.
test_quantities_with_extreme_exponents if {
	quantity.parse("1e999999999") == 9223372036854775807
	quantity.parse("-1e999999999") == -9223372036854775807
	quantity.parse("3e-999999999") == 0.000000001
	quantity.parse("-3e-999999999") == -0.000000001
	quantity.parse("0e999999999") == 0
	quantity.parse("0.5e1019") > 9223372036854775807
	not quantity.parse(concat("", [concat("", [x | some x in array.concat(["0."], [y | some _ in numbers.range(1, 1000); y := "0"])]), "1e1010"]))
}

test_quantities_invalid if {
	not quantity.parse("1GB")
	not quantity.parse("abc")
	not quantity.parse(true)
}
