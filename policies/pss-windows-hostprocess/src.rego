# METADATA
# title: "PSS baseline: Windows HostProcess"
# description: "Pods and containers must not set securityContext.windowsOptions.hostProcess: true."
package hardeningpsswindowshostprocess

import future.keywords.contains
import future.keywords.if
import future.keywords.in

import data.lib.pods
import data.lib.pss

remedy := "Remove securityContext.windowsOptions.hostProcess or set it to false (Pod Security Standards baseline: Windows HostProcess)."

violation contains {"msg": msg, "details": details} if {
	object.get(pods.spec, ["securityContext", "windowsOptions", "hostProcess"], null) == true
	msg := sprintf("%s sets securityContext.windowsOptions.hostProcess: true, giving it host access. %s", [pss.pod_where, remedy])
	details := {"path": sprintf("%s.hostProcess", [pss.pod_path("windowsOptions")]), "value": true}
}

violation contains {"msg": msg, "details": details} if {
	some field in pods.container_fields
	some i, container in object.get(pods.spec, field, [])
	is_object(container)
	object.get(container, ["securityContext", "windowsOptions", "hostProcess"], null) == true
	c := pods.entry(field, i, container)
	msg := sprintf("%s sets securityContext.windowsOptions.hostProcess: true, giving it host access. %s", [pss.where(c), remedy])
	details := {"path": sprintf("%s.hostProcess", [pss.container_path(c, "windowsOptions")]), "container": c.name, "value": true}
}
