// Corpora shaped like what most pull requests carry (issue 17 §3), generated here rather than
// copied from anyone's repository: a microservice app of 30 resources in one file, and an
// operator's install manifest of about 1.9 MB, most of it CustomResourceDefinitions with large
// OpenAPI schemas (the shape of cert-manager's or an ingress controller's release YAML).
import { manifestYaml } from './corpus.mjs'

const SERVICES = [
  'frontend',
  'cart',
  'checkout',
  'currency',
  'email',
  'payment',
  'productcatalog',
  'recommendation',
  'shipping',
  'ad'
]

/** Ten services, each a ServiceAccount, a Deployment and a Service: 30 resources, one file. */
export function microserviceApp() {
  const docs = []
  SERVICES.forEach((name, i) => {
    const labels = { app: name }
    // Some hardened, some not, as real apps are: half the findings a scan would report.
    const hardened = i % 2 === 0
    docs.push({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name } })
    docs.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, labels },
      spec: {
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            serviceAccountName: name,
            terminationGracePeriodSeconds: 5,
            ...(hardened
              ? {
                  securityContext: {
                    fsGroup: 1000,
                    runAsGroup: 1000,
                    runAsNonRoot: true,
                    runAsUser: 1000
                  }
                }
              : {}),
            containers: [
              {
                name: 'server',
                image: hardened
                  ? `registry.example.com/shop/${name}:v0.10.${i}`
                  : `registry.example.com/shop/${name}:latest`,
                ports: [{ containerPort: 8080 + i }],
                env: [
                  { name: 'PORT', value: String(8080 + i) },
                  { name: 'OTEL_SERVICE_NAME', value: name },
                  {
                    name: 'UPSTREAM',
                    value: `${SERVICES[(i + 1) % SERVICES.length]}:${8081 + ((i + 1) % SERVICES.length)}`
                  }
                ],
                readinessProbe: { grpc: { port: 8080 + i }, periodSeconds: 5 },
                livenessProbe: { grpc: { port: 8080 + i } },
                ...(hardened
                  ? {
                      securityContext: {
                        allowPrivilegeEscalation: false,
                        capabilities: { drop: ['ALL'] },
                        privileged: false,
                        readOnlyRootFilesystem: true,
                        seccompProfile: { type: 'RuntimeDefault' }
                      },
                      resources: {
                        requests: { cpu: '100m', memory: '64Mi' },
                        limits: { cpu: '200m', memory: '128Mi' }
                      }
                    }
                  : {})
              }
            ]
          }
        }
      }
    })
    docs.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, labels },
      spec: {
        type: name === 'frontend' ? 'LoadBalancer' : 'ClusterIP',
        selector: labels,
        ports: [{ name: 'grpc', port: 8081 + i, targetPort: 8080 + i }]
      }
    })
  })
  return docs
}

/** An OpenAPI schema of `depth` levels with `width` properties each: CRDs are mostly this. */
function schema(depth, width, seed) {
  if (depth === 0)
    return {
      type: 'string',
      description: `Field ${seed}: a setting of the custom resource, documented at length as operators do.`
    }
  const properties = {}
  for (let i = 0; i < width; i++)
    properties[`field${seed}x${i}`] = schema(depth - 1, width, `${seed}.${i}`)
  return {
    type: 'object',
    description: `Object ${seed} of the custom resource.`,
    properties,
    ...(depth > 1 ? { required: [`field${seed}x0`] } : {})
  }
}

/** An operator's release manifest: Namespace, RBAC, 5 large CRDs, 3 Deployments, Services, webhooks. */
export function installManifest() {
  const ns = 'example-system'
  const docs = [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }]
  for (let c = 0; c < 5; c++) {
    const kind = `Widget${c}`
    docs.push({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: `widget${c}s.example.io` },
      spec: {
        group: 'example.io',
        names: { kind, listKind: `${kind}List`, plural: `widget${c}s`, singular: `widget${c}` },
        scope: 'Namespaced',
        versions: ['v1', 'v1beta1'].map((version, v) => ({
          name: version,
          served: true,
          storage: v === 0,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: { spec: schema(4, 5, `${c}${v}`), status: schema(2, 6, `s${c}${v}`) }
            }
          }
        }))
      }
    })
  }
  for (const component of ['controller', 'webhook', 'cainjector']) {
    const name = `example-${component}`
    const labels = { 'app.kubernetes.io/name': name, 'app.kubernetes.io/component': component }
    docs.push({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: ns } })
    docs.push({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name },
      rules: [
        { apiGroups: ['example.io'], resources: ['*'], verbs: ['get', 'list', 'watch', 'update'] },
        { apiGroups: [''], resources: ['secrets', 'events'], verbs: ['get', 'create', 'patch'] }
      ]
    })
    docs.push({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
      subjects: [{ kind: 'ServiceAccount', name, namespace: ns }]
    })
    docs.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: ns, labels },
      spec: {
        replicas: 1,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            serviceAccountName: name,
            securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [
              {
                name: component,
                image: `quay.io/example/${component}:v1.16.2`,
                args: ['--v=2', `--leader-election-namespace=${ns}`],
                ports: [{ containerPort: 9402, name: 'metrics' }],
                securityContext: {
                  allowPrivilegeEscalation: false,
                  capabilities: { drop: ['ALL'] },
                  readOnlyRootFilesystem: true
                },
                ...(component === 'cainjector'
                  ? {}
                  : {
                      resources: {
                        requests: { cpu: '10m', memory: '32Mi' },
                        limits: { memory: '256Mi', cpu: '1' }
                      }
                    })
              }
            ]
          }
        }
      }
    })
    docs.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace: ns },
      spec: { selector: labels, ports: [{ name: 'https', port: 443, targetPort: 10250 }] }
    })
  }
  docs.push({
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingWebhookConfiguration',
    metadata: { name: 'example-webhook' },
    webhooks: [
      {
        name: 'webhook.example.io',
        admissionReviewVersions: ['v1'],
        sideEffects: 'None',
        clientConfig: { service: { name: 'example-webhook', namespace: ns, path: '/validate' } },
        rules: [
          {
            apiGroups: ['example.io'],
            apiVersions: ['v1'],
            operations: ['CREATE', 'UPDATE'],
            resources: ['*']
          }
        ]
      }
    ]
  })
  return docs
}

/** Documents as one file of block YAML. */
export const oneFile = (docs) => docs.map(manifestYaml).join('---\n')
