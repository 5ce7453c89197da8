import { renderAnnotation, testTarget } from '../promql/alert-test.ts';
import type { AlertSpec, MetricsSpec, QuerySpec, ScrapeAuthSpec } from '../spec/schema.ts';
import { mustGet, type ResolvedAlertTest, type SpecFacts } from './facts.ts';
import { type KubernetesModel, kubernetesModel } from './kubernetes.ts';
import { anchorOf } from './names.ts';
import type { AlertModel, AlertTestModel, AlertThreshold, QueryModel } from './rule-types.ts';
import { type SloModel, sloRules } from './slo.ts';

export type {
  AlertModel,
  AlertTestModel,
  AlertThreshold,
  QueryModel,
  TestSeriesModel,
} from './rule-types.ts';

export interface ScrapeModel {
  readonly job: string;
  readonly targets: readonly string[];
  readonly interval: string;
  readonly timeout: string;
  readonly auth: ScrapeAuthSpec | undefined;
  readonly kubernetes: KubernetesModel;
  /** Alertmanagers that receive the alerts, `host:port`. */
  readonly alertmanagers: readonly string[];
  /** The target rule tests' input series are scraped from: the job, one instance. */
  readonly testTarget: Readonly<Record<string, string>>;
}

const DEFAULT_TEST_TIME = '30m';

/** `job` is the job as the validator resolved it, the namespace's when the spec names none. */
export function scrapeModel(spec: MetricsSpec, job: string): ScrapeModel {
  return {
    job,
    targets: spec.scrape?.targets ?? ['localhost:9090'],
    interval: spec.scrape?.interval ?? '15s',
    timeout: spec.scrape?.timeout ?? '10s',
    auth: spec.scrape?.auth,
    kubernetes: kubernetesModel(job, spec.scrape?.kubernetes, spec.scrape?.auth),
    alertmanagers: spec.alerting?.targets ?? ['localhost:9093'],
    testTarget: testTarget(job),
  };
}

export function rulesModel(
  spec: MetricsSpec,
  facts: SpecFacts,
  target: Readonly<Record<string, string>>,
): {
  queries: QueryModel[];
  alerts: AlertModel[];
  slos: SloModel[];
} {
  const queries = spec.groups.flatMap((group) =>
    (group.queries ?? []).map((query) =>
      queryModel(query, group.id, facts.queryLabels.get(query.record)),
    ),
  );
  const alerts = spec.groups.flatMap((group) =>
    (group.alerts ?? []).map((alert) =>
      alertModel(alert, group.id, mustGet(facts.alertTests, alert.alert), spec.runbook_url),
    ),
  );
  const labelValues = new Map(
    Object.entries(spec.labels ?? {}).map(([name, l]) => [name, l.values]),
  );
  const slo = sloRules(spec, {
    namespace: spec.namespace,
    target,
    runbookBase: spec.runbook_url,
    labelValues,
    selectors: facts.sloSelectors,
  });
  const withThresholds = queries.map((query) => ({
    ...query,
    alertThresholds: thresholdsOf(query.record, alerts),
  }));
  return {
    queries: [...withThresholds, ...slo.queries],
    alerts: [...alerts, ...slo.alerts],
    slos: slo.slos,
  };
}

function queryModel(
  query: QuerySpec,
  groupId: string,
  outputLabels: ReadonlySet<string> = new Set(),
): QueryModel {
  const expr = query.expr.trim();
  return {
    record: query.record,
    title: query.title.trim(),
    description: query.description.trim(),
    expr,
    unit: query.unit ?? 'short',
    panel: query.panel ?? 'timeseries',
    groupId,
    outputLabels: [...outputLabels],
  };
}

function alertModel(
  alert: AlertSpec,
  groupId: string,
  tests: readonly ResolvedAlertTest[],
  runbookBase: string | undefined,
): AlertModel {
  const expr = alert.expr.trim();
  const anchor = anchorOf(alert.alert);
  const runbookUrl = `${runbookBase ?? ''}#${anchor}`;
  const summary = alert.summary.trim();
  const description = alert.description.trim();
  const testModel = (test: ResolvedAlertTest, index: number): AlertTestModel => {
    const name = index < 2 ? `${alert.alert} ${test.name}` : `${alert.alert}: ${test.name}`;
    const at = test.at ?? DEFAULT_TEST_TIME;
    if (test.labels === undefined) return { name, at, series: test.series, expected: undefined };
    const labels = { alertname: alert.alert, severity: alert.severity, ...test.labels };
    const render = (text: string) => renderAnnotation(text, labels, test.value);
    const annotations = {
      summary: render(summary),
      description: render(description),
      runbook_url: runbookUrl,
    };
    return { name, at, series: test.series, expected: { labels, annotations } };
  };
  return {
    name: alert.alert,
    expr,
    for: alert.for,
    severity: alert.severity,
    summary,
    description,
    runbook: alert.runbook.trim(),
    anchor,
    runbookUrl,
    groupId,
    tests: tests.map(testModel),
  };
}

/** `record > 0.05` in an alert's expression: the value a stat panel turns red at. */
function thresholdsOf(record: string, alerts: readonly AlertModel[]): AlertThreshold[] {
  const escaped = record.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const comparison = new RegExp(`(?<![\\w:])${escaped}\\s*>\\s*([0-9.eE+-]+)`);
  return alerts.flatMap((alert) => {
    const found = comparison.exec(alert.expr)?.[1];
    if (found === undefined) return [];
    const { name, severity, runbookUrl } = alert;
    return [{ alert: name, value: Number(found), severity, runbookUrl }];
  });
}
