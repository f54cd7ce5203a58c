export const id = 985;
export const ids = [985];
export const modules = {

/***/ 1985:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  SCAN_OPTIONS: () => (/* binding */ SCAN_OPTIONS),
  SCAN_USAGE: () => (/* binding */ SCAN_USAGE),
  runScan: () => (/* binding */ runScan)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
// EXTERNAL MODULE: ./src/action-root.ts
var action_root = __webpack_require__(7490);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
;// CONCATENATED MODULE: ./src/tools/urls.ts
/** Query parameters whose values are credentials (tokens, signed-URL signatures, passwords). */
const SECRET_PARAM = /token|sig|secret|passw|pwd|key|credential|auth|session/i;
/**
 * `url` fit for a log or an error message: userinfo and the values of credential-like query
 * parameters replaced by `***`. Text that does not parse as a URL loses everything between
 * `scheme://` and the last `@` instead.
 */
function redactUrl(url) {
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1***@');
    }
    if (parsed.username || parsed.password) {
        parsed.username = '***';
        parsed.password = '';
    }
    for (const name of [...parsed.searchParams.keys()]) {
        if (SECRET_PARAM.test(name))
            parsed.searchParams.set(name, '***');
    }
    return parsed.toString();
}
/** Every URL in a free text (a tool's stderr, say) passed through `redactUrl`. */
function redactUrls(text) {
    // Punctuation that ends a sentence or a Go error prefix (`GET <url>: 401`) is not part of it.
    return text.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s'"<>]*[^\s'"<>.,;:)]/gi, (url) => redactUrl(url));
}
/**
 * Why `value` cannot be the release host tools are downloaded from, or undefined when it can.
 * https only: a plain-http mirror lets anyone on the path swap a release together with its
 * checksums file. Plain http is accepted for a loopback host (nothing leaves the machine; the
 * test harness serves releases so). Credentials are refused, not carried along redacted: fetch
 * rejects a URL with userinfo anyway, and a query would break the paths appended to the base.
 */
function mirrorUrlProblem(value) {
    let url;
    try {
        url = new URL(value);
    }
    catch {
        return `must be an https URL; got '${redactUrl(value)}'.`;
    }
    const shown = redactUrl(value);
    if (url.username || url.password) {
        return `must not contain credentials (user:password@); got '${shown}'. Use a mirror that needs none.`;
    }
    if (url.search || url.hash) {
        return `must be a base URL without a ?query or #fragment; got '${shown}'.`;
    }
    if (isSafeTransport(url))
        return undefined;
    return `must be an https URL (plain http only for a loopback host); got '${shown}'.`;
}
/** https, or plain http that never leaves the machine. */
function isSafeTransport(url) {
    return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname));
}
function isLoopback(hostname) {
    return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

;// CONCATENATED MODULE: ./src/config/inputs.ts





const SCANNER_NAMES = ['image', 'repository', 'policies', 'trivy-config'];
const TRIVY_CHECKS = ['vuln', 'secret', 'license', 'misconfig'];
const POLICY_ENFORCEMENTS = ['deny', 'warn', 'dryrun', 'as-declared'];
const UNREADABLE_MANIFEST_MODES = ['fail', 'warn'];
const FAIL_ON_SEVERITIES = ['critical', 'high', 'medium', 'low', 'none'];
/** A bad input: the message names the input and the accepted values. */
class ConfigError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ConfigError';
    }
}
const INPUT_DEFAULTS = {
    'scan-path': '.',
    manifests: '',
    images: '',
    'policy-bundle': 'all',
    policies: '',
    'policy-enforcement': 'deny',
    'unreadable-manifests': 'fail',
    scanners: SCANNER_NAMES.join(','),
    'repository-scanners': 'vuln,secret,license',
    'image-scanners': 'vuln',
    'fail-on-severity': 'high',
    'fail-on-severity-by-scanner': '',
    'ignore-unfixed': 'false',
    'trivy-version': '0.74.0',
    'conftest-version': '0.71.1',
    'skip-db-update': 'false',
    'db-repository': '',
    'trivy-cache-dir': '',
    'tool-mirror': 'https://github.com',
    'trusted-tool-dir': '',
    'waivers-file': '.hardening/waivers.yaml',
    'trivy-ignore-file': '',
    'fail-on': 'all',
    'baseline-file': '',
    'scan-timeout': '600',
    'output-dir': 'hardening-results'
};
const VERSION_PATTERN = /^v?\d+\.\d+\.\d+$/;
const IMAGE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._\-/:@]*$/;
function readConfig(read, workspace) {
    const get = (name) => read(name).trim() || INPUT_DEFAULTS[name];
    const failOn = oneOf(get('fail-on-severity'), FAIL_ON_SEVERITIES, 'fail-on-severity');
    const scanners = list(get('scanners')).map((name) => oneOf(name, SCANNER_NAMES, 'scanners'));
    const images = list(get('images'));
    for (const image of images) {
        if (!IMAGE_PATTERN.test(image)) {
            throw new ConfigError(`Input 'images' has an invalid image reference '${image}': use registry/name:tag or name@sha256:digest.`);
        }
    }
    const scanPath = insideWorkspace(workspace, get('scan-path'), 'scan-path');
    const manifestInputs = list(get('manifests'));
    return {
        workspace,
        scanPath,
        manifests: (manifestInputs.length > 0 ? manifestInputs : [get('scan-path')]).map((entry) => insideWorkspace(workspace, entry, 'manifests')),
        images,
        policyBundle: get('policy-bundle'),
        policyEnforcement: oneOf(get('policy-enforcement'), POLICY_ENFORCEMENTS, 'policy-enforcement'),
        unreadableManifests: oneOf(get('unreadable-manifests'), UNREADABLE_MANIFEST_MODES, 'unreadable-manifests'),
        extraPolicies: list(get('policies')).map((entry) => insideWorkspace(workspace, entry, 'policies')),
        scanners: [...new Set(scanners)],
        repositoryScanners: unique(list(get('repository-scanners')).map((c) => oneOf(c, TRIVY_CHECKS, 'repository-scanners'))),
        imageScanners: unique(list(get('image-scanners')).map((c) => oneOf(c, TRIVY_CHECKS, 'image-scanners'))),
        failOnSeverity: toThreshold(failOn),
        failOnSeverityByScanner: Object.fromEntries(list(get('fail-on-severity-by-scanner')).map((entry) => {
            const [scanner, severity] = entry.split('=').map((part) => part.trim());
            const name = 'fail-on-severity-by-scanner';
            if (severity === undefined) {
                throw new ConfigError(`Input '${name}' entries look like image=critical; got '${entry}'.`);
            }
            return [
                oneOf(scanner, SCANNER_NAMES, name),
                toThreshold(oneOf(severity, FAIL_ON_SEVERITIES, name))
            ];
        })),
        ignoreUnfixed: bool(get('ignore-unfixed'), 'ignore-unfixed'),
        trivyVersion: version(get('trivy-version'), 'trivy-version'),
        conftestVersion: version(get('conftest-version'), 'conftest-version'),
        skipDbUpdate: bool(get('skip-db-update'), 'skip-db-update'),
        dbRepositories: list(get('db-repository')),
        trivyCacheDir: get('trivy-cache-dir')
            ? external_node_path_default().resolve(workspace, get('trivy-cache-dir'))
            : external_node_path_default().join(external_node_os_default().homedir(), '.cache', 'hardening-action', 'trivy'),
        toolMirror: url(get('tool-mirror'), 'tool-mirror'),
        trustedToolDirs: trustedToolDir(get('trusted-tool-dir'), workspace),
        waiversFile: insideWorkspace(workspace, get('waivers-file'), 'waivers-file', true),
        trivyIgnoreFile: get('trivy-ignore-file')
            ? insideWorkspace(workspace, get('trivy-ignore-file'), 'trivy-ignore-file', true)
            : null,
        baselineFile: baselineFile(get('fail-on'), read('baseline-file').trim(), workspace),
        scanTimeoutMs: seconds(get('scan-timeout'), 'scan-timeout') * 1000,
        outputDir: insideWorkspace(workspace, get('output-dir'), 'output-dir', true)
    };
}
/** Splits a multi-line or comma-separated input, dropping blanks and `#` comments. */
function list(value) {
    return value
        .split(/[\n,]/)
        .map((entry) => entry.replace(/#.*$/, '').trim())
        .filter((entry) => entry.length > 0);
}
function oneOf(value, allowed, name) {
    const lower = value.toLowerCase();
    if (!allowed.includes(lower)) {
        throw new ConfigError(`Input '${name}' must be one of ${allowed.join(', ')}; got '${value}'.`);
    }
    return lower;
}
function toThreshold(value) {
    return value === 'none' ? null : value.toUpperCase();
}
function baselineFile(failOn, file, workspace) {
    const mode = oneOf(failOn, ['all', 'new'], 'fail-on');
    if (mode === 'all')
        return null;
    if (!file)
        throw new ConfigError("Input 'fail-on' is 'new', which needs 'baseline-file' (a findings file from an earlier run).");
    return insideWorkspace(workspace, file, 'baseline-file', true);
}
function seconds(value, name) {
    const number = Number(value);
    if (!Number.isInteger(number) || number <= 0) {
        throw new ConfigError(`Input '${name}' must be a whole number of seconds; got '${value}'.`);
    }
    return number;
}
function url(value, name) {
    const problem = mirrorUrlProblem(value);
    if (problem)
        throw new ConfigError(`Input '${name}' ${problem}`);
    return value.replace(/\/+$/, '');
}
/** The opt-in directory of unpinned tools; never inside the checkout, where the PR could put its own. */
function trustedToolDir(value, workspace) {
    if (!value)
        return [];
    const name = 'trusted-tool-dir';
    const dir = external_node_path_default().resolve(workspace, value);
    if (isInside(workspace, dir) ||
        isInside(realPath(workspace, 'workspace', workspace), realPath(dir, name, value))) {
        throw new ConfigError(`Input '${name}' path '${value}' is inside the workspace, where a pull request could put its own binaries; use a directory outside the checkout (e.g. under $RUNNER_TEMP).`);
    }
    return [dir];
}
function unique(values) {
    return [...new Set(values)];
}
function bool(value, name) {
    const lower = value.toLowerCase();
    if (lower === 'true')
        return true;
    if (lower === 'false')
        return false;
    throw new ConfigError(`Input '${name}' must be 'true' or 'false'; got '${value}'.`);
}
function version(value, name) {
    if (!VERSION_PATTERN.test(value)) {
        throw new ConfigError(`Input '${name}' must be a release version like 1.2.3; got '${value}'.`);
    }
    return value.replace(/^v/, '');
}
/**
 * Resolves a user path against the workspace and refuses anything that escapes it; with
 * `followLinks`, also a path that leaves it through a symbolic link in the checkout.
 */
function insideWorkspace(workspace, entry, name, followLinks = false) {
    const resolved = external_node_path_default().resolve(workspace, entry);
    if (!isInside(workspace, resolved)) {
        throw new ConfigError(`Input '${name}' path '${entry}' is outside the workspace ${workspace}.`);
    }
    if (followLinks) {
        const real = realPath(resolved, name, entry);
        if (!isInside(realPath(workspace, 'workspace', workspace), real))
            throw new ConfigError(`Input '${name}' path '${entry}' leads outside the workspace ${workspace} through a symbolic link (to ${real}).`);
    }
    return resolved;
}
function isInside(root, file) {
    const relative = external_node_path_default().relative(root, file);
    return !relative.startsWith('..') && !external_node_path_default().isAbsolute(relative);
}
/** `file` with every link resolved; the part that does not exist yet is appended as it is. */
function realPath(file, name, entry) {
    const missing = [];
    for (let current = file;; current = external_node_path_default().dirname(current)) {
        try {
            return external_node_path_default().join((0,external_node_fs_.realpathSync)(current), ...missing);
        }
        catch (error) {
            const code = error.code;
            if (code !== 'ENOENT' && code !== 'ENOTDIR')
                throw error;
            if ((0,external_node_fs_.lstatSync)(current, { throwIfNoEntry: false })?.isSymbolicLink())
                throw new ConfigError(`Input '${name}' path '${entry}' passes through a symbolic link to a missing target (${current}).`);
            if (external_node_path_default().dirname(current) === current)
                return file;
            missing.unshift(external_node_path_default().basename(current));
        }
    }
}
/** Inputs that only the GitHub Action has (the CLI never publishes), with action.yml's defaults. */
const PUBLISH_INPUT_DEFAULTS = {
    token: '${{ github.token }}',
    'upload-sarif': 'true',
    comment: 'always',
    'comment-id': '${{ github.job }} ${{ toJSON(matrix) }}'
};
const COMMENT_CHOICES = (/* unused pure expression or super */ null && (['always', 'on-failure', 'never']));
function readPublishConfig(read) {
    return {
        token: read('token').trim(),
        uploadSarif: bool(read('upload-sarif').trim() || PUBLISH_INPUT_DEFAULTS['upload-sarif'], 'upload-sarif'),
        comment: oneOf(read('comment').trim() || PUBLISH_INPUT_DEFAULTS.comment, COMMENT_CHOICES, 'comment'),
        commentId: reportId(read('comment-id'))
    };
}
/**
 * The `comment-id` input as an id for a comment marker and a SARIF category: a short slug stays
 * as it is; anything else — the default, the job id and the matrix values as JSON (`null`
 * outside a matrix) — becomes a readable slug plus a hash of the whole value, so that two matrix
 * jobs never share an id. Empty: `report`.
 */
function reportId(value) {
    const text = value.trim().replace(/\s+null$/, '');
    if (/^[A-Za-z0-9._-]{1,64}$/.test(text))
        return text;
    if (!text)
        return 'report';
    const slug = text
        .replace(/[^A-Za-z0-9._-]+/g, '-')
        .slice(0, 48)
        .replace(/^-+|-+$/g, '');
    const hash = createHash('sha256').update(text).digest('hex').slice(0, 8);
    return slug ? `${slug}-${hash}` : hash;
}

;// CONCATENATED MODULE: ./src/log.ts

const stderrLogger = (verbose = false) => ({
    info: (message) => process.stderr.write(`${printable(message)}\n`),
    warning: (message) => process.stderr.write(`warning: ${printable(message)}\n`),
    debug: (message) => {
        if (verbose)
            process.stderr.write(`debug: ${printable(message)}\n`);
    }
});
/** Control characters (escape sequences among them) and bidirectional overrides; not tab or line feed. */
// eslint-disable-next-line no-control-regex -- control characters are what this finds
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/**
 * Text for a terminal. File names and tool output come from the pull request, and an escape
 * sequence in one could clear the screen or repaint the verdict: each such character is shown as
 * its `\uXXXX` escape instead. With `oneLine`, line feeds too (a table cell).
 */
function printable(text, { oneLine = false } = {}) {
    const shown = text.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    return oneLine ? shown.replace(/\n/g, '\\n') : shown;
}
/**
 * The runner reads a log line as a workflow command when it starts (after spaces) with `::`, and
 * in the legacy form wherever `##[` appears. Messages can carry PR text (file names, tool output),
 * which must not add annotations, masks or outputs in our name: such a message is printed between
 * `::stop-commands::` and a one-time token, the runner's documented way to print untrusted text.
 */
function inertLogText(message) {
    if (!/^[ \t]*::|##\[/m.test(message))
        return message;
    const token = randomBytes(16).toString('hex');
    return `::stop-commands::${token}\n${message}\n::${token}::`;
}

;// CONCATENATED MODULE: ./src/util/which.ts



/** The directories listed in PATH, in order. */
function pathDirs() {
    return (process.env.PATH ?? '').split((external_node_path_default()).delimiter).filter(Boolean);
}
/** The first executable named `executable` in `dirs` (default: PATH), like `which`. */
async function findOnPath(executable, dirs = pathDirs()) {
    for (const dir of dirs) {
        const candidate = external_node_path_default().join(dir, executable);
        try {
            await (0,promises_.access)(candidate, external_node_fs_.constants.X_OK);
            return candidate;
        }
        catch {
            // not here; keep looking
        }
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/findings/baseline.ts


/** Fingerprints from an earlier run's findings file (our `findings-file` output). */
async function loadBaseline(file) {
    let parsed;
    try {
        parsed = JSON.parse(await (0,promises_.readFile)(file, 'utf8'));
    }
    catch (error) {
        throw new ConfigError(`Baseline ${file} cannot be read as a findings file: ${error.message}`);
    }
    const findings = parsed.findings;
    if (!Array.isArray(findings))
        throw new ConfigError(`Baseline ${file} has no 'findings' list.`);
    return new Set(findings.map((finding) => String(finding.fingerprint)));
}
/** Marks each finding new or existing relative to the baseline. */
function markNew(findings, baseline) {
    return findings.map((finding) => ({ ...finding, isNew: !baseline.has(finding.fingerprint) }));
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./src/findings/waivers.ts



const SCOPES = ['path', 'resource', 'image'];
const KNOWN_KEYS = new Set(['rule', ...SCOPES, 'reason', 'owner', 'expires']);
/** Reads a waiver file; a missing file means no waivers, a malformed one is an error with its line. */
async function loadWaivers(file) {
    let text;
    try {
        text = await (0,promises_.readFile)(file, 'utf8');
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return [];
        throw error;
    }
    return parseWaivers(text, file);
}
function parseWaivers(text, file) {
    const lineCounter = new dist/* LineCounter */.HN();
    const document = (0,dist/* parseDocument */.Tp)(text, { lineCounter });
    const fail = (offset, message) => {
        const line = offset === undefined ? 1 : lineCounter.linePos(offset).line;
        throw new ConfigError(`${file}:${line}: ${message}`);
    };
    if (document.errors.length > 0)
        fail(document.errors[0].pos[0], `invalid YAML: ${document.errors[0].message.split('\n')[0]}`);
    if (document.contents === null)
        return [];
    if (!(0,dist/* isMap */.jh)(document.contents))
        fail(document.contents.range?.[0], "expected a mapping with a 'waivers' list");
    const list = document.contents.get('waivers', true);
    if (list === undefined || list === null)
        return [];
    if (!(0,dist/* isSeq */.oP)(list))
        return fail(document.contents.range?.[0], "'waivers' must be a list");
    const waivers = [];
    for (const item of list.items) {
        const offset = item.range?.[0];
        if (!(0,dist/* isMap */.jh)(item))
            fail(offset, 'each waiver must be a mapping');
        const entry = item.toJSON();
        for (const key of Object.keys(entry)) {
            if (!KNOWN_KEYS.has(key))
                fail(offset, `unknown waiver field '${key}' (known: ${[...KNOWN_KEYS].join(', ')})`);
        }
        for (const key of ['rule', 'reason', 'owner', 'expires']) {
            const value = entry[key];
            if (value === undefined || value === null || String(value).trim() === '')
                fail(offset, `waiver is missing '${key}'`);
        }
        const expires = entry.expires instanceof Date
            ? entry.expires.toISOString().slice(0, 10)
            : String(entry.expires);
        if (!/^\d{4}-\d{2}-\d{2}$/.test(expires) || Number.isNaN(Date.parse(`${expires}T00:00:00Z`))) {
            fail(offset, `'expires' must be a date like 2026-12-31; got '${expires}'`);
        }
        waivers.push({
            rule: String(entry.rule),
            ...Object.fromEntries(SCOPES.filter((s) => entry[s] !== undefined).map((s) => [s, String(entry[s])])),
            reason: String(entry.reason),
            owner: String(entry.owner),
            expires,
            line: offset === undefined ? 1 : lineCounter.linePos(offset).line
        });
    }
    return waivers;
}
function isExpired(waiver, today) {
    return waiver.expires < today.toISOString().slice(0, 10);
}
const LINE_BREAK = /[\n\r\u2028\u2029]/;
/**
 * A waiver pattern as a predicate: `*` matches any run of characters within one line, everything
 * else is literal. Linear in the value (a backtracking regex took minutes on a pattern of eight
 * `*`): the literal parts between stars are found left to right, each at its first occurrence —
 * the leftmost choice leaves the most room for the parts after it, so it never needs revisiting.
 */
function globMatcher(pattern) {
    const parts = pattern.split('*');
    const head = parts[0];
    if (parts.length === 1)
        return (value) => value === head;
    const tail = parts[parts.length - 1];
    const middle = parts.slice(1, -1).filter(Boolean);
    const noBreak = (value, from, to) => !LINE_BREAK.test(value.slice(from, to));
    return (value) => {
        const end = value.length - tail.length;
        if (end < head.length || !value.startsWith(head) || !value.endsWith(tail))
            return false;
        let at = head.length;
        for (const part of middle) {
            const found = value.indexOf(part, at);
            if (found < 0 || found + part.length > end || !noBreak(value, at, found))
                return false;
            at = found + part.length;
        }
        return noBreak(value, at, end);
    };
}
/** A waiver field as a predicate, compiled once per waiver; a missing value never matches. */
function glob(pattern) {
    if (pattern === undefined)
        return undefined;
    const matches = globMatcher(pattern);
    return (value) => value !== undefined && matches(value);
}
/** A waiver as a predicate over findings. */
function coverage(waiver) {
    const rule = glob(waiver.rule);
    const file = glob(waiver.path);
    const resource = glob(waiver.resource);
    const image = glob(waiver.image);
    return (finding) => rule(finding.ruleId) &&
        (!file || file(finding.location?.path)) &&
        (!resource || resource(finding.resource)) &&
        (!image || (finding.scanner === 'image' && image(finding.target)));
}
/** Marks covered findings as suppressed (they stay in every report); expired waivers cover nothing. */
function applyWaivers(findings, waivers, file, today = new Date()) {
    const active = waivers
        .filter((waiver) => !isExpired(waiver, today))
        .map((waiver) => ({ waiver, covers: coverage(waiver) }));
    const expired = waivers
        .filter((waiver) => isExpired(waiver, today))
        .map((w) => `Waiver for ${w.rule} (${file}:${w.line}, owner ${w.owner}) expired on ${w.expires}; renew or remove it.`);
    const covering = waiverIndex(active);
    return {
        expired,
        findings: findings.map((finding) => {
            const waiver = covering(finding);
            return waiver
                ? {
                    ...finding,
                    suppression: { reason: waiver.reason, owner: waiver.owner, expires: waiver.expires }
                }
                : finding;
        })
    };
}
/**
 * The first waiver (in file order) that covers a finding. Waivers whose rule has no `*` are
 * looked up by rule id, so a finding is tested only against its own rule's waivers and the
 * wildcard ones: the cost stays flat as waiver files grow.
 */
function waiverIndex(active) {
    const byRule = new Map();
    const wildcards = [];
    for (const entry of active) {
        if (entry.waiver.rule.includes('*'))
            wildcards.push(entry);
        else
            byRule.set(entry.waiver.rule, [...(byRule.get(entry.waiver.rule) ?? []), entry]);
    }
    const order = new Map(active.map((entry, index) => [entry, index]));
    return (finding) => {
        const exact = byRule.get(finding.ruleId)?.find((entry) => entry.covers(finding));
        const wild = wildcards.find((entry) => entry.covers(finding));
        const first = exact && wild ? (order.get(exact) < order.get(wild) ? exact : wild) : (exact ?? wild);
        return first?.waiver;
    };
}

;// CONCATENATED MODULE: ./src/findings/severity.ts
/** Severities in ascending order; the index is the rank used by the gate and by sorting. */
const SEVERITIES = ['UNKNOWN', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
const RANK = Object.fromEntries(SEVERITIES.map((s, i) => [s, i]));
function severityRank(severity) {
    return RANK[severity] ?? 0;
}
/** Reads a severity as the tools write it (any case); anything unrecognised is UNKNOWN. */
function parseSeverity(value) {
    const upper = (value ?? '').toUpperCase();
    return SEVERITIES.includes(upper) ? upper : 'UNKNOWN';
}

;// CONCATENATED MODULE: ./src/gate.ts

/**
 * Decides pass or fail. Suppressed findings, dryrun and warn policy findings and (with a
 * baseline) old findings never block; reports still show all of them.
 */
function decide(findings, policy) {
    const thresholdOf = (finding) => {
        const override = policy.failOnSeverityByScanner?.[finding.scanner];
        return override === undefined ? policy.failOnSeverity : override;
    };
    const blocking = findings.filter((finding) => {
        const threshold = thresholdOf(finding);
        return (threshold !== null &&
            !finding.suppression &&
            finding.enforcementAction !== 'dryrun' &&
            finding.enforcementAction !== 'warn' &&
            (!policy.onlyNew || finding.isNew === true) &&
            severityRank(finding.severity) >= severityRank(threshold));
    });
    const reasons = [...policy.configurationErrors];
    if (blocking.length > 0) {
        const scope = policy.onlyNew ? 'new ' : '';
        const overrides = Object.keys(policy.failOnSeverityByScanner ?? {}).length > 0;
        const threshold = overrides ? 'their scanner’s threshold' : policy.failOnSeverity;
        reasons.push(`${blocking.length} ${scope}finding(s) at or above ${threshold}.`);
    }
    return { failed: reasons.length > 0, reasons, blocking };
}

;// CONCATENATED MODULE: ./src/report/counts.ts

/** Counts of unsuppressed findings; suppressed ones are counted apart. */
function countFindings(findings) {
    const counts = {
        total: 0,
        bySeverity: Object.fromEntries(SEVERITIES.map((s) => [s, 0])),
        byScanner: {},
        suppressed: 0,
        new: 0
    };
    for (const finding of findings) {
        if (finding.suppression) {
            counts.suppressed++;
            continue;
        }
        counts.total++;
        counts.bySeverity[finding.severity]++;
        counts.byScanner[finding.scanner] = (counts.byScanner[finding.scanner] ?? 0) + 1;
        if (finding.isNew)
            counts.new++;
    }
    return counts;
}

;// CONCATENATED MODULE: ./src/report/findings-file.ts

/** The machine-readable result (schema: docs/findings.schema.json); also a baseline for later runs. */
function toFindingsDocument(outcomes, findings, decision) {
    return {
        schemaVersion: 1,
        failed: decision.failed,
        reasons: decision.reasons,
        counts: countFindings(findings),
        scans: outcomes.map((outcome) => ({
            scanner: outcome.scanner,
            target: outcome.target,
            tool: outcome.tool,
            findings: outcome.findings.length,
            notices: outcome.notices,
            ...(outcome.error ? { error: outcome.error } : {})
        })),
        findings
    };
}

;// CONCATENATED MODULE: ./src/findings/order.ts

/** Plain code-unit order: stable across locales, and much faster than `localeCompare`. */
function byText(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
/**
 * Most severe first, then by file and line. The sort keys are computed once per finding, not per
 * comparison: reports sort up to hundreds of thousands of findings.
 */
function sortBySeverity(findings) {
    return findings
        .map((finding) => ({
        finding,
        rank: severityRank(finding.severity),
        path: finding.location?.path ?? '',
        line: finding.location?.startLine ?? 0
    }))
        .sort((a, b) => b.rank - a.rank || byText(a.path, b.path) || a.line - b.line)
        .map((keyed) => keyed.finding);
}

;// CONCATENATED MODULE: ./src/scanners/gatekeeper/annotations.ts
/** The ConstraintTemplate annotations reports read (schema: policies/README.md). One list, used by the scanner and the evidence report. */
const TEMPLATE_ANNOTATIONS = {
    title: 'hardening-action.io/title',
    severity: 'hardening-action.io/severity',
    remediation: 'hardening-action.io/remediation',
    references: 'hardening-action.io/references',
    compliance: 'hardening-action.io/compliance',
    version: 'metadata.gatekeeper.sh/version',
    gatekeeperTitle: 'metadata.gatekeeper.sh/title'
};

;// CONCATENATED MODULE: ./src/report/markdown.ts
// The one escaper for text from the pull request (file and object names, messages, waiver
// fields, rule text from user templates) on its way into Markdown or HTML: the PR comment, the job
// summary, the evidence report, SARIF help and decision reasons. Its output is inert: no HTML, no
// table break, no line break, no @-mention or issue reference, no Markdown structure.
/**
 * Characters turned into a space: C0/C1 controls (a lone `\r` ends a line in Markdown), DEL and
 * the Unicode line and paragraph separators.
 */
// eslint-disable-next-line no-control-regex -- control characters are what it matches
const BREAKS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
/** Bidirectional overrides and isolates (they reorder what a reader sees): shown as U+FFFD. */
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;
/** A zero-width space, written as an entity so that the source stays readable. */
const ZWSP = '&#8203;';
const REPLACEMENTS = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '|': '&#124;',
    // GitHub links #123 in the rendered text (entities are decoded first); a zero-width space
    // after the sign breaks the link. `@` is handled by MENTION.
    '#': `#${ZWSP}`
};
/**
 * The above, and Markdown's inline syntax (backslash, code, emphasis, links, strikethrough, math),
 * which is escaped with a backslash.
 */
const SPECIAL = /[&<>|#\\`*_[\]~$]/g;
/**
 * An `@` that GitHub would read as a mention of a user or team (one not preceded by a letter,
 * digit or `_`, unlike `image@sha256:…`): a zero-width space after it breaks the mention and
 * its notification.
 */
const MENTION = /(?<![A-Za-z0-9_])@/g;
/**
 * What would open a block at the start of a line: a bullet (`- x`, `+ x`), an ordered item
 * (`1. x`, `1) x`), a setext underline or thematic break (`===`, `- - -`).
 */
const BLOCK_START = /^(?:[-+](?=\s|$)|\d{1,9}(?=[.)](?:\s|$))|[-=](?=[-=\s]*$))/;
/**
 * `text` as inert Markdown that reads as the same text: fit for a table cell, a list item, a
 * `<summary>` or `<code>` element, a heading or (with `multiline`) a paragraph.
 */
function escapeMarkdown(text, options = {}) {
    const clipped = clip(text, options.max);
    if (!options.multiline)
        return escapeLine(clipped);
    return clipped
        .split(/\r\n|\r|\n/)
        .map(escapeLine)
        .join('\n');
}
function clip(text, max) {
    if (max === undefined || text.length <= max)
        return text;
    // Code points, so that an emoji or other astral character is never cut in half.
    const points = Array.from(text);
    return points.length <= max ? text : `${points.slice(0, Math.max(0, max - 1)).join('')}…`;
}
/** What makes a line need the work below (most names and messages need none of it). */
// eslint-disable-next-line no-control-regex -- control characters are among what it looks for
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069&<>|@#\\`*_[\]~$]/;
/** Tested apart from UNSAFE: an alternation of anchored and unanchored parts is 5x slower. */
const UNSAFE_START = /^[\s\d=+-]/;
const UNSAFE_END = /\s$/;
function escapeLine(line) {
    if (!UNSAFE.test(line) && !UNSAFE_START.test(line) && !UNSAFE_END.test(line))
        return line;
    const flat = line.replace(BREAKS, ' ').replace(BIDI, '\ufffd').trim();
    return flat
        .replace(SPECIAL, (c) => REPLACEMENTS[c] ?? `\\${c}`)
        .replace(MENTION, `@${ZWSP}`)
        .replace(BLOCK_START, (start) => (/\d/.test(start) ? `${start}\\` : `\\${start}`));
}
/**
 * A repository path as a URL path: every segment percent-encoded, including the characters
 * `encodeURIComponent` keeps that end or confuse a Markdown link target (`(`, `)`, `!`, `'`, `*`).
 */
function encodeUrlPath(file) {
    return file
        .split('/')
        .map((segment) => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
        .join('/');
}

;// CONCATENATED MODULE: ./src/report/evidence.ts






/** Compliance frameworks of the `hardening-action.io/compliance` annotation, in report order. */
const FRAMEWORKS = {
    'cis-kubernetes': 'CIS Kubernetes Benchmark v1.12',
    soc2: 'SOC 2 Trust Services Criteria (2017, rev. 2022)',
    'iso27001-2022': 'ISO/IEC 27001:2022 Annex A',
    hipaa: 'HIPAA Security Rule, 45 CFR 164.312'
};
const FRAMEWORK_KEYS = Object.keys(FRAMEWORKS);
const ANNOTATIONS = TEMPLATE_ANNOTATIONS;
/** Reads an EvaluatedPolicy from a template's annotations (schema: policies/README.md). */
function evaluatedPolicy(template, constraints, source) {
    const a = template.annotations;
    const problems = [];
    const compliance = Object.fromEntries(FRAMEWORK_KEYS.map((k) => [k, []]));
    const raw = a[ANNOTATIONS.compliance];
    if (raw === undefined)
        problems.push(`no ${ANNOTATIONS.compliance} annotation`);
    else {
        try {
            const parsed = JSON.parse(raw);
            for (const key of FRAMEWORK_KEYS) {
                const list = parsed[key];
                if (Array.isArray(list))
                    compliance[key] = list.map(String);
                else
                    problems.push(`${ANNOTATIONS.compliance} lacks a '${key}' list`);
            }
        }
        catch {
            problems.push(`${ANNOTATIONS.compliance} is not valid JSON`);
        }
    }
    return {
        kind: template.kind,
        name: template.name,
        title: a[ANNOTATIONS.title] ?? a[ANNOTATIONS.gatekeeperTitle] ?? template.kind,
        severity: (a[ANNOTATIONS.severity] ?? 'MEDIUM').toUpperCase(),
        ...(a[ANNOTATIONS.version] ? { version: a[ANNOTATIONS.version] } : {}),
        source,
        compliance,
        constraints: [...constraints].sort((x, y) => x.name.localeCompare(y.name)),
        ...(problems.length ? { problems } : {})
    };
}
/**
 * The digest of a policy bundle: SHA-256 over its files sorted by path, each as
 * `<path>\0<byte length>\0<bytes>`. Paths are POSIX and relative to the action root, so the
 * digest is the same on every machine.
 */
function bundleDigest(files) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    for (const file of [...files].sort((a, b) => byText(a.path, b.path))) {
        const bytes = typeof file.content === 'string' ? Buffer.from(file.content) : file.content;
        hash.update(`${file.path}\0${bytes.length}\0`);
        hash.update(bytes);
    }
    return `sha256:${hash.digest('hex')}`;
}
const natural = (a, b) => a.localeCompare(b, 'en', { numeric: true }) || byText(a, b);
function iso(value) {
    return typeof value === 'string' ? value : value.toISOString();
}
/** The evidence document: a pure function of the run's data (`generatedAt` aside). */
function toEvidenceDocument(input) {
    const policyFindings = input.findings.filter((f) => f.scanner === 'policies');
    const policies = [...input.policies]
        .sort((a, b) => byText(a.kind, b.kind))
        .map((policy) => {
        const mine = policyFindings
            .filter((f) => f.ruleId === policy.kind)
            .sort((a, b) => byText(a.location?.path ?? '', b.location?.path ?? '') ||
            (a.location?.startLine ?? 0) - (b.location?.startLine ?? 0) ||
            byText(a.resource, b.resource) ||
            byText(a.message, b.message));
        const violations = mine.filter((f) => !f.suppression).length;
        return {
            ...policy,
            status: violations > 0 ? 'fail' : 'pass',
            violations,
            waived: mine.length - violations,
            results: mine.map((f) => ({
                resource: f.resource,
                ...(f.location ? { location: `${f.location.path}:${f.location.startLine}` } : {}),
                message: f.message,
                ...(f.enforcementAction ? { enforcementAction: f.enforcementAction } : {}),
                ...(f.constraint ? { constraint: f.constraint } : {}),
                waived: Boolean(f.suppression)
            }))
        };
    });
    const controls = [];
    for (const framework of FRAMEWORK_KEYS) {
        const ids = [...new Set(policies.flatMap((p) => p.compliance[framework]))].sort(natural);
        for (const control of ids) {
            const mapped = policies.filter((p) => p.compliance[framework].includes(control));
            const failed = mapped.filter((p) => p.status === 'fail').length;
            controls.push({
                framework,
                control,
                status: failed > 0 ? 'fail' : 'pass',
                policies: mapped.map((p) => p.kind),
                passed: mapped.length - failed,
                failed,
                violations: mapped.reduce((n, p) => n + p.violations, 0),
                waived: mapped.reduce((n, p) => n + p.waived, 0)
            });
        }
    }
    const today = iso(input.generatedAt).slice(0, 10);
    // Suppressed findings counted once by what identifies their waiver, not once per waiver.
    const suppressionKey = (s) => JSON.stringify([s.reason, s.owner, s.expires]);
    const suppressed = new Map();
    for (const f of input.findings) {
        if (!f.suppression)
            continue;
        const key = suppressionKey(f.suppression);
        suppressed.set(key, (suppressed.get(key) ?? 0) + 1);
    }
    const waivers = [...input.waivers]
        .sort((a, b) => byText(a.rule, b.rule) || byText(a.owner, b.owner) || (a.line ?? 0) - (b.line ?? 0))
        .map((w) => ({
        ...w,
        status: (w.expires < today ? 'expired' : 'active'),
        findings: suppressed.get(suppressionKey(w)) ?? 0
    }));
    const scans = input.outcomes.map((o) => {
        const c = countFindings(o.findings);
        return {
            scanner: o.scanner,
            target: o.target,
            tool: o.tool,
            status: (o.error ? 'failed' : 'completed'),
            ...(o.error ? { error: o.error } : {}),
            notices: o.notices.length,
            open: Object.fromEntries([...SEVERITIES].reverse().map((s) => [s, c.bySeverity[s]])),
            waived: c.suppressed
        };
    });
    return {
        schemaVersion: 1,
        generatedAt: iso(input.generatedAt),
        repository: input.repository,
        commit: input.commit,
        ...(input.ref ? { ref: input.ref } : {}),
        ...(input.runUrl ? { runUrl: input.runUrl } : {}),
        actionVersion: input.actionVersion,
        verdict: { failed: input.decision.failed, reasons: input.decision.reasons },
        tools: [...input.tools].sort((a, b) => byText(a.name, b.name)),
        policyBundle: input.policyBundle,
        frameworks: FRAMEWORKS,
        summary: {
            policies: policies.length,
            policiesPassed: policies.filter((p) => p.status === 'pass').length,
            policiesFailed: policies.filter((p) => p.status === 'fail').length,
            controls: controls.length,
            controlsPassed: controls.filter((c) => c.status === 'pass').length,
            controlsFailed: controls.filter((c) => c.status === 'fail').length
        },
        controls,
        policies,
        waivers,
        scans
    };
}
const cell = (text) => escapeMarkdown(text);
const STATUS = { pass: '✅ pass', fail: '❌ fail' };
/** The Markdown rendering of the evidence document. */
function evidenceMarkdown(doc) {
    const lines = [];
    lines.push('# Kubernetes hardening evidence', '');
    lines.push('| | |', '| --- | --- |');
    lines.push(`| Generated | ${doc.generatedAt} |`);
    lines.push(`| Repository | ${cell(doc.repository)} |`);
    lines.push(`| Commit | \`${doc.commit}\` |`);
    if (doc.ref)
        lines.push(`| Ref | ${cell(doc.ref)} |`);
    if (doc.runUrl)
        lines.push(`| Workflow run | ${doc.runUrl} |`);
    lines.push(`| hardening-action | ${cell(doc.actionVersion)} |`);
    lines.push(`| Policy bundle | ${cell(doc.policyBundle.name)}${doc.policyBundle.digest ? ` (\`${doc.policyBundle.digest}\`)` : ''} |`);
    lines.push(`| Verdict | ${doc.verdict.failed ? '❌ failed' : '✅ passed'} |`, '');
    for (const reason of doc.verdict.reasons)
        lines.push(`- ${cell(reason)}`);
    if (doc.verdict.reasons.length)
        lines.push('');
    const s = doc.summary;
    lines.push(`**${s.policies}** policies evaluated: ${s.policiesPassed} passed, ${s.policiesFailed} failed. ` +
        `**${s.controls}** mapped controls: ${s.controlsPassed} passed, ${s.controlsFailed} failed.`, '', 'The compliance mapping is coarse evidence for an audit, not an audit opinion.', '');
    lines.push('## Tools', '', '| Tool | Version | Source | Archive SHA-256 |', '| --- | --- | --- | --- |');
    for (const t of doc.tools)
        lines.push(`| ${cell(t.name)} | ${cell(t.version)} | ${cell(t.source ?? '')} | ${t.archiveSha256 ? `\`${t.archiveSha256}\`` : 'n/a'} |`);
    lines.push('');
    lines.push('## Controls', '');
    for (const framework of FRAMEWORK_KEYS) {
        const rows = doc.controls.filter((c) => c.framework === framework);
        if (!rows.length)
            continue;
        lines.push(`### ${FRAMEWORKS[framework]}`, '', '| Control | Status | Policies passed | Policies failed | Violations | Waived | Policies |', '| --- | --- | ---: | ---: | ---: | ---: | --- |');
        for (const c of rows)
            lines.push(`| ${cell(c.control)} | ${STATUS[c.status]} | ${c.passed} | ${c.failed} | ${c.violations} | ${c.waived} | ${cell(c.policies.join(', '))} |`);
        lines.push('');
    }
    lines.push('## Policies', '', '| Policy | Title | Severity | Source | Enforcement | Status | Violations | Waived | CIS | SOC 2 | ISO 27001 | HIPAA |', '| --- | --- | --- | --- | --- | --- | ---: | ---: | --- | --- | --- | --- |');
    for (const p of doc.policies) {
        const enforcement = [...new Set(p.constraints.map((c) => c.enforcementAction))].join(', ');
        lines.push(`| ${cell(p.kind)}${p.version ? ` ${cell(p.version)}` : ''} | ${cell(p.title)} | ${cell(p.severity)} | ${p.source} | ${cell(enforcement)} | ${STATUS[p.status]} | ${p.violations} | ${p.waived} | ${FRAMEWORK_KEYS.map((k) => cell(p.compliance[k].join(', ') || '–')).join(' | ')} |`);
    }
    lines.push('');
    const problems = doc.policies.filter((p) => p.problems?.length);
    if (problems.length) {
        lines.push('Annotation problems:', '');
        for (const p of problems)
            lines.push(`- ${cell(p.kind)}: ${p.problems.map(cell).join('; ')}`);
        lines.push('');
    }
    const failing = doc.policies.filter((p) => p.results.length);
    if (failing.length) {
        lines.push('## Violations', '');
        for (const p of failing) {
            lines.push(`### ${cell(p.kind)}`, '', '| Resource | Location | Enforcement | Waived | Message |', '| --- | --- | --- | --- | --- |');
            for (const r of p.results)
                lines.push(`| ${cell(r.resource)} | ${cell(r.location ?? '')} | ${cell(r.enforcementAction ?? '')} | ${r.waived ? 'yes' : 'no'} | ${cell(r.message)} |`);
            lines.push('');
        }
    }
    lines.push('## Waivers', '');
    if (!doc.waivers.length)
        lines.push('No waivers.', '');
    else {
        lines.push('| Rule | Scope | Owner | Expires | Status | Findings covered | Reason |', '| --- | --- | --- | --- | --- | ---: | --- |');
        for (const w of doc.waivers) {
            const scope = [
                w.path ? `path ${w.path}` : '',
                w.resource ? `resource ${w.resource}` : '',
                w.image ? `image ${w.image}` : ''
            ]
                .filter(Boolean)
                .join(', ') || 'any';
            lines.push(`| ${cell(w.rule)} | ${cell(scope)} | ${cell(w.owner)} | ${w.expires} | ${w.status} | ${w.findings} | ${cell(w.reason)} |`);
        }
        lines.push('');
    }
    const sev = [...SEVERITIES].reverse();
    lines.push('## Scans', '', `| Scanner | Target | Tool | Status | ${sev.map((x) => x.toLowerCase()).join(' | ')} | Waived | Notices |`, `| --- | --- | --- | --- | ${sev.map(() => '---:').join(' | ')} | ---: | ---: |`);
    for (const scan of doc.scans)
        lines.push(`| ${cell(scan.scanner)} | ${cell(scan.target)} | ${cell(`${scan.tool.name} ${scan.tool.version}`)} | ${scan.status === 'failed' ? `❌ ${cell(scan.error ?? 'failed')}` : 'completed'} | ${sev.map((x) => scan.open[x] ?? 0).join(' | ')} | ${scan.waived} | ${scan.notices} |`);
    lines.push('');
    return `${lines.join('\n')}\n`;
}
/** The two evidence files: `evidence.json` and `evidence.md`. */
function toEvidence(input) {
    const document = toEvidenceDocument(input);
    return {
        document,
        json: `${JSON.stringify(document, null, 2)}\n`,
        markdown: evidenceMarkdown(document)
    };
}

;// CONCATENATED MODULE: ./src/report/output-files.ts
// Report files are written into the checkout, which the pull request controls: a committed
// `hardening-results/summary.md -> ~/.bashrc` must not make us write through the link, nor a later
// step (an artifact upload of the output directory) read through it. Links on the way to a report
// are removed, never followed; every directory below the workspace is checked to be a real one;
// and each file is opened with O_NOFOLLOW.



/**
 * Makes `file` safe to write: creates its missing directories below `workspace`, removes a link
 * found on the way (as a directory or as the file), and refuses when a component is some other
 * non-directory. Outside the workspace (an output directory set in code; the `output-dir` input
 * cannot leave it) nothing is the pull request's to plant.
 */
async function prepareOutputFile(workspace, file) {
    const relative = external_node_path_default().relative(workspace, file);
    if (relative.startsWith('..') || external_node_path_default().isAbsolute(relative)) {
        await (0,promises_.mkdir)(external_node_path_default().dirname(file), { recursive: true });
        return { writable: true };
    }
    const parts = relative.split((external_node_path_default()).sep);
    const problems = [];
    let current = workspace;
    for (const [index, part] of parts.entries()) {
        current = external_node_path_default().join(current, part);
        const shown = parts.slice(0, index + 1).join('/');
        const isFile = index === parts.length - 1;
        let stat = await (0,promises_.lstat)(current).catch((error) => {
            if (error.code === 'ENOENT')
                return undefined;
            throw error;
        });
        if (stat?.isSymbolicLink()) {
            await (0,promises_.unlink)(current);
            stat = undefined;
            problems.push(`${shown} was a symbolic link in the checkout; it was removed, and the report written in its place instead of through it.`);
        }
        if (isFile) {
            if (stat && !stat.isFile())
                return { writable: false, problem: `${shown} is not a regular file; it was not written.` };
        }
        else if (!stat)
            await (0,promises_.mkdir)(current);
        else if (!stat.isDirectory())
            return {
                writable: false,
                problem: `${shown} is not a directory, so ${relative} was not written.`
            };
    }
    return problems.length ? { writable: true, problem: problems.join(' ') } : { writable: true };
}
/** Writes a file that `prepareOutputFile` made safe; fails (ELOOP) should it be a link again. */
async function writeOutputFile(file, content) {
    const handle = await (0,promises_.open)(file, external_node_fs_.constants.O_WRONLY | external_node_fs_.constants.O_CREAT | external_node_fs_.constants.O_TRUNC | external_node_fs_.constants.O_NOFOLLOW, 0o644);
    try {
        await handle.writeFile(content);
    }
    finally {
        await handle.close();
    }
}
const LISTED_FOREIGN_ENTRIES = 5;
/**
 * What the checkout already holds in the output directory besides our report files. The artifact
 * upload publishes the whole directory, so a committed `evidence/index.html` or an extra SARIF
 * would travel as part of our report: the gate fails naming them (they are left as they are).
 * Links are listed, never followed. An output directory that is the workspace itself is not ours
 * to police.
 */
async function foreignOutputProblem(workspace, outputDir, reportFiles) {
    if (external_node_path_default().resolve(outputDir) === external_node_path_default().resolve(workspace))
        return undefined;
    const ours = new Set(reportFiles.map((file) => external_node_path_default().resolve(file)));
    const ourDirs = new Set(reportFiles.map((file) => external_node_path_default().resolve(external_node_path_default().dirname(file))));
    const foreign = [];
    const walk = async (dir) => {
        const entries = await (0,promises_.readdir)(dir, { withFileTypes: true }).catch(() => []);
        for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
            const full = external_node_path_default().join(dir, entry.name);
            if (ours.has(full))
                continue;
            if (entry.isDirectory() && ourDirs.has(full))
                await walk(full);
            else
                foreign.push(external_node_path_default().relative(workspace, full).split((external_node_path_default()).sep).join('/'));
        }
    };
    await walk(external_node_path_default().resolve(outputDir));
    if (foreign.length === 0)
        return undefined;
    const listed = foreign.slice(0, LISTED_FOREIGN_ENTRIES).join(', ');
    const more = foreign.length > LISTED_FOREIGN_ENTRIES
        ? ` and ${foreign.length - LISTED_FOREIGN_ENTRIES} more`
        : '';
    return (`The output directory already held ${listed}${more}, which this run did not write; an upload ` +
        'of the directory would publish them with our report. Remove them from the repository or choose another output-dir.');
}

// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
;// CONCATENATED MODULE: ./src/report/sarif.ts








/**
 * GitHub's `security-severity` is a CVSS-like score that GitHub maps back to critical (≥ 9.0),
 * high (7.0–8.9), medium (4.0–6.9) and low (0.1–3.9). A severity maps to a value inside its band
 * (the values Trivy's own SARIF writer uses); a finding that carries a CVSS base score uses that
 * score itself (see `securitySeverity`). UNKNOWN maps to 0.0, which GitHub shows as low.
 */
const SECURITY_SEVERITY = {
    CRITICAL: '9.5',
    HIGH: '8.0',
    MEDIUM: '5.5',
    LOW: '2.0',
    UNKNOWN: '0.0'
};
/** The rule's `security-severity`: a CVSS v3/v4 base score when known (0.0–10.0), else the band value. */
function securitySeverity(severity, cvssScore) {
    if (cvssScore !== undefined && Number.isFinite(cvssScore) && cvssScore >= 0 && cvssScore <= 10)
        return cvssScore.toFixed(1);
    return SECURITY_SEVERITY[severity];
}
/** GitHub code scanning limits (docs: "SARIF support for code scanning", upload limits). */
const GITHUB_LIMITS = {
    runsPerFile: 20,
    resultsPerRun: 25_000,
    rulesPerRun: 25_000,
    tagsPerRule: 20,
    gzipBytes: 10 * 1024 * 1024
};
const TOOL_NAMES = {
    image: 'Trivy image',
    repository: 'Trivy repository',
    'trivy-config': 'Trivy misconfiguration',
    policies: 'Gatekeeper policies'
};
const INFORMATION_URI = 'https://github.com/org/hardening-action';
/** Policy findings follow the constraint's enforcement action; the rest follow severity. */
function levelOf(finding) {
    if (finding.enforcementAction === 'dryrun')
        return 'note';
    if (finding.enforcementAction === 'warn')
        return 'warning';
    if (finding.enforcementAction === 'deny')
        return 'error';
    const rank = severityRank(finding.severity);
    return rank >= severityRank('HIGH')
        ? 'error'
        : rank >= severityRank('MEDIUM')
            ? 'warning'
            : 'note';
}
/** A URL-safe, stable slug for the run category of a target. */
function slug(value) {
    return value.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'default';
}
/** `automationDetails.id` of an outcome: `hardening-action/[<reportId>/]<scanner>/<target>/`. */
function categoryOf(outcome, reportId) {
    return `hardening-action/${reportId ? `${slug(reportId)}/` : ''}${outcome.scanner}/${slug(outcome.target)}/`;
}
function sortForLimit(findings) {
    // Most severe first; unsuppressed before suppressed; then a stable order by fingerprint.
    return [...findings].sort((a, b) => severityRank(b.severity) - severityRank(a.severity) ||
        Number(Boolean(a.suppression)) - Number(Boolean(b.suppression)) ||
        byText(a.fingerprint, b.fingerprint));
}
/**
 * One SARIF 2.1.0 log with one run per scanner and target, each in its own category (GitHub
 * rejects two runs with the same tool and category in one upload). Every outcome gives a run,
 * also without results, so that alerts of a category whose problems were fixed get closed.
 *
 * GitHub limits are applied here, each with a warning: at most 20 runs (the runs with the most
 * severe findings are kept) and at most 25,000 results per run (the most severe are kept).
 */
function toSarif(outcomes, actionVersion, options = {}) {
    const warn = options.warn ?? (() => { });
    const used = new Set();
    let runs = outcomes.map((outcome) => {
        let category = categoryOf(outcome, options.reportId);
        if (used.has(category)) {
            const hash = (0,external_node_crypto_.createHash)('sha256').update(outcome.target).digest('hex').slice(0, 8);
            category = `${category.slice(0, -1)}-${hash}/`;
        }
        used.add(category);
        return { outcome, category };
    });
    if (runs.length > GITHUB_LIMITS.runsPerFile) {
        const worst = (o) => Math.max(-1, ...o.findings.filter((f) => !f.suppression).map((f) => severityRank(f.severity)));
        const ranked = runs
            .map((run, index) => ({ run, index }))
            .sort((a, b) => worst(b.run.outcome) - worst(a.run.outcome) || a.index - b.index);
        const kept = new Set(ranked.slice(0, GITHUB_LIMITS.runsPerFile).map((r) => r.index));
        const dropped = runs.filter((_, index) => !kept.has(index));
        warn(`GitHub accepts at most ${GITHUB_LIMITS.runsPerFile} SARIF runs per file; ${dropped.length} run(s) left out of the SARIF (they stay in findings.json): ${dropped.map((r) => r.category).join(', ')}`);
        runs = runs.filter((_, index) => kept.has(index));
    }
    return {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: runs.map(({ outcome, category }) => sarifRun(outcome, category, actionVersion, options, warn))
    };
}
function sarifRun(outcome, category, actionVersion, options, warn) {
    let findings = outcome.findings;
    if (findings.length > GITHUB_LIMITS.resultsPerRun) {
        findings = sortForLimit(findings).slice(0, GITHUB_LIMITS.resultsPerRun);
        warn(`GitHub accepts at most ${GITHUB_LIMITS.resultsPerRun} results per SARIF run; the ${category} run keeps the ${findings.length} most severe of ${outcome.findings.length} findings (all of them stay in findings.json).`);
    }
    const rules = new Map();
    for (const finding of findings) {
        const known = rules.get(finding.ruleId);
        if (!known)
            rules.set(finding.ruleId, { index: rules.size, finding, severity: finding.severity });
        else if (severityRank(finding.severity) > severityRank(known.severity)) {
            known.severity = finding.severity;
            known.finding = finding;
        }
    }
    const version = outcome.tool.version || actionVersion;
    // Many results share a file: each path is encoded once.
    const uris = new Map();
    return {
        tool: {
            driver: {
                name: TOOL_NAMES[outcome.scanner] ?? outcome.scanner,
                organization: 'hardening-action',
                version,
                ...(/^\d+\.\d+\.\d+/.test(version) ? { semanticVersion: version } : {}),
                informationUri: INFORMATION_URI,
                rules: [...rules.values()].map(({ finding, severity }) => sarifRule(finding, severity, options.cvssScore?.(finding)))
            }
        },
        automationDetails: { id: category },
        invocations: [
            {
                executionSuccessful: outcome.error === undefined,
                toolExecutionNotifications: [
                    ...(outcome.error ? [{ level: 'error', message: { text: outcome.error } }] : []),
                    ...outcome.notices.map((notice) => ({
                        level: 'warning',
                        message: { text: notice }
                    }))
                ],
                properties: {
                    tool: outcome.tool.name,
                    toolVersion: outcome.tool.version,
                    actionVersion,
                    target: outcome.target
                }
            }
        ],
        columnKind: 'utf16CodeUnits',
        ...(options.workspace
            ? { originalUriBaseIds: { '%SRCROOT%': { uri: checkoutUri(options.workspace) } } }
            : {}),
        results: findings.map((finding) => sarifResult(finding, rules.get(finding.ruleId)?.index ?? 0, options, uris))
    };
}
/** The workspace as a `file://` URI ending in `/`: SARIF's %SRCROOT% and the upload's `checkout_uri`. */
function checkoutUri(dir) {
    let posix = external_node_path_default().resolve(dir).split((external_node_path_default()).sep).join('/');
    if (!posix.startsWith('/'))
        posix = `/${posix}`;
    if (!posix.endsWith('/'))
        posix = `${posix}/`;
    return `file://${encodeURI(posix)}`;
}
function validUrl(value) {
    if (!value)
        return undefined;
    try {
        const url = new URL(value);
        return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : undefined;
    }
    catch {
        return undefined;
    }
}
function pascal(text) {
    return text
        .split(/[^A-Za-z0-9]+/)
        .filter(Boolean)
        .map((part) => part[0].toUpperCase() + part.slice(1))
        .join('');
}
/**
 * SARIF's `name`: a readable identifier (PascalCase of the title), never equal to the opaque `id`
 * (multitool rule SARIF1001).
 */
function ruleName(finding) {
    const name = pascal(finding.title) || pascal(finding.ruleId) || 'Rule';
    return name === finding.ruleId ? `${name}Check` : name;
}
const md = (text) => escapeMarkdown(text, { multiline: true });
function sarifRule(finding, severity, cvss) {
    const refs = (finding.references ?? []).filter((r) => r.trim() !== '');
    const helpUri = validUrl(finding.helpUri);
    const remediation = finding.remediation?.trim();
    const fullDescription = finding.title === finding.ruleId ? finding.message : finding.title;
    const text = [
        finding.title,
        remediation ? `Remediation: ${remediation}` : '',
        refs.length ? `References:\n${refs.map((r) => `- ${r}`).join('\n')}` : ''
    ]
        .filter(Boolean)
        .join('\n\n');
    const markdown = [
        `**${md(finding.title)}**`,
        remediation ? `**Remediation:** ${md(remediation)}` : '',
        refs.length
            ? `**References:**\n\n${refs
                .map((r) => {
                // The parsed URL: percent-encoded, so no `>` ends the autolink early.
                const url = validUrl(r);
                return url ? `- <${url}>` : `- ${md(r)}`;
            })
                .join('\n')}`
            : '',
        helpUri && !refs.includes(finding.helpUri ?? '') ? `More: <${helpUri}>` : ''
    ]
        .filter(Boolean)
        .join('\n\n');
    const tags = ['security', finding.scanner, ...kindTags(finding)];
    return {
        id: finding.ruleId,
        name: ruleName(finding),
        shortDescription: { text: finding.title },
        fullDescription: { text: fullDescription },
        ...(helpUri ? { helpUri } : {}),
        help: { text, markdown },
        defaultConfiguration: { level: levelOf({ ...finding, severity }) },
        properties: {
            'security-severity': securitySeverity(severity, cvss),
            precision: 'very-high',
            tags: [...new Set(tags)].slice(0, GITHUB_LIMITS.tagsPerRule)
        }
    };
}
function kindTags(finding) {
    if (finding.ruleId.startsWith('secret/'))
        return ['secret'];
    if (finding.ruleId.startsWith('license/'))
        return ['license'];
    if (/^(CVE|GHSA|GO|RUSTSEC|PYSEC|OSV)-/i.test(finding.ruleId))
        return ['vulnerability'];
    if (finding.scanner === 'policies' || finding.scanner === 'trivy-config')
        return ['misconfiguration', 'kubernetes'];
    return [];
}
/**
 * Where a finding without a location points on GitHub. GitHub needs a location on every result
 * (multitool rule GH1001), so a finding of an image that no file in the repository names
 * points, in order, at `fallbackLocation` (e.g. the workflow line listing the image), else at
 * the target's name as a relative URI with line 1 (what Trivy's own SARIF does for images):
 * GitHub accepts it and shows the alert without a code snippet.
 */
function targetLocation(finding) {
    const name = finding.target.replace(/^[a-z]+:\/\//i, '').replace(/[@:]/g, '/');
    return { path: name.replace(/\/+/g, '/').replace(/^\/+/, '') || 'unknown', startLine: 1 };
}
function sarifResult(finding, ruleIndex, options, uris) {
    const location = finding.location ?? options.fallbackLocation?.(finding) ?? targetLocation(finding);
    let uri = uris.get(location.path);
    if (uri === undefined) {
        uri = encodeUriPath(location.path);
        uris.set(location.path, uri);
    }
    const region = {
        startLine: Math.max(1, location.startLine),
        ...(location.startColumn && location.startColumn > 0
            ? { startColumn: location.startColumn }
            : {}),
        ...(location.endLine && location.endLine >= location.startLine
            ? { endLine: location.endLine }
            : {})
    };
    return {
        ruleId: finding.ruleId,
        ruleIndex,
        level: levelOf(finding),
        message: { text: finding.message },
        locations: [
            {
                physicalLocation: {
                    artifactLocation: { uri, uriBaseId: '%SRCROOT%' },
                    region
                }
            }
        ],
        partialFingerprints: { 'hardeningFinding/v1': finding.fingerprint },
        ...(finding.suppression
            ? {
                suppressions: [
                    {
                        kind: 'external',
                        status: 'accepted',
                        justification: `${finding.suppression.reason} (owner ${finding.suppression.owner}, expires ${finding.suppression.expires})`
                    }
                ]
            }
            : {}),
        properties: {
            severity: finding.severity,
            resource: finding.resource,
            target: finding.target,
            ...(finding.fixedVersion ? { fixedVersion: finding.fixedVersion } : {}),
            ...(finding.enforcementAction ? { enforcementAction: finding.enforcementAction } : {}),
            ...(finding.isNew !== undefined ? { isNew: finding.isNew } : {})
        }
    };
}
/** A repo-relative POSIX path as a relative URI reference (each segment percent-encoded). */
function encodeUriPath(p) {
    return p
        .replace(/\\/g, '/')
        .replace(/^\.?\/+/, '')
        .split('/')
        .map((segment) => encodeURIComponent(segment))
        .join('/');
}
// ---- primaryLocationLineHash, as github/codeql-action computes it (src/fingerprints.ts) --------
const LINE_HASH_BLOCK = 100;
const LINE_HASH_MOD = 37;
const TWO_32 = 2 ** 32;
/** `hash = hash * 37 + code - first * leaving`, modulo 2^64, in place (one call per character). */
function roll(hash, code, first, leaving) {
    const lo = hash.lo * LINE_HASH_MOD + code - first.lo * leaving;
    hash.lo = lo - Math.floor(lo / TWO_32) * TWO_32;
    const hi = hash.hi * LINE_HASH_MOD + (lo - hash.lo) / TWO_32 - first.hi * leaving;
    hash.hi = hi - Math.floor(hi / TWO_32) * TWO_32;
}
/** 37^100 mod 2^64, the weight of the character leaving the window. */
const LINE_HASH_FIRST_MOD = (() => {
    const value = { hi: 0, lo: 1 };
    for (let i = 0; i < LINE_HASH_BLOCK; i++)
        roll(value, 0, { hi: 0, lo: 0 }, 0);
    return value;
})();
function hashHex({ hi, lo }) {
    return hi ? `${hi.toString(16)}${lo.toString(16).padStart(8, '0')}` : lo.toString(16);
}
/**
 * The `primaryLocationLineHash` of every line of a text, index 0 = line 1. It is GitHub's rolling
 * hash: for each line, a polynomial hash (base 37, mod 2^64) over the next 100 characters from
 * the start of that line, with spaces and tabs skipped and CR, LF and CRLF all read as LF; after
 * the text come one 0xFFFF and enough zeros to fill the window. The hex value is followed by
 * `:n`, the how-many-th time that value occurs in the file. A text with a final newline has one
 * more (empty) line.
 */
function lineHashes(text) {
    const TAB = 9;
    const LF = 10;
    const CR = 13;
    const SPACE = 32;
    const window = new Uint16Array(LINE_HASH_BLOCK);
    const lineStarting = new Int32Array(LINE_HASH_BLOCK).fill(-1);
    const seen = new Map();
    const out = [];
    const hash = { hi: 0, lo: 0 };
    let at = 0;
    let lines = 0;
    let startOfLine = true;
    let afterCr = false;
    const emit = () => {
        const hex = hashHex(hash);
        const n = (seen.get(hex) ?? 0) + 1;
        seen.set(hex, n);
        out[lineStarting[at] - 1] = `${hex}:${n}`;
        lineStarting[at] = -1;
    };
    const push = (code) => {
        const leaving = window[at];
        window[at] = code;
        roll(hash, code, LINE_HASH_FIRST_MOD, leaving);
        at = at === LINE_HASH_BLOCK - 1 ? 0 : at + 1;
    };
    const feed = (input) => {
        let code = input;
        if (code === SPACE || code === TAB || (afterCr && code === LF)) {
            afterCr = false;
            return;
        }
        afterCr = code === CR;
        if (afterCr)
            code = LF;
        if (lineStarting[at] !== -1)
            emit();
        if (startOfLine) {
            startOfLine = false;
            lines++;
            lineStarting[at] = lines;
        }
        if (code === LF)
            startOfLine = true;
        push(code);
    };
    for (let i = 0; i < text.length; i++)
        feed(text.charCodeAt(i));
    feed(0xffff);
    for (let i = 0; i < LINE_HASH_BLOCK; i++) {
        if (lineStarting[at] !== -1)
            emit();
        push(0);
    }
    return out;
}
/**
 * Adds `partialFingerprints.primaryLocationLineHash` to every result whose primary location is a
 * file under `workspace` with a start line, exactly as github/codeql-action's upload does (it
 * reads the file; results on missing files or directories are left without one). Mutates and
 * returns the log.
 */
async function addLineHashes(log, workspace) {
    const root = external_node_path_default().resolve(workspace);
    // Results are grouped by URI first: resolving one path per result cost more than hashing.
    const byUri = new Map();
    for (const run of log.runs) {
        for (const result of run.results) {
            const physical = result.locations[0]?.physicalLocation;
            if (!physical?.region?.startLine)
                continue;
            const uri = physical.artifactLocation.uri;
            const results = byUri.get(uri);
            if (results)
                results.push(result);
            else
                byUri.set(uri, [result]);
        }
    }
    for (const [uri, results] of byUri) {
        const file = workspaceFile(root, uri);
        if (!file)
            continue;
        const info = await (0,promises_.stat)(file).catch(() => undefined);
        if (!info?.isFile())
            continue;
        const hashes = lineHashes(await (0,promises_.readFile)(file, 'utf8'));
        for (const result of results) {
            const line = result.locations[0].physicalLocation.region.startLine;
            const value = hashes[line - 1];
            if (value)
                result.partialFingerprints.primaryLocationLineHash = value;
        }
    }
    return log;
}
/** The file a relative result URI names inside the workspace; undefined for anything else. */
function workspaceFile(root, uri) {
    let relative;
    try {
        relative = decodeURIComponent(uri);
    }
    catch {
        return undefined;
    }
    if (relative.includes('://') || external_node_path_default().isAbsolute(relative))
        return undefined;
    const file = external_node_path_default().resolve(root, relative);
    return file === root || file.startsWith(`${root}${(external_node_path_default()).sep}`) ? file : undefined;
}
// ---- serialisation within GitHub's 10 MB (gzip) upload limit ------------------------------------
/**
 * Level 3 instead of zlib's default 6: on 100k results (42 MB of JSON) it took 150 ms instead of
 * 410 ms for a file 9 % larger (4.5 MB instead of 4.15 MB), far inside GitHub's 10 MB.
 */
const gzipAsync = (text) => (0,external_node_util_.promisify)(external_node_zlib_.gzip)(text, { level: 3 });
/**
 * Serialises the log; when its gzip exceeds GitHub's 10 MB, removes the least severe results of
 * the largest run (a quarter at a time) until it fits, with a warning. The log is not mutated.
 */
async function serializeSarif(log, maxGzipBytes = GITHUB_LIMITS.gzipBytes) {
    const warnings = [];
    let current = log;
    let json = JSON.stringify(current);
    let gzip = await gzipAsync(json);
    const original = new Map(log.runs.map((run) => [run.automationDetails.id, run.results.length]));
    while (gzip.length > maxGzipBytes) {
        const largest = [...current.runs].sort((a, b) => b.results.length - a.results.length)[0];
        if (!largest || largest.results.length === 0) {
            warnings.push(`The SARIF is ${gzip.length} bytes gzipped even without results; GitHub accepts at most ${maxGzipBytes}.`);
            break;
        }
        const keep = Math.floor((largest.results.length * 3) / 4);
        const order = SEVERITY_ORDER;
        const kept = largest.results
            .map((result, index) => ({ result, index }))
            .sort((a, b) => order(b.result) - order(a.result) ||
            Number(Boolean(a.result.suppressions)) - Number(Boolean(b.result.suppressions)) ||
            a.index - b.index)
            .slice(0, keep)
            .sort((a, b) => a.index - b.index)
            .map((entry) => entry.result);
        current = {
            ...current,
            runs: current.runs.map((run) => (run === largest ? { ...run, results: kept } : run))
        };
        json = JSON.stringify(current);
        gzip = await gzipAsync(json);
    }
    for (const run of current.runs) {
        const before = original.get(run.automationDetails.id) ?? run.results.length;
        if (run.results.length < before)
            warnings.push(`GitHub accepts at most ${maxGzipBytes} bytes of gzipped SARIF; the ${run.automationDetails.id} run keeps the ${run.results.length} most severe of ${before} results (all stay in findings.json).`);
    }
    return { json: `${json}\n`, gzip, warnings };
}
const SEVERITY_ORDER = (result) => severityRank(result.properties.severity ?? 'UNKNOWN');
/**
 * The whole SARIF stage: the log (with limits applied), GitHub's line hashes from the workspace
 * files, and the serialised text within the 10 MB gzip limit. Warnings go to `options.warn`.
 */
async function buildSarif(outcomes, actionVersion, options) {
    const warnings = [];
    const warn = (message) => {
        warnings.push(message);
        options.warn?.(message);
    };
    const log = toSarif(outcomes, actionVersion, { ...options, warn });
    await addLineHashes(log, options.workspace);
    const serialized = await serializeSarif(log);
    for (const message of serialized.warnings)
        options.warn?.(message);
    return { ...serialized, warnings: [...warnings, ...serialized.warnings] };
}

;// CONCATENATED MODULE: ./src/report/summary.ts




const TOP_FINDINGS = 20;
const summary_cell = (text) => escapeMarkdown(text, { max: 500 });
/** The job summary: verdict, counts, what was skipped, and the most severe findings. */
function toSummaryMarkdown(outcomes, findings, decision) {
    const counts = countFindings(findings);
    const lines = [];
    lines.push(`## hardening-action: ${decision.failed ? '❌ failed' : '✅ passed'}`, '');
    for (const reason of decision.reasons)
        lines.push(`- ${summary_cell(reason)}`);
    if (decision.reasons.length)
        lines.push('');
    const severities = [...SEVERITIES].reverse();
    lines.push(`| Scanner | Target | ${severities.join(' | ')} | Waived |`);
    lines.push(`| --- | --- | ${severities.map(() => '---:').join(' | ')} | ---: |`);
    for (const outcome of outcomes) {
        const c = countFindings(outcome.findings);
        const status = outcome.error ? ' ⚠️ failed' : '';
        lines.push(`| ${summary_cell(outcome.scanner)}${status} | ${summary_cell(outcome.target)} | ${severities.map((s) => c.bySeverity[s]).join(' | ')} | ${c.suppressed} |`);
    }
    lines.push('', `**${counts.total}** findings, **${counts.suppressed}** waived.`, '');
    const problems = outcomes.flatMap((o) => [
        ...(o.error ? [`${o.scanner} (${o.target}): ${o.error}`] : []),
        ...o.notices
    ]);
    if (problems.length) {
        lines.push('<details><summary>Not scanned or not evaluated</summary>', '');
        for (const problem of problems)
            lines.push(`- ${summary_cell(problem)}`);
        lines.push('', '</details>', '');
    }
    const top = sortBySeverity(findings.filter((f) => !f.suppression)).slice(0, TOP_FINDINGS);
    if (top.length) {
        lines.push(`### Top findings`, '', '| Severity | Rule | Where | Message |', '| --- | --- | --- | --- |');
        for (const f of top) {
            const where = f.location ? `${f.location.path}:${f.location.startLine}` : f.target;
            lines.push(`| ${f.severity} | ${summary_cell(f.ruleId)} | ${summary_cell(where)} | ${summary_cell(f.message)} |`);
        }
    }
    return `${lines.join('\n')}\n`;
}

;// CONCATENATED MODULE: ./src/util/stopwatch.ts
/** Returns a function that gives the seconds since the previous call (or since creation). */
function stopwatch() {
    let last = performance.now();
    return () => {
        const now = performance.now();
        const seconds = (now - last) / 1000;
        last = now;
        return Math.round(seconds * 1000) / 1000;
    };
}

;// CONCATENATED MODULE: ./src/util/temp.ts



/**
 * A fresh directory only this process can use (mkdtemp: mode 0700), outside the checkout:
 * under RUNNER_TEMP on a runner (emptied after every job), else the OS temp dir.
 */
function privateTempDir(prefix) {
    return (0,promises_.mkdtemp)(external_node_path_default().join(process.env.RUNNER_TEMP || external_node_os_default().tmpdir(), prefix));
}

;// CONCATENATED MODULE: ./src/findings/model.ts

/** Adds the fingerprint; line numbers stay out of it so moving code does not make findings "new". */
function finalize(draft) {
    const identity = [
        draft.scanner,
        draft.target,
        draft.ruleId,
        draft.resource,
        draft.constraint ?? '',
        draft.location?.path ?? '',
        draft.message
    ];
    return {
        ...draft,
        fingerprint: (0,external_node_crypto_.hash)('sha256', identity.join('\u0000'), 'hex').slice(0, 32)
    };
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
;// CONCATENATED MODULE: ./src/scanners/run-tool.ts



/**
 * What a tool may see of our environment. Rego reads it (`opa.runtime().env`) and every tool
 * reads its own settings from it (`TRIVY_*`, `CONFTEST_*`, `HELM_*`), so a tool gets only what
 * it needs to run and reach the network: never `INPUT_*`, tokens, `ACTIONS_*` or `GITHUB_*`.
 */
const BASE_ENV = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'LANGUAGE', 'TZ'];
/** How to reach the network (a proxy URL may carry its password). */
const NETWORK_ENV = [
    'SSL_CERT_FILE',
    'SSL_CERT_DIR',
    ...['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'ALL_PROXY'].flatMap((name) => [
        name,
        name.toLowerCase()
    ])
];
/** Registry credentials Trivy reads, for the runs that pull from a registry (images, the DB). */
const REGISTRY_ENV = ['DOCKER_CONFIG', 'TRIVY_USERNAME', 'TRIVY_PASSWORD', 'TRIVY_REGISTRY_TOKEN'];
/**
 * The allow-listed environment for a tool: the network settings unless `network: false` (a tool
 * that needs no network, such as conftest, whose Rego can read them), and Trivy's registry
 * login with `registryCredentials`.
 */
function toolEnv(options = {}, source = process.env) {
    const names = [
        ...BASE_ENV,
        ...(options.network === false ? [] : NETWORK_ENV),
        ...(options.registryCredentials ? REGISTRY_ENV : [])
    ];
    const env = {};
    for (const [name, value] of Object.entries(source)) {
        if (value !== undefined && (names.includes(name) || name.startsWith('LC_')))
            env[name] = value;
    }
    return env;
}
/** A scanner tool that crashed, failed or hung; the message carries the tail of its stderr. */
class ToolError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ToolError';
    }
}
const STDERR_TAIL = 2_000;
/**
 * Runs a tool with an argument array (never a shell), bounded by a timeout, in a fresh empty
 * working directory: tools look for their configuration there (`trivy.yaml`, `.trivyignore`,
 * `conftest.toml`), and none may come from the checkout.
 */
async function runTool(command, args, options) {
    const cwd = await privateTempDir('hardening-cwd-');
    try {
        return await spawnTool(command, args, options, cwd);
    }
    finally {
        await (0,promises_.rm)(cwd, { recursive: true, force: true });
    }
}
function spawnTool(command, args, options, cwd) {
    const okExitCodes = options.okExitCodes ?? [0];
    return new Promise((resolve, reject) => {
        const child = (0,external_node_child_process_.spawn)(command, args, {
            env: options.env ?? toolEnv(),
            cwd,
            stdio: ['ignore', 'pipe', 'pipe'],
            shell: false
        });
        const stdout = [];
        const stderr = [];
        let timedOut = false;
        const timer = setTimeout(() => {
            timedOut = true;
            child.kill('SIGKILL');
        }, options.timeoutMs);
        child.stdout.on('data', (chunk) => stdout.push(chunk));
        child.stderr.on('data', (chunk) => stderr.push(chunk));
        child.on('error', (error) => {
            clearTimeout(timer);
            reject(new ToolError(`Could not start ${command}: ${error.message}`));
        });
        child.on('close', (code, signal) => {
            clearTimeout(timer);
            const err = Buffer.concat(stderr).toString('utf8');
            const tail = err.length > STDERR_TAIL ? `…${err.slice(-STDERR_TAIL)}` : err;
            const name = command.split(/[\\/]/).pop();
            if (timedOut) {
                reject(new ToolError(`${name} did not finish within ${options.timeoutMs / 1000}s and was stopped. stderr: ${tail.trim()}`));
            }
            else if (code === null || !okExitCodes.includes(code)) {
                const how = code === null ? `was killed by ${signal}` : `exited with code ${code}`;
                reject(new ToolError(`${name} ${how}. stderr: ${tail.trim()}`));
            }
            else {
                resolve({ stdout: Buffer.concat(stdout).toString('utf8'), stderr: err, exitCode: code });
            }
        });
    });
}

;// CONCATENATED MODULE: ./src/manifests/kube-yaml.ts
/**
 * Reads YAML exactly as Kubernetes does. kubectl, the API server and gator split a file into
 * documents with k8s.io/apimachinery's YAMLReader and turn each into JSON with
 * sigs.k8s.io/yaml's YAMLToJSON (go-yaml v2: YAML 1.1 scalars, merge keys). The `yaml` package
 * parses (it gives positions and syntax errors); everything it would resolve the YAML 1.2 way
 * is resolved here instead, the go-yaml v2 way. Only field lines are kept, never the YAML tree.
 * test/integration/kube-yaml-differential.test.ts compares every rule with the real thing.
 */

const TAG = 'tag:yaml.org,2002:';
const STR = `${TAG}str`;
const BINARY = `${TAG}binary`;
const MERGE = `${TAG}merge`;
const TIMESTAMP = `${TAG}timestamp`;
const INT = `${TAG}int`;
const FLOAT = `${TAG}float`;
const NULL = `${TAG}null`;
const RESOLVABLE = new Set(['', STR, `${TAG}bool`, INT, FLOAT, NULL, TIMESTAMP]);
/** go-yaml v2's resolve table: these exact spellings, everything else by its first character. */
const SPELLINGS = new Map();
for (const [tag, value, words] of [
    ['bool', true, 'y Y yes Yes YES true True TRUE on On ON'],
    ['bool', false, 'n N no No NO false False FALSE off Off OFF'],
    ['null', null, '~ null Null NULL'],
    ['float', NaN, '.nan .NaN .NAN'],
    ['float', Infinity, '.inf .Inf .INF +.inf +.Inf +.INF'],
    ['float', -Infinity, '-.inf -.Inf -.INF']
]) {
    for (const word of words.split(' '))
        SPELLINGS.set(word, [`${TAG}${tag}`, value]);
}
SPELLINGS.set('', [NULL, null]);
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;
/**
 * Splits `text` as apimachinery's YAMLReader does and reads each document. `split: false` reads
 * the text as one stream (a UTF-16 file, which the byte-wise splitter never splits).
 */
function* readKubeYaml(text, { split = true } = {}) {
    if (!split)
        return yield readDocument(text, 1);
    for (const chunk of splitDocuments(text)) {
        if ('error' in chunk) {
            yield refusal(chunk.line, chunk.line, chunk.error);
            return; // the reader stops at an invalid separator, and so does kubectl
        }
        yield readDocument(chunk.text, chunk.line);
    }
}
/**
 * apimachinery's YAMLReader: a line starting with `---` ends the document before it (the line
 * itself is dropped, unless nothing precedes it), anything but a comment after the `---` is an
 * error, and each line loses its `\r\n` (bufio.ReadLine) and ends with `\n`.
 */
function* splitDocuments(text) {
    let start = 0; // offset of the pending document
    let startLine = 1;
    let line = 1;
    let pos = 0;
    while (pos < text.length) {
        const newline = text.indexOf('\n', pos);
        const end = newline === -1 ? text.length : newline + 1;
        if (text.startsWith('---', pos)) {
            const trimmed = goTrimSpace(text.slice(pos + 3, newline === -1 ? end : newline));
            if (trimmed !== '' && trimmed[0] !== '#')
                return yield { error: `invalid Yaml document separator: ${trimmed}`, line };
            if (pos > start) {
                yield { text: normalizeLines(text.slice(start, pos)), line: startLine };
                start = end;
                startLine = line + 1;
            }
        }
        pos = end;
        line++;
    }
    if (start < text.length)
        yield { text: normalizeLines(text.slice(start)), line: startLine };
}
function normalizeLines(chunk) {
    const lines = chunk.includes('\r\n') ? chunk.replace(/\r\n/g, '\n') : chunk;
    return lines.endsWith('\n') ? lines : `${lines}\n`;
}
/** Go's strings.TrimSpace (Unicode White_Space; unlike String.trim, not U+FEFF). */
function goTrimSpace(value) {
    return value.replace(/^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g, '');
}
class Refusal extends Error {
    offset;
    constructor(message, offset) {
        super(message);
        this.offset = offset;
    }
}
function refusal(line, errorLine, message) {
    return { line, error: { line: errorLine, message }, lineOf: () => undefined };
}
/** go-yaml v2 reads only the first YAML document of what the splitter gives it. */
function readDocument(chunk, firstLine) {
    const refused = goOnlyRefuses(chunk);
    if (refused)
        return refusal(firstLine, firstLine + refused.lineIndex, refused.message);
    // go-yaml reads a lone CR and NEL as line breaks; the yaml package does not.
    const normalized = /[\r\u0085]/.test(chunk) ? chunk.replace(/[\r\u0085]/g, '\n') : chunk;
    let parsed;
    try {
        parsed = firstDocument(normalized);
        // go-yaml does not check the indentation of multi-line quoted scalars and flow collections;
        // the yaml package does. Indenting their continuation lines changes no value, only the
        // yaml package's verdict (and no line number).
        if (syntaxError(parsed.document)) {
            const reindented = reindentFlowContinuations(normalized);
            if (reindented !== undefined) {
                const again = firstDocument(reindented);
                if (!syntaxError(again.document))
                    parsed = { ...again, text: reindented };
            }
        }
    }
    catch (error) {
        if (!(error instanceof RangeError))
            throw error;
        return refusal(firstLine, firstLine, 'the document is nested too deeply');
    }
    const { document, counter, text } = parsed;
    const lineAt = (offset) => firstLine - 1 + counter.linePos(offset).line;
    if (!document)
        return { line: firstLine, value: null, lineOf: () => undefined };
    const start = document.contents?.range ? lineAt(document.contents.range[0]) : firstLine;
    const syntax = syntaxError(document);
    if (syntax)
        return refusal(start, lineAt(syntax.pos[0]), syntax.message.split('\n')[0]);
    const decoder = new Decoder(lineAt, (offset) => counter.linePos(offset).col - 1, text);
    let value;
    try {
        decoder.bind(document.contents);
        decoder.count(); // the document node
        value = decoder.decode(document.contents);
    }
    catch (error) {
        if (error instanceof Refusal)
            return refusal(start, error.offset === undefined ? start : lineAt(error.offset), error.message);
        if (error instanceof RangeError)
            return refusal(start, start, 'the document is nested too deeply');
        throw error;
    }
    const lines = decoder.lines;
    return {
        line: start,
        value,
        lineOf(path) {
            let current = value;
            let found;
            for (const segment of path) {
                const table = lines.get(current);
                if (Array.isArray(current) && typeof segment === 'number') {
                    if (segment >= current.length)
                        return found;
                    found = table[segment];
                    current = current[segment];
                }
                else if (isObject(current) && Object.hasOwn(current, String(segment))) {
                    found = table.get(String(segment));
                    current = current[String(segment)];
                }
                else
                    return found;
            }
            return found;
        }
    };
}
function firstDocument(text) {
    const counter = new dist/* LineCounter */.HN();
    const composer = new dist/* Composer */.Dk({ schema: 'failsafe', uniqueKeys: false });
    let document;
    for (const doc of composer.compose(new dist/* Parser */.iX(counter.addNewLine).parse(text))) {
        document = doc;
        break;
    }
    return { document, counter, text };
}
/**
 * The yaml package's syntax errors. Tags are resolved here, so its opinion about a tag is not an
 * error, except for an undeclared tag handle, which go-yaml refuses too.
 */
function syntaxError(document) {
    return document?.errors.find((error) => error.code !== 'TAG_RESOLVE_FAILED' || error.message.startsWith('Could not resolve tag'));
}
/** What go-yaml refuses in a document that the yaml package reads. */
function goOnlyRefuses(chunk) {
    const at = (index) => chunk.slice(0, index).split('\n').length - 1;
    // go-yaml's reader allows tab, LF, CR, NEL and printable Unicode, nothing else.
    const control = /[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u.exec(chunk);
    if (control)
        return { message: 'control characters are not allowed', lineIndex: at(control.index) };
    // A directive: the splitter has already taken the `---` that should follow it.
    const directive = /^(?:\ufeff)?(?:[ \t]*(?:#.*)?\n)*%/.exec(chunk);
    if (directive)
        return { message: 'did not find expected <document start>', lineIndex: at(directive[0].length) };
    if (/[\u2028\u2029]/.test(chunk))
        return { message: 'line breaks other than LF, CR and NEL are not supported', lineIndex: 0 };
    // go-yaml does not skip a tab after a block sequence's `-`.
    const tab = /^[ ]*(?:-[ ]+)*-[ ]*\t/m.exec(chunk);
    if (tab)
        return { message: 'found character that cannot start any token', lineIndex: at(tab.index) };
    return undefined;
}
/**
 * Indents the continuation lines of multi-line quoted scalars and flow collections in block
 * context by one more than the line they start on (leading white space there is no part of the
 * value). Undefined when nothing needed it, or when a continuation line starts with `...`, which
 * go-yaml refuses there.
 */
function reindentFlowContinuations(text) {
    const lines = text.split('\n');
    let changed = false;
    let quote = ''; // the open quote, if any
    let depth = 0; // flow collection depth
    let constructIndent = -1; // indentation of the line the open construct started on
    let blockScalarParent = -1; // indentation of the line that opened a block scalar
    for (let n = 0; n < lines.length; n++) {
        let line = lines[n];
        const indent = /^ */.exec(line)[0].length;
        if (quote || depth > 0) {
            if (line.trim() !== '' && indent <= constructIndent) {
                if (/^\.\.\.(\s|$)/.test(line))
                    return undefined;
                line = ' '.repeat(constructIndent + 1 - indent) + line;
                lines[n] = line;
                changed = true;
            }
        }
        else if (blockScalarParent >= 0) {
            if (line.trim() === '' || indent > blockScalarParent)
                continue;
            blockScalarParent = -1;
        }
        let nodeStart = !quote && depth === 0;
        for (let i = quote || depth > 0 ? 0 : indent; i < line.length; i++) {
            const c = line[i];
            if (quote === '"') {
                if (c === '\\')
                    i++;
                else if (c === '"')
                    quote = '';
                continue;
            }
            if (quote === "'") {
                if (c === "'" && line[i + 1] === "'")
                    i++;
                else if (c === "'")
                    quote = '';
                continue;
            }
            if (c === ' ' || c === '\t')
                continue;
            if (c === '#' && (i === 0 || line[i - 1] === ' ' || line[i - 1] === '\t'))
                break;
            const startOfNode = nodeStart || (depth > 0 && /[[{,:?]/.test(lastSignificant(line, i)));
            if ((c === '"' || c === "'") && startOfNode) {
                quote = c;
                if (depth === 0)
                    constructIndent = indent;
            }
            else if ((c === '[' || c === '{') && startOfNode) {
                if (depth === 0)
                    constructIndent = indent;
                depth++;
            }
            else if ((c === ']' || c === '}') && depth > 0)
                depth--;
            else if ((c === '|' || c === '>') && nodeStart && depth === 0) {
                blockScalarParent = indent;
                break;
            }
            if ((c === '!' || c === '&') && nodeStart) {
                i = skipToken(line, i) - 1; // a tag or an anchor: the node follows it
                continue;
            }
            nodeStart = depth === 0 && /[-?:]/.test(c) && /[ \t]|^$/.test(line[i + 1] ?? '');
            if (!nodeStart && depth === 0 && !quote) {
                // a plain scalar or key: skip to the next `: `, ` #` or the end of the line
                const next = line.slice(i).search(/:[ \t]|:$| #/);
                if (next === -1)
                    break;
                i += next - 1;
            }
        }
    }
    return changed ? lines.join('\n') : undefined;
}
function lastSignificant(line, before) {
    for (let i = before - 1; i >= 0; i--)
        if (line[i] !== ' ' && line[i] !== '\t')
            return line[i];
    return '[';
}
function skipToken(line, i) {
    let j = i;
    while (j < line.length && line[j] !== ' ' && line[j] !== '\t')
        j++;
    return j;
}
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/**
 * go-yaml v2's decoder into interface{}, then YAMLToJSON's key conversion, in one walk. It counts
 * decode steps as go-yaml does, for its "excessive aliasing" limit.
 */
class Decoder {
    lineAt;
    columnAt;
    text;
    lines = new Map();
    targets = new Map();
    expanding = new Set();
    decodeCount = 0;
    aliasCount = 0;
    aliasDepth = 0;
    blockIndents = new Map();
    constructor(lineAt, columnAt, text) {
        this.lineAt = lineAt;
        this.columnAt = columnAt;
        this.text = text;
    }
    /** Binds each alias to the latest anchor before it, as go-yaml's parser does. */
    /**
     * Binds each alias to the latest anchor before it, as go-yaml's parser does, and notes the
     * indentation of the block collection around each block scalar (libyaml's parent indent).
     */
    bind(root) {
        const anchors = new Map();
        const walk = (node, parentIndent) => {
            if ((0,dist/* isAlias */.Vj)(node)) {
                const target = anchors.get(node.source);
                if (!target)
                    throw new Refusal(`unknown anchor '${node.source}' referenced`, node.range?.[0]);
                this.targets.set(node, target);
                return;
            }
            if (!node || typeof node !== 'object')
                return;
            if ((0,dist/* isScalar */.jn)(node)) {
                this.checkScalar(node);
                if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED')
                    this.blockIndents.set(node, parentIndent);
            }
            const anchored = node;
            if (anchored.anchor)
                anchors.set(anchored.anchor, anchored);
            const indent = anchored.range ? this.columnAt(anchored.range[0]) : parentIndent;
            if ((0,dist/* isMap */.jh)(node)) {
                for (const pair of node.items) {
                    walk(pair.key, indent);
                    walk(pair.value, indent);
                }
            }
            else if ('items' in node)
                for (const item of node.items)
                    walk(item, indent);
        };
        walk(root, -1);
    }
    /** Scalar syntax go-yaml v2 refuses and the yaml package reads. */
    checkScalar(node) {
        const [start, end] = node.range ?? [0, 0];
        if (node.type === 'QUOTE_DOUBLE' && /(^|[^\\])(\\\\)*\\\//.test(this.text.slice(start, end)))
            throw new Refusal('found unknown escape character', start);
        // A tag must be followed by a blank (or `,` in a flow collection): `{a: !!str}` is an error.
        if (node.tag &&
            start === end &&
            /[\]}]/.test(this.text[start] ?? '') &&
            !/\s/.test(this.text[start - 1]))
            throw new Refusal('did not find expected whitespace or line break', start);
    }
    /** A scalar's value; block scalars as libyaml reads them (see blockScalar). */
    scalar(node) {
        const parentIndent = this.blockIndents.get(node);
        const text = parentIndent !== undefined && node.range
            ? blockScalar(this.text, node.range[0], parentIndent)
            : (node.source ?? String(node.value)); // tags are resolved here, not by `yaml`
        return scalarValue(node, text);
    }
    count() {
        this.decodeCount++;
        if (this.aliasDepth > 0)
            this.aliasCount++;
        if (this.aliasCount > 100 &&
            this.decodeCount > 1000 &&
            this.aliasCount / this.decodeCount > allowedAliasRatio(this.decodeCount))
            throw new Refusal('document contains excessive aliasing');
    }
    /** The JSON value of a node (a missing node is an empty plain scalar: null). */
    decode(node) {
        this.count();
        if (node === null)
            return null;
        if ((0,dist/* isAlias */.Vj)(node))
            return this.alias(node, (target) => this.decode(target));
        if ((0,dist/* isScalar */.jn)(node))
            return jsonScalar(this.scalar(node), node);
        if ((0,dist/* isMap */.jh)(node)) {
            const object = {};
            const lines = new Map();
            this.lines.set(object, lines);
            this.mapInto(node, object, lines);
            return object;
        }
        const items = node.items;
        const array = new Array(items.length);
        const lines = new Array(items.length);
        this.lines.set(array, lines);
        items.forEach((item, index) => {
            array[index] = this.decode(item);
            lines[index] = this.lineAt(item?.range?.[0] ?? node.range?.[0] ?? 0);
        });
        return array;
    }
    alias(node, decode) {
        if (this.expanding.has(node))
            throw new Refusal(`anchor '${node.source}' value contains itself`, node.range?.[0]);
        this.expanding.add(node);
        this.aliasDepth++;
        const result = decode(this.targets.get(node));
        this.aliasDepth--;
        this.expanding.delete(node);
        return result;
    }
    /** A mapping decoded into `object`: later keys (merged ones too) replace earlier ones. */
    mapInto(node, object, lines) {
        for (const pair of node.items) {
            const keyNode = pair.key;
            const valueNode = pair.value;
            if ((0,dist/* isScalar */.jn)(keyNode) && isMergeKey(keyNode)) {
                this.merge(valueNode, object, lines);
                continue;
            }
            this.count();
            const key = this.key(keyNode);
            const value = this.decode(valueNode);
            if (key === '__proto__')
                Object.defineProperty(object, key, {
                    value,
                    enumerable: true,
                    writable: true,
                    configurable: true
                });
            else
                object[key] = value;
            lines.set(key, this.lineAt(keyNode?.range?.[0] ?? node.range?.[0] ?? 0));
        }
    }
    /** `<<`: a map, an alias of one, or a sequence of them (the earliest wins there). */
    merge(node, object, lines) {
        const into = (source) => {
            this.count();
            if ((0,dist/* isAlias */.Vj)(source)) {
                if (!(0,dist/* isMap */.jh)(this.targets.get(source)))
                    throw wantMap(source);
                this.alias(source, (target) => into(target));
            }
            else if ((0,dist/* isMap */.jh)(source))
                this.mapInto(source, object, lines);
            else
                throw wantMap(source ?? node);
        };
        if (node && !(0,dist/* isScalar */.jn)(node) && !(0,dist/* isMap */.jh)(node) && !(0,dist/* isAlias */.Vj)(node)) {
            const items = node.items;
            for (let i = items.length - 1; i >= 0; i--)
                into(items[i]);
        }
        else
            into(node);
    }
    /** A key as YAMLToJSON writes it; collections and null cannot be keys. */
    key(node) {
        if ((0,dist/* isAlias */.Vj)(node)) {
            return this.alias(node, (target) => {
                this.count();
                return this.key(target);
            });
        }
        if (node && !(0,dist/* isScalar */.jn)(node))
            throw new Refusal('invalid map key: a map or sequence cannot be a key', node.range?.[0]);
        const value = node ? this.scalar(node) : null;
        if (value === null)
            throw new Refusal('unsupported map key of type: <nil> (a null key)', node?.range?.[0]);
        if (typeof value === 'bigint') {
            if (value > INT64_MAX)
                throw new Refusal(`unsupported map key of type: uint64, key: ${value}`, node?.range?.[0]);
            return String(value);
        }
        if (typeof value === 'number')
            return goFloat32Key(value);
        return String(value);
    }
}
function wantMap(node) {
    return new Refusal('map merge requires map or sequence of maps as the value', node?.range?.[0]);
}
function allowedAliasRatio(decodeCount) {
    if (decodeCount <= 400_000)
        return 0.99;
    if (decodeCount >= 4_000_000)
        return 0.1;
    return 0.99 - 0.89 * ((decodeCount - 400_000) / 3_600_000);
}
function isMergeKey(node) {
    return ((node.source ?? node.value) === '<<' &&
        (node.tag === undefined ? node.type === 'PLAIN' : node.tag === MERGE || node.tag === '!'));
}
/** ints stay exact (bigint) until they become JSON numbers; encoding/json refuses NaN and ±Inf. */
function jsonScalar(value, node) {
    if (typeof value === 'bigint')
        return Number(value);
    if (typeof value === 'number' && !Number.isFinite(value))
        throw new Refusal(`json: unsupported value: ${Number.isNaN(value) ? 'NaN' : value > 0 ? '+Inf' : '-Inf'}`, node.range?.[0]);
    return value;
}
/** go-yaml v2's d.scalar into interface{}: quoted and block scalars are strings unless tagged. */
function scalarValue(node, text) {
    const tag = node.tag;
    if (tag === undefined && node.type !== 'PLAIN')
        return text;
    try {
        return resolve(tag === undefined ? '' : tag, text);
    }
    catch (error) {
        if (error instanceof Refusal)
            throw new Refusal(error.message, node.range?.[0]);
        throw error;
    }
}
/**
 * libyaml's scan_block_scalar from the `|` or `>` at `start`: the yaml package drops trailing
 * lines of spaces that libyaml keeps as content when they are more indented than the block.
 */
function blockScalar(text, start, parentIndent) {
    const literal = text[start] === '|';
    let i = start + 1;
    let chomp = 0;
    let increment = 0;
    for (let k = 0; k < 2; k++) {
        if ((text[i] === '+' || text[i] === '-') && chomp === 0)
            chomp = text[i++] === '+' ? 1 : -1;
        else if (text[i] >= '1' && text[i] <= '9' && increment === 0)
            increment = Number(text[i++]);
    }
    const eol = text.indexOf('\n', i);
    if (eol === -1)
        return '';
    i = eol + 1;
    let indent = increment ? Math.max(parentIndent, 0) + increment : 0;
    let column = 0;
    let value = '';
    let leadingBreak = '';
    let trailingBreaks = '';
    let leadingBlank = false;
    const breaks = () => {
        let maxIndent = 0;
        for (;;) {
            column = 0;
            while ((indent === 0 || column < indent) && text[i] === ' ') {
                i++;
                column++;
            }
            maxIndent = Math.max(maxIndent, column);
            if ((indent === 0 || column < indent) && text[i] === '\t')
                throw new Refusal('found a tab character where an indentation space is expected', i);
            if (text[i] !== '\n')
                break;
            trailingBreaks += '\n';
            i++;
        }
        if (indent === 0)
            indent = Math.max(maxIndent, parentIndent + 1, 1);
    };
    breaks();
    while (column === indent && i < text.length) {
        const trailingBlank = text[i] === ' ' || text[i] === '\t';
        if (!literal && leadingBreak === '\n' && !leadingBlank && !trailingBlank) {
            if (trailingBreaks === '')
                value += ' ';
        }
        else
            value += leadingBreak;
        leadingBreak = '';
        value += trailingBreaks;
        trailingBreaks = '';
        leadingBlank = trailingBlank;
        const end = text.indexOf('\n', i);
        value += text.slice(i, end === -1 ? text.length : end);
        if (end === -1)
            break;
        leadingBreak = '\n';
        i = end + 1;
        breaks();
    }
    if (chomp !== -1)
        value += leadingBreak;
    if (chomp === 1)
        value += trailingBreaks;
    return value;
}
function resolve(tag, text) {
    if (!RESOLVABLE.has(tag))
        return tag === BINARY ? decodeBinary(text) : text;
    const [rtag, value] = resolveImplicit(tag, text);
    if (tag === '' || tag === rtag || tag === STR)
        return value;
    if (tag === FLOAT && rtag === INT)
        return Number(value);
    throw new Refusal(`cannot decode ${shortTag(rtag)} \`${text}\` as a ${shortTag(tag)}`);
}
function shortTag(tag) {
    return tag.startsWith(TAG) ? `!!${tag.slice(TAG.length)}` : tag;
}
function resolveImplicit(tag, text) {
    const first = text[0];
    const hint = text === ''
        ? 'N'
        : first === '+' || first === '-'
            ? 'S'
            : first >= '0' && first <= '9'
                ? 'D'
                : 'yYnNtTfFoO~'.includes(first)
                    ? 'M'
                    : first === '.'
                        ? '.'
                        : '';
    if (hint === '' || tag === STR)
        return [STR, text];
    const known = SPELLINGS.get(text);
    if (known)
        return known;
    if (hint === '.') {
        const float = goParseFloat(text);
        if (float !== undefined)
            return [FLOAT, float];
    }
    else if (hint === 'D' || hint === 'S') {
        // A timestamp stays the string it is; it matters only for a !!timestamp tag.
        if ((tag === '' || tag === TIMESTAMP) && isTimestamp(text))
            return [TIMESTAMP, text];
        const plain = text.replace(/_/g, '');
        const int = goParseInt(plain, 0, true) ?? goParseInt(plain, 0, false);
        if (int !== undefined)
            return [INT, int];
        if (YAML_STYLE_FLOAT.test(plain)) {
            const float = goParseFloat(plain);
            if (float !== undefined)
                return [FLOAT, float];
        }
        const binary = plain.startsWith('0b')
            ? plain.slice(2)
            : plain.startsWith('-0b')
                ? `-${plain.slice(3)}`
                : undefined;
        if (binary !== undefined) {
            const value = goParseInt(binary, 2, true) ?? goParseInt(binary, 2, false);
            if (value !== undefined)
                return [INT, value];
        }
    }
    return [STR, text];
}
const DIGITS = {
    2: /^[01]+$/,
    8: /^[0-7]+$/,
    10: /^[0-9]+$/,
    16: /^[0-9a-fA-F]+$/
};
/** strconv.ParseInt (signed) / ParseUint: base 0 reads 0x, 0o, 0b and a leading 0 (octal). */
function goParseInt(text, base, signed) {
    let digits = text;
    let negative = false;
    if (signed && (digits[0] === '+' || digits[0] === '-')) {
        negative = digits[0] === '-';
        digits = digits.slice(1);
    }
    let radix = base;
    if (base === 0) {
        radix = 10;
        if (digits[0] === '0' && digits.length > 1) {
            const prefix = digits[1].toLowerCase();
            radix = prefix === 'x' ? 16 : prefix === 'b' ? 2 : 8;
            digits = digits.slice(prefix === 'x' || prefix === 'b' || prefix === 'o' ? 2 : 1);
        }
    }
    if (!DIGITS[radix].test(digits))
        return undefined;
    const prefix = radix === 16 ? '0x' : radix === 8 ? '0o' : radix === 2 ? '0b' : '';
    const magnitude = BigInt(prefix + digits);
    const value = negative ? -magnitude : magnitude;
    if (signed ? value < INT64_MIN || value > INT64_MAX : value > UINT64_MAX)
        return undefined;
    return value;
}
/** strconv.ParseFloat for the decimal forms YAML can reach here; out of range is an error. */
function goParseFloat(text) {
    if (!/^[-+]?([0-9_]+\.?[0-9_]*|\.[0-9_]+)([eE][-+]?[0-9_]+)?$/.test(text))
        return undefined;
    if (text.includes('_') && !underscoresBetweenDigits(text))
        return undefined;
    const value = Number(text.replace(/_/g, ''));
    return Number.isFinite(value) ? value : undefined;
}
/** strconv's underscoreOK for base 10: each `_` sits between two digits. */
function underscoresBetweenDigits(text) {
    return !/(^|[^0-9])_|_($|[^0-9])/.test(text.replace(/^[-+]/, ''));
}
/** go-yaml v2's timestamp layouts (time.Parse): date, and optionally a time and zone. */
function isTimestamp(text) {
    const match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:([Tt ])(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})?)?$/.exec(text);
    if (!match)
        return false;
    const [, year, month, day, separator, hour, minute, second, zone] = match;
    if (separator && (separator === ' ') !== (zone === undefined))
        return false;
    if (zone && zone !== 'Z' && (Number(zone.slice(1, 3)) > 23 || Number(zone.slice(4)) > 59))
        return false;
    const daysInMonth = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
    return (Number(month) >= 1 &&
        Number(month) <= 12 &&
        Number(day) >= 1 &&
        Number(day) <= daysInMonth &&
        (hour === undefined || (Number(hour) < 24 && Number(minute) < 60 && Number(second) < 60)));
}
/** !!binary: standard base64 (newlines ignored), bytes read as Go reads a string into JSON. */
function decodeBinary(text) {
    const compact = text.replace(/[\r\n]/g, '');
    if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(compact))
        throw new Refusal('!!binary value contains invalid base64 data');
    return goString(Buffer.from(compact, 'base64'));
}
/** encoding/json writes each byte that is not part of valid UTF-8 as U+FFFD. */
function goString(bytes) {
    let out = '';
    for (let i = 0; i < bytes.length;) {
        const size = utf8Size(bytes, i);
        out += size === 0 ? '\ufffd' : Buffer.from(bytes.subarray(i, i + size)).toString('utf8');
        i += size || 1;
    }
    return out;
}
/** Length of the valid UTF-8 sequence at `i` (Go's utf8.DecodeRune), 0 when invalid. */
function utf8Size(bytes, i) {
    const b = bytes[i];
    if (b < 0x80)
        return 1;
    const cont = (k, lo = 0x80, hi = 0xbf) => i + k < bytes.length && bytes[i + k] >= lo && bytes[i + k] <= hi;
    if (b >= 0xc2 && b <= 0xdf)
        return cont(1) ? 2 : 0;
    if (b >= 0xe0 && b <= 0xef) {
        const [lo, hi] = b === 0xe0 ? [0xa0, 0xbf] : b === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
        return cont(1, lo, hi) && cont(2) ? 3 : 0;
    }
    if (b >= 0xf0 && b <= 0xf4) {
        const [lo, hi] = b === 0xf0 ? [0x90, 0xbf] : b === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
        return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
    }
    return 0;
}
/** A float key as YAMLToJSON writes it: strconv.FormatFloat(key, 'g', -1, 32). */
function goFloat32Key(value) {
    if (Number.isNaN(value))
        return '.nan';
    const single = Math.fround(value);
    if (!Number.isFinite(single))
        return single > 0 ? '.inf' : '-.inf';
    const sign = single < 0 || Object.is(single, -0) ? '-' : '';
    const magnitude = Math.abs(single);
    if (magnitude === 0)
        return `${sign}0`;
    let digits = '';
    let exponent = 0;
    for (let precision = 1; precision <= 9; precision++) {
        const [mantissa, exp] = magnitude.toExponential(precision - 1).split('e');
        if (Math.fround(Number(`${mantissa}e${exp}`)) === magnitude) {
            digits = mantissa.replace('.', '');
            exponent = Number(exp);
            break;
        }
    }
    digits = digits.replace(/0+$/, '') || '0';
    if (exponent < -4 || exponent >= 6) {
        const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
        const exp = Math.abs(exponent).toString().padStart(2, '0');
        return `${sign}${mantissa}e${exponent < 0 ? '-' : '+'}${exp}`;
    }
    if (exponent < 0)
        return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
    const whole = digits.padEnd(exponent + 1, '0');
    const fraction = digits.slice(exponent + 1);
    return `${sign}${whole.slice(0, exponent + 1)}${fraction ? `.${fraction}` : ''}`;
}

;// CONCATENATED MODULE: ./src/manifests/render.ts






const KUSTOMIZATION_FILES = new Set([
    'kustomization.yaml',
    'kustomization.yml',
    'Kustomization'
]);
const HELM_CHART_FILE = 'Chart.yaml';
/** `kustomize build DIR`, or `kubectl kustomize DIR` when only kubectl is installed. */
async function renderer() {
    const kustomize = await findOnPath('kustomize');
    if (kustomize)
        return (dir) => [kustomize, ['build', dir]];
    const kubectl = await findOnPath('kubectl');
    if (kubectl)
        return (dir) => [kubectl, ['kustomize', dir]];
    return undefined;
}
const identity = (object) => {
    const metadata = (object.metadata ?? {});
    return { kind: String(object.kind), name: String(metadata.name ?? '') };
};
/**
 * Renders a kustomization and points each rendered object back at the file and lines it came
 * from (same kind, name equal or wrapped by namePrefix/nameSuffix); an object only a generator
 * produced points at the kustomization file.
 */
async function renderKustomization(workspace, dir, sources, timeoutMs) {
    const kustomizationFile = external_node_path_default().relative(workspace, external_node_path_default().join(dir, 'kustomization.yaml'))
        .split((external_node_path_default()).sep)
        .join('/');
    const render = await renderer();
    if (!render) {
        return {
            rendered: false,
            objects: [],
            problems: [
                {
                    file: kustomizationFile,
                    message: 'neither kustomize nor kubectl is on PATH; its files were checked as plain manifests (patches not applied)'
                }
            ]
        };
    }
    const [command, args] = render(dir);
    let output;
    try {
        output = (await runTool(command, args, { timeoutMs })).stdout;
    }
    catch (error) {
        return {
            rendered: false,
            objects: [],
            problems: [
                {
                    file: kustomizationFile,
                    message: `kustomize build failed (${error.message}); its files were checked as plain manifests`
                }
            ]
        };
    }
    const parsed = parseManifests(output, kustomizationFile);
    // The files the kustomization pulls in (bases may live outside the scanned directory).
    const listed = await kustomizationFiles(dir).catch(() => []);
    for (const file of listed) {
        const text = await (0,promises_.readFile)(file, 'utf8').catch(() => '');
        sources.push(...parseManifests(text, external_node_path_default().relative(workspace, file).split((external_node_path_default()).sep).join('/')).objects);
    }
    const objects = parsed.objects.map((rendered) => {
        const { kind, name } = identity(rendered.object);
        const source = sources.find((candidate) => {
            const raw = identity(candidate.object);
            return raw.kind === kind && raw.name !== '' && (raw.name === name || name.includes(raw.name));
        });
        return source
            ? { ...source, object: rendered.object }
            : { object: rendered.object, file: kustomizationFile, line: 1, lineOf: () => undefined };
    });
    return { rendered: true, objects, problems: parsed.problems };
}
/**
 * The files a bundle's kustomization lists, following `resources:` into sub-kustomizations.
 * Our bundles only compose files (no patches), so listing them is all the rendering they need,
 * and the action does not depend on kustomize being on the runner.
 */
async function kustomizationFiles(dir, seen = new Set()) {
    const real = external_node_path_default().resolve(dir);
    if (seen.has(real))
        return [];
    seen.add(real);
    const file = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'].map((name) => external_node_path_default().join(real, name));
    let text;
    for (const candidate of file) {
        text = await (0,promises_.readFile)(candidate, 'utf8').catch(() => undefined);
        if (text !== undefined)
            break;
    }
    if (text === undefined)
        throw new Error(`${dir} has no kustomization.yaml`);
    // Read as kustomize reads it (sigs.k8s.io/yaml), like every other manifest.
    const [document] = readKubeYaml(text);
    if (document?.error)
        throw new Error(`${dir}/kustomization.yaml:${document.error.line}: ${document.error.message}`);
    const kustomization = (document?.value ?? {});
    const files = [];
    for (const resource of kustomization.resources ?? []) {
        const target = external_node_path_default().resolve(real, resource);
        const info = await (0,promises_.stat)(target).catch(() => undefined);
        if (!info)
            throw new Error(`${dir}/kustomization.yaml lists '${resource}', which does not exist`);
        if (info.isDirectory())
            files.push(...(await kustomizationFiles(target, seen)));
        else
            files.push(target);
    }
    return files;
}
/** The first symbolic link under `dir` whose target is outside it (or missing). */
async function linkLeaving(dir) {
    const root = await (0,promises_.realpath)(dir);
    const walk = async (current) => {
        for (const entry of await (0,promises_.readdir)(current, { withFileTypes: true })) {
            const file = external_node_path_default().join(current, entry.name);
            if (entry.isSymbolicLink()) {
                const target = await (0,promises_.realpath)(file).catch(() => undefined);
                const rel = target === undefined ? '..' : external_node_path_default().relative(root, target);
                const inside = !rel.startsWith('..') && !external_node_path_default().isAbsolute(rel);
                if (!inside)
                    return { file, target: target ?? `${await (0,promises_.readlink)(file)}, missing` };
            }
            else if (entry.isDirectory()) {
                const found = await walk(file);
                if (found)
                    return found;
            }
        }
        return undefined;
    };
    return walk(dir);
}
/**
 * Renders a Helm chart with its default values (`helm template`). Each object points at the
 * template file named by Helm's `# Source:` comment (line 1: templates are not the YAML Kubernetes
 * sees). Without helm the chart is reported as not checked: its templates are not plain YAML.
 */
async function renderHelmChart(workspace, dir, timeoutMs) {
    const relative = (file) => external_node_path_default().relative(workspace, file).split((external_node_path_default()).sep).join('/');
    const chartFile = relative(external_node_path_default().join(dir, HELM_CHART_FILE));
    // helm reads a linked file's target into the chart; one outside it is not the PR's to give.
    const link = await linkLeaving(dir);
    if (link) {
        return {
            rendered: false,
            objects: [],
            problems: [
                {
                    file: chartFile,
                    message: `Helm chart refused: ${relative(link.file)} links outside the chart (to ${link.target}); chart not checked`,
                    blocking: true
                }
            ]
        };
    }
    const helm = await findOnPath('helm');
    if (!helm) {
        return {
            rendered: false,
            objects: [],
            problems: [
                { file: chartFile, message: 'Helm chart not checked: helm is not on PATH to render it' }
            ]
        };
    }
    let output;
    try {
        output = (await runTool(helm, ['template', 'hardening-check', dir], { timeoutMs })).stdout;
    }
    catch (error) {
        return {
            rendered: false,
            objects: [],
            problems: [
                {
                    file: chartFile,
                    message: `helm template failed (${error.message}); chart not checked`
                }
            ]
        };
    }
    const objects = [];
    const problems = [];
    for (const text of output.split(/^---\s*$/m)) {
        const source = /^# Source: [^/\n]+\/(.+)$/m.exec(text)?.[1];
        const file = source ? relative(external_node_path_default().join(dir, source)) : chartFile;
        const parsed = parseManifests(text, file);
        problems.push(...parsed.problems);
        objects.push(...parsed.objects.map((o) => ({ ...o, line: 1, lineOf: () => undefined })));
    }
    return { rendered: true, objects, problems };
}

;// CONCATENATED MODULE: ./src/manifests/load.ts




const MAX_MANIFEST_BYTES = 10 * 1024 * 1024;
/**
 * Bytes of manifests read per run, all files together: what is read stays in memory as objects
 * (about 8x its size), and a 10 MiB document takes about 600 MB while it is parsed.
 */
const MAX_RUN_MANIFEST_BYTES = 100 * 1024 * 1024;
/** Documents read per file (a 10 MiB file of `---` lines would otherwise be a million). */
const MAX_DOCUMENTS_PER_FILE = 10_000;
const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
const SKIPPED_DIRS = new Set(['.git', 'node_modules', '.tools']);
/**
 * Loads every Kubernetes object under `targets` (files or directories inside `workspace`). With
 * `render`, a directory with a kustomization (kustomize or kubectl) or a Helm chart (helm) is
 * rendered and stands in for its files.
 */
async function loadManifests(workspace, targets, options = {}) {
    const result = { objects: [], problems: [] };
    const files = await collectFiles(workspace, targets, (name) => MANIFEST_EXTENSIONS.has(external_node_path_default().extname(name).toLowerCase()) ||
        KUSTOMIZATION_FILES.has(name) ||
        name === HELM_CHART_FILE);
    result.problems.push(...files.problems);
    const inside = (file, dir) => !external_node_path_default().relative(dir, file).startsWith('..');
    const charts = options.render
        ? files.files
            .filter((file) => external_node_path_default().basename(file) === HELM_CHART_FILE)
            .map((file) => external_node_path_default().dirname(file))
        : [];
    const kustomizations = options.render
        ? files.files
            .filter((file) => KUSTOMIZATION_FILES.has(external_node_path_default().basename(file)))
            .map((file) => external_node_path_default().dirname(file))
        : [];
    // A chart's templates are Go templates, not YAML: never read them as plain manifests.
    const plain = files.files.filter((file) => !charts.some((dir) => inside(file, dir)));
    const loaded = new Map();
    const budget = { bytes: MAX_RUN_MANIFEST_BYTES };
    for (const file of plain)
        loaded.set(file, await loadFile(file, toPosix(external_node_path_default().relative(workspace, file)), budget));
    const covered = new Set();
    const timeoutMs = options.timeoutMs ?? 120_000;
    const take = (rendered, dir) => {
        result.objects.push(...rendered.objects);
        result.problems.push(...rendered.problems);
        if (rendered.rendered)
            for (const file of loaded.keys())
                if (inside(file, dir))
                    covered.add(file);
    };
    for (const dir of charts)
        take(await renderHelmChart(workspace, dir, timeoutMs), dir);
    for (const dir of kustomizations) {
        const sources = [...loaded].filter(([file]) => inside(file, dir)).flatMap(([, r]) => r.objects);
        take(await renderKustomization(workspace, dir, sources, timeoutMs), dir);
    }
    for (const [file, entry] of loaded) {
        if (covered.has(file))
            continue;
        result.objects.push(...entry.objects);
        result.problems.push(...entry.problems);
    }
    return result;
}
/**
 * Lists the files under `targets` that `accept` takes (explicitly named files are always taken),
 * sorted, without following links out of the workspace and without oversized files.
 */
async function collectFiles(workspace, targets, accept) {
    const files = new Set();
    const problems = [];
    for (const target of targets)
        await collect(workspace, target, accept, files, problems, true);
    return { files: [...files].sort(), problems };
}
async function collect(workspace, target, accept, files, problems, explicit) {
    const relative = toPosix(external_node_path_default().relative(workspace, target)) || '.';
    let info;
    try {
        info = await (0,promises_.lstat)(target);
    }
    catch {
        problems.push({ file: relative, message: 'does not exist' });
        return;
    }
    if (info.isSymbolicLink()) {
        // Links are followed only while they stay inside the workspace; one that leaves it could
        // make the scan read (and report) files the repository does not own.
        const resolved = await (0,promises_.realpath)(target).catch(() => undefined);
        const inside = resolved && !external_node_path_default().relative(await (0,promises_.realpath)(workspace), resolved).startsWith('..');
        if (!inside) {
            problems.push({ file: relative, message: 'symbolic link leaves the workspace; not followed' });
            return;
        }
        info = await (0,promises_.lstat)(resolved);
        if (info.isDirectory())
            return; // a linked directory is scanned where it really lives
    }
    if (info.isDirectory()) {
        if (!explicit && SKIPPED_DIRS.has(external_node_path_default().basename(target)))
            return;
        for (const entry of (await (0,promises_.readdir)(target)).sort()) {
            await collect(workspace, external_node_path_default().join(target, entry), accept, files, problems, false);
        }
        return;
    }
    if (info.isFile() && (explicit || accept(external_node_path_default().basename(target)))) {
        if (info.size > MAX_MANIFEST_BYTES) {
            problems.push({
                file: relative,
                message: `larger than ${MAX_MANIFEST_BYTES / 1024 / 1024} MiB (${info.size} bytes); not scanned`,
                blocking: true
            });
            return;
        }
        files.add(target);
    }
}
async function loadFile(file, relative, budget) {
    const bytes = await (0,promises_.readFile)(file);
    if (bytes.length > budget.bytes) {
        const limit = MAX_RUN_MANIFEST_BYTES / 1024 / 1024;
        return unreadable(relative, `the run's manifests exceed ${limit} MiB in total; not scanned`, true);
    }
    budget.bytes -= bytes.length;
    // go-yaml reads UTF-16 with a byte order mark, as one YAML stream (the `---` lines of
    // apimachinery's splitter are UTF-8 bytes).
    const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe
        ? 'utf-16le'
        : bytes[0] === 0xfe && bytes[1] === 0xff
            ? 'utf-16be'
            : undefined;
    // What a file looks like, even as UTF-16 without a byte order mark.
    const bytesLookLikeManifest = () => looksLikeManifest(bytes.toString('latin1').replace(/\0/g, ''));
    if (!utf16 && bytes.includes(0))
        return unreadable(relative, 'binary file; not scanned', bytesLookLikeManifest());
    let text;
    try {
        // The byte order mark stays: go-yaml reads it, and a `---` after it is no separator.
        text = new TextDecoder(utf16 ?? 'utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    }
    catch {
        return unreadable(relative, `not valid ${utf16 ? 'UTF-16' : 'UTF-8'} text; not scanned`, bytesLookLikeManifest());
    }
    return parseManifests(text, relative, { split: !utf16 });
}
function unreadable(file, message, blocking) {
    return { objects: [], problems: [{ file, message, ...(blocking ? { blocking } : {}) }] };
}
/** A document Kubernetes would not read fails the gate when the file looks like a manifest. */
function looksLikeManifest(text) {
    return /\bapiVersion["']?\s*:/.test(text) && /\bkind["']?\s*:/.test(text);
}
/**
 * Parses multi-document YAML (JSON is YAML) into objects exactly as Kubernetes reads it
 * (kube-yaml.ts); a broken document does not hide the others.
 */
function parseManifests(text, relative, options = {}) {
    const result = { objects: [], problems: [] };
    let count = 0;
    for (const document of readKubeYaml(text, options)) {
        if (++count > MAX_DOCUMENTS_PER_FILE) {
            result.problems.push({
                file: relative,
                line: document.line,
                message: `more than ${MAX_DOCUMENTS_PER_FILE} documents; the rest from this line on is not scanned`,
                blocking: true
            });
            break;
        }
        if (document.error) {
            result.problems.push({
                file: relative,
                line: document.error.line,
                message: `invalid YAML in the document starting at line ${document.line}: ${document.error.message}`
            });
            continue;
        }
        const value = document.value;
        if (!isKubernetesObject(value))
            continue;
        if (value.kind === 'List' && Array.isArray(value.items)) {
            value.items.forEach((item, index) => {
                if (isKubernetesObject(item))
                    result.objects.push(manifestObject(item, relative, document, ['items', index]));
            });
        }
        else {
            result.objects.push(manifestObject(value, relative, document, []));
        }
    }
    if (result.problems.some((problem) => !problem.blocking) && looksLikeManifest(text))
        for (const problem of result.problems)
            problem.blocking = true;
    return result;
}
function manifestObject(object, file, document, prefix) {
    return {
        object,
        file,
        line: prefix.length === 0 ? document.line : (document.lineOf(prefix) ?? document.line),
        lineOf: (fieldPath) => document.lineOf([...prefix, ...parseFieldPath(fieldPath)])
    };
}
/** `spec.containers[1].image` → ['spec', 'containers', 1, 'image']; `metadata.annotations["a.b/c"]` keeps the quoted key whole. */
function parseFieldPath(fieldPath) {
    const segments = [];
    const pattern = /([^.[\]]+)|\[(\d+)\]|\["([^"]*)"\]|\['([^']*)'\]/g;
    for (const match of fieldPath.matchAll(pattern)) {
        if (match[1] !== undefined)
            segments.push(match[1]);
        else if (match[2] !== undefined)
            segments.push(Number(match[2]));
        else
            segments.push(match[3] ?? match[4]);
    }
    return segments;
}
function isKubernetesObject(value) {
    return (typeof value === 'object' &&
        value !== null &&
        !Array.isArray(value) &&
        typeof value.kind === 'string' &&
        typeof value.apiVersion === 'string');
}
function toPosix(value) {
    return value.split((external_node_path_default()).sep).join('/');
}

;// CONCATENATED MODULE: ./src/util/concurrency.ts

/** Runs `work` over `items` with at most `limit` (default: CPU count) in flight, keeping input order in the result. */
async function mapBounded(items, work, limit = external_node_os_default().availableParallelism()) {
    const results = new Array(items.length);
    let next = 0;
    const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
        while (next < items.length) {
            const index = next++;
            results[index] = await work(items[index]);
        }
    });
    await Promise.all(workers);
    return results;
}

;// CONCATENATED MODULE: ./src/scanners/gatekeeper/evaluate.ts






/**
 * Below this many reviews a second conftest process costs more (its start and policy compile)
 * than it saves; above it, the reviews are split across processes to use every core.
 */
const REVIEWS_PER_PROCESS = 500;
/** At most this many reviews per process, so one process's input and memory stay bounded. */
const MAX_REVIEWS_PER_PROCESS = 25_000;
/**
 * Evaluates every template against its reviews in as few conftest processes as possible:
 * templates whose Rego can share one namespace go into one policy set (a conftest start and
 * policy compile per template was most of a small scan's time), and a large set's reviews are
 * split across processes, at most `parallelism` at a time.
 */
async function evaluateTemplates(conftest, work, workDir, timeoutMs, parallelism = external_node_os_default().availableParallelism()) {
    const pending = work.filter((entry) => entry.reviews.length > 0);
    try {
        return await evaluateSets(conftest, policySets(pending), workDir, timeoutMs, parallelism);
    }
    catch (error) {
        if (!(error instanceof NoReportError) || pending.length < 2)
            throw error;
        // One template conftest cannot load fails its whole set; one set per template names it
        // (the first such template's error is the one reported).
        const alone = pending.map((entry) => [entry]);
        return evaluateSets(conftest, alone, external_node_path_default().join(workDir, 'alone'), timeoutMs, parallelism);
    }
}
async function evaluateSets(conftest, sets, workDir, timeoutMs, parallelism) {
    const runs = sets.flatMap((set, setIndex) => {
        const items = set.flatMap(({ template, reviews }) => reviews.map((review, index) => ({ kind: template.kind, index, review })));
        const chunks = Math.max(Math.min(parallelism, Math.ceil(items.length / REVIEWS_PER_PROCESS)), Math.ceil(items.length / MAX_REVIEWS_PER_PROCESS));
        const size = Math.ceil(items.length / chunks);
        return Array.from({ length: chunks }, (_, chunk) => ({
            set,
            dir: external_node_path_default().join(workDir, `set-${setIndex}`),
            chunk,
            items: items.slice(chunk * size, (chunk + 1) * size)
        }));
    });
    const written = new Map();
    const results = await mapBounded(runs, async ({ set, dir, chunk, items }) => {
        // The policy directory is written once per set and shared by its chunks.
        if (!written.has(dir))
            written.set(dir, writePolicySet(set, dir));
        const policyDir = await written.get(dir);
        const inputFile = external_node_path_default().join(dir, `reviews-${chunk}.json`);
        // Reviews keyed by template kind: each template's rule iterates only its own reviews.
        const byKind = new Map();
        for (const item of items) {
            const mine = byKind.get(item.kind);
            if (mine)
                mine.push(item);
            else
                byKind.set(item.kind, [item]);
        }
        const reviews = Object.fromEntries([...byKind].map(([kind, mine]) => [kind, mine.map((item) => item.review)]));
        await (0,promises_.writeFile)(inputFile, JSON.stringify({ reviews }));
        const failures = await conftestTest(conftest, set, policyDir, inputFile, timeoutMs);
        return failures.map((failure) => {
            const item = byKind.get(failure.kind)?.[failure.index];
            if (!item)
                throw new Error(`conftest reported a violation for unknown review ${failure.kind}[${failure.index}]`);
            return { kind: item.kind, index: item.index, msg: failure.msg, details: failure.details };
        });
    }, parallelism);
    return results.flat();
}
/**
 * Splits templates into sets that can be loaded into one Rego namespace: the same Rego version,
 * and no package declared twice with different text (Gatekeeper isolates each template's
 * package and libraries; a shared namespace must never merge two different ones). Identical
 * libraries, such as a policy library's shared helpers, are loaded once.
 */
function policySets(work) {
    const sets = [];
    for (const entry of work) {
        const sources = [entry.template.rego, ...entry.template.libs];
        const packages = sources.map((source) => packageOf(source));
        const fits = (set) => set.version === entry.template.regoVersion &&
            packages.every((name, i) => {
                if (name === undefined)
                    return false;
                const known = set.packages.get(name);
                // A template's own package is never shared; a library is shared only when identical.
                if (i === 0)
                    return known === undefined && !overlaps(name, set.packages);
                return known === undefined ? !overlaps(name, set.packages) : known === sources[i];
            });
        let set = sets.find(fits);
        if (!set) {
            set = { entries: [], version: entry.template.regoVersion, packages: new Map() };
            sets.push(set);
        }
        set.entries.push(entry);
        packages.forEach((name, i) => name !== undefined && set.packages.set(name, sources[i]));
    }
    return sets.map((set) => set.entries);
}
function packageOf(source) {
    return /^\s*package\s+([\w.]+)/m.exec(source)?.[1];
}
/** A package nested in or enclosing a known one (`a` and `a.b`) could clash with its rules. */
function overlaps(name, packages) {
    for (const known of packages.keys())
        if (known !== name && (known.startsWith(`${name}.`) || name.startsWith(`${known}.`)))
            return true;
    return false;
}
/**
 * Writes a set's templates, its distinct libraries, the entry point and an empty conftest
 * configuration (so conftest reads no `conftest.toml` but ours); returns the policy directory.
 */
async function writePolicySet(set, dir) {
    const policyDir = external_node_path_default().join(dir, 'policy');
    await (0,promises_.mkdir)(policyDir, { recursive: true });
    await (0,promises_.writeFile)(configFile(dir), '');
    const libs = new Map();
    for (const { template } of set)
        for (const lib of template.libs)
            libs.set((0,external_node_crypto_.createHash)('sha256').update(lib).digest('hex').slice(0, 16), lib);
    await Promise.all([
        // Named by kind, so a Rego error in conftest's message points at the template.
        ...set.map(({ template }) => (0,promises_.writeFile)(external_node_path_default().join(policyDir, `${template.kind}.rego`), template.rego)),
        ...[...libs].map(([hash, lib]) => (0,promises_.writeFile)(external_node_path_default().join(policyDir, `lib_${hash}.rego`), lib)),
        (0,promises_.writeFile)(external_node_path_default().join(policyDir, 'zz_hardening_engine.rego'), entrypoint(set))
    ]);
    return policyDir;
}
/**
 * The only Rego we add: for each template, it calls the template's own `violation` rules once
 * per review of its kind, with `input` set to exactly what Gatekeeper passes, so conftest
 * sees the same verdict the admission webhook would. Written for both Rego v0 and v1 parsers.
 */
function entrypoint(set) {
    const rules = set.map(({ template }) => `deny contains result if {
	some i, item in input.reviews[${JSON.stringify(template.kind)}]
	some violation in data.${template.regoPackage}.violation with input as {"review": item.review, "parameters": item.parameters}
	result := {"msg": violation.msg, "details": object.get(violation, "details", {}), "kind": ${JSON.stringify(template.kind)}, "index": i}
}
`);
    return `package hardening_engine

import future.keywords.contains
import future.keywords.if
import future.keywords.in

${rules.join('\n')}`;
}
const configFile = (setDir) => external_node_path_default().join(setDir, 'conftest.toml');
/** conftest ran but gave no report: it could not load a policy (a Rego error, say). */
class NoReportError extends ToolError {
}
/** One conftest run; returns each failure with the index of its review in the input file. */
async function conftestTest(conftest, set, policyDir, inputFile, timeoutMs) {
    const args = [
        'test',
        '--no-color',
        '--output=json',
        `--rego-version=${set[0].template.regoVersion}`,
        '--namespace=hardening_engine',
        `--config-file=${configFile(external_node_path_default().dirname(policyDir))}`,
        `--policy=${policyDir}`,
        '--parser=json',
        inputFile
    ];
    // conftest exits 1 when there are failures; that is a result, not a tool error. It needs no
    // network, and Rego can read its environment (`opa.runtime().env`).
    const { stdout, stderr, exitCode } = await runTool(conftest, args, {
        timeoutMs,
        okExitCodes: [0, 1],
        env: toolEnv({ network: false })
    });
    let results;
    try {
        results = JSON.parse(stdout);
    }
    catch {
        // Exit 1 without a report is conftest failing (e.g. a Rego parse error), not a finding.
        const tail = stderr.length > 2_000 ? `…${stderr.slice(-2_000)}` : stderr;
        const names = set.map(({ template }) => template.name);
        throw new NoReportError(`conftest exited with code ${exitCode} without a report for template${names.length > 1 ? 's' : ''} ${names.join(', ')}. stderr: ${tail.trim()}`);
    }
    return results.flatMap((result) => (result.failures ?? []).map((failure) => ({
        kind: String(failure.metadata?.kind ?? ''),
        index: Number(failure.metadata?.index ?? -1),
        msg: failure.msg,
        details: failure.metadata?.details ?? {}
    })));
}

;// CONCATENATED MODULE: ./src/scanners/gatekeeper/library.ts
const CONSTRAINT_GROUP = 'constraints.gatekeeper.sh';
/** A kind Gatekeeper accepts (a CRD kind); only such a kind may name one of our files. */
const KIND = /^[A-Za-z][A-Za-z0-9]*$/;
/**
 * Splits loaded objects into templates and constraints; every other object is ignored. A kind
 * that is not an identifier, or one defined twice, is an error: a template never replaces
 * another one (a bundled one in particular), and a kind never names a file it should not.
 */
function readPolicyLibrary(objects) {
    const library = { templates: new Map(), skipped: [], constraints: [], orphans: [] };
    const definedIn = new Map();
    for (const entry of objects) {
        const { object } = entry;
        if (object.kind === 'ConstraintTemplate' &&
            String(object.apiVersion).startsWith('templates.gatekeeper.sh/')) {
            const template = readTemplate(entry);
            const where = `${template.name} (${template.file})`;
            if (!KIND.test(template.kind)) {
                throw new Error(`ConstraintTemplate ${where} has kind ${JSON.stringify(template.kind)}; a kind is letters and digits, starting with a letter, as Gatekeeper requires.`);
            }
            const first = definedIn.get(template.kind);
            if (first !== undefined) {
                throw new Error(`ConstraintTemplate ${where} defines kind ${template.kind}, already defined by ${first}; a template cannot replace another one (bundled templates included): give it its own kind.`);
            }
            definedIn.set(template.kind, where);
            if ('reason' in template)
                library.skipped.push(template);
            else
                library.templates.set(template.kind, template);
        }
    }
    for (const entry of objects) {
        const { object } = entry;
        if (!String(object.apiVersion).startsWith(`${CONSTRAINT_GROUP}/`))
            continue;
        const spec = (object.spec ?? {});
        const constraint = {
            kind: String(object.kind),
            name: String((object.metadata ?? {}).name ?? ''),
            match: spec.match,
            parameters: (spec.parameters ?? {}),
            enforcementAction: String(spec.enforcementAction ?? 'deny'),
            file: entry.file,
            line: entry.line
        };
        const known = library.templates.has(constraint.kind) ||
            library.skipped.some((s) => s.kind === constraint.kind);
        if (known)
            library.constraints.push(constraint);
        else
            library.orphans.push(constraint);
    }
    return library;
}
function readTemplate(entry) {
    const object = entry.object;
    const metadata = (object.metadata ?? {});
    const spec = (object.spec ?? {}); // eslint-disable-line @typescript-eslint/no-explicit-any
    const name = String(metadata.name ?? '');
    const kind = String(spec.crd?.spec?.names?.kind ?? name);
    const target = (spec.targets ?? [])[0] ?? {};
    const skip = (reason) => ({ name, kind, reason, file: entry.file });
    const regoCode = (target.code ?? []).find((code) => code.engine === 'Rego');
    const rego = regoCode?.source?.rego ?? target.rego;
    if (!rego) {
        const engines = (target.code ?? []).map((code) => code.engine).join(', ');
        return skip(`no Rego source (engines: ${engines || 'none'}); CEL-only templates are not evaluated in CI`);
    }
    if (/\bdata\.inventory\b|\bexternal_data\s*\(/.test(rego)) {
        return skip('uses cluster inventory or external data, which only exist at admission');
    }
    const regoPackage = /^\s*package\s+([\w.]+)/m.exec(rego)?.[1];
    if (!regoPackage)
        return skip('Rego source has no package declaration');
    return {
        kind,
        name,
        rego,
        libs: regoCode?.source?.libs ?? target.libs ?? [],
        regoVersion: regoCode?.source?.version === 'v1' ? 'v1' : 'v0',
        regoPackage,
        annotations: (metadata.annotations ?? {}),
        file: entry.file
    };
}

;// CONCATENATED MODULE: ./src/scanners/gatekeeper/match.ts
/** Thrown when a constraint cannot be decided for an object (Gatekeeper errors there too). */
class MatchError extends Error {
}
function matches(match, target) {
    const m = match ?? {};
    return (kindsMatch(m, target) &&
        scopeMatch(m, target) &&
        namespacesMatch(m.namespaces, target, true) &&
        namespacesMatch(m.excludedNamespaces, target, false) &&
        selectorMatches(m.labelSelector, labelsOf(target.object)) &&
        namespaceSelectorMatch(m, target) &&
        nameMatch(m.name, target.object));
}
function groupOf(object) {
    const apiVersion = String(object.apiVersion ?? '');
    return apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
}
function kindsMatch(match, { object }) {
    if (!match.kinds || match.kinds.length === 0)
        return true;
    const kind = String(object.kind);
    const group = groupOf(object);
    return match.kinds.some((entry) => (!entry.kinds?.length || entry.kinds.includes('*') || entry.kinds.includes(kind)) &&
        (!entry.apiGroups?.length || entry.apiGroups.includes('*') || entry.apiGroups.includes(group)));
}
function scopeMatch(match, target) {
    const hasNamespace = namespaceOf(target.object) !== '' || target.namespaceObject !== undefined;
    const namespaceKind = isNamespace(target.object);
    if (match.scope === 'Cluster')
        return namespaceKind || !hasNamespace;
    if (match.scope === 'Namespaced')
        return !namespaceKind && hasNamespace;
    return true;
}
/** `namespaces` must match one pattern; `excludedNamespaces` must match none. No namespace: passes both. */
function namespacesMatch(patterns, target, include) {
    if (!patterns || patterns.length === 0)
        return true;
    const namespace = isNamespace(target.object)
        ? nameOf(target.object)
        : target.namespaceObject
            ? nameOf(target.namespaceObject)
            : namespaceOf(target.object);
    if (namespace === '')
        return true;
    const hit = patterns.some((pattern) => wildcardMatches(pattern, namespace));
    return include ? hit : !hit;
}
function namespaceSelectorMatch(match, target) {
    if (!match.namespaceSelector)
        return true;
    if (isNamespace(target.object))
        return selectorMatches(match.namespaceSelector, labelsOf(target.object));
    if (!target.namespaceObject) {
        if (namespaceOf(target.object) === '')
            return true;
        // Gatekeeper's wording; deciding needs the Namespace among the scanned manifests.
        throw new MatchError('namespace selector for namespace-scoped object but missing Namespace');
    }
    return selectorMatches(match.namespaceSelector, labelsOf(target.namespaceObject));
}
function nameMatch(pattern, object) {
    if (!pattern)
        return true;
    const metadata = (object.metadata ?? {});
    const generateName = String(metadata.generateName ?? '');
    const generateMatches = pattern.endsWith('*') && !pattern.startsWith('*')
        ? generateName.startsWith(pattern.slice(0, -1))
        : pattern.startsWith('*') &&
            pattern.endsWith('*') &&
            generateName.includes(pattern.slice(1, -1));
    return wildcardMatches(pattern, nameOf(object)) || generateMatches;
}
/** Gatekeeper wildcards: `pre*`, `*suf`, `*mid*`, or an exact name. */
function wildcardMatches(pattern, candidate) {
    const starts = pattern.startsWith('*');
    const ends = pattern.endsWith('*') && pattern.length > 1;
    if (starts && ends)
        return candidate.includes(pattern.slice(1, -1));
    if (starts)
        return candidate.endsWith(pattern.slice(1));
    if (ends)
        return candidate.startsWith(pattern.slice(0, -1));
    return pattern === candidate;
}
/** Kubernetes label selector semantics (metav1.LabelSelectorAsSelector). */
function selectorMatches(selector, labels) {
    if (!selector)
        return true;
    for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
        if (labels[key] !== value)
            return false;
    }
    for (const expression of selector.matchExpressions ?? []) {
        const has = Object.prototype.hasOwnProperty.call(labels, expression.key);
        const values = expression.values ?? [];
        switch (expression.operator) {
            case 'In':
                if (!has || !values.includes(labels[expression.key]))
                    return false;
                break;
            case 'NotIn':
                if (has && values.includes(labels[expression.key]))
                    return false;
                break;
            case 'Exists':
                if (!has)
                    return false;
                break;
            case 'DoesNotExist':
                if (has)
                    return false;
                break;
            default:
                throw new MatchError(`unknown label selector operator '${expression.operator}'`);
        }
    }
    return true;
}
function isNamespace(object) {
    return object.kind === 'Namespace' && groupOf(object) === '';
}
function nameOf(object) {
    return String((object.metadata ?? {}).name ?? '');
}
function namespaceOf(object) {
    return String((object.metadata ?? {}).namespace ?? '');
}
function labelsOf(object) {
    const labels = (object.metadata ?? {}).labels;
    return typeof labels === 'object' && labels !== null ? labels : {};
}

;// CONCATENATED MODULE: ./src/scanners/policies.ts












const ANNOTATION = TEMPLATE_ANNOTATIONS;
/** Gatekeeper ConstraintTemplates + Constraints, evaluated through conftest as Gatekeeper would. */
const policiesScanner = {
    name: 'policies',
    async run(context) {
        const { config, log } = context;
        const conftest = context.tools.conftest;
        if (!conftest)
            throw new Error('conftest is not installed');
        const notices = [];
        const { library, bundledKinds, digest } = await loadLibrary(context, notices);
        const manifests = await loadManifests(config.workspace, config.manifests, {
            render: true,
            timeoutMs: context.timeoutMs
        });
        const gateFailures = [];
        for (const problem of manifests.problems) {
            const where = problem.line ? `${problem.file}:${problem.line}` : problem.file;
            notices.push(`${where}: ${problem.message}`);
            log.warning(`${where}: ${problem.message}`);
            // What Kubernetes could apply but we could not check must not pass silently.
            if (problem.blocking && config.unreadableManifests === 'fail')
                gateFailures.push(`A manifest could not be checked: ${where}: ${problem.message} (unreadable-manifests: warn makes this a warning).`);
        }
        const findings = [];
        const reviewsByTemplate = new Map();
        const namespaces = new Map(manifests.objects
            .filter((m) => isNamespace(m.object))
            .map((m) => [nameOf(m.object), m.object]));
        for (const constraint of library.constraints) {
            const template = library.templates.get(constraint.kind);
            if (!template)
                continue; // a skipped template; already noticed
            const entries = reviewsByTemplate.get(template.kind) ?? [];
            for (const entry of manifests.objects) {
                try {
                    const namespaceObject = namespaces.get(namespaceOf(entry.object));
                    if (!matches(constraint.match, { object: entry.object, namespaceObject }))
                        continue;
                }
                catch (error) {
                    if (!(error instanceof MatchError))
                        throw error;
                    // gator (like Gatekeeper's audit) reports an undecidable match as a violation; so do
                    // we, in gator's words, so CI and gator agree.
                    const msg = `unable to match constraints: error matching the requested object: ${nameOf(entry.object)} :failed to run Match criteria: ${error.message}`;
                    findings.push(toFinding(template, constraint, entry, msg, {}));
                    continue;
                }
                entries.push({ review: reviewOf(entry.object, constraint), object: entry, constraint });
            }
            reviewsByTemplate.set(template.kind, entries);
        }
        const violations = await evaluateTemplates(conftest.path, [...reviewsByTemplate].map(([kind, entries]) => ({
            template: library.templates.get(kind),
            reviews: entries.map((entry) => entry.review)
        })), context.workDir, context.timeoutMs);
        for (const violation of violations) {
            const template = library.templates.get(violation.kind);
            const entry = reviewsByTemplate.get(violation.kind)?.[violation.index];
            if (!entry)
                throw new Error(`conftest reported a violation for unknown review ${violation.index}`);
            findings.push(toFinding(template, entry.constraint, entry.object, violation.msg, violation.details));
        }
        findings.sort((a, b) => byText(a.fingerprint, b.fingerprint));
        return [
            {
                scanner: 'policies',
                target: 'manifests',
                findings,
                notices,
                ...(gateFailures.length ? { gateFailures } : {}),
                tool: { name: 'conftest', version: conftest.version },
                policies: [...library.templates.values()].map((template) => evaluatedPolicy(template, library.constraints
                    .filter((c) => c.kind === template.kind)
                    .map((c) => ({ name: c.name, enforcementAction: c.enforcementAction })), bundledKinds.has(template.kind) ? 'bundled' : 'custom')),
                ...(digest ? { policyBundleDigest: digest } : {})
            }
        ];
    }
};
async function loadLibrary(context, notices) {
    const { config } = context;
    const bundleFiles = config.policyBundle === 'none'
        ? []
        : await kustomizationFiles(external_node_path_default().join(context.actionRoot, 'policies', 'bundles', config.policyBundle));
    const bundled = await loadManifests(context.actionRoot, bundleFiles);
    const extra = await loadManifests(config.workspace, config.extraPolicies);
    for (const problem of [...bundled.problems, ...extra.problems])
        notices.push(`${problem.file}: ${problem.message}`);
    if (config.policyEnforcement !== 'as-declared') {
        for (const entry of bundled.objects) {
            const spec = entry.object.spec;
            if (spec && String(entry.object.apiVersion).startsWith('constraints.gatekeeper.sh/')) {
                spec.enforcementAction = config.policyEnforcement;
            }
        }
    }
    const library = readPolicyLibrary([...bundled.objects, ...extra.objects]);
    const bundledKinds = new Set(readPolicyLibrary(bundled.objects).templates.keys());
    const digest = bundleFiles.length > 0
        ? bundleDigest(await Promise.all(bundleFiles.map(async (file) => ({
            path: external_node_path_default().relative(context.actionRoot, file).split((external_node_path_default()).sep).join('/'),
            content: await (0,promises_.readFile)(file)
        }))))
        : undefined;
    for (const skipped of library.skipped)
        notices.push(`template ${skipped.name} (${skipped.file}) skipped: ${skipped.reason}`);
    for (const orphan of library.orphans) {
        notices.push(`constraint ${orphan.kind}/${orphan.name} (${orphan.file}) has no ConstraintTemplate; not evaluated`);
    }
    return { library, bundledKinds, ...(digest ? { digest } : {}) };
}
function reviewOf(object, constraint) {
    const apiVersion = String(object.apiVersion);
    return {
        review: {
            kind: {
                group: groupOf(object),
                version: apiVersion.split('/').pop() ?? '',
                kind: String(object.kind)
            },
            name: nameOf(object),
            namespace: namespaceOf(object),
            operation: 'CREATE',
            object
        },
        parameters: constraint.parameters
    };
}
function toFinding(template, constraint, entry, msg, details) {
    const annotations = template.annotations;
    const fieldPath = typeof details.path === 'string' ? details.path : undefined;
    const line = (fieldPath && entry.lineOf(fieldPath)) || entry.line;
    const namespace = namespaceOf(entry.object);
    return finalize({
        scanner: 'policies',
        target: 'manifests',
        ruleId: template.kind,
        title: annotations[ANNOTATION.title] ?? annotations[ANNOTATION.gatekeeperTitle] ?? template.kind,
        severity: annotations[ANNOTATION.severity]
            ? parseSeverity(annotations[ANNOTATION.severity])
            : 'MEDIUM',
        message: msg,
        resource: [entry.object.kind, namespace, nameOf(entry.object)].filter(Boolean).join('/'),
        location: { path: entry.file, startLine: line },
        remediation: annotations[ANNOTATION.remediation],
        references: parseReferences(annotations[ANNOTATION.references]),
        enforcementAction: constraint.enforcementAction,
        constraint: `${constraint.kind}/${constraint.name}`
    });
}
function parseReferences(value) {
    if (!value)
        return undefined;
    try {
        const parsed = JSON.parse(value);
        return parsed
            .map((ref) => (typeof ref === 'string' ? ref : (ref.url ?? ref.title ?? '')))
            .filter(Boolean);
    }
    catch {
        return [value];
    }
}

;// CONCATENATED MODULE: ./src/manifests/images.ts



const REFERENCING_FILE = /\.(ya?ml)$|^(Dockerfile|Containerfile)([.-].*)?$|\.(Dockerfile|Containerfile)$/i;
const IMAGE_LINE = /^\s*(?:-\s*)?image:\s*["']?([^\s"'#]+)["']?/;
const FROM_LINE = /^\s*FROM\s+(?:--platform=\S+\s+)?(\S+)/i;
/**
 * The first place in the repository that names each image (a manifest's `image:` line or a
 * Dockerfile's `FROM` line), so image findings can point at the line that pulls the image in.
 */
async function findImageReferences(workspace, root) {
    const { files } = await collectFiles(workspace, [root], (name) => REFERENCING_FILE.test(name));
    const references = new Map();
    for (const file of files) {
        const text = await (0,promises_.readFile)(file, 'utf8').catch(() => '');
        if (text.includes('\u0000'))
            continue;
        const relative = external_node_path_default().relative(workspace, file).split((external_node_path_default()).sep).join('/');
        text.split('\n').forEach((line, index) => {
            const image = (IMAGE_LINE.exec(line) ?? FROM_LINE.exec(line))?.[1];
            if (image && !references.has(image))
                references.set(image, { path: relative, startLine: index + 1 });
        });
    }
    return references;
}

;// CONCATENATED MODULE: ./src/scanners/trivy-ignore.ts




/** The finding classes of a Trivy ignore file (the sections of `.trivyignore.yaml`). */
const IGNORE_CLASSES = [
    'vulnerabilities',
    'misconfigurations',
    'secrets',
    'licenses'
];
/** Entries with no expiry are reported with this one (reports need a date). */
const NO_EXPIRY = '9999-12-31';
const DATE = /^\d{4}-\d{2}-\d{2}$/;
async function loadTrivyIgnore(file, workspace) {
    if (file === null)
        return undefined;
    const name = external_node_path_default().relative(workspace, file).split((external_node_path_default()).sep).join('/');
    let text;
    try {
        text = await (0,promises_.readFile)(file, 'utf8');
    }
    catch (error) {
        throw new ConfigError(`Input 'trivy-ignore-file': cannot read ${name} (${error.message}).`);
    }
    return { file: name, entries: parseTrivyIgnore(text, name) };
}
/** Parses either format, by extension as Trivy does: `.yaml`/`.yml` or the plain list of ids. */
function parseTrivyIgnore(text, file) {
    return /\.ya?ml$/.test(file) ? parseYamlIgnore(text, file) : parsePlainIgnore(text, file);
}
/** `ID [exp:YYYY-MM-DD] [# comment]` per line; `#` lines and blank lines are skipped. */
function parsePlainIgnore(text, file) {
    const entries = [];
    text.split(/\r?\n/).forEach((raw, index) => {
        const line = raw.trim();
        if (line === '' || line.startsWith('#'))
            return;
        const [id, ...rest] = line.split(/\s+/);
        const exp = rest.find((field) => field.startsWith('exp:'))?.slice('exp:'.length);
        entries.push({
            id: id,
            paths: [],
            ...(exp === undefined ? {} : { expires: date(exp, `${file}:${index + 1}`) }),
            line: index + 1
        });
    });
    return entries;
}
const ENTRY_KEYS = new Set(['id', 'paths', 'expired_at', 'statement']);
/** `.trivyignore.yaml`: a list of `{id, paths, expired_at, statement}` per class. */
function parseYamlIgnore(text, file) {
    const lineCounter = new dist/* LineCounter */.HN();
    const document = (0,dist/* parseDocument */.Tp)(text, { lineCounter });
    const lineOf = (node) => {
        const offset = node?.range?.[0];
        return offset === undefined ? 1 : lineCounter.linePos(offset).line;
    };
    const fail = (node, message) => {
        throw new ConfigError(`${file}:${lineOf(node)}: ${message}`);
    };
    if (document.errors.length > 0) {
        const line = lineCounter.linePos(document.errors[0].pos[0]).line;
        throw new ConfigError(`${file}:${line}: invalid YAML: ${document.errors[0].message}`);
    }
    if (document.contents === null)
        return [];
    if (!(0,dist/* isMap */.jh)(document.contents))
        fail(document.contents, `expected ${IGNORE_CLASSES.join(', ')}`);
    const entries = [];
    for (const pair of document.contents.items) {
        const key = String(pair.key.value ?? pair.key);
        if (!IGNORE_CLASSES.includes(key))
            fail(pair.key, `unknown section '${key}' (known: ${IGNORE_CLASSES.join(', ')})`);
        if (pair.value === null)
            continue;
        if (!(0,dist/* isSeq */.oP)(pair.value))
            fail(pair.value, `'${key}' must be a list`);
        for (const item of pair.value.items) {
            if (!(0,dist/* isMap */.jh)(item))
                fail(item, 'each entry must be a mapping');
            const entry = item.toJSON();
            const where = `${file}:${lineOf(item)}`;
            for (const field of Object.keys(entry)) {
                if (field === 'purls')
                    fail(item, "'purls' is not supported here; narrow the entry with 'paths' or use a waiver");
                if (!ENTRY_KEYS.has(field))
                    fail(item, `unknown field '${field}' (known: ${[...ENTRY_KEYS].join(', ')})`);
            }
            if (typeof entry.id !== 'string' || entry.id.trim() === '')
                fail(item, "entry is missing 'id'");
            const paths = entry.paths ?? [];
            if (!Array.isArray(paths) || paths.some((p) => typeof p !== 'string'))
                fail(item, "'paths' must be a list of path patterns");
            for (const pattern of paths) {
                if (/[[\]{}]/.test(pattern))
                    fail(item, `path pattern '${pattern}': only *, ** and ? are supported`);
            }
            const expiry = entry.expired_at;
            entries.push({
                id: String(entry.id).trim(),
                class: key,
                paths: paths,
                ...(expiry === undefined || expiry === null
                    ? {}
                    : {
                        expires: date(expiry instanceof Date ? expiry.toISOString().slice(0, 10) : String(expiry), where)
                    }),
                ...(typeof entry.statement === 'string' ? { statement: entry.statement } : {}),
                line: lineOf(item)
            });
        }
    }
    return entries;
}
function date(value, where) {
    if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
        throw new ConfigError(`${where}: expiry must be a date like 2026-12-31; got '${value}'`);
    return value;
}
/**
 * The suppression for a Trivy finding the ignore file lists, as Trivy would match it: any of
 * the finding's ids, and one of its paths against the entry's patterns. Expired entries cover
 * nothing, so their findings are reported open.
 */
function ignoredBy(ignore, finding, today = new Date()) {
    if (!ignore)
        return undefined;
    const day = today.toISOString().slice(0, 10);
    const entry = ignore.entries.find((e) => (e.class === undefined || e.class === finding.class) &&
        finding.ids.includes(e.id) &&
        !(e.expires !== undefined && e.expires < day) &&
        (e.paths.length === 0 ||
            e.paths.some((pattern) => finding.paths.some((p) => globMatch(pattern, p)))));
    if (!entry)
        return undefined;
    return {
        reason: `listed in ${ignore.file}:${entry.line}${entry.statement ? `: ${entry.statement}` : ''}${entry.expires ? '' : ' (no expiry)'}`,
        owner: ignore.file,
        expires: entry.expires ?? NO_EXPIRY
    };
}
/**
 * Trivy's path patterns (doublestar): `*` and `?` stay within one path segment, `**` spans
 * segments (`**\/` also matches nothing). Matched by walking the set of reachable positions, so
 * the cost stays linear in the pattern, however many stars it has.
 */
function globMatch(pattern, value) {
    let reachable = new Set([0]);
    for (let i = 0; i < pattern.length && reachable.size > 0; i++) {
        const next = new Set();
        const char = pattern[i];
        if (char === '*' && pattern[i + 1] === '*') {
            // `**/`: nothing, or any run that ends in a slash; a bare `**`: anything.
            const slash = pattern[i + 2] === '/';
            const from = Math.min(...reachable);
            for (let j = from; j <= value.length; j++) {
                if (!slash || reachable.has(j) || (j > from && value[j - 1] === '/'))
                    next.add(j);
            }
            i += slash ? 2 : 1;
        }
        else if (char === '*') {
            // Any run without a slash, from any reachable position.
            let active = false;
            for (let j = 0; j <= value.length; j++) {
                if (reachable.has(j))
                    active = true;
                else if (value[j - 1] === '/')
                    active = false;
                if (active)
                    next.add(j);
            }
        }
        else {
            for (const j of reachable) {
                if (j < value.length && (char === '?' ? value[j] !== '/' : value[j] === char))
                    next.add(j + 1);
            }
        }
        reachable = next;
    }
    return reachable.has(value.length);
}
/**
 * Files Trivy's IaC scanners read and honour inline ignores in (Trivy 0.74: Helm chart templates,
 * Dockerfiles, Terraform, CloudFormation; plain Kubernetes YAML does not honour them).
 */
const IAC_FILE = /\.(ya?ml|json|tpl|tf|tfvars)$|(^|[.])(docker|container)file([.].*)?$/i;
/** Larger files are not read here; they are returned as notices instead. */
const MAX_CHECKED_BYTES = 32 * 1024 * 1024;
/**
 * Trivy's inline-ignore syntax, as its parser reads a line: whitespace-separated words, each
 * stripped of leading `#`, `/` and `*`, that start with `trivy:` or `tfsec:`. Trivy drops what
 * such a comment names without reporting it, so each one is found here and reported.
 */
const INLINE = /(?:^|\s)[#/*]*((?:trivy|tfsec):ignore:\S*)/g;
async function findInlineIgnores(target) {
    const ignores = [];
    const tooLarge = [];
    for (const file of await iacFiles(target)) {
        if ((await (0,promises_.stat)(file)).size > MAX_CHECKED_BYTES) {
            tooLarge.push(file);
            continue;
        }
        const text = await (0,promises_.readFile)(file, 'utf8');
        if (!/(?:trivy|tfsec):ignore:/.test(text))
            continue;
        text.split('\n').forEach((line, index) => {
            for (const match of line.matchAll(INLINE))
                ignores.push({ file, line: index + 1, comment: match[1] });
        });
    }
    return { ignores, tooLarge };
}
async function iacFiles(target) {
    const info = await (0,promises_.lstat)(target);
    if (info.isFile())
        return [target];
    if (!info.isDirectory())
        return [];
    const files = [];
    for (const entry of await (0,promises_.readdir)(target, { withFileTypes: true })) {
        const full = external_node_path_default().join(target, entry.name);
        if (entry.isDirectory() && entry.name !== '.git')
            files.push(...(await iacFiles(full)));
        else if (entry.isFile() && IAC_FILE.test(entry.name))
            files.push(full);
    }
    return files;
}

;// CONCATENATED MODULE: ./src/scanners/trivy.ts








/**
 * Flags every Trivy run shares: its cache, the DB used as downloaded once before the scans (so
 * parallel scans only read it), the embedded misconfiguration checks, no on-disk scan cache, and
 * the scan timeout (Trivy's own 5-minute default would otherwise stop it first).
 * `trivy config` reads no vulnerability DB and takes no DB flags.
 */
function commonArgs(context, subcommand) {
    const common = [
        '--cache-dir',
        context.config.trivyCacheDir,
        '--skip-check-update',
        '--quiet',
        '--timeout',
        `${Math.ceil(context.timeoutMs / 1000)}s`
    ];
    return subcommand === 'config'
        ? common
        : [...common, '--skip-db-update', '--cache-backend', 'memory'];
}
/**
 * Our own configuration files for one Trivy run, so Trivy never looks for its defaults
 * (`trivy.yaml`, `.trivyignore`, `trivy-secret.yaml`): each one is explicit and empty, so the
 * built-in settings and rules apply. Ignore entries the user asks for are applied by us
 * (`trivy-ignore-file`), as waived findings.
 */
async function configArgs(dir, subcommand) {
    const files = {
        config: external_node_path_default().join(dir, 'trivy.yaml'),
        ignore: external_node_path_default().join(dir, 'trivyignore'),
        secret: external_node_path_default().join(dir, 'trivy-secret.yaml')
    };
    await Promise.all([
        (0,promises_.writeFile)(files.config, '{}\n'),
        (0,promises_.writeFile)(files.ignore, ''),
        (0,promises_.writeFile)(files.secret, '{}\n')
    ]);
    return [
        '--config',
        files.config,
        '--ignorefile',
        files.ignore,
        // `trivy config` has no secret scanner and no such flag.
        ...(subcommand === 'config' ? [] : ['--secret-config', files.secret])
    ];
}
async function runTrivy(context, args, options = {}) {
    const trivy = context.tools.trivy;
    if (!trivy)
        throw new Error('trivy is not installed');
    await (0,promises_.mkdir)(context.workDir, { recursive: true });
    const dir = await (0,promises_.mkdtemp)(external_node_path_default().join(context.workDir, 'trivy-'));
    const output = external_node_path_default().join(dir, 'report.json');
    await runTool(trivy.path, [
        ...args,
        ...commonArgs(context, args[0]),
        ...(await configArgs(dir, args[0])),
        '--format',
        'json',
        '--output',
        output
    ], { timeoutMs: context.timeoutMs, env: toolEnv(options) });
    return JSON.parse(await (0,promises_.readFile)(output, 'utf8'));
}
/** Converts a Trivy report into findings; secret values are never copied out of it. */
function trivyFindings(report, placement) {
    const findings = [];
    const where = (trivyTarget, line, endLine) => {
        const file = placement.repoPath(trivyTarget);
        if (!file)
            return placement.fallback;
        return {
            path: file,
            startLine: line && line > 0 ? line : 1,
            ...(endLine && endLine >= (line ?? 1) ? { endLine } : {})
        };
    };
    const base = { scanner: placement.scanner, target: placement.target };
    const waived = (finding) => {
        const suppression = ignoredBy(placement.ignore, finding);
        return suppression ? { suppression } : {};
    };
    for (const result of report.Results ?? []) {
        for (const vuln of result.Vulnerabilities ?? []) {
            findings.push(finalize({
                ...base,
                ruleId: vuln.VulnerabilityID,
                title: vuln.Title ?? vuln.VulnerabilityID,
                severity: parseSeverity(vuln.Severity),
                message: `${vuln.PkgName} ${vuln.InstalledVersion ?? ''} is affected by ${vuln.VulnerabilityID}${vuln.FixedVersion ? `; fixed in ${vuln.FixedVersion}` : '; no fixed version yet'} (${result.Target}).`,
                resource: `${vuln.PkgName}@${vuln.InstalledVersion ?? ''}`,
                location: where(result.Target),
                remediation: vuln.FixedVersion
                    ? `Upgrade ${vuln.PkgName} to ${vuln.FixedVersion} or later.`
                    : undefined,
                helpUri: vuln.PrimaryURL,
                references: vuln.References?.slice(0, 10),
                fixedVersion: vuln.FixedVersion || undefined,
                ...waived({
                    class: 'vulnerabilities',
                    ids: [vuln.VulnerabilityID],
                    paths: [result.Target, vuln.PkgPath ?? '']
                })
            }));
        }
        for (const misconfig of result.Misconfigurations ?? []) {
            if (misconfig.Status && misconfig.Status !== 'FAIL')
                continue;
            const cause = misconfig.CauseMetadata ?? {};
            findings.push(finalize({
                ...base,
                ruleId: misconfig.AVDID || misconfig.ID,
                title: misconfig.Title ?? misconfig.ID,
                severity: parseSeverity(misconfig.Severity),
                message: `${misconfig.Message ?? misconfig.Title ?? misconfig.ID} (${result.Target})`,
                resource: cause.Resource || result.Target,
                location: where(result.Target, cause.StartLine, cause.EndLine),
                remediation: misconfig.Resolution,
                helpUri: misconfig.PrimaryURL,
                references: misconfig.References?.slice(0, 10),
                ...waived({
                    class: 'misconfigurations',
                    ids: [misconfig.ID, misconfig.AVDID ?? '', ...(misconfig.Aliases ?? [])],
                    paths: [result.Target]
                })
            }));
        }
        for (const secret of result.Secrets ?? []) {
            findings.push(finalize({
                ...base,
                ruleId: `secret/${secret.RuleID}`,
                title: secret.Title ?? secret.RuleID,
                severity: parseSeverity(secret.Severity),
                // Only the rule and the place: the matched text stays out of every report.
                message: `${secret.Title ?? secret.RuleID} (${secret.Category ?? 'secret'}) found in ${result.Target}.`,
                resource: result.Target,
                location: where(result.Target, secret.StartLine, secret.EndLine),
                remediation: 'Remove the secret from the repository, rotate it, and load it at run time from a secret store.',
                ...waived({ class: 'secrets', ids: [secret.RuleID], paths: [result.Target] })
            }));
        }
        for (const license of result.Licenses ?? []) {
            const file = license.FilePath || result.Target;
            findings.push(finalize({
                ...base,
                ruleId: `license/${license.Name}`,
                title: `License ${license.Name} (${license.Category ?? 'unknown'})`,
                severity: parseSeverity(license.Severity),
                message: `${license.PkgName ? `Package ${license.PkgName}` : file} is licensed ${license.Name} (${license.Category ?? 'unknown'} category).`,
                resource: license.PkgName || file,
                location: where(file),
                helpUri: license.Link || undefined,
                ...waived({ class: 'licenses', ids: [license.Name], paths: [license.FilePath ?? ''] })
            }));
        }
    }
    return findings;
}
function outcome(scanner, target, context, findings, error) {
    return {
        scanner,
        target,
        findings,
        notices: [],
        tool: { name: 'trivy', version: context.tools.trivy?.version ?? '' },
        ...(error ? { error } : {})
    };
}
/**
 * The checks that can run: without the vulnerability DB all but `vuln`, plus the error that
 * says why `vuln` did not run (the other checks still report; the error fails the gate).
 */
function runnableChecks(checks, context) {
    if (!context.dbProblem || !checks.includes('vuln'))
        return { checks };
    return {
        checks: checks.filter((check) => check !== 'vuln'),
        error: `The vulnerability scan did not run: ${context.dbProblem}`
    };
}
const repoRelative = (context, base) => (trivyTarget) => external_node_path_default().relative(context.config.workspace, external_node_path_default().resolve(base, trivyTarget)).split((external_node_path_default()).sep).join('/');
/** `trivy fs` on the scan path: dependency vulnerabilities, secrets and licenses. */
const repositoryScanner = {
    name: 'repository',
    async run(context) {
        const { config } = context;
        const { checks, error } = runnableChecks(config.repositoryScanners, context);
        if (checks.length === 0)
            return [outcome('repository', 'repository', context, [], error)];
        const args = [
            'fs',
            '--scanners',
            checks.join(','),
            ...(config.ignoreUnfixed ? ['--ignore-unfixed'] : []),
            config.scanPath
        ];
        const report = await runTrivy(context, args);
        const notices = [];
        const findings = [
            ...trivyFindings(report, {
                scanner: 'repository',
                target: 'repository',
                repoPath: repoRelative(context, config.scanPath),
                ignore: await loadTrivyIgnore(config.trivyIgnoreFile, config.workspace)
            }),
            ...(checks.includes('misconfig')
                ? await inlineIgnoreFindings(context, 'repository', config.scanPath, notices)
                : [])
        ];
        return [{ ...outcome('repository', 'repository', context, findings, error), notices }];
    }
};
/** `trivy config` on the manifests: Trivy's own embedded misconfiguration checks. */
const trivyConfigScanner = {
    name: 'trivy-config',
    async run(context) {
        const { config } = context;
        const findings = [];
        const notices = [];
        const ignore = await loadTrivyIgnore(config.trivyIgnoreFile, config.workspace);
        for (const target of config.manifests) {
            const report = await runTrivy(context, ['config', target]);
            findings.push(...trivyFindings(report, {
                scanner: 'trivy-config',
                target: 'manifests',
                repoPath: repoRelative(context, target),
                ignore
            }), ...(await inlineIgnoreFindings(context, 'trivy-config', target, notices)));
        }
        return [{ ...outcome('trivy-config', 'manifests', context, findings), notices }];
    }
};
/**
 * Trivy drops what an inline ignore comment in a scanned file names (Helm templates,
 * Dockerfiles, Terraform, CloudFormation) and reports nothing, so a pull request could hide any
 * finding with one. Each comment becomes a CRITICAL finding: the severity of what it hides is
 * unknown, so it fails the gate at any threshold until it is removed or waived.
 */
async function inlineIgnoreFindings(context, scanner, dir, notices) {
    const { ignores, tooLarge } = await findInlineIgnores(dir);
    const relative = (file) => external_node_path_default().relative(context.config.workspace, file).split((external_node_path_default()).sep).join('/');
    for (const file of tooLarge)
        notices.push(`${relative(file)}: too large to check for Trivy inline ignore comments`);
    return ignores.map(({ file, line, comment }) => finalize({
        scanner,
        target: scanner === 'repository' ? 'repository' : 'manifests',
        ruleId: 'HardeningTrivyInlineIgnore',
        title: 'Trivy inline ignore comment',
        severity: 'CRITICAL',
        message: `'${comment}' makes Trivy drop the findings it names without reporting them (${relative(file)}:${line}).`,
        resource: relative(file),
        location: { path: relative(file), startLine: line },
        remediation: 'Remove the comment. To accept a finding, add a waiver (waivers-file) with an owner, a reason and an expiry.'
    }));
}
/** `trivy image` for each image reference or image tarball. */
const imageScanner = {
    name: 'image',
    async run(context) {
        const { config } = context;
        const references = await findImageReferences(config.workspace, config.scanPath);
        const ignore = await loadTrivyIgnore(config.trivyIgnoreFile, config.workspace);
        const { checks, error } = runnableChecks(config.imageScanners, context);
        return mapBounded(config.images, async (image) => {
            if (checks.length === 0)
                return outcome('image', image, context, [], error);
            const tarball = /\.tar(\.gz)?$/.test(image)
                ? external_node_path_default().resolve(config.workspace, image)
                : undefined;
            const args = [
                'image',
                '--scanners',
                checks.join(','),
                ...(config.ignoreUnfixed ? ['--ignore-unfixed'] : []),
                ...(tarball ? ['--input', tarball] : [image])
            ];
            const report = await runTrivy(context, args, { registryCredentials: true });
            const reference = references.get(image);
            const findings = trivyFindings(report, {
                scanner: 'image',
                target: image,
                repoPath: () => undefined,
                fallback: reference,
                ignore
            });
            return outcome('image', image, context, findings, error);
        });
    }
};

// EXTERNAL MODULE: ./node_modules/@actions/cache/lib/cache.js + 340 modules
var cache = __webpack_require__(7131);
;// CONCATENATED MODULE: ./src/tools/db-cache.ts

/**
 * Persists Trivy's DB directory across workflow runs. The key carries the day, so one day's runs
 * share a DB and the first run of a new day starts from yesterday's (a small update). Outside
 * GitHub Actions (no cache service) both calls do nothing.
 */
function dbCacheKey(platform, now = new Date()) {
    const prefix = `hardening-action-trivy-db-${platform}-`;
    return { key: `${prefix}${now.toISOString().slice(0, 10)}`, restoreKeys: [prefix] };
}
/** Restores the DB cache; returns the key that matched, if any. */
async function restoreDbCache(dir, platform, log) {
    if (!cache/* isFeatureAvailable */.w3())
        return undefined;
    const { key, restoreKeys } = dbCacheKey(platform);
    try {
        return await cache/* restoreCache */.P3([dir], key, restoreKeys);
    }
    catch (error) {
        log.warning(`Could not restore the Trivy DB cache (${error.message}); downloading it instead.`);
        return undefined;
    }
}
/** Saves the DB unless today's key was already restored. A failure only costs the next run a download. */
async function saveDbCache(dir, platform, restoredKey, log) {
    if (!cache/* isFeatureAvailable */.w3())
        return;
    const { key } = dbCacheKey(platform);
    if (restoredKey === key)
        return;
    try {
        await cache/* saveCache */.Io([dir], key);
    }
    catch (error) {
        log.warning(`Could not save the Trivy DB cache: ${error.message}`);
    }
}

// EXTERNAL MODULE: ./node_modules/@actions/tool-cache/lib/tool-cache.js + 2 modules
var tool_cache = __webpack_require__(9805);
;// CONCATENATED MODULE: ./src/tools/archive.ts

/** A release archive that is malformed or hostile; installing from it is refused. */
class ArchiveError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ArchiveError';
    }
}
const BLOCK = 512;
/**
 * Returns the contents of the regular file `wanted` in a .tar.gz, refusing the whole archive
 * when any entry is absolute or climbs out with `..` (a path-traversal archive is hostile even
 * if the entry we want looks fine). Reading in-process avoids trusting the runner's `tar`.
 */
function extractFileFromTarGz(archive, wanted) {
    let tar;
    try {
        tar = (0,external_node_zlib_.gunzipSync)(archive);
    }
    catch (error) {
        throw new ArchiveError(`Archive is not valid gzip (truncated or corrupt): ${error.message}`);
    }
    let found;
    let longName;
    for (let offset = 0; offset + BLOCK <= tar.length;) {
        const header = tar.subarray(offset, offset + BLOCK);
        if (header.every((byte) => byte === 0))
            break;
        const size = parseOctal(header.subarray(124, 136));
        const type = String.fromCharCode(header[156] || 48);
        const dataStart = offset + BLOCK;
        const dataEnd = dataStart + size;
        if (dataEnd > tar.length)
            throw new ArchiveError('Archive is truncated inside an entry.');
        const data = tar.subarray(dataStart, dataEnd);
        offset = dataStart + Math.ceil(size / BLOCK) * BLOCK;
        if (type === 'L') {
            longName = cString(data);
            continue;
        }
        if (type === 'x') {
            longName = paxPath(data) ?? longName;
            continue;
        }
        if (type === 'g')
            continue;
        const prefix = cString(header.subarray(345, 500));
        const name = longName ??
            (prefix ? `${prefix}/${cString(header.subarray(0, 100))}` : cString(header.subarray(0, 100)));
        longName = undefined;
        assertSafeEntry(name);
        if ((type === '0' || type === '\0') && normalise(name) === wanted)
            found = Buffer.from(data);
    }
    if (!found)
        throw new ArchiveError(`Archive has no file named '${wanted}'.`);
    return found;
}
function assertSafeEntry(name) {
    const parts = name.split(/[\\/]+/);
    if (name.startsWith('/') || /^[A-Za-z]:/.test(name) || parts.includes('..')) {
        throw new ArchiveError(`Archive entry '${name}' escapes the extraction directory; refusing the archive.`);
    }
}
function normalise(name) {
    return name.replace(/^(\.\/)+/, '');
}
function cString(bytes) {
    const end = bytes.indexOf(0);
    return bytes.subarray(0, end === -1 ? bytes.length : end).toString('utf8');
}
function parseOctal(bytes) {
    const text = cString(bytes).trim();
    const value = text === '' ? 0 : parseInt(text, 8);
    if (Number.isNaN(value))
        throw new ArchiveError('Archive has a corrupt entry header.');
    return value;
}
function paxPath(data) {
    for (const record of data.toString('utf8').split('\n')) {
        const match = /^\d+ path=(.*)$/.exec(record);
        if (match)
            return match[1];
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/tools/download.ts

/** A download that failed for good (after retries, or at once for a client error such as 404). */
class DownloadError extends Error {
    constructor(message) {
        super(message);
        this.name = 'DownloadError';
    }
}
const DEFAULT_RETRY = { attempts: 4, initialDelayMs: 2_000 };
const MAX_REDIRECTS = 5;
/**
 * GET with redirects followed by hand: each hop is checked before it is requested, so an https
 * mirror (or a MITM of a loopback one) cannot send us to plain http, where anyone on the path
 * could swap a release together with its checksums file.
 */
async function fetchFollowing(url) {
    let current = new URL(url);
    for (let hop = 0;; hop++) {
        const response = await fetch(current, { redirect: 'manual' });
        const location = response.headers.get('location');
        if (response.status < 300 || response.status >= 400 || !location)
            return response;
        await response.body?.cancel();
        const next = new URL(location, current);
        if (!isSafeTransport(next))
            throw new DownloadError(`Download of ${redactUrl(url)} was redirected to ${redactUrl(next.href)}, which is not https; refusing it.`);
        if (hop >= MAX_REDIRECTS)
            throw new DownloadError(`Download of ${redactUrl(url)} was redirected too many times.`);
        current = next;
    }
}
/** Fetches a URL into memory, retrying network errors, 429 and 5xx with exponential backoff. */
async function download(url, retry = DEFAULT_RETRY) {
    let lastProblem = '';
    for (let attempt = 1; attempt <= retry.attempts; attempt++) {
        try {
            const response = await fetchFollowing(url);
            if (response.ok)
                return Buffer.from(await response.arrayBuffer());
            lastProblem = `HTTP ${response.status}`;
            if (response.status !== 429 && response.status < 500) {
                throw new DownloadError(`Download of ${url} failed: HTTP ${response.status}.`);
            }
        }
        catch (error) {
            if (error instanceof DownloadError)
                throw error;
            lastProblem = error.message;
        }
        if (attempt < retry.attempts) {
            const delay = retry.initialDelayMs * 2 ** (attempt - 1);
            retry.log?.(`Download of ${url} failed (${lastProblem}); retrying in ${delay} ms.`);
            await new Promise((resolve) => setTimeout(resolve, delay));
        }
    }
    throw new DownloadError(`Download of ${url} failed after ${retry.attempts} attempts: ${lastProblem}.`);
}

;// CONCATENATED MODULE: ./src/tools/pins.ts
const TRIVY_PLATFORMS = {
    'linux-x64': 'Linux-64bit.tar.gz',
    'linux-arm64': 'Linux-ARM64.tar.gz',
    'darwin-x64': 'macOS-64bit.tar.gz',
    'darwin-arm64': 'macOS-ARM64.tar.gz',
    'win32-x64': 'windows-64bit.zip'
};
const CONFTEST_PLATFORMS = {
    'linux-x64': 'Linux_x86_64.tar.gz',
    'linux-arm64': 'Linux_arm64.tar.gz',
    'darwin-x64': 'Darwin_x86_64.tar.gz',
    'darwin-arm64': 'Darwin_arm64.tar.gz',
    'win32-x64': 'Windows_x86_64.zip'
};
const RELEASES = {
    trivy: {
        repository: 'aquasecurity/trivy',
        assetName: (version, platform) => `trivy_${version}_${TRIVY_PLATFORMS[platform]}`,
        checksumsName: (version) => `trivy_${version}_checksums.txt`
    },
    conftest: {
        repository: 'open-policy-agent/conftest',
        assetName: (version, platform) => `conftest_${version}_${CONFTEST_PLATFORMS[platform]}`,
        checksumsName: () => 'checksums.txt'
    }
};
const PINNED_SHA256 = {
    trivy: {
        '0.74.0': {
            'linux-x64': '2ae6fe3ee734b7fdf11335663e18c75ea12dccc76062f09f164a3b0f8be4371a',
            'linux-arm64': 'b94ce1976bbf3c15b514b605ee88be7c6d94a29be2302847ff01cb794d47aad5',
            'darwin-x64': '472816f6888dda689d075c30254d4210b4d1035acf365aa72332f584c2f60485',
            'darwin-arm64': '1caada5e0e2091909357c7525d3aa76f4b660b13821bc143b190c7483e31cc11',
            'win32-x64': '94c40e0696e4b907a74b7b2e1438d5d72ebaca83115817407f568a002d520842'
        }
    },
    conftest: {
        '0.71.1': {
            'linux-x64': 'c3f6b2a753bd56e377a1e51a95ae3e057f926f2e9139f7d5b5dfbbaf810f7985'
        }
    }
};
/** Trivy v0.69.4 to v0.69.6 were published by attackers (March 2026); never install them. */
const COMPROMISED_VERSIONS = {
    trivy: ['0.69.4', '0.69.5', '0.69.6']
};
function currentPlatform(os = process.platform, arch = process.arch) {
    const platform = `${os}-${arch}`;
    const supported = [
        'linux-x64',
        'linux-arm64',
        'darwin-x64',
        'darwin-arm64',
        'win32-x64'
    ];
    if (!supported.includes(platform)) {
        throw new Error(`Unsupported runner platform ${platform}; supported: ${supported.join(', ')}.`);
    }
    return platform;
}

;// CONCATENATED MODULE: ./src/tools/install.ts












const run = (0,external_node_util_.promisify)(external_node_child_process_.execFile);
/** The archive's bytes do not match the pinned (or published) SHA-256: nothing may run. */
class ChecksumError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ChecksumError';
    }
}
/**
 * Makes `name` at exactly `version` available: from a trusted directory when one is configured,
 * else from the runner's tool cache when its copy still matches the pin, else from a verified
 * download. Nothing found on PATH or in the tool cache is believed by its `--version` alone.
 */
async function installTool(name, version, options) {
    if (COMPROMISED_VERSIONS[name]?.includes(version)) {
        throw new Error(`${name} ${version} is a known-compromised release and will not be installed; pick another version.`);
    }
    const executable = options.platform.startsWith('win32') ? `${name}.exe` : name;
    const trusted = await fromTrustedDir(name, version, executable, options);
    if (trusted)
        return trusted;
    const mirrorProblem = mirrorUrlProblem(options.releaseBaseUrl);
    if (mirrorProblem)
        throw new DownloadError(`Refusing to download ${name}: the release host ${mirrorProblem}`);
    const release = RELEASES[name];
    const asset = release.assetName(version, options.platform);
    const baseUrl = `${options.releaseBaseUrl.replace(/\/+$/, '')}/${release.repository}/releases/download/v${version}`;
    const retry = { ...DEFAULT_RETRY, log: options.log.warning, ...options.retry };
    const expected = await expectedChecksum(name, version, asset, `${baseUrl}/${release.checksumsName(version)}`, options, retry);
    const cached = await fromToolCache(name, version, asset, executable, expected, options.log);
    if (cached)
        return cached;
    options.log.info(`Downloading ${name} ${version} (${asset}).`);
    const archive = await download(`${baseUrl}/${asset}`, retry);
    const actual = sha256(archive);
    if (actual !== expected) {
        throw new ChecksumError(`Checksum mismatch for ${asset}: expected sha256 ${expected}, got ${actual}. ` +
            'The download was altered or corrupted; refusing to run it.');
    }
    const binary = await binaryFromArchive(archive, asset, executable);
    const dir = await cacheRelease(name, version, { asset, archive, executable, binary });
    return {
        name,
        version,
        path: external_node_path_default().join(dir, executable),
        source: 'download',
        archiveSha256: actual
    };
}
/** The explicit opt-in: a binary in a trusted directory runs as found, when its version matches. */
async function fromTrustedDir(name, version, executable, options) {
    if (!options.trustedDirs?.length)
        return undefined;
    const found = await findOnPath(executable, options.trustedDirs);
    if (!found)
        return undefined;
    const reported = await binaryVersion(found);
    if (reported !== version) {
        options.log.info(`${found} is ${name} ${reported ?? 'of unknown version'}, not ${version}; installing the pinned release instead.`);
        return undefined;
    }
    options.log.info(`Running ${name} ${version} from ${found} without checking it against a pin: it is in a trusted tool directory ('trusted-tool-dir'; for the CLI, PATH unless --pinned-tools).`);
    return { name, version, path: found, source: 'trusted-dir' };
}
/**
 * The tool cache keeps each release archive next to its binary. An entry is used only when the
 * archive still has the expected SHA-256 and the binary is byte for byte the one in it: on a
 * self-hosted runner the cache outlives the job, and an earlier job may have replaced either.
 * Anything else is downloaded again, which replaces the entry. (Pinning binary digests instead
 * would need a second table per platform kept in step with the archive pins.)
 */
async function fromToolCache(name, version, asset, executable, expected, log) {
    const dir = tool_cache/* find */.I6(name, version);
    if (!dir)
        return undefined;
    const problem = await cacheEntryProblem(dir, asset, executable, expected);
    if (!problem) {
        return {
            name,
            version,
            path: external_node_path_default().join(dir, executable),
            source: 'tool-cache',
            archiveSha256: expected
        };
    }
    log.warning(`The tool cache's ${name} ${version} (${dir}) ${problem}; downloading it again.`);
    return undefined;
}
/** Why a tool-cache entry cannot be used, or undefined when it is the verified release. */
async function cacheEntryProblem(dir, asset, executable, expected) {
    const [archive, binary] = await Promise.all([asset, executable].map((file) => (0,promises_.readFile)(external_node_path_default().join(dir, file)).catch(() => undefined)));
    if (!archive || !binary)
        return `lacks its ${archive ? 'binary' : 'release archive'}`;
    if (sha256(archive) !== expected)
        return `has an archive whose SHA-256 is not ${expected}`;
    const verified = await binaryFromArchive(archive, asset, executable);
    if (!verified.equals(binary))
        return 'has a binary that differs from the one in its archive';
    return undefined;
}
/** Stores the verified archive and its binary as one tool-cache entry (replacing any earlier one). */
async function cacheRelease(name, version, files) {
    const dir = await (0,promises_.mkdtemp)(external_node_path_default().join(process.env.RUNNER_TEMP || external_node_os_default().tmpdir(), 'hardening-tool-'));
    try {
        await (0,promises_.writeFile)(external_node_path_default().join(dir, files.asset), files.archive);
        await (0,promises_.writeFile)(external_node_path_default().join(dir, files.executable), files.binary, { mode: 0o755 });
        return await tool_cache/* cacheDir */.e8(dir, name, version);
    }
    finally {
        await (0,promises_.rm)(dir, { recursive: true, force: true });
    }
}
const sha256 = (bytes) => (0,external_node_crypto_.createHash)('sha256').update(bytes).digest('hex');
async function expectedChecksum(name, version, asset, checksumsUrl, options, retry) {
    const pinned = (options.pinned ?? PINNED_SHA256)[name]?.[version]?.[options.platform];
    if (pinned)
        return pinned;
    const listing = (await download(checksumsUrl, retry)).toString('utf8');
    const line = listing
        .split('\n')
        .find((entry) => entry.trim().split(/\s+/)[1]?.replace(/^\*/, '') === asset);
    const published = line?.trim().split(/\s+/)[0]?.toLowerCase();
    if (!published || !/^[0-9a-f]{64}$/.test(published)) {
        throw new ChecksumError(`The release's checksums file has no SHA-256 for ${asset}; refusing to install.`);
    }
    options.log.warning(`${name} ${version} for ${options.platform} is not in hardening-action's pinned checksum table; ` +
        "it is verified only against the release's own checksums file, a weaker pin (a compromised release can replace both).");
    return published;
}
/** The executable's bytes inside a release archive (tar.gz read in-process; zip via the runner's unzip). */
async function binaryFromArchive(archive, asset, executable) {
    if (!asset.endsWith('.zip'))
        return extractFileFromTarGz(archive, executable);
    const dir = await (0,promises_.mkdtemp)(external_node_path_default().join(process.env.RUNNER_TEMP || external_node_os_default().tmpdir(), 'hardening-tool-'));
    try {
        const zipFile = external_node_path_default().join(dir, asset);
        await (0,promises_.writeFile)(zipFile, archive);
        const extracted = await tool_cache/* extractZip */.JE(zipFile, external_node_path_default().join(dir, 'out'));
        const entries = await (0,promises_.readdir)(extracted);
        if (!entries.includes(executable))
            throw new Error(`Archive ${asset} has no ${executable}.`);
        return await (0,promises_.readFile)(external_node_path_default().join(extracted, executable));
    }
    finally {
        await (0,promises_.rm)(dir, { recursive: true, force: true });
    }
}
/** The first x.y.z in `<binary> --version` (trivy prints `Version: x.y.z`, conftest `Conftest: x.y.z`). */
async function binaryVersion(binary) {
    try {
        const { stdout } = await run(binary, ['--version'], { timeout: 30_000 });
        return /(\d+\.\d+\.\d+)/.exec(stdout)?.[1];
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/tools/setup.ts







/** Installs the tools the active scanners need, and brings Trivy's vulnerability DB up to date once. */
async function installTools(config, scanners, log) {
    const names = new Set(scanners.map((scanner) => scanner.name));
    const needsTrivy = names.has('image') || names.has('repository') || names.has('trivy-config');
    const platform = currentPlatform();
    const options = {
        releaseBaseUrl: config.toolMirror,
        platform,
        log,
        trustedDirs: config.trustedToolDirs
    };
    const [trivy, conftest] = await Promise.all([
        needsTrivy ? installTool('trivy', config.trivyVersion, options) : undefined,
        names.has('policies') ? installTool('conftest', config.conftestVersion, options) : undefined
    ]);
    const tools = { ...(trivy ? { trivy } : {}), ...(conftest ? { conftest } : {}) };
    const needsDb = (names.has('image') && config.imageScanners.includes('vuln')) ||
        (names.has('repository') && config.repositoryScanners.includes('vuln'));
    if (!trivy || !needsDb)
        return { tools };
    const restored = await restoreDbCache(config.trivyCacheDir, platform, log);
    const dbProblem = config.skipDbUpdate
        ? await missingDbProblem(config.trivyCacheDir)
        : await updateTrivyDb(trivy, config, log);
    if (dbProblem) {
        log.warning(dbProblem);
        return { tools, dbProblem };
    }
    if (!config.skipDbUpdate)
        await saveDbCache(config.trivyCacheDir, platform, restored, log);
    return { tools };
}
/** With `skip-db-update`, the DB must already be there (restored, or provided by the runner). */
async function missingDbProblem(cacheDir) {
    if (await hasDb(cacheDir))
        return undefined;
    return `'skip-db-update' is set, but ${cacheDir} holds no Trivy vulnerability DB.`;
}
/**
 * Downloads the DB once before the scans run in parallel (read-only) against it. Trivy itself
 * falls back between the listed repositories when one answers 429 or 5xx. Returns why the
 * download failed, if it did (URLs in Trivy's message redacted: they may carry signatures).
 */
async function updateTrivyDb(trivy, config, log) {
    await (0,promises_.mkdir)(config.trivyCacheDir, { recursive: true });
    const args = ['image', '--download-db-only', '--cache-dir', config.trivyCacheDir, '--quiet'];
    if (config.dbRepositories.length > 0)
        args.push('--db-repository', config.dbRepositories.join(','));
    if (await dbIsCurrent(config.trivyCacheDir)) {
        log.info('The cached Trivy vulnerability DB is current; not updating it.');
        return undefined;
    }
    log.info('Updating the Trivy vulnerability DB.');
    try {
        await runTool(trivy.path, args, {
            timeoutMs: config.scanTimeoutMs,
            env: toolEnv({ registryCredentials: true })
        });
        return undefined;
    }
    catch (error) {
        return redactUrls(`Could not download the Trivy vulnerability DB (${error.message}). ` +
            "Set 'db-repository' to a reachable mirror, or 'skip-db-update: true' with a cached DB.");
    }
}
/** The DB schema the pinned Trivy (0.74) reads: trivy-db's `db.SchemaVersion`. */
const TRIVY_DB_SCHEMA = 2;
/**
 * Trivy's own "is the DB new enough" rule (pkg/db NeedsUpdate in Trivy 0.74), read from the
 * cache directly: starting Trivy only to learn that nothing needs downloading cost every warm
 * run about half a second before any scan could start. Anything unexpected leaves the decision
 * to Trivy.
 */
async function dbIsCurrent(cacheDir, now = new Date()) {
    if (!(await hasDb(cacheDir)))
        return false;
    const dir = external_node_path_default().join(cacheDir, 'db');
    let meta;
    try {
        meta = JSON.parse(await (0,promises_.readFile)(external_node_path_default().join(dir, 'metadata.json'), 'utf8'));
    }
    catch {
        return false;
    }
    const nextUpdate = Date.parse(String(meta.NextUpdate));
    const downloadedAt = Date.parse(String(meta.DownloadedAt));
    // Trivy treats a missing (zero) download time as a possibly corrupted DB and downloads it.
    if (meta.Version !== TRIVY_DB_SCHEMA || !(downloadedAt > 0))
        return false;
    return now.getTime() < nextUpdate || now.getTime() < downloadedAt + 60 * 60 * 1000;
}
async function hasDb(cacheDir) {
    const database = await (0,promises_.stat)(external_node_path_default().join(cacheDir, 'db', 'trivy.db')).catch(() => undefined);
    return database?.isFile() ?? false;
}

;// CONCATENATED MODULE: ./src/pipeline.ts















const SCANNERS = {
    image: imageScanner,
    repository: repositoryScanner,
    policies: policiesScanner,
    'trivy-config': trivyConfigScanner
};
/** inputs → install → scan (in parallel) → findings → waivers/baseline → reports → gate. */
async function runPipeline(config, env) {
    // The user's files are read first: a broken waiver or baseline file fails before any scan.
    const waivers = await loadWaivers(config.waiversFile);
    const waiversFile = external_node_path_default().relative(config.workspace, config.waiversFile);
    const baseline = config.baselineFile ? await loadBaseline(config.baselineFile) : undefined;
    const lap = stopwatch();
    const scanners = activeScanners(config);
    const installed = await installTools(config, scanners, env.log);
    const install = lap();
    // Work files (policy sets, reviews, Trivy reports) live outside the checkout, so nothing in
    // it can be loaded as one of them, and are gone after the scans.
    const workRoot = await privateTempDir('hardening-work-');
    const outcomes = await scan(config, scanners, installed, env, workRoot).finally(() => (0,promises_.rm)(workRoot, { recursive: true, force: true }));
    const scanned = lap();
    const result = await reportFindings(outcomes, {
        config,
        env,
        tools: Object.values(installed.tools),
        waivers,
        waiversFile,
        baseline
    });
    return { ...result, timings: { install, scan: scanned, ...result.timings } };
}
/**
 * findings → waivers/baseline → gate → reports: everything after the scans, written to the
 * output directory. Separate from `runPipeline` so it can be measured and tested on its own.
 */
async function reportFindings(outcomes, { config, env, tools, waivers, waiversFile, baseline }) {
    const lap = stopwatch();
    const waived = applyWaivers(outcomes.flatMap((outcome) => outcome.findings), waivers, waiversFile);
    const findings = baseline ? markNew(waived.findings, baseline) : waived.findings;
    // Waivers and the baseline map findings one to one, in order: each outcome gets its slice back.
    // (Sorting them here, most severe first, was tried: the SARIF stage got slower, 2.1 → 3.2 s at
    // 100k findings, more than the reports' own sorts saved.)
    let offset = 0;
    const reportedOutcomes = outcomes.map((outcome) => {
        const mine = findings.slice(offset, offset + outcome.findings.length);
        offset += outcome.findings.length;
        return { ...outcome, findings: mine };
    });
    const timings = { 'waivers and baseline': lap() };
    const files = {
        sarif: external_node_path_default().join(config.outputDir, 'results.sarif'),
        findings: external_node_path_default().join(config.outputDir, 'findings.json'),
        summary: external_node_path_default().join(config.outputDir, 'summary.md'),
        evidenceJson: external_node_path_default().join(config.outputDir, 'evidence', 'evidence.json'),
        evidenceMarkdown: external_node_path_default().join(config.outputDir, 'evidence', 'evidence.md')
    };
    // Prepared before the verdict: a link planted where a report goes is removed and fails the
    // gate, and the reports say so; a file that cannot be written leaves the others written.
    const prepared = new Map();
    for (const file of Object.values(files))
        prepared.set(file, await prepareOutputFile(config.workspace, file));
    const foreign = await foreignOutputProblem(config.workspace, config.outputDir, Object.values(files));
    const outputProblems = [
        ...[...prepared.values()].flatMap((p) => (p.problem ? [p.problem] : [])),
        ...(foreign ? [foreign] : [])
    ];
    const decision = decide(findings, {
        failOnSeverity: config.failOnSeverity,
        failOnSeverityByScanner: config.failOnSeverityByScanner,
        onlyNew: config.baselineFile !== null,
        configurationErrors: [
            ...waived.expired,
            ...outcomes
                .filter((o) => o.error)
                .map((o) => `The ${o.scanner} scan of ${o.target} failed: ${o.error}`),
            ...outcomes.flatMap((o) => o.gateFailures ?? []),
            ...outputProblems
        ]
    });
    timings.gate = lap();
    const summary = toSummaryMarkdown(reportedOutcomes, findings, decision);
    timings.summary = lap();
    const sarif = await buildSarif(reportedOutcomes, env.actionVersion, {
        workspace: config.workspace,
        warn: env.log.warning,
        ...(env.reportId ? { reportId: env.reportId } : {}),
        ...(env.fallbackLocation ? { fallbackLocation: env.fallbackLocation } : {})
    });
    timings.sarif = lap();
    const policyOutcome = reportedOutcomes.find((outcome) => outcome.policies);
    const evidence = toEvidence({
        generatedAt: new Date(),
        repository: env.run?.repository ?? external_node_path_default().basename(config.workspace),
        commit: env.run?.commit ?? 'unknown',
        ...(env.run?.ref ? { ref: env.run.ref } : {}),
        ...(env.run?.runUrl ? { runUrl: env.run.runUrl } : {}),
        actionVersion: env.actionVersion,
        tools,
        policyBundle: {
            name: config.policyBundle,
            ...(policyOutcome?.policyBundleDigest ? { digest: policyOutcome.policyBundleDigest } : {})
        },
        policies: policyOutcome?.policies ?? [],
        outcomes: reportedOutcomes,
        findings,
        decision,
        waivers,
        waiversFile
    });
    timings.evidence = lap();
    const findingsDocument = toFindingsDocument(reportedOutcomes, findings, decision);
    const contents = [
        [files.sarif, sarif.json],
        [files.findings, `${JSON.stringify(findingsDocument, null, 2)}\n`],
        [files.summary, summary],
        [files.evidenceJson, evidence.json],
        [files.evidenceMarkdown, evidence.markdown]
    ];
    for (const problem of outputProblems)
        env.log.warning(problem);
    for (const [file, content] of contents)
        if (prepared.get(file).writable)
            await writeOutputFile(file, content);
    timings['findings.json and files'] = lap();
    return {
        outcomes: reportedOutcomes,
        findings,
        decision,
        tools,
        files,
        summary,
        sarifJson: sarif.json,
        sarifGzip: sarif.gzip,
        timings
    };
}
function activeScanners(config) {
    return config.scanners
        .filter((name) => name !== 'image' || config.images.length > 0)
        .map((name) => SCANNERS[name]);
}
/** Runs every scanner concurrently; one that fails becomes an outcome with an error, never a lost run. */
async function scan(config, scanners, { tools, dbProblem }, env, workRoot) {
    const results = await Promise.all(scanners.map(async (scanner) => {
        const context = {
            config,
            tools,
            dbProblem,
            workDir: external_node_path_default().join(workRoot, scanner.name),
            actionRoot: env.actionRoot,
            log: env.log,
            timeoutMs: config.scanTimeoutMs
        };
        try {
            return await scanner.run(context);
        }
        catch (error) {
            const message = error.message;
            env.log.warning(`The ${scanner.name} scan failed: ${message}`);
            return [
                {
                    scanner: scanner.name,
                    target: scanner.name === 'policies' || scanner.name === 'trivy-config'
                        ? 'manifests'
                        : scanner.name,
                    findings: [],
                    notices: [],
                    tool: { name: scanner.name === 'policies' ? 'conftest' : 'trivy', version: '' },
                    error: message
                }
            ];
        }
    }));
    return results.flat();
}

// EXTERNAL MODULE: ./src/cli/exit.ts
var exit = __webpack_require__(7632);
;// CONCATENATED MODULE: ./src/cli/scan.ts










const SCAN_USAGE = `Usage: hardening scan [PATH ...] [options]

Scans Kubernetes manifests (PATH, default .) with the bundled Gatekeeper policies and Trivy,
the repository for secrets, licenses and vulnerable dependencies, and --images.

Options (each is the action input of the same name):
  --images REF[,REF]           images or image tarballs to scan
  --policy-bundle NAME         bundled policies: all, pss-restricted, ... or none (default all)
  --policies DIR[,DIR]         extra ConstraintTemplates and Constraints
  --policy-enforcement MODE    deny | warn | dryrun | as-declared (default deny)
  --unreadable-manifests MODE  fail | warn: a file that looks like a manifest but cannot be read
                               as Kubernetes reads it fails the gate, or only warns (default fail)
  --scanners LIST              image,repository,policies,trivy-config
  --repository-scanners LIST   Trivy checks for the repository (default vuln,secret,license)
  --image-scanners LIST        Trivy checks for images (default ${INPUT_DEFAULTS['image-scanners']})
  --fail-on SEVERITY           critical | high | medium | low | none (default high)
  --fail-on-by-scanner LIST    per-scanner thresholds, e.g. image=critical,policies=high
  --baseline FILE              fail only on findings missing from this earlier findings.json
  --waivers FILE               waiver file (default .hardening/waivers.yaml)
  --trivy-ignore FILE          .trivyignore(.yaml) whose entries are reported as waived
  --skip-db-update             use the cached Trivy DB as it is
  --trusted-tool-dir DIR       run the trivy and conftest in DIR without checking them against
                               a pin (default: those on PATH, when at the pinned versions)
  --pinned-tools               run only pinned releases, verified by SHA-256 (as the action does)
  --db-repository REPO[,REPO]  Trivy DB mirrors
  --tool-mirror URL            where to download the pinned Trivy and conftest releases from
  --scan-timeout SECONDS       time limit for each scan (default ${INPUT_DEFAULTS['scan-timeout']})
  --ignore-unfixed             skip vulnerabilities without a fix
  --format FORMAT              table | json | sarif | markdown (default table)
  --output FILE                write the report there instead of standard output
  --output-dir DIR             where results.sarif, findings.json and summary.md go
  --verbose                    log each step and every tool command to standard error
  -h, --help                   this help
${exit/* EXIT_CODES_HELP */.c}`;
const FLAG_TO_INPUT = {
    images: 'images',
    'policy-bundle': 'policy-bundle',
    policies: 'policies',
    'policy-enforcement': 'policy-enforcement',
    'unreadable-manifests': 'unreadable-manifests',
    scanners: 'scanners',
    'repository-scanners': 'repository-scanners',
    'image-scanners': 'image-scanners',
    'fail-on': 'fail-on-severity',
    'fail-on-by-scanner': 'fail-on-severity-by-scanner',
    waivers: 'waivers-file',
    'trivy-ignore': 'trivy-ignore-file',
    'db-repository': 'db-repository',
    'output-dir': 'output-dir',
    'scan-timeout': 'scan-timeout',
    'tool-mirror': 'tool-mirror',
    'trusted-tool-dir': 'trusted-tool-dir'
};
/** Every option `hardening scan` takes (the usage text lists each; a test checks it). */
const SCAN_OPTIONS = {
    ...Object.fromEntries(Object.keys(FLAG_TO_INPUT).map((flag) => [flag, { type: 'string' }])),
    baseline: { type: 'string' },
    format: { type: 'string', default: 'table' },
    output: { type: 'string' },
    'skip-db-update': { type: 'boolean' },
    'pinned-tools': { type: 'boolean' },
    'ignore-unfixed': { type: 'boolean' },
    verbose: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' }
};
async function runScan(argv) {
    let parsed;
    try {
        parsed = (0,external_node_util_.parseArgs)({ args: argv, allowPositionals: true, options: SCAN_OPTIONS });
    }
    catch (error) {
        process.stderr.write(`${error.message}\n\n${SCAN_USAGE}\n`);
        return exit/* EXIT */.d.usage;
    }
    const { values, positionals: paths } = parsed;
    if (values.help) {
        process.stdout.write(`${SCAN_USAGE}\n`);
        return exit/* EXIT */.d.pass;
    }
    const format = String(values.format);
    if (!['table', 'json', 'sarif', 'markdown'].includes(format)) {
        process.stderr.write(`--format must be table, json, sarif or markdown; got '${format}'.\n`);
        return exit/* EXIT */.d.usage;
    }
    const inputs = {
        manifests: paths.join('\n'),
        'scan-path': paths.length === 1 ? paths[0] : INPUT_DEFAULTS['scan-path'],
        'skip-db-update': String(values['skip-db-update'] ?? false),
        'ignore-unfixed': String(values['ignore-unfixed'] ?? false),
        ...(values.baseline ? { 'fail-on': 'new', 'baseline-file': String(values.baseline) } : {})
    };
    for (const [flag, input] of Object.entries(FLAG_TO_INPUT)) {
        const value = values[flag];
        if (typeof value === 'string')
            inputs[input] = value;
    }
    if (values['pinned-tools'] && inputs['trusted-tool-dir'] !== undefined) {
        process.stderr.write('--pinned-tools and --trusted-tool-dir exclude each other.\n');
        return exit/* EXIT */.d.usage;
    }
    const log = stderrLogger(Boolean(values.verbose));
    let result;
    try {
        if (!process.env.RUNNER_TOOL_CACHE)
            process.env.RUNNER_TOOL_CACHE = defaultToolCache();
        const config = readConfig((name) => inputs[name] ?? '', process.cwd());
        // On a laptop the tools on PATH are the user's own; the action never runs PATH tools unpinned.
        if (inputs['trusted-tool-dir'] === undefined && !values['pinned-tools'])
            config.trustedToolDirs = pathDirs();
        result = await runPipeline(config, {
            log,
            actionRoot: action_root/* ACTION_ROOT */.Y,
            actionVersion: action_root/* ACTION_VERSION */.F
        });
    }
    catch (error) {
        process.stderr.write(`error: ${printable(error.message)}\n`);
        return error instanceof ConfigError ? exit/* EXIT */.d.usage : exit/* EXIT */.d.toolFailed;
    }
    const report = render(result, format);
    if (values.output)
        await (0,promises_.writeFile)(String(values.output), report);
    else
        process.stdout.write(report);
    for (const reason of result.decision.reasons)
        process.stderr.write(`${printable(reason)}\n`);
    if (result.outcomes.some((outcome) => outcome.error))
        return exit/* EXIT */.d.toolFailed;
    return result.decision.failed ? exit/* EXIT */.d.gateFailed : exit/* EXIT */.d.pass;
}
function render(result, format) {
    switch (format) {
        case 'json':
            return `${JSON.stringify(toFindingsDocument(result.outcomes, result.findings, result.decision), null, 2)}\n`;
        case 'sarif':
            return result.sarifJson;
        case 'markdown':
            return result.summary;
        default:
            return table(result);
    }
}
function table(result) {
    const rows = sortBySeverity(result.findings).map((f) => [
        f.suppression ? `${f.severity} (waived)` : f.severity,
        f.ruleId,
        f.location ? `${f.location.path}:${f.location.startLine}` : f.target,
        f.message
    ].map((cell) => printable(cell, { oneLine: true })));
    const header = ['SEVERITY', 'RULE', 'WHERE', 'MESSAGE'];
    const widths = header.map((h, i) => Math.min(60, Math.max(h.length, ...rows.map((r) => r[i].length))));
    const line = (cells) => cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]) : c)).join('  ');
    const notices = result.outcomes.flatMap((o) => [
        ...(o.error ? [`${o.scanner}: ${o.error}`] : []),
        ...o.notices
    ]);
    const verdict = result.decision.failed ? 'FAILED' : 'PASSED';
    return [
        line(header),
        ...rows.map(line),
        '',
        ...notices.map((n) => `not scanned: ${printable(n, { oneLine: true })}`),
        `${verdict}: ${result.findings.length} finding(s); see ${result.files.sarif}`,
        ''
    ].join('\n');
}
function defaultToolCache() {
    return `${process.env.HOME ?? '.'}/.cache/hardening-action/tool-cache`;
}


/***/ })

};
