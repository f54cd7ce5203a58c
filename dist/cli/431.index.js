export const id = 431;
export const ids = [431];
export const modules = {

/***/ 3431:
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
// EXTERNAL MODULE: ./src/manifests/render.ts
var manifests_render = __webpack_require__(5276);
// EXTERNAL MODULE: ./src/scanners/policies.ts + 5 modules
var policies = __webpack_require__(171);
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
 */
function apiRejection(documentText) {
    const object = (0,dist/* parseDocument */.Tp)(documentText, { version: '1.1' }).toJS();
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
    for (const [file, fileFindings] of byFile) {
        try {
            documents.push(...(await fixFile(options.context.config.workspace, file, fileFindings, settings, manual)));
        }
        catch (error) {
            if (!(error instanceof ManualOnly))
                throw error;
            manual.push(...fileFindings.map((finding) => ({ finding, reason: error.message })));
        }
    }
    const verified = await verify(documents, findings, options.context, manual);
    return { fixes: toFileFixes(verified), manual: manual.sort(byLocation) };
}
async function fixFile(workspace, file, findings, settings, manual) {
    const absolute = external_node_path_default().resolve(workspace, file);
    if (external_node_path_default().relative(workspace, absolute).startsWith('..'))
        throw new ManualOnly('the file is outside the workspace');
    const info = await (0,promises_.lstat)(absolute).catch(() => undefined);
    if (!info)
        throw new ManualOnly('the file the finding names is not there to edit');
    if (info.isSymbolicLink())
        throw new ManualOnly('the file is a symbolic link; fix its target');
    const renderer = await renderedBy(workspace, absolute);
    if (renderer)
        throw new ManualOnly(`the object is rendered by ${renderer}; fix its source by hand (a source edit cannot be verified against the rendered output here)`);
    const source = new SourceText(await (0,promises_.readFile)(absolute, 'utf8'));
    const documents = (0,dist/* parseAllDocuments */.hR)(source.text, { version: '1.1' });
    if (!Array.isArray(documents))
        throw new ManualOnly('the file holds no YAML documents');
    const step = indentStep(documents, source);
    const byDocument = new Map();
    for (const finding of findings) {
        const line = Math.max(1, Math.min(finding.location.startLine, source.lineCount));
        const offset = source.lineStart(line);
        const document = documents.find((doc) => doc.range[0] <= offset && offset < doc.range[2]);
        if (!document)
            manual.push({ finding, reason: 'the finding does not point into a YAML document' });
        else
            byDocument.set(document, [...(byDocument.get(document) ?? []), finding]);
    }
    const fixed = [];
    for (const [document, documentFindings] of byDocument) {
        try {
            const result = await fixDocument(document, documentFindings, source, step, settings, manual);
            if (result)
                fixed.push({ ...result, path: file });
        }
        catch (error) {
            if (!(error instanceof ManualOnly))
                throw error;
            manual.push(...documentFindings.map((finding) => ({ finding, reason: error.message })));
        }
    }
    return fixed;
}
async function fixDocument(document, findings, source, step, settings, manual) {
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
        ...containerAt(pod, source, finding.location.startLine)
    });
    // Each fix is tried alone first, so one that fails leaves nothing half-made behind; the ones that
    // work are then made together on one editor.
    const accepted = [];
    // In line and rule order, so added keys come out in the same order on every run.
    const ordered = [...findings].sort((a, b) => a.location.startLine - b.location.startLine ||
        compareText(a.ruleId, b.ruleId) ||
        compareText(a.message, b.message));
    for (const finding of ordered) {
        if (finding.resource !== resource) {
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
            trial.lineEdits();
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
        firstLine: source.lineOf(document.range[0]),
        lastLine: source.lastContentLine(document.range[2]),
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
    const { config } = context;
    const root = await (0,temp/* privateTempDir */.n)('hardening-fix-');
    try {
        const workspace = external_node_path_default().join(root, 'workspace');
        const files = new Map();
        const rejected = new Map();
        for (const doc of documents) {
            const fixedText = applyLineEdits(doc.source, doc.edits, doc.firstLine, doc.lastLine);
            files.set(doc.path, [...(files.get(doc.path) ?? []), fixedText]);
            // Only setting allowPrivilegeEscalation can create a combination the API refuses.
            const sets = doc.findings.some((f) => f.ruleId === 'HardeningPSSPrivilegeEscalation');
            const rejection = sets ? apiRejection(fixedText) : undefined;
            if (rejection)
                rejected.set(doc, rejection);
        }
        for (const [file, texts] of files) {
            const target = external_node_path_default().join(workspace, file);
            await (0,promises_.mkdir)(external_node_path_default().dirname(target), { recursive: true });
            await (0,promises_.writeFile)(target, texts.map((text) => `---\n${text}${text.endsWith('\n') ? '' : '\n'}`).join(''));
        }
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
                manifests: [...files.keys()].map((file) => external_node_path_default().join(workspace, file)),
                extraPolicies,
                unreadableManifests: 'warn'
            }
        });
        const outcome = outcomes[0];
        if (outcome.error)
            throw new Error(`verifying the fixes failed: ${outcome.error}`);
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
            const rejection = rejected.get(doc);
            if (added.length > 0 || rejection) {
                const reason = `the fix was not offered: ${rejection ?? `it would add ${added.map((f) => `${f.ruleId} (${f.message})`).join('; ')}`}`;
                manual.push(...doc.findings.map((finding) => ({ finding, reason })));
                continue;
            }
            const remaining = new Set(now.map((finding) => finding.fingerprint));
            const resolved = doc.findings.filter((finding) => !remaining.has(finding.fingerprint));
            for (const finding of doc.findings)
                if (remaining.has(finding.fingerprint))
                    manual.push({
                        finding,
                        reason: 'the fix did not resolve it when re-evaluated; fix it by hand'
                    });
            if (resolved.length > 0)
                verified.push({ ...doc, findings: resolved });
        }
        return verified;
    }
    finally {
        await (0,promises_.rm)(root, { recursive: true, force: true });
    }
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
/** Whether a kustomization or Helm chart in the file's directory or above renders it. */
async function renderedBy(workspace, file) {
    for (let dir = external_node_path_default().dirname(file); !external_node_path_default().relative(workspace, dir).startsWith('..'); dir = external_node_path_default().dirname(dir)) {
        for (const name of [...manifests_render/* KUSTOMIZATION_FILES */.Ct, manifests_render/* HELM_CHART_FILE */.xK]) {
            const exists = await (0,promises_.lstat)(external_node_path_default().join(dir, name)).then(() => true, () => false);
            if (exists)
                return name === manifests_render/* HELM_CHART_FILE */.xK ? 'a Helm chart' : 'a kustomization';
        }
        if (dir === workspace || dir === external_node_path_default().dirname(dir))
            break;
    }
    return undefined;
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
        const config = attempt(() => (0,config_inputs/* readConfig */.Xg)(read, process.cwd()));
        if (values['pinned-tools'])
            config.trustedToolDirs = [];
        else if (!read('trusted-tool-dir').trim())
            config.trustedToolDirs = (0,which/* pathDirs */.i)();
        progress.stage('install tools');
        const { tools } = await (0,setup/* installTools */.H)(config, { tools: ['conftest'], vulnerabilityDb: false }, log);
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
