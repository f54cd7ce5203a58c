/**
 * A bad input or user file (waivers, baseline, Trivy ignore file): the message names it and what
 * is accepted. Its own module, below every stage, so any stage can throw it without importing
 * the configuration reader.
 */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ConfigError'
  }
}
