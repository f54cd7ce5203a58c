# METADATA
# title: No public LoadBalancer Services
# description: A Service of type LoadBalancer must carry its cloud's internal-load-balancer
#   annotation (AWS, GKE or Azure) unless its namespace is allowed to publish load balancers.
#   Values are compared the way the cloud controllers compare them.
package hardeningpubliclb

import future.keywords.contains
import future.keywords.if
import future.keywords.in

import data.lib.k8s

# metadata.annotations ({} when absent or null), read with one object.get.
annotations := {true: found, false: {}}[found != null] if {
	found := object.get(k8s.resource, ["metadata", "annotations"], {})
}

aws_internal := "service.beta.kubernetes.io/aws-load-balancer-internal"

aws_scheme := "service.beta.kubernetes.io/aws-load-balancer-scheme"

gke_type := "networking.gke.io/load-balancer-type"

gke_legacy_type := "cloud.google.com/load-balancer-type"

azure_internal := "service.beta.kubernetes.io/azure-load-balancer-internal"

violation contains {"msg": msg, "details": details} if {
	k8s.kind == "Service"
	object.get(k8s.resource, ["spec", "type"], "") == "LoadBalancer"
	not is_internal
	not k8s.namespace in k8s.param("allowedNamespaces", [])
	msg := sprintf(
		concat(" ", [
			"%s: Service type LoadBalancer gets a public address. Make it internal with your cloud's annotation",
			"(AWS %s: \"true\" or %s: internal; GKE %s: \"Internal\"; Azure %s: \"true\"),",
			"or expose it through an Ingress/Gateway. Namespaces allowed to publish load balancers: %v.",
		]),
		[k8s.label, aws_internal, aws_scheme, gke_type, azure_internal, k8s.param("allowedNamespaces", [])],
	)
	details := {"path": "spec.type", "type": "LoadBalancer", "annotations": {k: v | some k, v in annotations; k in known}}
}

known := {aws_internal, aws_scheme, gke_type, gke_legacy_type, azure_internal}

# AWS: the in-tree controller treats any value except "" and "false" as internal,
# the AWS Load Balancer Controller parses it with Go's strconv.ParseBool. Accept
# only values that are "true" for both.
is_internal if annotations[aws_internal] in {"1", "t", "T", "TRUE", "true", "True"}

# The scheme annotation is read only by the AWS Load Balancer Controller (exact
# match); an explicit aws-load-balancer-internal that is not true wins for the
# in-tree controller, so it must be absent.
is_internal if {
	annotations[aws_scheme] == "internal"
	not aws_internal in object.keys(annotations)
}

# GKE: networking.gke.io/load-balancer-type takes precedence over the legacy
# cloud.google.com key whenever present; both accept "Internal" and the
# deprecated lowercase "internal".
is_internal if annotations[gke_type] in {"Internal", "internal"}

is_internal if {
	not gke_type in object.keys(annotations)
	annotations[gke_legacy_type] in {"Internal", "internal"}
}

# Azure: cloud-provider-azure compares with the exact string "true".
is_internal if annotations[azure_internal] == "true"
