# METADATA
# title: "PSS: volume types"
# description: "baseline: pods must not use hostPath volumes. restricted: pods may use only
#   configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and
#   secret volumes."
package hardeningpssvolumes

import future.keywords.contains
import future.keywords.if
import future.keywords.in

import data.lib.k8s
import data.lib.pods
import data.lib.pss

restricted_allowed := {
	"configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "image",
	"persistentVolumeClaim", "projected", "secret",
}

# The pod's volumes (null iterates like []).
volumes := object.get(pods.spec, "volumes", [])

# Every volume source of core/v1 Volume that restricted forbids. Unknown keys
# are dropped by the API server's decoder, like null ones.
forbidden_sources := {
	"awsElasticBlockStore", "azureDisk", "azureFile", "cephfs", "cinder", "fc",
	"flexVolume", "flocker", "gcePersistentDisk", "gitRepo", "glusterfs", "hostPath",
	"iscsi", "nfs", "photonPersistentDisk", "portworxVolume", "quobyte", "rbd",
	"scaleIO", "storageos", "vsphereVolume",
}

violation contains {"msg": msg, "details": details} if {
	not pss.restricted
	some i, volume in volumes
	k8s.get(volume, "hostPath", null) != null
	msg := sprintf(
		"%s: volume %q mounts a hostPath from the node. Use a persistentVolumeClaim, emptyDir or configMap instead (Pod Security Standards baseline: hostPath volumes).",
		[k8s.label, k8s.get(volume, "name", "")],
	)
	details := {"path": sprintf("%s.volumes[%d].hostPath", [pods.pod.spec_path, i]), "volume": k8s.get(volume, "name", ""), "value": "hostPath"}
}

# A volume is reported once per forbidden source it sets, unless it also sets
# an allowed one. A volume without any source is defaulted to emptyDir by the
# API server before admission, so it is allowed. The keys a volume sets are
# tested first, so an allowed volume costs no function call.
violation contains {"msg": msg, "details": details} if {
	pss.restricted
	some i, volume in volumes
	some type, source in volume
	type in forbidden_sources
	source != null
	not allowed_source(volume)
	msg := sprintf(
		"%s: volume %q has type %s, which the restricted profile forbids. Use one of %v (Pod Security Standards restricted: volume types).",
		[k8s.label, k8s.get(volume, "name", ""), type, sort(restricted_allowed)],
	)
	details := {"path": sprintf("%s.volumes[%d].%s", [pods.pod.spec_path, i, type]), "volume": k8s.get(volume, "name", ""), "value": type}
}

allowed_source(volume) if {
	some type in restricted_allowed
	object.get(volume, type, null) != null
}
