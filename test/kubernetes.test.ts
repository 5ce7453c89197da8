import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PodMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor';
import { PrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import { ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { emitKubernetes } from '../codegen/emit/kubernetes.ts';
import { emitPrometheus } from '../codegen/emit/prometheus.ts';
import type { MetricsModel } from '../codegen/model/model.ts';
import { PROJECT_ROOT } from './support/cli.ts';
import { fileNamed, modelOf, SPECS } from './support/generate.ts';
import { modelOfText } from './support/spec-text.ts';

function files(model: MetricsModel): Record<string, unknown> {
  return Object.fromEntries(emitKubernetes(model).map((file) => [file.path, parse(file.contents)]));
}

function modelWith(specPath: string, kubernetes: string): MetricsModel {
  const text = readFileSync(resolve(PROJECT_ROOT, specPath), 'utf8').replace(
    /^scrape:\n/m,
    `scrape:\n  kubernetes:\n${kubernetes}`,
  );
  return modelOfText(text);
}

/** rules.yml as Prometheus loads it, to compare with the PrometheusRule's groups. */
function rulesYml(model: MetricsModel): unknown {
  return parse(fileNamed(emitPrometheus(model), 'prometheus/rules.yml'));
}

describe('kubernetes resources', () => {
  it('the seed: a ServiceMonitor with the scrape settings, valid against the CRD schema', () => {
    const model = modelOf(SPECS.processor);
    const out = files(model);
    const monitor = new ServiceMonitor(out['kubernetes/service-monitor.yaml'] as never);
    expect(() => monitor.validate()).not.toThrow();
    expect(monitor.metadata?.name).toBe('stream-processor');
    expect(monitor.spec.selector).toEqual({
      matchLabels: { 'app.kubernetes.io/name': 'stream-processor' },
    });
    expect(monitor.spec.endpoints).toEqual([
      {
        port: 'metrics',
        path: '/metrics',
        interval: '15s',
        scrapeTimeout: '10s',
        relabelings: [{ action: 'replace', targetLabel: 'job', replacement: 'stream-processor' }],
      },
    ]);
  });

  it.each([
    ['the seed', SPECS.processor],
    ['http-api', SPECS.httpApi],
  ])('%s: the PrometheusRule holds exactly the groups of rules.yml, valid', (_name, spec) => {
    const model = modelOf(spec);
    const rule = new PrometheusRule(files(model)['kubernetes/prometheus-rule.yaml'] as never);
    expect(() => rule.validate()).not.toThrow();
    expect({ groups: rule.spec.groups }).toEqual(rulesYml(model));
    expect((rule.spec.groups ?? []).flatMap((group) => group.rules ?? []).length).toBeGreaterThan(
      2,
    );
  });

  it('http-api: basic auth becomes a Secret reference with username and password keys', () => {
    const out = files(modelOf(SPECS.httpApi));
    const monitor = new ServiceMonitor(out['kubernetes/service-monitor.yaml'] as never);
    expect(() => monitor.validate()).not.toThrow();
    expect(monitor.spec.endpoints?.[0]).toMatchObject({
      interval: '30s',
      scrapeTimeout: '10s',
      basicAuth: {
        username: { name: 'http-api-metrics-auth', key: 'username' },
        password: { name: 'http-api-metrics-auth', key: 'password' },
      },
    });
  });

  it('a PodMonitor when the spec chooses one, with bearer auth, namespace, port and labels', () => {
    const text = readFileSync(resolve(PROJECT_ROOT, SPECS.processor), 'utf8').replace(
      /^scrape:\n/m,
      'scrape:\n  auth: { type: bearer, credentials_file: /etc/token }\n  kubernetes:\n    monitor: PodMonitor\n    namespace: streaming\n    port: http-metrics\n    selector: { app: processor }\n    labels: { release: kube-prometheus-stack }\n    auth_secret: processor-scrape\n',
    );
    const out = files(modelOfText(text));
    expect(Object.keys(out)).toEqual([
      'kubernetes/pod-monitor.yaml',
      'kubernetes/prometheus-rule.yaml',
    ]);
    const monitor = new PodMonitor(out['kubernetes/pod-monitor.yaml'] as never);
    expect(() => monitor.validate()).not.toThrow();
    expect(monitor.metadata).toEqual({
      name: 'stream-processor',
      namespace: 'streaming',
      labels: { 'app.kubernetes.io/name': 'stream-processor', release: 'kube-prometheus-stack' },
    });
    expect(monitor.spec.selector).toEqual({ matchLabels: { app: 'processor' } });
    expect(monitor.spec.podMetricsEndpoints?.[0]).toMatchObject({
      port: 'http-metrics',
      authorization: { type: 'Bearer', credentials: { name: 'processor-scrape', key: 'token' } },
    });
  });

  it('validation is real: a broken interval or a missing selector fails against the CRD schema', () => {
    const out = files(modelOf(SPECS.processor)) as Record<
      string,
      { spec: Record<string, unknown> }
    >;
    const broken = structuredClone(out['kubernetes/service-monitor.yaml']);
    if (broken === undefined) throw new Error('no monitor');
    (broken.spec.endpoints as { interval: string }[])[0] = { interval: 'fifteen seconds' };
    delete broken.spec.selector;
    expect(() => new ServiceMonitor(broken as never).validate()).toThrow(/selector/);
  });

  it('rejects a port name that is not a DNS label, located', () => {
    expect(() => modelWith(SPECS.processor, '    port: Metrics_Port\n')).toThrow(
      'expected a lower-case DNS label [a-z0-9-]',
    );
  });
});
