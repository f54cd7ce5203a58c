package hardeningpssvolumes_test

import future.keywords.every
import future.keywords.if
import future.keywords.in

import data.hardeningpssvolumes.violation
import data.lib.fixtures

app := [{"name": "app", "image": "app:1"}]

run(volumes, params) := v if {
	v := violation with input as fixtures.pod({"containers": app, "volumes": volumes}, params)
}

allowed_volumes := [
	{"name": "a", "configMap": {"name": "cm"}},
	{"name": "b", "secret": {"secretName": "s"}},
	{"name": "c", "emptyDir": {}},
	{"name": "d", "persistentVolumeClaim": {"claimName": "data"}},
	{"name": "e", "projected": {"sources": []}},
	{"name": "f", "downwardAPI": {"items": []}},
	{"name": "g", "csi": {"driver": "x"}},
	{"name": "h", "ephemeral": {"volumeClaimTemplate": {}}},
	{"name": "i", "image": {"reference": "data:1"}},
]

test_allowed_types_pass_both_levels if {
	count(run(allowed_volumes, {"level": "baseline"})) == 0
	count(run(allowed_volumes, {"level": "restricted"})) == 0
	count(run(null, {"level": "restricted"})) == 0
}

test_hostpath_denied_both_levels if {
	vols := [{"name": "host", "hostPath": {"path": "/var/run/docker.sock"}}]
	every level in ["baseline", "restricted"] {
		v := run(vols, {"level": level})
		{x.details.path | some x in v} == {"spec.volumes[0].hostPath"}
	}
	count(run(vols, {})) == 1
}

test_baseline_allows_other_types if {
	count(run([{"name": "n", "nfs": {"server": "x", "path": "/"}}, {"name": "g", "gitRepo": {"repository": "x"}}], {"level": "baseline"})) == 0
}

test_restricted_denies_other_types if {
	v := run([{"name": "ok", "emptyDir": {}}, {"name": "n", "nfs": {"server": "x", "path": "/"}}, {"name": "g", "gitRepo": {"repository": "x"}}], {"level": "restricted"})
	{x.details.path | some x in v} == {"spec.volumes[1].nfs", "spec.volumes[2].gitRepo"}
}

test_null_sources_and_sourceless_volumes if {
	# A null source is unset; a volume with no source is defaulted to emptyDir by the API server.
	count(run([{"name": "x", "hostPath": null}], {"level": "baseline"})) == 0
	count(run([{"name": "x", "hostPath": null, "emptyDir": {}}], {"level": "restricted"})) == 0
	count(run([{"name": "x"}], {"level": "restricted"})) == 0
	count(run([{"name": "x", "unknownField": {}}], {"level": "restricted"})) == 0
}

test_allowed_source_wins_like_psa if {
	count(run([{"name": "x", "hostPath": {"path": "/"}, "emptyDir": {}}], {"level": "restricted"})) == 0
}

test_every_kind if {
	every kind in fixtures.kinds {
		v := violation with input as fixtures.pod_input(kind, {"containers": app, "volumes": [{"name": "h", "hostPath": {"path": "/"}}]}, {"level": "baseline"})
		{x.details.path | some x in v} == {sprintf("%s.volumes[0].hostPath", [fixtures.spec_paths[kind]])}
	}
}
