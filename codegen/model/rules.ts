import { histogramKinds } from '../native-buckets.ts';
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
  GrafanaUnit,
  MetricsSpec,
  QuerySpec,
  ScrapeAuthSpec,
} from '../spec/schema.ts';
import { type KubernetesModel, kubernetesModel } from './kubernetes.ts';
import { anchorOf } from './names.ts';

/** A derived query: a recording rule, and a panel in the dashboard's overview row. */
export interface QueryModel {
  readonly record: string;
  readonly title: string;
  readonly description: string;
  readonly expr: string;
  readonly unit: GrafanaUnit;
  readonly panel: 'timeseries' | 'stat';
  readonly groupId: string;
  /** Labels of its result; dashboards name series by them. */
  readonly outputLabels: readonly string[];
}

export interface AlertModel {
  readonly name: string;
  readonly expr: string;
  readonly for: string | undefined;
  readonly severity: AlertSpec['severity'];
  readonly summary: string;
  readonly description: string;
  readonly runbook: string;
  /** Heading anchor of its runbook in METRICS.md. */
  readonly anchor: string;
  readonly runbookUrl: string;
  readonly groupId: string;
  readonly test: AlertTestModel;
}

export interface AlertTestModel {
  readonly at: string;
  /** `job` and `instance` of every input series: the spec's own scrape job. */
  readonly target: Readonly<Record<string, string>>;
  readonly fires: readonly TestSeriesModel[];
  readonly silent: readonly TestSeriesModel[];
  /** Labels of the alert the firing series raise, `alertname` and `severity` included. */
  readonly expectedLabels: Readonly<Record<string, string>>;
  readonly expectedAnnotations: Readonly<Record<string, string>>;
}

export interface TestSeriesModel extends TestSeries {
  readonly values: string;
}

export interface ScrapeModel {
  readonly job: string;
  readonly targets: readonly string[];
  readonly interval: string;
  readonly timeout: string;
  readonly auth: ScrapeAuthSpec | undefined;
  readonly kubernetes: KubernetesModel;
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
  };
}

export function rulesModel(spec: MetricsSpec): {
  queries: QueryModel[];
  alerts: AlertModel[];
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
      alertModel(alert, group.id, catalog, { runbookBase: spec.runbook_url, target }),
    ),
  );
  return { queries, alerts };
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

function alertModel(
  alert: AlertSpec,
  groupId: string,
  catalog: SeriesCatalog,
  context: { runbookBase: string | undefined; target: Readonly<Record<string, string>> },
): AlertModel {
  const { runbookBase, target } = context;
  const expr = alert.expr.trim();
  const fires = testSeries(alert.test.fires);
  const outputLabels = catalog.outputLabels(expr) ?? new Set<string>();
  const found = expectedAlertLabels(outputLabels, fires, target);
  if (typeof found === 'string') throw new Error(`internal error: ${found}`);
  const expectedLabels = { alertname: alert.alert, severity: alert.severity, ...found };
  const anchor = anchorOf(alert.alert);
  const summary = alert.summary.trim();
  const description = alert.description.trim();
  return {
    name: alert.alert,
    expr,
    for: alert.for,
    severity: alert.severity,
    summary,
    description,
    runbook: alert.runbook.trim(),
    anchor,
    runbookUrl: `${runbookBase ?? ''}#${anchor}`,
    groupId,
    test: {
      at: alert.test.at ?? DEFAULT_TEST_TIME,
      target,
      fires,
      silent: testSeries(alert.test.silent),
      expectedLabels,
      expectedAnnotations: {
        summary: renderAnnotation(summary, expectedLabels),
        description: renderAnnotation(description, expectedLabels),
        runbook_url: `${runbookBase ?? ''}#${anchor}`,
      },
    },
  };
}

function testSeries(series: Readonly<Record<string, string>>): TestSeriesModel[] {
  return Object.entries(series).map(([selector, values]) => {
    const parsed = parseTestSeries(selector);
    if (parsed === undefined) throw new Error(`internal error: unchecked series ${selector}`);
    return { ...parsed, values: values.trim() };
  });
}
