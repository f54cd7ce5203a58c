export const id = 916;
export const ids = [916];
export const modules = {

/***/ 9938:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  bJ: () => (/* binding */ fixResourceSettings),
  hF: () => (/* binding */ layerInputs),
  $n: () => (/* binding */ loadCliConfigFile),
  Bp: () => (/* binding */ withPathSettings)
});

// UNUSED EXPORTS: CONFIG_FILE_SCHEMA, DEFAULT_CONFIG_FILE, MAX_CONFIG_FILE_BYTES, actionInputGiven, loadConfigFile, parseConfigFile, withFileResources

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
;// CONCATENATED MODULE: ./docs/hardening.schema.json
const hardening_schema_namespaceObject = /*#__PURE__*/JSON.parse('{"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://github.com/org/hardening-action/docs/hardening.schema.json","title":"hardening-action config file (.hardening.yaml)","description":"Every action input (and CLI option) by its input name, per-path settings and the fixes\' resource defaults. Inputs given to the action or the CLI override the file. On pull requests the file is read from the base branch (docs/config.md).","type":"object","additionalProperties":false,"properties":{"scan-path":{"description":"Directory (inside the workspace) the repository scan walks for secrets, licenses and vulnerable dependencies.","type":"string"},"manifests":{"description":"Kubernetes manifest files or directories to check, one per line or comma-separated. Empty means scan-path.","anyOf":[{"type":"string"},{"type":"array","items":{"type":"string"}}]},"images":{"description":"Container images (registry/name:tag or name@sha256:digest) or image tarballs (.tar) to scan, one per line or comma-separated.","anyOf":[{"type":"string"},{"type":"array","items":{"type":"string"}}]},"policy-bundle":{"description":"Bundled policy set to evaluate (all, image-hygiene, resources, network-exposure, pss-baseline, pss-restricted, pss-privileged) or none.","type":"string","enum":["all","image-hygiene","network-exposure","pss-baseline","pss-privileged","pss-restricted","resources","none"]},"policies":{"description":"Extra directories with your own Gatekeeper ConstraintTemplates and Constraints, evaluated the same way, one per line or comma-separated.","anyOf":[{"type":"string"},{"type":"array","items":{"type":"string"}}]},"policy-enforcement":{"description":"Enforcement of the bundled constraints in CI (deny, warn, dryrun), or as-declared to keep each constraint\'s enforcementAction.","type":"string","enum":["deny","warn","dryrun","as-declared"]},"unreadable-manifests":{"description":"A file that looks like a Kubernetes manifest (apiVersion and kind) but cannot be read as Kubernetes reads it, or manifests over the size limits, fail the check (fail) or are only reported as a warning (warn).","type":"string","enum":["fail","warn"]},"helm-values":{"description":"Values files for Helm charts, one values set per line: chart-dir=values-prod.yaml,values-extra.yaml (chart-dir relative to the workspace, values files relative to the chart, applied after its values.yaml in order). Name a chart on several lines (chart-dir=values-prod.yaml, then chart-dir=values-dev.yaml) to render and check it once per set; each finding then says which set produced it. Charts not listed render with their own values.yaml. Every path must stay inside the workspace, links included.","type":"string"},"kustomize-remote":{"description":"Let kustomize fetch the remote bases, components and URLs a kustomization names (git repositories, http(s) files, Helm chart repositories). Off by default: such a kustomization is refused and fails the gate, because a pull request could otherwise make the runner contact a host of its choosing.","type":"boolean"},"scanners":{"description":"Scanners to run, comma-separated, from image, repository, policies, trivy-config. The image scanner runs only when images is set.","anyOf":[{"type":"string"},{"type":"array","items":{"type":"string"}}]},"repository-scanners":{"description":"Trivy checks for the repository scan, from vuln, secret, license, misconfig.","anyOf":[{"type":"string"},{"type":"array","items":{"type":"string","enum":["vuln","secret","license","misconfig"]}}]},"image-scanners":{"description":"Trivy checks for images, from vuln, secret, license, misconfig (add license to scan image licenses).","anyOf":[{"type":"string"},{"type":"array","items":{"type":"string","enum":["vuln","secret","license","misconfig"]}}]},"fail-on-severity":{"description":"Lowest severity that fails the check (critical, high, medium, low) or none. Waived, dryrun and warn findings never fail it.","type":"string","enum":["critical","high","medium","low","none"]},"fail-on-severity-by-scanner":{"description":"Per-scanner thresholds that replace fail-on-severity for that scanner, comma-separated, e.g. image=critical,policies=high (none never fails).","anyOf":[{"type":"string"},{"type":"array","items":{"type":"string"}}]},"fail-on":{"description":"all fails on any finding at or above fail-on-severity; new fails only on findings missing from baseline-file.","type":"string","enum":["all","new"]},"baseline-file":{"description":"A findings.json from an earlier run (e.g. the default branch) for fail-on new.","type":"string"},"waivers-file":{"description":"Waiver file (rule, scope, reason, owner, expires). Waived findings stay in every report, marked suppressed.","type":"string"},"trivy-ignore-file":{"description":"A .trivyignore (ids, optional exp:YYYY-MM-DD) or .trivyignore.yaml file inside the workspace. Its entries are reported as waived findings with the file as the reason, never dropped. Trivy itself never reads an ignore file, trivy.yaml or trivy-secret.yaml from the repository.","type":"string"},"ignore-unfixed":{"description":"Skip vulnerabilities that have no fixed version yet.","type":"boolean"},"trivy-version":{"description":"Trivy release to install (verified by SHA-256).","type":"string"},"conftest-version":{"description":"conftest release to install (verified by SHA-256).","type":"string"},"skip-db-update":{"description":"Use the cached Trivy vulnerability DB without updating it (air-gapped runners).","type":"boolean"},"db-repository":{"description":"Trivy DB OCI repositories, comma-separated; Trivy falls back to the next one on 429 or 5xx. Empty means Trivy\'s default.","anyOf":[{"type":"string"},{"type":"array","items":{"type":"string"}}]},"trivy-cache-dir":{"description":"Trivy cache directory (vulnerability DB). Empty means ~/.cache/hardening-action/trivy.","type":"string"},"tool-mirror":{"description":"Base URL of the release host for Trivy and conftest downloads (a mirror of github.com releases). https only (plain http only for a loopback host); no credentials in the URL.","type":"string"},"trusted-tool-dir":{"description":"Opt-in: a directory whose trivy and conftest (at the requested versions) run without being checked against a pin, e.g. tools you built in an earlier step. Never inside the checkout. Empty: only pinned releases, verified by SHA-256, run (a tool on PATH or a tool-cache copy that does not match is not used).","type":"string"},"scan-timeout":{"description":"Seconds each scan may take before it is stopped and reported as failed.","type":"integer","minimum":1},"output-dir":{"description":"Directory (relative to the workspace) for results.sarif, findings.json, summary.md and evidence/.","type":"string"},"scan-changed-only":{"description":"On pull requests, report manifest findings only for the files the pull request changes (a kustomization or chart directory counts as changed when any file in it does); policies still see every manifest as inventory, and the summary and comment say how many manifest files were not checked. Ignored, with a notice, on other events.","type":"boolean"},"sbom":{"description":"Write a CycloneDX SBOM (Trivy\'s own) per scanned image, and one for the repository when the repository scanner runs, into <output-dir>/sbom/; the paths are in the sbom-files output.","type":"boolean"},"upload-sarif":{"description":"Upload the SARIF to code scanning (needs permission security-events: write; skipped with a warning on fork PRs).","type":"boolean"},"comment":{"description":"PR comment: always, on-failure or never. One comment, updated in place (needs permission pull-requests: write).","type":"string","enum":["always","on-failure","never"]},"suggest-fixes":{"description":"On pull requests, post verified fixes for policy findings on lines the PR changes as one review of suggestion blocks, kept current on every run; the PR comment lists the other fixes with the hardening fix command (needs permission pull-requests: write).","type":"boolean"},"fix-cloud":{"description":"For suggest-fixes: aws, gcp or azure, the cloud whose internal load-balancer annotation fixes a public LoadBalancer Service. Empty: that fix is listed as manual.","type":"string"},"fix-resources-default":{"description":"For suggest-fixes: requests and limits to fill in where a container lacks them, e.g. cpu=100m,memory=128Mi (both) or requests.cpu=100m,limits.memory=1Gi. Empty: those fixes are listed as manual (sizes come from your workloads, not from us).","type":"string"},"dependency-submission":{"description":"Submit the SBOMs (written as with sbom: true) to the repository\'s dependency graph through GitHub\'s dependency submission API, one snapshot per image and for the repository, so their packages get Dependabot alerts (needs permission contents: write; skipped with a warning on fork PRs and read-only tokens).","type":"boolean"},"paths":{"description":"Settings for manifests and findings in matching files. For each setting, the last entry that matches a file and gives that setting decides.","type":"array","items":{"type":"object","additionalProperties":false,"required":["glob"],"minProperties":2,"properties":{"glob":{"description":"Repository-relative path pattern; * matches any characters, / included (deploy/legacy/*).","type":"string","minLength":1},"fail-on-severity":{"description":"Lowest severity that fails the check for findings in these files (none: reported, never failing). Replaces fail-on-severity and fail-on-severity-by-scanner there.","type":"string","enum":["critical","high","medium","low","none"]},"policy-bundle":{"description":"The bundled policy bundle for the manifests in these files, instead of policy-bundle (none: no bundled policies there).","type":"string","enum":["all","image-hygiene","network-exposure","pss-baseline","pss-privileged","pss-restricted","resources","none"]},"policies":{"description":"Directories of extra ConstraintTemplates and Constraints for the manifests in these files, instead of policies (an empty list: none there).","anyOf":[{"type":"string"},{"type":"array","items":{"type":"string","minLength":1}}]},"exclude":{"description":"true: no policy or Trivy misconfiguration findings for the manifests in these files; the report lists them as not checked. false: they are checked again (under an earlier exclude).","type":"boolean"}}}},"fix":{"description":"Choices the fixes need that no manifest makes.","type":"object","additionalProperties":false,"properties":{"resources":{"description":"Requests and limits for containers that lack them: a default and per-namespace values (merged over the default). The fix-resources-default input replaces both.","type":"object","additionalProperties":false,"properties":{"default":{"description":"Requests and limits a fix writes where a container lacks them: the text fix-resources-default takes (cpu=100m,memory=128Mi or requests.cpu=100m,limits.memory=1Gi), or a mapping of requests and limits.","anyOf":[{"type":"string","minLength":1},{"type":"object","additionalProperties":false,"minProperties":1,"properties":{"requests":{"type":"object","additionalProperties":false,"minProperties":1,"properties":{"cpu":{"type":["string","number"]},"memory":{"type":["string","number"]},"ephemeral-storage":{"type":["string","number"]}}},"limits":{"type":"object","additionalProperties":false,"minProperties":1,"properties":{"cpu":{"type":["string","number"]},"memory":{"type":["string","number"]},"ephemeral-storage":{"type":["string","number"]}}}}}]},"namespaces":{"type":"object","additionalProperties":{"description":"Requests and limits a fix writes where a container lacks them: the text fix-resources-default takes (cpu=100m,memory=128Mi or requests.cpu=100m,limits.memory=1Gi), or a mapping of requests and limits.","anyOf":[{"type":"string","minLength":1},{"type":"object","additionalProperties":false,"minProperties":1,"properties":{"requests":{"type":"object","additionalProperties":false,"minProperties":1,"properties":{"cpu":{"type":["string","number"]},"memory":{"type":["string","number"]},"ephemeral-storage":{"type":["string","number"]}}},"limits":{"type":"object","additionalProperties":false,"minProperties":1,"properties":{"cpu":{"type":["string","number"]},"memory":{"type":["string","number"]},"ephemeral-storage":{"type":["string","number"]}}}}}]}}}}}}}}');
// EXTERNAL MODULE: ./src/fix/settings.ts
var settings = __webpack_require__(194);
// EXTERNAL MODULE: ./src/manifests/kube-yaml.ts
var kube_yaml = __webpack_require__(4345);
// EXTERNAL MODULE: ./src/config/inputs.ts + 1 modules
var config_inputs = __webpack_require__(388);
;// CONCATENATED MODULE: ./src/config/file.ts
// The config file (`.hardening.yaml`): every action input by its input name, per-path settings
// (threshold, policy bundle, extra policies, exclusion) and the fixes' resource defaults. Read
// with the manifests' hardened YAML reader (aliases under go-yaml's limit, one document), checked
// against the published JSON Schema (docs/hardening.schema.json) with the file's line in every
// message, and layered under the inputs: an input the workflow (or a CLI flag) sets always wins
// over the file.






const DEFAULT_CONFIG_FILE = '.hardening.yaml';
/** A config file is a page of settings; anything this large is a mistake or an attack. */
const MAX_CONFIG_FILE_BYTES = 256 * 1024;
const CONFIG_FILE_SCHEMA = hardening_schema_namespaceObject;
/** Reads a config file from disk; undefined when it does not exist. */
async function loadConfigFile(file, name) {
    let size;
    try {
        const info = await (0,promises_.stat)(file);
        if (!info.isFile())
            throw new config_inputs/* ConfigError */.xL(`${name}: not a regular file.`);
        size = info.size;
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return undefined;
        throw error;
    }
    if (size > MAX_CONFIG_FILE_BYTES)
        throw tooLarge(name, size);
    return parseConfigFile(await (0,promises_.readFile)(file, 'utf8'), name);
}
/** The CLI's config file: `--config FILE` (which must exist), else `.hardening.yaml` when present. */
async function loadCliConfigFile(option, cwd) {
    const name = option ?? DEFAULT_CONFIG_FILE;
    const file = await loadConfigFile(external_node_path_default().resolve(cwd, name), name);
    if (!file && option !== undefined)
        throw new config_inputs/* ConfigError */.xL(`--config: ${option} does not exist.`);
    return file;
}
function tooLarge(name, size) {
    return new config_inputs/* ConfigError */.xL(`${name}: ${size} bytes is more than a config file may have (${MAX_CONFIG_FILE_BYTES}).`);
}
/** Parses and validates config file text; every problem is a ConfigError naming `name:line`. */
function parseConfigFile(text, name) {
    const bytes = Buffer.byteLength(text);
    if (bytes > MAX_CONFIG_FILE_BYTES)
        throw tooLarge(name, bytes);
    const documents = [...(0,kube_yaml/* readKubeYaml */.X2)(text)].filter((d) => d.error || d.value !== null);
    if (documents.length > 1)
        throw new config_inputs/* ConfigError */.xL(`${name}:${documents[1].line}: a config file holds one YAML document.`);
    const document = documents[0];
    if (!document)
        return { name, inputs: new Map(), paths: [] };
    if (document.error)
        throw new config_inputs/* ConfigError */.xL(`${name}:${document.error.line}: invalid YAML: ${document.error.message}`);
    const lineOf = (path) => document.lineOf(path) ?? document.line;
    const problems = validate(CONFIG_FILE_SCHEMA, document.value, []);
    if (problems.length > 0)
        throw new config_inputs/* ConfigError */.xL(problems
            .map((p) => `${name}:${lineOf(p.path)}: ${p.path.length ? `${shown(p.path)}: ` : ''}${p.message}`)
            .join('\n'));
    return toConfigFile(document, name, lineOf);
}
function toConfigFile(document, name, lineOf) {
    const { paths = [], fix, ...inputs } = document.value;
    const resources = fix?.resources;
    const resourceDefaults = (text, path) => (0,settings/* parseResourceDefaults */.g0)(resourceText(text), `${name}:${lineOf(path)}: ${shown(path)}`);
    const base = resources?.default
        ? resourceDefaults(resources.default, ['fix', 'resources', 'default'])
        : undefined;
    return {
        name,
        inputs: new Map(Object.entries(inputs).map(([input, value]) => [
            input,
            { value: inputText(value), line: lineOf([input]) }
        ])),
        paths: paths.map((entry, index) => {
            const { glob, 'fail-on-severity': failOn, 'policy-bundle': bundle, policies, exclude } = entry;
            return {
                glob,
                line: lineOf(['paths', index]),
                ...(failOn === undefined ? {} : { threshold: (0,config_inputs/* toThreshold */.l3)(failOn) }),
                ...(bundle === undefined ? {} : { policyBundle: bundle }),
                ...(policies === undefined ? {} : { policies: (0,config_inputs/* list */.p_)(inputText(policies)) }),
                ...(exclude === undefined ? {} : { exclude })
            };
        }),
        ...(resources
            ? {
                resources: {
                    ...(base ? { default: base } : {}),
                    namespaces: Object.fromEntries(Object.entries(resources.namespaces ?? {}).map(([namespace, text]) => {
                        const own = resourceDefaults(text, ['fix', 'resources', 'namespaces', namespace]);
                        return [
                            namespace,
                            {
                                requests: { ...base?.requests, ...own.requests },
                                limits: { ...base?.limits, ...own.limits }
                            }
                        ];
                    }))
                }
            }
            : {})
    };
}
/** A value of the file as the input's text: lists one entry per line, booleans and numbers as written. */
function inputText(value) {
    return Array.isArray(value) ? value.join('\n') : String(value);
}
/** The mapping form of resource defaults as the text form fix-resources-default takes. */
function resourceText(value) {
    if (typeof value === 'string')
        return value;
    return ['requests', 'limits']
        .flatMap((kind) => Object.entries(value[kind] ?? {}).map(([resource, quantity]) => `${kind}.${resource}=${String(quantity)}`))
        .join(',');
}
/**
 * The inputs as the run sees them: an input that is given wins; otherwise the file's value.
 * `given` says whether a raw input was given. `attempt` runs a reader of the inputs and turns a
 * ConfigError about a value that came from the file into one naming the file and line.
 */
function layerInputs(read, file, given) {
    const fromFile = new Set();
    const explain = (error) => {
        const match = /^Inputs? '([a-z0-9-]+)' ?/.exec(error.message);
        const input = match && fromFile.has(match[1]) ? file?.inputs.get(match[1]) : undefined;
        if (!(error instanceof config_inputs/* ConfigError */.xL) || !input)
            return error;
        return new config_inputs/* ConfigError */.xL(`${file.name}:${input.line}: ${match[1]}: ${error.message.slice(match[0].length)}`);
    };
    return {
        read: (name) => {
            const raw = read(name);
            const own = file?.inputs.get(name);
            if (!own || given(name, raw))
                return raw;
            fromFile.add(name);
            return own.value;
        },
        attempt: (reader) => {
            try {
                return reader();
            }
            catch (error) {
                throw explain(error);
            }
        }
    };
}
const ACTION_DEFAULTS = { ...config_inputs/* INPUT_DEFAULTS */.WJ, ...config_inputs/* PUBLISH_INPUT_DEFAULTS */._f };
/**
 * Whether the workflow gave the action an input. The runner passes action.yml's default for every
 * input left out, so an input equal to its default counts as not given (docs/config.md).
 */
function actionInputGiven(name, raw) {
    const value = raw.trim();
    return value !== '' && value !== ACTION_DEFAULTS[name];
}
/**
 * The scan configuration with the file's per-path settings: thresholds for the gate, and the
 * policy settings for the policies scanner (extra policy directories resolved in the workspace).
 */
function withPathSettings(config, file) {
    if (!file?.paths.length)
        return config;
    const thresholds = file.paths.flatMap(({ glob, threshold }) => threshold === undefined ? [] : [{ glob, threshold }]);
    const policies = file.paths.flatMap((rule, index) => {
        const { glob, line, policyBundle, policies: dirs, exclude } = rule;
        if (policyBundle === undefined && dirs === undefined && exclude === undefined)
            return [];
        const where = `${file.name}:${line}`;
        const resolve = (dir) => {
            try {
                return (0,config_inputs/* insideWorkspace */.CT)(config.workspace, dir, 'policies');
            }
            catch (error) {
                if (!(error instanceof config_inputs/* ConfigError */.xL))
                    throw error;
                throw new config_inputs/* ConfigError */.xL(`${where}: paths[${index}].policies: ${error.message.replace(/^Input 'policies' /, '')}`);
            }
        };
        return [
            {
                glob,
                origin: where,
                ...(policyBundle === undefined ? {} : { policyBundle }),
                ...(dirs === undefined ? {} : { extraPolicies: dirs.map(resolve) }),
                ...(exclude === undefined ? {} : { exclude })
            }
        ];
    });
    return {
        ...config,
        ...(thresholds.length ? { failOnSeverityByPath: thresholds } : {}),
        ...(policies.length ? { policiesByPath: policies } : {})
    };
}
/**
 * The fix engine's requests and limits: defaults given as an input or flag
 * (fix-resources-default, --resources-default) replace the file's `fix.resources` entirely.
 */
function fixResourceSettings(given, file) {
    const resources = given ? undefined : file?.resources;
    const defaults = given ?? resources?.default;
    return {
        ...(defaults ? { resourceDefaults: defaults } : {}),
        ...(resources ? { resourcesByNamespace: resources.namespaces } : {})
    };
}
/** The publishing configuration with the file's resource defaults for fixes (see fixResourceSettings). */
function withFileResources(publish, file) {
    const { resourceDefaults, resourcesByNamespace } = fixResourceSettings(publish.fixResourceDefaults, file);
    return {
        ...publish,
        ...(resourceDefaults ? { fixResourceDefaults: resourceDefaults } : {}),
        ...(resourcesByNamespace ? { fixResourcesByNamespace: resourcesByNamespace } : {})
    };
}
function validate(schema, value, path) {
    if (schema.anyOf) {
        const branches = schema.anyOf.map((branch) => validate(branch, value, path));
        if (branches.some((problems) => problems.length === 0))
            return [];
        // The branch of the value's own type explains best what is wrong inside it.
        const typed = schema.anyOf.findIndex((branch) => branch.type && typeMatches(branch.type, value));
        if (typed >= 0)
            return branches[typed];
        return [{ path, message: `must be ${schema.anyOf.map(describe).join(' or ')}` }];
    }
    if (schema.type && !typeMatches(schema.type, value))
        return [{ path, message: `must be ${describe(schema)}` }];
    if (schema.enum && !schema.enum.includes(value))
        return [
            { path, message: `must be one of ${schema.enum.join(', ')}; got ${JSON.stringify(value)}` }
        ];
    if (typeof value === 'string') {
        if (schema.minLength !== undefined && value.length < schema.minLength)
            return [{ path, message: 'must not be empty' }];
    }
    if (typeof value === 'number' && schema.minimum !== undefined && value < schema.minimum)
        return [{ path, message: `must be at least ${schema.minimum}` }];
    if (Array.isArray(value) && schema.items) {
        const items = schema.items;
        return value.flatMap((item, index) => validate(items, item, [...path, index]));
    }
    if (isMapping(value))
        return validateMapping(schema, value, path);
    return [];
}
function validateMapping(schema, value, path) {
    const keys = Object.keys(value);
    const properties = schema.properties ?? {};
    const required = schema.required ?? [];
    const missing = required.filter((key) => !keys.includes(key));
    if (schema.minProperties !== undefined && keys.length < schema.minProperties && !missing.length) {
        // A `paths:` entry with only its glob: name the settings it could give.
        const optional = Object.keys(properties).filter((key) => !required.includes(key));
        const message = required.length ? `needs one of ${optional.join(', ')}` : 'must not be empty';
        return [{ path, message }];
    }
    const problems = missing.map((key) => ({ path, message: `needs '${key}'` }));
    for (const key of keys) {
        const own = Object.hasOwn(properties, key) ? properties[key] : undefined;
        const rule = own ?? schema.additionalProperties;
        if (rule === false)
            problems.push({
                path: [...path, key],
                message: `unknown setting; known here: ${Object.keys(properties).join(', ')}`
            });
        else if (rule && rule !== true)
            problems.push(...validate(rule, value[key], [...path, key]));
    }
    return problems;
}
function typeMatches(type, value) {
    return (Array.isArray(type) ? type : [type]).some((one) => {
        switch (one) {
            case 'string':
                return typeof value === 'string';
            case 'boolean':
                return typeof value === 'boolean';
            case 'integer':
                return Number.isInteger(value);
            case 'number':
                return typeof value === 'number' && Number.isFinite(value);
            case 'array':
                return Array.isArray(value);
            case 'object':
                return isMapping(value);
        }
    });
}
const TYPE_WORDS = {
    string: 'a string',
    boolean: 'true or false',
    integer: 'a whole number',
    number: 'a number',
    array: 'a list',
    object: 'a mapping'
};
function describe(schema) {
    if (schema.enum)
        return `one of ${schema.enum.join(', ')}`;
    const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
    const words = types.map((type) => TYPE_WORDS[type]).join(' or ');
    return schema.items ? `${words} (each ${describe(schema.items)})` : words;
}
function isMapping(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/** `paths[1].fail-on-severity` */
function shown(path) {
    return path
        .map((segment, index) => typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`)
        .join('');
}


/***/ }),

/***/ 388:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  xL: () => (/* reexport */ errors/* ConfigError */.x),
  WJ: () => (/* binding */ INPUT_DEFAULTS),
  _f: () => (/* binding */ PUBLISH_INPUT_DEFAULTS),
  CT: () => (/* binding */ insideWorkspace),
  p_: () => (/* binding */ list),
  Xg: () => (/* binding */ readConfig),
  l3: () => (/* binding */ toThreshold)
});

// UNUSED EXPORTS: COMMENT_MODES, CONFIG_FILE_INPUT_DEFAULTS, REGISTRY_INPUT_DEFAULTS, readConfigFileChoice, readPublishConfig, reportId

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
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/scanners/registry.ts + 3 modules
var registry = __webpack_require__(8168);
// EXTERNAL MODULE: ./src/tools/urls.ts
var urls = __webpack_require__(5005);
// EXTERNAL MODULE: ./src/fix/settings.ts
var settings = __webpack_require__(194);
;// CONCATENATED MODULE: ./src/config/scan-config.ts
const TRIVY_CHECKS = ['vuln', 'secret', 'license', 'misconfig'];
const POLICY_ENFORCEMENTS = ['deny', 'warn', 'dryrun', 'as-declared'];
const UNREADABLE_MANIFEST_MODES = ['fail', 'warn'];
const FAIL_ON_SEVERITIES = ['critical', 'high', 'medium', 'low', 'none'];
/** `fail-on`: every finding at or above the threshold counts, or only those missing from the baseline. */
const FAIL_ON_MODES = ['all', 'new'];
/** When the action writes its PR comment (the `comment` input). */
const scan_config_COMMENT_MODES = (/* unused pure expression or super */ null && (['always', 'on-failure', 'never']));

;// CONCATENATED MODULE: ./src/config/inputs.ts









/** Readers of the configuration catch it from here; it lives lower so that findings/ can throw it. */

const INPUT_DEFAULTS = {
    'scan-path': '.',
    manifests: '',
    images: '',
    'policy-bundle': 'all',
    policies: '',
    'policy-enforcement': 'deny',
    'unreadable-manifests': 'fail',
    'helm-values': '',
    'kustomize-remote': 'false',
    scanners: (0,registry/* scannerNames */.tN)().join(','),
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
    'output-dir': 'hardening-results',
    'scan-changed-only': 'false',
    sbom: 'false'
};
/**
 * The registry login of the action (the CLI's Trivy reads TRIVY_USERNAME and friends from the
 * user's environment). Kept out of INPUT_DEFAULTS, which other sources (a config file in the
 * repository) may fill: a password belongs in the workflow's secrets only.
 */
const REGISTRY_INPUT_DEFAULTS = {
    'registry-username': '',
    'registry-password': '',
    'registry-token': ''
};
const VERSION_PATTERN = /^v?\d+\.\d+\.\d+$/;
const IMAGE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._\-/:@]*$/;
function readConfig(read, workspace) {
    const get = (name) => read(name).trim() || INPUT_DEFAULTS[name];
    const failOn = oneOf(get('fail-on-severity'), FAIL_ON_SEVERITIES, 'fail-on-severity');
    const known = (0,registry/* scannerNames */.tN)();
    const scanners = list(get('scanners')).map((name) => oneOf(name, known, 'scanners'));
    const images = list(get('images'));
    for (const image of images) {
        if (!IMAGE_PATTERN.test(image)) {
            throw new errors/* ConfigError */.x(`Input 'images' has an invalid image reference '${image}': use registry/name:tag or name@sha256:digest.`);
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
        helmValues: helmValues(get('helm-values'), workspace),
        kustomizeRemote: bool(get('kustomize-remote'), 'kustomize-remote'),
        extraPolicies: list(get('policies')).map((entry) => insideWorkspace(workspace, entry, 'policies')),
        scanners: [...new Set(scanners)],
        repositoryScanners: unique(list(get('repository-scanners')).map((c) => oneOf(c, TRIVY_CHECKS, 'repository-scanners'))),
        imageScanners: unique(list(get('image-scanners')).map((c) => oneOf(c, TRIVY_CHECKS, 'image-scanners'))),
        failOnSeverity: toThreshold(failOn),
        failOnSeverityByScanner: Object.fromEntries(list(get('fail-on-severity-by-scanner')).map((entry) => {
            const [scanner, severity] = entry.split('=').map((part) => part.trim());
            const name = 'fail-on-severity-by-scanner';
            if (severity === undefined) {
                throw new errors/* ConfigError */.x(`Input '${name}' entries look like image=critical; got '${entry}'.`);
            }
            return [oneOf(scanner, known, name), toThreshold(oneOf(severity, FAIL_ON_SEVERITIES, name))];
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
        outputDir: insideWorkspace(workspace, get('output-dir'), 'output-dir', true),
        scanChangedOnly: bool(get('scan-changed-only'), 'scan-changed-only'),
        sbom: bool(get('sbom'), 'sbom'),
        ...registryCredentials(read)
    };
}
/**
 * The registry login, checked without ever quoting a value. Trivy reads TRIVY_USERNAME and
 * TRIVY_PASSWORD as lists split at commas and whitespace, so such a value could not arrive whole.
 */
function registryCredentials(read) {
    const username = read('registry-username').trim();
    const password = read('registry-password').trim();
    const token = read('registry-token').trim();
    if (token && (username || password))
        throw new errors/* ConfigError */.x("Inputs 'registry-token' and 'registry-username'/'registry-password' exclude each other: give one login.");
    if (token)
        return { registryCredentials: { token } };
    if (!username && !password)
        return {};
    if (!password)
        throw new errors/* ConfigError */.x("Input 'registry-username' is set but 'registry-password' is empty.");
    if (!username)
        throw new errors/* ConfigError */.x("Input 'registry-password' is set but 'registry-username' is empty.");
    for (const [name, value] of [
        ['registry-username', username],
        ['registry-password', password]
    ])
        if (/[\s,]/.test(value))
            throw new errors/* ConfigError */.x(`Input '${name}' contains a comma or whitespace, which Trivy would split into several values; use 'registry-token' instead.`);
    return { registryCredentials: { username, password } };
}
/**
 * `helm-values`: one values set per line, `chart-dir=values-prod.yaml,values-extra.yaml`, as
 * lists of absolute paths by absolute chart directory; a chart on several lines renders once per
 * line. The files come from the checkout: each must be a file that stays inside the workspace,
 * links included.
 */
function helmValues(value, workspace) {
    const name = 'helm-values';
    const charts = {};
    for (const line of value.split('\n')) {
        const entry = line.replace(/#.*$/, '').trim();
        if (!entry)
            continue;
        const equals = entry.indexOf('=');
        const chartEntry = equals < 0 ? '' : entry.slice(0, equals).trim();
        const files = entry.slice(equals + 1).trim();
        if (!chartEntry || list(files).length === 0)
            throw new errors/* ConfigError */.x(`Input '${name}' lines look like chart-dir=values-prod.yaml,values-extra.yaml; got '${entry}'.`);
        const chart = insideWorkspace(workspace, chartEntry, name, true);
        if (!(0,external_node_fs_.statSync)(external_node_path_default().join(chart, 'Chart.yaml'), { throwIfNoEntry: false })?.isFile())
            throw new errors/* ConfigError */.x(`Input '${name}' names '${chartEntry}', which has no Chart.yaml.`);
        const sets = (charts[chart] ??= []);
        const set = list(files).map((file) => {
            const entryPath = external_node_path_default().join(chartEntry, file);
            const resolved = insideWorkspace(workspace, entryPath, name, true);
            if (!(0,external_node_fs_.statSync)(resolved, { throwIfNoEntry: false })?.isFile())
                throw new errors/* ConfigError */.x(`Input '${name}' values file '${entryPath}' is not a file.`);
            return resolved;
        });
        if (sets.some((other) => other.join('\n') === set.join('\n')))
            throw new errors/* ConfigError */.x(`Input '${name}' names '${files}' for '${chartEntry}' twice.`);
        sets.push(set);
    }
    return charts;
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
        throw new errors/* ConfigError */.x(`Input '${name}' must be one of ${allowed.join(', ')}; got '${value}'.`);
    }
    return lower;
}
function toThreshold(value) {
    return value === 'none' ? null : value.toUpperCase();
}
function baselineFile(failOn, file, workspace) {
    const mode = oneOf(failOn, FAIL_ON_MODES, 'fail-on');
    if (mode === 'all')
        return null;
    if (!file)
        throw new errors/* ConfigError */.x("Input 'fail-on' is 'new', which needs 'baseline-file' (a findings file from an earlier run).");
    return insideWorkspace(workspace, file, 'baseline-file', true);
}
function seconds(value, name) {
    const number = Number(value);
    if (!Number.isInteger(number) || number <= 0) {
        throw new errors/* ConfigError */.x(`Input '${name}' must be a whole number of seconds; got '${value}'.`);
    }
    return number;
}
function url(value, name) {
    const problem = (0,urls/* mirrorUrlProblem */.ij)(value);
    if (problem)
        throw new errors/* ConfigError */.x(`Input '${name}' ${problem}`);
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
        throw new errors/* ConfigError */.x(`Input '${name}' path '${value}' is inside the workspace, where a pull request could put its own binaries; use a directory outside the checkout (e.g. under $RUNNER_TEMP).`);
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
    throw new errors/* ConfigError */.x(`Input '${name}' must be 'true' or 'false'; got '${value}'.`);
}
function version(value, name) {
    if (!VERSION_PATTERN.test(value)) {
        throw new errors/* ConfigError */.x(`Input '${name}' must be a release version like 1.2.3; got '${value}'.`);
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
        throw new errors/* ConfigError */.x(`Input '${name}' path '${entry}' is outside the workspace ${workspace}.`);
    }
    if (followLinks) {
        const real = realPath(resolved, name, entry);
        if (!isInside(realPath(workspace, 'workspace', workspace), real))
            throw new errors/* ConfigError */.x(`Input '${name}' path '${entry}' leads outside the workspace ${workspace} through a symbolic link (to ${real}).`);
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
                throw new errors/* ConfigError */.x(`Input '${name}' path '${entry}' passes through a symbolic link to a missing target (${current}).`);
            if (external_node_path_default().dirname(current) === current)
                return file;
            missing.unshift(external_node_path_default().basename(current));
        }
    }
}
/** The inputs that choose the config file (src/config/file.ts); the file itself can set neither. */
const CONFIG_FILE_INPUT_DEFAULTS = {
    'config-file': '.hardening.yaml',
    'config-from-pr': 'false'
};
function readConfigFileChoice(read, workspace) {
    const file = read('config-file').trim() || CONFIG_FILE_INPUT_DEFAULTS['config-file'];
    // Links followed: a linked directory must not make us read (and quote) a file elsewhere.
    const resolved = insideWorkspace(workspace, file, 'config-file', true);
    return {
        path: path.relative(workspace, resolved).split(path.sep).join('/'),
        fromPullRequest: bool(read('config-from-pr').trim() || CONFIG_FILE_INPUT_DEFAULTS['config-from-pr'], 'config-from-pr')
    };
}
/** Inputs that only the GitHub Action has (the CLI never publishes), with action.yml's defaults. */
const PUBLISH_INPUT_DEFAULTS = {
    token: '${{ github.token }}',
    'upload-sarif': 'true',
    comment: 'always',
    'suggest-fixes': 'false',
    'fix-cloud': '',
    'fix-resources-default': '',
    'comment-id': '${{ github.job }} ${{ toJSON(matrix) }}',
    'dependency-submission': 'false'
};

function readPublishConfig(read) {
    const fixCloud = read('fix-cloud').trim();
    const fixResources = read('fix-resources-default').trim();
    return {
        token: read('token').trim(),
        uploadSarif: bool(read('upload-sarif').trim() || PUBLISH_INPUT_DEFAULTS['upload-sarif'], 'upload-sarif'),
        comment: oneOf(read('comment').trim() || PUBLISH_INPUT_DEFAULTS.comment, COMMENT_MODES, 'comment'),
        suggestFixes: bool(read('suggest-fixes').trim() || PUBLISH_INPUT_DEFAULTS['suggest-fixes'], 'suggest-fixes'),
        ...(fixCloud ? { fixCloud: parseCloud(fixCloud, "Input 'fix-cloud'") } : {}),
        ...(fixResources
            ? {
                fixResourceDefaults: parseResourceDefaults(fixResources, "Input 'fix-resources-default'")
            }
            : {}),
        commentId: reportId(read('comment-id')),
        dependencySubmission: bool(read('dependency-submission').trim() || PUBLISH_INPUT_DEFAULTS['dependency-submission'], 'dependency-submission')
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


/***/ }),

/***/ 9971:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   j: () => (/* binding */ finalize),
/* harmony export */   q: () => (/* binding */ withFields)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);

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
    return withFields(draft, {
        fingerprint: (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.hash)('sha256', identity.join('\u0000'), 'hex').slice(0, 32)
    });
}
/**
 * `{ ...value, ...fields }`, made so that the copies share one hidden class: in V8 (Node 20) each
 * spread copy with a field added got a class of its own, which made the copying three times
 * slower and every later stage that reads the findings slower too (100,000 findings without a
 * baseline: reports took about twice the CPU).
 */
function withFields(value, fields) {
    return Object.assign({}, value, fields);
}


/***/ }),

/***/ 2255:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Kw: () => (/* binding */ applyWaivers),
/* harmony export */   Q2: () => (/* binding */ loadWaivers),
/* harmony export */   fU: () => (/* binding */ globMatcher)
/* harmony export */ });
/* unused harmony exports parseWaivers, isExpired */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8815);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/* harmony import */ var _model_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9971);




const SCOPES = ['path', 'resource', 'image'];
const KNOWN_KEYS = new Set(['rule', ...SCOPES, 'reason', 'owner', 'expires']);
/** Reads a waiver file; a missing file means no waivers, a malformed one is an error with its line. */
async function loadWaivers(file) {
    let text;
    try {
        text = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(file, 'utf8');
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return [];
        throw error;
    }
    return parseWaivers(text, file);
}
function parseWaivers(text, file) {
    const lineCounter = new yaml__WEBPACK_IMPORTED_MODULE_1__/* .LineCounter */ .HN();
    const document = (0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .parseDocument */ .Tp)(text, { lineCounter });
    const fail = (offset, message) => {
        const line = offset === undefined ? 1 : lineCounter.linePos(offset).line;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigError */ .x(`${file}:${line}: ${message}`);
    };
    if (document.errors.length > 0)
        fail(document.errors[0].pos[0], `invalid YAML: ${document.errors[0].message.split('\n')[0]}`);
    if (document.contents === null)
        return [];
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isMap */ .jh)(document.contents))
        fail(document.contents.range?.[0], "expected a mapping with a 'waivers' list");
    const list = document.contents.get('waivers', true);
    if (list === undefined || list === null)
        return [];
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isSeq */ .oP)(list))
        return fail(document.contents.range?.[0], "'waivers' must be a list");
    const waivers = [];
    for (const item of list.items) {
        const offset = item.range?.[0];
        if (!(0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isMap */ .jh)(item))
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
                ? (0,_model_js__WEBPACK_IMPORTED_MODULE_3__/* .withFields */ .q)(finding, {
                    suppression: { reason: waiver.reason, owner: waiver.owner, expires: waiver.expires }
                })
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


/***/ }),

/***/ 194:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   g0: () => (/* binding */ parseResourceDefaults),
/* harmony export */   lw: () => (/* binding */ parseCloud)
/* harmony export */ });
/* unused harmony export CLOUDS */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
// What the user configures for the fixes that need a choice no manifest makes: the cloud whose
// internal load-balancer annotation to add, and the requests and limits to write. Read by the
// CLI's flags and the action's inputs alike, so both accept and refuse the same text.

const CLOUDS = ['aws', 'gcp', 'azure'];
/** `aws`, `gcp` or `azure`; `source` names the flag or input in the error. */
function parseCloud(text, source) {
    if (!CLOUDS.includes(text))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .x(`${source} must be ${CLOUDS.join(', ')}; got '${text}'.`);
    return text;
}
/** `cpu=100m,memory=128Mi` (requests and limits) or `requests.cpu=100m,limits.memory=1Gi`. */
function parseResourceDefaults(text, source) {
    const defaults = {};
    for (const entry of text
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean)) {
        const match = /^(?:(requests|limits)\.)?(cpu|memory|ephemeral-storage)=([0-9]+(?:\.[0-9]+)?(?:m|k|Ki|M|Mi|G|Gi|T|Ti|P|Pi|E|Ei)?)$/.exec(entry);
        if (!match)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .x(`${source}: '${entry}' is not RESOURCE=QUANTITY (cpu, memory or ephemeral-storage, optionally prefixed by requests. or limits.; e.g. cpu=100m, memory=128Mi).`);
        const [, kind, resource, quantity] = match;
        for (const which of kind ? [kind] : ['requests', 'limits'])
            defaults[which] = { ...defaults[which], [resource]: quantity };
    }
    if (!defaults.requests && !defaults.limits)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .x(`${source} needs at least one value.`);
    return defaults;
}


/***/ }),

/***/ 4345:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   X2: () => (/* binding */ readKubeYaml)
/* harmony export */ });
/* unused harmony exports readListInPieces, quotedScalar, readSimpleBlock */
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8815);
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
 * A document at least this long that is a map with a block sequence under `items:` (a `kind:
 * List`) is read a piece at a time (see `readListInPieces`): the yaml package holds a whole
 * document's tree while it parses, about 60 times the text.
 */
const LIST_IN_PIECES_FROM = 1024 * 1024;
/** Items per piece: enough that a piece's fixed cost is small, few enough to stay small. */
const ITEMS_PER_PIECE = 64;
/**
 * Splits `text` as apimachinery's YAMLReader does and reads each document. `split: false` reads
 * the text as one stream (a UTF-16 file, which the byte-wise splitter never splits).
 * `listInPiecesFrom` is for tests: the length from which a `kind: List` is read in pieces.
 */
function* readKubeYaml(text, { split = true, listInPiecesFrom = LIST_IN_PIECES_FROM, simpleBlock = true } = {}) {
    const options = { listInPiecesFrom, simpleBlock };
    if (!split)
        return yield readDocument(text, 1, options);
    for (const chunk of splitDocuments(text)) {
        if ('error' in chunk) {
            yield refusal(chunk.line, chunk.line, chunk.error);
            return; // the reader stops at an invalid separator, and so does kubectl
        }
        yield readDocument(chunk.text, chunk.line, options);
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
function readDocument(chunk, firstLine, { listInPiecesFrom, simpleBlock }) {
    const refused = goOnlyRefuses(chunk);
    if (refused)
        return refusal(firstLine, firstLine + refused.lineIndex, refused.message);
    // go-yaml reads a lone CR and NEL as line breaks; the yaml package does not.
    const normalized = /[\r\u0085]/.test(chunk) ? chunk.replace(/[\r\u0085]/g, '\n') : chunk;
    const simple = simpleBlock ? readSimpleBlock(normalized, firstLine) : undefined;
    if (simple)
        return simple.document;
    const readPiece = simpleBlock ? readSimpleOrWhole : readWhole;
    return ((normalized.length >= listInPiecesFrom && readListInPieces(normalized, firstLine, readPiece)) ||
        readWhole(normalized, firstLine).document);
}
/**
 * A `kind: List` read a piece at a time: the top-level `items:` block sequence is cut into runs
 * of items, each read on its own with its own lines, and the rest of the document is read with
 * `items: []` in place of the sequence and blank lines where it was (so every line number stays).
 * Exactly what reading the whole gives, or undefined to read the whole instead: whenever a piece
 * or the rest has an error or an alias (an alias can reach across pieces, and go-yaml's aliasing
 * limit counts the whole document), or the rest is not a block map whose `items` is our `[]`
 * (text that only looked like the top-level key, inside a multi-line scalar or a flow collection).
 */
function readListInPieces(text, firstLine, readPiece = readWhole) {
    const lines = text.split('\n');
    let itemsLine = -1;
    for (let n = 0; n < lines.length; n++) {
        if (!/^["']?items/.test(lines[n]))
            continue;
        if (itemsLine !== -1 || !/^items:[ ]*(#.*)?$/.test(lines[n]))
            return undefined;
        itemsLine = n;
    }
    // The item starts: `-` lines at the sequence's indentation, up to a line indented less, or as
    // much without a `-`; blank and comment lines go with the item before them.
    const starts = [];
    let indent = -1;
    let end = lines.length;
    for (let n = itemsLine + 1; itemsLine !== -1 && n < lines.length; n++) {
        const line = lines[n];
        const spaces = line.length - line.trimStart().length;
        if (line[0] === '\t')
            return undefined;
        if (spaces === line.length || line[spaces] === '#')
            continue;
        if (indent === -1)
            indent = spaces;
        const isItem = spaces === indent && line[spaces] === '-' && /^[ ]?$/.test(line[spaces + 1] ?? '');
        if (isItem)
            starts.push(n);
        else if (spaces <= indent) {
            end = n;
            break;
        }
    }
    if (starts.length < 2)
        return undefined;
    const pieces = [];
    const items = [];
    for (let first = 0; first < starts.length; first += ITEMS_PER_PIECE) {
        const from = starts[first];
        const piece = readPiece(`${lines.slice(from, starts[first + ITEMS_PER_PIECE] ?? end).join('\n')}\n`, firstLine + from);
        const value = piece.document.value;
        const count = Math.min(ITEMS_PER_PIECE, starts.length - first);
        if (piece.aliased || !piece.blockSequence || !Array.isArray(value) || value.length !== count)
            return undefined;
        pieces.push(piece.document);
        items.push(...value);
    }
    const rest = lines.map((line, n) => (n >= starts[0] && n < end ? '' : line));
    rest[itemsLine] = 'items: []';
    const outside = readPiece(rest.join('\n'), firstLine);
    const value = outside.document.value;
    if (outside.aliased ||
        !outside.blockMap ||
        !isObject(value) ||
        !Array.isArray(value.items) ||
        value.items.length !== 0 ||
        outside.document.lineOf(['items']) !== firstLine + itemsLine)
        return undefined;
    value.items = items;
    return {
        line: outside.document.line,
        value,
        lineOf(path) {
            const index = path[1];
            if (path[0] !== 'items' || typeof index !== 'number')
                return outside.document.lineOf(path);
            if (index >= items.length)
                return outside.document.lineOf(['items']);
            if (index < 0)
                return undefined;
            const piece = pieces[Math.floor(index / ITEMS_PER_PIECE)];
            return piece.lineOf([index % ITEMS_PER_PIECE, ...path.slice(2)]);
        }
    };
}
/** Thrown where a document leaves what `readSimpleBlock` reads. */
class NotSimple extends Error {
}
/** One instance for every throw: a new error would capture a stack each time, for nothing. */
const NOT_SIMPLE = new NotSimple();
const SPACE = 0x20;
/** What cannot start a plain scalar, or starts one only before a non-space (`-`, `?`, `:`). */
const INDICATORS = new Set([...',[]{}#&*!|>\'"%@`-?:']);
/** Nesting depth beyond which the yaml package reads the document (and says why it refuses it). */
const SIMPLE_MAX_DEPTH = 100;
/** `|` or `>`, chomping and indentation indicators, a comment. */
const BLOCK_SCALAR_HEADER = /^[|>](?:[-+][1-9]?|[1-9][-+]?)?(?: +(?:#.*)?)?$/;
/** libyaml's limit on a simple key's length (it refuses longer ones). */
const SIMPLE_KEY_MAX = 1024;
const FLOW_INDICATORS = ',[]{}';
/**
 * libyaml's escapes of one character in a double-quoted scalar, but for `\\'`, which the yaml
 * package refuses (so a document with it is refused, where go-yaml reads a quote).
 */
const ESCAPES = {
    '0': '\0',
    a: '\x07',
    b: '\b',
    t: '\t',
    '\t': '\t',
    n: '\n',
    v: '\v',
    f: '\f',
    r: '\r',
    e: '\x1b',
    ' ': ' ',
    '"': '"',
    '\\': '\\',
    N: '\u0085',
    _: '\u00a0',
    L: '\u2028',
    P: '\u2029'
};
const HEX_ESCAPE_DIGITS = { x: 2, u: 4, U: 8 };
/**
 * The value of the quoted scalar whose opening quote is at `open`, and the offset of its closing
 * quote, as libyaml's scan_flow_scalar reads it (the yaml package folds an escaped line break
 * followed by blank lines differently): escapes, `''`, and line folding (one break is a space,
 * more are line breaks, the blanks around them go; after an escaped break, each break is one).
 * Line breaks are `\n` (the reader normalises them first). Undefined when it is not closed or
 * holds an escape libyaml refuses (the caller's reader then says why).
 */
function quotedScalar(text, open) {
    const quote = text[open];
    const double = quote === '"';
    const isBlank = (c) => c === ' ' || c === '\t';
    let value = '';
    let i = open + 1;
    for (;;) {
        let escapedBreak = false;
        let run = i;
        for (; i < text.length && !isBlank(text[i]) && text[i] !== '\n'; i++) {
            const c = text[i];
            if (!double && c === "'" && text[i + 1] === "'") {
                value += text.slice(run, i + 1);
                run = ++i + 1;
            }
            else if (c === quote)
                return { value: value + text.slice(run, i), close: i };
            else if (double && c === '\\') {
                value += text.slice(run, i);
                const next = text[i + 1];
                if (next === '\n') {
                    escapedBreak = true;
                    i++;
                    break;
                }
                const digits = HEX_ESCAPE_DIGITS[next ?? ''];
                if (digits) {
                    const hex = text.slice(i + 2, i + 2 + digits);
                    const code = /^[0-9a-fA-F]+$/.test(hex) ? Number.parseInt(hex, 16) : NaN;
                    if (hex.length !== digits || !(code <= 0x10ffff) || (code >= 0xd800 && code <= 0xdfff))
                        return undefined;
                    value += String.fromCodePoint(code);
                    i += 1 + digits;
                }
                else {
                    const escaped = ESCAPES[next ?? ''];
                    if (escaped === undefined)
                        return undefined;
                    value += escaped;
                    i++;
                }
                run = i + 1;
            }
        }
        if (!escapedBreak)
            value += text.slice(run, i);
        else
            i++; // past the escaped line break
        // Blanks and line breaks, then what they fold into.
        let blanks = '';
        let breaks = escapedBreak ? 0 : -1; // -1: no line break yet
        for (; isBlank(text[i]) || text[i] === '\n'; i++) {
            if (text[i] === '\n')
                breaks++;
            else if (breaks === -1)
                blanks += text[i];
        }
        if (i >= text.length)
            return undefined;
        if (breaks === -1)
            value += blanks;
        else if (escapedBreak)
            value += '\n'.repeat(breaks);
        else
            value += breaks === 0 ? ' ' : '\n'.repeat(breaks);
    }
}
/**
 * The block YAML nearly every manifest is written in, read in one pass without the yaml package
 * (its tree costs about 60 times the text): block maps and sequences (indentless too), keys on one
 * line (plain, or quoted without escapes), plain and quoted values over one or more lines (the
 * common escapes), flow collections on one line (`{app: web}`, `["a", b]`), block scalars,
 * comments and blank lines. Undefined for anything else (tabs, a BOM, `---`/`...` lines, anchors,
 * aliases, tags, flow collections over several lines or with `:` in a scalar, other escapes,
 * complex and merge keys, empty sequence items, keys Kubernetes refuses, NaN and infinities, deep
 * nesting): the yaml package then reads the document, so every refusal and its message come from
 * there. test/unit/kube-yaml-simple.test.ts compares values and lines with that reading, on
 * generated documents too (test/integration/kube-yaml-generated.ts).
 */
function readSimpleBlock(text, firstLine) {
    if (text.includes('\t') || text.includes('\ufeff'))
        return undefined;
    try {
        return new SimpleBlock(text, firstLine).read();
    }
    catch (error) {
        if (error instanceof NotSimple || error instanceof Refusal)
            return undefined;
        throw error;
    }
}
/**
 * The lines of every field of a document, in one array: at a container's offset, its number of
 * entries, then a sequence's item lines or a map's key and line pairs. One array for all, as a
 * 10 MiB manifest has hundreds of thousands of maps.
 */
class LineTable {
    entries = [];
    offsets = new Map();
    /** `lines`: a sequence's item lines, or a map's `[key, line, key, line, ...]`. */
    add(container, lines) {
        this.offsets.set(container, this.entries.length);
        this.entries.push(Array.isArray(container) ? lines.length : lines.length / 2);
        for (const entry of lines)
            this.entries.push(entry);
    }
    lineIn(container, segment) {
        const offset = this.offsets.get(container);
        if (offset === undefined)
            return undefined;
        const count = this.entries[offset];
        if (typeof segment === 'number')
            return Number.isInteger(segment) && segment >= 0 && segment < count
                ? this.entries[offset + 1 + segment]
                : undefined;
        for (let i = offset + 1; i < offset + 1 + 2 * count; i += 2)
            if (this.entries[i] === segment)
                return this.entries[i + 1];
        return undefined;
    }
}
class SimpleBlock {
    text;
    firstLine;
    lines = new LineTable();
    /** Plain keys already converted: manifests repeat a few hundred keys. */
    keys = new Map();
    depth = 0;
    /** The current content line: its offset, end (its `\n`), index, and indentation (-1: none left). */
    pos = 0;
    end = 0;
    lineIndex = 0;
    indent = -1;
    constructor(text, firstLine) {
        this.text = text;
        this.firstLine = firstLine;
        this.seek(0);
    }
    read() {
        if (this.indent === -1)
            throw NOT_SIMPLE;
        const start = this.line();
        const value = this.node();
        if (this.indent !== -1)
            throw NOT_SIMPLE;
        const sequence = Array.isArray(value);
        return {
            document: withLines(start, value, (container, segment) => this.lines.lineIn(container, segment)),
            aliased: false,
            blockMap: !sequence,
            blockSequence: sequence
        };
    }
    line() {
        return this.firstLine + this.lineIndex;
    }
    /** Moves to the first line from `from` that is neither blank nor a comment. */
    seek(from) {
        const text = this.text;
        let pos = from;
        while (pos < text.length) {
            let end = text.indexOf('\n', pos);
            if (end === -1)
                end = text.length;
            let i = pos;
            while (i < end && text.charCodeAt(i) === SPACE)
                i++;
            if (i < end && text[i] !== '#') {
                if (i === pos && (text.startsWith('---', pos) || text.startsWith('...', pos)))
                    throw NOT_SIMPLE;
                this.pos = pos;
                this.end = end;
                this.indent = i - pos;
                return;
            }
            pos = end + 1;
            this.lineIndex++;
        }
        this.pos = this.end = text.length;
        this.indent = -1;
    }
    next() {
        this.lineIndex++;
        this.seek(this.end + 1);
    }
    /** A block sequence item's `-` at `at`. */
    isDash(at) {
        return this.text[at] === '-' && (at + 1 === this.end || this.text.charCodeAt(at + 1) === SPACE);
    }
    /** The node that starts the current line. */
    node() {
        if (++this.depth > SIMPLE_MAX_DEPTH)
            throw NOT_SIMPLE;
        const at = this.pos + this.indent;
        const value = this.isDash(at) ? this.sequence(this.indent) : this.map(this.indent, at);
        this.depth--;
        return value;
    }
    sequence(column) {
        const items = [];
        const lines = [];
        while (this.indent === column && this.isDash(this.pos + column)) {
            let at = this.pos + column + 1;
            while (at < this.end && this.text.charCodeAt(at) === SPACE)
                at++;
            if (at === this.end || this.text[at] === '#') {
                this.next();
                if (this.indent <= column)
                    throw NOT_SIMPLE; // an empty item
                lines.push(this.line());
                items.push(this.node());
                continue;
            }
            if (this.isDash(at))
                throw NOT_SIMPLE;
            lines.push(this.line());
            const flow = this.text[at] === '{' || this.text[at] === '[';
            items.push(!flow && this.keyColon(at) !== -1 ? this.map(at - this.pos, at) : this.scalar(at, column));
        }
        if (this.indent > column)
            throw NOT_SIMPLE;
        // A copy holds exactly its items: what `push` grew keeps room for 16 more, per sequence.
        const exact = items.slice();
        this.lines.add(exact, lines);
        return exact;
    }
    /** A block map at `column` whose first key is at `at` on the current line. */
    map(column, at) {
        const object = {};
        const lines = [];
        for (let keyAt = at;; keyAt = this.pos + column) {
            const colon = this.keyColon(keyAt);
            if (colon === -1 || this.isDash(keyAt))
                throw NOT_SIMPLE;
            const line = this.line();
            const key = this.key(keyAt, colon);
            let valueAt = colon + 1;
            while (valueAt < this.end && this.text.charCodeAt(valueAt) === SPACE)
                valueAt++;
            let value = null;
            if (valueAt < this.end && this.text[valueAt] !== '#')
                value = this.scalar(valueAt, column);
            else {
                this.next();
                if (this.indent > column)
                    value = this.node();
                else if (this.indent === column && this.isDash(this.pos + column))
                    value = this.sequence(column);
            }
            setField(object, lines, key, value, line);
            if (this.indent !== column)
                break;
        }
        if (this.indent > column)
            throw NOT_SIMPLE;
        this.lines.add(object, lines);
        return object;
    }
    /** The offset of the `:` that ends a key starting at `at` on the current line, or -1. */
    keyColon(at) {
        const text = this.text;
        const endsKey = (colon) => text[colon] === ':' && (colon + 1 === this.end || text.charCodeAt(colon + 1) === SPACE);
        if (text[at] === '"' || text[at] === "'") {
            const close = this.closingQuote(at);
            return close !== -1 && endsKey(close + 1) ? close + 1 : -1;
        }
        for (let colon = at; colon < this.end; colon++)
            if (endsKey(colon))
                return colon;
        return -1;
    }
    key(at, colon) {
        const text = this.text;
        if (text[at] === '"' || text[at] === "'") {
            return this.unquote(at, colon - 1);
        }
        const raw = text.slice(at, colon);
        const known = this.keys.get(raw);
        if (known !== undefined)
            return known;
        if (INDICATORS.has(raw[0]) ||
            raw.endsWith(' ') ||
            raw.includes(' #') ||
            raw === '<<' ||
            raw.length >= SIMPLE_KEY_MAX)
            throw NOT_SIMPLE;
        const key = jsonKey(resolve('', raw));
        this.keys.set(raw, key);
        return key;
    }
    /** The scalar or flow collection at `at` in a collection at `column`, and moves past it. */
    scalar(at, column) {
        const first = this.text[at];
        if (first === '"' || first === "'")
            return this.quoted(at, column);
        if (first === '{' || first === '[') {
            const [value, end] = this.flowCollection(at);
            this.expectLineEnd(end);
            this.next();
            return value;
        }
        if (first !== '|' && first !== '>')
            return this.plain(at, column);
        if (!BLOCK_SCALAR_HEADER.test(this.text.slice(at, this.end)))
            throw NOT_SIMPLE;
        const { value, end } = blockScalar(this.text, at, column);
        for (let i = this.text.indexOf('\n', at); i !== -1 && i < end; i = this.text.indexOf('\n', i + 1))
            this.lineIndex++;
        this.seek(end);
        return value;
    }
    /**
     * A plain scalar that is not a key, with its continuation lines (indented more than its
     * collection, folded as libyaml folds them: one line break is a space, blank lines are breaks).
     */
    plain(at, column) {
        const text = this.text;
        const first = text[at];
        const spaceAfter = at + 1 === this.end || text.charCodeAt(at + 1) === SPACE;
        if (INDICATORS.has(first) && (!'-?:'.includes(first) || spaceAfter))
            throw NOT_SIMPLE;
        const [stop, commented] = this.plainLineEnd(at + 1);
        let value = text.slice(at, stop);
        // After a comment the scalar cannot go on: a more indented line is then not simple.
        if (!commented) {
            let breaks = 0;
            for (let pos = this.end + 1, index = this.lineIndex + 1; pos < text.length; index++) {
                let end = text.indexOf('\n', pos);
                if (end === -1)
                    end = text.length;
                let start = pos;
                while (start < end && text.charCodeAt(start) === SPACE)
                    start++;
                if (start === end) {
                    breaks++;
                    pos = end + 1;
                    continue;
                }
                if (start - pos <= column || text[start] === '#')
                    break;
                this.pos = pos;
                this.end = end;
                this.lineIndex = index;
                const [lineStop, lineCommented] = this.plainLineEnd(start);
                if (lineCommented)
                    throw NOT_SIMPLE;
                value += (breaks === 0 ? ' ' : '\n'.repeat(breaks)) + text.slice(start, lineStop);
                breaks = 0;
                pos = end + 1;
            }
        }
        this.next();
        return jsonScalar(resolve('', value));
    }
    /**
     * Where plain text on the current line ends (looking from `from`, past its first character),
     * and whether a comment follows.
     */
    plainLineEnd(from) {
        const text = this.text;
        let stop = this.end;
        let commented = false;
        for (let i = from; i < this.end; i++) {
            const c = text[i];
            if (c === ':' && (i + 1 === this.end || text.charCodeAt(i + 1) === SPACE))
                throw NOT_SIMPLE;
            if (c === '#' && text.charCodeAt(i - 1) === SPACE) {
                stop = i;
                commented = true;
                break;
            }
        }
        while (text.charCodeAt(stop - 1) === SPACE)
            stop--;
        return [stop, commented];
    }
    /** Nothing but spaces and a comment from `at`, which ends a token, to the end of the line. */
    expectLineEnd(at) {
        let after = at;
        while (after < this.end && this.text.charCodeAt(after) === SPACE)
            after++;
        if (after < this.end && (this.text[after] !== '#' || after === at))
            throw NOT_SIMPLE;
    }
    /** The closing quote of a one-line quoted scalar without escapes that starts at `at`, or -1. */
    closingQuote(at) {
        const text = this.text;
        const quote = text[at];
        for (let i = at + 1; i < this.end; i++) {
            if (quote === '"' && text[i] === '\\')
                break;
            if (text[i] !== quote)
                continue;
            if (quote === "'" && text[i + 1] === "'")
                i++;
            else
                return i;
        }
        return -1;
    }
    unquote(at, close) {
        const inner = this.text.slice(at + 1, close);
        return this.text[at] === "'" ? inner.replaceAll("''", "'") : inner;
    }
    /**
     * A quoted scalar that is not a key, over as many lines as it takes, its continuation lines
     * indented more than its collection (go-yaml does not ask that, the yaml package does). Moves
     * past it.
     */
    quoted(at, column) {
        const text = this.text;
        const scanned = quotedScalar(text, at);
        if (!scanned)
            throw NOT_SIMPLE;
        for (let lineStart = this.end + 1; lineStart <= scanned.close; lineStart = this.end + 1) {
            this.lineIndex++;
            this.pos = lineStart;
            this.end = text.indexOf('\n', lineStart);
            if (this.end === -1)
                this.end = text.length;
            let first = lineStart;
            while (first < this.end && text.charCodeAt(first) === SPACE)
                first++;
            if (first < this.end && first - lineStart <= column)
                throw NOT_SIMPLE;
        }
        this.expectLineEnd(scanned.close + 1);
        this.next();
        return scanned.value;
    }
    /**
     * A flow collection that opens at `at` and closes on the same line, of plain scalars (no `:`
     * in them), quoted ones without escapes and flow collections: `[]`, `{app: web}`,
     * `["a", b]`. Its value and the offset after it.
     */
    flowCollection(at) {
        if (++this.depth > SIMPLE_MAX_DEPTH)
            throw NOT_SIMPLE;
        const text = this.text;
        const isMap = text[at] === '{';
        const close = isMap ? '}' : ']';
        const line = this.line();
        const object = {};
        const items = [];
        const lines = [];
        let i = this.skipSpaces(at + 1);
        while (text[i] !== close) {
            if (isMap) {
                const colon = this.flowKeyColon(i);
                const key = this.key(i, colon);
                const [value, after] = this.flowNode(this.skipSpaces(colon + 1));
                setField(object, lines, key, value, line);
                i = this.skipSpaces(after);
            }
            else {
                const [value, after] = this.flowNode(i);
                items.push(value);
                lines.push(line);
                i = this.skipSpaces(after);
            }
            if (text[i] === ',') {
                i = this.skipSpaces(i + 1);
                if (text[i] === close || text[i] === ',')
                    throw NOT_SIMPLE;
            }
            else if (text[i] !== close)
                throw NOT_SIMPLE;
        }
        this.depth--;
        const value = isMap ? object : items;
        this.lines.add(value, lines);
        return [value, i + 1];
    }
    /** The `:` (followed by a space) that ends a flow map's key at `at`. */
    flowKeyColon(at) {
        const text = this.text;
        if (text[at] === '"' || text[at] === "'") {
            const close = this.closingQuote(at);
            if (close === -1 || text[close + 1] !== ':' || text.charCodeAt(close + 2) !== SPACE)
                throw NOT_SIMPLE;
            return close + 1;
        }
        for (let i = at; i < this.end; i++) {
            const c = text[i];
            if (c === ':' && text.charCodeAt(i + 1) === SPACE)
                return i;
            if (FLOW_INDICATORS.includes(c))
                break;
        }
        throw NOT_SIMPLE;
    }
    /** A flow collection's entry at `at` (not a key): its value and the offset after it. */
    flowNode(at) {
        const text = this.text;
        if (at >= this.end)
            throw NOT_SIMPLE;
        const first = text[at];
        if (first === '{' || first === '[')
            return this.flowCollection(at);
        if (first === '"' || first === "'") {
            const close = this.closingQuote(at);
            if (close === -1)
                throw NOT_SIMPLE;
            return [this.unquote(at, close), close + 1];
        }
        const ends = at + 1 === this.end || ' ,]}'.includes(text[at + 1]);
        if (INDICATORS.has(first) && (!'-?:'.includes(first) || ends))
            throw NOT_SIMPLE;
        let stop = at + 1;
        for (; stop < this.end; stop++) {
            const c = text[stop];
            if (FLOW_INDICATORS.includes(c))
                break;
            // `?` ends a plain scalar in go-yaml's flow collections (the yaml package reads on).
            if (c === ':' || c === '?' || (c === '#' && text.charCodeAt(stop - 1) === SPACE))
                throw NOT_SIMPLE;
        }
        let end = stop;
        while (text.charCodeAt(end - 1) === SPACE)
            end--;
        return [jsonScalar(resolve('', text.slice(at, end))), stop];
    }
    skipSpaces(at) {
        let i = at;
        while (i < this.end && this.text.charCodeAt(i) === SPACE)
            i++;
        return i;
    }
}
function readSimpleOrWhole(text, firstLine) {
    return readSimpleBlock(text, firstLine) ?? readWhole(text, firstLine);
}
/** A document read whole by the yaml package. */
function readWhole(normalized, firstLine) {
    const failed = (document) => ({
        document,
        aliased: false,
        blockMap: false,
        blockSequence: false
    });
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
        return failed(refusal(firstLine, firstLine, 'the document is nested too deeply'));
    }
    const { document, counter, text } = parsed;
    const lineAt = (offset) => firstLine - 1 + counter.linePos(offset).line;
    if (!document)
        return failed({ line: firstLine, value: null, lineOf: () => undefined });
    const start = document.contents?.range ? lineAt(document.contents.range[0]) : firstLine;
    const syntax = syntaxError(document);
    if (syntax)
        return failed(refusal(start, lineAt(syntax.pos[0]), syntax.message.split('\n')[0]));
    const decoder = new Decoder(lineAt, (offset) => counter.linePos(offset).col - 1, text);
    let value;
    try {
        decoder.bind(document.contents);
        decoder.count(); // the document node
        value = decoder.decode(document.contents);
    }
    catch (error) {
        if (error instanceof Refusal)
            return failed(refusal(start, error.offset === undefined ? start : lineAt(error.offset), error.message));
        if (error instanceof RangeError)
            return failed(refusal(start, start, 'the document is nested too deeply'));
        throw error;
    }
    const root = document.contents;
    return {
        document: withLines(start, value, (container, segment) => {
            const lines = decoder.lines.get(container);
            return typeof segment === 'number'
                ? lines[segment]
                : keyLine(lines, segment);
        }),
        aliased: decoder.aliased,
        blockMap: (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(root) && !root.flow,
        blockSequence: (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(root) && !root.flow
    };
}
/** A document's value with the lines of its fields (`lineIn`: a key's or an item's line). */
function withLines(start, value, lineIn) {
    return {
        line: start,
        value,
        lineOf(path) {
            let current = value;
            let found;
            for (const segment of path) {
                if (Array.isArray(current) && typeof segment === 'number') {
                    if (segment >= current.length)
                        return found;
                    found = lineIn(current, segment);
                    current = current[segment];
                }
                else if (isObject(current) && Object.hasOwn(current, String(segment))) {
                    found = lineIn(current, String(segment));
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
    const counter = new yaml__WEBPACK_IMPORTED_MODULE_0__/* .LineCounter */ .HN();
    const composer = new yaml__WEBPACK_IMPORTED_MODULE_0__/* .Composer */ .Dk({ schema: 'failsafe', uniqueKeys: false });
    let document;
    for (const doc of composer.compose(new yaml__WEBPACK_IMPORTED_MODULE_0__/* .Parser */ .iX(counter.addNewLine).parse(text))) {
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
 * context by one more than the collection they start in (leading white space there is no part of the
 * value). Undefined when nothing needed it, or when a continuation line starts with `...`, which
 * go-yaml refuses there.
 */
function reindentFlowContinuations(text) {
    const lines = text.split('\n');
    let changed = false;
    let quote = ''; // the open quote, if any
    let depth = 0; // flow collection depth
    let constructIndent = -1; // column of the collection the open construct started in
    let blockScalarParent = -1; // indentation of the line that opened a block scalar
    for (let n = 0; n < lines.length; n++) {
        let line = lines[n];
        const indent = /^ */.exec(line)[0].length;
        // The column of the collection a construct starting on this line is in (past `- `s).
        const column = /^ *(?:- +)*/.exec(line)[0].length;
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
                    constructIndent = column;
            }
            else if ((c === '[' || c === '{') && startOfNode) {
                if (depth === 0)
                    constructIndent = column;
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
    /** Whether the document has aliases. */
    get aliased() {
        return this.targets.size > 0;
    }
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
        const walk = (node, parentIndent, inFlow) => {
            if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isAlias */ .Vj)(node)) {
                const target = anchors.get(node.source);
                if (!target)
                    throw new Refusal(`unknown anchor '${node.source}' referenced`, node.range?.[0]);
                this.targets.set(node, target);
                return;
            }
            if (!node || typeof node !== 'object')
                return;
            if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(node)) {
                this.checkScalar(node, inFlow);
                if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED')
                    this.blockIndents.set(node, parentIndent);
            }
            const anchored = node;
            if (anchored.anchor)
                anchors.set(anchored.anchor, anchored);
            const indent = anchored.range ? this.columnAt(anchored.range[0]) : parentIndent;
            const flow = inFlow || node.flow === true;
            if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(node)) {
                for (const pair of node.items) {
                    walk(pair.key, indent, flow);
                    walk(pair.value, indent, flow);
                }
            }
            else if ('items' in node)
                for (const item of node.items)
                    walk(item, indent, flow);
        };
        walk(root, -1, false);
    }
    /** Scalar syntax go-yaml v2 refuses and the yaml package reads. */
    checkScalar(node, inFlow) {
        const [start, end] = node.range ?? [0, 0];
        // In a flow collection go-yaml ends a plain scalar at `?` (then wants `,` or the end), and
        // reads a `:` right after one as part of it, so `{k:[x]}` is a scalar `k:` and then `[`.
        if (inFlow &&
            node.type === 'PLAIN' &&
            (this.text.slice(start, end).includes('?') ||
                (this.text[end] === ':' && /[[{]/.test(this.text[end + 1] ?? ''))))
            throw new Refusal("did not find expected ',' or the end of the flow collection", start);
        if (node.type === 'QUOTE_DOUBLE') {
            const source = this.text.slice(start, end);
            if (/(^|[^\\])(\\\\)*\\\//.test(source))
                throw new Refusal('found unknown escape character', start);
            // libyaml refuses an escape of a surrogate or beyond U+10FFFF.
            if (/(^|[^\\])(\\\\)*\\(u[dD][89a-fA-F]|U0000[dD][89a-fA-F]|U(?!0010|000)[0-9a-fA-F]{4})/.test(source))
                throw new Refusal('found invalid Unicode character escape code', start);
        }
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
        const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
        // Quoted scalars are folded as libyaml folds them (see quotedScalar).
        const quotedValue = quoted && node.range ? quotedScalar(this.text, node.range[0])?.value : undefined;
        const text = parentIndent !== undefined && node.range
            ? blockScalar(this.text, node.range[0], parentIndent).value
            : (quotedValue ?? node.source ?? String(node.value)); // tags are resolved here, not by `yaml`
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
        if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isAlias */ .Vj)(node))
            return this.alias(node, (target) => this.decode(target));
        if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(node))
            return jsonScalar(this.scalar(node), node.range?.[0]);
        if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(node)) {
            const object = {};
            const lines = [];
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
            if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(keyNode) && isMergeKey(keyNode)) {
                this.merge(valueNode, object, lines);
                continue;
            }
            this.count();
            const key = this.key(keyNode);
            const value = this.decode(valueNode);
            setField(object, lines, key, value, this.lineAt(keyNode?.range?.[0] ?? node.range?.[0] ?? 0));
        }
    }
    /** `<<`: a map, an alias of one, or a sequence of them (the earliest wins there). */
    merge(node, object, lines) {
        const into = (source) => {
            this.count();
            if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isAlias */ .Vj)(source)) {
                if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(this.targets.get(source)))
                    throw wantMap(source);
                this.alias(source, (target) => into(target));
            }
            else if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(source))
                this.mapInto(source, object, lines);
            else
                throw wantMap(source ?? node);
        };
        if (node && !(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(node) && !(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(node) && !(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isAlias */ .Vj)(node)) {
            const items = node.items;
            for (let i = items.length - 1; i >= 0; i--)
                into(items[i]);
        }
        else
            into(node);
    }
    /** A key as YAMLToJSON writes it; collections and null cannot be keys. */
    key(node) {
        if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isAlias */ .Vj)(node)) {
            return this.alias(node, (target) => {
                this.count();
                return this.key(target);
            });
        }
        if (node && !(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(node))
            throw new Refusal('invalid map key: a map or sequence cannot be a key', node.range?.[0]);
        try {
            return jsonKey(node ? this.scalar(node) : null);
        }
        catch (error) {
            if (error instanceof Refusal && error.offset === undefined)
                throw new Refusal(error.message, node?.range?.[0]);
            throw error;
        }
    }
}
/** A scalar key as YAMLToJSON writes it. */
function jsonKey(value) {
    if (value === null)
        throw new Refusal('unsupported map key of type: <nil> (a null key)');
    if (typeof value === 'bigint') {
        if (value > INT64_MAX)
            throw new Refusal(`unsupported map key of type: uint64, key: ${value}`);
        return String(value);
    }
    if (typeof value === 'number')
        return goFloat32Key(value);
    return String(value);
}
/** A field set as go-yaml sets it: a later duplicate replaces the value and the line. */
function setField(object, lines, key, value, line) {
    if (!Object.hasOwn(object, key))
        lines.push(key, line);
    else
        lines[lines.indexOf(key) + 1] = line;
    if (key === '__proto__')
        Object.defineProperty(object, key, {
            value,
            enumerable: true,
            writable: true,
            configurable: true
        });
    else
        object[key] = value;
}
function keyLine(lines, key) {
    for (let i = 0; i < lines.length; i += 2)
        if (lines[i] === key)
            return lines[i + 1];
    return undefined;
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
function jsonScalar(value, offset) {
    if (typeof value === 'bigint')
        return Number(value);
    if (typeof value === 'number' && !Number.isFinite(value))
        throw new Refusal(`json: unsupported value: ${Number.isNaN(value) ? 'NaN' : value > 0 ? '+Inf' : '-Inf'}`, offset);
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
 * `end` is where the line after the scalar starts.
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
        return { value: '', end: text.length };
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
        i = end === -1 ? text.length : end + 1;
        if (end === -1)
            break;
        leadingBreak = '\n';
        breaks();
    }
    if (chomp !== -1)
        value += leadingBreak;
    if (chomp === 1)
        value += trailingBreaks;
    return { value, end: i < text.length ? i - column : text.length };
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


/***/ }),

/***/ 906:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ZJ: () => (/* binding */ MAX_MANIFEST_BYTES),
  C0: () => (/* binding */ collectFiles),
  DD: () => (/* binding */ loadManifests)
});

// UNUSED EXPORTS: MAX_RUN_MANIFEST_BYTES

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/manifests/render.ts
var render = __webpack_require__(5276);
// EXTERNAL MODULE: ./src/util/run-tool.ts
var run_tool = __webpack_require__(100);
// EXTERNAL MODULE: ./src/util/temp.ts
var temp = __webpack_require__(4868);
// EXTERNAL MODULE: ./src/util/which.ts
var which = __webpack_require__(6669);
// EXTERNAL MODULE: ./src/util/posix-path.ts
var posix_path = __webpack_require__(9055);
// EXTERNAL MODULE: ./src/manifests/parse.ts
var parse = __webpack_require__(3077);
;// CONCATENATED MODULE: ./src/manifests/helm.ts
// Helm charts rendered with `helm template`, with each object pointed back at its template file
// and, where the template's layout allows, the line of the field.








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
 * helm's environment: nothing of the runner's or the user's Helm setup (plugins, repositories,
 * registry logins, kubeconfig) reaches it; every place helm reads settings from is an empty
 * directory of ours. No network settings: `helm template` of a local chart needs none.
 */
async function helmEnv(home) {
    const plugins = external_node_path_default().join(home, 'plugins');
    await (0,promises_.mkdir)(plugins, { recursive: true });
    return {
        ...(0,run_tool/* toolEnv */.oW)({ network: false }),
        HOME: home,
        HELM_CACHE_HOME: external_node_path_default().join(home, 'cache'),
        HELM_CONFIG_HOME: external_node_path_default().join(home, 'config'),
        HELM_DATA_HOME: external_node_path_default().join(home, 'data'),
        HELM_PLUGINS: plugins,
        HELM_REGISTRY_CONFIG: external_node_path_default().join(home, 'registry.json'),
        HELM_REPOSITORY_CACHE: external_node_path_default().join(home, 'repository-cache'),
        HELM_REPOSITORY_CONFIG: external_node_path_default().join(home, 'repositories.yaml'),
        KUBECONFIG: external_node_path_default().join(home, 'kubeconfig')
    };
}
/**
 * Renders a Helm chart once per values set (`helm template --values` with each set's files in
 * order after the chart's values.yaml; one set of none by default), offline: no dependency
 * update, no plugins, no DNS lookups (helm's default). Each object points at the template file
 * named by Helm's `# Source:` comment, at the line of the field where the template has it (see
 * `templateLine`); with several sets, each object names its set (`valuesSet`). Without helm the
 * chart is reported as not checked: its templates are not plain YAML. A chart helm cannot
 * render fails the gate.
 */
async function renderHelmChart(workspace, dir, timeoutMs, valuesSets = [[]]) {
    const chartFile = (0,posix_path/* relativePosix */.Y)(workspace, external_node_path_default().join(dir, render/* HELM_CHART_FILE */.xK));
    // helm reads a linked file's target into the chart; one outside it is not the PR's to give.
    const link = await linkLeaving(dir);
    if (link)
        return (0,render/* notRendered */.fK)(chartFile, `Helm chart refused: ${(0,posix_path/* relativePosix */.Y)(workspace, link.file)} links outside the chart (to ${link.target}); chart not checked`, true);
    const helm = await (0,which/* findOnPath */.a)('helm');
    if (!helm)
        return (0,render/* notRendered */.fK)(chartFile, 'Helm chart not checked: helm is not on PATH to render it');
    const result = { rendered: true, file: chartFile, objects: [], problems: [] };
    for (const valuesFiles of valuesSets) {
        // The set as `helm-values` spells it, relative to the chart.
        const valuesSet = valuesSets.length > 1
            ? valuesFiles.map((file) => (0,posix_path/* relativePosix */.Y)(dir, file)).join(',')
            : undefined;
        const rendered = await renderValuesSet(workspace, dir, helm, timeoutMs, valuesFiles, valuesSet);
        result.rendered &&= rendered.rendered;
        result.objects.push(...rendered.objects);
        result.problems.push(...rendered.problems);
    }
    return result;
}
/** `helm template` of a chart with one values set, each object labelled with `valuesSet`. */
async function renderValuesSet(workspace, dir, helm, timeoutMs, valuesFiles, valuesSet) {
    const relative = (file) => (0,posix_path/* relativePosix */.Y)(workspace, file);
    const chartFile = relative(external_node_path_default().join(dir, render/* HELM_CHART_FILE */.xK));
    const home = await (0,temp/* privateTempDir */.n)('hardening-helm-');
    let output;
    try {
        const args = [
            'template',
            'hardening-check',
            dir,
            ...valuesFiles.flatMap((f) => ['--values', f])
        ];
        output = (await (0,run_tool/* runTool */.qI)(helm, args, { timeoutMs, env: await helmEnv(home) })).stdout;
    }
    catch (error) {
        const values = valuesSet === undefined ? '' : ` with values ${valuesSet}`;
        return (0,render/* notRendered */.fK)(chartFile, `helm template${values} failed (${error.message}); chart not checked`, true);
    }
    finally {
        await (0,promises_.rm)(home, { recursive: true, force: true });
    }
    const objects = [];
    const problems = [];
    const label = valuesSet === undefined ? {} : { valuesSet };
    const templates = new Map();
    const occurrences = new Map();
    for (const text of output.split(/^---\s*$/m)) {
        const source = /^# Source: [^/\n]+\/(.+)$/m.exec(text)?.[1];
        // A template can print a `# Source:` line of its own: only a file of the chart counts.
        const template = source && !external_node_path_default().relative(dir, external_node_path_default().join(dir, source)).startsWith('..')
            ? external_node_path_default().join(dir, source)
            : undefined;
        // A subchart packed as an archive has no template file in the repository.
        const outline = template ? await templateOutline(templates, template) : undefined;
        const file = outline && template ? relative(template) : chartFile;
        const parsed = (0,parse/* parseManifests */.Ye)(text, file);
        problems.push(...parsed.problems);
        if (!outline || !template) {
            objects.push(...parsed.objects.map((o) => ({ ...o, ...label, line: 1, lineOf: () => undefined })));
            continue;
        }
        const occurrence = occurrences.get(template) ?? 0;
        occurrences.set(template, occurrence + 1);
        const document = sourceDocument(outline, text, occurrence);
        const rendered = outlineLines(text);
        const lineIn = (renderedLine) => templateLine(document, rendered.get(renderedLine) ?? []);
        objects.push(...parsed.objects.map((o) => ({
            ...o,
            ...label,
            line: lineIn(o.line),
            lineOf: (fieldPath) => {
                const line = o.lineOf(fieldPath);
                return line === undefined ? undefined : lineIn(line);
            }
        })));
    }
    return { rendered: true, file: chartFile, objects, problems };
}
function templateOutline(cache, template) {
    let outline = cache.get(template);
    if (!outline) {
        outline = (0,promises_.readFile)(template, 'utf8').then((text) => {
            const documents = [];
            for (const entry of outlineEntries(text)) {
                const document = (documents[entry.document] ??= {
                    paths: new Map(),
                    items: new Map(),
                    lines: new Set()
                });
                if (!document.paths.has(entry.path))
                    document.paths.set(entry.path, entry.line);
                const item = ITEM.exec(entry.path);
                if (item)
                    document.items.set(item[1], Math.max(document.items.get(item[1]) ?? 0, Number(item[2]) + 1));
                document.lines.add(entry.text);
            }
            return documents.filter(Boolean);
        }, () => undefined);
        cache.set(template, outline);
    }
    return outline;
}
/**
 * The template document a rendered document came from: the one that spells out most of its
 * lines literally (documents inside `if` may not render, one inside `range` renders many); on a
 * tie, the `occurrence`-th, as when every document rendered once.
 */
function sourceDocument(outline, rendered, occurrence) {
    const lines = outlineEntries(rendered).map((entry) => entry.text);
    const score = (document) => lines.filter((l) => document.lines.has(l)).length;
    let best = outline[Math.min(occurrence, outline.length - 1)];
    for (const document of outline)
        if (score(document) > score(best))
            best = document;
    return best;
}
/** For each line of rendered YAML, the paths of the keys that start on it, outermost first. */
function outlineLines(text) {
    const lines = new Map();
    for (const entry of outlineEntries(text))
        lines.set(entry.line, [...(lines.get(entry.line) ?? []), entry.path]);
    return lines;
}
/**
 * The template line of a rendered line, given the paths of the keys on it: the first line of
 * the same path in the template document, or of the nearest ancestor the template spells out (a
 * value that `toYaml` inserted maps to the line that inserts it); else the document's first line.
 */
function templateLine(document, paths) {
    if (!document)
        return 1;
    const deepest = paths.at(-1);
    const prefixes = [];
    // The n-th rendered list item is the template's n-th where it spells out that many; past them
    // (items a `range` repeats), its last one.
    for (const segment of deepest === undefined ? [] : deepest.split(PATH_SEPARATOR)) {
        const parent = prefixes.at(-1);
        const index = /^-(\d+)$/.exec(segment)?.[1];
        const spelled = index === undefined ? 0 : (document.items.get(parent ?? '') ?? 0);
        const mapped = spelled > 0 ? `-${Math.min(Number(index), spelled - 1)}` : segment;
        prefixes.push(parent === undefined ? mapped : `${parent}${PATH_SEPARATOR}${mapped}`);
    }
    for (const prefix of prefixes.reverse()) {
        const line = document.paths.get(prefix);
        if (line !== undefined)
            return line;
    }
    return document.paths.values().next().value ?? 1;
}
const PATH_SEPARATOR = '\n';
/** A path that ends in a list item: the path of the list, and the item's index. */
const ITEM = /^(?:(.*)\n)?-(\d+)$/s;
/**
 * The key structure of YAML written in block style, read from indentation alone so that it works
 * on a template (Go template actions and comments are skipped) as on its rendered output. Flow
 * collections and block scalars count as the value of their key.
 */
function outlineEntries(text) {
    const entries = [];
    let stack = [];
    /** Items seen so far in each list, by the list's path. */
    let itemsSeen = new Map();
    let document = 0;
    let blockScalarColumn;
    text.split('\n').forEach((raw, index) => {
        const line = raw.replace(/\r$/, '');
        const trimmed = line.trim();
        const indent = line.length - line.trimStart().length;
        if (blockScalarColumn !== undefined) {
            if (trimmed === '' || indent > blockScalarColumn)
                return;
            blockScalarColumn = undefined;
        }
        if (/^---(\s|$)/.test(line)) {
            document++;
            stack = [];
            itemsSeen = new Map();
            return;
        }
        if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('{{'))
            return;
        // A list may sit at its key's own indentation (`containers:` then `- name: app`).
        const item = /^-(\s|$)/.test(trimmed);
        const encloses = (top) => top.column < indent || (top.column === indent && item && !top.item);
        while (stack.length > 0 && !encloses(stack[stack.length - 1]))
            stack.pop();
        const emit = (column, key, item = false) => {
            stack.push({ column, key, item });
            entries.push({
                line: index + 1,
                text: trimmed,
                path: stack.map((s) => s.key).join(PATH_SEPARATOR),
                document
            });
        };
        let column = indent;
        let rest = trimmed;
        for (let item = /^-(\s+|$)/.exec(rest); item; item = /^-(\s+|$)/.exec(rest)) {
            const list = stack.map((s) => s.key).join(PATH_SEPARATOR);
            const index = itemsSeen.get(list) ?? 0;
            itemsSeen.set(list, index + 1);
            emit(column, `-${index}`, true);
            column += item[0].length;
            rest = rest.slice(item[0].length);
        }
        const key = /^("[^"]*"|'[^']*'|[^\s#'"{][^:#]*?)\s*:(\s|$)/.exec(rest);
        if (key)
            emit(column, key[1].replace(/^(["'])(.*)\1$/, '$2'));
        if (/(^|:\s+)[|>][-+0-9]*\s*(#.*)?$/.test(rest))
            blockScalarColumn = column;
    });
    return entries;
}

;// CONCATENATED MODULE: ./src/manifests/load.ts






const MAX_MANIFEST_BYTES = 10 * 1024 * 1024;
/**
 * Bytes of manifests read per run, all files together: what is read stays in memory as objects
 * (about 8x its size), and a 10 MiB document takes about 400 MB while the yaml package reads it
 * (about 160 MB when it is plain block YAML, read without it: kube-yaml.ts, readSimpleBlock).
 */
const MAX_RUN_MANIFEST_BYTES = 100 * 1024 * 1024;
const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
const SKIPPED_DIRS = new Set(['.git', 'node_modules', '.tools']);
/**
 * Loads every Kubernetes object under `targets` (files or directories inside `workspace`). With
 * `render`, a directory with a kustomization (kustomize or kubectl) or a Helm chart (helm) is
 * rendered and stands in for its files; `helmValues` names each chart's values sets (lists of
 * absolute paths, by absolute chart directory), each rendered and checked on its own.
 */
async function loadManifests(workspace, targets, options = {}) {
    const result = { objects: [], problems: [] };
    const files = await collectFiles(workspace, targets, (name) => MANIFEST_EXTENSIONS.has(external_node_path_default().extname(name).toLowerCase()) ||
        render/* KUSTOMIZATION_FILES */.Ct.has(name) ||
        name === render/* HELM_CHART_FILE */.xK);
    result.problems.push(...files.problems);
    const relativeOf = (file) => (0,posix_path/* toPosix */.d)(external_node_path_default().relative(workspace, file));
    const inside = (file, dir) => !external_node_path_default().relative(dir, file).startsWith('..');
    const charts = options.render
        ? files.files
            .filter((file) => external_node_path_default().basename(file) === render/* HELM_CHART_FILE */.xK)
            .map((file) => external_node_path_default().dirname(file))
        : [];
    const kustomizations = options.render
        ? files.files
            .filter((file) => render/* KUSTOMIZATION_FILES */.Ct.has(external_node_path_default().basename(file)))
            .map((file) => external_node_path_default().dirname(file))
        : [];
    // A chart's templates are Go templates, not YAML: never read them as plain manifests.
    const plain = files.files.filter((file) => !charts.some((dir) => inside(file, dir)));
    const loaded = new Map();
    const budget = { bytes: MAX_RUN_MANIFEST_BYTES };
    for (const file of plain)
        loaded.set(file, await loadFile(file, relativeOf(file), budget));
    const timeoutMs = options.timeoutMs ?? 120_000;
    const take = (rendered) => {
        result.objects.push(...rendered.objects);
        result.problems.push(...rendered.problems);
    };
    for (const dir of charts)
        take(await renderHelmChart(workspace, dir, timeoutMs, options.helmValues?.[dir]));
    // In a rendered kustomization's directory, what a kustomization reads stands for nothing on
    // its own; the rest (what `kubectl apply -f dir/` would apply) is checked as it is.
    const reads = new Set();
    const rendered = [];
    for (const dir of kustomizations) {
        const sources = [...loaded].filter(([file]) => inside(file, dir)).flatMap(([, r]) => r.objects);
        const kustomization = await (0,render/* renderKustomization */.A0)(workspace, dir, sources, {
            timeoutMs,
            allowRemote: options.kustomizeRemote
        });
        take(kustomization);
        if (!kustomization.rendered)
            continue;
        for (const file of kustomization.reads ?? [])
            reads.add(file);
        rendered.push({ dir, file: kustomization.file });
    }
    const unreferenced = new Map();
    for (const [file, entry] of loaded) {
        // The innermost rendered kustomization whose directory holds the file.
        const owner = rendered
            .filter(({ dir }) => inside(file, dir))
            .sort((a, b) => b.dir.length - a.dir.length)[0];
        if (owner && reads.has(external_node_path_default().resolve(file)))
            continue;
        result.objects.push(...entry.objects);
        result.problems.push(...entry.problems);
        if (owner && entry.objects.length > 0)
            unreferenced.set(owner.file, [...(unreferenced.get(owner.file) ?? []), relativeOf(file)]);
    }
    for (const [file, files] of unreferenced)
        result.problems.push({
            file,
            message: `not referenced by this kustomization, so checked as plain manifests (as \`kubectl apply -f\` on the directory would apply them): ${files.join(', ')}`
        });
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
    const relative = (0,posix_path/* toPosix */.d)(external_node_path_default().relative(workspace, target)) || '.';
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
    // Decoded in a function of its own, so the bytes are garbage while the text is parsed.
    const decoded = decode(await (0,promises_.readFile)(file), relative, budget);
    return 'text' in decoded
        ? (0,parse/* parseManifests */.Ye)(decoded.text, relative, { split: !decoded.utf16 })
        : decoded;
}
/** A manifest file's text, or why it is not read. */
function decode(bytes, relative, budget) {
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
    const bytesLookLikeManifest = () => (0,parse/* looksLikeManifest */.BG)(bytes.toString('latin1').replace(/\0/g, ''));
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
    return { text, utf16: utf16 !== undefined };
}
function unreadable(file, message, blocking) {
    return { objects: [], problems: [{ file, message, ...(blocking ? { blocking } : {}) }] };
}


/***/ }),

/***/ 3077:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BG: () => (/* binding */ looksLikeManifest),
/* harmony export */   Ye: () => (/* binding */ parseManifests)
/* harmony export */ });
/* unused harmony exports MAX_DOCUMENTS_PER_FILE, parseFieldPath */
/* harmony import */ var _kube_yaml_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4345);
// Manifest text to Kubernetes objects that remember their file and lines; load.ts reads the
// files and render.ts renders kustomizations and charts, both through this.

/** Documents read per file (a 10 MiB file of `---` lines would otherwise be a million). */
const MAX_DOCUMENTS_PER_FILE = 10_000;
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
    for (const document of (0,_kube_yaml_js__WEBPACK_IMPORTED_MODULE_0__/* .readKubeYaml */ .X2)(text, options)) {
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


/***/ }),

/***/ 5276:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A0: () => (/* binding */ renderKustomization),
/* harmony export */   Ct: () => (/* binding */ KUSTOMIZATION_FILES),
/* harmony export */   Zr: () => (/* binding */ kustomizationInputs),
/* harmony export */   fK: () => (/* binding */ notRendered),
/* harmony export */   l8: () => (/* binding */ kustomizationFiles),
/* harmony export */   xK: () => (/* binding */ HELM_CHART_FILE)
/* harmony export */ });
/* unused harmony exports offlineKustomizeEnv, isRemoteEntry */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _util_run_tool_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(100);
/* harmony import */ var _util_temp_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4868);
/* harmony import */ var _util_which_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6669);
/* harmony import */ var _kube_yaml_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4345);
/* harmony import */ var _parse_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3077);
/* harmony import */ var _util_posix_path_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(9055);








const KUSTOMIZATION_FILES = new Set([
    'kustomization.yaml',
    'kustomization.yml',
    'Kustomization'
]);
const HELM_CHART_FILE = 'Chart.yaml';
/** A directory that was not rendered, and why. */
function notRendered(file, message, blocking = false) {
    return {
        rendered: false,
        file,
        objects: [],
        problems: [{ file, message, ...(blocking ? { blocking } : {}) }]
    };
}
/** `kustomize build DIR`, or `kubectl kustomize DIR` when only kubectl is installed. */
async function renderer() {
    const kustomize = await (0,_util_which_js__WEBPACK_IMPORTED_MODULE_4__/* .findOnPath */ .a)('kustomize');
    if (kustomize)
        return (dir) => [kustomize, ['build', dir]];
    const kubectl = await (0,_util_which_js__WEBPACK_IMPORTED_MODULE_4__/* .findOnPath */ .a)('kubectl');
    if (kubectl)
        return (dir) => [kubectl, ['kustomize', dir]];
    return undefined;
}
/** A proxy nothing can answer: no process can listen on port 0. */
const CLOSED_PROXY = 'http://127.0.0.1:0';
/**
 * kustomize's environment when remote entries are refused, for a spelling `isRemoteEntry`
 * might miss: `PATH` is an empty directory (kustomize clones with the `git` it finds there) and
 * git's transports are off, and HTTP(S) goes to a proxy that cannot answer, with no NO_PROXY.
 * Go's client never proxies a loopback host: for those, refusing the entry is the only guard.
 */
function offlineKustomizeEnv(emptyDir) {
    const proxies = ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy'];
    return {
        ...(0,_util_run_tool_js__WEBPACK_IMPORTED_MODULE_2__/* .toolEnv */ .oW)({ network: false }),
        PATH: emptyDir,
        GIT_ALLOW_PROTOCOL: 'none',
        ...Object.fromEntries(proxies.map((name) => [name, CLOSED_PROXY]))
    };
}
const identity = (object) => {
    const metadata = (object.metadata ?? {});
    return { kind: String(object.kind), name: String(metadata.name ?? '') };
};
/**
 * Renders a kustomization and points each rendered object back at the file and lines it came
 * from (same kind, name equal or wrapped by namePrefix/nameSuffix); an object only a generator
 * produced points at the kustomization file. Unless `allowRemote` (`kustomize-remote`), a
 * kustomization that names anything kustomize would fetch over the network is refused and fails
 * the gate, and kustomize runs without a way to reach the network.
 */
async function renderKustomization(workspace, dir, sources, options) {
    let inputs;
    let unreadable = '';
    try {
        inputs = await kustomizationInputs(dir);
    }
    catch (error) {
        unreadable = error.message;
    }
    const kustomizationFile = (0,_util_posix_path_js__WEBPACK_IMPORTED_MODULE_7__/* .relativePosix */ .Y)(workspace, inputs?.file ?? node_path__WEBPACK_IMPORTED_MODULE_1___default().join(dir, 'kustomization.yaml'));
    if (!options.allowRemote) {
        // What we cannot walk we cannot vouch for: kustomize would fail on it too.
        if (!inputs)
            return notRendered(kustomizationFile, `kustomization not rendered (${unreadable}); its files were checked as plain manifests`);
        if (inputs.remote.length > 0)
            return {
                rendered: false,
                file: kustomizationFile,
                objects: [],
                problems: inputs.remote.map((remote) => ({
                    file: (0,_util_posix_path_js__WEBPACK_IMPORTED_MODULE_7__/* .relativePosix */ .Y)(workspace, remote.kustomization),
                    line: remote.line,
                    message: `kustomization entry ${JSON.stringify(remote.entry)} is fetched over the network by kustomize; refused, so ${kustomizationFile} was not rendered (its files were checked as plain manifests). Commit what it names to the repository, or let the workflow allow remote bases with kustomize-remote: true.`,
                    blocking: true
                }))
            };
    }
    // A component's files are patches and parts for the kustomizations that use it.
    if (inputs?.component)
        return {
            rendered: true,
            file: kustomizationFile,
            objects: [],
            problems: [],
            reads: inputs.reads
        };
    const render = await renderer();
    if (!render)
        return notRendered(kustomizationFile, 'neither kustomize nor kubectl is on PATH; its files were checked as plain manifests (patches not applied)');
    const [command, args] = render(dir);
    const noTools = options.allowRemote ? undefined : await (0,_util_temp_js__WEBPACK_IMPORTED_MODULE_3__/* .privateTempDir */ .n)('hardening-kustomize-');
    let output;
    try {
        const env = noTools ? offlineKustomizeEnv(noTools) : (0,_util_run_tool_js__WEBPACK_IMPORTED_MODULE_2__/* .toolEnv */ .oW)();
        output = (await (0,_util_run_tool_js__WEBPACK_IMPORTED_MODULE_2__/* .runTool */ .qI)(command, args, { timeoutMs: options.timeoutMs, env })).stdout;
    }
    catch (error) {
        return notRendered(kustomizationFile, `kustomize build failed (${error.message}); its files were checked as plain manifests`);
    }
    finally {
        if (noTools)
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(noTools, { recursive: true, force: true });
    }
    const parsed = (0,_parse_js__WEBPACK_IMPORTED_MODULE_6__/* .parseManifests */ .Ye)(output, kustomizationFile);
    // The files the kustomization pulls in (bases may live outside the scanned directory).
    for (const file of inputs?.resources ?? []) {
        const text = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(file, 'utf8').catch(() => '');
        sources.push(...(0,_parse_js__WEBPACK_IMPORTED_MODULE_6__/* .parseManifests */ .Ye)(text, (0,_util_posix_path_js__WEBPACK_IMPORTED_MODULE_7__/* .relativePosix */ .Y)(workspace, file)).objects);
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
    return {
        rendered: true,
        file: kustomizationFile,
        objects,
        problems: parsed.problems,
        reads: inputs?.reads ?? new Set()
    };
}
/**
 * The files a bundle's kustomization lists, following `resources:` into sub-kustomizations.
 * Our bundles only compose files (no patches), so listing them is all the rendering they need,
 * and the action does not depend on kustomize being on the runner.
 */
async function kustomizationFiles(dir) {
    const inputs = await kustomizationInputs(dir);
    const [missing] = inputs.missing;
    if (missing)
        throw new Error(`${missing.kustomization} lists '${missing.entry}', which does not exist`);
    const [remote] = inputs.remote;
    if (remote)
        throw new Error(`${remote.kustomization} lists '${remote.entry}', which is remote`);
    return inputs.resources;
}
/**
 * Whether kustomize fetches `entry` rather than reading a local file: an http(s) URL, which its
 * loader downloads wherever it loads a file (`IsRemoteFile` in
 * sigs.k8s.io/kustomize/api/internal/loader), or, where a directory may stand, a git
 * repository it clones, decided from the spelling before the disk is looked at.
 */
function isRemoteEntry(entry, directory) {
    return /^https?:/i.test(entry) || (directory && isGitRepoSpec(entry));
}
/**
 * `NewRepoSpecFromURL` of sigs.k8s.io/kustomize/api/internal/git/repospec.go (kustomize v5.8),
 * reduced to whether it parses: a scheme (ssh, https, http, file; `git::` stripped) or an
 * scp-like `user@host:` / `github.com`, then a repository path kustomize can split.
 */
function isGitRepoSpec(spec) {
    if (node_path__WEBPACK_IMPORTED_MODULE_1___default().isAbsolute(spec))
        return false;
    let rest = spec.split('?')[0].replace(/^git::/i, '');
    const scheme = ['ssh://', 'https://', 'http://', 'file://'].find((prefix) => rest.toLowerCase().startsWith(prefix));
    rest = rest.slice(scheme?.length ?? 0);
    const username = /^[a-zA-Z][a-zA-Z0-9-]*@/.exec(rest)?.[0] ?? '';
    rest = rest.slice(username.length);
    const github = /^github\.com[/:]/i.test(rest);
    const scpLike = !scheme && (username !== '' || github);
    if (!scheme && !scpLike)
        return false;
    if (scheme === 'file://')
        return splitsIntoRepoPath(username + rest, true);
    let separator = rest.indexOf('/');
    const colon = rest.indexOf(':');
    if (scpLike && (separator < 0 || (colon > 0 && colon < separator)))
        separator = colon;
    // The host is what precedes the separator; only an empty remainder leaves none.
    if (rest === '')
        return false;
    return splitsIntoRepoPath(separator < 0 ? '' : rest.slice(separator + 1), false);
}
/** `parsePathParts` of repospec.go: a repository path, and a root inside the repository. */
function splitsIntoRepoPath(rest, allSegments) {
    let repo;
    let root;
    const gitRoot = rest.indexOf('_git/');
    const doubleSlash = rest.indexOf('//');
    const gitSuffix = rest.indexOf('.git');
    if (gitRoot >= 0) {
        const [first, ...under] = rest.slice(gitRoot + '_git/'.length).split('/');
        repo = rest.slice(0, gitRoot + '_git/'.length) + first;
        root = under.join('/');
    }
    else if (doubleSlash >= 0) {
        repo = rest.slice(0, doubleSlash);
        root = rest.slice(doubleSlash + 2);
    }
    else if (gitSuffix >= 0) {
        repo = rest.slice(0, gitSuffix + '.git'.length);
        root = rest.slice(gitSuffix + '.git'.length);
    }
    else if (allSegments) {
        repo = rest;
        root = '';
    }
    else {
        const segments = rest.split('/');
        if (segments.length < 2)
            return false;
        repo = segments.slice(0, 2).join('/');
        root = segments.slice(2).join('/');
    }
    const leavesRepo = node_path__WEBPACK_IMPORTED_MODULE_1___default().posix.normalize(root.replace(/^\//, '')).split('/')[0] === '..';
    return repo !== '' && !leavesRepo;
}
/**
 * Walks a kustomization as kustomize reads it: `resources`/`bases` and `components` (files,
 * or directories with their own kustomization), and every field that names a file kustomize
 * reads but that is no standalone manifest (patches, generator inputs, replacements, ...).
 */
async function kustomizationInputs(dir, seen = new Set()) {
    const real = node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(dir);
    const inputs = {
        file: '',
        component: false,
        resources: [],
        reads: new Set(),
        missing: [],
        remote: []
    };
    if (seen.has(real))
        return inputs;
    seen.add(real);
    let text;
    for (const name of KUSTOMIZATION_FILES) {
        inputs.file = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(real, name);
        text = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(inputs.file, 'utf8').catch(() => undefined);
        if (text !== undefined)
            break;
    }
    if (text === undefined)
        throw new Error(`${dir} has no kustomization.yaml`);
    inputs.reads.add(inputs.file);
    // Read as kustomize reads it (sigs.k8s.io/yaml), like every other manifest.
    const [document] = (0,_kube_yaml_js__WEBPACK_IMPORTED_MODULE_5__/* .readKubeYaml */ .X2)(text);
    if (document?.error)
        throw new Error(`${inputs.file}:${document.error.line}: ${document.error.message}`);
    const kustomization = (document?.value ?? {});
    inputs.component = kustomization.kind === 'Component';
    /** The string entries of a list field, each with its field path (for its line). */
    const strings = (at) => {
        let value = kustomization;
        for (const key of at)
            value = value?.[key];
        if (typeof value === 'string')
            return [{ entry: value, at }];
        if (!Array.isArray(value))
            return [];
        return value.flatMap((entry, index) => typeof entry === 'string' ? [{ entry, at: [...at, index] }] : []);
    };
    /** Each item of a list field, by field path (for fields inside the items). */
    const items = (field) => {
        const value = kustomization[field];
        return Array.isArray(value) ? value.map((_, index) => [field, index]) : [];
    };
    const refuse = (entry, at) => inputs.remote.push({ kustomization: inputs.file, line: document?.lineOf(at), entry });
    /** Refuses an entry kustomize would fetch; true when it did. */
    const remote = (entry, at, directory) => {
        if (!isRemoteEntry(entry, directory))
            return false;
        refuse(entry, at);
        return true;
    };
    /** A file, or a directory whose kustomization is walked; `include`: its files are resources. */
    const follow = async (entry, at, include) => {
        if (remote(entry, at, true))
            return;
        const target = node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(real, entry);
        const info = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)(target).catch(() => undefined);
        if (!info) {
            inputs.missing.push({ kustomization: inputs.file, entry });
        }
        else if (info.isDirectory()) {
            const nested = await kustomizationInputs(target, seen);
            if (include)
                inputs.resources.push(...nested.resources);
            for (const file of nested.reads)
                inputs.reads.add(file);
            inputs.missing.push(...nested.missing);
            inputs.remote.push(...nested.remote);
        }
        else {
            if (include)
                inputs.resources.push(target);
            inputs.reads.add(target);
        }
    };
    /** A file kustomize reads that is not a manifest; inline YAML (patches, plugins) is none. */
    const read = async (entry, at) => {
        if (remote(entry, at, false))
            return;
        const target = node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(real, entry);
        if (!entry.includes('\n') && (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)(target).catch(() => undefined))?.isFile())
            inputs.reads.add(target);
    };
    for (const field of ['resources', 'bases', 'components'])
        for (const { entry, at } of strings([field]))
            await follow(entry, at, true);
    // Plugin configurations may be directories with a kustomization of their own.
    for (const field of ['generators', 'transformers', 'validators'])
        for (const { entry, at } of strings([field]))
            if (!entry.includes('\n'))
                await follow(entry, at, false);
    // helm pulls a chart from any `repo` (https, oci, ...); kustomize runs helm with --enable-helm.
    for (const [field, repo] of [
        ['helmCharts', 'repo'],
        ['helmChartInflationGenerator', 'chartRepoUrl']
    ])
        for (const at of items(field))
            for (const { entry, at: repoAt } of strings([...at, repo]))
                if (entry)
                    refuse(entry, repoAt);
    const generatorFiles = [...items('configMapGenerator'), ...items('secretGenerator')].flatMap((at) => [
        // `files` entries are `path` or `key=path`.
        ...strings([...at, 'files']).map(({ entry, at }) => ({
            entry: isRemoteEntry(entry, false) ? entry : entry.replace(/^[^=]*=/, ''),
            at
        })),
        ...strings([...at, 'envs']),
        ...strings([...at, 'env'])
    ]);
    const pathsOf = (field) => items(field).flatMap((at) => strings([...at, 'path']));
    for (const { entry, at } of [
        ...strings(['crds']),
        ...strings(['configurations']),
        ...strings(['patchesStrategicMerge']),
        ...pathsOf('patches'),
        ...pathsOf('patchesJson6902'),
        ...pathsOf('replacements'),
        ...strings(['openapi', 'path']),
        ...items('helmCharts').flatMap((at) => strings([...at, 'valuesFile'])),
        ...generatorFiles
    ])
        await read(entry, at);
    return inputs;
}


/***/ }),

/***/ 4660:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   oC: () => (/* binding */ cliProgress)
/* harmony export */ });
/* unused harmony exports noProgress, LiveLine, StageLines, StageGroups, isLiveTerminal */
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5625);

const noProgress = {
    stage: () => { },
    count: () => { },
    targetStarted: () => { },
    targetFinished: () => { },
    done: () => { }
};
/** What the renderers share: the current stage, its counts, the running and finished targets. */
class RunState {
    started = performance.now();
    stageName;
    stageStarted = this.started;
    /** Totals since the start of the current stage, in the order first reported. */
    counts = new Map();
    running = [];
    finished = 0;
    failed = 0;
    startStage(name) {
        this.stageName = name;
        this.stageStarted = performance.now();
        this.counts = new Map();
        // Every tool run of a stage is awaited before the next starts; one that threw is over too.
        this.running = [];
        this.finished = 0;
        this.failed = 0;
    }
    add(kind, n) {
        this.counts.set(kind, (this.counts.get(kind) ?? 0) + n);
    }
    start(target) {
        this.running.push(target);
    }
    finish(target, failed) {
        const index = this.running.indexOf(target);
        if (index !== -1)
            this.running.splice(index, 1);
        this.finished++;
        if (failed)
            this.failed++;
    }
    /** Seconds in the current stage: tenths on a live line, hundredths in a log. */
    stageSeconds(digits = 2, now = performance.now()) {
        return seconds(now - this.stageStarted, digits);
    }
    totalSeconds(digits = 2, now = performance.now()) {
        return seconds(now - this.started, digits);
    }
    /** `files read 12, resources evaluated 340, 3 targets (1 failed)`: what the stage did. */
    tally() {
        const parts = [...this.counts].map(([kind, n]) => `${kind} ${n}`);
        if (this.finished > 0)
            parts.push(`${this.finished} target${this.finished === 1 ? '' : 's'}${this.failed ? ` (${this.failed} failed)` : ''}`);
        return parts.join(', ');
    }
}
const seconds = (ms, digits) => `${(ms / 1000).toFixed(digits)} s`;
/** PR text on one line of a terminal or log: escape sequences, line breaks and tabs escaped. */
const oneLine = (text) => (0,_log_js__WEBPACK_IMPORTED_MODULE_0__/* .printable */ .g$)(text, { oneLine: true }).replace(/\t/g, '\\t');
/** Carriage return, then erase the whole line (ECMA-48 EL 2). */
const CLEAR_LINE = '\r\u001b[2K';
const REDRAW_MS = 200;
/**
 * One line on a terminal, rewritten in place as events arrive and every 200 ms (elapsed time).
 * Written by hand rather than with a library such as log-update: one line that never wraps needs
 * only a carriage return and an erase-line sequence, while log-update brings six packages for
 * wrapping, ANSI-aware slicing and cursor hiding we have no use for (the text is ours or escaped,
 * and cut to the terminal's width), into a CLI whose start-up time is budgeted.
 */
class LiveLine {
    stream;
    state = new RunState();
    timer;
    stages = [];
    shown = false;
    constructor(stream) {
        this.stream = stream;
        this.timer = setInterval(() => this.draw(), REDRAW_MS);
        this.timer.unref();
    }
    stage(name) {
        this.closeStage();
        this.state.startStage(name);
        this.draw();
    }
    count(kind, n) {
        this.state.add(kind, n);
        this.draw();
    }
    targetStarted(target) {
        this.state.start(oneLine(target));
        this.draw();
    }
    targetFinished(target, failed = false) {
        this.state.finish(oneLine(target), failed);
        this.draw();
    }
    done() {
        clearInterval(this.timer);
        this.closeStage();
        this.clear();
        if (this.stages.length > 0)
            this.stream.write(`done in ${this.state.totalSeconds(1)} (${this.stages.join(', ')})\n`);
    }
    /** Prints other output (a warning, a log line) above the live line instead of through it. */
    above(print) {
        this.clear();
        print();
        this.draw();
    }
    /** The text of the live line (without the escape sequences that place it). */
    text(now = performance.now()) {
        const { state } = this;
        const parts = [`[${state.totalSeconds(1, now)}] ${state.stageName ?? 'starting'}`];
        const tally = state.tally();
        if (tally)
            parts.push(tally);
        if (state.running.length > 0)
            parts.push(`running: ${state.running.join(', ')}`);
        return parts.join(' · ');
    }
    closeStage() {
        if (this.state.stageName)
            this.stages.push(`${this.state.stageName} ${this.state.stageSeconds(1)}`);
    }
    draw() {
        if (!this.state.stageName)
            return;
        // A line longer than the terminal wraps, and the carriage return then rewrites only its tail.
        const width = Math.max(20, (this.stream.columns || 80) - 1);
        const chars = [...this.text()];
        const line = chars.length > width ? `${chars.slice(0, width - 1).join('')}…` : chars.join('');
        this.stream.write(`${CLEAR_LINE}${line}`);
        this.shown = true;
    }
    clear() {
        if (!this.shown)
            return;
        this.stream.write(CLEAR_LINE);
        this.shown = false;
    }
}
/** The stage-by-stage front ends: the same bookkeeping, told when a stage opens and closes. */
class StageLog {
    state = new RunState();
    stage(name) {
        this.closeStage();
        this.state.startStage(name);
        this.opened(name);
    }
    count(kind, n) {
        this.state.add(kind, n);
    }
    targetStarted(target) {
        this.state.start(target);
        this.targetEvent(target, 'started');
    }
    targetFinished(target, failed = false) {
        this.state.finish(target, failed);
        this.targetEvent(target, failed ? 'failed' : 'finished');
    }
    done() {
        this.closeStage();
        this.state.stageName = undefined;
    }
    opened(_name) { }
    targetEvent(_target, _event) { }
    closeStage() {
        const { state } = this;
        if (state.stageName)
            this.closed(state.stageName, state.stageSeconds(), state.tally());
    }
}
/** One line per finished stage, with its duration and what it did: for logs and pipes. */
class StageLines extends StageLog {
    write;
    constructor(write) {
        super();
        this.write = write;
    }
    closed(name, seconds, tally) {
        this.write(`${name}: ${seconds}${tally ? ` (${tally})` : ''}`);
    }
}
/**
 * The action's log: each stage in a collapsible group that ends with its duration, and each
 * target's start and end inside it. Scanners run concurrently, so their lines interleave within
 * the stage's group.
 */
class StageGroups extends StageLog {
    log;
    constructor(log) {
        super();
        this.log = log;
    }
    opened(name) {
        this.log.startGroup(name);
    }
    targetEvent(target, event) {
        this.log.info(`${oneLine(target)}: ${event}`);
    }
    closed(name, seconds, tally) {
        this.log.info(`${name} took ${seconds}${tally ? `: ${tally}` : ''}`);
        this.log.endGroup();
    }
}
/** Whether `stream` is a person's terminal: a TTY, not CI, and a terminal that understands escapes. */
function isLiveTerminal(stream, env = process.env) {
    return stream.isTTY === true && env.CI !== 'true' && env.TERM !== 'dumb';
}
/**
 * The CLI's front end on standard error: the live line on a terminal, stage lines elsewhere.
 * The returned logger prints above the live line so the two never overwrite each other.
 */
function cliProgress(log, stream = process.stderr, env = process.env) {
    if (!isLiveTerminal(stream, env))
        return { progress: new StageLines((line) => stream.write(`${line}\n`)), log };
    const line = new LiveLine(stream);
    return {
        progress: line,
        log: {
            info: (message) => line.above(() => log.info(message)),
            warning: (message) => line.above(() => log.warning(message)),
            debug: (message) => line.above(() => log.debug(message))
        }
    };
}


/***/ }),

/***/ 8933:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   JK: () => (/* binding */ pathPolicyChooser),
/* harmony export */   UJ: () => (/* binding */ exclusionNotices),
/* harmony export */   Uz: () => (/* binding */ runSelection),
/* harmony export */   fP: () => (/* binding */ withoutExcluded),
/* harmony export */   iA: () => (/* binding */ selectionKey)
/* harmony export */ });
/* harmony import */ var _findings_waivers_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2255);

/** One key per distinct selection: manifests with equal keys are judged by one policy library. */
function selectionKey(selection) {
    return JSON.stringify([selection.bundle, selection.extraPolicies]);
}
/** The run's own selection, for manifests no `paths:` entry changes. */
function runSelection(config) {
    return { bundle: config.policyBundle, extraPolicies: config.extraPolicies };
}
/** A chooser of each repo-relative file's policies (computed once per file). */
function pathPolicyChooser(config) {
    const rules = (config.policiesByPath ?? [])
        .map((rule) => ({ rule, matches: (0,_findings_waivers_js__WEBPACK_IMPORTED_MODULE_0__/* .globMatcher */ .fU)(rule.glob) }))
        .reverse();
    const lastGiving = (file, setting) => rules.find(({ rule, matches }) => rule[setting] !== undefined && matches(file))?.rule;
    const chosen = new Map();
    return (file) => {
        const known = chosen.get(file);
        if (known)
            return known;
        const exclusion = lastGiving(file, 'exclude');
        let choice;
        if (exclusion?.exclude)
            choice = { excludedBy: exclusion };
        else {
            const selection = {
                bundle: lastGiving(file, 'policyBundle')?.policyBundle ?? config.policyBundle,
                extraPolicies: lastGiving(file, 'extraPolicies')?.extraPolicies ?? config.extraPolicies
            };
            choice = { selection, key: selectionKey(selection) };
        }
        chosen.set(file, choice);
        return choice;
    };
}
/** Most excluded files a notice names; the rest are counted. */
const EXCLUDED_FILES_SHOWN = 20;
/** One notice per `paths:` entry that excluded files, naming them: "N <what>, excluded by …". */
function exclusionNotices(excluded, what) {
    return [...excluded].map(([rule, files]) => {
        const names = [...files];
        const more = names.length - EXCLUDED_FILES_SHOWN;
        return `${names.length} ${what}, excluded by ${rule.origin} (glob ${rule.glob}): ${names.slice(0, EXCLUDED_FILES_SHOWN).join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
    });
}
/**
 * Drops the findings in files a `paths:` entry excludes, with a notice per entry: Trivy's own
 * checks read whole directories, so an exclusion is applied to what they report, by the same
 * rule that keeps those files from the policies.
 */
function withoutExcluded(config, findings, what) {
    if (!config.policiesByPath?.some((rule) => rule.exclude))
        return { findings, notices: [] };
    const choose = pathPolicyChooser(config);
    const excluded = new Map();
    const kept = findings.filter((finding) => {
        const rule = finding.location && choose(finding.location.path).excludedBy;
        if (rule)
            excluded.set(rule, (excluded.get(rule) ?? new Set()).add(finding.location.path));
        return !rule;
    });
    return { findings: kept, notices: exclusionNotices(excluded, what) };
}


/***/ }),

/***/ 3891:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  i: () => (/* binding */ isPolicyScanOutcome),
  B: () => (/* binding */ policiesScanner)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/findings/model.ts
var model = __webpack_require__(9971);
// EXTERNAL MODULE: ./src/findings/order.ts
var order = __webpack_require__(1310);
// EXTERNAL MODULE: ./src/findings/severity.ts
var severity = __webpack_require__(5131);
// EXTERNAL MODULE: ./src/manifests/load.ts + 1 modules
var load = __webpack_require__(906);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
// EXTERNAL MODULE: ./src/util/concurrency.ts
var concurrency = __webpack_require__(3731);
// EXTERNAL MODULE: ./src/util/run-tool.ts
var run_tool = __webpack_require__(100);
// EXTERNAL MODULE: ./src/scanners/gatekeeper/annotations.ts + 1 modules
var gatekeeper_annotations = __webpack_require__(828);
;// CONCATENATED MODULE: ./src/scanners/gatekeeper/evaluate.ts







/**
 * Below this many reviews a second conftest process costs more (its start and policy compile)
 * than it saves; above it, the reviews are split across processes to use every core.
 */
const REVIEWS_PER_PROCESS = 500;
/** At most this many reviews per process, so one process's input and memory stay bounded. */
const MAX_REVIEWS_PER_PROCESS = 25_000;
const EARLY_REGO_VERSION = 'v0';
function startEarlyConftest(conftest, workDir, timeoutMs) {
    const dir = external_node_path_default().join(workDir, 'set-early');
    const process = startConftest(conftest, EARLY_REGO_VERSION, dir, undefined, timeoutMs);
    return { dir, process, taken: false };
}
/**
 * Stops the early process when no set took it (it would wait for its input until stopped); one
 * that ran has already exited. Called once the evaluation is over, however it ended.
 */
async function stopEarlyConftest(early) {
    early.taken = true;
    await early.process.then((started) => started.cancel()).catch(() => { });
}
/**
 * Evaluates every template against its reviews in as few conftest processes as possible:
 * templates whose Rego can share one namespace go into one policy set (a conftest start and
 * policy compile per template was most of a small scan's time), and a large set's reviews are
 * split across processes, at most `parallelism` at a time. Referential templates get sets of
 * their own, the only ones that load the inventory.
 */
async function evaluateTemplates(conftest, work, workDir, timeoutMs, options = {}) {
    const pending = work.filter((entry) => entry.reviews.length > 0);
    const run = {
        conftest,
        timeoutMs,
        parallelism: options.parallelism ?? external_node_os_default().availableParallelism(),
        inventory: lazyInventoryFile(external_node_path_default().join(workDir, 'inventory.json'), options.inventory ?? {}),
        early: options.early
    };
    try {
        return await evaluateSets(run, policySets(pending), workDir);
    }
    catch (error) {
        if (!(error instanceof NoReportError) || pending.length < 2)
            throw error;
        // One template conftest cannot load fails its whole set; one set per template names it
        // (the first such template's error is the one reported).
        const alone = pending.map((entry) => [entry]);
        return evaluateSets(run, alone, external_node_path_default().join(workDir, 'alone'));
    }
}
/** The inventory as a conftest data document, at `data.inventory` as Gatekeeper stores it. */
function lazyInventoryFile(file, inventory) {
    let written;
    return {
        file,
        write: () => (written ??= (0,promises_.mkdir)(external_node_path_default().dirname(file), { recursive: true }).then(() => (0,promises_.writeFile)(file, JSON.stringify({ inventory }))))
    };
}
async function evaluateSets(run, sets, workDir) {
    const { conftest, timeoutMs, parallelism, early } = run;
    const runs = sets.flatMap((set, setIndex) => {
        const items = byObject(set.flatMap(({ template, reviews }) => reviews.map((review, index) => ({ kind: template.kind, index, review }))));
        const chunks = Math.max(Math.min(parallelism, Math.ceil(items.length / REVIEWS_PER_PROCESS)), Math.ceil(items.length / MAX_REVIEWS_PER_PROCESS));
        const size = Math.ceil(items.length / chunks);
        const takesEarly = early !== undefined && !early.taken && fitsEarly(set);
        if (takesEarly)
            early.taken = true;
        return Array.from({ length: chunks }, (_, chunk) => ({
            set,
            dir: takesEarly ? early.dir : external_node_path_default().join(workDir, `set-${setIndex}`),
            started: takesEarly && chunk === 0 ? early.process : undefined,
            items: items.slice(chunk * size, (chunk + 1) * size)
        }));
    });
    const written = new Map();
    const results = await (0,concurrency/* mapBounded */.y)(runs, async ({ set, dir, started, items }) => {
        const { regoVersion, referential } = set[0].template;
        // Started first: its start overlaps writing the policies and the input it reads.
        const tool = started ??
            startConftest(conftest, regoVersion, dir, referential ? run.inventory.file : undefined, timeoutMs);
        const { input, byKind } = await preparing(tool, async () => {
            // The policy directory is written once per set and shared by its chunks.
            if (!written.has(dir))
                written.set(dir, writePolicySet(set, dir));
            await written.get(dir);
            if (referential)
                await run.inventory.write();
            const { input, byKind } = conftestInput(items);
            return { input: JSON.stringify(input), byKind };
        });
        const failures = await conftestTest(await tool, set, input);
        return failures.map((failure) => {
            const item = byKind.get(failure.kind)?.[failure.index];
            if (!item)
                throw new Error(`conftest reported a violation for unknown review ${failure.kind}[${failure.index}]`);
            return { kind: item.kind, index: item.index, msg: failure.msg, details: failure.details };
        });
    }, parallelism);
    return results.flat();
}
/** Runs `prepare` while `tool` waits for its input; stops the tool when `prepare` fails. */
async function preparing(tool, prepare) {
    try {
        return await prepare();
    }
    catch (error) {
        await tool.then((started) => started.cancel()).catch(() => { });
        throw error;
    }
}
/**
 * The items with the reviews of one object together (in first-seen order), so a set split
 * across processes gives each process a share of the objects rather than every object.
 */
function byObject(items) {
    const order = new Map();
    for (const { review } of items)
        if (!order.has(review.review.object))
            order.set(review.review.object, order.size);
    return items.sort((a, b) => order.get(a.review.review.object) - order.get(b.review.review.object));
}
/**
 * One conftest input: each distinct admission review and each distinct parameters object once,
 * and per template kind the pairs of indices into them. Every template judges the same object,
 * and conftest parses its input whole: written out per template, the objects were read a dozen
 * times over. `byKind` maps a violation's kind and index back to its item.
 */
function conftestInput(items) {
    const reviews = [];
    const parameters = [];
    // Reviews made from one object differ only if their shell (kind, name, namespace) does.
    const reviewIndex = new Map();
    const parametersIndex = new Map();
    const pairs = {};
    const byKind = new Map();
    for (const item of items) {
        const { object, ...shell } = item.review.review;
        const shells = reviewIndex.get(object) ?? new Map();
        reviewIndex.set(object, shells);
        const shellKey = JSON.stringify(shell);
        let r = shells.get(shellKey);
        if (r === undefined) {
            r = reviews.push(item.review.review) - 1;
            shells.set(shellKey, r);
        }
        let p = parametersIndex.get(item.review.parameters);
        if (p === undefined) {
            p = parameters.push(item.review.parameters) - 1;
            parametersIndex.set(item.review.parameters, p);
        }
        ;
        (pairs[item.kind] ??= []).push([r, p]);
        const mine = byKind.get(item.kind);
        if (mine)
            mine.push(item);
        else
            byKind.set(item.kind, [item]);
    }
    return { input: { reviews, parameters, items: pairs }, byKind };
}
/**
 * Splits templates into sets that can be loaded into one Rego namespace: the same Rego version,
 * the same need for the inventory, and no package declared twice with different text
 * (Gatekeeper isolates each template's package and libraries; a shared namespace must never
 * merge two different ones). Identical libraries, such as a policy library's shared helpers,
 * are loaded once.
 */
function policySets(work) {
    const sets = [];
    for (const entry of work) {
        const sources = [entry.template.rego, ...entry.template.libs];
        const packages = sources.map((source) => (0,gatekeeper_annotations/* regoPackageOf */.bI)(source));
        const fits = (set) => set.version === entry.template.regoVersion &&
            set.referential === entry.template.referential &&
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
            set = {
                entries: [],
                version: entry.template.regoVersion,
                referential: entry.template.referential,
                packages: new Map()
            };
            sets.push(set);
        }
        set.entries.push(entry);
        packages.forEach((name, i) => name !== undefined && set.packages.set(name, sources[i]));
    }
    return sets.map((set) => set.entries);
}
/** A package nested in or enclosing a known one (`a` and `a.b`) could clash with its rules. */
function overlaps(name, packages) {
    for (const known of packages.keys())
        if (known !== name && (known.startsWith(`${name}.`) || name.startsWith(`${known}.`)))
            return true;
    return false;
}
/**
 * Writes a set's templates, its distinct libraries and the entry point (`startConftest` writes
 * the empty conftest configuration, so conftest reads no `conftest.toml` but ours).
 */
async function writePolicySet(set, dir) {
    const policyDir = external_node_path_default().join(dir, 'policy');
    await (0,promises_.mkdir)(policyDir, { recursive: true });
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
}
/**
 * The only Rego we add: for each template, it calls the template's own `violation` rules once
 * per review of its kind, with `input` set to exactly what Gatekeeper passes, so conftest
 * sees the same verdict the admission webhook would. Written for both Rego v0 and v1 parsers.
 */
function entrypoint(set) {
    const rules = set.map(({ template }) => `deny contains result if {
	some i, pair in input.items[${JSON.stringify(template.kind)}]
	some violation in data.${template.regoPackage}.violation with input as {"review": input.reviews[pair[0]], "parameters": input.parameters[pair[1]]}
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
class NoReportError extends run_tool/* ToolError */.v4 {
}
/** A set the early conftest process can evaluate: its arguments name no inventory, and Rego v0. */
const fitsEarly = (set) => set[0].template.regoVersion === EARLY_REGO_VERSION && !set[0].template.referential;
/**
 * Starts a conftest run of the set written to `setDir` (with the inventory as a data document
 * when `dataFile` is given), reading its input from standard input.
 */
async function startConftest(conftest, regoVersion, setDir, dataFile, timeoutMs) {
    // conftest reads its configuration as it starts, before its input: ours must be there by then.
    await (0,promises_.mkdir)(setDir, { recursive: true });
    await (0,promises_.writeFile)(configFile(setDir), '');
    const args = [
        'test',
        '--no-color',
        '--output=json',
        `--rego-version=${regoVersion}`,
        '--namespace=hardening_engine',
        `--config-file=${configFile(setDir)}`,
        `--policy=${external_node_path_default().join(setDir, 'policy')}`,
        ...(dataFile ? [`--data=${dataFile}`] : []),
        '--parser=json',
        '-'
    ];
    // conftest exits 1 when there are failures; that is a result, not a tool error. It needs no
    // network, and Rego can read its environment (`opa.runtime().env`).
    return (0,run_tool/* startTool */.pQ)(conftest, args, {
        timeoutMs,
        okExitCodes: [0, 1],
        env: (0,run_tool/* toolEnv */.oW)({ network: false })
    });
}
/**
 * Gives a started conftest run its input; returns each failure with the index of its review in
 * that input.
 */
async function conftestTest(conftest, set, input) {
    const { stdout, stderr, exitCode } = await conftest.finish(input);
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

// EXTERNAL MODULE: ./src/manifests/render.ts
var render = __webpack_require__(5276);
// EXTERNAL MODULE: ./src/util/posix-path.ts
var posix_path = __webpack_require__(9055);
;// CONCATENATED MODULE: ./src/scanners/gatekeeper/bundled-library.ts
// The bundled policy library, read from its generated JSON form (policies/library.json, written by
// scripts/gen-policy-library.mjs) instead of reading its YAML with the Kubernetes-exact reader on
// every run. The form is only ever read from the action's own directory, never from the scanned
// workspace; user-supplied policy directories are always read as YAML.






/** Where the generated form lives, relative to the action root. */
const GENERATED_LIBRARY_FILE = 'policies/library.json';
/** The command that rewrites it (named by every message about a stale form). */
const GENERATED_LIBRARY_COMMAND = 'node scripts/gen-policy-library.mjs';
/**
 * A bundle's policies: from the generated form when it describes exactly the files on disk,
 * otherwise (a form not regenerated after a policy change, a bundle it does not know) from the
 * YAML, so a stale form is never evaluated.
 */
async function loadBundledPolicies(actionRoot, bundle) {
    if (bundle === 'none')
        return { files: [], objects: [], problems: [] };
    return (await readGeneratedForm(actionRoot, bundle)) ?? readBundleYaml(actionRoot, bundle);
}
/** A bundle's policies read from their YAML with the Kubernetes-exact reader. */
async function readBundleYaml(actionRoot, bundle) {
    const files = await (0,render/* kustomizationFiles */.l8)(bundleDir(actionRoot, bundle));
    const { objects, problems } = await (0,load/* loadManifests */.DD)(actionRoot, files);
    return { files, objects, problems };
}
/** The generated form of every bundle under policies/bundles (what the generator writes). */
async function generateLibrary(actionRoot, bundles) {
    const generated = { bundles: {}, files: {} };
    const relative = (file) => relativePosix(actionRoot, file);
    for (const bundle of [...bundles].sort()) {
        const { files, objects, problems } = await readBundleYaml(actionRoot, bundle);
        // The bundled library must read cleanly: a problem would otherwise be frozen into the form.
        const [problem] = problems;
        if (problem)
            throw new Error(`bundle ${bundle}: ${problem.file}: ${problem.message}`);
        const reads = [...(await kustomizationInputs(bundleDir(actionRoot, bundle))).reads];
        for (const file of new Set([...reads, ...files]))
            generated.files[relative(file)] ??= { sha256: sha256(await readFile(file)) };
        // A file in several bundles holds its objects once.
        const described = new Set(Object.values(generated.bundles).flatMap((b) => b.files));
        for (const { file, line, object } of objects)
            if (!described.has(file))
                (generated.files[file].objects ??= []).push({ line, object });
        generated.bundles[bundle] = {
            reads: reads.map(relative).sort(),
            files: [...new Set(files.map(relative))].sort()
        };
    }
    return generated;
}
/** A bundle's policies from the generated form; undefined unless it describes the files on disk. */
async function readGeneratedForm(actionRoot, bundle) {
    let generated;
    try {
        generated = JSON.parse(await (0,promises_.readFile)(external_node_path_default().join(actionRoot, GENERATED_LIBRARY_FILE), 'utf8'));
    }
    catch {
        return undefined; // no form (a checkout that never generated one): the YAML is the truth
    }
    const entry = new Map(Object.entries(generated.bundles)).get(bundle);
    if (!entry)
        return undefined;
    const unchanged = await Promise.all([...new Set([...entry.reads, ...entry.files])].map(async (file) => {
        const bytes = await (0,promises_.readFile)(external_node_path_default().join(actionRoot, file)).catch(() => undefined);
        return bytes !== undefined && sha256(bytes) === generated.files[file]?.sha256;
    }));
    if (!unchanged.every(Boolean))
        return undefined;
    return {
        files: entry.files.map((file) => external_node_path_default().join(actionRoot, file)),
        objects: entry.files.flatMap((file) => (generated.files[file].objects ?? []).map(({ line, object }) => ({ object, file, line }))),
        problems: []
    };
}
function bundleDir(actionRoot, bundle) {
    return external_node_path_default().join(actionRoot, 'policies', 'bundles', bundle);
}
function sha256(bytes) {
    return (0,external_node_crypto_.createHash)('sha256').update(bytes).digest('hex');
}

;// CONCATENATED MODULE: ./src/scanners/gatekeeper/inventory.ts
/** The annotation Gatekeeper reads a template's sync requirements from (cachemanager/parser). */
const SYNC_ANNOTATION = 'metadata.gatekeeper.sh/requires-sync-data';
function buildInventory(objects) {
    const inventory = { data: {}, kinds: new Set(), problems: [] };
    for (const { object, file, line } of objects) {
        const gvk = groupVersionKindOf(object);
        if (!gvk) {
            inventory.problems.push(`${file}:${line}: apiVersion ${JSON.stringify(object.apiVersion)} with kind ${JSON.stringify(object.kind)} has no version or kind; not added to data.inventory`);
            continue;
        }
        const namespace = metadataString(object, 'namespace');
        const tree = namespace === ''
            ? (inventory.data.cluster ??= table())
            : child((inventory.data.namespace ??= table()), namespace);
        child(child(tree, groupVersionText(gvk)), gvk.kind)[metadataString(object, 'name')] = object;
        inventory.kinds.add(gvkText(gvk));
    }
    return inventory;
}
const table = () => Object.create(null);
function child(parent, key) {
    return (Object.hasOwn(parent, key) ? parent[key] : (parent[key] = table()));
}
/** unstructured.GroupVersionKind(): undefined where gator's ProcessData refuses the object. */
function groupVersionKindOf(object) {
    const apiVersion = typeof object.apiVersion === 'string' ? object.apiVersion : '';
    const kind = typeof object.kind === 'string' ? object.kind : '';
    const parts = apiVersion === '/' ? ['', ''] : apiVersion.split('/');
    if (parts.length > 2)
        return undefined;
    const [group, version] = parts.length === 2 ? parts : ['', parts[0]];
    if (!version || !kind)
        return undefined;
    return { group: group, version, kind };
}
/** GroupVersion.String(): the group is left out when empty. */
function groupVersionText({ group, version }) {
    return group ? `${group}/${version}` : version;
}
/** `apps/v1:Deployment`, `v1:Service`, one spelling for sets and notices. */
function gvkText(gvk) {
    return `${groupVersionText(gvk)}:${gvk.kind}`;
}
/** unstructured's GetName/GetNamespace: a missing or non-string field reads as "". */
function metadataString(object, field) {
    const metadata = object.metadata;
    if (typeof metadata !== 'object' || metadata === null)
        return '';
    const value = metadata[field];
    return typeof value === 'string' ? value : '';
}
/**
 * A template's sync requirements, read as Gatekeeper's parser.ReadSyncRequirements reads the
 * annotation: a JSON list of requirements that must all be met, each a list of clauses of
 * equivalent kinds (`{"groups": [...], "versions": [...], "kinds": [...]}`, every combination
 * counts). Returns one list of equivalent GVKs per requirement; throws on what Gatekeeper
 * rejects (unknown fields included).
 */
function syncRequirements(annotation) {
    // Gatekeeper trims newlines and quotes around the JSON (the library's older spelling).
    const text = annotation.replace(/^[\n"]+|[\n"]+$/g, '');
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch (error) {
        throw new Error(`${SYNC_ANNOTATION} is not JSON: ${error.message}`, {
            cause: error
        });
    }
    if (!Array.isArray(parsed))
        throw new Error(`${SYNC_ANNOTATION} is not a list of requirements (lists of clauses)`);
    return parsed.map((requirement) => {
        if (!Array.isArray(requirement))
            throw new Error(`${SYNC_ANNOTATION}: a requirement is not a list of clauses`);
        return requirement.flatMap(expandClause);
    });
}
const CLAUSE_FIELDS = ['groups', 'versions', 'kinds'];
function expandClause(clause) {
    if (typeof clause !== 'object' || clause === null || Array.isArray(clause))
        throw new Error(`${SYNC_ANNOTATION}: a clause is not an object`);
    // Go's JSON decoder matches field names regardless of case.
    const fields = new Map(Object.entries(clause).map(([name, value]) => [name.toLowerCase(), value]));
    for (const name of fields.keys())
        if (!CLAUSE_FIELDS.includes(name))
            throw new Error(`${SYNC_ANNOTATION}: unknown field ${JSON.stringify(name)} in a clause`);
    const [groups, versions, kinds] = CLAUSE_FIELDS.map((name) => {
        const list = fields.get(name) ?? [];
        if (!Array.isArray(list) || !list.every((item) => typeof item === 'string'))
            throw new Error(`${SYNC_ANNOTATION}: ${name} is not a list of strings`);
        return list;
    });
    return groups.flatMap((group) => versions.flatMap((version) => kinds.map((kind) => ({ group, version, kind }))));
}
/**
 * The requirements none of whose kinds the inventory holds, each as its alternatives joined by
 * " or " (as `gator sync test` reports an unmet requirement).
 */
function missingKinds(requirements, inventory) {
    return requirements
        .filter((alternatives) => !alternatives.some((gvk) => inventory.kinds.has(gvkText(gvk))))
        .map((alternatives) => alternatives.map(gvkText).join(' or '));
}
/**
 * What a scan says about the referential templates it evaluated: objects left out of the
 * inventory, and each template whose `requires-sync-data` names kinds the scanned manifests do
 * not contain (its verdicts then consider only what is there, as gator test's would).
 */
function inventoryNotices(templates, inventory) {
    const notices = [...inventory.problems];
    for (const template of templates) {
        const annotation = template.annotations[SYNC_ANNOTATION];
        if (annotation === undefined)
            continue;
        const where = `template ${template.name} (${template.file})`;
        try {
            const missing = missingKinds(syncRequirements(annotation), inventory);
            if (missing.length)
                notices.push(`${where} reads data.inventory, and the scanned manifests contain none of these kinds it requires (${SYNC_ANNOTATION}): ${missing.join('; ')}. Its verdicts consider only the objects present.`);
        }
        catch (error) {
            notices.push(`${where}: ${error.message}; evaluated with every scanned object in data.inventory, as gator test does.`);
        }
    }
    return notices;
}

;// CONCATENATED MODULE: ./src/scanners/gatekeeper/library.ts

const CONSTRAINT_GROUP = 'constraints.gatekeeper.sh';
/** `data.inventory` or `data["inventory"]`: what Gatekeeper's Rego driver lets a template read. */
const READS_INVENTORY = /\bdata\s*(\.\s*inventory\b|\[\s*"inventory"\s*\])/;
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
    const libs = regoCode?.source?.libs ?? target.libs ?? [];
    const sources = [rego, ...libs];
    if (sources.some((source) => /\bexternal_data\s*\(/.test(source))) {
        return skip('calls external_data, which needs a provider that only exists at admission');
    }
    const regoPackage = (0,gatekeeper_annotations/* regoPackageOf */.bI)(rego);
    if (!regoPackage)
        return skip('Rego source has no package declaration');
    return {
        kind,
        name,
        rego,
        libs,
        regoVersion: regoCode?.source?.version === 'v1' ? 'v1' : 'v0',
        regoPackage,
        annotations: (metadata.annotations ?? {}),
        file: entry.file,
        referential: sources.some((source) => READS_INVENTORY.test(source))
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

;// CONCATENATED MODULE: ./src/scanners/gatekeeper/bundle-digest.ts


/**
 * The digest of a policy bundle: SHA-256 over its files sorted by path, each as
 * `<path>\0<byte length>\0<bytes>`. Paths are POSIX and relative to the action root, so the
 * digest is the same on every machine.
 */
function bundleDigest(files) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    for (const file of [...files].sort((a, b) => (0,order/* byText */.z4)(a.path, b.path))) {
        const bytes = typeof file.content === 'string' ? Buffer.from(file.content) : file.content;
        hash.update(`${file.path}\0${bytes.length}\0`);
        hash.update(bytes);
    }
    return `sha256:${hash.digest('hex')}`;
}

// EXTERNAL MODULE: ./src/scanners/gatekeeper/path-policies.ts
var path_policies = __webpack_require__(8933);
;// CONCATENATED MODULE: ./src/scanners/policies.ts
















function isPolicyScanOutcome(outcome) {
    return 'policies' in outcome;
}
/** Gatekeeper ConstraintTemplates + Constraints, evaluated through conftest as Gatekeeper would. */
const policiesScanner = {
    name: 'policies',
    description: 'the bundled and extra Gatekeeper policies on the manifests, through conftest',
    tools: ['conftest'],
    failureTarget: 'manifests',
    sarifTool: 'Gatekeeper policies',
    sarifTags: ['misconfiguration', 'kubernetes'],
    async run(context) {
        const conftest = context.tools.conftest;
        if (!conftest)
            throw new Error('conftest is not installed');
        // Started now, so that its start overlaps reading the manifests (see EarlyConftest).
        const early = startEarlyConftest(conftest.path, context.workDir, context.timeoutMs);
        try {
            return await scanPolicies(context, conftest, early);
        }
        finally {
            await stopEarlyConftest(early);
        }
    }
};
async function scanPolicies(context, conftest, early) {
    const { config, log } = context;
    const notices = [];
    const manifests = await (0,load/* loadManifests */.DD)(config.workspace, config.manifests, {
        render: true,
        timeoutMs: context.timeoutMs,
        helmValues: config.helmValues,
        kustomizeRemote: config.kustomizeRemote
    });
    context.progress?.count('files read', new Set(manifests.objects.map((m) => m.file)).size);
    const choose = (0,path_policies/* pathPolicyChooser */.JK)(config);
    const gateFailures = [];
    for (const problem of manifests.problems) {
        const where = problem.line ? `${problem.file}:${problem.line}` : problem.file;
        notices.push(`${where}: ${problem.message}`);
        log.warning(`${where}: ${problem.message}`);
        // What Kubernetes could apply but we could not check must not pass silently, unless the
        // config file leaves that file unchecked (it is listed as excluded below).
        if (problem.blocking &&
            config.unreadableManifests === 'fail' &&
            !choose(problem.file).excludedBy)
            gateFailures.push(`A manifest could not be checked: ${where}: ${problem.message} (unreadable-manifests: warn makes this a warning).`);
    }
    const { groups, checked } = groupBySelection(config, manifests.objects, choose, notices);
    const libraries = new Map();
    for (const [key, group] of groups)
        libraries.set(key, await loadLibrary(context, group.selection, notices));
    const findings = [];
    const namespaces = new Map(checked.filter((m) => isNamespace(m.object)).map((m) => [nameOf(m.object), m.object]));
    // Reviews by template; a template that several libraries share (a bundled one, say) is
    // evaluated once for all their manifests, each review with its own constraint's parameters.
    const reviewsByTemplate = new Map();
    for (const [key, { objects }] of groups) {
        const { library } = libraries.get(key);
        for (const constraint of library.constraints) {
            const template = library.templates.get(constraint.kind);
            if (!template)
                continue; // a skipped template; already noticed
            const id = templateIdentity(template);
            const work = reviewsByTemplate.get(id) ?? { template, entries: [] };
            reviewsByTemplate.set(id, work);
            for (const entry of objects) {
                try {
                    const namespaceObject = namespaces.get(namespaceOf(entry.object));
                    if (!matches(constraint.match, { object: entry.object, namespaceObject }))
                        continue;
                }
                catch (error) {
                    if (!(error instanceof MatchError))
                        throw error;
                    // gator (like Gatekeeper's audit) reports an undecidable match as a violation; so
                    // do we, in gator's words, so CI and gator agree.
                    const msg = `unable to match constraints: error matching the requested object: ${nameOf(entry.object)} :failed to run Match criteria: ${error.message}`;
                    findings.push(toFinding(template, constraint, entry, msg, {}));
                    continue;
                }
                work.entries.push({
                    review: reviewOf(entry.object, constraint),
                    object: entry,
                    constraint
                });
            }
        }
    }
    // The inventory is built once, and only when a referential template has objects to judge.
    const referential = [...reviewsByTemplate.values()].filter((w) => w.template.referential && w.entries.length > 0);
    const inventory = referential.length ? buildInventory(checked) : undefined;
    if (inventory)
        notices.push(...inventoryNotices(referential.map((w) => w.template), inventory));
    context.progress?.targetStarted('conftest policies');
    for (const [index, round] of evaluationRounds(reviewsByTemplate.values()).entries()) {
        const violations = await evaluateTemplates(conftest.path, [...round.values()].map(({ template, entries }) => ({
            template,
            reviews: entries.map((entry) => entry.review)
        })), index === 0 ? context.workDir : external_node_path_default().join(context.workDir, `round-${index}`), context.timeoutMs, { inventory: inventory?.data, ...(index === 0 ? { early } : {}) });
        for (const violation of violations) {
            const work = round.get(violation.kind);
            const entry = work?.entries[violation.index];
            if (!work || !entry)
                throw new Error(`conftest reported a violation for unknown review ${violation.index}`);
            findings.push(toFinding(work.template, entry.constraint, entry.object, violation.msg, violation.details));
        }
    }
    context.progress?.targetFinished('conftest policies');
    context.progress?.count('resources evaluated', checked.length);
    findings.sort((a, b) => (0,order/* byText */.z4)(a.fingerprint, b.fingerprint));
    const digest = await bundlesDigest(context, [...libraries.values()]);
    return [
        {
            scanner: 'policies',
            target: 'manifests',
            findings,
            notices: [...new Set(notices)],
            ...(gateFailures.length ? { gateFailures } : {}),
            tool: { name: 'conftest', version: conftest.version },
            policies: evaluatedPolicies([...libraries.values()]),
            policyBundles: [...new Set([...groups.values()].map((group) => group.selection.bundle))],
            ...(digest ? { policyBundleDigest: digest } : {})
        }
    ];
}
/**
 * Templates with the same kind, Rego and annotations are one template, whichever library read
 * them (the bundled ones, in every bundle that has them).
 */
function templateIdentity(template) {
    const { kind, regoVersion, rego, libs, annotations } = template;
    const text = JSON.stringify([regoVersion, rego, libs, annotations]);
    return `${kind}\0${(0,external_node_crypto_.createHash)('sha256').update(text).digest('hex')}`;
}
/**
 * Splits the templates into evaluations in which each kind appears once (conftest reports a
 * violation by kind): one evaluation, unless two libraries define one kind differently.
 */
function evaluationRounds(works) {
    const rounds = [];
    for (const work of works) {
        let round = rounds.find((candidate) => !candidate.has(work.template.kind));
        if (!round)
            rounds.push((round = new Map()));
        round.set(work.template.kind, work);
    }
    return rounds;
}
/**
 * The manifests by the policies that judge them (the run's own selection always, so its policies
 * are listed even without manifests), and those checked at all; notes each exclusion.
 */
function groupBySelection(config, objects, choose, notices) {
    const own = (0,path_policies/* runSelection */.Uz)(config);
    const groups = new Map([[(0,path_policies/* selectionKey */.iA)(own), { selection: own, objects: [] }]]);
    const checked = [];
    const excluded = new Map();
    for (const entry of objects) {
        const choice = choose(entry.file);
        if (choice.excludedBy) {
            const files = excluded.get(choice.excludedBy) ?? new Set();
            excluded.set(choice.excludedBy, files.add(entry.file));
            continue;
        }
        const group = groups.get(choice.key) ?? { selection: choice.selection, objects: [] };
        groups.set(choice.key, group);
        group.objects.push(entry);
        checked.push(entry);
    }
    notices.push(...(0,path_policies/* exclusionNotices */.UJ)(excluded, 'manifest file(s) not checked by the policies'));
    return { groups, checked };
}
/** Every template evaluated, once per kind, with the constraints of every library that has it. */
function evaluatedPolicies(libraries) {
    const byKind = new Map();
    for (const { library, bundledKinds } of libraries)
        for (const template of library.templates.values()) {
            const known = byKind.get(template.kind) ?? {
                template,
                constraints: new Map(),
                bundled: bundledKinds.has(template.kind)
            };
            byKind.set(template.kind, known);
            for (const constraint of library.constraints)
                if (constraint.kind === template.kind)
                    known.constraints.set(constraint.name, constraint);
        }
    return [...byKind.values()].map(({ template, constraints, bundled }) => (0,gatekeeper_annotations/* evaluatedPolicy */.Eb)(template, [...constraints.values()].map((c) => ({
        name: c.name,
        enforcementAction: c.enforcementAction
    })), bundled ? 'bundled' : 'custom'));
}
async function loadLibrary(context, selection, notices) {
    const { config } = context;
    const bundled = await loadBundledPolicies(context.actionRoot, selection.bundle);
    const extra = await (0,load/* loadManifests */.DD)(config.workspace, selection.extraPolicies);
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
    for (const skipped of library.skipped)
        notices.push(`template ${skipped.name} (${skipped.file}) skipped: ${skipped.reason}`);
    for (const orphan of library.orphans) {
        notices.push(`constraint ${orphan.kind}/${orphan.name} (${orphan.file}) has no ConstraintTemplate; not evaluated`);
    }
    return { library, bundledKinds, bundleFiles: bundled.files };
}
/** Digest of every bundled policy file the libraries read; undefined when they read none. */
async function bundlesDigest(context, libraries) {
    const files = [...new Set(libraries.flatMap((loaded) => loaded.bundleFiles))];
    if (files.length === 0)
        return undefined;
    return bundleDigest(await Promise.all(files.map(async (file) => ({
        path: (0,posix_path/* relativePosix */.Y)(context.actionRoot, file),
        content: await (0,promises_.readFile)(file)
    }))));
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
            // An AdmissionRequest (and so gator's review) leaves out an empty namespace.
            ...(namespaceOf(object) ? { namespace: namespaceOf(object) } : {}),
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
    return (0,model/* finalize */.j)({
        scanner: 'policies',
        target: 'manifests',
        ruleId: template.kind,
        title: annotations[gatekeeper_annotations/* TEMPLATE_ANNOTATIONS */.yB.title] ??
            annotations[gatekeeper_annotations/* TEMPLATE_ANNOTATIONS */.yB.gatekeeperTitle] ??
            template.kind,
        severity: annotations[gatekeeper_annotations/* TEMPLATE_ANNOTATIONS */.yB.severity]
            ? (0,severity/* parseSeverity */.lv)(annotations[gatekeeper_annotations/* TEMPLATE_ANNOTATIONS */.yB.severity])
            : 'MEDIUM',
        // A chart rendered with several values sets: which one (also keeps their fingerprints apart).
        message: entry.valuesSet ? `${msg} (Helm values: ${entry.valuesSet})` : msg,
        resource: [entry.object.kind, namespace, nameOf(entry.object)].filter(Boolean).join('/'),
        location: { path: entry.file, startLine: line },
        remediation: annotations[gatekeeper_annotations/* TEMPLATE_ANNOTATIONS */.yB.remediation],
        references: parseReferences(annotations[gatekeeper_annotations/* TEMPLATE_ANNOTATIONS */.yB.references]),
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


/***/ }),

/***/ 8168:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Qe: () => (/* binding */ registeredScanners),
  O3: () => (/* binding */ scannerNamed),
  tN: () => (/* binding */ scannerNames)
});

// UNUSED EXPORTS: registerScannerForTest

// EXTERNAL MODULE: ./src/scanners/policies.ts + 6 modules
var policies = __webpack_require__(3891);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/findings/model.ts
var model = __webpack_require__(9971);
// EXTERNAL MODULE: ./src/findings/severity.ts
var severity = __webpack_require__(5131);
// EXTERNAL MODULE: ./src/manifests/load.ts + 1 modules
var load = __webpack_require__(906);
// EXTERNAL MODULE: ./src/util/posix-path.ts
var posix_path = __webpack_require__(9055);
;// CONCATENATED MODULE: ./src/manifests/images.ts



const REFERENCING_FILE = /\.(ya?ml)$|^(Dockerfile|Containerfile)([.-].*)?$|\.(Dockerfile|Containerfile)$/i;
const IMAGE_LINE = /^\s*(?:-\s*)?image:\s*["']?([^\s"'#]+)["']?/;
const FROM_LINE = /^\s*FROM\s+(?:--platform=\S+\s+)?(\S+)/i;
/**
 * The first place in the repository that names each image (a manifest's `image:` line or a
 * Dockerfile's `FROM` line), so image findings can point at the line that pulls the image in.
 */
async function findImageReferences(workspace, root) {
    const { files } = await (0,load/* collectFiles */.C0)(workspace, [root], (name) => REFERENCING_FILE.test(name));
    const references = new Map();
    for (const file of files) {
        const text = await (0,promises_.readFile)(file, 'utf8').catch(() => '');
        if (text.includes('\u0000'))
            continue;
        const relative = (0,posix_path/* relativePosix */.Y)(workspace, file);
        text.split('\n').forEach((line, index) => {
            const image = (IMAGE_LINE.exec(line) ?? FROM_LINE.exec(line))?.[1];
            if (image && !references.has(image))
                references.set(image, { path: relative, startLine: index + 1 });
        });
    }
    return references;
}

// EXTERNAL MODULE: ./src/util/concurrency.ts
var concurrency = __webpack_require__(3731);
// EXTERNAL MODULE: ./src/util/run-tool.ts
var run_tool = __webpack_require__(100);
// EXTERNAL MODULE: ./src/scanners/gatekeeper/path-policies.ts
var path_policies = __webpack_require__(8933);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
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
    const name = (0,posix_path/* relativePosix */.Y)(workspace, file);
    let text;
    try {
        text = await (0,promises_.readFile)(file, 'utf8');
    }
    catch (error) {
        throw new errors/* ConfigError */.x(`Input 'trivy-ignore-file': cannot read ${name} (${error.message}).`);
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
        throw new errors/* ConfigError */.x(`${file}:${lineOf(node)}: ${message}`);
    };
    if (document.errors.length > 0) {
        const line = lineCounter.linePos(document.errors[0].pos[0]).line;
        throw new errors/* ConfigError */.x(`${file}:${line}: invalid YAML: ${document.errors[0].message}`);
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
        throw new errors/* ConfigError */.x(`${where}: expiry must be a date like 2026-12-31; got '${value}'`);
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
        // `trivy config` has no secret scanner and no such flag; `trivy convert` scans nothing.
        ...(subcommand === 'config' || subcommand === 'convert'
            ? []
            : ['--secret-config', files.secret])
    ];
}
/**
 * The environment of a Trivy run that pulls images: the registry login of the inputs (which
 * replaces any TRIVY_* login the runner has) goes only here, never on a command line.
 */
function registryEnv(credentials) {
    const env = (0,run_tool/* toolEnv */.oW)({ registryCredentials: true });
    if (!credentials)
        return env;
    delete env.TRIVY_USERNAME;
    delete env.TRIVY_PASSWORD;
    delete env.TRIVY_REGISTRY_TOKEN;
    return 'token' in credentials
        ? { ...env, TRIVY_REGISTRY_TOKEN: credentials.token }
        : { ...env, TRIVY_USERNAME: credentials.username, TRIVY_PASSWORD: credentials.password };
}
/**
 * Trivy's answer when a registry refuses the pull is buried in a list of every image source it
 * tried; this says it first: which registry, and which login to check (never the login itself).
 */
function registryRefusal(failure, image, credentials) {
    const refusal = /remote error: .*\b(UNAUTHORIZED|DENIED)\b.*/.exec(failure.message);
    if (!refusal)
        return undefined;
    const registry = /^[^/]+[.:][^/]*\/|^localhost\//.exec(image)?.[0].slice(0, -1) ?? 'docker.io';
    const login = !credentials
        ? 'a private image needs registry-username and registry-password, or registry-token'
        : 'token' in credentials
            ? 'check registry-token'
            : 'check registry-username and registry-password';
    return new Error(`The registry ${registry} refused to let Trivy pull ${image} (${refusal[1]}): ${login}. Trivy said: ${refusal[0]}`);
}
/** Runs `trivy <args>` on one target, reported to the progress as `trivy <subcommand> <target>`. */
async function runTrivy(context, args, target, options = {}) {
    const trivy = context.tools.trivy;
    if (!trivy)
        throw new Error('trivy is not installed');
    await (0,promises_.mkdir)(context.workDir, { recursive: true });
    const dir = await (0,promises_.mkdtemp)(external_node_path_default().join(context.workDir, 'trivy-'));
    const output = external_node_path_default().join(dir, 'report.json');
    const label = `trivy ${args[0]} ${target}`;
    context.progress?.targetStarted(label);
    let failed = true;
    try {
        await (0,run_tool/* runTool */.qI)(trivy.path, [
            ...args,
            ...commonArgs(context, args[0]),
            ...(await configArgs(dir, args[0])),
            // Trivy 0.74 lists every package by default; older releases only with the flag.
            ...(options.sbom ? ['--list-all-pkgs'] : []),
            '--format',
            'json',
            '--output',
            output
        ], {
            timeoutMs: context.timeoutMs,
            env: options.registryCredentials
                ? registryEnv(context.config.registryCredentials)
                : (0,run_tool/* toolEnv */.oW)()
        });
        failed = false;
    }
    finally {
        context.progress?.targetFinished(label, failed);
    }
    const report = JSON.parse(await (0,promises_.readFile)(output, 'utf8'));
    if (!options.sbom)
        return { report };
    return { report, sbom: await cycloneDxOf(context, trivy.path, dir, output) };
}
/**
 * The CycloneDX SBOM of a run's JSON report, by Trivy's own converter: the report lists every
 * package, so the SBOM costs no second pull or analysis of the target. The converter reads only
 * the report and our empty configuration, and needs no network.
 */
async function cycloneDxOf(context, trivy, dir, report) {
    const sbom = external_node_path_default().join(dir, 'sbom.cdx.json');
    await (0,run_tool/* runTool */.qI)(trivy, [
        'convert',
        '--quiet',
        ...(await configArgs(dir, 'convert')),
        '--format',
        'cyclonedx',
        '--output',
        sbom,
        report
    ], { timeoutMs: context.timeoutMs, env: (0,run_tool/* toolEnv */.oW)({ network: false }) });
    return (0,promises_.readFile)(sbom, 'utf8');
}
/** A path as the user knows it: relative to the workspace (`.` for the workspace itself). */
const shownPath = (context, file) => (0,posix_path/* relativePosix */.Y)(context.config.workspace, file) || '.';
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
            findings.push((0,model/* finalize */.j)({
                ...base,
                ruleId: vuln.VulnerabilityID,
                title: vuln.Title ?? vuln.VulnerabilityID,
                severity: (0,severity/* parseSeverity */.lv)(vuln.Severity),
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
            findings.push((0,model/* finalize */.j)({
                ...base,
                ruleId: misconfig.AVDID || misconfig.ID,
                title: misconfig.Title ?? misconfig.ID,
                severity: (0,severity/* parseSeverity */.lv)(misconfig.Severity),
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
            findings.push((0,model/* finalize */.j)({
                ...base,
                ruleId: `secret/${secret.RuleID}`,
                title: secret.Title ?? secret.RuleID,
                severity: (0,severity/* parseSeverity */.lv)(secret.Severity),
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
            findings.push((0,model/* finalize */.j)({
                ...base,
                ruleId: `license/${license.Name}`,
                title: `License ${license.Name} (${license.Category ?? 'unknown'})`,
                severity: (0,severity/* parseSeverity */.lv)(license.Severity),
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
const repoRelative = (context, base) => (trivyTarget) => (0,posix_path/* relativePosix */.Y)(context.config.workspace, external_node_path_default().resolve(base, trivyTarget));
/** `trivy fs` on the scan path: dependency vulnerabilities, secrets and licenses. */
const repositoryScanner = {
    name: 'repository',
    description: 'trivy fs on the scan path: vulnerable dependencies, secrets, licenses',
    tools: ['trivy'],
    failureTarget: 'repository',
    sarifTool: 'Trivy repository',
    needsVulnerabilityDb: (config) => config.repositoryScanners.includes('vuln'),
    async run(context) {
        const { config } = context;
        const { checks, error } = runnableChecks(config.repositoryScanners, context);
        // With `sbom` the run goes ahead even with no check left: it still lists the packages.
        if (checks.length === 0 && !config.sbom)
            return [outcome('repository', 'repository', context, [], error)];
        const args = [
            'fs',
            '--scanners',
            checks.join(','),
            ...(config.ignoreUnfixed ? ['--ignore-unfixed'] : []),
            config.scanPath
        ];
        const { report, sbom } = await runTrivy(context, args, shownPath(context, config.scanPath), {
            sbom: config.sbom
        });
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
        return [
            {
                ...outcome('repository', 'repository', context, findings, error),
                notices,
                ...(sbom ? { sbom } : {})
            }
        ];
    }
};
/** `trivy config` on the manifests: Trivy's own embedded misconfiguration checks. */
const trivyConfigScanner = {
    name: 'trivy-config',
    description: "trivy config on the manifests: Trivy's own misconfiguration checks",
    tools: ['trivy'],
    failureTarget: 'manifests',
    sarifTool: 'Trivy misconfiguration',
    sarifTags: ['misconfiguration', 'kubernetes'],
    async run(context) {
        const { config } = context;
        const findings = [];
        const notices = [];
        const ignore = await loadTrivyIgnore(config.trivyIgnoreFile, config.workspace);
        for (const target of config.manifests) {
            const { report } = await runTrivy(context, ['config', target], shownPath(context, target));
            findings.push(...trivyFindings(report, {
                scanner: 'trivy-config',
                target: 'manifests',
                repoPath: repoRelative(context, target),
                ignore
            }), ...(await inlineIgnoreFindings(context, 'trivy-config', target, notices)));
        }
        const kept = (0,path_policies/* withoutExcluded */.fP)(config, findings, 'manifest file(s) with Trivy findings not reported');
        return [
            {
                ...outcome('trivy-config', 'manifests', context, kept.findings),
                notices: [...notices, ...kept.notices]
            }
        ];
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
    const relative = (file) => (0,posix_path/* relativePosix */.Y)(context.config.workspace, file);
    for (const file of tooLarge)
        notices.push(`${relative(file)}: too large to check for Trivy inline ignore comments`);
    return ignores.map(({ file, line, comment }) => (0,model/* finalize */.j)({
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
    description: 'trivy image on each image or image tarball given',
    tools: ['trivy'],
    failureTarget: 'image',
    sarifTool: 'Trivy image',
    enabled: (config) => config.images.length > 0,
    needsVulnerabilityDb: (config) => config.imageScanners.includes('vuln'),
    async run(context) {
        const { config } = context;
        const references = await findImageReferences(config.workspace, config.scanPath);
        const ignore = await loadTrivyIgnore(config.trivyIgnoreFile, config.workspace);
        const { checks, error } = runnableChecks(config.imageScanners, context);
        return (0,concurrency/* mapBounded */.y)(config.images, async (image) => {
            if (checks.length === 0 && !config.sbom)
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
            const { report, sbom } = await runTrivy(context, args, image, {
                registryCredentials: true,
                sbom: config.sbom
            }).catch((failure) => {
                throw registryRefusal(failure, image, config.registryCredentials) ?? failure;
            });
            const reference = references.get(image);
            const findings = trivyFindings(report, {
                scanner: 'image',
                target: image,
                repoPath: () => undefined,
                fallback: reference,
                ignore
            });
            return { ...outcome('image', image, context, findings, error), ...(sbom ? { sbom } : {}) };
        });
    }
};

;// CONCATENATED MODULE: ./src/scanners/registry.ts


/**
 * Every scanner, in the order of the `scanners` default. A scanner is its own file plus its
 * entry here (CONTRIBUTING.md, "Adding a scanner"); nothing else names it.
 */
const SCANNERS = [imageScanner, repositoryScanner, policies/* policiesScanner */.B, trivyConfigScanner];
function registeredScanners() {
    return SCANNERS;
}
function scannerNames() {
    return SCANNERS.map((scanner) => scanner.name);
}
function scannerNamed(name) {
    return SCANNERS.find((scanner) => scanner.name === name);
}
/**
 * For tests only: adds a scanner as one more entry of the table above would, until the returned
 * function is called (a test cannot edit the table itself).
 */
function registerScannerForTest(scanner) {
    if (scannerNamed(scanner.name))
        throw new Error(`A scanner named ${scanner.name} exists already.`);
    SCANNERS.push(scanner);
    return () => {
        SCANNERS.splice(SCANNERS.indexOf(scanner), 1);
    };
}


/***/ }),

/***/ 8732:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  HG: () => (/* binding */ installTools),
  RZ: () => (/* binding */ startInstalls)
});

// UNUSED EXPORTS: dbIsCurrent

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/util/run-tool.ts
var run_tool = __webpack_require__(100);
;// CONCATENATED MODULE: ./src/tools/db-cache.ts
// Loaded only when the DB is not current on disk: it is about a third of the bundle, which every
// run would otherwise compile at start.
const actionsCache = () => Promise.all(/* import() */[__webpack_require__.e(507), __webpack_require__.e(131)]).then(__webpack_require__.bind(__webpack_require__, 7131));
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
    const cache = await actionsCache();
    if (!cache.isFeatureAvailable())
        return undefined;
    const { key, restoreKeys } = dbCacheKey(platform);
    try {
        return await cache.restoreCache([dir], key, restoreKeys);
    }
    catch (error) {
        log.warning(`Could not restore the Trivy DB cache (${error.message}); downloading it instead.`);
        return undefined;
    }
}
/** Saves the DB unless today's key was already restored. A failure only costs the next run a download. */
async function saveDbCache(dir, platform, restoredKey, log) {
    const cache = await actionsCache();
    if (!cache.isFeatureAvailable())
        return;
    const { key } = dbCacheKey(platform);
    if (restoredKey === key)
        return;
    try {
        await cache.saveCache([dir], key);
    }
    catch (error) {
        log.warning(`Could not save the Trivy DB cache: ${error.message}`);
    }
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
// EXTERNAL MODULE: ./src/util/which.ts
var which = __webpack_require__(6669);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
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
        throw notGzip(error);
    }
    let found;
    const reader = new TarReader(wanted, {
        start: (size) => {
            found = Buffer.allocUnsafe(size);
        },
        data: (bytes, offset) => bytes.copy(found, offset)
    });
    reader.feed(tar);
    reader.end();
    return found;
}
/**
 * Whether `file` holds exactly the bytes of the regular file `wanted` in a .tar.gz, with the same
 * refusals as `extractFileFromTarGz`. It streams: the release is inflated in the thread pool and
 * compared a chunk at a time, instead of inflating Trivy's 168 MB binary into memory and copying
 * it on the main thread (about three times the CPU, and several seconds of every warm run).
 */
async function tarGzFileEquals(archive, wanted, file) {
    const handle = await (0,promises_.open)(file, 'r');
    try {
        const { size } = await handle.stat();
        let same = false;
        const compare = [];
        const reader = new TarReader(wanted, {
            // When an archive lists the file twice, the last copy is the one extracted.
            start: (entrySize) => {
                same = entrySize === size;
                compare.length = 0;
            },
            data: (bytes, offset) => {
                if (same)
                    compare.push({ bytes, offset });
            }
        });
        const gunzip = (0,external_node_zlib_.createGunzip)({ chunkSize: 1 << 20 });
        if (Buffer.isBuffer(archive))
            gunzip.end(archive);
        // A read error ends the inflation with that error.
        else
            (0,external_node_stream_.pipeline)(archive, gunzip, () => { });
        const theirs = Buffer.allocUnsafe(1 << 20);
        try {
            for await (const chunk of gunzip) {
                reader.feed(chunk);
                for (const { bytes, offset } of compare.splice(0)) {
                    if (!same)
                        break;
                    const mine = bytes.length <= theirs.length
                        ? theirs.subarray(0, bytes.length)
                        : Buffer.allocUnsafe(bytes.length);
                    const { bytesRead } = await handle.read(mine, 0, bytes.length, offset);
                    same = bytesRead === bytes.length && mine.equals(bytes);
                }
            }
        }
        catch (error) {
            throw error instanceof ArchiveError ? error : notGzip(error);
        }
        reader.end();
        return same;
    }
    finally {
        await handle.close();
    }
}
const notGzip = (error) => new ArchiveError(`Archive is not valid gzip (truncated or corrupt): ${error.message}`);
/**
 * Reads a tar stream fed in chunks of any size: checks every entry's name, and hands the bytes
 * of the regular file `wanted` to `sink` (`start` with its size, then `data` with each part and
 * its offset in the file). Long names (GNU `L`, pax `x` records) are honoured.
 */
class TarReader {
    wanted;
    sink;
    header = Buffer.alloc(BLOCK);
    headerFill = 0;
    /** Bytes left of the current entry's data, then of its padding to the next block. */
    dataLeft = 0;
    paddingLeft = 0;
    dataOffset = 0;
    entry = 'other';
    meta = [];
    metaType = '';
    longName;
    finished = false;
    found = false;
    constructor(wanted, sink) {
        this.wanted = wanted;
        this.sink = sink;
    }
    feed(chunk) {
        let at = 0;
        while (at < chunk.length && !this.finished) {
            if (this.dataLeft > 0) {
                const part = chunk.subarray(at, at + this.dataLeft);
                at += part.length;
                this.dataLeft -= part.length;
                if (this.entry === 'wanted')
                    this.sink.data(part, this.dataOffset);
                else if (this.entry === 'meta')
                    this.meta.push(Buffer.from(part));
                this.dataOffset += part.length;
                if (this.dataLeft === 0 && this.entry === 'meta')
                    this.endMeta();
            }
            else if (this.paddingLeft > 0) {
                const skipped = Math.min(this.paddingLeft, chunk.length - at);
                at += skipped;
                this.paddingLeft -= skipped;
            }
            else {
                const copied = chunk.copy(this.header, this.headerFill, at, at + BLOCK - this.headerFill);
                at += copied;
                this.headerFill += copied;
                if (this.headerFill === BLOCK) {
                    this.headerFill = 0;
                    this.readHeader();
                }
            }
        }
    }
    /** The stream is over: refuses a truncated entry, or an archive without the file. */
    end() {
        if (this.dataLeft > 0)
            throw new ArchiveError('Archive is truncated inside an entry.');
        if (!this.found)
            throw new ArchiveError(`Archive has no file named '${this.wanted}'.`);
    }
    readHeader() {
        const header = this.header;
        if (header.every((byte) => byte === 0)) {
            this.finished = true;
            return;
        }
        const size = parseOctal(header.subarray(124, 136));
        const type = String.fromCharCode(header[156] || 48);
        this.dataLeft = size;
        this.paddingLeft = Math.ceil(size / BLOCK) * BLOCK - size;
        this.dataOffset = 0;
        if (type === 'L' || type === 'x' || type === 'g') {
            this.entry = 'meta';
            this.metaType = type;
            this.meta = [];
            if (size === 0)
                this.endMeta();
            return;
        }
        const prefix = cString(header.subarray(345, 500));
        const name = this.longName ??
            (prefix ? `${prefix}/${cString(header.subarray(0, 100))}` : cString(header.subarray(0, 100)));
        this.longName = undefined;
        assertSafeEntry(name);
        this.entry =
            (type === '0' || type === '\0') && normalise(name) === this.wanted ? 'wanted' : 'other';
        if (this.entry === 'wanted') {
            this.found = true;
            this.sink.start(size);
        }
    }
    endMeta() {
        const data = Buffer.concat(this.meta);
        if (this.metaType === 'L')
            this.longName = cString(data);
        else if (this.metaType === 'x')
            this.longName = paxPath(data) ?? this.longName;
        this.entry = 'other';
    }
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

// EXTERNAL MODULE: ./src/tools/urls.ts
var urls = __webpack_require__(5005);
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
        if (!(0,urls/* isSafeTransport */.vl)(next))
            throw new DownloadError(`Download of ${(0,urls/* redactUrl */.BO)(url)} was redirected to ${(0,urls/* redactUrl */.BO)(next.href)}, which is not https; refusing it.`);
        if (hop >= MAX_REDIRECTS)
            throw new DownloadError(`Download of ${(0,urls/* redactUrl */.BO)(url)} was redirected too many times.`);
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
/**
 * @actions/tool-cache (and the HTTP client under it) is loaded only when the tool cache is used,
 * not by a run whose tools are trusted binaries (the CLI's usual case).
 */
const toolCache = () => Promise.all(/* import() */[__webpack_require__.e(507), __webpack_require__.e(805)]).then(__webpack_require__.bind(__webpack_require__, 9805));
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
    const mirrorProblem = (0,urls/* mirrorUrlProblem */.ij)(options.releaseBaseUrl);
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
    const found = await (0,which/* findOnPath */.a)(executable, options.trustedDirs);
    if (!found)
        return undefined;
    const reported = await trustedBinaryVersion(found);
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
    const dir = (await toolCache()).find(name, version);
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
    const binary = external_node_path_default().join(dir, executable);
    const archiveFile = external_node_path_default().join(dir, asset);
    const [hasArchive, hasBinary] = await Promise.all([isFile(archiveFile), isFile(binary)]);
    if (!hasArchive || !hasBinary)
        return `lacks its ${hasArchive ? 'binary' : 'release archive'}`;
    if (asset.endsWith('.zip')) {
        const archive = await (0,promises_.readFile)(archiveFile);
        if (sha256(archive) !== expected)
            return `has an archive whose SHA-256 is not ${expected}`;
        const same = (await binaryFromArchive(archive, asset, executable)).equals(await (0,promises_.readFile)(binary));
        return same ? undefined : 'has a binary that differs from the one in its archive';
    }
    // One pass over the archive: each chunk read is hashed on its way to the thread pool, which
    // inflates it for the comparison, so the bytes compared are the bytes hashed. The verdict needs
    // both. (A transform, not a 'data' listener: that would start the flow before the inflation is
    // attached, and the chunks read meanwhile would be hashed but never inflated.)
    const hash = (0,external_node_crypto_.createHash)('sha256');
    let hashed = 0;
    const hashing = new external_node_stream_.Transform({
        transform(chunk, _encoding, done) {
            hash.update(chunk);
            hashed += chunk.length;
            done(null, chunk);
        }
    });
    const archive = (0,external_node_stream_.pipeline)((0,external_node_fs_.createReadStream)(archiveFile, { highWaterMark: 1 << 20 }), hashing, () => { });
    const same = await tarGzFileEquals(archive, executable, binary).catch((error) => error);
    // A malformed archive, or a comparison that stopped early, leaves part of it unhashed; its
    // whole hash decides which problem to report.
    const complete = !(same instanceof Error) && hashed === (await (0,promises_.stat)(archiveFile)).size;
    const actual = complete ? hash.digest('hex') : sha256(await (0,promises_.readFile)(archiveFile));
    if (actual !== expected)
        return `has an archive whose SHA-256 is not ${expected}`;
    if (same instanceof Error)
        throw same;
    return same ? undefined : 'has a binary that differs from the one in its archive';
}
const isFile = (file) => (0,promises_.stat)(file).then((info) => info.isFile(), () => false);
/** Stores the verified archive and its binary as one tool-cache entry (replacing any earlier one). */
async function cacheRelease(name, version, files) {
    const dir = await (0,promises_.mkdtemp)(external_node_path_default().join(process.env.RUNNER_TEMP || external_node_os_default().tmpdir(), 'hardening-tool-'));
    try {
        await (0,promises_.writeFile)(external_node_path_default().join(dir, files.asset), files.archive);
        await (0,promises_.writeFile)(external_node_path_default().join(dir, files.executable), files.binary, { mode: 0o755 });
        return await (await toolCache()).cacheDir(dir, name, version);
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
        const extracted = await (await toolCache()).extractZip(zipFile, external_node_path_default().join(dir, 'out'));
        const entries = await (0,promises_.readdir)(extracted);
        if (!entries.includes(executable))
            throw new Error(`Archive ${asset} has no ${executable}.`);
        return await (0,promises_.readFile)(external_node_path_default().join(extracted, executable));
    }
    finally {
        await (0,promises_.rm)(dir, { recursive: true, force: true });
    }
}
/**
 * The version a trusted binary reports, remembered per file: starting Trivy only to read its
 * version cost every CLI run about 0.3 s of CPU. The note is keyed by the file's inode, size,
 * modification and change times; any replacement of the file changes the change time, which no
 * unprivileged process can set back, so a changed binary is asked again. It saves a version
 * check only: what runs is still the binary in the directory the user trusts.
 */
async function trustedBinaryVersion(binary) {
    const cache = process.env.RUNNER_TOOL_CACHE;
    const info = await (0,promises_.stat)(binary, { bigint: true }).catch(() => undefined);
    if (!cache || !info)
        return binaryVersion(binary);
    const identity = [binary, info.dev, info.ino, info.size, info.mtimeNs, info.ctimeNs].join(':');
    const note = external_node_path_default().join(cache, 'hardening-trusted-versions', (0,external_node_crypto_.createHash)('sha256').update(binary).digest('hex'));
    const known = await (0,promises_.readFile)(note, 'utf8').catch(() => '');
    const [noted, version] = known.split('\n');
    if (noted === identity && version)
        return version;
    const reported = await binaryVersion(binary);
    if (reported)
        await writeFileAtomically(note, `${identity}\n${reported}\n`).catch(() => {
            // Only a version check is lost; the next run asks the binary again.
        });
    return reported;
}
async function writeFileAtomically(file, content) {
    await (0,promises_.mkdir)(external_node_path_default().dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    await (0,promises_.writeFile)(temp, content);
    await (0,promises_.rename)(temp, file);
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
function installTools(config, needs, log) {
    return startInstalls(config, needs, log).all;
}
/** Starts installing every tool in `needs` at once, and the DB update (after Trivy's install). */
function startInstalls(config, needs, log) {
    const platform = currentPlatform();
    const options = {
        releaseBaseUrl: config.toolMirror,
        platform,
        log,
        trustedDirs: config.trustedToolDirs
    };
    const versions = {
        trivy: config.trivyVersion,
        conftest: config.conftestVersion
    };
    const installing = new Map(needs.tools.map((name) => [name, installTool(name, versions[name], options)]));
    const trivy = installing.get('trivy');
    // The DB is restored and checked while the tools are verified; only an update waits for Trivy.
    const db = trivy && needs.vulnerabilityDb
        ? prepareTrivyDb(trivy, config, platform, log)
        : Promise.resolve(undefined);
    const ready = async (names) => {
        const [installed, dbProblem] = await Promise.all([
            Promise.all(names.map(async (name) => [name, await installing.get(name)])),
            names.includes('trivy') ? db : undefined
        ]);
        const tools = Object.fromEntries(installed);
        return dbProblem ? { tools, dbProblem } : { tools };
    };
    const all = ready([...installing.keys()]);
    // Handled here so a failure waits for whoever awaits `all` instead of ending the process.
    all.catch(() => { });
    return { ready, all };
}
const CURRENT_DB = 'The cached Trivy vulnerability DB is current; not updating it.';
/** Restores the DB cache and brings the DB up to date; returns why it is unavailable, if it is. */
async function prepareTrivyDb(trivy, config, platform, log) {
    // A DB current on disk (a warm run on a self-hosted runner) needs neither the cache service
    // nor Trivy: restoring it would download the same DB again, and saving it upload it again.
    if (!config.skipDbUpdate && (await dbIsCurrent(config.trivyCacheDir))) {
        log.info(CURRENT_DB);
        return undefined;
    }
    const restored = await restoreDbCache(config.trivyCacheDir, platform, log);
    const dbProblem = config.skipDbUpdate
        ? await missingDbProblem(config.trivyCacheDir)
        : await updateTrivyDb(trivy, config, log);
    if (dbProblem) {
        log.warning(dbProblem);
        return dbProblem;
    }
    if (!config.skipDbUpdate)
        await saveDbCache(config.trivyCacheDir, platform, restored, log);
    return undefined;
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
        log.info(CURRENT_DB);
        return undefined;
    }
    const binary = (await trivy).path;
    log.info('Updating the Trivy vulnerability DB.');
    try {
        await (0,run_tool/* runTool */.qI)(binary, args, {
            timeoutMs: config.scanTimeoutMs,
            env: (0,run_tool/* toolEnv */.oW)({ registryCredentials: true })
        });
        return undefined;
    }
    catch (error) {
        return (0,urls/* redactUrls */.sK)(`Could not download the Trivy vulnerability DB (${error.message}). ` +
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


/***/ }),

/***/ 5005:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BO: () => (/* binding */ redactUrl),
/* harmony export */   ij: () => (/* binding */ mirrorUrlProblem),
/* harmony export */   sK: () => (/* binding */ redactUrls),
/* harmony export */   vl: () => (/* binding */ isSafeTransport)
/* harmony export */ });
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


/***/ }),

/***/ 3731:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   y: () => (/* binding */ mapBounded)
/* harmony export */ });
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_0__);

/** Runs `work` over `items` with at most `limit` (default: CPU count) in flight, keeping input order in the result. */
async function mapBounded(items, work, limit = node_os__WEBPACK_IMPORTED_MODULE_0___default().availableParallelism()) {
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


/***/ }),

/***/ 9055:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Y: () => (/* binding */ relativePosix),
/* harmony export */   d: () => (/* binding */ toPosix)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);

/** A path of this platform with `/` separators: how reports, SARIF and the evidence name files. */
function toPosix(file) {
    return file.split((node_path__WEBPACK_IMPORTED_MODULE_0___default().sep)).join('/');
}
/** `to` relative to `from`, with `/` separators (a repo-relative path when `from` is the workspace). */
function relativePosix(from, to) {
    return toPosix(node_path__WEBPACK_IMPORTED_MODULE_0___default().relative(from, to));
}


/***/ }),

/***/ 100:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   oW: () => (/* binding */ toolEnv),
/* harmony export */   pQ: () => (/* binding */ startTool),
/* harmony export */   qI: () => (/* binding */ runTool),
/* harmony export */   v4: () => (/* binding */ ToolError)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _temp_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4868);



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
    return (await startTool(command, args, options, { stdin: false })).finish();
}
/**
 * Starts a tool as `runTool` does, but with its standard input open: a tool that reads its
 * input before anything else (conftest reads it before it loads the policies) can start while
 * the input, and the files it reads after it, are still being prepared. The timeout runs from
 * `finish`, so the wait for the input does not count against it.
 */
async function startTool(command, args, options, { stdin = true } = {}) {
    const cwd = await (0,_temp_js__WEBPACK_IMPORTED_MODULE_2__/* .privateTempDir */ .n)('hardening-cwd-');
    const removeCwd = () => (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(cwd, { recursive: true, force: true });
    const okExitCodes = options.okExitCodes ?? [0];
    const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(command, args, {
        env: options.env ?? toolEnv(),
        cwd,
        stdio: [stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
        shell: false
    });
    const stdout = [];
    const stderr = [];
    child.stdout.on('data', (chunk) => stdout.push(chunk));
    child.stderr.on('data', (chunk) => stderr.push(chunk));
    // A tool that exits before it reads its input (a usage error, say) closes the pipe; its exit
    // code and stderr say why, so the write's EPIPE adds nothing.
    child.stdin?.on('error', () => { });
    let timedOut = false;
    let exited = false;
    let timer;
    const name = command.split(/[\\/]/).pop();
    const done = new Promise((resolve, reject) => {
        child.on('error', (error) => {
            exited = true;
            reject(new ToolError(`Could not start ${command}: ${error.message}`));
        });
        child.on('close', (code, signal) => {
            exited = true;
            const err = Buffer.concat(stderr).toString('utf8');
            const tail = err.length > STDERR_TAIL ? `…${err.slice(-STDERR_TAIL)}` : err;
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
    }).finally(() => {
        clearTimeout(timer);
        return removeCwd();
    });
    // Until `finish` or `cancel`, a failure to start is reported by whichever comes.
    done.catch(() => { });
    return {
        finish(input) {
            // A tool that has already exited needs no timer (one would keep this process alive).
            if (!exited)
                timer = setTimeout(() => {
                    timedOut = true;
                    child.kill('SIGKILL');
                }, options.timeoutMs);
            child.stdin?.end(input);
            return done;
        },
        async cancel() {
            // Killed before its input is closed: a tool that saw the end of its input first could
            // run on an empty input and exit as if it had worked.
            child.kill('SIGKILL');
            child.stdin?.destroy();
            await done.catch(() => { });
        }
    };
}


/***/ }),

/***/ 4868:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   n: () => (/* binding */ privateTempDir)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);



/**
 * A fresh directory only this process can use (mkdtemp: mode 0700), outside the checkout:
 * under RUNNER_TEMP on a runner (emptied after every job), else the OS temp dir.
 */
function privateTempDir(prefix) {
    return (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdtemp)(node_path__WEBPACK_IMPORTED_MODULE_2___default().join(process.env.RUNNER_TEMP || node_os__WEBPACK_IMPORTED_MODULE_1___default().tmpdir(), prefix));
}


/***/ }),

/***/ 6669:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   a: () => (/* binding */ findOnPath),
/* harmony export */   i: () => (/* binding */ pathDirs)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);



/** The directories listed in PATH, in order. */
function pathDirs() {
    return (process.env.PATH ?? '').split((node_path__WEBPACK_IMPORTED_MODULE_2___default().delimiter)).filter(Boolean);
}
/** The first executable named `executable` in `dirs` (default: PATH), like `which`. */
async function findOnPath(executable, dirs = pathDirs()) {
    for (const dir of dirs) {
        const candidate = node_path__WEBPACK_IMPORTED_MODULE_2___default().join(dir, executable);
        try {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.access)(candidate, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.X_OK);
            return candidate;
        }
        catch {
            // not here; keep looking
        }
    }
    return undefined;
}


/***/ })

};
