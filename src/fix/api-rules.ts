type Json = Record<string, unknown>

/** Where the pod spec lives in each workload kind (the same walk as policies/lib/pods.rego). */
export const POD_SPEC_PATHS: Record<string, string[]> = {
  Pod: ['spec'],
  PodTemplate: ['template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec']
}
export const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers']

const get = (value: unknown, key: string): unknown =>
  value !== null && typeof value === 'object' ? (value as Json)[key] : undefined

/**
 * Why the API server would reject the fixed document, for the combinations a fix can create that
 * no policy checks (Kubernetes validation of the container security context); undefined when none.
 * `object` is the document's JSON value as Kubernetes reads it.
 */
export function apiRejection(object: unknown): string | undefined {
  const pod = (POD_SPEC_PATHS[String(get(object, 'kind'))] ?? []).reduce<unknown>(get, object)
  for (const list of CONTAINER_LISTS) {
    const containers = get(pod, list)
    if (!Array.isArray(containers)) continue
    for (const container of containers) {
      const context = get(container, 'securityContext')
      if (get(context, 'allowPrivilegeEscalation') !== false) continue
      const added = get(get(context, 'capabilities'), 'add')
      const sysAdmin =
        Array.isArray(added) && added.some((c) => c === 'SYS_ADMIN' || c === 'CAP_SYS_ADMIN')
      const privileged = get(context, 'privileged') === true
      if (privileged || sysAdmin)
        return `Kubernetes rejects allowPrivilegeEscalation: false in container "${String(get(container, 'name'))}" while it is ${privileged ? 'privileged' : 'adding CAP_SYS_ADMIN'}; fix that first (or together)`
    }
  }
  return undefined
}
