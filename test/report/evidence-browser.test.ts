// The HTML evidence report in a real headless Chromium (Debian's package, /usr/bin/chromium),
// made by a real run of the bundled CLI (`npm run bundle` first) over a manifest whose file name
// and object name a pull request chose to be hostile. Chromium missing fails the test, with how
// to install it; it is never skipped.
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../../src/report/evidence-html.js'
import { runCli } from '../harness/cli.js'
import { REPO_ROOT } from '../harness/paths.js'
import { Browser, decodePng, type CdpEvent } from './chromium.js'

const HOSTILE_FILE = '<img src=x onerror=alert(1)>.yaml'
const HOSTILE_NAME = '</style><script>alert(2)</script>'

// Set by prepare(), which every test awaits first.
let workspace!: string
let report!: string
let browser!: Browser
let setup: Promise<void> | undefined
/**
 * Chromium and the report, made once by the first test that asks. Each test awaits it, so a
 * missing Chromium fails every test with how to install it instead of leaving them skipped.
 */
const ready = (): Promise<void> => (setup ??= prepare())

async function prepare(): Promise<void> {
  browser = Browser.launch()
  workspace = mkdtempSync(path.join(os.tmpdir(), 'evidence-browser-'))
  const manifests = path.join(workspace, 'k8s')
  mkdirSync(manifests)
  const deployment = readFileSync(
    path.join(REPO_ROOT, 'examples', 'insecure-app', 'k8s', 'deployment.yaml'),
    'utf8'
  ).replace('  name: shop-api\n', `  name: '${HOSTILE_NAME}'\n`)
  writeFileSync(path.join(manifests, HOSTILE_FILE), deployment)
  cpSync(
    path.join(REPO_ROOT, 'examples', 'insecure-app', 'k8s', 'service.yaml'),
    path.join(manifests, 'service.yaml')
  )
  const run = await runCli(workspace, [
    'scan',
    '.',
    '--scanners',
    'policies',
    '--output-dir',
    'out'
  ])
  report = path.join(workspace, 'out', 'evidence', 'index.html')
  // exit 1: the gate fails on the insecure manifests (and a crash would leave no report)
  expect(run.code, run.stderr).toBe(1)
  expect(existsSync(report), run.stderr).toBe(true)
}

afterAll(async () => {
  await browser?.close()
  if (workspace) rmSync(workspace, { recursive: true, force: true })
})

interface Load {
  session: string
  /** Every request the page made (the document's own first). */
  requests: string[]
  /** Console errors, log entries of level error (CSP violations), uncaught exceptions, dialogs. */
  errors: string[]
}

/** Opens `file` in a fresh tab and waits for its load event, recording what the page did. */
async function load(file: string): Promise<Load> {
  const session = await browser.newPage()
  const result: Load = { session, requests: [], errors: [] }
  const stop = browser.on(({ method, params, sessionId }: CdpEvent) => {
    if (sessionId !== session) return
    if (method === 'Network.requestWillBeSent')
      result.requests.push((params.request as { url: string }).url)
    if (method === 'Runtime.consoleAPICalled' && params.type === 'error')
      result.errors.push(`console: ${JSON.stringify(params.args)}`)
    if (method === 'Log.entryAdded' && (params.entry as { level: string }).level === 'error')
      result.errors.push(`log: ${(params.entry as { text: string }).text}`)
    if (method === 'Runtime.exceptionThrown')
      result.errors.push(`exception: ${JSON.stringify(params)}`)
    if (method === 'Page.javascriptDialogOpening') result.errors.push(`dialog: ${params.message}`)
  })
  for (const domain of ['Page', 'Runtime', 'Log', 'Network'])
    await browser.send(`${domain}.enable`, {}, session)
  await browser.send(
    'Emulation.setDeviceMetricsOverride',
    { width: 1200, height: 900, deviceScaleFactor: 1, mobile: false },
    session
  )
  const loaded = browser.waitFor('Page.loadEventFired', session)
  const navigation = await browser.send<{ errorText?: string }>(
    'Page.navigate',
    { url: pathToFileURL(file).href },
    session
  )
  expect(navigation.errorText).toBeUndefined()
  await loaded
  // Let anything the page might still start (a deferred request, a timer) show up.
  await browser.send(
    'Runtime.evaluate',
    { expression: 'new Promise(r => setTimeout(r, 200))', awaitPromise: true },
    session
  )
  stop()
  return result
}

async function evaluate<T>(session: string, expression: string): Promise<T> {
  const { result, exceptionDetails } = await browser.send<{
    result: { value: T }
    exceptionDetails?: unknown
  }>('Runtime.evaluate', { expression, returnByValue: true }, session)
  expect(exceptionDetails).toBeUndefined()
  return result.value
}

function page(name: string, html: string): string {
  const file = path.join(workspace, name)
  writeFileSync(file, html)
  return file
}

describe('the HTML evidence report in headless Chromium', () => {
  it('sees requests and CSP violations when a page makes them (the checks below can fail)', async () => {
    await ready()
    const image = '<img src="http://127.0.0.1:9/pixel.png">'
    const open = await load(page('open.html', `<!DOCTYPE html><title>t</title>${image}`))
    expect(open.requests).toContain('http://127.0.0.1:9/pixel.png')
    const guarded = await load(
      page(
        'guarded.html',
        `<!DOCTYPE html><meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}"><title>t</title>${image}<script>alert(1)</script>`
      )
    )
    // Chromium reports the request it then blocks: an asset in the report would show up here too
    expect(guarded.requests).toContain('http://127.0.0.1:9/pixel.png')
    expect(guarded.errors.join('\n')).toMatch(/Content Security Policy/)
    expect(guarded.errors.join('\n')).not.toMatch(/dialog/)
  })

  it('loads with no console error and no request but the document itself', async () => {
    await ready()
    const { requests, errors } = await load(report)
    expect(errors).toEqual([])
    expect(requests).toEqual([pathToFileURL(report).href])
  })

  it('shows the hostile file and object names as text, creating no element from them', async () => {
    await ready()
    const { session } = await load(report)
    const text = await evaluate<string>(session, 'document.body.innerText')
    expect(text).toContain(HOSTILE_FILE)
    expect(text).toContain(HOSTILE_NAME)
    expect(text).toContain('Verdict: failed')
    expect(
      await evaluate<number>(
        session,
        "document.querySelectorAll('script, img, iframe, object, embed, link, base').length"
      )
    ).toBe(0)
    // the stylesheet survived the `</style>` in a name, and applies (CSP allows inline style)
    expect(
      await evaluate<string>(
        session,
        "getComputedStyle(document.querySelector('.verdict')).backgroundColor"
      )
    ).toBe('rgb(185, 28, 28)')
    expect(
      await evaluate<string[]>(
        session,
        "[...document.querySelectorAll('svg rect')].map(r => r.getAttribute('fill'))"
      )
    ).toHaveLength(5)
  })

  it('renders a screenshot that is not blank', async () => {
    await ready()
    const capture = async (session: string) =>
      decodePng(
        Buffer.from(
          (
            await browser.send<{ data: string }>(
              'Page.captureScreenshot',
              { format: 'png' },
              session
            )
          ).data,
          'base64'
        )
      )
    const spread = ({ pixels, channels }: ReturnType<typeof decodePng>) => {
      const colours = new Set<number>()
      let sum = 0
      let squares = 0
      const count = pixels.length / channels
      for (let i = 0; i < pixels.length; i += channels) {
        const luminance = (pixels[i]! * 299 + pixels[i + 1]! * 587 + pixels[i + 2]! * 114) / 1000
        sum += luminance
        squares += luminance * luminance
        colours.add((pixels[i]! << 16) | (pixels[i + 1]! << 8) | pixels[i + 2]!)
      }
      return { deviation: Math.sqrt(squares / count - (sum / count) ** 2), colours: colours.size }
    }
    const blank = spread(
      await capture((await load(page('blank.html', '<!DOCTYPE html><title>blank</title>'))).session)
    )
    const shot = await capture((await load(report)).session)
    expect([shot.width, shot.height]).toEqual([1200, 900])
    const rendered = spread(shot)
    expect(blank).toEqual({ deviation: 0, colours: 1 })
    expect(rendered.deviation).toBeGreaterThan(10)
    expect(rendered.colours).toBeGreaterThan(50)
  })

  it('prints to PDF', async () => {
    await ready()
    const { session } = await load(report)
    const { data } = await browser.send<{ data: string }>(
      'Page.printToPDF',
      { printBackground: true, preferCSSPageSize: true },
      session
    )
    const pdf = Buffer.from(data, 'base64')
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g) ?? []
    expect(pages.length).toBeGreaterThanOrEqual(1)
  })
})
