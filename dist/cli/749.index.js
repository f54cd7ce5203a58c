export const id = 749;
export const ids = [749];
export const modules = {

/***/ 1749:
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
// EXTERNAL MODULE: ./src/config/inputs.ts + 1 modules
var config_inputs = __webpack_require__(388);
// EXTERNAL MODULE: ./src/config/file.ts + 1 modules
var config_file = __webpack_require__(9938);
// EXTERNAL MODULE: ./src/log.ts
var src_log = __webpack_require__(5625);
// EXTERNAL MODULE: ./src/util/which.ts
var which = __webpack_require__(6669);
// EXTERNAL MODULE: ./src/progress.ts
var src_progress = __webpack_require__(4660);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/findings/model.ts
var model = __webpack_require__(9971);
;// CONCATENATED MODULE: ./src/findings/baseline.ts



/** Fingerprints from an earlier run's findings file (our `findings-file` output). */
async function loadBaseline(file) {
    let parsed;
    try {
        parsed = JSON.parse(await (0,promises_.readFile)(file, 'utf8'));
    }
    catch (error) {
        throw new errors/* ConfigError */.x(`Baseline ${file} cannot be read as a findings file: ${error.message}`);
    }
    const findings = parsed.findings;
    if (!Array.isArray(findings))
        throw new errors/* ConfigError */.x(`Baseline ${file} has no 'findings' list.`);
    return new Set(findings.map((finding) => String(finding.fingerprint)));
}
/** Marks each finding new or existing relative to the baseline. */
function markNew(findings, baseline) {
    return findings.map((finding) => (0,model/* withFields */.q)(finding, { isNew: !baseline.has(finding.fingerprint) }));
}

;// CONCATENATED MODULE: ./src/findings/equivalents.ts
const TRIVY_EQUIVALENTS = [
    {
        trivy: 'KSV-0001',
        title: 'Can elevate its own privileges',
        rule: 'HardeningPSSPrivilegeEscalation'
    },
    {
        trivy: 'KSV-0003',
        title: 'Default capabilities: some containers do not drop all',
        rule: 'HardeningPSSCapabilities',
        ours: 'does not drop all'
    },
    {
        trivy: 'KSV-0004',
        title: 'Default capabilities: some containers do not drop any',
        rule: 'HardeningPSSCapabilities',
        ours: 'does not drop all'
    },
    {
        trivy: 'KSV-0106',
        title: 'Container capabilities must only include NET_BIND_SERVICE',
        rule: 'HardeningPSSCapabilities'
    },
    {
        trivy: 'KSV-0008',
        title: 'Access to host IPC namespace',
        rule: 'HardeningPSSHostNamespaces',
        ours: 'hostIPC'
    },
    {
        trivy: 'KSV-0009',
        title: 'Access to host network',
        rule: 'HardeningPSSHostNamespaces',
        ours: 'hostNetwork'
    },
    {
        trivy: 'KSV-0010',
        title: 'Access to host PID',
        rule: 'HardeningPSSHostNamespaces',
        ours: 'hostPID'
    },
    {
        trivy: 'KSV-0011',
        title: 'CPU not limited',
        rule: 'HardeningRequiredResources',
        ours: 'resources.limits.cpu'
    },
    {
        trivy: 'KSV-0015',
        title: 'CPU requests not specified',
        rule: 'HardeningRequiredResources',
        ours: 'resources.requests.cpu'
    },
    {
        trivy: 'KSV-0016',
        title: 'Memory requests not specified',
        rule: 'HardeningRequiredResources',
        ours: 'resources.requests.memory'
    },
    {
        trivy: 'KSV-0018',
        title: 'Memory not limited',
        rule: 'HardeningRequiredResources',
        ours: 'resources.limits.memory'
    },
    { trivy: 'KSV-0012', title: 'Runs as root user', rule: 'HardeningPSSRunAsNonRoot' },
    { trivy: 'KSV-0013', title: 'Image tag ":latest" used', rule: 'HardeningDisallowedTags' },
    { trivy: 'KSV-0017', title: 'Privileged', rule: 'HardeningPSSPrivileged' },
    {
        trivy: 'KSV-0023',
        title: 'hostPath volumes mounted',
        rule: 'HardeningPSSVolumes',
        ours: 'hostPath'
    },
    { trivy: 'KSV-0024', title: 'Access to host ports', rule: 'HardeningPSSHostPorts' },
    {
        trivy: 'KSV-0030',
        title: 'Runtime/Default Seccomp profile not set',
        rule: 'HardeningPSSSeccomp'
    },
    { trivy: 'KSV-0104', title: 'Seccomp policies disabled', rule: 'HardeningPSSSeccomp' }
];
// Trivy's Kubernetes check messages name their subject in these shapes (checks/kubernetes/*.rego).
const TRIVY_SUBJECTS = [
    [
        /^Container '([^']+)' of '([\w-]+)' '([^']+)' in '([^']+)' namespace/i,
        (m) => ({ container: m[1], kind: m[2], name: m[3], namespace: m[4] })
    ],
    [
        /^container "([^"]+)" of ([\w-]+) "([^"]+)" in "([^"]+)" namespace/i,
        (m) => ({ container: m[1], kind: m[2], name: m[3], namespace: m[4] })
    ],
    [
        /^Container '([^']+)' of ([\w-]+) '([^']+)'/i,
        (m) => ({ container: m[1], kind: m[2], name: m[3] })
    ],
    [/^([\w-]+) '([^']+)' should/, (m) => ({ kind: m[1], name: m[2] })]
];
function trivySubject(message) {
    for (const [pattern, subject] of TRIVY_SUBJECTS) {
        const match = pattern.exec(message);
        if (match)
            return subject(match);
    }
    return undefined;
}
/** Ours: `resource` is `Kind/namespace/name` or `Kind/name`; the message says `container "c"`. */
function ourSubject(finding) {
    const parts = finding.resource.split('/');
    if (parts.length < 2)
        return undefined;
    const container = /: container "([^"]+)"/.exec(finding.message)?.[1];
    return {
        kind: parts[0],
        name: parts[parts.length - 1],
        ...(parts.length > 2 ? { namespace: parts[1] } : {}),
        ...(container ? { container } : {})
    };
}
function sameSubject(trivy, ours) {
    return (trivy.kind.toLowerCase() === ours.kind.toLowerCase() &&
        trivy.name === ours.name &&
        (trivy.namespace === undefined ||
            ours.namespace === undefined ||
            trivy.namespace === ours.namespace) &&
        (trivy.container === undefined ||
            ours.container === undefined ||
            trivy.container === ours.container));
}
const key = (path, line) => `${path}\u0000${line}`;
/**
 * Folds each Trivy `trivy-config` finding that reports the same problem as one of our policy
 * findings into ours (`alsoReportedBy`), so reports and the gate count it once. Same problem
 * means: the check maps to the policy (TRIVY_EQUIVALENTS), the same file, the same object (kind,
 * name, namespace where both say one) and the same container where both name one. Some Trivy
 * messages name no object ("container should drop all"); those take the subject another Trivy
 * finding names at the same file and line (Trivy reports at the container's or object's first
 * line), and stay unfolded when there is none or it is ambiguous. A line alone never matches.
 *
 * Only our findings that gate (enforcement deny, or none) absorb Trivy's: a policy in dryrun or
 * warn does not fail the gate, and silencing Trivy's finding through it would weaken the gate
 * the user configured. A waiver on our finding does cover the folded one (it is one problem, and
 * the waiver shows owner, reason and expiry); folding runs before waivers and the baseline.
 */
function foldEquivalents(findings) {
    return fold(findings, folding(findings));
}
/** `foldEquivalents` across scan outcomes: each keeps its own findings, minus the folded ones. */
function foldOutcomes(outcomes) {
    const resolve = folding(outcomes.flatMap((outcome) => outcome.findings));
    return outcomes.map((outcome) => ({ ...outcome, findings: fold(outcome.findings, resolve) }));
}
/** The findings as `resolve` leaves them; without one, a copy of the list as it is. */
function fold(findings, resolve) {
    if (!resolve)
        return findings.slice();
    const kept = [];
    for (const finding of findings) {
        const resolved = resolve(finding);
        if (resolved)
            kept.push(resolved);
    }
    return kept;
}
/**
 * For each finding: itself, itself with `alsoReportedBy`, or undefined (folded into another).
 * Undefined when no finding can be folded (no Trivy misconfiguration finding has an equivalent),
 * the usual case: the findings are then copied as they are, not passed through one by one.
 */
function folding(findings) {
    const byTrivy = new Map();
    for (const e of TRIVY_EQUIVALENTS)
        byTrivy.set(e.trivy, e);
    const candidates = findings.filter((f) => f.scanner === 'trivy-config' && byTrivy.has(f.ruleId) && f.location !== undefined);
    if (candidates.length === 0)
        return undefined;
    // Subjects Trivy names at each file:line, for its messages that name none.
    const anchors = new Map();
    for (const f of findings) {
        if (f.scanner !== 'trivy-config' || !f.location)
            continue;
        const subject = trivySubject(f.message);
        if (!subject)
            continue;
        const k = key(f.location.path, f.location.startLine);
        const known = anchors.get(k) ?? [];
        if (!known.some((s) => sameSubject(s, subject) && sameSubject(subject, s)))
            known.push(subject);
        anchors.set(k, known);
    }
    const ours = findings.filter((f) => f.scanner === 'policies' &&
        f.location !== undefined &&
        (f.enforcementAction === undefined || f.enforcementAction === 'deny'));
    const absorbed = new Map();
    const folded = new Set();
    for (const trivy of candidates) {
        const equivalent = byTrivy.get(trivy.ruleId);
        const location = trivy.location;
        let subject = trivySubject(trivy.message);
        if (!subject) {
            const named = anchors.get(key(location.path, location.startLine)) ?? [];
            if (named.length !== 1)
                continue;
            subject = named[0];
        }
        const target = ours.find((f) => {
            if (f.ruleId !== equivalent.rule || f.location.path !== location.path)
                return false;
            if (equivalent.ours !== undefined && !f.message.includes(equivalent.ours))
                return false;
            const theirs = ourSubject(f);
            return theirs !== undefined && sameSubject(subject, theirs);
        });
        if (!target)
            continue;
        const list = absorbed.get(target) ?? [];
        if (!list.some((t) => t.ruleId === trivy.ruleId))
            list.push(trivy);
        absorbed.set(target, list);
        folded.add(trivy);
    }
    return (f) => {
        if (folded.has(f))
            return undefined;
        const list = absorbed.get(f);
        if (list === undefined)
            return f;
        return {
            ...f,
            alsoReportedBy: [
                ...(f.alsoReportedBy ?? []),
                ...list.map((t) => ({
                    scanner: t.scanner,
                    ruleId: t.ruleId,
                    title: t.title,
                    ...(t.location ? { location: t.location } : {})
                }))
            ]
        };
    };
}
/** How reports name a folded finding: `Trivy KSV-0001`. */
function alsoReportedName(other) {
    return `${other.scanner.startsWith('trivy') ? 'Trivy' : other.scanner} ${other.ruleId}`;
}

// EXTERNAL MODULE: ./src/findings/waivers.ts
var findings_waivers = __webpack_require__(2255);
// EXTERNAL MODULE: ./src/findings/severity.ts
var severity = __webpack_require__(5131);
;// CONCATENATED MODULE: ./src/gate.ts


/**
 * Decides pass or fail. Suppressed findings, dryrun and warn policy findings and (with a
 * baseline) old findings never block; reports still show all of them.
 */
function decide(findings, policy) {
    const byPath = (policy.failOnSeverityByPath ?? [])
        .map(({ glob, threshold }) => ({ matches: (0,findings_waivers/* globMatcher */.fU)(glob), threshold }))
        .reverse();
    const thresholdOf = (finding) => {
        const file = finding.location?.path;
        const forPath = file === undefined ? undefined : byPath.find((rule) => rule.matches(file));
        if (forPath)
            return forPath.threshold;
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
            (0,severity/* severityRank */.qs)(finding.severity) >= (0,severity/* severityRank */.qs)(threshold));
    });
    const reasons = [...policy.configurationErrors];
    if (blocking.length > 0) {
        const scope = policy.onlyNew ? 'new ' : '';
        const threshold = byPath.length > 0
            ? 'their path’s or scanner’s threshold'
            : Object.keys(policy.failOnSeverityByScanner ?? {}).length > 0
                ? 'their scanner’s threshold'
                : policy.failOnSeverity;
        reasons.push(`${blocking.length} ${scope}finding(s) at or above ${threshold}.`);
    }
    return { failed: reasons.length > 0, reasons, blocking };
}

;// CONCATENATED MODULE: ./src/report/counts.ts

/** Counts of unsuppressed findings; suppressed ones are counted apart. */
function countFindings(findings) {
    const counts = {
        total: 0,
        bySeverity: Object.fromEntries(severity/* SEVERITIES */.oC.map((s) => [s, 0])),
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

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/report/json-stream.ts
// JSON text in pieces. A report of 100,000 findings is over 40 MB of JSON: made as one string it
// was held three times over (the text, its UTF-8 bytes for the file, another copy for gzip), and
// every element had to exist as an object at once. Here the large arrays are written element by
// element, each element made and stringified only when its turn comes.

/** Set only while `jsonPieces` runs `JSON.stringify`, which calls `toJSON` synchronously. */
let expanding;
/**
 * An array that `jsonPieces` writes one element at a time; `items` is called once per
 * serialisation, so its elements can be made on the fly. Anywhere else (`JSON.stringify`) it is an
 * ordinary array, which makes `JSON.stringify` the reference for what `jsonPieces` writes.
 */
class StreamedArray {
    items;
    constructor(items) {
        this.items = items;
    }
    toJSON() {
        if (!expanding)
            return [...this.items()];
        expanding.arrays.push(this);
        return `${expanding.marker}${expanding.arrays.length - 1}`;
    }
}
/**
 * `JSON.stringify(value, null, space)` in pieces, the same text byte for byte: the value is
 * stringified with a placeholder for each `StreamedArray`, and each placeholder is replaced by the
 * array's elements, stringified one by one and indented to where the placeholder stood.
 */
function* jsonPieces(value, space = 0) {
    const expansion = { marker: `\u0000${(0,external_node_crypto_.randomUUID)()}:`, arrays: [] };
    const text = stringify(value, space, expansion);
    if (text !== undefined)
        yield* expand(text, space, expansion);
}
function stringify(value, space, expansion) {
    const outer = expanding;
    expanding = expansion;
    try {
        return JSON.stringify(value, null, space);
    }
    finally {
        expanding = outer;
    }
}
function* expand(text, space, expansion) {
    // The placeholder as it appears in the text: a JSON string, NUL escaped as \u0000.
    const quoted = JSON.stringify(expansion.marker).slice(0, -1);
    let from = 0;
    for (let at = text.indexOf(quoted); at !== -1; at = text.indexOf(quoted, from)) {
        yield text.slice(from, at);
        const end = text.indexOf('"', at + quoted.length);
        const array = expansion.arrays[Number(text.slice(at + quoted.length, end))];
        from = end + 1;
        yield* arrayPieces(array, space, space ? indentOfLine(text, at) : '', expansion);
    }
    yield from === 0 ? text : text.slice(from);
}
/**
 * About how many characters of elements one `JSON.stringify` call makes. One call per element
 * cost several times more (100k findings.json entries, measured alone: 2.3 s of CPU instead of
 * 0.2 s, most of it re-indenting each element); texts much longer than this land in V8's
 * large-object space, whose fresh pages cost more than the stringifying.
 */
const CHARACTERS_PER_CALL = 48 * 1024;
function* arrayPieces(array, space, indent, expansion) {
    let first = true;
    let group = [];
    // Elements per call, adjusted after each call to the size of the elements just written.
    let size = 64;
    const write = function* () {
        yield first ? (space ? '[\n' : '[') : space ? ',\n' : ',';
        first = false;
        const nested = expansion.arrays.length;
        const text = elementsText(group, space, indent, expansion);
        size = Math.min(1024, Math.max(1, Math.round((size * CHARACTERS_PER_CALL) / text.length)));
        group = [];
        if (expansion.arrays.length > nested)
            yield* expand(text, space, expansion);
        else
            yield text;
    };
    for (const item of array.items()) {
        group.push(item);
        if (group.length >= size)
            yield* write();
    }
    if (group.length)
        yield* write();
    yield first ? '[]' : space ? `\n${indent}]` : ']';
}
/**
 * The elements as they stand inside an array whose line is indented by `indent`: each on its own
 * line, indented one level deeper, separated by commas (no brackets). They are stringified inside
 * as many one-element arrays as `indent` has levels, so that `JSON.stringify` indents them where
 * they go, and the wrapping (brackets and whitespace only) is cut off again.
 */
function elementsText(elements, space, indent, expansion) {
    let wrapped = elements;
    let template = [0];
    for (let level = space ? indent.length / space : 0; level > 0; level--) {
        wrapped = [wrapped];
        template = [template];
    }
    // Where the first element's line starts and how much follows the last, in the template's text.
    const shape = JSON.stringify(template, null, space);
    const head = shape.indexOf('0') - (space ? indent.length + space : 0);
    const tail = shape.length - shape.indexOf('0') - 1;
    const text = stringify(wrapped, space, expansion);
    return text.slice(head, text.length - tail);
}
/** The spaces that start the line holding `at`. */
function indentOfLine(text, at) {
    const start = text.lastIndexOf('\n', at) + 1;
    let end = start;
    while (text.charCodeAt(end) === 32)
        end++;
    return text.slice(start, end);
}
/**
 * Writes the pieces as UTF-8 to `sink` in batches of up to `bytes`, one batch at a time and in
 * order. Two buffers are reused: the next batch is filled while the sink works on the previous
 * one, and no batch is a fresh allocation (at 85 MB of reports, fresh megabyte buffers and joined
 * strings cost more in page faults than the text they held).
 */
async function writeUtf8(pieces, sink, bytes = 1 << 20) {
    const buffers = [Buffer.allocUnsafe(bytes), Buffer.allocUnsafe(bytes)];
    const sinking = [Promise.resolve(), Promise.resolve()];
    let current = 0;
    let used = 0;
    const flush = async () => {
        const batch = buffers[current].subarray(0, used);
        const previous = sinking[current ^ 1];
        const done = previous.then(() => sink(batch));
        done.catch(() => { }); // awaited below or in `finally`; not unhandled meanwhile
        sinking[current] = done;
        current ^= 1;
        used = 0;
        await previous;
    };
    try {
        for (const piece of pieces)
            for (const part of parts(piece, Math.floor(bytes / 3))) {
                // A UTF-16 code unit is at most 3 bytes of UTF-8 (a surrogate pair, two units, is 4).
                if (bytes - used < part.length * 3)
                    await flush();
                used += buffers[current].write(part, used);
            }
        if (used > 0)
            await flush();
        await sinking[current ^ 1];
    }
    finally {
        await Promise.allSettled(sinking);
    }
}
/** The text in parts of at most `length` code units, never splitting a surrogate pair. */
function* parts(text, length) {
    if (text.length <= length) {
        yield text;
        return;
    }
    for (let from = 0; from < text.length;) {
        let to = Math.min(text.length, from + length);
        const last = text.charCodeAt(to - 1);
        if (to < text.length && last >= 0xd800 && last <= 0xdbff)
            to--;
        yield text.slice(from, to);
        from = to;
    }
}
/** A JSON file's content: the text of `jsonPieces` and a final newline. */
function jsonFile(value, space = 0) {
    return (sink) => writeUtf8((function* () {
        yield* jsonPieces(value, space);
        yield '\n';
    })(), sink);
}

;// CONCATENATED MODULE: ./src/report/findings-file.ts


/**
 * The machine-readable result (schema: docs/findings.schema.json); also a baseline for later runs.
 * Its findings are written one by one by `jsonPieces` (JSON.stringify gives the same text).
 */
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
        findings: new StreamedArray(() => findings)
    };
}

// EXTERNAL MODULE: ./src/findings/order.ts
var order = __webpack_require__(1310);
// EXTERNAL MODULE: ./src/scanners/gatekeeper/annotations.ts + 1 modules
var annotations = __webpack_require__(828);
// EXTERNAL MODULE: ./src/report/coverage.ts
var coverage = __webpack_require__(3122);
;// CONCATENATED MODULE: ./src/report/evidence-document.ts





function iso(value) {
    return typeof value === 'string' ? value : value.toISOString();
}
/** The evidence document: a pure function of the run's data (`generatedAt` aside). */
function toEvidenceDocument(input) {
    const policyFindings = input.findings.filter((f) => f.scanner === 'policies');
    const policies = [...input.policies]
        .sort((a, b) => (0,order/* byText */.z4)(a.kind, b.kind))
        .map((policy) => {
        const mine = policyFindings
            .filter((f) => f.ruleId === policy.kind)
            .sort((a, b) => (0,order/* byText */.z4)(a.location?.path ?? '', b.location?.path ?? '') ||
            (a.location?.startLine ?? 0) - (b.location?.startLine ?? 0) ||
            (0,order/* byText */.z4)(a.resource, b.resource) ||
            (0,order/* byText */.z4)(a.message, b.message));
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
    for (const framework of annotations/* FRAMEWORK_KEYS */.__) {
        const ids = [...new Set(policies.flatMap((p) => p.compliance[framework]))].sort(order/* naturalOrder */.uz);
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
        .sort((a, b) => (0,order/* byText */.z4)(a.rule, b.rule) || (0,order/* byText */.z4)(a.owner, b.owner) || (a.line ?? 0) - (b.line ?? 0))
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
            open: Object.fromEntries([...severity/* SEVERITIES */.oC].reverse().map((s) => [s, c.bySeverity[s]])),
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
        tools: [...input.tools].sort((a, b) => (0,order/* byText */.z4)(a.name, b.name)),
        policyBundle: input.policyBundle,
        frameworks: annotations/* FRAMEWORKS */.i,
        summary: {
            policies: policies.length,
            policiesPassed: policies.filter((p) => p.status === 'pass').length,
            policiesFailed: policies.filter((p) => p.status === 'fail').length,
            controls: controls.length,
            controlsPassed: controls.filter((c) => c.status === 'pass').length,
            controlsFailed: controls.filter((c) => c.status === 'fail').length
        },
        controls,
        coverage: (0,coverage/* controlCoverage */.yg)(input.policies),
        policies,
        waivers,
        scans
    };
}

// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __webpack_require__(4285);
;// CONCATENATED MODULE: ./src/report/evidence-markdown.ts




const cell = (text) => (0,markdown/* escapeMarkdown */.FV)(text);
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
    for (const framework of annotations/* FRAMEWORK_KEYS */.__) {
        const rows = doc.controls.filter((c) => c.framework === framework);
        if (!rows.length)
            continue;
        lines.push(`### ${annotations/* FRAMEWORKS */.i[framework]}`, '', '| Control | Status | Policies passed | Policies failed | Violations | Waived | Policies |', '| --- | --- | ---: | ---: | ---: | ---: | --- |');
        for (const c of rows)
            lines.push(`| ${cell(c.control)} | ${STATUS[c.status]} | ${c.passed} | ${c.failed} | ${c.violations} | ${c.waived} | ${cell(c.policies.join(', '))} |`);
        lines.push('');
    }
    lines.push(...(0,coverage/* coverageMarkdown */.w6)(doc.coverage));
    lines.push('## Policies', '', '| Policy | Title | Severity | Source | Enforcement | Status | Violations | Waived | CIS | SOC 2 | ISO 27001 | HIPAA |', '| --- | --- | --- | --- | --- | --- | ---: | ---: | --- | --- | --- | --- |');
    for (const p of doc.policies) {
        const enforcement = [...new Set(p.constraints.map((c) => c.enforcementAction))].join(', ');
        lines.push(`| ${cell(p.kind)}${p.version ? ` ${cell(p.version)}` : ''} | ${cell(p.title)} | ${cell(p.severity)} | ${p.source} | ${cell(enforcement)} | ${STATUS[p.status]} | ${p.violations} | ${p.waived} | ${annotations/* FRAMEWORK_KEYS */.__.map((k) => cell(p.compliance[k].join(', ') || '–')).join(' | ')} |`);
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
    const sev = [...severity/* SEVERITIES */.oC].reverse();
    lines.push('## Scans', '', `| Scanner | Target | Tool | Status | ${sev.map((x) => x.toLowerCase()).join(' | ')} | Waived | Notices |`, `| --- | --- | --- | --- | ${sev.map(() => '---:').join(' | ')} | ---: | ---: |`);
    for (const scan of doc.scans)
        lines.push(`| ${cell(scan.scanner)} | ${cell(scan.target)} | ${cell(`${scan.tool.name} ${scan.tool.version}`)} | ${scan.status === 'failed' ? `❌ ${cell(scan.error ?? 'failed')}` : 'completed'} | ${sev.map((x) => scan.open[x] ?? 0).join(' | ')} | ${scan.waived} | ${scan.notices} |`);
    lines.push('');
    return `${lines.join('\n')}\n`;
}

;// CONCATENATED MODULE: ./src/report/evidence.ts


// The evidence document's shape, for the renderers of other formats.


/** The two evidence files: `evidence.json` and `evidence.md`. */
function toEvidence(input) {
    const document = toEvidenceDocument(input);
    return {
        document,
        json: `${JSON.stringify(document, null, 2)}\n`,
        markdown: evidenceMarkdown(document)
    };
}

// EXTERNAL MODULE: ./src/report/evidence-html.ts
var evidence_html = __webpack_require__(7231);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./src/util/posix-path.ts
var posix_path = __webpack_require__(9055);
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
/** Opens (truncates) a file that `prepareOutputFile` made safe; fails (ELOOP) should it be a link again. */
function openOutputFile(file) {
    return (0,promises_.open)(file, external_node_fs_.constants.O_WRONLY | external_node_fs_.constants.O_CREAT | external_node_fs_.constants.O_TRUNC | external_node_fs_.constants.O_NOFOLLOW, 0o644);
}
/**
 * Writes a file that `prepareOutputFile` made safe: a text, or a large one batch by batch
 * (`LargeText`), so that it never has to be one string.
 */
async function writeOutputFile(file, content) {
    const handle = await openOutputFile(file);
    try {
        if (typeof content === 'function')
            await content((batch) => handle.writeFile(batch));
        else
            await handle.writeFile(content);
    }
    finally {
        await handle.close();
    }
}
const LISTED_FOREIGN_ENTRIES = 5;
/**
 * What the checkout already holds in the output directory besides our report files. The artifact
 * upload publishes the whole directory, so a committed `evidence/report.html` or an extra SARIF
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
        for (const entry of entries.sort((a, b) => (0,order/* byText */.z4)(a.name, b.name))) {
            const full = external_node_path_default().join(dir, entry.name);
            if (ours.has(full))
                continue;
            if (entry.isDirectory() && ourDirs.has(full))
                await walk(full);
            else
                foreign.push((0,posix_path/* relativePosix */.Y)(workspace, full));
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

// EXTERNAL MODULE: ./src/scanners/registry.ts + 3 modules
var registry = __webpack_require__(8168);
;// CONCATENATED MODULE: ./src/report/line-hash.ts
// GitHub's primaryLocationLineHash, as github/codeql-action computes it (src/fingerprints.ts),
// with its test vectors in test/report/line-hash.test.ts.


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
function hashHex(hi, lo) {
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
    return [...hashedLines(text, () => true).values()];
}
/**
 * The `primaryLocationLineHash` of the lines `wants` chooses (1-based), in line order. Every
 * line is hashed (the `:n` counts the lines before with the same value), but only the chosen
 * ones are written as text: a finding points at a few lines of a file of thousands.
 */
function hashedLines(text, wants) {
    const { his, los } = rollingHashes(text);
    // The values of the chosen lines, by their low half, and how often each has occurred so far.
    const counts = new Map();
    for (let i = 0; i < los.length; i++) {
        if (!wants(i + 1))
            continue;
        const group = counts.get(los[i]) ?? [];
        if (!group.some((value) => value.hi === his[i]))
            group.push({ hi: his[i], seen: 0 });
        counts.set(los[i], group);
    }
    const hashes = new Map();
    for (let i = 0; i < los.length; i++) {
        const value = counts.get(los[i])?.find((candidate) => candidate.hi === his[i]);
        if (!value)
            continue;
        value.seen++;
        if (wants(i + 1))
            hashes.set(i + 1, `${hashHex(his[i], los[i])}:${value.seen}`);
    }
    return hashes;
}
/** The rolling hash of every line (index 0 = line 1), as its high and low 32 bits. */
function rollingHashes(text) {
    const TAB = 9;
    const LF = 10;
    const CR = 13;
    const SPACE = 32;
    const window = new Uint16Array(LINE_HASH_BLOCK);
    const lineStarting = new Int32Array(LINE_HASH_BLOCK).fill(-1);
    const his = [];
    const los = [];
    const hash = { hi: 0, lo: 0 };
    let at = 0;
    let lines = 0;
    let startOfLine = true;
    let afterCr = false;
    const emit = () => {
        his[lineStarting[at] - 1] = hash.hi;
        los[lineStarting[at] - 1] = hash.lo;
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
    return { his, los };
}
/**
 * The `primaryLocationLineHash` of the `wanted` lines (by result URI) of files under `workspace`,
 * exactly as github/codeql-action's upload computes them (it reads the file; URIs of missing
 * files, directories or anything outside the workspace get none). Each file is read once, and
 * only the wanted lines' hashes are kept, so the SARIF can be written result by result.
 */
async function lineHashIndex(workspace, wanted) {
    const root = external_node_path_default().resolve(workspace);
    const index = new Map();
    for (const [uri, lines] of wanted) {
        const file = workspaceFile(root, uri);
        if (!file)
            continue;
        const info = await (0,promises_.stat)(file).catch(() => undefined);
        if (!info?.isFile())
            continue;
        index.set(uri, hashedLines(await (0,promises_.readFile)(file, 'utf8'), (line) => lines.has(line)));
    }
    return index;
}
/** Notes that a result points at `line` of `uri` (what `lineHashIndex` takes). */
function wantLine(wanted, uri, line) {
    const lines = wanted.get(uri);
    if (lines)
        lines.add(line);
    else
        wanted.set(uri, new Set([line]));
}
/**
 * Adds `partialFingerprints.primaryLocationLineHash` to every result of a log held whole (see
 * `lineHashIndex`). Mutates and returns the log.
 */
async function addLineHashes(log, workspace) {
    const wanted = new Map();
    const primary = (result) => result.locations[0]?.physicalLocation;
    for (const run of log.runs)
        for (const result of run.results) {
            const physical = primary(result);
            if (physical?.region?.startLine)
                wantLine(wanted, physical.artifactLocation.uri, physical.region.startLine);
        }
    const index = await lineHashIndex(workspace, wanted);
    for (const run of log.runs)
        for (const result of run.results) {
            const physical = primary(result);
            const value = physical?.region && index.get(physical.artifactLocation.uri)?.get(physical.region.startLine);
            if (value)
                result.partialFingerprints.primaryLocationLineHash = value;
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

;// CONCATENATED MODULE: ./src/report/level.ts

/** Policy findings follow the constraint's enforcement action; the rest follow severity. */
function levelOf(finding) {
    if (finding.enforcementAction === 'dryrun')
        return 'note';
    if (finding.enforcementAction === 'warn')
        return 'warning';
    if (finding.enforcementAction === 'deny')
        return 'error';
    const rank = (0,severity/* severityRank */.qs)(finding.severity);
    return rank >= (0,severity/* severityRank */.qs)('HIGH')
        ? 'error'
        : rank >= (0,severity/* severityRank */.qs)('MEDIUM')
            ? 'warning'
            : 'note';
}

;// CONCATENATED MODULE: ./src/report/sarif-types.ts
/** GitHub code scanning limits (docs: "SARIF support for code scanning", upload limits). */
const GITHUB_LIMITS = {
    runsPerFile: 20,
    resultsPerRun: 25_000,
    rulesPerRun: 25_000,
    tagsPerRule: 20,
    gzipBytes: 10 * 1024 * 1024
};
/** What every log starts with. */
const sarif_types_SARIF_HEADER = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0'
};

;// CONCATENATED MODULE: ./src/report/sarif-rules.ts





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
    return readableName(finding.title, finding.ruleId);
}
function readableName(title, id) {
    const name = pascal(title) || pascal(id) || 'Rule';
    return name === id ? `${name}Check` : name;
}
const md = (text) => (0,markdown/* escapeMarkdown */.FV)(text, { multiline: true });
/** The rule of a finding's rule id, described by its most severe finding (`severity`). */
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
    return (0,registry/* scannerNamed */.O3)(finding.scanner)?.sarifTags ?? [];
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
/** Where a finding's result points: its own location, else the fallback, else its target. */
function resultLocation(finding, fallbackLocation) {
    return finding.location ?? fallbackLocation?.(finding) ?? targetLocation(finding);
}
/** A path's URI; `uris` caches each path's encoding (many results share a file). */
function encodedUri(location, uris) {
    let uri = uris.get(location.path);
    if (uri === undefined) {
        uri = encodeUriPath(location.path);
        uris.set(location.path, uri);
    }
    return uri;
}
/** One result, with GitHub's line hash of its start line when `lineHashes` has it. */
function sarifResult(finding, ruleIndex, fallbackLocation, uris, lineHashes) {
    const location = resultLocation(finding, fallbackLocation);
    const uri = encodedUri(location, uris);
    const region = {
        startLine: Math.max(1, location.startLine),
        ...(location.startColumn && location.startColumn > 0
            ? { startColumn: location.startColumn }
            : {}),
        ...(location.endLine && location.endLine >= location.startLine
            ? { endLine: location.endLine }
            : {})
    };
    const lineHash = lineHashes?.get(uri)?.get(region.startLine);
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
        ...(finding.alsoReportedBy?.some((other) => other.location)
            ? { relatedLocations: alsoReportedLocations(finding.alsoReportedBy, uris) }
            : {}),
        partialFingerprints: {
            'hardeningFinding/v1': finding.fingerprint,
            ...(lineHash ? { primaryLocationLineHash: lineHash } : {})
        },
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
            ...(finding.isNew !== undefined ? { isNew: finding.isNew } : {}),
            ...(finding.alsoReportedBy
                ? { alsoReportedBy: finding.alsoReportedBy.map((other) => other.ruleId) }
                : {})
        }
    };
}
/** Where the other scanner reported the same problem (folded findings, src/findings/equivalents.ts). */
function alsoReportedLocations(others, uris) {
    return others.flatMap((other, index) => {
        if (!other.location)
            return [];
        const uri = encodedUri(other.location, uris);
        return [
            {
                id: index + 1,
                message: { text: `Also reported by ${alsoReportedName(other)}: ${other.title}` },
                physicalLocation: {
                    artifactLocation: { uri, uriBaseId: '%SRCROOT%' },
                    region: { startLine: Math.max(1, other.location.startLine) }
                }
            }
        ];
    });
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
/**
 * The rules of the checks folded into a run's findings (src/findings/equivalents.ts), in SARIF's
 * terms: each scanner that also reported them becomes a tool extension of the run that only
 * describes those rules (the results stay ours), and each of our rules gets `relationships` to
 * them (SARIF 2.1.0 §3.49.15). The kind is `relevant`: the same problem, without claiming that
 * either check finds exactly what the other does.
 */
function relateAlsoReported(tool, findings) {
    const extensions = [];
    const related = new Map();
    for (const finding of findings) {
        for (const other of finding.alsoReportedBy ?? []) {
            const name = (0,registry/* scannerNamed */.O3)(other.scanner)?.sarifTool ?? other.scanner;
            let index = extensions.findIndex((extension) => extension.name === name);
            if (index < 0)
                index = extensions.push({ name, rules: [] }) - 1;
            const rules = extensions[index].rules;
            let ruleIndex = rules.findIndex((rule) => rule.id === other.ruleId);
            if (ruleIndex < 0)
                ruleIndex =
                    rules.push({
                        id: other.ruleId,
                        name: readableName(other.title, other.ruleId),
                        shortDescription: { text: other.title },
                        fullDescription: { text: other.title },
                        // GitHub requires help on every rule (multitool GH2012).
                        help: {
                            text: `${alsoReportedName(other)}: ${other.title}. Where it reports the problem a rule of ${tool.driver.name} reports, it is recorded on that finding (alsoReportedBy) instead of reported twice.`
                        }
                    }) - 1;
            const relationships = related.get(finding.ruleId) ?? [];
            if (!relationships.some((r) => r.target.id === other.ruleId && r.target.toolComponent.index === index))
                relationships.push({
                    target: { id: other.ruleId, index: ruleIndex, toolComponent: { name, index } },
                    kinds: ['relevant'],
                    description: {
                        text: `${alsoReportedName(other)} (${other.title}) reports the same problem; its findings are folded into this rule's.`
                    }
                });
            related.set(finding.ruleId, relationships);
        }
    }
    if (extensions.length === 0)
        return;
    tool.extensions = extensions;
    for (const rule of tool.driver.rules) {
        const relationships = related.get(rule.id);
        if (relationships)
            rule.relationships = relationships;
    }
}

// EXTERNAL MODULE: external "node:events"
var external_node_events_ = __webpack_require__(8474);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
;// CONCATENATED MODULE: ./src/report/sarif-serialize.ts
// The SARIF text, within GitHub's 10 MB (gzip) upload limit, written and compressed result by
// result: at 100k results the text is over 40 MB, and neither it nor the result objects are ever
// held whole.






/**
 * Level 3 instead of zlib's default 6: on 100k results (42 MB of JSON) it took 150 ms instead of
 * 410 ms for a file 9 % larger (4.5 MB instead of 4.15 MB), far inside GitHub's 10 MB.
 */
const GZIP_LEVEL = 3;
/** The log the runs make, with each run's results made from its findings as they are written. */
function sarifLog(runs, lineHashes) {
    return {
        ...sarif_types_SARIF_HEADER,
        runs: runs.map(({ run, findings, result }) => ({
            ...run,
            results: new StreamedArray(function* () {
                for (const finding of findings)
                    yield result(finding, lineHashes);
            })
        }))
    };
}
/**
 * Writes the log to `file` (compact JSON and a newline; none given: only compresses it) and
 * returns its gzip. When the gzip exceeds GitHub's 10 MB, removes the least severe results of the
 * largest run (a quarter at a time) and writes it again until it fits, with a warning.
 */
async function serializeSarif(runs, { lineHashes, file, maxGzipBytes = GITHUB_LIMITS.gzipBytes } = {}) {
    const warnings = [];
    let current = runs;
    let gzip = await write(sarifLog(current, lineHashes), file);
    while (gzip.length > maxGzipBytes) {
        const largest = [...current].sort((a, b) => b.findings.length - a.findings.length)[0];
        if (!largest || largest.findings.length === 0) {
            warnings.push(`The SARIF is ${gzip.length} bytes gzipped even without results; GitHub accepts at most ${maxGzipBytes}.`);
            break;
        }
        const kept = mostSevere(largest.findings, Math.floor((largest.findings.length * 3) / 4));
        current = current.map((planned) => planned === largest ? { ...planned, findings: kept } : planned);
        gzip = await write(sarifLog(current, lineHashes), file);
    }
    current.forEach((planned, index) => {
        const before = runs[index].findings.length;
        if (planned.findings.length < before)
            warnings.push(`GitHub accepts at most ${maxGzipBytes} bytes of gzipped SARIF; the ${planned.run.automationDetails.id} run keeps the ${planned.findings.length} most severe of ${before} results (all stay in findings.json).`);
    });
    return { gzip, warnings };
}
/** The `keep` most severe findings (unsuppressed before suppressed), in their original order. */
function mostSevere(findings, keep) {
    return findings
        .map((finding, index) => ({ finding, index, rank: (0,severity/* severityRank */.qs)(finding.severity) }))
        .sort((a, b) => b.rank - a.rank ||
        Number(Boolean(a.finding.suppression)) - Number(Boolean(b.finding.suppression)) ||
        a.index - b.index)
        .slice(0, keep)
        .sort((a, b) => a.index - b.index)
        .map((entry) => entry.finding);
}
/** Writes the JSON in batches to the file and through gzip at once; returns the gzip. */
async function write(log, file) {
    const handle = file ? await openOutputFile(file) : undefined;
    const gzip = (0,external_node_zlib_.createGzip)({ level: GZIP_LEVEL });
    const compressed = [];
    gzip.on('data', (part) => compressed.push(part));
    const ended = (0,external_node_events_.once)(gzip, 'end');
    ended.catch(() => { }); // awaited once all is written; a failed write destroys gzip first
    // zlib calls back once it has read the whole batch: then the batch's buffer can be reused.
    const compress = (batch) => new Promise((resolve, reject) => gzip.write(batch, (error) => (error ? reject(error) : resolve())));
    try {
        await writeUtf8(jsonPieces(log), (batch) => Promise.all([handle?.writeFile(batch), compress(batch)]));
        gzip.end();
        await ended;
        await handle?.writeFile('\n');
    }
    finally {
        gzip.destroy();
        await handle?.close();
    }
    return Buffer.concat(compressed);
}

;// CONCATENATED MODULE: ./src/report/sarif.ts
// The SARIF stage: one run per outcome, named after its scanner's registration, within GitHub's
// limits; rules and results are rendered in sarif-rules.ts.










/** The action's home page (SARIF `informationUri`, the dependency snapshot's detector URL). */
const INFORMATION_URI = 'https://github.com/org/hardening-action';
/** A URL-safe, stable slug for the run category of a target. */
function slug(value) {
    return value.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'default';
}
/** `automationDetails.id` of an outcome: `hardening-action/[<reportId>/]<scanner>/<target>/`. */
function categoryOf(outcome, reportId) {
    return `hardening-action/${reportId ? `${slug(reportId)}/` : ''}${outcome.scanner}/${slug(outcome.target)}/`;
}
/**
 * The `limit` most severe findings: most severe first, unsuppressed before suppressed, then in a
 * stable order by fingerprint. A run can have 100k findings: they are grouped by that rank first,
 * and only the groups that are kept get sorted.
 */
function mostSevereForLimit(findings, limit) {
    const byRank = [];
    for (const finding of findings)
        (byRank[(0,severity/* severityRank */.qs)(finding.severity) * 2 + (finding.suppression ? 0 : 1)] ??= []).push(finding);
    const kept = [];
    for (let rank = byRank.length - 1; rank >= 0 && kept.length < limit; rank--) {
        const group = byRank[rank]?.sort((a, b) => (0,order/* byText */.z4)(a.fingerprint, b.fingerprint)) ?? [];
        for (const finding of group.slice(0, limit - kept.length))
            kept.push(finding);
    }
    return kept;
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
    return {
        ...SARIF_HEADER,
        runs: planRuns(outcomes, actionVersion, options).map(({ run, findings, result }) => ({
            ...run,
            results: findings.map((finding) => result(finding))
        }))
    };
}
/** The runs of `toSarif`, each with its results still to be made (see `PlannedRun`). */
function planRuns(outcomes, actionVersion, options) {
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
        const worst = (o) => Math.max(-1, ...o.findings.filter((f) => !f.suppression).map((f) => (0,severity/* severityRank */.qs)(f.severity)));
        const ranked = runs
            .map((run, index) => ({ run, index }))
            .sort((a, b) => worst(b.run.outcome) - worst(a.run.outcome) || a.index - b.index);
        const kept = new Set(ranked.slice(0, GITHUB_LIMITS.runsPerFile).map((r) => r.index));
        const dropped = runs.filter((_, index) => !kept.has(index));
        warn(`GitHub accepts at most ${GITHUB_LIMITS.runsPerFile} SARIF runs per file; ${dropped.length} run(s) left out of the SARIF (they stay in findings.json): ${dropped.map((r) => r.category).join(', ')}`);
        runs = runs.filter((_, index) => kept.has(index));
    }
    return runs.map(({ outcome, category }) => planRun(outcome, category, actionVersion, options, warn));
}
function planRun(outcome, category, actionVersion, options, warn) {
    let findings = outcome.findings;
    if (findings.length > GITHUB_LIMITS.resultsPerRun) {
        findings = mostSevereForLimit(findings, GITHUB_LIMITS.resultsPerRun);
        warn(`GitHub accepts at most ${GITHUB_LIMITS.resultsPerRun} results per SARIF run; the ${category} run keeps the ${findings.length} most severe of ${outcome.findings.length} findings (all of them stay in findings.json).`);
    }
    const rules = new Map();
    for (const finding of findings) {
        const known = rules.get(finding.ruleId);
        if (!known)
            rules.set(finding.ruleId, { index: rules.size, finding, severity: finding.severity });
        else if ((0,severity/* severityRank */.qs)(finding.severity) > (0,severity/* severityRank */.qs)(known.severity)) {
            known.severity = finding.severity;
            known.finding = finding;
        }
    }
    const version = outcome.tool.version || actionVersion;
    // Many results share a file: each path is encoded once.
    const uris = new Map();
    const run = {
        tool: {
            driver: {
                name: (0,registry/* scannerNamed */.O3)(outcome.scanner)?.sarifTool ?? outcome.scanner,
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
            : {})
    };
    relateAlsoReported(run.tool, findings);
    return {
        run,
        findings,
        result: (finding, lineHashes) => sarifResult(finding, rules.get(finding.ruleId)?.index ?? 0, options.fallbackLocation, uris, lineHashes)
    };
}
/** The workspace as a `file://` URI ending in `/`: SARIF's %SRCROOT% and the upload's `checkout_uri`. */
function checkoutUri(dir) {
    let posix = (0,posix_path/* toPosix */.d)(external_node_path_default().resolve(dir));
    if (!posix.startsWith('/'))
        posix = `/${posix}`;
    if (!posix.endsWith('/'))
        posix = `${posix}/`;
    return `file://${encodeURI(posix)}`;
}
/**
 * The whole SARIF stage: the log (with limits applied), GitHub's line hashes from the workspace
 * files, written to `file` (when given) and gzipped within the 10 MB limit, result by result.
 * Warnings go to `options.warn`.
 */
async function buildSarif(outcomes, actionVersion, options) {
    const warnings = [];
    const warn = (message) => {
        warnings.push(message);
        options.warn?.(message);
    };
    const runs = planRuns(outcomes, actionVersion, { ...options, warn });
    // The files are read for their line hashes before any result is made.
    const wanted = new Map();
    const uris = new Map();
    for (const { findings } of runs)
        for (const finding of findings) {
            const location = resultLocation(finding, options.fallbackLocation);
            wantLine(wanted, encodedUri(location, uris), Math.max(1, location.startLine));
        }
    const serialized = await serializeSarif(runs, {
        lineHashes: await lineHashIndex(options.workspace, wanted),
        file: options.file,
        ...(options.maxGzipBytes ? { maxGzipBytes: options.maxGzipBytes } : {})
    });
    for (const message of serialized.warnings)
        options.warn?.(message);
    return { ...serialized, warnings: [...warnings, ...serialized.warnings] };
}

;// CONCATENATED MODULE: ./src/report/sbom.ts
// The SBOM files of `sbom: true`: one CycloneDX document per scanned image and one for the
// repository, under `<output-dir>/sbom/`. Image references come from the inputs and tarball
// names from the checkout, so a file name is derived from the reference, never taken from it.


const SLUG_LENGTH = 60;
/**
 * The file name of a target's SBOM: `repository.cdx.json` for the repository; for an image, a
 * readable slug of its reference plus a hash of the whole reference, so that no two references
 * share a file (`a/b:c` and `a_b:c`) and none can name a path (`..`, `/`, `\`).
 */
function sbomFileName(scanner, target) {
    if (scanner === 'repository')
        return 'repository.cdx.json';
    const slug = target
        .replace(/[^A-Za-z0-9._-]+/g, '_')
        .replace(/^[._-]+/, '')
        .slice(0, SLUG_LENGTH);
    const hash = (0,external_node_crypto_.createHash)('sha256').update(target).digest('hex').slice(0, 12);
    return `${slug ? `${slug}-` : ''}${hash}.cdx.json`;
}
/** The SBOM files of the outcomes that carry one, in outcome order. */
function sbomOutputs(outcomes, outputDir) {
    return outcomes.flatMap(({ scanner, target, sbom }) => sbom === undefined
        ? []
        : [
            {
                target,
                file: external_node_path_default().join(outputDir, 'sbom', sbomFileName(scanner, target)),
                content: sbom
            }
        ]);
}

;// CONCATENATED MODULE: ./src/report/summary.ts




const TOP_FINDINGS = 20;
const summary_cell = (text) => (0,markdown/* escapeMarkdown */.FV)(text, { max: 500 });
/** What a `scan-changed-only` run left out, for the summary and the PR comment. */
function scopeSentence(scope) {
    const files = (n) => `${n} manifest file${n === 1 ? '' : 's'}`;
    return `Changed files only (\`scan-changed-only\`): ${files(scope.checked)} changed by this pull request checked; ${files(scope.notChecked)} not changed, not checked.`;
}
/** The job summary: verdict, counts, what was skipped, and the most severe findings. */
function toSummaryMarkdown(outcomes, findings, decision, scope) {
    const counts = countFindings(findings);
    const lines = [];
    lines.push(`## hardening-action: ${decision.failed ? '❌ failed' : '✅ passed'}`, '');
    for (const reason of decision.reasons)
        lines.push(`- ${summary_cell(reason)}`);
    if (decision.reasons.length)
        lines.push('');
    if (scope)
        lines.push(scopeSentence(scope), '');
    const severities = [...severity/* SEVERITIES */.oC].reverse();
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
    const top = (0,order/* mostSevere */.ux)(findings.filter((f) => !f.suppression), TOP_FINDINGS);
    if (top.length) {
        lines.push(`### Top findings`, '', '| Severity | Rule | Where | Message |', '| --- | --- | --- | --- |');
        for (const f of top) {
            const where = f.location ? `${f.location.path}:${f.location.startLine}` : f.target;
            lines.push(`| ${f.severity} | ${summary_cell(f.ruleId)} | ${summary_cell(where)} | ${summary_cell(f.message)} |`);
        }
    }
    return `${lines.join('\n')}\n`;
}

// EXTERNAL MODULE: ./src/util/run-tool.ts
var run_tool = __webpack_require__(100);
// EXTERNAL MODULE: ./src/manifests/load.ts + 1 modules
var load = __webpack_require__(906);
// EXTERNAL MODULE: ./src/manifests/parse.ts
var parse = __webpack_require__(3077);
// EXTERNAL MODULE: ./src/manifests/render.ts
var render = __webpack_require__(5276);
;// CONCATENATED MODULE: ./src/manifests/changed.ts







// `scan-changed-only`: which files a pull request changes, and which manifest findings that puts
// in scope. Every manifest is still loaded and evaluated, so referential policies see the whole
// repository as inventory; only the findings in unchanged files are left out of the reports.
const COMMIT = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/i;
/**
 * The files changed between the pull request's base and head commits (`git diff base...head`,
 * as GitHub compares them), or undefined when the checkout lacks either commit (a shallow clone)
 * or git fails. Renamed files count under their new name; deleted files are left out. File
 * names come NUL-separated (`-z`): a name may hold newlines, quotes or any Unicode.
 */
async function changedFilesFromGit(workspace, baseSha, headSha, timeoutMs) {
    if (!COMMIT.test(baseSha) || !COMMIT.test(headSha))
        return undefined;
    try {
        const { stdout } = await runTool('git', [
            '-C',
            workspace,
            'diff',
            '--name-only',
            '-z',
            '--no-renames',
            '--diff-filter=d',
            '--no-ext-diff',
            '--no-textconv',
            `${baseSha}...${headSha}`,
            '--'
        ], { timeoutMs });
        return stdout.split('\0').filter((name) => name.length > 0);
    }
    catch {
        return undefined;
    }
}
/** The changed files of GitHub's list: renamed files under their new name, removed ones left out. */
function changedFilesFromPullFiles(files) {
    return files.filter((file) => file.status !== 'removed').map((file) => file.filename);
}
/**
 * Decides, for each repo-relative file, whether its findings are in scope: a changed file, or
 * any file of a kustomization or Helm chart directory that holds or reads a changed file, since
 * rendering puts an overlay's patch or a values file's change onto the objects of other files.
 */
async function changedScope(config, changed) {
    const { workspace } = config;
    const { files } = await (0,load/* collectFiles */.C0)(workspace, config.manifests, (name) => /\.(ya?ml|json)$/i.test(name) || render/* KUSTOMIZATION_FILES */.Ct.has(name));
    const relative = files.map((file) => (0,posix_path/* relativePosix */.Y)(workspace, file));
    const inScopeFiles = new Set(relative.filter((file) => changed.has(file)));
    for (const file of files) {
        const name = external_node_path_default().basename(file);
        const isKustomization = render/* KUSTOMIZATION_FILES */.Ct.has(name);
        if (!isKustomization && name !== render/* HELM_CHART_FILE */.xK)
            continue;
        const dir = external_node_path_default().dirname(file);
        const prefix = `${(0,posix_path/* relativePosix */.Y)(workspace, dir)}/`.replace(/^\//, '');
        // Files elsewhere that its rendering reads: a kustomization's bases, patches and generator
        // inputs; a chart's values files (`helm-values`).
        const reads = isKustomization
            ? (await (0,render/* kustomizationInputs */.Zr)(dir).catch(() => undefined))?.reads
            : config.helmValues?.[dir]?.flat();
        const members = [
            ...relative.filter((member) => member.startsWith(prefix)),
            ...[...(reads ?? [])].map((read) => (0,posix_path/* relativePosix */.Y)(workspace, read))
        ];
        if (members.some((member) => changed.has(member)))
            for (const member of members)
                inScopeFiles.add(member);
    }
    const scope = { checked: 0, notChecked: 0 };
    for (const [index, file] of files.entries()) {
        const text = await (0,promises_.readFile)(file, 'utf8').catch(() => '');
        if (!(0,parse/* looksLikeManifest */.BG)(text))
            continue;
        if (inScopeFiles.has(relative[index]))
            scope.checked++;
        else
            scope.notChecked++;
    }
    return { inScope: (file) => inScopeFiles.has(file), scope };
}
/**
 * The outcomes with the manifest findings of unchanged files left out. A finding without a file
 * stays (nothing says it is out of scope), and so does everything else of an outcome: its
 * notices, errors and gate failures (a manifest we could not read still fails the gate).
 */
function keepChangedFindings(outcomes, inScope) {
    return outcomes.map((outcome) => outcome.target === 'manifests'
        ? {
            ...outcome,
            findings: outcome.findings.filter((finding) => !finding.location || inScope(finding.location.path))
        }
        : outcome);
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

// EXTERNAL MODULE: ./src/util/temp.ts
var temp = __webpack_require__(4868);
// EXTERNAL MODULE: ./src/scanners/policies.ts + 6 modules
var policies = __webpack_require__(3891);
// EXTERNAL MODULE: ./src/tools/setup.ts + 5 modules
var setup = __webpack_require__(8732);
;// CONCATENATED MODULE: ./src/pipeline.ts




















/** inputs → install → scan (in parallel) → findings → waivers/baseline → reports → gate. */
async function runPipeline(config, env) {
    // The user's files are read first: a broken waiver or baseline file fails before any scan.
    const waivers = await (0,findings_waivers/* loadWaivers */.Q2)(config.waiversFile);
    const waiversFile = external_node_path_default().relative(config.workspace, config.waiversFile);
    const baseline = config.baselineFile ? await loadBaseline(config.baselineFile) : undefined;
    const lap = stopwatch();
    env.progress?.stage('install tools');
    const scanners = activeScanners(config);
    const installs = (0,setup/* startInstalls */.RZ)(config, {
        tools: [...new Set(scanners.flatMap((scanner) => scanner.tools))],
        vulnerabilityDb: scanners.some((scanner) => scanner.needsVulnerabilityDb?.(config))
    }, env.log);
    // The scan stage begins when the first scanner's tools are ready (the policy scan does not
    // wait for Trivy's verification); the other tools' verification overlaps it.
    let install;
    const scanStarts = () => {
        if (install !== undefined)
            return;
        install = lap();
        env.progress?.stage('scan');
    };
    // Work files (policy sets, reviews, Trivy reports) live outside the checkout, so nothing in
    // it can be loaded as one of them, and are gone after the scans.
    const workRoot = await (0,temp/* privateTempDir */.n)('hardening-work-');
    const outcomes = await scan(config, scanners, installs, { ...env, scanStarts }, workRoot).finally(() => (0,promises_.rm)(workRoot, { recursive: true, force: true }));
    scanStarts();
    const scanned = lap();
    const installed = await installs.all;
    env.progress?.stage('reports');
    // scan-changed-only: every manifest was evaluated; the findings of unchanged files go no further.
    const changed = config.changedFiles && (await changedScope(config, config.changedFiles));
    const result = await reportFindings(changed ? keepChangedFindings(outcomes, changed.inScope) : outcomes, {
        config,
        env,
        tools: Object.values(installed.tools),
        waivers,
        waiversFile,
        baseline,
        ...(changed ? { scope: changed.scope } : {})
    });
    return { ...result, timings: { install: install, scan: scanned, ...result.timings } };
}
/**
 * findings → waivers/baseline → gate → reports: everything after the scans, written to the
 * output directory. Separate from `runPipeline` so it can be measured and tested on its own.
 */
async function reportFindings(scanned, { config, env, tools, waivers, waiversFile, baseline, scope }) {
    const lap = stopwatch();
    // One problem, one finding: a Trivy check that reports what one of our policies reported on
    // the same object is folded into ours (src/findings/equivalents.ts), before waivers and baseline.
    const outcomes = foldOutcomes(scanned);
    const waived = (0,findings_waivers/* applyWaivers */.Kw)(outcomes.flatMap((outcome) => outcome.findings), waivers, waiversFile);
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
        evidenceMarkdown: external_node_path_default().join(config.outputDir, 'evidence', 'evidence.md'),
        evidenceHtml: external_node_path_default().join(config.outputDir, 'evidence', 'index.html')
    };
    const sboms = sbomOutputs(outcomes, config.outputDir);
    const outputFiles = [...Object.values(files), ...sboms.map((sbom) => sbom.file)];
    // Prepared before the verdict: a link planted where a report goes is removed and fails the
    // gate, and the reports say so; a file that cannot be written leaves the others written.
    const prepared = new Map();
    for (const file of outputFiles)
        prepared.set(file, await prepareOutputFile(config.workspace, file));
    const foreign = await foreignOutputProblem(config.workspace, config.outputDir, outputFiles);
    const outputProblems = [
        ...[...prepared.values()].flatMap((p) => (p.problem ? [p.problem] : [])),
        ...(foreign ? [foreign] : [])
    ];
    const decision = decide(findings, {
        failOnSeverity: config.failOnSeverity,
        failOnSeverityByScanner: config.failOnSeverityByScanner,
        ...(config.failOnSeverityByPath ? { failOnSeverityByPath: config.failOnSeverityByPath } : {}),
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
    const summary = toSummaryMarkdown(reportedOutcomes, findings, decision, scope);
    timings.summary = lap();
    const sarif = await buildSarif(reportedOutcomes, env.actionVersion, {
        workspace: config.workspace,
        warn: env.log.warning,
        ...(env.reportId ? { reportId: env.reportId } : {}),
        ...(env.fallbackLocation ? { fallbackLocation: env.fallbackLocation } : {}),
        ...(prepared.get(files.sarif).writable ? { file: files.sarif } : {})
    });
    timings.sarif = lap();
    const policyOutcome = reportedOutcomes.find(policies/* isPolicyScanOutcome */.i);
    const evidence = toEvidence({
        generatedAt: new Date(),
        repository: env.run?.repository ?? external_node_path_default().basename(config.workspace),
        commit: env.run?.commit ?? 'unknown',
        ...(env.run?.ref ? { ref: env.run.ref } : {}),
        ...(env.run?.runUrl ? { runUrl: env.run.runUrl } : {}),
        actionVersion: env.actionVersion,
        tools,
        policyBundle: {
            name: policyOutcome?.policyBundles?.join(', ') ?? config.policyBundle,
            ...(policyOutcome?.policyBundleDigest ? { digest: policyOutcome.policyBundleDigest } : {})
        },
        policies: policyOutcome?.policies ?? [],
        outcomes: reportedOutcomes,
        findings,
        decision,
        waivers,
        waiversFile
    });
    const evidencePage = (0,evidence_html/* evidenceHtml */.R8)(evidence.document, env.run?.repositoryUrl ? { repositoryUrl: env.run.repositoryUrl } : {});
    timings.evidence = lap();
    const findingsDocument = toFindingsDocument(reportedOutcomes, findings, decision);
    // results.sarif is written by the SARIF stage; findings.json in batches, never as one string.
    const contents = [
        [files.findings, jsonFile(findingsDocument, 2)],
        [files.summary, summary],
        [files.evidenceJson, evidence.json],
        [files.evidenceMarkdown, evidence.markdown],
        [files.evidenceHtml, evidencePage],
        ...sboms.map((sbom) => [sbom.file, sbom.content])
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
        sboms: sboms.filter((sbom) => prepared.get(sbom.file).writable),
        summary,
        sarifGzip: sarif.gzip,
        ...(scope ? { scope } : {}),
        timings
    };
}
/** The selected scanners that have something to scan, in the order selected. */
function activeScanners(config) {
    return config.scanners
        .map((name) => {
        const scanner = (0,registry/* scannerNamed */.O3)(name);
        if (!scanner)
            throw new Error(`No scanner is registered as '${name}'.`);
        return scanner;
    })
        .filter((scanner) => scanner.enabled?.(config) ?? true);
}
/**
 * Runs every scanner concurrently, each once its own tools are ready; one that fails becomes an
 * outcome with an error, never a lost run. A tool that cannot be installed still fails the whole
 * run (nothing is reported), once the scanners already running have finished.
 */
async function scan(config, scanners, installs, env, workRoot) {
    const settled = await Promise.allSettled(scanners.map(async (scanner) => {
        const { tools, dbProblem } = await installs.ready(scanner.tools);
        env.scanStarts();
        const context = {
            config,
            tools,
            dbProblem,
            workDir: external_node_path_default().join(workRoot, scanner.name),
            actionRoot: env.actionRoot,
            log: env.log,
            timeoutMs: config.scanTimeoutMs,
            ...(env.progress ? { progress: env.progress } : {})
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
                    target: scanner.failureTarget,
                    findings: [],
                    notices: [],
                    tool: { name: scanner.tools[0] ?? scanner.name, version: '' },
                    error: message
                }
            ];
        }
    }));
    const failed = settled.find((result) => result.status === 'rejected');
    if (failed)
        throw failed.reason;
    return settled.flatMap((result) => (result.status === 'fulfilled' ? result.value : []));
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
  --helm-values CHART=FILES    a Helm chart's values files, e.g. charts/web=values-prod.yaml
                               (relative to the chart, comma-separated); repeat a chart to
                               check it once per values set
  --kustomize-remote           let kustomize fetch remote bases a kustomization names (refused
                               by default: the gate fails)
  --scanners LIST              which scanners run (default ${config_inputs/* INPUT_DEFAULTS */.WJ.scanners}); see below
  --repository-scanners LIST   Trivy checks for the repository (default ${config_inputs/* INPUT_DEFAULTS */.WJ['repository-scanners']})
  --image-scanners LIST        Trivy checks for images (default ${config_inputs/* INPUT_DEFAULTS */.WJ['image-scanners']})
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
  --scan-timeout SECONDS       time limit for each scan (default ${config_inputs/* INPUT_DEFAULTS */.WJ['scan-timeout']})
  --ignore-unfixed             skip vulnerabilities without a fix
  --format FORMAT              table | json | sarif | markdown (default table)
  --output FILE                write the report there instead of standard output
  --output-dir DIR             where results.sarif, findings.json, summary.md and evidence/ go
  --sbom                       also write a CycloneDX SBOM per image and for the repository
                               into sbom/ of the output directory (docs/sbom.md)
  --config FILE                the config file (default .hardening.yaml, when present): any
                               option by its input name and per-path settings; the options
                               given here override it (docs/config.md)
  --verbose                    log each step and every tool command to standard error
  -h, --help                   this help

Scanners:
${(0,registry/* registeredScanners */.Qe)()
    .map((scanner) => `  ${scanner.name.padEnd(13)}${scanner.description}`)
    .join('\n')}

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
    config: { type: 'string' },
    'helm-values': { type: 'string', multiple: true },
    format: { type: 'string', default: 'table' },
    output: { type: 'string' },
    'skip-db-update': { type: 'boolean' },
    'pinned-tools': { type: 'boolean' },
    'ignore-unfixed': { type: 'boolean' },
    'kustomize-remote': { type: 'boolean' },
    sbom: { type: 'boolean' },
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
    // Only what was given: the rest comes from the config file, else the defaults.
    const inputs = {
        ...(paths.length > 0 ? { manifests: paths.join('\n') } : {}),
        ...(paths.length === 1 ? { 'scan-path': paths[0] } : {}),
        ...(values['skip-db-update'] ? { 'skip-db-update': 'true' } : {}),
        ...(values['ignore-unfixed'] ? { 'ignore-unfixed': 'true' } : {}),
        ...(values['kustomize-remote'] ? { 'kustomize-remote': 'true' } : {}),
        ...(values.sbom ? { sbom: 'true' } : {}),
        ...(values.baseline ? { 'fail-on': 'new', 'baseline-file': String(values.baseline) } : {}),
        ...(values['helm-values'] ? { 'helm-values': values['helm-values'].join('\n') } : {})
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
    const { progress, log } = (0,src_progress/* cliProgress */.oC)((0,src_log/* stderrLogger */.D7)(Boolean(values.verbose)));
    let result;
    try {
        if (!process.env.RUNNER_TOOL_CACHE)
            process.env.RUNNER_TOOL_CACHE = defaultToolCache();
        const file = await (0,config_file/* loadCliConfigFile */.$n)(values.config, process.cwd());
        const { read, attempt } = (0,config_file/* layerInputs */.hF)((name) => inputs[name] ?? '', file, (name) => inputs[name] !== undefined);
        const config = (0,config_file/* withPathSettings */.Bp)(attempt(() => (0,config_inputs/* readConfig */.Xg)(read, process.cwd())), file);
        // On a laptop the tools on PATH are the user's own; the action never runs PATH tools unpinned.
        if (values['pinned-tools'])
            config.trustedToolDirs = [];
        else if (!read('trusted-tool-dir').trim())
            config.trustedToolDirs = (0,which/* pathDirs */.i)();
        result = await runPipeline(config, {
            log,
            progress,
            actionRoot: action_root/* ACTION_ROOT */.Y,
            actionVersion: action_root/* ACTION_VERSION */.F
        });
    }
    catch (error) {
        progress.done();
        process.stderr.write(`error: ${(0,src_log/* printable */.g$)(error.message)}\n`);
        return error instanceof config_inputs/* ConfigError */.xL ? exit/* EXIT */.d.usage : exit/* EXIT */.d.toolFailed;
    }
    progress.done();
    const report = await scan_render(result, format);
    if (values.output)
        await (0,promises_.writeFile)(String(values.output), report);
    else
        process.stdout.write(report);
    for (const reason of result.decision.reasons)
        process.stderr.write(`${(0,src_log/* printable */.g$)(reason)}\n`);
    if (result.outcomes.some((outcome) => outcome.error))
        return exit/* EXIT */.d.toolFailed;
    return result.decision.failed ? exit/* EXIT */.d.gateFailed : exit/* EXIT */.d.pass;
}
async function scan_render(result, format) {
    switch (format) {
        case 'json':
            return `${JSON.stringify(toFindingsDocument(result.outcomes, result.findings, result.decision), null, 2)}\n`;
        case 'sarif':
            return (0,promises_.readFile)(result.files.sarif, 'utf8'); // written result by result, never held whole
        case 'markdown':
            return result.summary;
        default:
            return table(result);
    }
}
function table(result) {
    const rows = (0,order/* sortBySeverity */.BF)(result.findings).map((f) => [
        f.suppression ? `${f.severity} (waived)` : f.severity,
        f.ruleId,
        f.location ? `${f.location.path}:${f.location.startLine}` : f.target,
        f.message
    ].map((cell) => (0,src_log/* printable */.g$)(cell, { oneLine: true })));
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
        ...notices.map((n) => `not scanned: ${(0,src_log/* printable */.g$)(n, { oneLine: true })}`),
        `${verdict}: ${result.findings.length} finding(s); see ${result.files.sarif}`,
        ''
    ].join('\n');
}
function defaultToolCache() {
    return `${process.env.HOME ?? '.'}/.cache/hardening-action/tool-cache`;
}


/***/ })

};
