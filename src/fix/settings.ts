// What the user configures for the fixes that need a choice no manifest makes: the cloud whose
// internal load-balancer annotation to add, and the requests and limits to write. Read by the
// CLI's flags and the action's inputs alike, so both accept and refuse the same text.
import { ConfigError } from '../errors.js'

export type Cloud = 'aws' | 'gcp' | 'azure'
export const CLOUDS: Cloud[] = ['aws', 'gcp', 'azure']

/** Requests and limits the user configured (e.g. `requests.cpu: 100m`), the only values a fix writes. */
export type ResourceDefaults = Partial<Record<'requests' | 'limits', Record<string, string>>>

/** `aws`, `gcp` or `azure`; `source` names the flag or input in the error. */
export function parseCloud(text: string, source: string): Cloud {
  if (!CLOUDS.includes(text as Cloud))
    throw new ConfigError(`${source} must be ${CLOUDS.join(', ')}; got '${text}'.`)
  return text as Cloud
}

/** `cpu=100m,memory=128Mi` (requests and limits) or `requests.cpu=100m,limits.memory=1Gi`. */
export function parseResourceDefaults(text: string, source: string): ResourceDefaults {
  const defaults: ResourceDefaults = {}
  for (const entry of text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const match =
      /^(?:(requests|limits)\.)?(cpu|memory|ephemeral-storage)=([0-9]+(?:\.[0-9]+)?(?:m|k|Ki|M|Mi|G|Gi|T|Ti|P|Pi|E|Ei)?)$/.exec(
        entry
      )
    if (!match)
      throw new ConfigError(
        `${source}: '${entry}' is not RESOURCE=QUANTITY (cpu, memory or ephemeral-storage, optionally prefixed by requests. or limits.; e.g. cpu=100m, memory=128Mi).`
      )
    const [, kind, resource, quantity] = match
    for (const which of kind ? [kind as 'requests' | 'limits'] : (['requests', 'limits'] as const))
      defaults[which] = { ...defaults[which], [resource!]: quantity! }
  }
  if (!defaults.requests && !defaults.limits)
    throw new ConfigError(`${source} needs at least one value.`)
  return defaults
}
