# METADATA
# description: |
#   Shared vocabulary of the Pod Security Standards policies. The semantics of
#   every control follow k8s.io/pod-security-admission at its latest version
#   (v0.37, Kubernetes 1.37); see policies/README.md.
package lib.pss

import future.keywords.if

import data.lib.k8s
import data.lib.pods

# level of a control that differs between the baseline and restricted profiles.
# Anything but "restricted" means baseline.
level := k8s.param("level", "baseline")

restricted if level == "restricted"

# field is a securityContext field of a container entry, null when unset
# (c.security_context is always an object).
field(c, name) := object.get(c.security_context, name, null)

# pod_field is a pod-level securityContext field, null when unset.
pod_field(name) := object.get(pods.pod_security_context, name, null)

container_path(c, name) := sprintf("%s.securityContext.%s", [c.path, name])

pod_path(name) := sprintf("%s.securityContext.%s", [pods.pod.spec_path, name])

# where names a container or the pod in messages.
where(c) := sprintf("%s: container %q", [k8s.label, c.name])

pod_where := sprintf("%s: pod", [k8s.label])
