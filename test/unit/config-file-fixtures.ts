// Manifests the config-file tests scan: a pod that fails the gate at high, and one whose only
// findings are its missing requests and limits (what fix.resources fills in); and the message of
// the ConfigError a reading of a file must end in.
import { expect } from 'vitest'
import { ConfigError } from '../../src/config/inputs.js'

/** The message of the ConfigError `read` throws; fails the test when it accepts. */
export function configErrorOf(read: () => unknown): string {
  try {
    read()
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    return (error as Error).message
  }
  throw new Error('the file was accepted')
}

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
