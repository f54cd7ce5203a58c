// Manifests the config-file tests scan: a pod that fails the gate at high, and one whose only
// findings are its missing requests and limits (what fix.resources fills in).

export const privilegedPod = (name: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        privileged: true
`

export const unsizedPod = (name: string, namespace?: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
${namespace ? `  namespace: ${namespace}\n` : ''}spec:
  securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
  containers:
    - name: app
      image: "nginx:1.27"
      securityContext:
        allowPrivilegeEscalation: false
        capabilities: {drop: [ALL]}
`
