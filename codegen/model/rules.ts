import {
  expectedAlertLabels,
  parseTestSeries,
  renderAnnotation,
  type TestSeries,
  testTarget,
} from '../promql/alert-test.ts';
import { SeriesCatalog } from '../promql/catalog.ts';
import type {
  AlertSpec,
  AlertTestCaseSpec,
  GrafanaUnit,
  MetricsSpec,
  QuerySpec,
  ScrapeAuthSpec,
} from '../spec/schema.ts';
import { type KubernetesModel, kubernetesModel } from './kubernetes.ts';
import { anchorOf } from './names.ts';
import { histogramKinds } from './native-buckets.ts';
import type {
  AlertModel,
  AlertTestModel,
  AlertThreshold,
  QueryModel,
  TestSeriesModel,
} from './rule-types.ts';
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
}

const DEFAULT_TEST_TIME = '30m';

export function scrapeModel(spec: MetricsSpec): ScrapeModel {
  const job = spec.scrape?.job ?? spec.namespace.replace(/_/g, '-');
  return {
    job,
    targets: spec.scrape?.targets ?? ['localhost:9090'],
    interval: spec.scrape?.interval ?? '15s',
    timeout: spec.scrape?.timeout ?? '10s',
    auth: spec.scrape?.auth,
    kubernetes: kubernetesModel(job, spec.scrape?.kubernetes, spec.scrape?.auth),
    alertmanagers: spec.alerting?.targets ?? ['localhost:9093'],
  };
}

export function rulesModel(spec: MetricsSpec): {
  queries: QueryModel[];
  alerts: AlertModel[];
  slos: SloModel[];
} {
  const declared = spec.groups.flatMap((group) => group.queries ?? []);
  const catalog = new SeriesCatalog({
    namespace: spec.namespace,
    metrics: spec.groups.flatMap((group) => group.metrics),
    histogramKinds: histogramKinds(new Map(Object.entries(spec.buckets ?? {}))),
    labelValues: new Map(Object.entries(spec.labels ?? {}).map(([name, l]) => [name, l.values])),
    records: declared.map((query) => ({ record: query.record, expr: query.expr })),
  });
  const queries = spec.groups.flatMap((group) =>
    (group.queries ?? []).map((query) => queryModel(query, group.id, catalog)),
  );
  const target = testTarget(scrapeModel(spec).job);
  const alerts = spec.groups.flatMap((group) =>
    (group.alerts ?? []).map((alert) =>
      alertModel(alert, group.id, { catalog, target, runbookBase: spec.runbook_url }),
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

function queryModel(query: QuerySpec, groupId: string, catalog: SeriesCatalog): QueryModel {
  const expr = query.expr.trim();
  return {
    record: query.record,
    title: query.title.trim(),
    description: query.description.trim(),
    expr,
    unit: query.unit ?? 'short',
    panel: query.panel ?? 'timeseries',
    groupId,
    outputLabels: [...(catalog.outputLabels(expr) ?? [])],
  };
}

interface AlertContext {
  readonly catalog: SeriesCatalog;
  readonly target: Readonly<Record<string, string>>;
  readonly runbookBase: string | undefined;
}

function alertModel(alert: AlertSpec, groupId: string, context: AlertContext): AlertModel {
  const expr = alert.expr.trim();
  const outputLabels = context.catalog.outputLabels(expr) ?? new Set<string>();
  const anchor = anchorOf(alert.alert);
  const runbookUrl = `${context.runbookBase ?? ''}#${anchor}`;
  const summary = alert.summary.trim();
  const description = alert.description.trim();
  const { test } = alert;
  const at = test.at ?? DEFAULT_TEST_TIME;
  const cases: AlertTestCaseSpec[] = [
    { name: 'fires', series: test.fires, expect: 'fires', labels: test.labels, value: test.value },
    { name: 'stays silent', series: test.silent, expect: 'silent' },
    ...(test.cases ?? []),
  ];
  const tests = cases.map((one, index): AlertTestModel => {
    const series = testSeries(one.series);
    const name = index < 2 ? `${alert.alert} ${one.name}` : `${alert.alert}: ${one.name}`;
    if (one.expect === 'silent') return { name, at: one.at ?? at, series, expected: undefined };
    const found = expectedAlertLabels(outputLabels, series, context.target, one.labels);
    if (typeof found === 'string') throw new Error(`internal error: ${found}`);
    const labels = { alertname: alert.alert, severity: alert.severity, ...found };
    const render = (text: string) => renderAnnotation(text, labels, one.value);
    const annotations = {
      summary: render(summary),
      description: render(description),
      runbook_url: runbookUrl,
    };
    return { name, at: one.at ?? at, series, expected: { labels, annotations } };
  });
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
    tests,
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

function testSeries(series: Readonly<Record<string, string>>): TestSeriesModel[] {
  return Object.entries(series).map(([selector, values]) => {
    const parsed = parseTestSeries(selector);
    if (parsed === undefined) throw new Error(`internal error: unchecked series ${selector}`);
    return { ...parsed, values: values.trim() };
  });
}
