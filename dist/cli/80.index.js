export const id = 80;
export const ids = [80];
export const modules = {

/***/ 2080:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  FIX_USAGE: () => (/* binding */ FIX_USAGE),
  runFix: () => (/* binding */ runFix)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
// EXTERNAL MODULE: ./src/action-root.ts
var action_root = __webpack_require__(7490);
// EXTERNAL MODULE: ./src/config/inputs.ts + 1 modules
var config_inputs = __webpack_require__(388);
// EXTERNAL MODULE: ./src/config/file.ts + 1 modules
var config_file = __webpack_require__(9938);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./src/fix/yaml-edit.ts

/** Why a value reached through a YAML alias is not edited. */
const ALIASED = (key) => `${key} is a YAML alias; an edit would change every place that uses its anchor`;
/** A finding that has no safe automatic fix here; the message says why (shown to the user). */
class ManualOnly extends Error {
}
/**
 * Edits one YAML document surgically: values are replaced where they are written, keys are added
 * as new lines under their block mapping and removed with their whole lines, so every byte outside
 * the edited lines (comments, key order, quoting, indentation, blank lines) stays as it was. What
 * cannot be edited that way (flow style, anchors, keys sharing a line) is refused with a reason.
 */
class DocumentEditor {
    source;
    indentStep;
    shared;
    edits = [];
    additions = new Map();
    constructor(source, 
    /** Columns per nesting level in this file, for the keys we add. */
    indentStep, 
    /** Nodes inside an anchored subtree: an edit there would change every alias of it too. */
    shared = new Set()) {
        this.source = source;
        this.indentStep = indentStep;
        this.shared = shared;
    }
    /**
     * Makes `path` under `map` hold a value `accept` takes; writes `text` (YAML source of a scalar
     * or flow collection) where it does not, adding the missing mappings on the way.
     */
    ensure(map, path, text, accept, { keepQuotes = false } = {}) {
        let current = map;
        for (const [depth, key] of path.entries()) {
            this.requireBlock(current, key);
            const pair = findPair(current, key);
            const rest = path.slice(depth + 1);
            if (!pair)
                return this.add(current, [key, ...rest], text);
            const value = pair.value;
            if (rest.length === 0) {
                if (accept((0,dist/* isScalar */.jn)(value) ? value.value : value))
                    return;
                if (!(0,dist/* isScalar */.jn)(value))
                    throw new ManualOnly(`${key} is not a plain value here`);
                return this.replaceScalar(value, keepQuotes ? quoteLike(value, text) : text);
            }
            if (value === null || ((0,dist/* isScalar */.jn)(value) && value.value === null))
                return this.fillNull(pair, rest, text);
            if ((0,dist/* isAlias */.Vj)(value))
                throw new ManualOnly(ALIASED(key));
            if (!(0,dist/* isMap */.jh)(value))
                throw new ManualOnly(`${key} is not a mapping`);
            current = value;
        }
    }
    /** Replaces a scalar's source text (quotes included). */
    replaceScalar(node, text) {
        this.requireOwn(node);
        const [start, end] = node.range;
        if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED')
            throw new ManualOnly('the value is a block scalar');
        this.edits.push({ start, end, text });
    }
    /** Removes a key and its value with their whole lines. */
    removePair(map, pair) {
        this.requireBlock(map, String(pair.key.value));
        const key = pair.key;
        const value = pair.value;
        this.removeLines(key.range[0], (value ?? key).range[1], `${String(key.value)}`);
    }
    /** Removes an item of a block sequence with its whole lines; removing the last one removes the key. */
    removeItems(parent, pair, items) {
        const seq = pair.value;
        if (!(0,dist/* isSeq */.oP)(seq) || seq.flow)
            throw new ManualOnly(`${String(pair.key.value)} is written in flow style`);
        this.requireOwn(seq);
        if (items.length === seq.items.length)
            return this.removePair(parent, pair);
        for (const item of items) {
            const start = item.range[0];
            const prefix = this.source.text.slice(this.source.lineStart(this.source.lineOf(start)), start);
            if (!/^\s*-\s*$/.test(prefix))
                throw new ManualOnly('the list item shares its line with other content');
            this.removeLines(start, item.range[1], 'list item', true);
        }
    }
    /** Appends `- text` to a block sequence, or rewrites a one-line flow sequence with it added. */
    appendItem(seq, text) {
        this.requireOwn(seq);
        const [start, valueEnd] = seq.range;
        if (seq.flow) {
            if (this.source.lineOf(start) !== this.source.lineOf(valueEnd - 1))
                throw new ManualOnly('the list is a flow sequence over several lines');
            const items = seq.items.map((item) => {
                const [s, e] = item.range;
                return this.source.text.slice(s, e);
            });
            this.edits.push({ start, end: valueEnd, text: `[${[...items, text].join(', ')}]` });
            return;
        }
        const last = seq.items.at(-1);
        const itemStart = last.range[0];
        const dash = this.source.text.lastIndexOf('-', itemStart);
        const line = this.source.lastContentLine(last.range[1]);
        const indent = dash - this.source.lineStart(this.source.lineOf(dash));
        this.edits.push({
            ...this.insertion(line, `${' '.repeat(indent)}- ${text}${this.source.eol}`),
            indent: indent + 1
        });
    }
    /** The edits as whole-line replacements of the original text (sorted, non-overlapping). */
    lineEdits() {
        const all = [...this.edits];
        for (const target of this.additions.values())
            all.push({
                ...this.insertion(target.line, render(target.keys, target.indent, this.indentStep, this.source.eol)),
                indent: target.indent
            });
        all.sort((a, b) => a.start - b.start || a.end - b.end || (b.indent ?? 0) - (a.indent ?? 0));
        const groups = [];
        let previousEnd = -1;
        for (const edit of all) {
            if (edit.start < previousEnd)
                throw new ManualOnly('two changes overlap');
            previousEnd = edit.end;
            const first = this.source.lineOf(edit.start === edit.end ? Math.max(edit.start - 1, 0) : edit.start);
            const last = edit.start === edit.end ? first : Math.max(first, this.source.lineOf(edit.end - 1));
            const group = groups.at(-1);
            if (group && first <= group.last) {
                group.last = Math.max(group.last, last);
                group.edits.push(edit);
            }
            else
                groups.push({ first, last, edits: [edit] });
        }
        return groups.map(({ first, last, edits }) => {
            const base = this.source.lineStart(first);
            let text = this.source.lines(first, last);
            for (const edit of [...edits].reverse())
                text = text.slice(0, edit.start - base) + edit.text + text.slice(edit.end - base);
            return { startLine: first, endLine: last, replacement: text };
        });
    }
    add(map, path, text) {
        let target = this.additions.get(map);
        if (!target) {
            const first = map.items[0]?.key;
            if (!first?.range)
                throw new ManualOnly('the mapping is empty or written in flow style');
            target = {
                line: this.source.lastContentLine(map.range[1]),
                indent: this.source.columnOf(first.range[0]),
                keys: new Map()
            };
            this.additions.set(map, target);
        }
        addPath(target.keys, path, text);
    }
    /** `key:` with no value (or null) gets the keys on new lines below it. */
    fillNull(pair, path, text) {
        const key = pair.key;
        let target = this.additions.get(pair);
        if (!target) {
            const value = pair.value;
            const keyLine = this.source.lineOf(key.range[0]);
            if (value?.range && value.range[0] < value.range[1]) {
                if (this.source.lineOf(value.range[0]) !== keyLine)
                    throw new ManualOnly('unusual null value');
                // `key: null` or `key: ~`: drop the spelled-out null (and the space before it).
                let start = value.range[0];
                while (start > 0 && this.source.text[start - 1] === ' ')
                    start--;
                this.edits.push({ start, end: value.range[1], text: '' });
            }
            target = {
                line: keyLine,
                indent: this.source.columnOf(key.range[0]) + this.indentStep,
                keys: new Map()
            };
            this.additions.set(pair, target);
        }
        addPath(target.keys, path, text);
    }
    requireBlock(map, key) {
        if (map.flow)
            throw new ManualOnly(`the mapping holding ${key} is written in flow style`);
        this.requireOwn(map);
        if (findPair(map, '<<'))
            throw new ManualOnly(`the mapping holding ${key} uses a YAML merge key (<<); an edit could override merged values`);
    }
    requireOwn(node) {
        if (this.shared.has(node))
            throw new ManualOnly('the value is shared through a YAML anchor; an edit would change every alias of it');
    }
    /** Deletes the lines from `start`'s line through the line `end` ends on, if nothing else is on them. */
    removeLines(start, end, what, afterDash = false) {
        const first = this.source.lineOf(start);
        const before = this.source.text.slice(this.source.lineStart(first), start);
        if (!(afterDash ? /^\s*-\s*$/ : /^\s*$/).test(before))
            throw new ManualOnly(`${what} shares its line with other content`);
        const last = this.source.lastContentLine(end);
        const after = this.source.text.slice(end, this.source.lineEnd(last));
        if (end <= this.source.lineEnd(last) && !/^\s*(#.*)?\s*$/.test(after))
            throw new ManualOnly(`${what} shares its line with other content`);
        this.edits.push({
            start: this.source.lineStart(first),
            end: this.source.lineEnd(last),
            text: ''
        });
    }
    /** An insertion of whole lines after `line` (a file without a final line break gets one first). */
    insertion(line, text) {
        const at = this.source.lineEnd(line);
        const { eol } = this.source;
        if (at === this.source.text.length && !this.source.text.endsWith('\n'))
            return { start: at, end: at, text: eol + text.slice(0, -eol.length) };
        return { start: at, end: at, text };
    }
}
/** The pair of `key` in a mapping. */
function findPair(map, key) {
    return map.items.find((pair) => (0,dist/* isScalar */.jn)(pair.key) && pair.key.value === key);
}
function addPath(keys, path, text) {
    const [head, ...rest] = path;
    if (rest.length === 0) {
        if (!keys.has(head))
            keys.set(head, text);
        return;
    }
    let child = keys.get(head);
    if (typeof child === 'string')
        throw new ManualOnly(`${head} would be set twice`);
    if (!child)
        keys.set(head, (child = new Map()));
    addPath(child, rest, text);
}
function render(keys, indent, step, eol) {
    let out = '';
    for (const [key, value] of keys) {
        out += `${' '.repeat(indent)}${key}:`;
        out +=
            typeof value === 'string'
                ? ` ${value}${eol}`
                : `${eol}${render(value, indent + step, step, eol)}`;
    }
    return out;
}
/** A string `value` written with the same quotes as `node` (plain stays plain where YAML allows). */
function quoteLike(node, value) {
    if (node.type === 'QUOTE_SINGLE')
        return `'${value.replaceAll("'", "''")}'`;
    if (node.type === 'QUOTE_DOUBLE' || !/^[\w./-][\w./:@+-]*$/.test(value))
        return JSON.stringify(value);
    return value;
}

;// CONCATENATED MODULE: ./src/fix/rules.ts


/** The internal-load-balancer annotation per cloud: keys and values the public-loadbalancer policy accepts. */
const INTERNAL_LB_ANNOTATION = {
    aws: { key: 'service.beta.kubernetes.io/aws-load-balancer-internal', value: 'true' },
    gcp: { key: 'networking.gke.io/load-balancer-type', value: 'Internal' },
    azure: { key: 'service.beta.kubernetes.io/azure-load-balancer-internal', value: 'true' }
};
const FALSE = (value) => value === false;
const TRUE = (value) => value === true;
/** Fixes by template kind; each changes only what the finding is about. */
const RULE_FIXES = {
    HardeningPSSPrivilegeEscalation: (site) => {
        const container = containerOf(site);
        site.editor.ensure(container, ['securityContext', 'allowPrivilegeEscalation'], 'false', FALSE);
    },
    HardeningPSSPrivileged: (site) => removeIfTrue(site, securityContextOf(containerOf(site)), 'privileged'),
    HardeningPSSCapabilities: (site) => {
        const container = containerOf(site);
        const capabilities = mapAt(container, ['securityContext', 'capabilities']);
        const add = capabilities && findPair(capabilities, 'add');
        const added = add && (0,dist/* isSeq */.oP)(add.value) ? add.value.items : [];
        const offending = added.filter((item) => site.source.lineOf(item.range[0]) === site.finding.location.startLine);
        if (offending.length > 0)
            return site.editor.removeItems(capabilities, add, offending);
        const drop = capabilities && findPair(capabilities, 'drop');
        if (drop && (0,dist/* isSeq */.oP)(drop.value)) {
            if (!drop.value.items.some((item) => (0,dist/* isScalar */.jn)(item) && item.value === 'ALL'))
                site.editor.appendItem(drop.value, 'ALL');
            return;
        }
        site.editor.ensure(container, ['securityContext', 'capabilities', 'drop'], '[ALL]', () => false);
    },
    HardeningPSSSeccomp: (site) => {
        const owner = site.container ?? podOf(site);
        site.editor.ensure(owner, ['securityContext', 'seccompProfile', 'type'], 'RuntimeDefault', (value) => value === 'RuntimeDefault', { keepQuotes: true });
    },
    HardeningPSSRunAsNonRoot: (site) => site.editor.ensure(site.container ?? podOf(site), ['securityContext', 'runAsNonRoot'], 'true', TRUE),
    HardeningPSSHostNamespaces: (site) => {
        const pod = podOf(site);
        const pair = pairAtLine(site, pod, ['hostNetwork', 'hostPID', 'hostIPC']);
        if (!pair)
            throw new ManualOnly('the host namespace setting is not where the finding points');
        removeIfTrue(site, pod, String(pair.key.value));
    },
    HardeningPSSProcMount: (site) => {
        const context = securityContextOf(containerOf(site));
        const pair = context && findPair(context, 'procMount');
        if (!pair)
            throw new ManualOnly('procMount is not set where the finding points');
        site.editor.removePair(context, pair);
    },
    HardeningPSSSysctls: (site) => {
        const context = securityContextOf(podOf(site));
        const pair = context && findPair(context, 'sysctls');
        const items = pair && (0,dist/* isSeq */.oP)(pair.value) ? pair.value.items : [];
        const line = site.finding.location.startLine;
        const offending = items.filter((item) => {
            const [start, end] = item.range;
            return site.source.lineOf(start) <= line && line <= site.source.lastContentLine(end);
        });
        if (offending.length === 0)
            throw new ManualOnly('the sysctl is not where the finding points');
        site.editor.removeItems(context, pair, offending);
    },
    HardeningDisallowedTags: async (site, settings) => {
        const image = containerOf(site).get('image', true);
        if (!(0,dist/* isScalar */.jn)(image) || typeof image.value !== 'string')
            throw new ManualOnly('the image is not a plain string');
        site.editor.replaceScalar(image, quoteLike(image, await settings.digests.pin(image.value)));
    },
    HardeningPublicLB: (site, { cloud }) => {
        if (!cloud)
            throw new ManualOnly('which annotation makes a load balancer internal depends on the cloud: pass --cloud aws|gcp|azure (action input fix-cloud), or expose the Service through an Ingress or Gateway');
        const { key, value } = INTERNAL_LB_ANNOTATION[cloud];
        const current = mapAt(site.root, ['metadata', 'annotations'])?.get(key);
        if (current !== undefined)
            throw new ManualOnly(`the Service already sets ${key} to ${JSON.stringify(current)}; decide which value is meant`);
        site.editor.ensure(site.root, ['metadata', 'annotations', key], JSON.stringify(value), () => false);
    },
    HardeningRequiredResources: (site, { resourceDefaults, resourcesByNamespace }) => {
        const missing = /\(resources\.(requests|limits)\.([\w.-]+)\)/.exec(site.finding.message);
        const [, kind, resource] = missing ?? [];
        const namespace = site.root.getIn(['metadata', 'namespace']);
        const defaults = typeof namespace === 'string' &&
            resourcesByNamespace &&
            Object.hasOwn(resourcesByNamespace, namespace)
            ? resourcesByNamespace[namespace]
            : resourceDefaults;
        const value = kind && resource ? defaults?.[kind]?.[resource] : undefined;
        if (!value)
            throw new ManualOnly(`no default is configured for ${kind && resource ? `${kind}.${resource}` : 'this resource'}: pass --resources-default (action input fix-resources-default), e.g. cpu=100m,memory=128Mi, with values sized for your workloads`);
        site.editor.ensure(containerOf(site), ['resources', kind, resource], JSON.stringify(value), (v) => v !== null && v !== undefined);
    }
};
/** Why a rule has no automatic fix: each needs a decision only the workload's owner can make. */
const MANUAL_REASONS = {
    HardeningPSSVolumes: 'a hostPath (or other node-bound) volume has no safe automatic replacement: whether an emptyDir, configMap or persistentVolumeClaim can stand in depends on what the workload reads and writes there',
    HardeningPSSHostPorts: 'removing a hostPort changes how clients reach the pod; expose it through a Service instead',
    HardeningPSSHostProbes: 'which address a probe should use instead of a host depends on the probe',
    HardeningPSSRunAsUser: 'a non-zero UID must be one the image can run as; choose it from the image',
    HardeningPSSSELinux: 'SELinux options depend on the node policy; choose an allowed type by hand',
    HardeningPSSAppArmor: 'an AppArmor profile depends on what the workload needs; choose RuntimeDefault or a Localhost profile by hand',
    HardeningPSSWindowsHostProcess: 'a HostProcess container runs on the host; it cannot become an ordinary container without a redesign'
};
/** The container the finding's line is in (findings point at the offending field, or its container). */
function containerOf(site) {
    if (!site.container)
        throw new ManualOnly('the finding does not point into a container');
    return site.container;
}
function podOf(site) {
    if (!site.pod)
        throw new ManualOnly('the object has no pod spec where this fix expects one');
    return site.pod;
}
function securityContextOf(map) {
    return mapAt(map, ['securityContext']);
}
function mapAt(map, path) {
    const node = map.getIn(path, true);
    if ((0,dist/* isAlias */.Vj)(node))
        throw new ManualOnly(ALIASED(path.at(-1)));
    return (0,dist/* isMap */.jh)(node) ? node : undefined;
}
function removeIfTrue(site, map, key) {
    const pair = map && findPair(map, key);
    if (!pair || !(0,dist/* isScalar */.jn)(pair.value) || pair.value.value !== true)
        throw new ManualOnly(`${key} is not set to true where the finding points`);
    site.editor.removePair(map, pair);
}
/** The pair among `keys` whose key is on the finding's line. */
function pairAtLine(site, map, keys) {
    return map.items.find((pair) => (0,dist/* isScalar */.jn)(pair.key) &&
        keys.includes(String(pair.key.value)) &&
        site.source.lineOf(pair.key.range[0]) === site.finding.location.startLine);
}

// EXTERNAL MODULE: ./src/fix/settings.ts
var settings = __webpack_require__(194);
// EXTERNAL MODULE: external "node:timers/promises"
var external_node_timers_promises_ = __webpack_require__(8500);
// EXTERNAL MODULE: ./src/manifests/kube-yaml.ts
var kube_yaml = __webpack_require__(4345);
// EXTERNAL MODULE: ./src/manifests/load.ts + 1 modules
var load = __webpack_require__(906);
// EXTERNAL MODULE: ./src/manifests/render.ts
var manifests_render = __webpack_require__(5276);
// EXTERNAL MODULE: ./src/scanners/policies.ts + 6 modules
var policies = __webpack_require__(3891);
// EXTERNAL MODULE: ./src/util/posix-path.ts
var posix_path = __webpack_require__(9055);
// EXTERNAL MODULE: ./src/util/temp.ts
var temp = __webpack_require__(4868);
;// CONCATENATED MODULE: ./src/fix/api-rules.ts
/** Where the pod spec lives in each workload kind (the same walk as policies/lib/pods.rego). */
const POD_SPEC_PATHS = {
    Pod: ['spec'],
    PodTemplate: ['template', 'spec'],
    ReplicationController: ['spec', 'template', 'spec'],
    Deployment: ['spec', 'template', 'spec'],
    StatefulSet: ['spec', 'template', 'spec'],
    DaemonSet: ['spec', 'template', 'spec'],
    ReplicaSet: ['spec', 'template', 'spec'],
    Job: ['spec', 'template', 'spec'],
    CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec']
};
const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'];
const get = (value, key) => value !== null && typeof value === 'object' ? value[key] : undefined;
/**
 * Why the API server would reject the fixed document, for the combinations a fix can create that
 * no policy checks (Kubernetes validation of the container security context); undefined when none.
 * `object` is the document's JSON value as Kubernetes reads it.
 */
function apiRejection(object) {
    const pod = (POD_SPEC_PATHS[String(get(object, 'kind'))] ?? []).reduce(get, object);
    for (const list of CONTAINER_LISTS) {
        const containers = get(pod, list);
        if (!Array.isArray(containers))
            continue;
        for (const container of containers) {
            const context = get(container, 'securityContext');
            if (get(context, 'allowPrivilegeEscalation') !== false)
                continue;
            const added = get(get(context, 'capabilities'), 'add');
            const sysAdmin = Array.isArray(added) && added.some((c) => c === 'SYS_ADMIN' || c === 'CAP_SYS_ADMIN');
            const privileged = get(context, 'privileged') === true;
            if (privileged || sysAdmin)
                return `Kubernetes rejects allowPrivilegeEscalation: false in container "${String(get(container, 'name'))}" while it is ${privileged ? 'privileged' : 'adding CAP_SYS_ADMIN'}; fix that first (or together)`;
        }
    }
    return undefined;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
;// CONCATENATED MODULE: ./src/fix/registry.ts





/** What a tag can point at, newest formats first (an index keeps the image multi-platform). */
const MANIFEST_TYPES = [
    'application/vnd.oci.image.index.v1+json',
    'application/vnd.docker.distribution.manifest.list.v2+json',
    'application/vnd.oci.image.manifest.v1+json',
    'application/vnd.docker.distribution.manifest.v2+json'
].join(', ');
const REQUEST_TIMEOUT_MS = 10_000;
/** Splits `host/repo:tag` the way Docker does (no host → Docker Hub, one-part names → library/). */
function parseImageReference(image) {
    if (image.includes('@'))
        throw new ManualOnly(`image "${image}" is already pinned by digest`);
    const slash = image.indexOf('/');
    const first = slash === -1 ? '' : image.slice(0, slash);
    const hasRegistry = first.includes('.') || first.includes(':') || first === 'localhost';
    const registry = hasRegistry ? first : 'docker.io';
    let rest = hasRegistry ? image.slice(slash + 1) : image;
    const colon = rest.lastIndexOf(':');
    const tag = colon > rest.lastIndexOf('/') ? rest.slice(colon + 1) : 'latest';
    if (colon > rest.lastIndexOf('/'))
        rest = rest.slice(0, colon);
    if (registry === 'docker.io' && !rest.includes('/'))
        rest = `library/${rest}`;
    if (!/^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/.test(rest) ||
        !/^[\w][\w.-]{0,127}$/.test(tag))
        throw new ManualOnly(`"${image}" is not an image reference this fix can resolve`);
    return { registry, repository: rest, tag };
}
const LOOPBACK = /^(localhost|127(?:\.\d+){3}|\[::1\])(:\d+)?$/;
/**
 * Resolves tags to digests by asking their registries (Docker Registry HTTP API v2: a HEAD of
 * the manifest, anonymous or with the Docker config's credentials for that registry, as Trivy
 * pulls images). One registry that cannot be reached is not asked again in the same run.
 */
class DigestResolver {
    digests = new Map();
    unreachable = new Map();
    dockerConfig;
    offlineReason;
    /** `offlineReason`: ask no registry; every image is left to a person, with this reason. */
    constructor(options = {}) {
        this.offlineReason = options.offlineReason;
        this.dockerConfig = options.dockerConfig ?? defaultDockerConfig();
    }
    /** `image@sha256:…`, or ManualOnly with the reason it could not be resolved. */
    async pin(image) {
        const reference = parseImageReference(image);
        if (this.offlineReason !== undefined)
            throw new ManualOnly(this.offlineReason);
        let digest = this.digests.get(image);
        if (!digest) {
            digest = this.resolve(reference);
            this.digests.set(image, digest);
        }
        return `${image}@${await digest}`;
    }
    async resolve({ registry, repository, tag }) {
        const down = this.unreachable.get(registry);
        if (down)
            throw new ManualOnly(down);
        const host = registry === 'docker.io' ? 'registry-1.docker.io' : registry;
        // Image names come from the manifests (a pull request's, in the action): never let one
        // point the resolver at a cloud metadata service.
        if (/^(169\.254\.|\[fe80:|metadata\.google\.internal(:|$))/i.test(host))
            throw new ManualOnly(`the registry ${registry} is a link-local address; not asked`);
        const scheme = LOOPBACK.test(host) ? 'http' : 'https';
        const url = `${scheme}://${host}/v2/${repository}/manifests/${encodeURIComponent(tag)}`;
        try {
            let response = await request(url, 'HEAD');
            if (response.status === 401) {
                const token = await this.token(registry, response.headers.get('www-authenticate'));
                response = await request(url, 'HEAD', token);
                if (response.status === 405 ||
                    (response.ok && !response.headers.get('docker-content-digest')))
                    response = await request(url, 'GET', token);
            }
            else if (response.status === 405 ||
                (response.ok && !response.headers.get('docker-content-digest'))) {
                response = await request(url, 'GET');
            }
            if (!response.ok)
                throw new ManualOnly(`the registry ${registry} answered ${response.status} for ${repository}:${tag}`);
            const header = response.headers.get('docker-content-digest');
            if (header && /^sha256:[a-f0-9]{64}$/.test(header))
                return header;
            const body = Buffer.from(await response.arrayBuffer());
            if (body.length === 0)
                throw new ManualOnly(`the registry ${registry} gave no digest for ${repository}:${tag}`);
            return `sha256:${(0,external_node_crypto_.createHash)('sha256').update(body).digest('hex')}`;
        }
        catch (error) {
            if (error instanceof ManualOnly)
                throw error;
            const reason = `the registry ${registry} could not be reached (${error.message}); pin the digest by hand or re-run online`;
            this.unreachable.set(registry, reason);
            throw new ManualOnly(reason);
        }
    }
    /** A bearer token from the realm the registry named (anonymous unless we hold credentials for it). */
    async token(registry, challenge) {
        const params = Object.fromEntries([...(challenge ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1].toLowerCase(), m[2]]));
        if (!challenge?.toLowerCase().startsWith('bearer') || !params.realm)
            throw new ManualOnly(`the registry ${registry} asks for credentials this fix does not support`);
        const realm = new URL(params.realm);
        if (realm.protocol !== 'https:' && !LOOPBACK.test(realm.host))
            throw new ManualOnly(`the registry ${registry} names a token service over plain HTTP`);
        for (const key of ['service', 'scope'])
            if (params[key])
                realm.searchParams.set(key, params[key]);
        const auth = await this.credentials(registry);
        const response = await fetch(realm, {
            headers: auth ? { authorization: `Basic ${auth}` } : {},
            signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS)
        });
        if (!response.ok)
            throw new ManualOnly(`the registry ${registry} refused a token (${response.status})`);
        const body = (await response.json());
        const token = body.token ?? body.access_token;
        if (!token)
            throw new ManualOnly(`the registry ${registry} gave no token`);
        return token;
    }
    /** The Docker config's `auths` entry for exactly this registry: never another registry's. */
    async credentials(registry) {
        let config;
        try {
            config = JSON.parse(await (0,promises_.readFile)(this.dockerConfig, 'utf8'));
        }
        catch {
            return undefined;
        }
        const keys = registry === 'docker.io'
            ? ['https://index.docker.io/v1/', 'docker.io']
            : [registry, `https://${registry}`];
        return keys.map((key) => config.auths?.[key]?.auth).find(Boolean);
    }
}
function defaultDockerConfig() {
    return external_node_path_default().join(process.env.DOCKER_CONFIG ?? external_node_path_default().join(external_node_os_default().homedir(), '.docker'), 'config.json');
}
function request(url, method, token) {
    return fetch(url, {
        method,
        headers: { accept: MANIFEST_TYPES, ...(token ? { authorization: `Bearer ${token}` } : {}) },
        redirect: 'follow',
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS)
    });
}

;// CONCATENATED MODULE: ./src/fix/kubernetes-schema.json
const kubernetes_schema_namespaceObject = /*#__PURE__*/JSON.parse('{"EZ":{"v1/Pod":"io.k8s.api.core.v1.Pod","v1/PodTemplate":"io.k8s.api.core.v1.PodTemplate","v1/ReplicationController":"io.k8s.api.core.v1.ReplicationController","v1/Service":"io.k8s.api.core.v1.Service","apps/v1/Deployment":"io.k8s.api.apps.v1.Deployment","apps/v1/StatefulSet":"io.k8s.api.apps.v1.StatefulSet","apps/v1/DaemonSet":"io.k8s.api.apps.v1.DaemonSet","apps/v1/ReplicaSet":"io.k8s.api.apps.v1.ReplicaSet","batch/v1/Job":"io.k8s.api.batch.v1.Job","batch/v1/CronJob":"io.k8s.api.batch.v1.CronJob"},"gK":{"io.k8s.api.apps.v1.DaemonSet":{"fields":{"apiVersion":"string","kind":"string","metadata":"io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta","spec":"io.k8s.api.apps.v1.DaemonSetSpec","status":"io.k8s.api.apps.v1.DaemonSetStatus"}},"io.k8s.api.apps.v1.DaemonSetCondition":{"fields":{"lastTransitionTime":"time","message":"string","reason":"string","status":"string","type":"string"}},"io.k8s.api.apps.v1.DaemonSetSpec":{"fields":{"minReadySeconds":"int32","revisionHistoryLimit":"int32","selector":"io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector","template":"io.k8s.api.core.v1.PodTemplateSpec","updateStrategy":"io.k8s.api.apps.v1.DaemonSetUpdateStrategy"}},"io.k8s.api.apps.v1.DaemonSetStatus":{"fields":{"collisionCount":"int32","conditions":{"list":"io.k8s.api.apps.v1.DaemonSetCondition"},"currentNumberScheduled":"int32","desiredNumberScheduled":"int32","numberAvailable":"int32","numberMisscheduled":"int32","numberReady":"int32","numberUnavailable":"int32","observedGeneration":"int64","updatedNumberScheduled":"int32"}},"io.k8s.api.apps.v1.DaemonSetUpdateStrategy":{"fields":{"rollingUpdate":"io.k8s.api.apps.v1.RollingUpdateDaemonSet","type":"string"}},"io.k8s.api.apps.v1.Deployment":{"fields":{"apiVersion":"string","kind":"string","metadata":"io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta","spec":"io.k8s.api.apps.v1.DeploymentSpec","status":"io.k8s.api.apps.v1.DeploymentStatus"}},"io.k8s.api.apps.v1.DeploymentCondition":{"fields":{"lastTransitionTime":"time","lastUpdateTime":"time","message":"string","reason":"string","status":"string","type":"string"}},"io.k8s.api.apps.v1.DeploymentSpec":{"fields":{"minReadySeconds":"int32","paused":"boolean","progressDeadlineSeconds":"int32","replicas":"int32","revisionHistoryLimit":"int32","selector":"io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector","strategy":"io.k8s.api.apps.v1.DeploymentStrategy","template":"io.k8s.api.core.v1.PodTemplateSpec"}},"io.k8s.api.apps.v1.DeploymentStatus":{"fields":{"availableReplicas":"int32","collisionCount":"int32","conditions":{"list":"io.k8s.api.apps.v1.DeploymentCondition"},"observedGeneration":"int64","readyReplicas":"int32","replicas":"int32","terminatingReplicas":"int32","unavailableReplicas":"int32","updatedReplicas":"int32"}},"io.k8s.api.apps.v1.DeploymentStrategy":{"fields":{"rollingUpdate":"io.k8s.api.apps.v1.RollingUpdateDeployment","type":"string"}},"io.k8s.api.apps.v1.ReplicaSet":{"fields":{"apiVersion":"string","kind":"string","metadata":"io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta","spec":"io.k8s.api.apps.v1.ReplicaSetSpec","status":"io.k8s.api.apps.v1.ReplicaSetStatus"}},"io.k8s.api.apps.v1.ReplicaSetCondition":{"fields":{"lastTransitionTime":"time","message":"string","reason":"string","status":"string","type":"string"}},"io.k8s.api.apps.v1.ReplicaSetSpec":{"fields":{"minReadySeconds":"int32","replicas":"int32","selector":"io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector","template":"io.k8s.api.core.v1.PodTemplateSpec"}},"io.k8s.api.apps.v1.ReplicaSetStatus":{"fields":{"availableReplicas":"int32","conditions":{"list":"io.k8s.api.apps.v1.ReplicaSetCondition"},"fullyLabeledReplicas":"int32","observedGeneration":"int64","readyReplicas":"int32","replicas":"int32","terminatingReplicas":"int32"}},"io.k8s.api.apps.v1.RollingUpdateDaemonSet":{"fields":{"maxSurge":"int-or-string","maxUnavailable":"int-or-string"}},"io.k8s.api.apps.v1.RollingUpdateDeployment":{"fields":{"maxSurge":"int-or-string","maxUnavailable":"int-or-string"}},"io.k8s.api.apps.v1.RollingUpdateStatefulSetStrategy":{"fields":{"maxUnavailable":"int-or-string","partition":"int32"}},"io.k8s.api.apps.v1.StatefulSet":{"fields":{"apiVersion":"string","kind":"string","metadata":"io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta","spec":"io.k8s.api.apps.v1.StatefulSetSpec","status":"io.k8s.api.apps.v1.StatefulSetStatus"}},"io.k8s.api.apps.v1.StatefulSetCondition":{"fields":{"lastTransitionTime":"time","message":"string","reason":"string","status":"string","type":"string"}},"io.k8s.api.apps.v1.StatefulSetOrdinals":{"fields":{"start":"int32"}},"io.k8s.api.apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy":{"fields":{"whenDeleted":"string","whenScaled":"string"}},"io.k8s.api.apps.v1.StatefulSetSpec":{"fields":{"minReadySeconds":"int32","ordinals":"io.k8s.api.apps.v1.StatefulSetOrdinals","persistentVolumeClaimRetentionPolicy":"io.k8s.api.apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy","podManagementPolicy":"string","replicas":"int32","revisionHistoryLimit":"int32","selector":"io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector","serviceName":"string","template":"io.k8s.api.core.v1.PodTemplateSpec","updateStrategy":"io.k8s.api.apps.v1.StatefulSetUpdateStrategy","volumeClaimTemplates":{"list":"io.k8s.api.core.v1.PersistentVolumeClaim"}}},"io.k8s.api.apps.v1.StatefulSetStatus":{"fields":{"availableReplicas":"int32","collisionCount":"int32","conditions":{"list":"io.k8s.api.apps.v1.StatefulSetCondition"},"currentReplicas":"int32","currentRevision":"string","observedGeneration":"int64","readyReplicas":"int32","replicas":"int32","updateRevision":"string","updatedReplicas":"int32"}},"io.k8s.api.apps.v1.StatefulSetUpdateStrategy":{"fields":{"rollingUpdate":"io.k8s.api.apps.v1.RollingUpdateStatefulSetStrategy","type":"string"}},"io.k8s.api.batch.v1.CronJob":{"fields":{"apiVersion":"string","kind":"string","metadata":"io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta","spec":"io.k8s.api.batch.v1.CronJobSpec","status":"io.k8s.api.batch.v1.CronJobStatus"}},"io.k8s.api.batch.v1.CronJobSpec":{"fields":{"concurrencyPolicy":"string","failedJobsHistoryLimit":"int32","jobTemplate":"io.k8s.api.batch.v1.JobTemplateSpec","schedule":"string","startingDeadlineSeconds":"int64","successfulJobsHistoryLimit":"int32","suspend":"boolean","timeZone":"string"}},"io.k8s.api.batch.v1.CronJobStatus":{"fields":{"active":{"list":"io.k8s.api.core.v1.ObjectReference"},"lastScheduleTime":"time","lastSuccessfulTime":"time"}},"io.k8s.api.batch.v1.Job":{"fields":{"apiVersion":"string","kind":"string","metadata":"io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta","spec":"io.k8s.api.batch.v1.JobSpec","status":"io.k8s.api.batch.v1.JobStatus"}},"io.k8s.api.batch.v1.JobCondition":{"fields":{"lastProbeTime":"time","lastTransitionTime":"time","message":"string","reason":"string","status":"string","type":"string"}},"io.k8s.api.batch.v1.JobSchedulingConfiguration":{"fields":{"disruptionMode":"io.k8s.api.scheduling.v1alpha3.WorkloadPodGroupDisruptionMode","resourceClaims":{"list":"io.k8s.api.scheduling.v1alpha3.WorkloadPodGroupResourceClaim"},"schedulingConstraints":"io.k8s.api.scheduling.v1alpha3.WorkloadPodGroupSchedulingConstraints","schedulingPolicy":"io.k8s.api.scheduling.v1alpha3.WorkloadPodGroupSchedulingPolicy"}},"io.k8s.api.batch.v1.JobSpec":{"fields":{"activeDeadlineSeconds":"int64","backoffLimit":"int32","backoffLimitPerIndex":"int32","completionMode":"string","completions":"int32","managedBy":"string","manualSelector":"boolean","maxFailedIndexes":"int32","parallelism":"int32","podFailurePolicy":"io.k8s.api.batch.v1.PodFailurePolicy","podReplacementPolicy":"string","scheduling":"io.k8s.api.batch.v1.JobSchedulingConfiguration","selector":"io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector","successPolicy":"io.k8s.api.batch.v1.SuccessPolicy","suspend":"boolean","template":"io.k8s.api.core.v1.PodTemplateSpec","ttlSecondsAfterFinished":"int32"}},"io.k8s.api.batch.v1.JobStatus":{"fields":{"active":"int32","completedIndexes":"string","completionTime":"time","conditions":{"list":"io.k8s.api.batch.v1.JobCondition"},"failed":"int32","failedIndexes":"string","ready":"int32","startTime":"time","succeeded":"int32","terminating":"int32","uncountedTerminatedPods":"io.k8s.api.batch.v1.UncountedTerminatedPods"}},"io.k8s.api.batch.v1.JobTemplateSpec":{"fields":{"metadata":"io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta","spec":"io.k8s.api.batch.v1.JobSpec"}},"io.k8s.api.batch.v1.PodFailurePolicy":{"fields":{"rules":{"list":"io.k8s.api.batch.v1.PodFailurePolicyRule"}}},"io.k8s.api.batch.v1.PodFailurePolicyOnExitCodesRequirement":{"fields":{"containerName":"string","operator":"string","values":{"list":"int32"}}},"io.k8s.api.batch.v1.PodFailurePolicyOnPodConditionsPattern":{"fields":{"status":"string","type":"string"}},"io.k8s.api.batch.v1.PodFailurePolicyRule":{"fields":{"action":"string","onExitCodes":"io.k8s.api.batch.v1.PodFailurePolicyOnExitCodesRequirement","onPodConditions":{"list":"io.k8s.api.batch.v1.PodFailurePolicyOnPodConditionsPattern"}}},"io.k8s.api.batch.v1.SuccessPolicy":{"fields":{"rules":{"list":"io.k8s.api.batch.v1.SuccessPolicyRule"}}},"io.k8s.api.batch.v1.SuccessPolicyRule":{"fields":{"succeededCount":"int32","succeededIndexes":"string"}},"io.k8s.api.batch.v1.UncountedTerminatedPods":{"fields":{"failed":{"list":"string"},"succeeded":{"list":"string"}}},"io.k8s.api.core.v1.AWSElasticBlockStoreVolumeSource":{"fields":{"fsType":"string","partition":"int32","readOnly":"boolean","volumeID":"string"}},"io.k8s.api.core.v1.Affinity":{"fields":{"nodeAffinity":"io.k8s.api.core.v1.NodeAffinity","podAffinity":"io.k8s.api.core.v1.PodAffinity","podAntiAffinity":"io.k8s.api.core.v1.PodAntiAffinity"}},"io.k8s.api.core.v1.AppArmorProfile":{"fields":{"localhostProfile":"string","type":"string"}},"io.k8s.api.core.v1.AzureDiskVolumeSource":{"fields":{"cachingMode":"string","diskName":"string","diskURI":"string","fsType":"string","kind":"string","readOnly":"boolean"}},"io.k8s.api.core.v1.AzureFileVolumeSource":{"fields":{"readOnly":"boolean","secretName":"string","shareName":"string"}},"io.k8s.api.core.v1.CSIVolumeSource":{"fields":{"driver":"string","fsType":"string","nodePublishSecretRef":"io.k8s.api.core.v1.LocalObjectReference","readOnly":"boolean","volumeAttributes":{"values":"string"}}},"io.k8s.api.core.v1.Capabilities":{"fields":{"add":{"list":"string"},"drop":{"list":"string"}}},"io.k8s.api.core.v1.CephFSVolumeSource":{"fields":{"monitors":{"list":"string"},"path":"string","readOnly":"boolean","secretFile":"string","secretRef":"io.k8s.api.core.v1.LocalObjectReference","user":"string"}},"io.k8s.api.core.v1.CinderVolumeSource":{"fields":{"fsType":"string","readOnly":"boolean","secretRef":"io.k8s.api.core.v1.LocalObjectReference","volumeID":"string"}},"io.k8s.api.core.v1.ClientIPConfig":{"fields":{"timeoutSeconds":"int32"}},"io.k8s.api.core.v1.ClusterTrustBundleProjection":{"fields":{"labelSelector":"io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector","name":"string","optional":"boolean","path":"string","signerName":"string","user":"int64"}},"io.k8s.api.core.v1.ConfigMapEnvSource":{"fields":{"name":"string","optional":"boolean"}},"io.k8s.api.core.v1.ConfigMapKeySelector":{"fields":{"key":"string","name":"string","optional":"boolean"}},"io.k8s.api.core.v1.ConfigMapProjection":{"fields":{"items":{"list":"io.k8s.api.core.v1.KeyToPath"},"name":"string","optional":"boolean"}},"io.k8s.api.core.v1.ConfigMapVolumeSource":{"fields":{"defaultMode":"int32","defaultUser":"int64","items":{"list":"io.k8s.api.core.v1.KeyToPath"},"name":"string","optional":"boolean"}},"io.k8s.api.core.v1.Container":{"fields":{"args":{"list":"string"},"command":{"list":"string"},"env":{"list":"io.k8s.api.core.v1.EnvVar"},"envFrom":{"list":"io.k8s.api.core.v1.EnvFromSource"},"image":"string","imagePullPolicy":"string","lifecycle":"io.k8s.api.core.v1.Lifecycle","livenessProbe":"io.k8s.api.core.v1.Probe","name":"string","ports":{"list":"io.k8s.api.core.v1.ContainerPort"},"readinessProbe":"io.k8s.api.core.v1.Probe","resizePolicy":{"list":"io.k8s.api.core.v1.ContainerResizePolicy"},"resources":"io.k8s.api.core.v1.ResourceRequirements","restartPolicy":"string","restartPolicyRules":{"list":"io.k8s.api.core.v1.ContainerRestartRule"},"securityContext":"io.k8s.api.core.v1.SecurityContext","startupProbe":"io.k8s.api.core.v1.Probe","stdin":"boolean","stdinOnce":"boolean","terminationMessagePath":"string","terminationMessagePolicy":"string","tty":"boolean","volumeDevices":{"list":"io.k8s.api.core.v1.VolumeDevice"},"volumeMounts":{"list":"io.k8s.api.core.v1.VolumeMount"},"workingDir":"string"}},"io.k8s.api.core.v1.ContainerExtendedResourceRequest":{"fields":{"containerName":"string","requestName":"string","resourceName":"string"}},"io.k8s.api.core.v1.ContainerPort":{"fields":{"containerPort":"int32","hostIP":"string","hostPort":"int32","name":"string","protocol":"string"}},"io.k8s.api.core.v1.ContainerResizePolicy":{"fields":{"resourceName":"string","restartPolicy":"string"}},"io.k8s.api.core.v1.ContainerRestartRule":{"fields":{"action":"string","exitCodes":"io.k8s.api.core.v1.ContainerRestartRuleOnExitCodes"}},"io.k8s.api.core.v1.ContainerRestartRuleOnExitCodes":{"fields":{"operator":"string","values":{"list":"int32"}}},"io.k8s.api.core.v1.ContainerState":{"fields":{"running":"io.k8s.api.core.v1.ContainerStateRunning","terminated":"io.k8s.api.core.v1.ContainerStateTerminated","waiting":"io.k8s.api.core.v1.ContainerStateWaiting"}},"io.k8s.api.core.v1.ContainerStateRunning":{"fields":{"startedAt":"time"}},"io.k8s.api.core.v1.ContainerStateTerminated":{"fields":{"containerID":"string","exitCode":"int32","finishedAt":"time","message":"string","reason":"string","signal":"int32","startedAt":"time"}},"io.k8s.api.core.v1.ContainerStateWaiting":{"fields":{"message":"string","reason":"string"}},"io.k8s.api.core.v1.ContainerStatus":{"fields":{"allocatedResources":{"values":"quantity"},"allocatedResourcesStatus":{"list":"io.k8s.api.core.v1.ResourceStatus"},"containerID":"string","image":"string","imageID":"string","lastState":"io.k8s.api.core.v1.ContainerState","name":"string","ready":"boolean","resources":"io.k8s.api.core.v1.ResourceRequirements","restartCount":"int32","started":"boolean","state":"io.k8s.api.core.v1.ContainerState","stopSignal":"string","user":"io.k8s.api.core.v1.ContainerUser","volumeMounts":{"list":"io.k8s.api.core.v1.VolumeMountStatus"}}},"io.k8s.api.core.v1.ContainerUser":{"fields":{"linux":"io.k8s.api.core.v1.LinuxContainerUser"}},"io.k8s.api.core.v1.DownwardAPIProjection":{"fields":{"items":{"list":"io.k8s.api.core.v1.DownwardAPIVolumeFile"}}},"io.k8s.api.core.v1.DownwardAPIVolumeFile":{"fields":{"fieldRef":"io.k8s.api.core.v1.ObjectFieldSelector","mode":"int32","path":"string","resourceFieldRef":"io.k8s.api.core.v1.ResourceFieldSelector","user":"int64"}},"io.k8s.api.core.v1.DownwardAPIVolumeSource":{"fields":{"defaultMode":"int32","defaultUser":"int64","items":{"list":"io.k8s.api.core.v1.DownwardAPIVolumeFile"}}},"io.k8s.api.core.v1.EmptyDirVolumeSource":{"fields":{"medium":"string","mode":"int32","sizeLimit":"quantity"}},"io.k8s.api.core.v1.EnvFromSource":{"fields":{"configMapRef":"io.k8s.api.core.v1.ConfigMapEnvSource","prefix":"string","secretRef":"io.k8s.api.core.v1.SecretEnvSource"}},"io.k8s.api.core.v1.EnvVar":{"fields":{"name":"string","value":"string","valueFrom":"io.k8s.api.core.v1.EnvVarSource"}},"io.k8s.api.core.v1.EnvVarSource":{"fields":{"configMapKeyRef":"io.k8s.api.core.v1.ConfigMapKeySelector","fieldRef":"io.k8s.api.core.v1.ObjectFieldSelector","fileKeyRef":"io.k8s.api.core.v1.FileKeySelector","resourceFieldRef":"io.k8s.api.core.v1.ResourceFieldSelector","secretKeyRef":"io.k8s.api.core.v1.SecretKeySelector"}},"io.k8s.api.core.v1.EphemeralContainer":{"fields":{"args":{"list":"string"},"command":{"list":"string"},"env":{"list":"io.k8s.api.core.v1.EnvVar"},"envFrom":{"list":"io.k8s.api.core.v1.EnvFromSource"},"image":"string","imagePullPolicy":"string","lifecycle":"io.k8s.api.core.v1.Lifecycle","livenessProbe":"io.k8s.api.core.v1.Probe","name":"string","ports":{"list":"io.k8s.api.core.v1.ContainerPort"},"readinessProbe":"io.k8s.api.core.v1.Probe","resizePolicy":{"list":"io.k8s.api.core.v1.ContainerResizePolicy"},"resources":"io.k8s.api.core.v1.ResourceRequirements","restartPolicy":"string","restartPolicyRules":{"list":"io.k8s.api.core.v1.ContainerRestartRule"},"securityContext":"io.k8s.api.core.v1.SecurityContext","startupProbe":"io.k8s.api.core.v1.Probe","stdin":"boolean","stdinOnce":"boolean","targetContainerName":"string","terminationMessagePath":"string","terminationMessagePolicy":"string","tty":"boolean","volumeDevices":{"list":"io.k8s.api.core.v1.VolumeDevice"},"volumeMounts":{"list":"io.k8s.api.core.v1.VolumeMount"},"workingDir":"string"}},"io.k8s.api.core.v1.EphemeralVolumeSource":{"fields":{"volumeClaimTemplate":"io.k8s.api.core.v1.PersistentVolumeClaimTemplate"}},"io.k8s.api.core.v1.EvictionResponder":{"fields":{"name":"string","priority":"int32"}},"io.k8s.api.core.v1.ExecAction":{"fields":{"command":{"list":"string"}}},"io.k8s.api.core.v1.FCVolumeSource":{"fields":{"fsType":"string","lun":"int32","readOnly":"boolean","targetWWNs":{"list":"string"},"wwids":{"list":"string"}}},"io.k8s.api.core.v1.FileKeySelector":{"fields":{"key":"string","optional":"boolean","path":"string","volumeName":"string"}},"io.k8s.api.core.v1.FlexVolumeSource":{"fields":{"driver":"string","fsType":"string","options":{"values":"string"},"readOnly":"boolean","secretRef":"io.k8s.api.core.v1.LocalObjectReference"}},"io.k8s.api.core.v1.FlockerVolumeSource":{"fields":{"datasetName":"string","datasetUUID":"string"}},"io.k8s.api.core.v1.GCEPersistentDiskVolumeSource":{"fields":{"fsType":"string","partition":"int32","pdName":"string","readOnly":"boolean"}},"io.k8s.api.core.v1.GRPCAction":{"fields":{"mode":"string","port":"int32","service":"string"}},"io.k8s.api.core.v1.GitRepoVolumeSource":{"fields":{"directory":"string","repository":"string","revision":"string"}},"io.k8s.api.core.v1.GlusterfsVolumeSource":{"fields":{"endpoints":"string","path":"string","readOnly":"boolean"}},"io.k8s.api.core.v1.HTTPGetAction":{"fields":{"host":"string","httpHeaders":{"list":"io.k8s.api.core.v1.HTTPHeader"},"path":"string","port":"int-or-string","protocol":"string","scheme":"string"}},"io.k8s.api.core.v1.HTTPHeader":{"fields":{"name":"string","value":"string"}},"io.k8s.api.core.v1.HostAlias":{"fields":{"hostnames":{"list":"string"},"ip":"string"}},"io.k8s.api.core.v1.HostIP":{"fields":{"ip":"string"}},"io.k8s.api.core.v1.HostPathVolumeSource":{"fields":{"path":"string","type":"string"}},"io.k8s.api.core.v1.ISCSIVolumeSource":{"fields":{"chapAuthDiscovery":"boolean","chapAuthSession":"boolean","fsType":"string","initiatorName":"string","iqn":"string","iscsiInterface":"string","lun":"int32","portals":{"list":"string"},"readOnly":"boolean","secretRef":"io.k8s.api.core.v1.LocalObjectReference","targetPortal":"string"}},"io.k8s.api.core.v1.ImageVolumeSource":{"fields":{"pullPolicy":"string","reference":"string"}},"io.k8s.api.core.v1.ImageVolumeStatus":{"fields":{"imageRef":"string"}},"io.k8s.api.core.v1.KeyToPath":{"fields":{"key":"string","mode":"int32","path":"string","user":"int64"}},"io.k8s.api.core.v1.Lifecycle":{"fields":{"postStart":"io.k8s.api.core.v1.LifecycleHandler","preStop":"io.k8s.api.core.v1.LifecycleHandler","stopSignal":"string"}},"io.k8s.api.core.v1.LifecycleHandler":{"fields":{"exec":"io.k8s.api.core.v1.ExecAction","httpGet":"io.k8s.api.core.v1.HTTPGetAction","sleep":"io.k8s.api.core.v1.SleepAction","tcpSocket":"io.k8s.api.core.v1.TCPSocketAction"}},"io.k8s.api.core.v1.LinuxContainerUser":{"fields":{"gid":"int64","supplementalGroups":{"list":"int64"},"uid":"int64"}},"io.k8s.api.core.v1.LoadBalancerIngress":{"fields":{"hostname":"string","ip":"string","ipMode":"string","ports":{"list":"io.k8s.api.core.v1.PortStatus"}}},"io.k8s.api.core.v1.LoadBalancerStatus":{"fields":{"ingress":{"list":"io.k8s.api.core.v1.LoadBalancerIngress"}}},"io.k8s.api.core.v1.LocalObjectReference":{"fields":{"name":"string"}},"io.k8s.api.core.v1.ModifyVolumeStatus":{"fields":{"status":"string","targetVolumeAttributesClassName":"string"}},"io.k8s.api.core.v1.NFSVolumeSource":{"fields":{"path":"string","readOnly":"boolean","server":"string"}},"io.k8s.api.core.v1.NodeAffinity":{"fields":{"preferredDuringSchedulingIgnoredDuringExecution":{"list":"io.k8s.api.core.v1.PreferredSchedulingTerm"},"requiredDuringSchedulingIgnoredDuringExecution":"io.k8s.api.core.v1.NodeSelector"}},"io.k8s.api.core.v1.NodeAllocatableMappedResources":{"fields":{"name":"string","quantity":"quantity"}},"io.k8s.api.core.v1.NodeAllocatableOverheadResources":{"fields":{"name":"string","perContainer":"quantity","perPod":"quantity"}},"io.k8s.api.core.v1.NodeAllocatableResourceClaimStatus":{"fields":{"containers":{"list":"string"},"mapping":{"list":"io.k8s.api.core.v1.NodeAllocatableMappedResources"},"overhead":{"list":"io.k8s.api.core.v1.NodeAllocatableOverheadResources"},"resourceClaimName":"string"}},"io.k8s.api.core.v1.NodeSelector":{"fields":{"nodeSelectorTerms":{"list":"io.k8s.api.core.v1.NodeSelectorTerm"}}},"io.k8s.api.core.v1.NodeSelectorRequirement":{"fields":{"key":"string","operator":"string","values":{"list":"string"}}},"io.k8s.api.core.v1.NodeSelectorTerm":{"fields":{"matchExpressions":{"list":"io.k8s.api.core.v1.NodeSelectorRequirement"},"matchFields":{"list":"io.k8s.api.core.v1.NodeSelectorRequirement"}}},"io.k8s.api.core.v1.ObjectFieldSelector":{"fields":{"apiVersion":"string","fieldPath":"string"}},"io.k8s.api.core.v1.ObjectReference":{"fields":{"apiVersion":"string","fieldPath":"string","kind":"string","name":"string","namespace":"string","resourceVersion":"string","uid":"string"}},"io.k8s.api.core.v1.PersistentVolumeClaim":{"fields":{"apiVersion":"string","kind":"string","metadata":"io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta","spec":"io.k8s.api.core.v1.PersistentVolumeClaimSpec","status":"io.k8s.api.core.v1.PersistentVolumeClaimStatus"}},"io.k8s.api.core.v1.PersistentVolumeClaimCondition":{"fields":{"lastProbeTime":"time","lastTransitionTime":"time","message":"string","reason":"string","status":"string","type":"string"}},"io.k8s.api.core.v1.PersistentVolumeClaimSpec":{"fields":{"accessModes":{"list":"string"},"dataSource":"io.k8s.api.core.v1.TypedLocalObjectReference","dataSourceRef":"io.k8s.api.core.v1.TypedObjectReference","resources":"io.k8s.api.core.v1.VolumeResourceRequirements","selector":"io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector","storageClassName":"string","volumeAttributesClassName":"string","volumeMode":"string","volumeName":"string"}},"io.k8s.api.core.v1.PersistentVolumeClaimStatus":{"fields":{"accessModes":{"list":"string"},"allocatedResourceStatuses":{"values":"string"},"allocatedResources":{"values":"quantity"},"capacity":{"values":"quantity"},"conditions":{"list":"io.k8s.api.core.v1.PersistentVolumeClaimCondition"},"currentVolumeAttributesClassName":"string","healthStatus":"io.k8s.api.core.v1.VolumeHealthStatus","modifyVolumeStatus":"io.k8s.api.core.v1.ModifyVolumeStatus","phase":"string"}},"io.k8s.api.core.v1.PersistentVolumeClaimTemplate":{"fields":{"metadata":"io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta","spec":"io.k8s.api.core.v1.PersistentVolumeClaimSpec"}},"io.k8s.api.core.v1.PersistentVolumeClaimVolumeSource":{"fields":{"claimName":"string","readOnly":"boolean"}},"io.k8s.api.core.v1.PhotonPersistentDiskVolumeSource":{"fields":{"fsType":"string","pdID":"string"}},"io.k8s.api.core.v1.Pod":{"fields":{"apiVersion":"string","kind":"string","metadata":"io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta","spec":"io.k8s.api.core.v1.PodSpec","status":"io.k8s.api.core.v1.PodStatus"}},"io.k8s.api.core.v1.PodAffinity":{"fields":{"preferredDuringSchedulingIgnoredDuringExecution":{"list":"io.k8s.api.core.v1.WeightedPodAffinityTerm"},"requiredDuringSchedulingIgnoredDuringExecution":{"list":"io.k8s.api.core.v1.PodAffinityTerm"}}},"io.k8s.api.core.v1.PodAffinityTerm":{"fields":{"labelSelector":"io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector","matchLabelKeys":{"list":"string"},"mismatchLabelKeys":{"list":"string"},"namespaceSelector":"io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector","namespaces":{"list":"string"},"topologyKey":"string"}},"io.k8s.api.core.v1.PodAntiAffinity":{"fields":{"preferredDuringSchedulingIgnoredDuringExecution":{"list":"io.k8s.api.core.v1.WeightedPodAffinityTerm"},"requiredDuringSchedulingIgnoredDuringExecution":{"list":"io.k8s.api.core.v1.PodAffinityTerm"}}},"io.k8s.api.core.v1.PodCertificateProjection":{"fields":{"certificateChainPath":"string","credentialBundlePath":"string","keyPath":"string","keyType":"string","maxExpirationSeconds":"int32","signerName":"string","user":"int64","userAnnotations":{"values":"string"}}},"io.k8s.api.core.v1.PodCondition":{"fields":{"lastProbeTime":"time","lastTransitionTime":"time","message":"string","observedGeneration":"int64","reason":"string","status":"string","type":"string"}},"io.k8s.api.core.v1.PodDNSConfig":{"fields":{"nameservers":{"list":"string"},"options":{"list":"io.k8s.api.core.v1.PodDNSConfigOption"},"searches":{"list":"string"}}},"io.k8s.api.core.v1.PodDNSConfigOption":{"fields":{"name":"string","value":"string"}},"io.k8s.api.core.v1.PodExtendedResourceClaimStatus":{"fields":{"requestMappings":{"list":"io.k8s.api.core.v1.ContainerExtendedResourceRequest"},"resourceClaimName":"string"}},"io.k8s.api.core.v1.PodIP":{"fields":{"ip":"string"}},"io.k8s.api.core.v1.PodOS":{"fields":{"name":"string"}},"io.k8s.api.core.v1.PodReadinessGate":{"fields":{"conditionType":"string"}},"io.k8s.api.core.v1.PodResourceClaim":{"fields":{"name":"string","resourceClaimName":"string","resourceClaimTemplateName":"string"}},"io.k8s.api.core.v1.PodResourceClaimStatus":{"fields":{"name":"string","resourceClaimName":"string"}},"io.k8s.api.core.v1.PodSchedulingGate":{"fields":{"name":"string"}},"io.k8s.api.core.v1.PodSchedulingGroup":{"fields":{"podGroupName":"string"}},"io.k8s.api.core.v1.PodSecurityContext":{"fields":{"appArmorProfile":"io.k8s.api.core.v1.AppArmorProfile","fsGroup":"int64","fsGroupChangePolicy":"string","runAsGroup":"int64","runAsNonRoot":"boolean","runAsUser":"int64","seLinuxChangePolicy":"string","seLinuxOptions":"io.k8s.api.core.v1.SELinuxOptions","seccompProfile":"io.k8s.api.core.v1.SeccompProfile","supplementalGroups":{"list":"int64"},"supplementalGroupsPolicy":"string","sysctls":{"list":"io.k8s.api.core.v1.Sysctl"},"windowsOptions":"io.k8s.api.core.v1.WindowsSecurityContextOptions"}},"io.k8s.api.core.v1.PodSpec":{"fields":{"activeDeadlineSeconds":"int64","affinity":"io.k8s.api.core.v1.Affinity","automountServiceAccountToken":"boolean","containers":{"list":"io.k8s.api.core.v1.Container"},"dnsConfig":"io.k8s.api.core.v1.PodDNSConfig","dnsPolicy":"string","enableServiceLinks":"boolean","ephemeralContainers":{"list":"io.k8s.api.core.v1.EphemeralContainer"},"evictionResponders":{"list":"io.k8s.api.core.v1.EvictionResponder"},"hostAliases":{"list":"io.k8s.api.core.v1.HostAlias"},"hostIPC":"boolean","hostNetwork":"boolean","hostPID":"boolean","hostUsers":"boolean","hostname":"string","hostnameOverride":"string","imagePullSecrets":{"list":"io.k8s.api.core.v1.LocalObjectReference"},"initContainers":{"list":"io.k8s.api.core.v1.Container"},"nodeName":"string","nodeSelector":{"values":"string"},"os":"io.k8s.api.core.v1.PodOS","overhead":{"values":"quantity"},"preemptionPolicy":"string","priority":"int32","priorityClassName":"string","readinessGates":{"list":"io.k8s.api.core.v1.PodReadinessGate"},"resourceClaims":{"list":"io.k8s.api.core.v1.PodResourceClaim"},"resources":"io.k8s.api.core.v1.ResourceRequirements","restartPolicy":"string","runtimeClassName":"string","schedulerName":"string","schedulingGates":{"list":"io.k8s.api.core.v1.PodSchedulingGate"},"schedulingGroup":"io.k8s.api.core.v1.PodSchedulingGroup","securityContext":"io.k8s.api.core.v1.PodSecurityContext","serviceAccount":"string","serviceAccountName":"string","setHostnameAsFQDN":"boolean","shareProcessNamespace":"boolean","subdomain":"string","terminationGracePeriodSeconds":"int64","tolerations":{"list":"io.k8s.api.core.v1.Toleration"},"topologySpreadConstraints":{"list":"io.k8s.api.core.v1.TopologySpreadConstraint"},"volumes":{"list":"io.k8s.api.core.v1.Volume"}}},"io.k8s.api.core.v1.PodStatus":{"fields":{"allocatedResources":{"values":"quantity"},"conditions":{"list":"io.k8s.api.core.v1.PodCondition"},"containerStatuses":{"list":"io.k8s.api.core.v1.ContainerStatus"},"ephemeralContainerStatuses":{"list":"io.k8s.api.core.v1.ContainerStatus"},"extendedResourceClaimStatus":"io.k8s.api.core.v1.PodExtendedResourceClaimStatus","hostIP":"string","hostIPs":{"list":"io.k8s.api.core.v1.HostIP"},"initContainerStatuses":{"list":"io.k8s.api.core.v1.ContainerStatus"},"message":"string","nodeAllocatableResourceClaimStatuses":{"list":"io.k8s.api.core.v1.NodeAllocatableResourceClaimStatus"},"nominatedNodeName":"string","observedGeneration":"int64","phase":"string","podIP":"string","podIPs":{"list":"io.k8s.api.core.v1.PodIP"},"qosClass":"string","reason":"string","resize":"string","resourceClaimStatuses":{"list":"io.k8s.api.core.v1.PodResourceClaimStatus"},"resources":"io.k8s.api.core.v1.ResourceRequirements","startTime":"time","volumeHealth":{"list":"io.k8s.api.core.v1.PodVolumeHealth"}}},"io.k8s.api.core.v1.PodTemplate":{"fields":{"apiVersion":"string","kind":"string","metadata":"io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta","template":"io.k8s.api.core.v1.PodTemplateSpec"}},"io.k8s.api.core.v1.PodTemplateSpec":{"fields":{"metadata":"io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta","spec":"io.k8s.api.core.v1.PodSpec"}},"io.k8s.api.core.v1.PodVolumeHealth":{"fields":{"healthConditions":{"list":"io.k8s.api.core.v1.VolumeHealthCondition"},"lastTransitionTime":"time","name":"string"}},"io.k8s.api.core.v1.PortStatus":{"fields":{"error":"string","port":"int32","protocol":"string"}},"io.k8s.api.core.v1.PortworxVolumeSource":{"fields":{"fsType":"string","readOnly":"boolean","volumeID":"string"}},"io.k8s.api.core.v1.PreferredSchedulingTerm":{"fields":{"preference":"io.k8s.api.core.v1.NodeSelectorTerm","weight":"int32"}},"io.k8s.api.core.v1.Probe":{"fields":{"exec":"io.k8s.api.core.v1.ExecAction","failureThreshold":"int32","grpc":"io.k8s.api.core.v1.GRPCAction","httpGet":"io.k8s.api.core.v1.HTTPGetAction","initialDelaySeconds":"int32","periodSeconds":"int32","successThreshold":"int32","tcpSocket":"io.k8s.api.core.v1.TCPSocketAction","terminationGracePeriodSeconds":"int64","timeoutSeconds":"int32"}},"io.k8s.api.core.v1.ProjectedVolumeSource":{"fields":{"defaultMode":"int32","defaultUser":"int64","sources":{"list":"io.k8s.api.core.v1.VolumeProjection"}}},"io.k8s.api.core.v1.QuobyteVolumeSource":{"fields":{"group":"string","readOnly":"boolean","registry":"string","tenant":"string","user":"string","volume":"string"}},"io.k8s.api.core.v1.RBDVolumeSource":{"fields":{"fsType":"string","image":"string","keyring":"string","monitors":{"list":"string"},"pool":"string","readOnly":"boolean","secretRef":"io.k8s.api.core.v1.LocalObjectReference","user":"string"}},"io.k8s.api.core.v1.ReplicationController":{"fields":{"apiVersion":"string","kind":"string","metadata":"io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta","spec":"io.k8s.api.core.v1.ReplicationControllerSpec","status":"io.k8s.api.core.v1.ReplicationControllerStatus"}},"io.k8s.api.core.v1.ReplicationControllerCondition":{"fields":{"lastTransitionTime":"time","message":"string","reason":"string","status":"string","type":"string"}},"io.k8s.api.core.v1.ReplicationControllerSpec":{"fields":{"minReadySeconds":"int32","replicas":"int32","selector":{"values":"string"},"template":"io.k8s.api.core.v1.PodTemplateSpec"}},"io.k8s.api.core.v1.ReplicationControllerStatus":{"fields":{"availableReplicas":"int32","conditions":{"list":"io.k8s.api.core.v1.ReplicationControllerCondition"},"fullyLabeledReplicas":"int32","observedGeneration":"int64","readyReplicas":"int32","replicas":"int32"}},"io.k8s.api.core.v1.ResourceClaim":{"fields":{"name":"string","request":"string"}},"io.k8s.api.core.v1.ResourceFieldSelector":{"fields":{"containerName":"string","divisor":"quantity","resource":"string"}},"io.k8s.api.core.v1.ResourceHealth":{"fields":{"health":"string","message":"string","resourceID":"string"}},"io.k8s.api.core.v1.ResourceRequirements":{"fields":{"claims":{"list":"io.k8s.api.core.v1.ResourceClaim"},"limits":{"values":"quantity"},"requests":{"values":"quantity"}}},"io.k8s.api.core.v1.ResourceStatus":{"fields":{"name":"string","resources":{"list":"io.k8s.api.core.v1.ResourceHealth"}}},"io.k8s.api.core.v1.SELinuxOptions":{"fields":{"level":"string","role":"string","type":"string","user":"string"}},"io.k8s.api.core.v1.ScaleIOVolumeSource":{"fields":{"fsType":"string","gateway":"string","protectionDomain":"string","readOnly":"boolean","secretRef":"io.k8s.api.core.v1.LocalObjectReference","sslEnabled":"boolean","storageMode":"string","storagePool":"string","system":"string","volumeName":"string"}},"io.k8s.api.core.v1.SeccompProfile":{"fields":{"localhostProfile":"string","type":"string"}},"io.k8s.api.core.v1.SecretEnvSource":{"fields":{"name":"string","optional":"boolean"}},"io.k8s.api.core.v1.SecretKeySelector":{"fields":{"key":"string","name":"string","optional":"boolean"}},"io.k8s.api.core.v1.SecretProjection":{"fields":{"items":{"list":"io.k8s.api.core.v1.KeyToPath"},"name":"string","optional":"boolean"}},"io.k8s.api.core.v1.SecretVolumeSource":{"fields":{"defaultMode":"int32","defaultUser":"int64","items":{"list":"io.k8s.api.core.v1.KeyToPath"},"optional":"boolean","secretName":"string"}},"io.k8s.api.core.v1.SecurityContext":{"fields":{"allowPrivilegeEscalation":"boolean","appArmorProfile":"io.k8s.api.core.v1.AppArmorProfile","capabilities":"io.k8s.api.core.v1.Capabilities","privileged":"boolean","procMount":"string","readOnlyRootFilesystem":"boolean","runAsGroup":"int64","runAsNonRoot":"boolean","runAsUser":"int64","seLinuxOptions":"io.k8s.api.core.v1.SELinuxOptions","seccompProfile":"io.k8s.api.core.v1.SeccompProfile","windowsOptions":"io.k8s.api.core.v1.WindowsSecurityContextOptions"}},"io.k8s.api.core.v1.Service":{"fields":{"apiVersion":"string","kind":"string","metadata":"io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta","spec":"io.k8s.api.core.v1.ServiceSpec","status":"io.k8s.api.core.v1.ServiceStatus"}},"io.k8s.api.core.v1.ServiceAccountTokenProjection":{"fields":{"audience":"string","expirationSeconds":"int64","path":"string","user":"int64"}},"io.k8s.api.core.v1.ServicePort":{"fields":{"appProtocol":"string","name":"string","nodePort":"int32","port":"int32","protocol":"string","targetPort":"int-or-string"}},"io.k8s.api.core.v1.ServiceSpec":{"fields":{"allocateLoadBalancerNodePorts":"boolean","clusterIP":"string","clusterIPs":{"list":"string"},"externalIPs":{"list":"string"},"externalName":"string","externalTrafficPolicy":"string","healthCheckNodePort":"int32","internalTrafficPolicy":"string","ipFamilies":{"list":"string"},"ipFamilyPolicy":"string","loadBalancerClass":"string","loadBalancerIP":"string","loadBalancerSourceRanges":{"list":"string"},"ports":{"list":"io.k8s.api.core.v1.ServicePort"},"publishNotReadyAddresses":"boolean","selector":{"values":"string"},"sessionAffinity":"string","sessionAffinityConfig":"io.k8s.api.core.v1.SessionAffinityConfig","trafficDistribution":"string","type":"string"}},"io.k8s.api.core.v1.ServiceStatus":{"fields":{"conditions":{"list":"io.k8s.apimachinery.pkg.apis.meta.v1.Condition"},"loadBalancer":"io.k8s.api.core.v1.LoadBalancerStatus"}},"io.k8s.api.core.v1.SessionAffinityConfig":{"fields":{"clientIP":"io.k8s.api.core.v1.ClientIPConfig"}},"io.k8s.api.core.v1.SleepAction":{"fields":{"seconds":"int64"}},"io.k8s.api.core.v1.StorageOSVolumeSource":{"fields":{"fsType":"string","readOnly":"boolean","secretRef":"io.k8s.api.core.v1.LocalObjectReference","volumeName":"string","volumeNamespace":"string"}},"io.k8s.api.core.v1.Sysctl":{"fields":{"name":"string","value":"string"}},"io.k8s.api.core.v1.TCPSocketAction":{"fields":{"host":"string","port":"int-or-string"}},"io.k8s.api.core.v1.Toleration":{"fields":{"effect":"string","key":"string","operator":"string","tolerationSeconds":"int64","value":"string"}},"io.k8s.api.core.v1.TopologySpreadConstraint":{"fields":{"labelSelector":"io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector","matchLabelKeys":{"list":"string"},"maxSkew":"int32","minDomains":"int32","nodeAffinityPolicy":"string","nodeTaintsPolicy":"string","topologyKey":"string","whenUnsatisfiable":"string"}},"io.k8s.api.core.v1.TypedLocalObjectReference":{"fields":{"apiGroup":"string","kind":"string","name":"string"}},"io.k8s.api.core.v1.TypedObjectReference":{"fields":{"apiGroup":"string","kind":"string","name":"string","namespace":"string"}},"io.k8s.api.core.v1.Volume":{"fields":{"awsElasticBlockStore":"io.k8s.api.core.v1.AWSElasticBlockStoreVolumeSource","azureDisk":"io.k8s.api.core.v1.AzureDiskVolumeSource","azureFile":"io.k8s.api.core.v1.AzureFileVolumeSource","cephfs":"io.k8s.api.core.v1.CephFSVolumeSource","cinder":"io.k8s.api.core.v1.CinderVolumeSource","configMap":"io.k8s.api.core.v1.ConfigMapVolumeSource","csi":"io.k8s.api.core.v1.CSIVolumeSource","downwardAPI":"io.k8s.api.core.v1.DownwardAPIVolumeSource","emptyDir":"io.k8s.api.core.v1.EmptyDirVolumeSource","ephemeral":"io.k8s.api.core.v1.EphemeralVolumeSource","fc":"io.k8s.api.core.v1.FCVolumeSource","flexVolume":"io.k8s.api.core.v1.FlexVolumeSource","flocker":"io.k8s.api.core.v1.FlockerVolumeSource","gcePersistentDisk":"io.k8s.api.core.v1.GCEPersistentDiskVolumeSource","gitRepo":"io.k8s.api.core.v1.GitRepoVolumeSource","glusterfs":"io.k8s.api.core.v1.GlusterfsVolumeSource","hostPath":"io.k8s.api.core.v1.HostPathVolumeSource","image":"io.k8s.api.core.v1.ImageVolumeSource","iscsi":"io.k8s.api.core.v1.ISCSIVolumeSource","name":"string","nfs":"io.k8s.api.core.v1.NFSVolumeSource","persistentVolumeClaim":"io.k8s.api.core.v1.PersistentVolumeClaimVolumeSource","photonPersistentDisk":"io.k8s.api.core.v1.PhotonPersistentDiskVolumeSource","portworxVolume":"io.k8s.api.core.v1.PortworxVolumeSource","projected":"io.k8s.api.core.v1.ProjectedVolumeSource","quobyte":"io.k8s.api.core.v1.QuobyteVolumeSource","rbd":"io.k8s.api.core.v1.RBDVolumeSource","scaleIO":"io.k8s.api.core.v1.ScaleIOVolumeSource","secret":"io.k8s.api.core.v1.SecretVolumeSource","storageos":"io.k8s.api.core.v1.StorageOSVolumeSource","vsphereVolume":"io.k8s.api.core.v1.VsphereVirtualDiskVolumeSource"}},"io.k8s.api.core.v1.VolumeDevice":{"fields":{"devicePath":"string","name":"string"}},"io.k8s.api.core.v1.VolumeHealthCondition":{"fields":{"message":"string","reason":"string","status":"string"}},"io.k8s.api.core.v1.VolumeHealthStatus":{"fields":{"healthConditions":{"list":"io.k8s.api.core.v1.VolumeHealthCondition"},"lastTransitionTime":"time"}},"io.k8s.api.core.v1.VolumeMount":{"fields":{"bindMountOptions":{"list":"string"},"mountPath":"string","mountPropagation":"string","name":"string","readOnly":"boolean","recursiveReadOnly":"string","subPath":"string","subPathExpr":"string"}},"io.k8s.api.core.v1.VolumeMountStatus":{"fields":{"mountPath":"string","name":"string","readOnly":"boolean","recursiveReadOnly":"string","volumeStatus":"io.k8s.api.core.v1.VolumeStatus"}},"io.k8s.api.core.v1.VolumeProjection":{"fields":{"clusterTrustBundle":"io.k8s.api.core.v1.ClusterTrustBundleProjection","configMap":"io.k8s.api.core.v1.ConfigMapProjection","downwardAPI":"io.k8s.api.core.v1.DownwardAPIProjection","podCertificate":"io.k8s.api.core.v1.PodCertificateProjection","secret":"io.k8s.api.core.v1.SecretProjection","serviceAccountToken":"io.k8s.api.core.v1.ServiceAccountTokenProjection"}},"io.k8s.api.core.v1.VolumeResourceRequirements":{"fields":{"limits":{"values":"quantity"},"requests":{"values":"quantity"}}},"io.k8s.api.core.v1.VolumeStatus":{"fields":{"image":"io.k8s.api.core.v1.ImageVolumeStatus"}},"io.k8s.api.core.v1.VsphereVirtualDiskVolumeSource":{"fields":{"fsType":"string","storagePolicyID":"string","storagePolicyName":"string","volumePath":"string"}},"io.k8s.api.core.v1.WeightedPodAffinityTerm":{"fields":{"podAffinityTerm":"io.k8s.api.core.v1.PodAffinityTerm","weight":"int32"}},"io.k8s.api.core.v1.WindowsSecurityContextOptions":{"fields":{"gmsaCredentialSpec":"string","gmsaCredentialSpecName":"string","hostProcess":"boolean","runAsUserName":"string"}},"io.k8s.api.scheduling.v1alpha3.TopologyConstraint":{"fields":{"key":"string"}},"io.k8s.api.scheduling.v1alpha3.WorkloadPodGroupAllDisruptionMode":{"fields":{}},"io.k8s.api.scheduling.v1alpha3.WorkloadPodGroupBasicSchedulingPolicy":{"fields":{}},"io.k8s.api.scheduling.v1alpha3.WorkloadPodGroupDisruptionMode":{"fields":{"all":"io.k8s.api.scheduling.v1alpha3.WorkloadPodGroupAllDisruptionMode","single":"io.k8s.api.scheduling.v1alpha3.WorkloadPodGroupSingleDisruptionMode"}},"io.k8s.api.scheduling.v1alpha3.WorkloadPodGroupGangSchedulingPolicy":{"fields":{"minCount":"int32"}},"io.k8s.api.scheduling.v1alpha3.WorkloadPodGroupResourceClaim":{"fields":{"name":"string","resourceClaimName":"string","resourceClaimTemplateName":"string"}},"io.k8s.api.scheduling.v1alpha3.WorkloadPodGroupSchedulingConstraints":{"fields":{"topology":{"list":"io.k8s.api.scheduling.v1alpha3.TopologyConstraint"}}},"io.k8s.api.scheduling.v1alpha3.WorkloadPodGroupSchedulingPolicy":{"fields":{"basic":"io.k8s.api.scheduling.v1alpha3.WorkloadPodGroupBasicSchedulingPolicy","gang":"io.k8s.api.scheduling.v1alpha3.WorkloadPodGroupGangSchedulingPolicy"}},"io.k8s.api.scheduling.v1alpha3.WorkloadPodGroupSingleDisruptionMode":{"fields":{}},"io.k8s.apimachinery.pkg.apis.meta.v1.Condition":{"fields":{"lastTransitionTime":"time","message":"string","observedGeneration":"int64","reason":"string","status":"string","type":"string"}},"io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector":{"fields":{"matchExpressions":{"list":"io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement"},"matchLabels":{"values":"string"}}},"io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement":{"fields":{"key":"string","operator":"string","values":{"list":"string"}}},"io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry":{"fields":{"apiVersion":"string","fieldsType":"string","fieldsV1":"any","manager":"string","operation":"string","subresource":"string","time":"time"}},"io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta":{"fields":{"annotations":{"values":"string"},"creationTimestamp":"time","deletionGracePeriodSeconds":"int64","deletionTimestamp":"time","finalizers":{"list":"string"},"generateName":"string","generation":"int64","labels":{"values":"string"},"managedFields":{"list":"io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry"},"name":"string","namespace":"string","ownerReferences":{"list":"io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference"},"resourceVersion":"string","selfLink":"string","uid":"string"}},"io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference":{"fields":{"apiVersion":"string","blockOwnerDeletion":"boolean","controller":"boolean","kind":"string","name":"string","uid":"string"}}}}');
;// CONCATENATED MODULE: ./src/fix/schema.ts
/**
 * Kubernetes API schema validation of one manifest document, as the API server's strict field
 * validation decodes it into the Go types: unknown and duplicate fields and values of the wrong
 * type are errors. The schema (kubernetes-schema.json, written by scripts/gen-k8s-schema.mjs from
 * client-go's typed schema) covers the kinds the fix engine edits; other kinds are not checked.
 * test/fix/schema-differential.test.ts compares it with the real decoder (tools/prometheus/k8s-decode).
 */



const TYPES = kubernetes_schema_namespaceObject.gK;
const KINDS = kubernetes_schema_namespaceObject.EZ;
const INT32 = 2 ** 31;
const INT64 = 2 ** 63;
const WANTED = {
    string: 'a string',
    boolean: 'a boolean',
    int32: 'a 32-bit integer',
    int64: 'an integer',
    number: 'a number',
    quantity: 'a quantity (a number or a string such as 100m or 1Gi)',
    time: 'an RFC 3339 time string',
    'int-or-string': 'a 32-bit integer or a string'
};
/**
 * The white space Go's strings.TrimSpace takes off a quantity that JSON encoding leaves unescaped
 * (it escapes control characters, U+2028 and U+2029).
 */
const GO_TRIMMED_SPACE = /^[ \u0085\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+|[ \u0085\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+$/g;
/** RFC 3339 as Go's time.Parse reads it; the ranges are checked after. */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))$/;
/**
 * Why the API server's strict decoding would refuse the document (one YAML document's text), each
 * reason naming the field path; empty when it would accept it, or when its apiVersion and kind are
 * outside the schema. `document` is the text as Kubernetes reads it, when the caller has read it.
 */
function schemaErrors(documentText, document = (0,kube_yaml/* readKubeYaml */.X2)(documentText).next().value ?? undefined) {
    if (!document || document.error)
        return [`the document cannot be read: ${document?.error?.message ?? 'it is empty'}`];
    const value = document.value;
    const typeName = KINDS[`${String(value?.apiVersion)}/${String(value?.kind)}`];
    if (!typeName)
        return [];
    const errors = duplicateFields(documentText);
    check(value, typeName, '', errors);
    return errors;
}
/**
 * The schema errors of `after` (a fixed document) that `before` (the same document unfixed) does
 * not have: a document that was invalid already blocks only the fixes that make it worse.
 */
function addedSchemaErrors(before, after, afterDocument) {
    const errors = schemaErrors(after, afterDocument);
    if (errors.length === 0)
        return [];
    const had = new Set(schemaErrors(before));
    return errors.filter((error) => !had.has(error));
}
function check(value, ref, path, errors) {
    if (value === null)
        return; // JSON null leaves a Go field at its zero value
    if (typeof ref === 'string') {
        if (ref in TYPES)
            return check(value, TYPES[ref], path, errors);
        if (!scalarFits(value, ref))
            errors.push(`${where(path)}: ${describe(value)} where Kubernetes wants ${WANTED[ref]}`);
        return;
    }
    if (ref.list !== undefined) {
        if (!Array.isArray(value))
            return void errors.push(`${where(path)}: ${describe(value)} where Kubernetes wants a list`);
        value.forEach((item, index) => check(item, ref.list, `${path}[${index}]`, errors));
        return;
    }
    if (typeof value !== 'object' || Array.isArray(value))
        return void errors.push(`${where(path)}: ${describe(value)} where Kubernetes wants a mapping`);
    for (const [key, item] of Object.entries(value)) {
        const fieldPath = path ? `${path}.${key}` : key;
        const fieldRef = ref.fields && Object.hasOwn(ref.fields, key) ? ref.fields[key] : ref.values;
        if (fieldRef === undefined)
            errors.push(`${fieldPath}: unknown field`);
        else
            check(item, fieldRef, fieldPath, errors);
    }
}
function scalarFits(value, type) {
    switch (type) {
        case 'any':
            return true;
        case 'string':
            return typeof value === 'string';
        case 'boolean':
            return typeof value === 'boolean';
        case 'number':
            return typeof value === 'number';
        case 'int32':
            return Number.isInteger(value) && -INT32 <= value && value < INT32;
        case 'int64':
            return Number.isInteger(value) && -INT64 <= value && value < INT64;
        case 'int-or-string':
            return typeof value === 'string' || scalarFits(value, 'int32');
        case 'quantity':
            return (typeof value === 'number' ||
                (typeof value === 'string' && isQuantity(value.replace(GO_TRIMMED_SPACE, ''))));
        case 'time':
            return typeof value === 'string' && isRfc3339(value);
        default:
            throw new Error(`kubernetes-schema.json names an unknown scalar type ${type}`);
    }
}
/** resource.ParseQuantity's grammar: sign, digits, an optional fraction, then one suffix. */
function isQuantity(text) {
    if (text === '')
        return false;
    const match = /^[+-]?[0-9]*(?:\.[0-9]*)?(.*)$/.exec(text);
    const suffix = match[1];
    return (/^(?:|Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)$/.test(suffix) || /^[eE][+-]?[0-9]+$/.test(suffix));
}
function isRfc3339(text) {
    const match = RFC3339.exec(text);
    if (!match)
        return false;
    const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
    const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const zoneOk = match[9] === undefined || (Number(match[9]) < 24 && Number(match[10]) < 60);
    return (month >= 1 &&
        month <= 12 &&
        day >= 1 &&
        day <= daysInMonth &&
        hour < 24 &&
        minute < 60 &&
        second < 60 &&
        zoneOk);
}
/**
 * Keys given twice in one mapping, as go-yaml's strict mode compares them: the same type and value
 * (`yes` and `true` are one key, `1` and `"1"` two). Merge keys are not fields.
 */
function duplicateFields(documentText) {
    const errors = [];
    const document = (0,dist/* parseDocument */.Tp)(documentText, { version: '1.1', merge: true, uniqueKeys: false });
    (0,dist/* visit */.YR)(document, {
        Map(_, map, ancestors) {
            const seen = new Set();
            for (const pair of map.items) {
                if (!(0,dist/* isScalar */.jn)(pair.key) || pair.key.value === '<<')
                    continue;
                const key = `${typeof pair.key.value}:${String(pair.key.value)}`;
                if (seen.has(key))
                    errors.push(`${where(yamlPath(ancestors, map))}: duplicate field "${String(pair.key.value)}"`);
                seen.add(key);
            }
        }
    });
    return errors;
}
/** The field path of a node from the ancestors `visit` gives. */
function yamlPath(ancestors, node) {
    let path = '';
    const chain = [...ancestors, node];
    for (let i = 1; i < chain.length; i++) {
        const parent = chain[i - 1];
        const child = chain[i];
        if ((0,dist/* isSeq */.oP)(parent))
            path += `[${parent.items.indexOf(child)}]`;
        else if ((0,dist/* isMap */.jh)(parent) && child && typeof child === 'object' && 'key' in child) {
            const key = child.key;
            const name = (0,dist/* isScalar */.jn)(key) ? String(key.value) : String(key);
            path += path ? `.${name}` : name;
        }
    }
    return path;
}
const where = (path) => path || '(the document)';
function describe(value) {
    if (Array.isArray(value))
        return 'a list';
    if (typeof value === 'object')
        return 'a mapping';
    const shown = JSON.stringify(value);
    return `${typeof value} ${shown.length > 40 ? `${shown.slice(0, 40)}…` : shown}`;
}

;// CONCATENATED MODULE: ./src/fix/source.ts
/** A file's text with its line starts, for turning offsets into 1-based lines and back. */
class SourceText {
    text;
    lineStarts = [0];
    /** The file's own line ending, used for every line a fix adds. */
    eol;
    constructor(text) {
        this.text = text;
        for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1))
            if (i + 1 < text.length)
                this.lineStarts.push(i + 1);
        this.eol = text.includes('\r\n') ? '\r\n' : '\n';
    }
    get lineCount() {
        return this.lineStarts.length;
    }
    /** 1-based line holding the character at `offset`. */
    lineOf(offset) {
        let low = 0;
        let high = this.lineStarts.length - 1;
        while (low < high) {
            const mid = (low + high + 1) >> 1;
            if (this.lineStarts[mid] <= offset)
                low = mid;
            else
                high = mid - 1;
        }
        return low + 1;
    }
    /** 0-based column of `offset` in its line. */
    columnOf(offset) {
        return offset - this.lineStart(this.lineOf(offset));
    }
    lineStart(line) {
        return this.lineStarts[line - 1];
    }
    /** Offset just past the line's end, its line break included. */
    lineEnd(line) {
        return line < this.lineStarts.length ? this.lineStarts[line] : this.text.length;
    }
    /** Lines first..last as written, line breaks included. */
    lines(first, last) {
        return this.text.slice(this.lineStart(first), this.lineEnd(last));
    }
    /** Line of the last non-blank character before `end` (node ranges end after comments and breaks). */
    lastContentLine(end) {
        let at = Math.min(end, this.text.length) - 1;
        while (at > 0 && /\s/.test(this.text[at]))
            at--;
        return this.lineOf(Math.max(at, 0));
    }
}
/**
 * Applies line edits (sorted, non-overlapping, as in a FileFix) to the text they were made for;
 * with `first`/`last`, to those lines only (edits outside them are an error).
 */
function applyLineEdits(source, edits, first = 1, last = source.lineCount) {
    let out = '';
    let next = first;
    for (const edit of edits) {
        if (edit.startLine < next || edit.endLine < edit.startLine || edit.endLine > last)
            throw new Error(`edit of lines ${edit.startLine}-${edit.endLine} overlaps or is out of range`);
        out += source.text.slice(source.lineStart(next), source.lineStart(edit.startLine));
        out += edit.replacement;
        next = edit.endLine + 1;
    }
    return out + (next <= last ? source.lines(next, last) : '');
}
/** Groups values by a key, in first-seen order (Map.groupBy needs Node 21). */
function groupBy(values, key) {
    const groups = new Map();
    for (const value of values) {
        const group = groups.get(key(value));
        if (group)
            group.push(value);
        else
            groups.set(key(value), [value]);
    }
    return groups;
}

;// CONCATENATED MODULE: ./src/fix/source-helm.ts
// Fixes in Helm templates: the fix engine edits a template as YAML with its template actions set
// aside, and a fix is kept only where the lines it edits, and the block they belong to, are plain
// YAML that helm copies through unchanged.



const ACTION = /\{\{[\s\S]*?\}\}/g;
/**
 * The template with every `{{ ... }}` action overwritten (same length, same line breaks, so
 * offsets and lines match the template's): a line that was only actions becomes a YAML comment,
 * an action inside a line becomes `_`s, a plain scalar.
 */
function maskTemplate(text) {
    const masked = text.replace(ACTION, (action) => action.replace(/[^\r\n]/g, '_'));
    const original = text.split('\n');
    return masked
        .split('\n')
        .map((line, index) => (isActionLine(original[index]) ? line.replace(/^(\s*)_/, '$1#') : line))
        .join('\n');
}
/** A line that holds template actions and nothing else (`{{- if ... }}`, `{{ toYaml ... }}`). */
function isActionLine(line) {
    const rest = line.replace(ACTION, '').trim();
    return rest === '' && line.includes('{{');
}
/**
 * The chart that renders `file` (the outermost one, as a subchart's templates are also rendered
 * by the chart that holds it), or undefined when no Chart.yaml is above it inside the workspace.
 */
async function chartOf(workspace, file) {
    let chart;
    for (let dir = external_node_path_default().dirname(file); !external_node_path_default().relative(workspace, dir).startsWith('..'); dir = external_node_path_default().dirname(dir)) {
        if (await (0,promises_.lstat)(external_node_path_default().join(dir, manifests_render/* HELM_CHART_FILE */.xK)).then(() => true, () => false))
            chart = dir;
        if (dir === external_node_path_default().dirname(dir))
            break;
    }
    return chart;
}
/**
 * Why helm would not render the template with `edits` as they read, or undefined when every
 * edited line is plain YAML and so is the block it belongs to: the lines of the nearest key above
 * the edit with less indentation, down to the next line with less indentation than the edit.
 * Actions in the value of a key the fix leaves alone (`image: "{{ .Values.image }}"`) are fine;
 * an action on a line of its own (`{{- toYaml ... }}`, `{{- if }}`) or in a key is not.
 */
function templateBlocker(template, edits) {
    const lines = template.text.split('\n').map((line) => line.replace(/\r$/, ''));
    const indent = (line) => line.length - line.trimStart().length;
    const ignorable = (line) => line.trim() === '' || line.trim().startsWith('#');
    for (const edit of edits) {
        const touched = lines.slice(edit.startLine - 1, edit.endLine);
        const inEdit = touched.findIndex((line) => line.includes('{{'));
        if (inEdit >= 0)
            return blockedBy(lines, edit.startLine + inEdit);
        const written = [...touched, ...edit.replacement.split(/\r?\n/)].filter((line) => !ignorable(line));
        if (written.length === 0)
            continue;
        const column = Math.min(...written.map(indent));
        let parent = edit.startLine - 1;
        while (parent >= 1 &&
            (ignorable(lines[parent - 1]) ||
                isActionLine(lines[parent - 1]) ||
                indent(lines[parent - 1]) >= column))
            parent--;
        for (let line = Math.max(parent, 1); line <= lines.length; line++) {
            const text = lines[line - 1];
            if (line > edit.endLine && !ignorable(text) && !isActionLine(text) && indent(text) < column)
                break;
            if (isActionLine(text) || keyOf(text).includes('{{'))
                return blockedBy(lines, line);
        }
    }
    return undefined;
}
/** The text before a line's first `key:` separator (all of it when there is none). */
function keyOf(line) {
    const colon = /:(\s|$)/.exec(line);
    return colon ? line.slice(0, colon.index) : line;
}
/** The reason a template action on `line` prevents the fix, with a values.yaml hint. */
function blockedBy(lines, line) {
    const text = lines[line - 1];
    const action = (text.match(ACTION)?.[0] ?? text.trim()).replace(/\s+/g, ' ');
    const shown = action.length > 80 ? `${action.slice(0, 77)}...` : action;
    let owner;
    for (let above = line - 1; above >= 1 && !owner; above--) {
        const candidate = lines[above - 1];
        if (candidate.trim() === '' || isActionLine(candidate))
            continue;
        const key = /^\s*(?:-\s+)?([\w.-]+):\s*$/.exec(candidate);
        if (key && candidate.search(/\S/) < Math.max(text.search(/\S/), 1))
            owner = key[1];
        else
            break;
    }
    const values = /\.Values\.([\w.]+)/.exec(action)?.[1];
    const where = owner ? `${owner} comes from` : 'the block this fix edits holds';
    const hint = values
        ? `set it in values.yaml (${values}) or fix the template by hand`
        : 'fix the template by hand';
    return `${where} the template action ${shown} (line ${line}); ${hint}`;
}

;// CONCATENATED MODULE: ./src/fix/source-kustomize.ts
// Fixes in the resource files of kustomizations: which kustomizations render a file, and whether
// a patch or the images transformer of one of them sets a field a fix edits (then the edit would
// not reach, or would fight, the rendered object, and the finding is left to a person).







/** The kustomizations under `targets` that render (as the scan renders them with kustomize). */
async function kustomizeRoots(workspace, targets, options) {
    const { files } = await (0,load/* collectFiles */.C0)(workspace, targets, (name) => manifests_render/* KUSTOMIZATION_FILES */.Ct.has(name));
    const roots = [];
    for (const dir of files
        .filter((file) => manifests_render/* KUSTOMIZATION_FILES */.Ct.has(external_node_path_default().basename(file)))
        .map((file) => external_node_path_default().dirname(file))) {
        const inputs = await (0,manifests_render/* kustomizationInputs */.Zr)(dir).catch(() => undefined);
        if (!inputs || inputs.component)
            continue;
        const rendered = await (0,manifests_render/* renderKustomization */.A0)(workspace, dir, [], options);
        if (!rendered.rendered)
            continue;
        roots.push({
            dir,
            file: rendered.file,
            resources: new Set(inputs.resources),
            reads: inputs.reads,
            renders: new Set(rendered.objects.map(({ object }) => resourceName(object)))
        });
    }
    return roots;
}
/** `Kind/namespace/name`, as findings name resources. */
function resourceName(object) {
    const metadata = (object.metadata ?? {});
    return [object.kind, metadata.namespace, metadata.name]
        .filter((part) => part !== undefined && part !== null && part !== '')
        .join('/');
}
/**
 * The kustomizations that include `file` (absolute) as a resource; a reason when the finding
 * points at a file a kustomization reads for another purpose; undefined when none reads it
 * (the scan checked it as a plain manifest).
 */
function rootsIncluding(workspace, roots, file) {
    const including = roots.filter((root) => root.resources.has(file));
    if (including.length > 0)
        return including;
    const reader = roots.find((root) => root.reads.has(file));
    if (!reader)
        return undefined;
    const relative = (0,posix_path/* relativePosix */.Y)(workspace, file);
    return manifests_render/* KUSTOMIZATION_FILES */.Ct.has(external_node_path_default().basename(file))
        ? `the object is made by ${relative} (a generator or a remote base), not read from a resource file; fix it by hand`
        : `${relative} is a patch or generator input of ${reader.file}, not the object's resource file; fix the object where it is defined, by hand`;
}
/**
 * Why the fix that turns the resource document `before` into `after` would not reach the object
 * `resource` as the kustomizations that render it produce it: a patch that sets a field the fix
 * edits (or a field inside it), or an `images:` entry for an image the fix pins.
 */
async function kustomizeConflict(workspace, roots, file, resource, before, after) {
    const renderers = roots.filter((root) => root.renders.has(resource));
    if (renderers.length === 0)
        return `no kustomization that includes this file renders ${resource}; fix it by hand`;
    const raw = (0,dist/* parse */.qg)(before, { version: '1.1' });
    const changes = diff(raw, (0,dist/* parse */.qg)(after, { version: '1.1' }), []);
    const kind = String(raw.kind);
    const name = String(raw.metadata?.name ?? '');
    for (const root of renderers)
        for (const layer of await layersTo(root.dir, file)) {
            const where = (0,posix_path/* relativePosix */.Y)(workspace, layer.file);
            for (const patch of await patchesOf(layer, kind, name, raw)) {
                const change = changes.find((c) => patch.fields.some((field) => overlaps(field, c.path)));
                if (change)
                    return `the fix edits ${show(change.path)}, which ${patch.label} of ${where} also sets; fix it there or by hand`;
            }
            for (const change of changes) {
                if (change.path.at(-1) !== 'image' || typeof change.before !== 'string')
                    continue;
                const entry = list(layer.kustomization.images).find((image) => image?.name === repository(change.before));
                if (entry)
                    return `the images: entry for ${repository(change.before)} in ${where} sets this image when it renders; pin it there`;
            }
        }
    return undefined;
}
/**
 * The kustomizations from `dir` down to the one that lists `file`, with the components each of
 * them uses (their patches apply to everything that kustomization holds).
 */
async function layersTo(dir, file, seen = new Set()) {
    if (seen.has(dir))
        return [];
    seen.add(dir);
    const layer = await readLayer(dir);
    if (!layer)
        return [];
    const entries = ['resources', 'bases', 'components'].flatMap((field) => list(layer.kustomization[field]).filter((entry) => typeof entry === 'string'));
    const components = list(layer.kustomization.components).filter((entry) => typeof entry === 'string');
    const used = async () => (await Promise.all(components.map((entry) => readLayer(external_node_path_default().resolve(dir, entry))))).filter((component) => component !== undefined);
    for (const entry of entries) {
        const target = external_node_path_default().resolve(dir, entry);
        if (target === file)
            return [layer, ...(await used())];
        if (!(await (0,promises_.stat)(target).catch(() => undefined))?.isDirectory())
            continue;
        const below = await layersTo(target, file, seen);
        if (below.length > 0)
            return [layer, ...(await used()), ...below];
    }
    return [];
}
async function readLayer(dir) {
    for (const name of manifests_render/* KUSTOMIZATION_FILES */.Ct) {
        const file = external_node_path_default().join(dir, name);
        const text = await (0,promises_.readFile)(file, 'utf8').catch(() => undefined);
        if (text === undefined)
            continue;
        const [document] = (0,kube_yaml/* readKubeYaml */.X2)(text);
        const kustomization = document?.value;
        if (!kustomization || typeof kustomization !== 'object')
            return undefined;
        return { file, dir, kustomization: kustomization };
    }
    return undefined;
}
/** The patches of a kustomization that apply to the object `kind`/`name` (`raw` as written). */
async function patchesOf(layer, kind, name, raw) {
    const patches = [];
    const add = async (field, index, entry) => {
        const spec = (typeof entry === 'string' ? { patch: entry } : (entry ?? {}));
        const inline = typeof spec.patch === 'string' ? spec.patch : undefined;
        const file = typeof spec.path === 'string' ? spec.path : undefined;
        const text = inline ?? (file ? await readPatch(external_node_path_default().resolve(layer.dir, file)) : '');
        const label = file ? `the patch ${file}` : `the inline patch ${field}[${index}]`;
        const target = spec.target;
        if (target && !(matches(target.kind, kind) && matches(target.name, name)))
            return;
        // What cannot be read here may set anything.
        if (text === undefined)
            return void patches.push({ label: `unreadable ${label}`, fields: [[]] });
        for (const document of (0,kube_yaml/* readKubeYaml */.X2)(text)) {
            const value = document.value;
            if (Array.isArray(value))
                patches.push({ label, fields: jsonPatchFields(value, raw) });
            else if (value && typeof value === 'object') {
                const object = value;
                const meta = (object.metadata ?? {});
                if (target || (matches(object.kind, kind) && matches(meta.name, name)))
                    patches.push({ label, fields: mergePatchFields(object) });
            }
        }
    };
    const fields = [
        ['patches', list(layer.kustomization.patches)],
        ['patchesStrategicMerge', list(layer.kustomization.patchesStrategicMerge)],
        ['patchesJson6902', list(layer.kustomization.patchesJson6902)]
    ];
    for (const [field, entries] of fields)
        for (const [index, entry] of entries.entries()) {
            // A patch file may hold a path to a file: strategic merge entries are paths, not YAML.
            const value = field === 'patchesStrategicMerge' && typeof entry === 'string' && !entry.includes('\n')
                ? { path: entry }
                : entry;
            await add(field, index, value);
        }
    return patches;
}
/** A patch file's text; undefined unless it is a regular file within the manifest size limit. */
async function readPatch(file) {
    const info = await (0,promises_.stat)(file).catch(() => undefined);
    if (!info?.isFile() || info.size > load/* MAX_MANIFEST_BYTES */.ZJ)
        return undefined;
    return (0,promises_.readFile)(file, 'utf8').catch(() => undefined);
}
/** A target's kind or name (a regular expression to kustomize) against the object's. */
function matches(pattern, value) {
    if (pattern === undefined || pattern === null || pattern === '')
        return true;
    const text = String(pattern);
    // Names in an overlay's targets carry the prefixes of the bases below it.
    if (text === value || text.includes(value))
        return true;
    try {
        return new RegExp(`^(?:${text})$`).test(value);
    }
    catch {
        return true;
    }
}
/** The fields a strategic merge patch sets: its leaves; lists of named items merge by name. */
function mergePatchFields(patch) {
    const fields = [];
    const walk = (value, at) => {
        if (Array.isArray(value)) {
            if (value.length > 0 && value.every((item) => typeof nameOf(item) === 'string'))
                for (const item of value)
                    walk(item, [...at, `[${nameOf(item)}]`]);
            else
                fields.push(at);
        }
        else if (value && typeof value === 'object') {
            const entries = Object.entries(value);
            // `$patch: replace/delete` and other directives act on the whole map.
            if (entries.length === 0 || entries.some(([key]) => key.startsWith('$')))
                fields.push(at);
            else
                for (const [key, inner] of entries)
                    if (key !== 'name' || !at.at(-1)?.startsWith('['))
                        walk(inner, [...at, key]);
        }
        else
            fields.push(at);
    };
    // The patch's own kind and name say what it patches; they set nothing.
    for (const [key, value] of Object.entries(patch)) {
        if (key === 'apiVersion' || key === 'kind')
            continue;
        const set = key === 'metadata' ? { ...value } : value;
        if (key === 'metadata') {
            delete set.name;
            delete set.namespace;
            if (Object.keys(set).length === 0)
                continue;
        }
        walk(set, [key]);
    }
    return fields;
}
/** The fields a JSON patch touches, with list indexes read as item names where `raw` has them. */
function jsonPatchFields(operations, raw) {
    const fields = [];
    for (const operation of operations) {
        const { path: to, from } = (operation ?? {});
        for (const pointer of [to, from]) {
            if (typeof pointer !== 'string')
                continue;
            const field = [];
            let node = raw;
            for (const segment of pointer
                .split('/')
                .slice(1)
                .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))) {
                if (Array.isArray(node)) {
                    if (!/^\d+$/.test(segment))
                        break; // `-` appends: the list itself
                    const item = node[Number(segment)];
                    const itemName = nameOf(item);
                    field.push(typeof itemName === 'string' ? `[${itemName}]` : `[${segment}]`);
                    node = item;
                }
                else {
                    field.push(segment);
                    node = node?.[segment];
                }
            }
            fields.push(field);
        }
    }
    return fields;
}
/** The fields whose values differ between two versions of an object. */
function diff(before, after, at) {
    if (Array.isArray(before) && Array.isArray(after)) {
        const named = [...before, ...after].every((item) => typeof nameOf(item) === 'string');
        const keys = named
            ? [...new Set([...before, ...after].map((item) => nameOf(item)))]
            : [...Array(Math.max(before.length, after.length)).keys()].map(String);
        const itemOf = (items, key) => named ? items.find((item) => nameOf(item) === key) : items[Number(key)];
        return keys.flatMap((key) => diff(itemOf(before, key), itemOf(after, key), [...at, `[${key}]`]));
    }
    if (isObject(before) && isObject(after))
        return [...new Set([...Object.keys(before), ...Object.keys(after)])].flatMap((key) => diff(before[key], after[key], [...at, key]));
    return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path: at, before }];
}
const isObject = (value) => !!value && typeof value === 'object' && !Array.isArray(value);
const nameOf = (item) => (isObject(item) ? item.name : undefined);
/** One field holds or is held by the other. */
function overlaps(a, b) {
    const length = Math.min(a.length, b.length);
    return a.slice(0, length).every((segment, index) => segment === b[index]);
}
const show = (field) => field.join('.').replace(/\.\[/g, '[');
const list = (value) => (Array.isArray(value) ? value : []);
/** An image reference without its tag and digest: what an `images:` entry's name matches. */
function repository(image) {
    const withoutDigest = image.split('@')[0];
    const slash = withoutDigest.lastIndexOf('/');
    const colon = withoutDigest.lastIndexOf(':');
    return colon > slash ? withoutDigest.slice(0, colon) : withoutDigest;
}

;// CONCATENATED MODULE: ./src/fix/plan.ts


















/**
 * Plans fixes for the policy findings of a scan: each finding gets a whole-line edit of its file
 * that was re-evaluated with the same policies (offered only when it resolves the finding and adds
 * none), or a reason it must be fixed by hand. Findings of other scanners and waived ones are
 * left out. Nothing is written to the workspace.
 */
async function planFixes(findings, options) {
    const settings = { ...options, digests: options.digests ?? new DigestResolver() };
    const wanted = findings.filter((finding) => finding.scanner === 'policies' &&
        finding.location &&
        !finding.suppression &&
        (!options.rules || options.rules.includes(finding.ruleId)));
    const manual = [];
    const documents = [];
    const byFile = groupBy(wanted, (finding) => finding.location.path);
    const originOf = originResolver(options.context);
    for (const [file, fileFindings] of byFile) {
        try {
            documents.push(...(await fixFile(options.context.config.workspace, file, fileFindings, settings, manual, originOf)));
        }
        catch (error) {
            if (!(error instanceof ManualOnly))
                throw error;
            manual.push(...fileFindings.map((finding) => ({ finding, reason: error.message })));
        }
    }
    const plain = documents.filter((doc) => doc.origin.kind === 'plain');
    const rendered = documents.filter((doc) => doc.origin.kind !== 'plain');
    const verified = [
        ...(await verify(plain, findings, options.context, manual)),
        ...(await verifyRendered(rendered, findings, options.context, manual))
    ];
    return { fixes: toFileFixes(verified), manual: manual.sort(byLocation) };
}
/** Finds each file's origin; the kustomizations are rendered once, when first needed. */
function originResolver(context) {
    const { workspace, manifests, kustomizeRemote } = context.config;
    let roots;
    return async (file) => {
        const chart = await chartOf(workspace, file);
        if (chart) {
            if (external_node_path_default().basename(file) === manifests_render/* HELM_CHART_FILE */.xK)
                throw new ManualOnly('the object comes from a packed subchart of the Helm chart; there is no template file to edit');
            return { kind: 'helm', chart };
        }
        roots ??= kustomizeRoots(workspace, manifests, {
            timeoutMs: context.timeoutMs,
            allowRemote: kustomizeRemote
        });
        const including = rootsIncluding(workspace, await roots, file);
        if (typeof including === 'string')
            throw new ManualOnly(including);
        return including ? { kind: 'kustomize', roots: including } : { kind: 'plain' };
    };
}
/** Whether a finding is about the object the source document `documentResource` spells out. */
function sameResource(origin, resource, documentResource) {
    const kindOf = (name) => name.split('/')[0];
    const nameOf = (name) => name.split('/').at(-1) ?? '';
    switch (origin.kind) {
        case 'plain':
            return resource === documentResource;
        case 'kustomize':
            // Rendered names carry the prefixes, suffixes and namespace of the kustomizations.
            return (kindOf(resource) === kindOf(documentResource) &&
                nameOf(resource).includes(nameOf(documentResource)));
        case 'helm':
            // A template's names are template actions: the finding's line says which document it is.
            return kindOf(resource) === kindOf(documentResource);
    }
}
function sourceGuard(origin, workspace, file, source) {
    switch (origin.kind) {
        case 'plain':
            return { origin, refusal: async () => undefined };
        case 'kustomize':
            return {
                origin,
                refusal: (finding, edits, first, last) => kustomizeConflict(workspace, origin.roots, file, finding.resource, source.lines(first, last), applyLineEdits(source, edits, first, last))
            };
        case 'helm':
            return { origin, refusal: async (_, edits) => templateBlocker(source, edits) };
    }
}
async function fixFile(workspace, file, findings, settings, manual, originOf) {
    const absolute = external_node_path_default().resolve(workspace, file);
    if (external_node_path_default().relative(workspace, absolute).startsWith('..'))
        throw new ManualOnly('the file is outside the workspace');
    const info = await (0,promises_.lstat)(absolute).catch(() => undefined);
    if (!info)
        throw new ManualOnly('the file the finding names is not there to edit');
    if (info.isSymbolicLink())
        throw new ManualOnly('the file is a symbolic link; fix its target');
    const origin = await originOf(absolute);
    const source = new SourceText(await (0,promises_.readFile)(absolute, 'utf8'));
    // A template is edited as the YAML it is with its actions set aside (same offsets and lines);
    // the guard keeps only edits of lines that hold no action.
    const yaml = origin.kind === 'helm' ? new SourceText(maskTemplate(source.text)) : source;
    const guard = sourceGuard(origin, workspace, absolute, source);
    const offsetOf = (finding) => yaml.lineStart(Math.max(1, Math.min(finding.location.startLine, yaml.lineCount)));
    const documents = documentsHolding(yaml.text, findings.map(offsetOf));
    const step = indentStep(documents, yaml);
    const byDocument = new Map();
    for (const finding of findings) {
        const offset = offsetOf(finding);
        const document = documents.find((doc) => doc.range[0] <= offset && offset < doc.range[2]);
        if (!document)
            manual.push({ finding, reason: 'the finding does not point into a YAML document' });
        else
            byDocument.set(document, [...(byDocument.get(document) ?? []), finding]);
    }
    const fixed = [];
    for (const [document, documentFindings] of byDocument) {
        try {
            const result = await fixDocument(document, documentFindings, yaml, step, settings, manual, guard);
            if (result)
                fixed.push({ ...result, source, path: file, origin });
        }
        catch (error) {
            if (!(error instanceof ManualOnly))
                throw error;
            manual.push(...documentFindings.map((finding) => ({ finding, reason: error.message })));
        }
    }
    return fixed;
}
/** Top-level tokens that leave each document of a stream independent of the others. */
const BETWEEN_DOCUMENTS = new Set([
    'document',
    'doc-end',
    'comment',
    'newline',
    'space',
    'byte-order-mark'
]);
/**
 * The YAML documents of `text` (read as YAML 1.1) that may hold one of `offsets`. The whole text
 * is parsed, but only those documents are composed: composing is most of the cost, and a file's
 * other documents have nothing to fix. Directives or stream-level errors can bear on the
 * documents after them, so with those every document is composed.
 */
function documentsHolding(text, offsets) {
    const options = { version: '1.1' };
    const tokens = [...new dist/* Parser */.iX().parse(text)];
    if (tokens.some((token) => !BETWEEN_DOCUMENTS.has(token.type)))
        return [...new dist/* Composer */.Dk(options).compose(tokens)];
    const documents = tokens.filter((token) => token.type === 'document');
    return documents.flatMap((token, i) => {
        const end = documents[i + 1]?.offset ?? text.length;
        const held = offsets.some((offset) => token.offset <= offset && offset < end);
        return held ? [...new dist/* Composer */.Dk(options).compose([token])] : [];
    });
}
async function fixDocument(document, findings, source, step, settings, manual, guard) {
    const root = document.contents;
    if (document.errors.length > 0 || !(0,dist/* isMap */.jh)(root))
        throw new ManualOnly('the document is not a YAML mapping this fix can read');
    const shared = sharedNodes(document);
    const resource = resourceOf(root);
    const kind = String(root.get('kind'));
    const podPath = POD_SPEC_PATHS[kind];
    const podNode = podPath ? root.getIn(podPath, true) : undefined;
    const pod = (0,dist/* isMap */.jh)(podNode) ? podNode : undefined;
    const siteOf = (finding, editor) => ({
        finding,
        source,
        editor,
        root,
        ...(pod ? { pod } : {}),
        // A rendered finding's line may be another container's (Helm maps lines by key path only).
        ...((guard.origin.kind !== 'plain' && containerNamed(pod, finding.message)) ||
            containerAt(pod, source, finding.location.startLine))
    });
    const firstLine = source.lineOf(document.range[0]);
    const lastLine = source.lastContentLine(document.range[2]);
    // Each fix is tried alone first, so one that fails leaves nothing half-made behind; the ones that
    // work are then made together on one editor.
    const accepted = [];
    // In line and rule order, so added keys come out in the same order on every run.
    const ordered = [...findings].sort((a, b) => a.location.startLine - b.location.startLine ||
        compareText(a.ruleId, b.ruleId) ||
        compareText(a.message, b.message));
    for (const finding of ordered) {
        if (!sameResource(guard.origin, finding.resource, resource)) {
            manual.push({
                finding,
                reason: `the document at this line is ${resource}, not ${finding.resource}`
            });
            continue;
        }
        const fix = RULE_FIXES[finding.ruleId];
        if (!fix) {
            manual.push({
                finding,
                reason: MANUAL_REASONS[finding.ruleId] ?? 'no automatic fix is known for this rule'
            });
            continue;
        }
        try {
            const trial = new DocumentEditor(source, step, shared);
            await fix(siteOf(finding, trial), settings);
            const refused = await guard.refusal(finding, trial.lineEdits(), firstLine, lastLine);
            if (refused)
                manual.push({ finding, reason: refused });
            else
                accepted.push(finding);
        }
        catch (error) {
            if (!(error instanceof ManualOnly))
                throw error;
            manual.push({ finding, reason: error.message });
        }
    }
    if (accepted.length === 0)
        return undefined;
    const editor = new DocumentEditor(source, step, shared);
    for (const finding of accepted)
        await RULE_FIXES[finding.ruleId](siteOf(finding, editor), settings);
    const edits = editor.lineEdits();
    if (edits.length === 0) {
        manual.push(...accepted.map((finding) => ({ finding, reason: 'the fix changes nothing here' })));
        return undefined;
    }
    return {
        source,
        firstLine,
        lastLine,
        resource,
        edits,
        findings: accepted
    };
}
/**
 * Re-evaluates each fixed document with the scan's own policies, alone in a private copy of its
 * path (fingerprints do not depend on lines, so they compare with the scan's): a document's fixes
 * are offered only when nothing new is found in it, and each finding is resolved only when gone.
 * (Namespace objects are not copied: a constraint's namespaceSelector sees no labels here.)
 */
async function verify(documents, original, context, manual) {
    if (documents.length === 0)
        return [];
    const root = await (0,temp/* privateTempDir */.n)('hardening-fix-');
    try {
        const workspace = external_node_path_default().join(root, 'workspace');
        const files = new Map();
        for (const doc of documents) {
            const fixedText = applyLineEdits(doc.source, doc.edits, doc.firstLine, doc.lastLine);
            files.set(doc.path, [...(files.get(doc.path) ?? []), fixedText]);
        }
        for (const [file, texts] of files) {
            const target = external_node_path_default().join(workspace, file);
            await (0,promises_.mkdir)(external_node_path_default().dirname(target), { recursive: true });
            await (0,promises_.writeFile)(target, texts.map((text) => `---\n${text}${text.endsWith('\n') ? '' : '\n'}`).join(''));
        }
        // The API and schema checks run while conftest re-evaluates (this thread waits for it then).
        const [outcome, rejected] = await Promise.all([
            evaluate(context, root, [...files.keys()].map((file) => external_node_path_default().join(workspace, file))),
            rejections(documents)
        ]);
        const unreadable = new Set(outcome.notices.map((notice) => notice.split(':')[0]));
        const key = (finding) => `${finding.location?.path}\u0000${finding.resource}`;
        const before = groupBy(original, key);
        const after = groupBy(outcome.findings, key);
        const verified = [];
        for (const doc of documents) {
            const was = new Set((before.get(`${doc.path}\u0000${doc.resource}`) ?? []).map((f) => f.fingerprint));
            const now = after.get(`${doc.path}\u0000${doc.resource}`) ?? [];
            const added = now.filter((finding) => !was.has(finding.fingerprint));
            if (unreadable.has(doc.path)) {
                manual.push(...doc.findings.map((finding) => ({
                    finding,
                    reason: 'the fixed file could not be read back'
                })));
                continue;
            }
            const resolved = settle(doc, added, rejected.get(doc), now, manual);
            if (resolved)
                verified.push(resolved);
        }
        return verified;
    }
    finally {
        await (0,promises_.rm)(root, { recursive: true, force: true });
    }
}
/**
 * Re-renders what fixed sources feed (the kustomizations that include a fixed resource file, the
 * chart that holds a fixed template) from a private copy of their files with the fixes made, with
 * the real kustomize and helm as the scan runs them, and re-evaluates the output with the same
 * policies: a document's fixes are offered only when nothing new is found in that output, and
 * each finding is resolved only when it is gone from it.
 */
async function verifyRendered(documents, original, context, manual) {
    if (documents.length === 0)
        return [];
    const { config } = context;
    // Only what was left to a person before this verification may turn out resolved by it.
    const leftBefore = manual.length;
    const inside = (file, dir) => !external_node_path_default().relative(dir, file).startsWith('..');
    const outside = documents.filter((doc) => doc.origin.kind === 'kustomize' &&
        doc.origin.roots.some((root) => [...root.reads].some((f) => !inside(f, config.workspace))));
    manual.push(...outside.flatMap((doc) => doc.findings.map((finding) => ({
        finding,
        reason: 'a kustomization that renders this file reads files outside the workspace; the fix cannot be verified, fix it by hand'
    }))));
    const candidates = documents.filter((doc) => !outside.includes(doc));
    if (candidates.length === 0)
        return [];
    const root = await (0,temp/* privateTempDir */.n)('hardening-fix-');
    try {
        const workspace = external_node_path_default().join(root, 'workspace');
        const copyOf = (file) => external_node_path_default().join(workspace, external_node_path_default().relative(config.workspace, file));
        /** Each directory to render, and which (original) files its objects point at. */
        const targets = new Map();
        const sources = new Set();
        const charts = new Set();
        for (const { origin } of candidates)
            if (origin.kind === 'helm') {
                targets.set(origin.chart, (file) => inside(file, origin.chart));
                charts.add(origin.chart);
            }
            else if (origin.kind === 'kustomize')
                for (const kustomization of origin.roots) {
                    targets.set(kustomization.dir, (file) => kustomization.reads.has(file));
                    for (const file of kustomization.reads)
                        sources.add(file);
                }
        for (const chart of charts) {
            await (0,promises_.cp)(chart, copyOf(chart), { recursive: true, verbatimSymlinks: true });
            for (const values of config.helmValues?.[chart]?.flat() ?? [])
                sources.add(values);
        }
        for (const file of sources) {
            await (0,promises_.mkdir)(external_node_path_default().dirname(copyOf(file)), { recursive: true });
            await (0,promises_.cp)(file, copyOf(file));
        }
        const rejected = new Map();
        for (const [file, docs] of groupBy(candidates, (doc) => doc.path)) {
            const edits = docs.flatMap((doc) => doc.edits).sort((a, b) => a.startLine - b.startLine);
            await (0,promises_.writeFile)(external_node_path_default().join(workspace, file), applyLineEdits(docs[0].source, edits));
            for (const doc of docs) {
                const rejection = rejectionOf(doc);
                if (rejection)
                    rejected.set(doc, rejection);
            }
        }
        // Charts without `helm-values` render with their own values, as in the scan.
        const helmValues = Object.fromEntries([...charts].flatMap((chart) => {
            const sets = config.helmValues?.[chart];
            return sets ? [[copyOf(chart), sets.map((set) => set.map(copyOf))]] : [];
        }));
        const outcome = await evaluate(context, root, [...targets.keys()].map(copyOf), helmValues);
        // The API server's refusals are checked on the rendered objects: an overlay can combine the
        // fixed base with a patch of its own (privileged: true) into an object Kubernetes rejects.
        const rendered = await (0,load/* loadManifests */.DD)(workspace, [...targets.keys()].map(copyOf), {
            render: true,
            timeoutMs: context.timeoutMs,
            helmValues,
            kustomizeRemote: config.kustomizeRemote
        });
        for (const { object } of rendered.objects) {
            const rejection = apiRejection(object);
            const resource = resourceName(object);
            for (const doc of candidates)
                if (rejection &&
                    !rejected.has(doc) &&
                    setsPrivilegeEscalation(doc) &&
                    sameResource(doc.origin, resource, doc.resource))
                    rejected.set(doc, `${resource}: ${rejection}`);
        }
        // A source that no longer renders, or renders nothing, verifies nothing.
        const renderedFiles = new Set(rendered.objects.map((object) => external_node_path_default().join(config.workspace, object.file)));
        const empty = [...targets].find(([, owns]) => ![...renderedFiles].some(owns))?.[0];
        const broken = outcome.notices.find((notice) => /kustomize build failed|helm template failed/.test(notice)) ?? (empty ? `${(0,posix_path/* relativePosix */.Y)(config.workspace, empty)} rendered no object` : undefined);
        // The findings the same renderings gave before the fixes.
        const rendersFrom = (file) => file !== undefined &&
            (sources.has(external_node_path_default().join(config.workspace, file)) ||
                [...charts].some((chart) => inside(external_node_path_default().join(config.workspace, file), chart)));
        const was = new Set(original.filter((f) => rendersFrom(f.location?.path)).map((f) => f.fingerprint));
        const added = outcome.findings.filter((finding) => !was.has(finding.fingerprint));
        const isAbout = (doc) => (finding) => finding.location?.path === doc.path &&
            sameResource(doc.origin, finding.resource, doc.resource);
        // What appears where no fixed document is blames them all.
        const unplaced = added.filter((finding) => !candidates.some((doc) => isAbout(doc)(finding)));
        const verified = [];
        for (const doc of candidates) {
            if (broken) {
                const reason = `the fixed sources no longer render (${broken}); fix it by hand`;
                manual.push(...doc.findings.map((finding) => ({ finding, reason })));
                continue;
            }
            const resolved = settle(doc, [...added.filter(isAbout(doc)), ...unplaced], rejected.get(doc), outcome.findings, manual);
            if (resolved)
                verified.push(resolved);
        }
        if (verified.length === candidates.length)
            adoptResolved(manual.slice(0, leftBefore), verified, was, outcome.findings, manual);
        return verified;
    }
    finally {
        await (0,promises_.rm)(root, { recursive: true, force: true });
    }
}
/**
 * Moves findings left to a person that the verified fixes resolve all the same (one rendering of
 * a fixed base points at an overlay's patch file instead) onto the fix of their object's source.
 */
function adoptResolved(candidates, fixes, before, after, manual) {
    const remaining = new Set(after.map((finding) => finding.fingerprint));
    for (const entry of candidates) {
        const { finding } = entry;
        if (!before.has(finding.fingerprint) || remaining.has(finding.fingerprint))
            continue;
        const fix = fixes.find((doc) => sameResource(doc.origin, finding.resource, doc.resource) &&
            (doc.origin.kind === 'kustomize'
                ? doc.origin.roots.some((root) => root.renders.has(finding.resource))
                : finding.location?.path === doc.path));
        if (!fix)
            continue;
        fix.findings.push(finding);
        manual.splice(manual.indexOf(entry), 1);
    }
}
/**
 * Why the document as fixed cannot be offered: the API server would reject it, or the fixes add
 * Kubernetes schema errors (unknown fields, values of the wrong type; errors it had before block
 * nothing). The fixed text is read once for both; templates are read with their actions set aside.
 */
function rejectionOf(doc) {
    const text = (edits) => {
        const document = applyLineEdits(doc.source, edits, doc.firstLine, doc.lastLine);
        return doc.origin.kind === 'helm' ? maskTemplate(document) : document;
    };
    const fixed = text(doc.edits);
    const [read] = (0,kube_yaml/* readKubeYaml */.X2)(fixed);
    const refused = setsPrivilegeEscalation(doc) && read?.value ? apiRejection(read.value) : undefined;
    if (refused)
        return refused;
    const added = addedSchemaErrors(text([]), fixed, read);
    if (added.length === 0)
        return undefined;
    const more = added.length > 3 ? ` (and ${added.length - 3} more)` : '';
    return `the fixed document would fail Kubernetes schema validation: ${added.slice(0, 3).join('; ')}${more}`;
}
/** `rejectionOf` of each document, a few at a time, leaving the event loop free in between. */
async function rejections(documents) {
    const rejected = new Map();
    for (const [i, doc] of documents.entries()) {
        if (i % 20 === 19)
            await (0,external_node_timers_promises_.setImmediate)();
        const rejection = rejectionOf(doc);
        if (rejection)
            rejected.set(doc, rejection);
    }
    return rejected;
}
/** Only setting allowPrivilegeEscalation can create a combination the API refuses. */
const setsPrivilegeEscalation = (doc) => doc.findings.some((f) => f.ruleId === 'HardeningPSSPrivilegeEscalation');
/**
 * The document's fixes as verified: none when the re-evaluation found something new (`added`) or
 * the API would reject it, else the findings gone from `after`; the rest go to `manual`.
 */
function settle(doc, added, rejection, after, manual) {
    if (added.length > 0 || rejection) {
        const reason = `the fix was not offered: ${rejection ?? `it would add ${added.map((f) => `${f.ruleId} (${f.message})`).join('; ')}`}`;
        manual.push(...doc.findings.map((finding) => ({ finding, reason })));
        return undefined;
    }
    const remaining = new Set(after.map((finding) => finding.fingerprint));
    const resolved = doc.findings.filter((finding) => !remaining.has(finding.fingerprint));
    for (const finding of doc.findings)
        if (remaining.has(finding.fingerprint))
            manual.push({
                finding,
                reason: 'the fix did not resolve it when re-evaluated; fix it by hand'
            });
    return resolved.length > 0 ? { ...doc, findings: resolved } : undefined;
}
/**
 * Runs the scan's policies over `manifests` (absolute, inside `<root>/workspace`), with the scan's
 * configuration otherwise; custom policies are copied along at their relative paths.
 */
async function evaluate(context, root, manifests, helmValues) {
    const { config } = context;
    const workspace = external_node_path_default().join(root, 'workspace');
    // Custom policies are read from the workspace: bring them along at the same relative paths.
    const extraPolicies = await Promise.all(config.extraPolicies.map(async (dir) => {
        const copy = external_node_path_default().join(workspace, external_node_path_default().relative(config.workspace, dir));
        await (0,promises_.cp)(dir, copy, { recursive: true });
        return copy;
    }));
    const outcomes = await policies/* policiesScanner */.B.run({
        ...context,
        workDir: external_node_path_default().join(root, 'work'),
        config: {
            ...config,
            workspace,
            manifests,
            extraPolicies,
            unreadableManifests: 'warn',
            ...(helmValues ? { helmValues } : {})
        }
    });
    const outcome = outcomes[0];
    if (outcome.error)
        throw new Error(`verifying the fixes failed: ${outcome.error}`);
    return outcome;
}
function toFileFixes(documents) {
    const byPath = groupBy(documents, (doc) => doc.path);
    return [...byPath]
        .map(([file, docs]) => ({
        path: file,
        edits: docs.flatMap((doc) => doc.edits).sort((a, b) => a.startLine - b.startLine),
        resolves: docs.flatMap((doc) => doc.findings.map((finding) => finding.fingerprint)).sort()
    }))
        .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
/** The container a finding's message names (`container "app"`), when the pod has it. */
function containerNamed(pod, message) {
    const name = /\bcontainer "([^"]+)"/.exec(message)?.[1];
    if (name === undefined)
        return undefined;
    for (const list of CONTAINER_LISTS) {
        const items = pod?.get(list, true);
        if (!(0,dist/* isSeq */.oP)(items))
            continue;
        const container = items.items.find((item) => (0,dist/* isMap */.jh)(item) && item.get('name') === name);
        if ((0,dist/* isMap */.jh)(container))
            return { container };
    }
    return undefined;
}
/** The container (an item of containers, initContainers or ephemeralContainers) holding `line`. */
function containerAt(pod, source, line) {
    for (const list of CONTAINER_LISTS) {
        const items = pod?.get(list, true);
        if (!(0,dist/* isSeq */.oP)(items))
            continue;
        for (const item of items.items) {
            if (!(0,dist/* isMap */.jh)(item) || !item.range)
                continue;
            if (source.lineOf(item.range[0]) <= line && line <= source.lastContentLine(item.range[1]))
                return { container: item };
        }
    }
    return {};
}
/** `Kind/namespace/name`, as findings name resources. */
function resourceOf(root) {
    const text = (value) => (value === undefined || value === null ? '' : String(value));
    return [root.get('kind'), root.getIn(['metadata', 'namespace']), root.getIn(['metadata', 'name'])]
        .map(text)
        .filter(Boolean)
        .join('/');
}
/** Every node inside an anchored subtree (aliases elsewhere read the same nodes). */
function sharedNodes(document) {
    const shared = new Set();
    (0,dist/* visit */.YR)(document, {
        Node(_, node) {
            if (!('anchor' in node) || !node.anchor || shared.has(node))
                return undefined;
            shared.add(node);
            (0,dist/* visit */.YR)(node, {
                Node: (__, inner) => void shared.add(inner),
                Pair: (__, pair) => void shared.add(pair)
            });
            return undefined;
        }
    });
    return shared;
}
/** Columns per nesting level: the most common step between a block mapping key and its child keys. */
function indentStep(documents, source) {
    const counts = new Map();
    for (const document of documents)
        (0,dist/* visit */.YR)(document, {
            Pair(_, pair) {
                const key = pair.key;
                const child = (0,dist/* isMap */.jh)(pair.value) && !pair.value.flow ? pair.value.items[0]?.key : null;
                if (!key?.range || !child?.range)
                    return;
                const step = source.columnOf(child.range[0]) - source.columnOf(key.range[0]);
                if (step > 0)
                    counts.set(step, (counts.get(step) ?? 0) + 1);
            }
        });
    return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 2;
}
function byLocation(a, b) {
    const [x, y] = [a.finding.location, b.finding.location];
    return x.path < y.path
        ? -1
        : x.path > y.path
            ? 1
            : x.startLine - y.startLine || (a.finding.ruleId < b.finding.ruleId ? -1 : 1);
}
const compareText = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

;// CONCATENATED MODULE: ./src/fix/write.ts



/** Lines of a text as a diff shows them: without their line feed, and whether the last had one. */
function split(text) {
    const finalNewline = text.endsWith('\n');
    const lines = text === '' ? [] : (finalNewline ? text.slice(0, -1) : text).split('\n');
    return { lines, finalNewline };
}
const NO_NEWLINE = '\\ No newline at end of file';
/**
 * A unified diff (as `diff -u` / `git diff` print it, `context` lines around each change) of the
 * edits to one file; `git apply` and `patch -p1` take it.
 */
function unifiedDiff(file, source, edits, context = 3) {
    if (edits.length === 0)
        return '';
    const old = split(source.text);
    const hunks = [];
    for (const edit of edits) {
        const hunk = hunks.at(-1);
        if (hunk && edit.startLine - context <= hunk.at(-1).endLine + context + 1)
            hunk.push(edit);
        else
            hunks.push([edit]);
    }
    let out = `--- a/${file}\n+++ b/${file}\n`;
    let delta = 0;
    for (const hunk of hunks) {
        const oldStart = Math.max(1, hunk[0].startLine - context);
        const oldEnd = Math.min(old.lines.length, hunk.at(-1).endLine + context);
        const body = [];
        let added = 0;
        let removed = 0;
        const oldLine = (line, mark) => {
            body.push(mark + old.lines[line - 1]);
            if (line === old.lines.length && !old.finalNewline)
                body.push(NO_NEWLINE);
        };
        let next = oldStart;
        for (const edit of hunk) {
            for (; next < edit.startLine; next++)
                oldLine(next, ' ');
            // Lines an edit keeps as they were (it replaces whole lines) are shown as context.
            const kept = keptLines(source.lines(edit.startLine, edit.endLine), edit.replacement);
            for (let line = edit.startLine; line < edit.startLine + kept.before; line++)
                oldLine(line, ' ');
            const changedEnd = edit.endLine - kept.after;
            for (let line = edit.startLine + kept.before; line <= changedEnd; line++, removed++)
                oldLine(line, '-');
            const replacement = split(kept.replacement);
            for (const line of replacement.lines)
                body.push(`+${line}`);
            if (replacement.lines.length > 0 && !replacement.finalNewline)
                body.push(NO_NEWLINE);
            added += replacement.lines.length;
            for (let line = changedEnd + 1; line <= edit.endLine; line++)
                oldLine(line, ' ');
            next = edit.endLine + 1;
        }
        for (; next <= oldEnd; next++)
            oldLine(next, ' ');
        const oldCount = oldEnd - oldStart + 1;
        const newCount = oldCount - removed + added;
        const newStart = oldStart + delta;
        out += `@@ -${range(oldStart, oldCount)} +${range(newCount === 0 ? newStart - 1 : newStart, newCount)} @@\n`;
        out += `${body.join('\n')}\n`;
        delta += added - removed;
    }
    return out;
}
/** Whole lines (line breaks included) the replacement keeps at its start and end, and what is left. */
function keptLines(original, replacement) {
    const lines = (text) => text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
    const old = lines(original);
    const fresh = lines(replacement);
    let before = 0;
    while (before < old.length && before < fresh.length && old[before] === fresh[before])
        before++;
    let after = 0;
    while (after < old.length - before &&
        after < fresh.length - before &&
        old[old.length - 1 - after] === fresh[fresh.length - 1 - after])
        after++;
    return { before, after, replacement: fresh.slice(before, fresh.length - after).join('') };
}
const range = (start, count) => (count === 1 ? `${start}` : `${start},${count}`);
/**
 * Replaces a file's content atomically: a temporary file in the same directory, with the
 * original's mode, renamed over it. Symbolic links and anything but a regular file are refused
 * (a link in a checkout could point anywhere).
 */
async function writeFileAtomic(file, content) {
    const info = await (0,promises_.lstat)(file);
    if (info.isSymbolicLink())
        throw new Error(`${file} is a symbolic link; not rewritten`);
    if (!info.isFile())
        throw new Error(`${file} is not a regular file; not rewritten`);
    const temporary = external_node_path_default().join(external_node_path_default().dirname(file), `.${external_node_path_default().basename(file)}.${(0,external_node_crypto_.randomBytes)(6).toString('hex')}.tmp`);
    try {
        await (0,promises_.writeFile)(temporary, content, { flag: 'wx', mode: 0o600 });
        await (0,promises_.chmod)(temporary, info.mode & 0o7777);
        await (0,promises_.rename)(temporary, file);
    }
    catch (error) {
        await (0,promises_.rm)(temporary, { force: true });
        throw error;
    }
}

// EXTERNAL MODULE: ./src/log.ts
var src_log = __webpack_require__(5625);
// EXTERNAL MODULE: ./src/progress.ts
var src_progress = __webpack_require__(4660);
// EXTERNAL MODULE: ./src/tools/setup.ts + 5 modules
var setup = __webpack_require__(8732);
// EXTERNAL MODULE: ./src/util/which.ts
var which = __webpack_require__(6669);
// EXTERNAL MODULE: ./src/cli/exit.ts
var exit = __webpack_require__(7632);
;// CONCATENATED MODULE: ./src/cli/fix.ts



















const FIX_USAGE = `Usage: hardening fix [PATH ...] [options]

Fixes what the bundled policies find in Kubernetes manifests (PATH, default .): each fix edits
only the lines it must (comments, key order, quoting and indentation stay) and is re-evaluated
with the same policies before it is offered. Findings without a safe fix are listed with the
reason. See docs/fixes.md.

Options:
  --dry-run                    print the fixes as a unified diff; change no file
  --rules KIND[,KIND]          only these rules (template kinds, e.g. HardeningPSSPrivileged)
  --cloud aws|gcp|azure        make public LoadBalancers internal with this cloud's annotation
  --resources-default LIST     requests and limits for containers that lack them, e.g.
                               cpu=100m,memory=128Mi (both) or requests.cpu=100m,limits.cpu=1
  --offline                    do not ask registries for image digests (images stay manual)
  --config FILE                the config file (default .hardening.yaml, when present): the
                               options by input name and fix.resources per namespace; the
                               options given here override it (docs/config.md)
  --policy-bundle NAME         bundled policies: all, pss-restricted, ... (default all)
  --policies DIR[,DIR]         extra ConstraintTemplates and Constraints
  --trusted-tool-dir DIR       run the conftest in DIR without checking it against a pin
  --pinned-tools               run only the pinned conftest release, verified by SHA-256
  --tool-mirror URL            where to download the pinned conftest release from
  --scan-timeout SECONDS       time limit for each conftest run (default ${config_inputs/* INPUT_DEFAULTS */.WJ['scan-timeout']})
  --verbose                    log each step to standard error
  -h, --help                   this help
Exit codes (with or without --dry-run, for the files as they are after the fixes):
  0 no finding is left, 1 findings are left that have no automatic fix (listed on standard
  error), 2 usage or configuration error, 3 a tool failed.`;
const FLAG_TO_INPUT = {
    'policy-bundle': 'policy-bundle',
    policies: 'policies',
    'trusted-tool-dir': 'trusted-tool-dir',
    'tool-mirror': 'tool-mirror',
    'scan-timeout': 'scan-timeout'
};
class UsageError extends Error {
}
async function runFix(argv) {
    let options;
    try {
        options = parseOptions(argv);
    }
    catch (error) {
        process.stderr.write(`${(0,src_log/* printable */.g$)(error.message)}\n\n${FIX_USAGE}\n`);
        return exit/* EXIT */.d.usage;
    }
    if (options === 'help') {
        process.stdout.write(`${FIX_USAGE}\n`);
        return exit/* EXIT */.d.pass;
    }
    const { values, inputs, cloud, resourceDefaults, rules } = options;
    const { progress, log } = (0,src_progress/* cliProgress */.oC)((0,src_log/* stderrLogger */.D7)(Boolean(values.verbose)));
    let workDir;
    try {
        if (!process.env.RUNNER_TOOL_CACHE)
            process.env.RUNNER_TOOL_CACHE = `${process.env.HOME ?? '.'}/.cache/hardening-action/tool-cache`;
        const file = await (0,config_file/* loadCliConfigFile */.$n)(values.config, process.cwd());
        const { read, attempt } = (0,config_file/* layerInputs */.hF)((name) => inputs[name] ?? '', file, (name) => Boolean(inputs[name]));
        // The config file's per-path settings, as `hardening scan` applies them: each path is fixed
        // against the policies that judge it there, and an excluded path is left alone.
        const config = (0,config_file/* withPathSettings */.Bp)(attempt(() => (0,config_inputs/* readConfig */.Xg)(read, process.cwd())), file);
        if (values['pinned-tools'])
            config.trustedToolDirs = [];
        else if (!read('trusted-tool-dir').trim())
            config.trustedToolDirs = (0,which/* pathDirs */.i)();
        progress.stage('install tools');
        const { tools } = await (0,setup/* installTools */.HG)(config, { tools: ['conftest'], vulnerabilityDb: false }, log);
        workDir = await (0,temp/* privateTempDir */.n)('hardening-fix-scan-');
        const context = { config, tools, actionRoot: action_root/* ACTION_ROOT */.Y, log, timeoutMs: config.scanTimeoutMs };
        progress.stage('scan');
        const [outcome] = await policies/* policiesScanner */.B.run({ ...context, workDir, progress });
        if (!outcome || outcome.error)
            throw new Error(outcome?.error ?? 'the policy scan gave no result');
        for (const notice of outcome.notices)
            log.warning(notice);
        progress.stage('plan fixes');
        const plan = await planFixes(outcome.findings, {
            context,
            digests: new DigestResolver({
                offlineReason: values.offline
                    ? 'registries were not asked (--offline); pin the digest by hand or re-run online'
                    : undefined
            }),
            ...(rules ? { rules } : {}),
            ...(cloud ? { cloud } : {}),
            ...(0,config_file/* fixResourceSettings */.bJ)(resourceDefaults, file)
        });
        // Ended before the diff goes to standard output, which may be the same terminal as the line.
        progress.done();
        for (const fix of plan.fixes) {
            const file = external_node_path_default().join(config.workspace, fix.path);
            const source = new SourceText(await (0,promises_.readFile)(file, 'utf8'));
            if (values['dry-run'])
                process.stdout.write((0,src_log/* printable */.g$)(unifiedDiff(fix.path, source, fix.edits)));
            else
                await writeFileAtomic(file, applyLineEdits(source, fix.edits));
        }
        const fixed = plan.fixes.reduce((sum, fix) => sum + fix.resolves.length, 0);
        const verb = values['dry-run'] ? 'would fix' : 'fixed';
        process.stderr.write(`${verb} ${fixed} finding(s) in ${plan.fixes.length} file(s)\n`);
        for (const { finding, reason } of plan.manual) {
            const where = `${finding.location.path}:${finding.location.startLine}`;
            process.stderr.write(`${(0,src_log/* printable */.g$)(`manual: ${where} ${finding.ruleId}: ${finding.message}\n  why: ${reason}`)}\n`);
        }
        const left = plan.manual.length > 0 || (outcome.gateFailures?.length ?? 0) > 0;
        return left ? exit/* EXIT */.d.gateFailed : exit/* EXIT */.d.pass;
    }
    catch (error) {
        progress.done();
        process.stderr.write(`error: ${(0,src_log/* printable */.g$)(error.message)}\n`);
        return error instanceof config_inputs/* ConfigError */.xL ? exit/* EXIT */.d.usage : exit/* EXIT */.d.toolFailed;
    }
    finally {
        if (workDir)
            await (0,promises_.rm)(workDir, { recursive: true, force: true });
    }
}
function parseOptions(argv) {
    const { values, positionals } = (0,external_node_util_.parseArgs)({
        args: argv,
        allowPositionals: true,
        options: {
            ...Object.fromEntries(Object.keys(FLAG_TO_INPUT).map((flag) => [flag, { type: 'string' }])),
            rules: { type: 'string' },
            cloud: { type: 'string' },
            'resources-default': { type: 'string' },
            config: { type: 'string' },
            'dry-run': { type: 'boolean' },
            offline: { type: 'boolean' },
            'pinned-tools': { type: 'boolean' },
            verbose: { type: 'boolean' },
            help: { type: 'boolean', short: 'h' }
        }
    });
    if (values.help)
        return 'help';
    const cloud = values.cloud === undefined ? undefined : (0,settings/* parseCloud */.lw)(values.cloud, '--cloud');
    const rules = values.rules
        ?.split(',')
        .map((rule) => rule.trim())
        .filter(Boolean);
    if (rules && rules.length === 0)
        throw new UsageError('--rules needs at least one rule.');
    const unknown = rules?.filter((rule) => !Object.hasOwn(RULE_FIXES, rule));
    if (unknown?.length)
        throw new UsageError(`--rules: no automatic fix exists for ${unknown.join(', ')}; rules with fixes: ${Object.keys(RULE_FIXES).sort().join(', ')}.`);
    const inputs = {
        manifests: positionals.join('\n'),
        scanners: 'policies'
    };
    for (const [flag, input] of Object.entries(FLAG_TO_INPUT)) {
        const value = values[flag];
        if (typeof value === 'string')
            inputs[input] = value;
    }
    if (values['pinned-tools'] && inputs['trusted-tool-dir'] !== undefined)
        throw new UsageError('--pinned-tools and --trusted-tool-dir exclude each other.');
    const resourceDefaults = values['resources-default'] === undefined
        ? undefined
        : (0,settings/* parseResourceDefaults */.g0)(values['resources-default'], '--resources-default');
    return { values, inputs, cloud, resourceDefaults, rules };
}


/***/ })

};
