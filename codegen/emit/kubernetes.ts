// Types only: the package is ESM-only with `import` exports, which the CommonJS bundle of the
// codegen cannot require. The objects are checked against its types here and validated against
// the CRDs' schemas with its classes in the tests (test/kubernetes.test.ts).
import type { IPodMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor';
import type { IPrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import type { IServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
import type { MetricsModel } from '../model/model.ts';
import type { GeneratedFile } from './generated-file.ts';
import { rules } from './prometheus.ts';
import { yamlFile } from './yaml-file.ts';

export const SERVICE_MONITOR_FILE = 'kubernetes/service-monitor.yaml';
export const POD_MONITOR_FILE = 'kubernetes/pod-monitor.yaml';
export const PROMETHEUS_RULE_FILE = 'kubernetes/prometheus-rule.yaml';

/**
 * The prometheus-operator resources: a ServiceMonitor or PodMonitor with the spec's scrape
 * settings and credentials, and a PrometheusRule with the groups of rules.yml. Typed with
 * `@kubernetes-models/prometheus-operator`, so a field the CRDs do not have is a compile error.
 */
export function emitKubernetes(model: MetricsModel): GeneratedFile[] {
  const monitor = monitorOf(model);
  const path = monitor.kind === 'PodMonitor' ? POD_MONITOR_FILE : SERVICE_MONITOR_FILE;
  return [
    yamlFile(model.sourceFile, path, monitor),
    yamlFile(model.sourceFile, PROMETHEUS_RULE_FILE, prometheusRule(model)),
  ];
}

function metadata(model: MetricsModel, name: string) {
  const { namespace, labels } = model.scrape.kubernetes;
  return { name, ...(namespace === undefined ? {} : { namespace }), labels: { ...labels } };
}

/** The endpoint both monitor kinds share: where, how often, with which credentials. */
function endpoint(model: MetricsModel) {
  const { interval, timeout, auth, job, kubernetes } = model.scrape;
  const secret = kubernetes.authSecret ?? '';
  return {
    port: kubernetes.port,
    path: '/metrics',
    interval,
    scrapeTimeout: timeout,
    // The job label stays the spec's, as in prometheus.yml, whatever the Service or Pod is named.
    relabelings: [{ action: 'replace' as const, targetLabel: 'job', replacement: job }],
    ...(auth?.type === 'bearer'
      ? { authorization: { type: 'Bearer', credentials: { name: secret, key: 'token' } } }
      : {}),
    ...(auth?.type === 'basic'
      ? {
          basicAuth: {
            username: { name: secret, key: 'username' },
            password: { name: secret, key: 'password' },
          },
        }
      : {}),
  };
}

const API_VERSION = 'monitoring.coreos.com/v1';

function monitorOf(model: MetricsModel): IServiceMonitor | IPodMonitor {
  const { kubernetes } = model.scrape;
  const selector = { matchLabels: { ...kubernetes.selector } };
  if (kubernetes.monitor === 'PodMonitor') {
    return {
      apiVersion: API_VERSION,
      kind: 'PodMonitor',
      metadata: metadata(model, kubernetes.name),
      spec: { selector, podMetricsEndpoints: [endpoint(model)] },
    };
  }
  return {
    apiVersion: API_VERSION,
    kind: 'ServiceMonitor',
    metadata: metadata(model, kubernetes.name),
    spec: { selector, endpoints: [endpoint(model)] },
  };
}

function prometheusRule(model: MetricsModel): IPrometheusRule {
  return {
    apiVersion: API_VERSION,
    kind: 'PrometheusRule',
    metadata: metadata(model, `${model.scrape.kubernetes.name}-rules`),
    spec: { groups: rules(model).groups },
  };
}
