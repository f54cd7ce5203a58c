# METADATA
# title: "PSS baseline: host ports"
# description: Containers must not bind ports on the node (ports[].hostPort must be unset or 0).
package hardeningpsshostports

import future.keywords.contains
import future.keywords.if
import future.keywords.in

import data.lib.pods
import data.lib.pss

violation contains {"msg": msg, "details": details} if {
	some field in pods.container_fields
	some i, container in object.get(pods.spec, field, [])
	is_object(container)
	some port_index, port in object.get(container, "ports", [])
	is_object(port)
	host_port := object.get(port, "hostPort", null)
	not host_port in {null, 0}
	c := pods.entry(field, i, container)
	msg := sprintf(
		"%s binds hostPort %v on the node. Remove ports[%d].hostPort and expose the port through a Service (Pod Security Standards baseline: host ports).",
		[pss.where(c), host_port, port_index],
	)
	details := {"path": sprintf("%s.ports[%d].hostPort", [pods.path(c), port_index]), "container": c.name, "value": host_port}
}
