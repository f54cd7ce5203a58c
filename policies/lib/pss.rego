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

# restricted is level == "restricted" without the function call to k8s.param (a
# null or absent level is baseline), as the controls that differ ask for it.
restricted if k8s.parameters.level == "restricted"

# Policies read a securityContext field with one builtin call over a path, not
# a helper function (a function call costs several times as much): a
# container's as object.get(container, ["securityContext", name], null), the
# pod's as object.get(pods.spec, ["securityContext", name], null); null when
# unset and when the securityContext is absent, null or not an object. They
# test the containers first and ask whether a control applies (pss.restricted,
# pods.windows, pods.user_namespace) last, so compliant containers never
# evaluate those rules (hence the regal ignore:non-loop-expression on them).

container_path(c, name) := sprintf("%s.securityContext.%s", [pods.path(c), name])

pod_path(name) := sprintf("%s.securityContext.%s", [pods.pod.spec_path, name])

# where names a container or the pod in messages.
where(c) := sprintf("%s: container %q", [k8s.label, c.name])

pod_where := sprintf("%s: pod", [k8s.label])
