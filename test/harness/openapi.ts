// GitHub's published REST OpenAPI description (npm @octokit/openapi) as a request/response
// validator: route matching by path template + method, ajv validation of parameters, bodies and
// responses. Loaded once per process.
import { createRequire } from 'node:module'
import { Ajv, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'

const require = createRequire(import.meta.url)

type Json = Record<string, unknown>

interface Parameter {
  name: string
  in: 'path' | 'query' | 'header' | 'cookie'
  required?: boolean
  schema?: Json
}

export interface Operation {
  operationId: string
  method: string
  template: string
  pointer: string
  parameters: Parameter[]
  hasBody: boolean
  bodyRequired: boolean
  responses: Record<string, Json>
}

export interface MatchedRoute {
  op: Operation
  pathParams: Record<string, string>
}

interface Route {
  regex: RegExp
  names: string[]
  literals: number
  methods: Map<string, Operation>
}

// Answers any operation can give, documented or not: bad credentials, a token without the
// permission ("Resource not accessible by integration") or a repository it cannot see, and server
// errors. (The dependency submission operation, for one, documents only its 201.)
const GENERIC_STATUSES = new Set([401, 403, 404, 500, 502, 503, 504])

export class OpenApi {
  readonly spec: Json
  private readonly ajv: Ajv
  private readonly routes: Route[] = []
  private readonly byId = new Map<string, Operation>()
  private readonly validators = new Map<string, ValidateFunction>()

  constructor(specName = 'api.github.com') {
    this.spec = require(`@octokit/openapi/generated/${specName}.json`) as Json
    this.ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true })
    const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv
    addFormats(this.ajv)
    // OpenAPI/GitHub-specific formats with no JSON Schema meaning: accept.
    for (const f of [
      'int32',
      'int64',
      'double',
      'float',
      'repo.nwo',
      'binary',
      'timestamp',
      'byte',
      'password'
    ]) {
      this.ajv.addFormat(f, true)
    }
    orNullBranches(this.spec)
    this.ajv.addSchema(this.spec, 'gh')
    const paths = this.spec.paths as Record<string, Record<string, Json>>
    for (const [template, item] of Object.entries(paths)) {
      const names: string[] = []
      let literals = 0
      const src = template
        .split('/')
        .map((seg) => {
          const m = /^\{(.+)\}$/.exec(seg)
          if (m) {
            names.push(m[1]!)
            return '([^/]+)'
          }
          if (seg) literals++
          return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        })
        .join('/')
      const route: Route = { regex: new RegExp(`^${src}$`), names, literals, methods: new Map() }
      const shared = ((item.parameters as unknown as Json[] | undefined) ?? []).map(
        (p) => this.deref(p) as unknown as Parameter
      )
      for (const [method, raw] of Object.entries(item)) {
        if (!['get', 'post', 'put', 'patch', 'delete', 'head'].includes(method)) continue
        const opJson = raw as Json
        const params = [
          ...shared,
          ...((opJson.parameters as Json[] | undefined) ?? []).map(
            (p) => this.deref(p) as unknown as Parameter
          )
        ]
        const body = opJson.requestBody
          ? (this.deref(opJson.requestBody as Json) as Json)
          : undefined
        const op: Operation = {
          operationId: opJson.operationId as string,
          method: method.toUpperCase(),
          template,
          pointer: `/paths/${esc(template)}/${method}`,
          parameters: params,
          hasBody: Boolean(body),
          bodyRequired: Boolean(body?.required),
          responses: opJson.responses as Record<string, Json>
        }
        route.methods.set(op.method, op)
        this.byId.set(op.operationId, op)
      }
      this.routes.push(route)
    }
    // most specific template first: more literal segments win (`/issues/comments/{id}` vs `/issues/{n}`)
    this.routes.sort((a, b) => b.literals - a.literals)
  }

  operation(operationId: string): Operation {
    const op = this.byId.get(operationId)
    if (!op) throw new Error(`no operation ${operationId} in the OpenAPI description`)
    return op
  }

  /** Finds the operation for a method + path; `undefined` when GitHub has no such route. */
  match(
    method: string,
    pathname: string
  ): MatchedRoute | { pathExists: true; op?: undefined } | undefined {
    let pathExists = false
    for (const r of this.routes) {
      const m = r.regex.exec(pathname)
      if (!m) continue
      pathExists = true
      const op = r.methods.get(method.toUpperCase())
      if (!op) continue
      const pathParams: Record<string, string> = {}
      r.names.forEach((n, i) => (pathParams[n] = decodeURIComponent(m[i + 1]!)))
      return { op, pathParams }
    }
    return pathExists ? { pathExists: true } : undefined
  }

  private deref(node: Json): Json {
    let cur = node
    for (let i = 0; i < 10 && typeof cur.$ref === 'string'; i++) {
      const ref = cur.$ref as string
      cur = ref
        .replace(/^#\//, '')
        .split('/')
        .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))
        .reduce<Json>((acc, k) => acc[k] as Json, this.spec)
    }
    return cur
  }

  private validator(pointer: string): ValidateFunction {
    let v = this.validators.get(pointer)
    if (!v) {
      v = this.ajv.compile({ $ref: `gh#${pointer.split('/').map(encodeURIComponent).join('/')}` })
      this.validators.set(pointer, v)
    }
    return v
  }

  private check(pointer: string, value: unknown, what: string): string[] {
    const v = this.validator(pointer)
    if (v(value)) return []
    return (v.errors ?? []).map(
      (e) =>
        `${what}${e.instancePath} ${e.message ?? ''}${e.params ? ' ' + JSON.stringify(e.params) : ''}`
    )
  }

  /** Validates path/query parameters and the JSON body of a request. Returns violations. */
  validateRequest(
    op: Operation,
    pathParams: Record<string, string>,
    query: URLSearchParams,
    body: unknown
  ): string[] {
    const errors: string[] = []
    const seenQuery = new Set<string>()
    for (const p of op.parameters) {
      if (p.in !== 'path' && p.in !== 'query') continue
      const raw = p.in === 'path' ? pathParams[p.name] : (query.get(p.name) ?? undefined)
      if (p.in === 'query') seenQuery.add(p.name)
      if (raw === undefined) {
        if (p.required) errors.push(`${p.in} parameter ${p.name} is required`)
        continue
      }
      if (!p.schema) continue
      const value = coerce(raw, this.deref(p.schema))
      const v = this.ajv.compile(this.resolveInline(p.schema))
      if (!v(value)) {
        for (const e of v.errors ?? [])
          errors.push(`${p.in} parameter ${p.name}=${raw} ${e.message ?? ''}`)
      }
    }
    for (const k of query.keys()) {
      if (!seenQuery.has(k))
        errors.push(`query parameter ${k} is not defined for ${op.operationId}`)
    }
    if (op.hasBody) {
      if (body === undefined) {
        if (op.bodyRequired) errors.push('request body is required')
      } else {
        errors.push(
          ...this.check(`${op.pointer}/requestBody/content/application~1json/schema`, body, 'body')
        )
      }
    } else if (body !== undefined) {
      errors.push(`${op.operationId} takes no request body`)
    }
    return errors
  }

  /** Validates a response status and JSON body against the operation's declared responses. */
  validateResponse(op: Operation, status: number, body: unknown): string[] {
    const declared = op.responses[String(status)]
    if (!declared) {
      if (GENERIC_STATUSES.has(status)) return []
      return [
        `status ${status} is not a documented response of ${op.operationId} (documented: ${Object.keys(op.responses).join(', ')})`
      ]
    }
    const resp = this.deref(declared)
    const content = resp.content as Record<string, { schema?: Json }> | undefined
    if (!content?.['application/json']?.schema) return []
    // the pointer must go through the $ref'd response object if the response is shared
    const pointer =
      typeof declared.$ref === 'string'
        ? `${(declared.$ref as string).slice(1)}/content/application~1json/schema`
        : `${op.pointer}/responses/${status}/content/application~1json/schema`
    return this.check(pointer, body, 'response')
  }

  private resolveInline(schema: Json): Json {
    return typeof schema.$ref === 'string' ? { $ref: `gh${schema.$ref as string}` } : schema
  }
}

/**
 * OpenAPI 3.0's `nullable: true` means "or null", and ajv takes it only next to `type`. GitHub's
 * description also puts it on `anyOf`/`oneOf` schemas (the values of a dependency snapshot's
 * `metadata`): there it becomes one more branch, `{ type: 'null' }`.
 */
function orNullBranches(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(orNullBranches)
  if (!node || typeof node !== 'object') return
  const schema = node as Json
  if (schema.nullable === true && schema.type === undefined) {
    for (const key of ['anyOf', 'oneOf']) {
      if (!Array.isArray(schema[key])) continue
      ;(schema[key] as Json[]).push({ type: 'null' })
      delete schema.nullable
    }
  }
  for (const value of Object.values(schema)) orNullBranches(value)
}

function esc(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1')
}

function coerce(raw: string, schema: Json): unknown {
  const t = schema.type
  if (t === 'integer' || t === 'number')
    return raw !== '' && !Number.isNaN(Number(raw)) ? Number(raw) : raw
  if (t === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw
  if (t === 'array') return raw.split(',')
  return raw
}

let shared: OpenApi | undefined
export function githubOpenApi(): OpenApi {
  shared ??= new OpenApi()
  return shared
}
