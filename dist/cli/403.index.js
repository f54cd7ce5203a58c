export const id = 403;
export const ids = [403];
export const modules = {

/***/ 3916:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   x: () => (/* binding */ ConfigError)
/* harmony export */ });
/**
 * A bad input or user file (waivers, baseline, Trivy ignore file): the message names it and what
 * is accepted. Its own module, below every stage, so any stage can throw it without importing
 * the configuration reader.
 */
class ConfigError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ConfigError';
    }
}


/***/ }),

/***/ 1310:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BF: () => (/* binding */ sortBySeverity),
/* harmony export */   ux: () => (/* binding */ mostSevere),
/* harmony export */   uz: () => (/* binding */ naturalOrder),
/* harmony export */   z4: () => (/* binding */ byText)
/* harmony export */ });
/* harmony import */ var _severity_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5131);

/** Plain code-unit order: stable across locales, and much faster than `localeCompare`. */
function byText(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
let numericCollator;
/**
 * Numbers in text by their value (`CC6.2` before `CC6.10`), then plain code-unit order: the order
 * of `Intl.Collator('en', { numeric: true })`, with code-unit order for what it finds equal. Text
 * of printable ASCII, all that control IDs and framework names hold, is compared here without
 * the collator: creating the first one loads ICU's collation data (8 ms here, on every report).
 * test/unit/order.test.ts compares the two on generated text.
 */
function naturalOrder(a, b) {
    const order = asciiNaturalOrder(a, b);
    if (order !== undefined)
        return order || byText(a, b);
    numericCollator ??= new Intl.Collator('en', { numeric: true });
    return numericCollator.compare(a, b) || byText(a, b);
}
/**
 * The collator's order on printable ASCII (CLDR root collation): symbols in this order, then
 * numbers by value (leading zeros ignored), then letters, case only where nothing else differs
 * (lower before upper).
 */
const SYMBOLS = ' _-,;:!?.\'"()[]{}@*/\\&#%`^+<=>|~$';
const PRIMARY = new Int16Array(128).fill(-1);
const NUMBER = SYMBOLS.length;
for (const [i, symbol] of [...SYMBOLS].entries())
    PRIMARY[symbol.charCodeAt(0)] = i;
for (let digit = 0; digit <= 9; digit++)
    PRIMARY[48 + digit] = NUMBER;
for (let letter = 0; letter < 26; letter++) {
    PRIMARY[97 + letter] = NUMBER + 1 + letter;
    PRIMARY[65 + letter] = NUMBER + 1 + letter;
}
/** ICU compares longer digit runs in pieces; such text goes to the collator. */
const MAX_DIGITS = 200;
/** The collator's order of two printable ASCII texts; undefined for any other text. */
function asciiNaturalOrder(a, b) {
    // Checked whole first: a character the collator ignores, or a non-ASCII digit, can change
    // what came before it (`2１` is twenty-one).
    if (!covered(a) || !covered(b))
        return undefined;
    let i = 0;
    let j = 0;
    let caseOrder = 0;
    while (i < a.length && j < b.length) {
        const x = a.charCodeAt(i);
        const y = b.charCodeAt(j);
        const px = PRIMARY[x];
        const py = PRIMARY[y];
        if (px === NUMBER && py === NUMBER) {
            const endA = digitsEnd(a, i);
            const endB = digitsEnd(b, j);
            if (endA - i > MAX_DIGITS || endB - j > MAX_DIGITS)
                return undefined;
            const order = compareNumbers(a.slice(i, endA), b.slice(j, endB));
            if (order)
                return order;
            i = endA;
            j = endB;
            continue;
        }
        if (px !== py)
            return px < py ? -1 : 1;
        if (!caseOrder && x !== y)
            caseOrder = x > 96 ? -1 : 1;
        i++;
        j++;
    }
    if (i < a.length)
        return 1;
    if (j < b.length)
        return -1;
    return caseOrder;
}
function digitsEnd(text, from) {
    let end = from;
    while (end < text.length && PRIMARY[text.charCodeAt(end)] === NUMBER)
        end++;
    return end;
}
/** Digit runs by value: without leading zeros, a longer run is larger, else compare digits. */
function compareNumbers(x, y) {
    const a = x.replace(/^0+/, '');
    const b = y.replace(/^0+/, '');
    return a.length - b.length || byText(a, b);
}
function covered(text) {
    for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (code >= 128 || PRIMARY[code] < 0)
            return false;
    }
    return true;
}
/**
 * Most severe first, then by file and line. The sort keys are computed once per finding, not per
 * comparison: reports sort up to hundreds of thousands of findings.
 */
function sortBySeverity(findings) {
    return findings
        .map(severityKey)
        .sort(bySeverityKey)
        .map((keyed) => keyed.finding);
}
/**
 * The first `count` of `sortBySeverity(findings)`, without sorting them all: the findings are
 * grouped by severity, and only the groups the first `count` reach into are sorted (a report that
 * shows the top few of 100,000 findings sorts the most severe group, not all of them).
 */
function mostSevere(findings, count) {
    const byRank = [];
    for (const finding of findings)
        (byRank[(0,_severity_js__WEBPACK_IMPORTED_MODULE_0__/* .severityRank */ .qs)(finding.severity)] ??= []).push(finding);
    const kept = [];
    for (let rank = byRank.length - 1; rank >= 0 && kept.length < count; rank--) {
        const group = byRank[rank];
        if (!group)
            continue;
        // A stable sort of one rank: the same order as the full sort's within that rank.
        const sorted = sortBySeverity(group);
        for (let i = 0; i < sorted.length && kept.length < count; i++)
            kept.push(sorted[i]);
    }
    return kept;
}
const severityKey = (finding) => ({
    finding,
    rank: (0,_severity_js__WEBPACK_IMPORTED_MODULE_0__/* .severityRank */ .qs)(finding.severity),
    path: finding.location?.path ?? '',
    line: finding.location?.startLine ?? 0
});
const bySeverityKey = (a, b) => b.rank - a.rank || byText(a.path, b.path) || a.line - b.line;


/***/ }),

/***/ 5131:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   lv: () => (/* binding */ parseSeverity),
/* harmony export */   oC: () => (/* binding */ SEVERITIES),
/* harmony export */   qs: () => (/* binding */ severityRank)
/* harmony export */ });
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


/***/ }),

/***/ 5625:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D7: () => (/* binding */ stderrLogger),
/* harmony export */   g$: () => (/* binding */ printable)
/* harmony export */ });
/* unused harmony export inertLogText */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);

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


/***/ }),

/***/ 828:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  i: () => (/* binding */ FRAMEWORKS),
  __: () => (/* binding */ FRAMEWORK_KEYS),
  yB: () => (/* binding */ TEMPLATE_ANNOTATIONS),
  Eb: () => (/* binding */ evaluatedPolicy),
  bI: () => (/* binding */ regoPackageOf)
});

;// CONCATENATED MODULE: ./policies/conventions.json
const conventions_namespaceObject = /*#__PURE__*/JSON.parse('{"mi":"hardening-action.io","i6":"^\\\\s*package\\\\s+([\\\\w.]+)"}');
// EXTERNAL MODULE: ./policies/frameworks.json
var frameworks = __webpack_require__(60);
// EXTERNAL MODULE: ./src/findings/order.ts
var order = __webpack_require__(1310);
;// CONCATENATED MODULE: ./src/scanners/gatekeeper/annotations.ts
// The annotation prefix and the frameworks come from the files the policy generators read too
// (scripts/policy-conventions.mjs), so the action and the templates never disagree.



const PREFIX = conventions_namespaceObject.mi;
const REGO_PACKAGE = new RegExp(conventions_namespaceObject.i6, 'm');
/** The package a Rego module declares (`package a.b` gives `a.b`), or undefined. */
function regoPackageOf(source) {
    return REGO_PACKAGE.exec(source)?.[1];
}
/** The ConstraintTemplate annotations reports read (schema: policies/README.md). */
const TEMPLATE_ANNOTATIONS = {
    title: `${PREFIX}/title`,
    severity: `${PREFIX}/severity`,
    remediation: `${PREFIX}/remediation`,
    references: `${PREFIX}/references`,
    compliance: `${PREFIX}/compliance`,
    pss: `${PREFIX}/pss`,
    version: 'metadata.gatekeeper.sh/version',
    gatekeeperTitle: 'metadata.gatekeeper.sh/title'
};
const FRAMEWORK_KEYS = Object.keys(frameworks/* compliance */.Is);
/** Each framework's full name. */
const FRAMEWORKS = Object.fromEntries(FRAMEWORK_KEYS.map((key) => [key, frameworks/* compliance */.Is[key].name]));
/** Reads an EvaluatedPolicy from a template's annotations (schema: policies/README.md). */
function evaluatedPolicy(template, constraints, source) {
    const a = template.annotations;
    const problems = [];
    const compliance = Object.fromEntries(FRAMEWORK_KEYS.map((k) => [k, []]));
    const raw = a[TEMPLATE_ANNOTATIONS.compliance];
    if (raw === undefined)
        problems.push(`no ${TEMPLATE_ANNOTATIONS.compliance} annotation`);
    else {
        try {
            const parsed = JSON.parse(raw);
            for (const key of FRAMEWORK_KEYS) {
                const list = parsed[key];
                if (Array.isArray(list))
                    compliance[key] = list.map(String);
                else
                    problems.push(`${TEMPLATE_ANNOTATIONS.compliance} lacks a '${key}' list`);
            }
        }
        catch {
            problems.push(`${TEMPLATE_ANNOTATIONS.compliance} is not valid JSON`);
        }
    }
    const pss = pssChecks(a[TEMPLATE_ANNOTATIONS.pss], problems);
    return {
        kind: template.kind,
        name: template.name,
        title: a[TEMPLATE_ANNOTATIONS.title] ?? a[TEMPLATE_ANNOTATIONS.gatekeeperTitle] ?? template.kind,
        severity: (a[TEMPLATE_ANNOTATIONS.severity] ?? 'MEDIUM').toUpperCase(),
        ...(a[TEMPLATE_ANNOTATIONS.version] ? { version: a[TEMPLATE_ANNOTATIONS.version] } : {}),
        source,
        compliance,
        ...(pss ? { pss } : {}),
        constraints: [...constraints].sort((x, y) => (0,order/* byText */.z4)(x.name, y.name)),
        ...(problems.length ? { problems } : {})
    };
}
/** The `checks` of a `hardening-action.io/pss` annotation (`{"levels": [...], "checks": [...]}`). */
function pssChecks(raw, problems) {
    if (raw === undefined)
        return undefined;
    try {
        const checks = JSON.parse(raw).checks;
        if (Array.isArray(checks))
            return checks.map(String);
    }
    catch {
        // reported below
    }
    problems.push(`${TEMPLATE_ANNOTATIONS.pss} is not {"checks": [...]} JSON`);
    return undefined;
}


/***/ }),

/***/ 60:
/***/ ((module) => {

module.exports = /*#__PURE__*/JSON.parse('{"Is":{"cis-kubernetes":{"name":"CIS Kubernetes Benchmark v1.12","label":"CIS Kubernetes v1.12","controls":[{"id":"1.1.1","title":"Ensure that the API server pod specification file permissions are set to 600 or more restrictive"},{"id":"1.1.2","title":"Ensure that the API server pod specification file ownership is set to root:root"},{"id":"1.1.3","title":"Ensure that the controller manager pod specification file permissions are set to 600 or more restrictive"},{"id":"1.1.4","title":"Ensure that the controller manager pod specification file ownership is set to root:root"},{"id":"1.1.5","title":"Ensure that the scheduler pod specification file permissions are set to 600 or more restrictive"},{"id":"1.1.6","title":"Ensure that the scheduler pod specification file ownership is set to root:root"},{"id":"1.1.7","title":"Ensure that the etcd pod specification file permissions are set to 600 or more restrictive"},{"id":"1.1.8","title":"Ensure that the etcd pod specification file ownership is set to root:root"},{"id":"1.1.9","title":"Ensure that the Container Network Interface file permissions are set to 600 or more restrictive"},{"id":"1.1.10","title":"Ensure that the Container Network Interface file ownership is set to root:root"},{"id":"1.1.11","title":"Ensure that the etcd data directory permissions are set to 700 or more restrictive"},{"id":"1.1.12","title":"Ensure that the etcd data directory ownership is set to etcd:etcd"},{"id":"1.1.13","title":"Ensure that the default administrative credential file permissions are set to 600"},{"id":"1.1.14","title":"Ensure that the default administrative credential file ownership is set to root:root"},{"id":"1.1.15","title":"Ensure that the scheduler.conf file permissions are set to 600 or more restrictive"},{"id":"1.1.16","title":"Ensure that the scheduler.conf file ownership is set to root:root"},{"id":"1.1.17","title":"Ensure that the controller-manager.conf file permissions are set to 600 or more restrictive"},{"id":"1.1.18","title":"Ensure that the controller-manager.conf file ownership is set to root:root"},{"id":"1.1.19","title":"Ensure that the Kubernetes PKI directory and file ownership is set to root:root"},{"id":"1.1.20","title":"Ensure that the Kubernetes PKI certificate file permissions are set to 644 or more restrictive"},{"id":"1.1.21","title":"Ensure that the Kubernetes PKI key file permissions are set to 600"},{"id":"1.2.1","title":"Ensure that the --anonymous-auth argument is set to false"},{"id":"1.2.2","title":"Ensure that the --token-auth-file parameter is not set"},{"id":"1.2.3","title":"Ensure that the --DenyServiceExternalIPs is set"},{"id":"1.2.4","title":"Ensure that the --kubelet-client-certificate and --kubelet-client-key arguments are set as appropriate"},{"id":"1.2.5","title":"Ensure that the --kubelet-certificate-authority argument is set as appropriate"},{"id":"1.2.6","title":"Ensure that the --authorization-mode argument is not set to AlwaysAllow"},{"id":"1.2.7","title":"Ensure that the --authorization-mode argument includes Node"},{"id":"1.2.8","title":"Ensure that the --authorization-mode argument includes RBAC"},{"id":"1.2.9","title":"Ensure that the admission control plugin EventRateLimit is set"},{"id":"1.2.10","title":"Ensure that the admission control plugin AlwaysAdmit is not set"},{"id":"1.2.11","title":"Ensure that the admission control plugin AlwaysPullImages is set"},{"id":"1.2.12","title":"Ensure that the admission control plugin ServiceAccount is set"},{"id":"1.2.13","title":"Ensure that the admission control plugin NamespaceLifecycle is set"},{"id":"1.2.14","title":"Ensure that the admission control plugin NodeRestriction is set"},{"id":"1.2.15","title":"Ensure that the --profiling argument is set to false"},{"id":"1.2.16","title":"Ensure that the --audit-log-path argument is set"},{"id":"1.2.17","title":"Ensure that the --audit-log-maxage argument is set to 30 or as appropriate"},{"id":"1.2.18","title":"Ensure that the --audit-log-maxbackup argument is set to 10 or as appropriate"},{"id":"1.2.19","title":"Ensure that the --audit-log-maxsize argument is set to 100 or as appropriate"},{"id":"1.2.20","title":"Ensure that the --request-timeout argument is set as appropriate"},{"id":"1.2.21","title":"Ensure that the --service-account-lookup argument is set to true"},{"id":"1.2.22","title":"Ensure that the --service-account-key-file argument is set as appropriate"},{"id":"1.2.23","title":"Ensure that the --etcd-certfile and --etcd-keyfile arguments are set as appropriate"},{"id":"1.2.24","title":"Ensure that the --tls-cert-file and --tls-private-key-file arguments are set as appropriate"},{"id":"1.2.25","title":"Ensure that the --client-ca-file argument is set as appropriate"},{"id":"1.2.26","title":"Ensure that the --etcd-cafile argument is set as appropriate"},{"id":"1.2.27","title":"Ensure that the --encryption-provider-config argument is set as appropriate"},{"id":"1.2.28","title":"Ensure that encryption providers are appropriately configured"},{"id":"1.2.29","title":"Ensure that the API Server only makes use of Strong Cryptographic Ciphers"},{"id":"1.2.30","title":"Ensure that the --service-account-extend-token-expiration parameter is set to false"},{"id":"1.3.1","title":"Ensure that the --terminated-pod-gc-threshold argument is set as appropriate"},{"id":"1.3.2","title":"Ensure that the --profiling argument is set to false"},{"id":"1.3.3","title":"Ensure that the --use-service-account-credentials argument is set to true"},{"id":"1.3.4","title":"Ensure that the --service-account-private-key-file argument is set as appropriate"},{"id":"1.3.5","title":"Ensure that the --root-ca-file argument is set as appropriate"},{"id":"1.3.6","title":"Ensure that the RotateKubeletServerCertificate argument is set to true"},{"id":"1.3.7","title":"Ensure that the --bind-address argument is set to 127.0.0.1"},{"id":"1.4.1","title":"Ensure that the --profiling argument is set to false"},{"id":"1.4.2","title":"Ensure that the --bind-address argument is set to 127.0.0.1"},{"id":"2.1","title":"Ensure that the --cert-file and --key-file arguments are set as appropriate"},{"id":"2.2","title":"Ensure that the --client-cert-auth argument is set to true"},{"id":"2.3","title":"Ensure that the --auto-tls argument is not set to true"},{"id":"2.4","title":"Ensure that the --peer-cert-file and --peer-key-file arguments are set as appropriate"},{"id":"2.5","title":"Ensure that the --peer-client-cert-auth argument is set to true"},{"id":"2.6","title":"Ensure that the --peer-auto-tls argument is not set to true"},{"id":"2.7","title":"Ensure that a unique Certificate Authority is used for etcd"},{"id":"3.1.1","title":"Client certificate authentication should not be used for users"},{"id":"3.1.2","title":"Service account token authentication should not be used for users"},{"id":"3.1.3","title":"Bootstrap token authentication should not be used for users"},{"id":"3.2.1","title":"Ensure that a minimal audit policy is created"},{"id":"3.2.2","title":"Ensure that the audit policy covers key security concerns"},{"id":"4.1.1","title":"Ensure that the kubelet service file permissions are set to 600 or more restrictive"},{"id":"4.1.2","title":"Ensure that the kubelet service file ownership is set to root:root"},{"id":"4.1.3","title":"If proxy kubeconfig file exists ensure permissions are set to 600 or more restrictive"},{"id":"4.1.4","title":"If proxy kubeconfig file exists ensure ownership is set to root:root"},{"id":"4.1.5","title":"Ensure that the --kubeconfig kubelet.conf file permissions are set to 600 or more restrictive"},{"id":"4.1.6","title":"Ensure that the --kubeconfig kubelet.conf file ownership is set to root:root"},{"id":"4.1.7","title":"Ensure that the certificate authorities file permissions are set to 644 or more restrictive"},{"id":"4.1.8","title":"Ensure that the client certificate authorities file ownership is set to root:root"},{"id":"4.1.9","title":"If the kubelet config.yaml configuration file is being used validate permissions set to 600 or more restrictive"},{"id":"4.1.10","title":"If the kubelet config.yaml configuration file is being used validate file ownership is set to root:root"},{"id":"4.2.1","title":"Ensure that the --anonymous-auth argument is set to false"},{"id":"4.2.2","title":"Ensure that the --authorization-mode argument is not set to AlwaysAllow"},{"id":"4.2.3","title":"Ensure that the --client-ca-file argument is set as appropriate"},{"id":"4.2.4","title":"Verify that if defined, the --read-only-port argument is set to 0"},{"id":"4.2.5","title":"Ensure that the --streaming-connection-idle-timeout argument is not set to 0"},{"id":"4.2.6","title":"Ensure that the --make-iptables-util-chains argument is set to true"},{"id":"4.2.7","title":"Ensure that the --hostname-override argument is not set"},{"id":"4.2.8","title":"Ensure that the eventRecordQPS argument is set to a level which ensures appropriate event capture"},{"id":"4.2.9","title":"Ensure that the --tls-cert-file and --tls-private-key-file arguments are set as appropriate"},{"id":"4.2.10","title":"Ensure that the --rotate-certificates argument is not set to false"},{"id":"4.2.11","title":"Verify that the RotateKubeletServerCertificate argument is set to true"},{"id":"4.2.12","title":"Ensure that the Kubelet only makes use of Strong Cryptographic Ciphers"},{"id":"4.2.13","title":"Ensure that a limit is set on pod PIDs"},{"id":"4.2.14","title":"Ensure that the --seccomp-default parameter is set to true"},{"id":"4.3.1","title":"Ensure that the kube-proxy metrics service is bound to localhost"},{"id":"5.1.1","title":"Ensure that the cluster-admin role is only used where required"},{"id":"5.1.2","title":"Minimize access to secrets"},{"id":"5.1.3","title":"Minimize wildcard use in Roles and ClusterRoles"},{"id":"5.1.4","title":"Minimize access to create pods"},{"id":"5.1.5","title":"Ensure that default service accounts are not actively used"},{"id":"5.1.6","title":"Ensure that Service Account Tokens are only mounted where necessary"},{"id":"5.1.7","title":"Avoid use of system:masters group"},{"id":"5.1.8","title":"Limit use of the Bind, Impersonate and Escalate permissions in the Kubernetes cluster"},{"id":"5.1.9","title":"Minimize access to create persistent volumes"},{"id":"5.1.10","title":"Minimize access to the proxy sub-resource of nodes"},{"id":"5.1.11","title":"Minimize access to the approval sub-resource of certificatesigningrequests objects"},{"id":"5.1.12","title":"Minimize access to webhook configuration objects"},{"id":"5.1.13","title":"Minimize access to the service account token creation"},{"id":"5.2.1","title":"Ensure that the cluster has at least one active policy control mechanism in place"},{"id":"5.2.2","title":"Minimize the admission of privileged containers"},{"id":"5.2.3","title":"Minimize the admission of containers wishing to share the host process ID namespace"},{"id":"5.2.4","title":"Minimize the admission of containers wishing to share the host IPC namespace"},{"id":"5.2.5","title":"Minimize the admission of containers wishing to share the host network namespace"},{"id":"5.2.6","title":"Minimize the admission of containers with allowPrivilegeEscalation"},{"id":"5.2.7","title":"Minimize the admission of root containers"},{"id":"5.2.8","title":"Minimize the admission of containers with the NET_RAW capability"},{"id":"5.2.9","title":"Minimize the admission of containers with capabilities assigned"},{"id":"5.2.10","title":"Minimize the admission of Windows HostProcess containers"},{"id":"5.2.11","title":"Minimize the admission of HostPath volumes"},{"id":"5.2.12","title":"Minimize the admission of containers which use HostPorts"},{"id":"5.3.1","title":"Ensure that the CNI in use supports NetworkPolicies"},{"id":"5.3.2","title":"Ensure that all Namespaces have NetworkPolicies defined"},{"id":"5.4.1","title":"Prefer using Secrets as files over Secrets as environment variables"},{"id":"5.4.2","title":"Consider external secret storage"},{"id":"5.5.1","title":"Configure Image Provenance using ImagePolicyWebhook admission controller"},{"id":"5.6.1","title":"Create administrative boundaries between resources using namespaces"},{"id":"5.6.2","title":"Ensure that the seccomp profile is set to docker/default in your Pod definitions"},{"id":"5.6.3","title":"Apply SecurityContext to your Pods and Containers"},{"id":"5.6.4","title":"The default namespace should not be used"}]},"soc2":{"name":"SOC 2 Trust Services Criteria (2017, rev. 2022)","label":"SOC 2","controls":[{"id":"CC6.1","title":"Logical access security software, infrastructure and architectures protect information assets"},{"id":"CC6.2","title":"New internal and external users are registered and authorized before credentials are issued"},{"id":"CC6.3","title":"Access to data, software and functions is authorized, modified or removed based on roles and least privilege"},{"id":"CC6.4","title":"Physical access to facilities and protected information assets is restricted"},{"id":"CC6.5","title":"Logical and physical protections are discontinued only after the ability to read or recover data is removed"},{"id":"CC6.6","title":"Logical access security measures protect against threats from sources outside the system boundaries"},{"id":"CC6.7","title":"Transmission, movement and removal of information is restricted to authorized users and processes and protected"},{"id":"CC6.8","title":"Controls prevent or detect and act upon the introduction of unauthorized or malicious software"},{"id":"CC7.1","title":"Detection and monitoring procedures identify configuration changes and newly discovered vulnerabilities"},{"id":"CC7.2","title":"System components are monitored for anomalies indicative of malicious acts, natural disasters and errors"},{"id":"CC7.3","title":"Security events are evaluated to determine whether they are security incidents"},{"id":"CC7.4","title":"Identified security incidents are responded to with a defined incident response program"},{"id":"CC7.5","title":"Activities to recover from identified security incidents are identified, developed and implemented"},{"id":"CC8.1","title":"Changes to infrastructure, data, software and procedures are authorized, designed, tested, approved and implemented"},{"id":"A1.1","title":"Current processing capacity and use of system components are maintained, monitored and evaluated"},{"id":"A1.2","title":"Environmental protections, software, data backup and recovery infrastructure are authorized, implemented and monitored"},{"id":"A1.3","title":"Recovery plan procedures supporting system recovery are tested"}]},"iso27001-2022":{"name":"ISO/IEC 27001:2022 Annex A","label":"ISO/IEC 27001:2022","controls":[{"id":"A.8.1","title":"User end point devices"},{"id":"A.8.2","title":"Privileged access rights"},{"id":"A.8.3","title":"Information access restriction"},{"id":"A.8.4","title":"Access to source code"},{"id":"A.8.5","title":"Secure authentication"},{"id":"A.8.6","title":"Capacity management"},{"id":"A.8.7","title":"Protection against malware"},{"id":"A.8.8","title":"Management of technical vulnerabilities"},{"id":"A.8.9","title":"Configuration management"},{"id":"A.8.10","title":"Information deletion"},{"id":"A.8.11","title":"Data masking"},{"id":"A.8.12","title":"Data leakage prevention"},{"id":"A.8.13","title":"Information backup"},{"id":"A.8.14","title":"Redundancy of information processing facilities"},{"id":"A.8.15","title":"Logging"},{"id":"A.8.16","title":"Monitoring activities"},{"id":"A.8.17","title":"Clock synchronization"},{"id":"A.8.18","title":"Use of privileged utility programs"},{"id":"A.8.19","title":"Installation of software on operational systems"},{"id":"A.8.20","title":"Networks security"},{"id":"A.8.21","title":"Security of network services"},{"id":"A.8.22","title":"Segregation of networks"},{"id":"A.8.23","title":"Web filtering"},{"id":"A.8.24","title":"Use of cryptography"},{"id":"A.8.25","title":"Secure development life cycle"},{"id":"A.8.26","title":"Application security requirements"},{"id":"A.8.27","title":"Secure system architecture and engineering principles"},{"id":"A.8.28","title":"Secure coding"},{"id":"A.8.29","title":"Security testing in development and acceptance"},{"id":"A.8.30","title":"Outsourced development"},{"id":"A.8.31","title":"Separation of development, test and production environments"},{"id":"A.8.32","title":"Change management"},{"id":"A.8.33","title":"Test information"},{"id":"A.8.34","title":"Protection of information systems during audit testing"}]},"hipaa":{"name":"HIPAA Security Rule, 45 CFR 164.312","label":"HIPAA 45 CFR 164.312","controls":[{"id":"164.312(a)(1)","title":"Access control"},{"id":"164.312(a)(2)(i)","title":"Unique user identification (required)"},{"id":"164.312(a)(2)(ii)","title":"Emergency access procedure (required)"},{"id":"164.312(a)(2)(iii)","title":"Automatic logoff (addressable)"},{"id":"164.312(a)(2)(iv)","title":"Encryption and decryption (addressable)"},{"id":"164.312(b)","title":"Audit controls"},{"id":"164.312(c)(1)","title":"Integrity"},{"id":"164.312(c)(2)","title":"Mechanism to authenticate electronic protected health information (addressable)"},{"id":"164.312(d)","title":"Person or entity authentication"},{"id":"164.312(e)(1)","title":"Transmission security"},{"id":"164.312(e)(2)(i)","title":"Integrity controls (addressable)"},{"id":"164.312(e)(2)(ii)","title":"Encryption (addressable)"}]}},"j5":{"UU":"Kubernetes Pod Security Standards","ne":[{"id":"hostProbesAndHostLifecycle","level":"baseline","title":"Host probes and lifecycle hooks: the host field is not set"},{"id":"windowsHostProcess","level":"baseline","title":"HostProcess: Windows HostProcess containers are not allowed"},{"id":"hostNamespaces","level":"baseline","title":"Host namespaces: the host network, PID and IPC namespaces are not shared"},{"id":"privileged","level":"baseline","title":"Privileged containers are not allowed"},{"id":"capabilities_baseline","level":"baseline","title":"Capabilities: only the default set may be added"},{"id":"hostPathVolumes","level":"baseline","title":"HostPath volumes are not allowed"},{"id":"hostPorts","level":"baseline","title":"Host ports are not allowed (or limited to a known list)"},{"id":"appArmorProfile","level":"baseline","title":"AppArmor: the default profile may not be overridden or disabled"},{"id":"seLinuxOptions","level":"baseline","title":"SELinux: custom user or role options are not allowed, types are limited"},{"id":"procMount","level":"baseline","title":"/proc mount type: the default masks are kept"},{"id":"seccompProfile_baseline","level":"baseline","title":"Seccomp: the profile is not set to Unconfined"},{"id":"sysctls","level":"baseline","title":"Sysctls: only the safe subset may be set"},{"id":"restrictedVolumes","level":"restricted","title":"Volume types: only the listed volume types are allowed"},{"id":"allowPrivilegeEscalation","level":"restricted","title":"Privilege escalation (such as via set-user-ID or set-group-ID file mode) is not allowed"},{"id":"runAsNonRoot","level":"restricted","title":"Running as non-root: containers must set runAsNonRoot"},{"id":"runAsUser","level":"restricted","title":"Running as non-root user: runAsUser is not 0"},{"id":"seccompProfile_restricted","level":"restricted","title":"Seccomp: the profile is RuntimeDefault or Localhost"},{"id":"capabilities_restricted","level":"restricted","title":"Capabilities: drop ALL, add at most NET_BIND_SERVICE"},{"id":"procMount_restricted","level":"restricted","title":"/proc mount type: the default masks are kept, also in user namespaces"}]}}');

/***/ })

};
