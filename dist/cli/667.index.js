export const id = 667;
export const ids = [667];
export const modules = {

/***/ 3667:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  FLEET_OPTIONS: () => (/* binding */ FLEET_OPTIONS),
  FLEET_USAGE: () => (/* binding */ FLEET_USAGE),
  runFleet: () => (/* binding */ runFleet)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/findings/order.ts
var order = __webpack_require__(1310);
// EXTERNAL MODULE: ./src/findings/severity.ts
var findings_severity = __webpack_require__(5131);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./src/fleet/read.ts
// Reads what each repository's run left in its artifact: findings.json (the gate, the findings and
// their fingerprints) and evidence/evidence.json (the controls). Everything in an artifact came from
// a scan of a repository we do not control, so each file is opened without following links, its
// size is capped, its shape is checked field by field, and a problem becomes a sentence naming
// the file in the report instead of an exception that would lose the other repositories.






/** Files larger than this are reported instead of read (a string cannot hold much more). */
const MAX_FILE_BYTES = 256 * 1024 * 1024;
/** The marker the fleet workflow writes next to the reports: `{"repository": "owner/name"}`. */
const MARKER_FILE = 'repository.json';
const FINDINGS_FILE = 'findings.json';
const EVIDENCE_FILE = external_node_path_default().join('evidence', 'evidence.json');
/** The previous merge's own output, read from the top of a `--previous` directory for its history. */
const FLEET_FILE = 'fleet.json';
const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
// eslint-disable-next-line no-control-regex -- a name with control characters is refused
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/**
 * A JSON file read without following a link, refused when it is not a regular file or too big.
 * Synchronous on purpose: repositories are read one after another, and one read of a known size
 * is several times faster than the chunked reads of `FileHandle.readFile`.
 */
function readJsonFile(file, shown) {
    let fd;
    try {
        fd = (0,external_node_fs_.openSync)(file, external_node_fs_.constants.O_RDONLY | external_node_fs_.constants.O_NOFOLLOW);
    }
    catch (error) {
        const code = error.code;
        if (code === 'ENOENT')
            return { problem: `${shown} is missing` };
        if (code === 'ELOOP')
            return { problem: `${shown} is a symbolic link; it was not followed` };
        return { problem: `${shown} cannot be opened (${code ?? error.message})` };
    }
    try {
        const stat = (0,external_node_fs_.fstatSync)(fd);
        if (!stat.isFile())
            return { problem: `${shown} is not a regular file` };
        if (stat.size > MAX_FILE_BYTES)
            return { problem: `${shown} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB; not read` };
        const buffer = Buffer.allocUnsafe(stat.size);
        let filled = 0;
        while (filled < buffer.length) {
            const read = (0,external_node_fs_.readSync)(fd, buffer, filled, buffer.length - filled, filled);
            if (read === 0)
                break;
            filled += read;
        }
        try {
            return { value: JSON.parse(buffer.toString('utf8', 0, filled)) };
        }
        catch {
            return { problem: `${shown} is not valid JSON` };
        }
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}
/**
 * The repository directories in each of `parents` (a directory per repository, as
 * actions/download-artifact lays out several artifacts). A parent that is not a directory is a
 * usage error; anything odd inside one is a problem in the report.
 */
async function listRepositories(parents) {
    const listing = { repositories: [], problems: [] };
    const seen = new Map();
    for (const parent of parents) {
        const stat = await (0,promises_.lstat)(parent).catch(() => undefined);
        if (!stat?.isDirectory())
            throw new errors/* ConfigError */.x(`${parent} is not a directory (give directories that hold one directory per repository).`);
        const entries = (await (0,promises_.readdir)(parent, { withFileTypes: true })).sort((a, b) => (0,order/* byText */.z4)(a.name, b.name));
        for (const entry of entries) {
            const full = external_node_path_default().join(parent, entry.name);
            const shown = external_node_path_default().join(external_node_path_default().basename(external_node_path_default().resolve(parent)), entry.name);
            if (entry.name === FLEET_FILE && entry.isFile() && listing.fleetFile === undefined) {
                const read = readJsonFile(full, shown);
                if (read.problem)
                    listing.problems.push(read.problem);
                else
                    listing.fleetFile = read.value;
                continue;
            }
            if (entry.isSymbolicLink()) {
                listing.problems.push(`${shown} is a symbolic link; it was not followed`);
                continue;
            }
            if (!entry.isDirectory())
                continue;
            const marker = readMarker(full, shown);
            if (marker.problem)
                listing.problems.push(marker.problem);
            const name = marker.name ?? entry.name;
            const earlier = seen.get(name.toLowerCase());
            if (earlier) {
                listing.problems.push(`${shown} is also repository ${name} (already read from ${earlier}); it was not merged`);
                continue;
            }
            seen.set(name.toLowerCase(), shown);
            listing.repositories.push({ name, directory: entry.name, path: full, shown });
        }
    }
    listing.repositories.sort((a, b) => (0,order/* byText */.z4)(a.name, b.name));
    return listing;
}
function readMarker(dir, shownDir) {
    const file = external_node_path_default().join(shownDir, MARKER_FILE);
    const read = readJsonFile(external_node_path_default().join(dir, MARKER_FILE), file);
    if (read.problem)
        return read.problem.endsWith('is missing') ? {} : { problem: read.problem };
    const name = isObject(read.value) ? read.value.repository : undefined;
    if (typeof name !== 'string' || !name || name.length > 200 || CONTROL.test(name))
        return { problem: `${file} has no usable 'repository' name; the directory name is used` };
    return { name };
}
/** Reads `findings.json` of a repository directory; `problem` when it cannot be used at all. */
function readFindings(dir) {
    const shown = external_node_path_default().join(dir.shown, FINDINGS_FILE);
    const read = readJsonFile(external_node_path_default().join(dir.path, FINDINGS_FILE), shown);
    if (read.problem)
        return { problem: read.problem };
    const doc = read.value;
    if (!isObject(doc) || !Array.isArray(doc.findings))
        return { problem: `${shown} is not a findings file (no 'findings' list)` };
    const problems = [];
    let gate = 'unknown';
    if (typeof doc.failed === 'boolean')
        gate = doc.failed ? 'fail' : 'pass';
    else
        problems.push(`${shown} has no 'failed' verdict; the gate is unknown`);
    const reasons = Array.isArray(doc.reasons)
        ? doc.reasons.filter((r) => typeof r === 'string')
        : [];
    const summary = {
        gate,
        reasons,
        open: 0,
        bySeverity: Object.fromEntries(findings_severity/* SEVERITIES */.oC.map((s) => [s, 0])),
        waived: 0,
        rules: new Map(),
        fingerprints: new Set(),
        openFindings: [],
        problems
    };
    let malformed = 0;
    for (const finding of doc.findings) {
        if (!isObject(finding) ||
            typeof finding.fingerprint !== 'string' ||
            typeof finding.ruleId !== 'string') {
            malformed++;
            continue;
        }
        if (finding.suppression !== undefined) {
            summary.waived++;
            continue;
        }
        const severity = (0,findings_severity/* parseSeverity */.lv)(typeof finding.severity === 'string' ? finding.severity : '');
        summary.open++;
        summary.bySeverity[severity]++;
        summary.fingerprints.add(finding.fingerprint);
        summary.openFindings.push({
            fingerprint: finding.fingerprint,
            ruleId: finding.ruleId,
            severity
        });
        const tally = summary.rules.get(finding.ruleId);
        if (tally)
            tally.open++;
        else
            summary.rules.set(finding.ruleId, {
                title: typeof finding.title === 'string' ? finding.title : '',
                severity,
                open: 1
            });
    }
    if (malformed)
        problems.push(`${shown}: ${malformed} ${malformed === 1 ? 'entry is' : 'entries are'} not a finding (no fingerprint or ruleId); not counted`);
    return { summary };
}
const ENFORCEMENTS = new Set(['deny', 'warn', 'dryrun']);
/**
 * A repository's `evidence/evidence.json`: its `controls` (pass or fail, derived by the run from
 * the compliance annotations of the policies it evaluated) and, from runs that write it, its
 * `coverage` (how the run enforced each control; controls it did not cover are left out).
 */
function readControls(dir) {
    const shown = external_node_path_default().join(dir.shown, EVIDENCE_FILE);
    const read = readJsonFile(external_node_path_default().join(dir.path, EVIDENCE_FILE), shown);
    if (read.problem)
        return { controls: [], enforcement: [], problem: `${read.problem}: no control results` };
    const doc = isObject(read.value) ? read.value : {};
    if (!Array.isArray(doc.controls))
        return {
            controls: [],
            enforcement: [],
            problem: `${shown} has no 'controls' list: no control results`
        };
    const controls = [];
    let malformed = 0;
    for (const entry of doc.controls) {
        if (isObject(entry) &&
            typeof entry.framework === 'string' &&
            typeof entry.control === 'string' &&
            (entry.status === 'pass' || entry.status === 'fail'))
            controls.push({ framework: entry.framework, control: entry.control, status: entry.status });
        else
            malformed++;
    }
    const enforcement = [];
    for (const entry of Array.isArray(doc.coverage) ? doc.coverage : []) {
        if (isObject(entry) &&
            typeof entry.framework === 'string' &&
            typeof entry.control === 'string' &&
            typeof entry.enforcement === 'string') {
            if (ENFORCEMENTS.has(entry.enforcement))
                enforcement.push({
                    framework: entry.framework,
                    control: entry.control,
                    title: typeof entry.title === 'string' ? entry.title : '',
                    enforcement: entry.enforcement
                });
        }
        else
            malformed++;
    }
    return malformed
        ? {
            controls,
            enforcement,
            problem: `${shown}: ${malformed} control ${malformed === 1 ? 'entry is' : 'entries are'} malformed; not counted`
        }
        : { controls, enforcement };
}

;// CONCATENATED MODULE: ./src/fleet/merge.ts
// The fleet view: many repositories' runs merged into one document (shape: docs/fleet.md), a pure
// function of the files read. Repositories are processed one at a time (the previous run's
// fingerprints, then the current findings, compared and dropped), so memory is bounded by the
// largest repository and the fleet-wide tallies, not by the fleet.



/** How many history points a fleet document keeps (a year of weekly runs). */
const HISTORY_LIMIT = 52;
/** How many rules the top-rules list keeps. */
const TOP_RULES = 10;
const zeroSeverities = () => Object.fromEntries(findings_severity/* SEVERITIES */.oC.map((s) => [s, 0]));
async function mergeFleet(options) {
    const current = await listRepositories(options.current);
    const previous = options.previous?.length ? await listRepositories(options.previous) : undefined;
    const previousByName = new Map(previous?.repositories.map((r) => [r.name.toLowerCase(), r]));
    const problems = [...current.problems, ...(previous?.problems.map((p) => `previous: ${p}`) ?? [])];
    const rules = new Map();
    const controls = new Map();
    const repositories = [];
    let previousOpen = { failing: 0, open: 0, critical: 0, high: 0 };
    for (const dir of current.repositories) {
        const before = previousByName.get(dir.name.toLowerCase());
        previousByName.delete(dir.name.toLowerCase());
        const earlier = before ? readFindings(before) : undefined;
        if (earlier?.summary)
            previousOpen = addPoint(previousOpen, earlier.summary);
        const repository = readRepository(dir, earlier);
        await options.onRepository?.(dir, repository.summary);
        repositories.push(repository.entry);
        if (repository.summary)
            tallyRules(rules, repository.summary);
        tallyControls(controls, repository);
    }
    for (const control of controls.values())
        control.failing = control.failingRepositories.length;
    const removed = [...previousByName.values()].map((r) => r.name).sort(order/* byText */.z4);
    for (const name of removed) {
        const gone = readFindings(previousByName.get(name.toLowerCase()));
        if (gone.summary)
            previousOpen = addPoint(previousOpen, gone.summary);
    }
    const bySeverity = zeroSeverities();
    for (const r of repositories)
        for (const s of findings_severity/* SEVERITIES */.oC)
            bySeverity[s] += r.bySeverity[s];
    const changed = repositories.filter((r) => r.change);
    const summary = {
        repositories: repositories.length,
        failing: repositories.filter((r) => r.gate === 'fail').length,
        unreadable: repositories.filter((r) => r.status === 'unreadable').length,
        open: repositories.reduce((n, r) => n + r.open, 0),
        bySeverity,
        waived: repositories.reduce((n, r) => n + r.waived, 0),
        change: previous
            ? {
                new: changed.reduce((n, r) => n + r.change.new, 0),
                fixed: changed.reduce((n, r) => n + r.change.fixed, 0)
            }
            : null
    };
    const label = options.label ?? 'current';
    const point = {
        label,
        repositories: summary.repositories,
        failing: summary.failing,
        open: summary.open,
        critical: bySeverity.CRITICAL,
        high: bySeverity.HIGH
    };
    const earlierHistory = previous
        ? (historyOf(previous.fleetFile) ?? [
            { label: 'previous', repositories: previous.repositories.length, ...previousOpen }
        ])
        : [];
    return {
        schemaVersion: 1,
        label,
        summary,
        history: [...earlierHistory, point].slice(-HISTORY_LIMIT),
        controls: [...controls.values()].sort((a, b) => (0,order/* naturalOrder */.uz)(a.framework, b.framework) || (0,order/* naturalOrder */.uz)(a.control, b.control)),
        topRules: [...rules.values()]
            .sort((a, b) => b.repositories - a.repositories ||
            b.open - a.open ||
            (0,findings_severity/* severityRank */.qs)(b.severity) - (0,findings_severity/* severityRank */.qs)(a.severity) ||
            (0,order/* byText */.z4)(a.ruleId, b.ruleId))
            .slice(0, TOP_RULES),
        repositories,
        removed,
        problems
    };
}
function addPoint(point, summary) {
    return {
        failing: point.failing + (summary.gate === 'fail' ? 1 : 0),
        open: point.open + summary.open,
        critical: point.critical + summary.bySeverity.CRITICAL,
        high: point.high + summary.bySeverity.HIGH
    };
}
function readRepository(dir, earlier) {
    const problems = [];
    const { summary, problem } = readFindings(dir);
    if (problem)
        problems.push(problem);
    const evidence = readControls(dir);
    if (evidence.problem)
        problems.push(evidence.problem);
    if (earlier?.problem)
        problems.push(`previous run: ${earlier.problem}`);
    const ids = (status) => [
        ...new Set(evidence.controls
            .filter((c) => c.status === status)
            .map((c) => `${c.framework}:${c.control}`))
    ].sort(order/* naturalOrder */.uz);
    const fail = ids('fail');
    const failing = new Set(fail);
    let change = null;
    if (summary && earlier?.summary) {
        const before = earlier.summary.fingerprints;
        let added = 0;
        for (const fingerprint of summary.fingerprints)
            if (!before.has(fingerprint))
                added++;
        let fixed = 0;
        for (const fingerprint of before)
            if (!summary.fingerprints.has(fingerprint))
                fixed++;
        change = { new: added, fixed };
    }
    const entry = {
        name: dir.name,
        directory: dir.directory,
        status: summary ? 'ok' : 'unreadable',
        gate: summary?.gate ?? 'unknown',
        reasons: summary?.reasons ?? [],
        open: summary?.open ?? 0,
        bySeverity: summary?.bySeverity ?? zeroSeverities(),
        waived: summary?.waived ?? 0,
        // A control some policy failed and another passed is failed.
        controls: { pass: ids('pass').filter((id) => !failing.has(id)), fail },
        change,
        problems: [...problems, ...(summary?.problems ?? [])]
    };
    return { entry, summary, controlResults: evidence.controls, enforcement: evidence.enforcement };
}
function tallyRules(rules, summary) {
    for (const [ruleId, tally] of summary.rules) {
        const rule = rules.get(ruleId);
        if (!rule) {
            rules.set(ruleId, {
                ruleId,
                title: tally.title,
                severity: tally.severity,
                repositories: 1,
                open: tally.open
            });
            continue;
        }
        rule.repositories++;
        rule.open += tally.open;
        if ((0,findings_severity/* severityRank */.qs)(tally.severity) > (0,findings_severity/* severityRank */.qs)(rule.severity))
            rule.severity = tally.severity;
    }
}
/** Adds one repository's control results and enforcement to the fleet's, each control once. */
function tallyControls(controls, repository) {
    const failed = new Set(repository.entry.controls.fail);
    const counted = new Set();
    for (const result of repository.controlResults) {
        const control = controlOf(controls, result.framework, result.control);
        if (counted.has(control.id))
            continue;
        counted.add(control.id);
        if (failed.has(control.id))
            control.failingRepositories.push(repository.entry.name);
        else
            control.passing++;
    }
    const enforced = new Set();
    for (const covered of repository.enforcement) {
        const control = controlOf(controls, covered.framework, covered.control);
        if (enforced.has(control.id))
            continue;
        enforced.add(control.id);
        control.enforcement[covered.enforcement]++;
        control.title ||= covered.title;
    }
}
function controlOf(controls, framework, name) {
    const id = `${framework}:${name}`;
    let control = controls.get(id);
    if (!control) {
        control = {
            id,
            framework,
            control: name,
            title: '',
            passing: 0,
            failing: 0,
            failingRepositories: [],
            enforcement: { deny: 0, warn: 0, dryrun: 0 }
        };
        controls.set(id, control);
    }
    return control;
}
const merge_isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
/** The history of a previous fleet.json, each point checked; undefined when it has none. */
function historyOf(fleetFile) {
    if (!merge_isObject(fleetFile) || !Array.isArray(fleetFile.history))
        return undefined;
    const count = (value) => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : 0;
    return fleetFile.history.filter(merge_isObject).map((p) => ({
        label: typeof p.label === 'string' ? p.label : '',
        repositories: count(p.repositories),
        failing: count(p.failing),
        open: count(p.open),
        critical: count(p.critical),
        high: count(p.high)
    }));
}

// EXTERNAL MODULE: ./src/report/coverage.ts
var coverage = __webpack_require__(3122);
// EXTERNAL MODULE: ./src/report/evidence-html.ts
var evidence_html = __webpack_require__(7231);
// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __webpack_require__(4285);
;// CONCATENATED MODULE: ./src/fleet/render.ts
// The fleet document as Markdown (the job summary, with a Mermaid trend chart GitHub renders), as
// JSON, and as one self-contained HTML page. Every repository, rule, control and reason string
// came from a repository we do not control: Markdown goes through escapeMarkdown, HTML through
// escapeHtml, and Mermaid labels keep only characters that mean nothing to Mermaid.



/** Rows a Markdown table lists before pointing at the JSON and HTML (the job summary caps at 1 MiB). */
const MARKDOWN_ROWS = 200;
/** Repositories named in a control's row before "and N more". */
const NAMED = 5;
function fleetJson(doc) {
    return `${JSON.stringify(doc, null, 2)}\n`;
}
const cell = (text) => (0,markdown/* escapeMarkdown */.FV)(text, { max: 200 });
function frameworkName(framework) {
    return Object.hasOwn(coverage/* COVERAGE_FRAMEWORKS */.N0, framework)
        ? coverage/* COVERAGE_FRAMEWORKS */.N0[framework]
        : framework;
}
const GATE = { pass: '✅ pass', fail: '❌ fail', unknown: '❔ unknown' };
function changeText(change) {
    return change ? [`+${change.new}`, `−${change.fixed}`] : ['–', '–'];
}
/**
 * A Mermaid label: only letters, digits, space and `._:/+-` survive (quotes, brackets, `%%`
 * directives, `#` entities and HTML mean something to Mermaid), at most 24 characters.
 */
function mermaidLabel(text) {
    const kept = text
        .replace(/[^A-Za-z0-9 ._:/+-]/g, '_')
        .trim()
        .slice(0, 24);
    return kept || '_';
}
function trendChart(doc) {
    const labels = doc.history.map((p) => `"${mermaidLabel(p.label)}"`).join(', ');
    return [
        '```mermaid',
        'xychart-beta',
        '  title "Open findings per fleet run"',
        `  x-axis [${labels}]`,
        '  y-axis "open findings"',
        `  line [${doc.history.map((p) => p.open).join(', ')}]`,
        '```'
    ];
}
function more(total, shown, what) {
    return total > shown
        ? [`${total - shown} more ${what} in fleet.json and fleet.html (not listed here).`, '']
        : [];
}
function controlRepositories(control) {
    const named = control.failingRepositories.slice(0, NAMED).map(cell).join(', ');
    const rest = control.failingRepositories.length - NAMED;
    return rest > 0 ? `${named} and ${rest} more` : named;
}
function fleetMarkdown(doc) {
    const s = doc.summary;
    const sev = s.bySeverity;
    const lines = ['# Fleet hardening report', ''];
    lines.push(`**${s.repositories}** repositories: **${s.failing}** fail the gate, ${s.unreadable} could not be read. ` +
        `**${s.open}** open findings (${sev.CRITICAL} critical, ${sev.HIGH} high, ${sev.MEDIUM} medium, ${sev.LOW} low, ${sev.UNKNOWN} unknown); ${s.waived} waived.`, '');
    if (s.change)
        lines.push(`Since the previous run: **${s.change.new}** new and **${s.change.fixed}** fixed findings (open findings compared by fingerprint).`, '');
    else
        lines.push('No previous run to compare with.', '');
    lines.push('## Trend', '', ...trendChart(doc), '');
    lines.push('| Run | Repositories | Failing | Open | Critical | High |');
    lines.push('| --- | ---: | ---: | ---: | ---: | ---: |');
    for (const p of doc.history)
        lines.push(`| ${cell(p.label)} | ${p.repositories} | ${p.failing} | ${p.open} | ${p.critical} | ${p.high} |`);
    lines.push('');
    const failing = doc.repositories.filter((r) => r.gate === 'fail');
    lines.push('## Repositories failing the gate', '');
    if (!failing.length)
        lines.push('None.', '');
    else {
        lines.push('| Repository | Open | Critical | High | New | Fixed | First reason |');
        lines.push('| --- | ---: | ---: | ---: | ---: | ---: | --- |');
        for (const r of failing.slice(0, MARKDOWN_ROWS)) {
            const [added, fixed] = changeText(r.change);
            lines.push(`| ${cell(r.name)} | ${r.open} | ${r.bySeverity.CRITICAL} | ${r.bySeverity.HIGH} | ${added} | ${fixed} | ${cell(r.reasons[0] ?? '')} |`);
        }
        lines.push('', ...more(failing.length, MARKDOWN_ROWS, 'failing repositories'));
    }
    const troubled = doc.repositories.filter((r) => r.problems.length);
    if (troubled.length || doc.problems.length) {
        lines.push('## Problems reading the results', '');
        for (const problem of doc.problems)
            lines.push(`- ${cell(problem)}`);
        for (const r of troubled.slice(0, MARKDOWN_ROWS))
            lines.push(`- ${cell(r.name)}: ${r.problems.map((p) => cell(p)).join('; ')}`);
        lines.push('', ...more(troubled.length, MARKDOWN_ROWS, 'repositories with problems'));
    }
    lines.push('## Controls', '');
    if (!doc.controls.length)
        lines.push('No control results (no evidence.json with controls).', '');
    else {
        lines.push('Repositories passing and failing each control, and how many of their runs enforced it with deny, warn or dryrun constraints.', '', '| Framework | Control | Title | Passing | Failing | Deny | Warn | Dryrun | Failing repositories |', '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- |');
        for (const c of doc.controls.slice(0, MARKDOWN_ROWS))
            lines.push(`| ${cell(frameworkName(c.framework))} | ${cell(c.control)} | ${cell(c.title)} | ${c.passing} | ${c.failing} | ${c.enforcement.deny} | ${c.enforcement.warn} | ${c.enforcement.dryrun} | ${controlRepositories(c)} |`);
        lines.push('', ...more(doc.controls.length, MARKDOWN_ROWS, 'controls'));
    }
    lines.push('## Top rules', '');
    if (!doc.topRules.length)
        lines.push('No open findings.', '');
    else {
        lines.push('| Rule | Title | Severity | Repositories | Open findings |');
        lines.push('| --- | --- | --- | ---: | ---: |');
        for (const rule of doc.topRules)
            lines.push(`| ${cell(rule.ruleId)} | ${cell(rule.title)} | ${rule.severity} | ${rule.repositories} | ${rule.open} |`);
        lines.push('');
    }
    lines.push('## Repositories', '');
    lines.push('| Repository | Gate | Open | Critical | High | Waived | Controls failed | New | Fixed |');
    lines.push('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const r of doc.repositories.slice(0, MARKDOWN_ROWS)) {
        const [added, fixed] = changeText(r.change);
        const gate = r.status === 'unreadable' ? '⚠️ unreadable' : GATE[r.gate];
        lines.push(`| ${cell(r.name)} | ${gate} | ${r.open} | ${r.bySeverity.CRITICAL} | ${r.bySeverity.HIGH} | ${r.waived} | ${r.controls.fail.length} | ${added} | ${fixed} |`);
    }
    lines.push('', ...more(doc.repositories.length, MARKDOWN_ROWS, 'repositories'));
    if (doc.removed.length)
        lines.push(`No longer in the fleet (in the previous run only): ${doc.removed.map((n) => cell(n)).join(', ')}.`, '');
    return `${lines.join('\n')}\n`;
}
const h = markdown/* escapeHtml */.ZD;
function htmlTable(headers, rows) {
    const head = headers.map((x) => `<th>${h(x)}</th>`).join('');
    const body = rows
        .map((row) => `<tr>${row.map((v) => (typeof v === 'number' ? `<td class="n">${v}</td>` : `<td>${h(v)}</td>`)).join('')}</tr>`)
        .join('\n');
    return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}
/** One self-contained page: no scripts, no external assets, a Content-Security-Policy that says so. */
function fleetHtml(doc) {
    const s = doc.summary;
    const sections = [];
    sections.push(`<p><strong>${s.repositories}</strong> repositories: <strong>${s.failing}</strong> fail the gate, ${s.unreadable} could not be read. <strong>${s.open}</strong> open findings (${s.bySeverity.CRITICAL} critical, ${s.bySeverity.HIGH} high, ${s.bySeverity.MEDIUM} medium, ${s.bySeverity.LOW} low, ${s.bySeverity.UNKNOWN} unknown); ${s.waived} waived.</p>`, s.change
        ? `<p>Since the previous run: <strong>${s.change.new}</strong> new and <strong>${s.change.fixed}</strong> fixed findings.</p>`
        : '<p>No previous run to compare with.</p>');
    sections.push('<h2>Trend</h2>', htmlTable(['Run', 'Repositories', 'Failing', 'Open', 'Critical', 'High'], doc.history.map((p) => [p.label, p.repositories, p.failing, p.open, p.critical, p.high])));
    const problems = [
        ...doc.problems,
        ...doc.repositories.flatMap((r) => r.problems.map((p) => `${r.name}: ${p}`))
    ];
    if (problems.length)
        sections.push('<h2>Problems reading the results</h2>', `<ul>\n${problems.map((p) => `<li>${h(p)}</li>`).join('\n')}\n</ul>`);
    sections.push('<h2>Controls</h2>', htmlTable([
        'Framework',
        'Control',
        'Title',
        'Passing',
        'Failing',
        'Deny',
        'Warn',
        'Dryrun',
        'Failing repositories'
    ], doc.controls.map((c) => [
        frameworkName(c.framework),
        c.control,
        c.title,
        c.passing,
        c.failing,
        c.enforcement.deny,
        c.enforcement.warn,
        c.enforcement.dryrun,
        c.failingRepositories.join(', ')
    ])), '<h2>Top rules</h2>', htmlTable(['Rule', 'Title', 'Severity', 'Repositories', 'Open findings'], doc.topRules.map((r) => [r.ruleId, r.title, r.severity, r.repositories, r.open])), '<h2>Repositories</h2>', htmlTable([
        'Repository',
        'Gate',
        'Open',
        'Critical',
        'High',
        'Waived',
        'New',
        'Fixed',
        'Controls failed',
        'Reasons'
    ], doc.repositories.map((r) => [
        r.name,
        r.status === 'unreadable' ? 'unreadable' : r.gate,
        r.open,
        r.bySeverity.CRITICAL,
        r.bySeverity.HIGH,
        r.waived,
        r.change ? r.change.new : '–',
        r.change ? r.change.fixed : '–',
        r.controls.fail.join(', '),
        r.reasons.join(' ')
    ])));
    if (doc.removed.length)
        sections.push(`<p>No longer in the fleet (in the previous run only): ${h(doc.removed.join(', '))}.</p>`);
    return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${evidence_html/* CONTENT_SECURITY_POLICY */.aE}">
<title>Fleet hardening report: ${h(doc.label)}</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 2em; color: #1f2328; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { border: 1px solid #d0d7de; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
</style>
</head>
<body>
<h1>Fleet hardening report: ${h(doc.label)}</h1>
${sections.join('\n')}
</body>
</html>
`;
}

;// CONCATENATED MODULE: ./src/fleet/state.ts
// What the next fleet run compares with. A run's report artifact keeps, per repository, its name
// and its open findings reduced to fingerprint, rule and severity: a findings.json the reader
// takes as it takes a full one, at about a fifth of the bytes, so the comparison with the
// previous run costs a fraction of reading every repository's findings again.



/** Writes `<outputDir>/<directory>/{repository.json,findings.json}` for one repository. */
async function saveComparisonState(outputDir, dir, summary) {
    // `directory` is one entry of a directory listing: never empty, `.`, `..` or a path.
    const target = external_node_path_default().join(outputDir, dir.directory);
    await (0,promises_.mkdir)(target, { recursive: true });
    await (0,promises_.writeFile)(external_node_path_default().join(target, MARKER_FILE), `${JSON.stringify({ repository: dir.name })}\n`);
    // An unreadable repository leaves no findings.json: the next run says so for its comparison.
    if (!summary)
        return;
    const verdict = summary.gate === 'unknown' ? {} : { failed: summary.gate === 'fail' };
    const head = JSON.stringify({ schemaVersion: 1, ...verdict, reasons: summary.reasons });
    const findings = summary.openFindings.map((finding) => JSON.stringify(finding)).join(',\n');
    await (0,promises_.writeFile)(external_node_path_default().join(target, FINDINGS_FILE), `${head.slice(0, -1)},"findings":[\n${findings}\n]}\n`);
}

// EXTERNAL MODULE: ./src/log.ts
var log = __webpack_require__(5625);
// EXTERNAL MODULE: ./src/cli/exit.ts
var exit = __webpack_require__(7632);
;// CONCATENATED MODULE: ./src/cli/fleet.ts









const FLEET_USAGE = `Usage: hardening fleet merge DIR... [options]

Merges the results of many repositories into one report: per repository and control pass/fail,
the top rules, the repositories failing the gate, and what changed since the previous run. Each
DIR holds one directory per repository (as actions/download-artifact lays out artifacts) with
that run's findings.json and evidence/evidence.json; the repository's name is read from its
repository.json ({"repository": "owner/name"}, written by the fleet workflow), else it is the
directory's name. A repository whose files are missing or malformed is reported, not skipped.

Options:
  --previous DIR     the previous run's directories (repeatable): new and fixed findings by
                     fingerprint, and the trend (from its fleet.json when present)
  --label TEXT       this run's name in the trend, e.g. a run number or date (default current)
  --format FORMAT    markdown | json | html (default markdown)
  --output FILE      write the report there instead of standard output
  --output-dir DIR   write fleet.md, fleet.json and fleet.html there (one read of the inputs),
                     and per repository what the next run's --previous compares with (its
                     open findings' fingerprints, rules and severities)
  -h, --help         this help
Exit codes: 0 merged (whatever the repositories' gates say), 2 usage error or unreadable DIR.`;
/** Every option `hardening fleet merge` takes (the usage text lists each; a test checks it). */
const FLEET_OPTIONS = {
    previous: { type: 'string', multiple: true },
    label: { type: 'string' },
    format: { type: 'string', default: 'markdown' },
    output: { type: 'string' },
    'output-dir': { type: 'string' },
    help: { type: 'boolean', short: 'h' }
};
const RENDER = {
    markdown: { file: 'fleet.md', render: fleetMarkdown },
    json: { file: 'fleet.json', render: fleetJson },
    html: { file: 'fleet.html', render: fleetHtml }
};
function usageError(message) {
    process.stderr.write(`${message}\n\n${FLEET_USAGE}\n`);
    return exit/* EXIT */.d.usage;
}
async function runFleet(argv) {
    let parsed;
    try {
        parsed = (0,external_node_util_.parseArgs)({ args: argv, allowPositionals: true, options: FLEET_OPTIONS });
    }
    catch (error) {
        return usageError(error.message);
    }
    const { values, positionals } = parsed;
    if (values.help) {
        process.stdout.write(`${FLEET_USAGE}\n`);
        return exit/* EXIT */.d.pass;
    }
    const [action, ...dirs] = positionals;
    if (action !== 'merge')
        return usageError(`Unknown fleet command '${action ?? ''}'.`);
    if (!dirs.length)
        return usageError('Give at least one DIR.');
    const format = String(values.format);
    if (!Object.hasOwn(RENDER, format))
        return usageError(`--format must be markdown, json or html; got '${format}'.`);
    const outputDir = values['output-dir'];
    if (outputDir !== undefined && values.output !== undefined)
        return usageError('--output and --output-dir exclude each other.');
    // The output holds a directory per repository: written into an input, it would replace the
    // findings.json files it is read from.
    const inputs = [...dirs, ...(values.previous ?? [])].map((dir) => external_node_path_default().resolve(dir));
    if (outputDir !== undefined && inputs.includes(external_node_path_default().resolve(outputDir)))
        return usageError(`--output-dir ${outputDir} is also an input DIR; give an empty directory.`);
    let doc;
    try {
        if (outputDir !== undefined)
            await (0,promises_.mkdir)(outputDir, { recursive: true });
        doc = await mergeFleet({
            current: dirs,
            previous: values.previous,
            label: values.label,
            ...(outputDir === undefined
                ? {}
                : { onRepository: (dir, summary) => saveComparisonState(outputDir, dir, summary) })
        });
    }
    catch (error) {
        if (!(error instanceof errors/* ConfigError */.x))
            throw error;
        process.stderr.write(`error: ${(0,log/* printable */.g$)(error.message)}\n`);
        return exit/* EXIT */.d.usage;
    }
    if (outputDir !== undefined) {
        for (const { file, render } of Object.values(RENDER))
            await (0,promises_.writeFile)(external_node_path_default().join(outputDir, file), render(doc));
    }
    else if (values.output !== undefined)
        await (0,promises_.writeFile)(values.output, RENDER[format].render(doc));
    else
        process.stdout.write(RENDER[format].render(doc));
    return exit/* EXIT */.d.pass;
}


/***/ })

};
