package hardeningpubliclb_test

import future.keywords.every
import future.keywords.if
import future.keywords.in

import data.hardeningpubliclb.violation
import data.lib.fixtures

svc(type, annotations, ns) := {
	"apiVersion": "v1",
	"kind": "Service",
	"metadata": {"name": "web", "namespace": ns, "annotations": annotations},
	"spec": {"type": type, "ports": [{"port": 80}]},
}

run(s, params) := v if {
	v := violation with input as fixtures.review(s, params)
}

public(annotations) if count(run(svc("LoadBalancer", annotations, "prod"), {})) == 1

is_internal_lb(annotations) if count(run(svc("LoadBalancer", annotations, "prod"), {})) == 0

test_plain_loadbalancer_denied if {
	v := run(svc("LoadBalancer", {}, "prod"), {})
	count(v) == 1
	some x in v
	x.details.path == "spec.type"
	startswith(x.msg, "Service prod/web: Service type LoadBalancer gets a public address.")
	contains(x.msg, "networking.gke.io/load-balancer-type")
}

test_other_service_types_allowed if {
	every t in ["ClusterIP", "NodePort", "ExternalName"] {
		count(run(svc(t, {}, "prod"), {})) == 0
	}
	count(violation) == 0 with input as fixtures.review({"kind": "Service", "metadata": {"name": "x"}, "spec": null}, {})
	count(violation) == 0 with input as fixtures.review({"kind": "Service", "metadata": {"name": "x"}}, {})
}

test_allowed_namespaces if {
	count(run(svc("LoadBalancer", {}, "ingress"), {"allowedNamespaces": ["ingress"]})) == 0
	count(run(svc("LoadBalancer", {}, "prod"), {"allowedNamespaces": ["ingress"]})) == 1
}

test_aws_internal if {
	every v in ["true", "True", "TRUE", "1", "t", "T"] {
		is_internal_lb({"service.beta.kubernetes.io/aws-load-balancer-internal": v})
	}
	every v in ["false", "", "0", "yes", "0.0.0.0/0"] {
		public({"service.beta.kubernetes.io/aws-load-balancer-internal": v})
	}
}

test_aws_scheme if {
	is_internal_lb({"service.beta.kubernetes.io/aws-load-balancer-scheme": "internal"})
	public({"service.beta.kubernetes.io/aws-load-balancer-scheme": "Internal"})
	public({"service.beta.kubernetes.io/aws-load-balancer-scheme": "internet-facing"})
	public({
		"service.beta.kubernetes.io/aws-load-balancer-scheme": "internal",
		"service.beta.kubernetes.io/aws-load-balancer-internal": "false",
	})
}

test_gke if {
	is_internal_lb({"networking.gke.io/load-balancer-type": "Internal"})
	is_internal_lb({"networking.gke.io/load-balancer-type": "internal"})
	public({"networking.gke.io/load-balancer-type": "INTERNAL"})
	public({"networking.gke.io/load-balancer-type": "External"})
	is_internal_lb({"cloud.google.com/load-balancer-type": "Internal"})
	is_internal_lb({"cloud.google.com/load-balancer-type": "internal"})
	public({"networking.gke.io/load-balancer-type": "External", "cloud.google.com/load-balancer-type": "Internal"})
}

test_azure if {
	is_internal_lb({"service.beta.kubernetes.io/azure-load-balancer-internal": "true"})
	public({"service.beta.kubernetes.io/azure-load-balancer-internal": "True"})
	public({"service.beta.kubernetes.io/azure-load-balancer-internal": "false"})
}

test_null_annotations if {
	public(null)
	count(violation) == 1 with input as fixtures.review(
		{"kind": "Service", "metadata": {"name": "web", "namespace": "prod", "annotations": null}, "spec": {"type": "LoadBalancer"}},
		null,
	)
}

test_details_list_cloud_annotations_only if {
	some x in run(svc("LoadBalancer", {"service.beta.kubernetes.io/azure-load-balancer-internal": "false", "team": "a"}, "prod"), {})
	x.details.annotations == {"service.beta.kubernetes.io/azure-load-balancer-internal": "false"}
}
