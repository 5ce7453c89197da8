import { histogramKinds } from '../native-buckets.ts';
import { formatPath, type SpecPath } from '../parse/diagnostics.ts';
import {
  annotationTemplates,
  expectedAlertLabels,
  parseTestSeries,
  type TestSeries,
  testTarget,
} from '../promql/alert-test.ts';
import { SeriesCatalog } from '../promql/catalog.ts';
import type { AlertSpec } from '../spec/schema.ts';
import type { Located, SpecEntities } from './entities.ts';
import type { Problems } from './problems.ts';
import { checkExpression, type TextProblems } from './promql.ts';

const METRIC_TYPES = ['counter', 'gauge', 'histogram'] as const;

/** Checks derived queries and alerts: unique names, PromQL against the spec, rule tests. */
export function checkRules(spec: SpecEntities, problems: Problems): void {
  const catalog = catalogOf(spec, problems);
  const seen = new Map<string, SpecPath>();
  const claim = (name: string, path: SpecPath, what: string) => {
    const earlier = seen.get(name);
    if (earlier !== undefined) {
      problems.at(path, `duplicate ${what} "${name}" (first declared at ${formatPath(earlier)})`);
    } else seen.set(name, path);
  };
  for (const { value: query, path } of spec.queries) {
    claim(query.record, [...path, 'record'], 'recording rule');
    checkExpression(catalog, query.expr, [...path, 'expr'], problems);
  }
  for (const alert of spec.alerts) {
    claim(alert.value.alert, [...alert.path, 'alert'], 'alert');
    checkAlert(catalog, alert, problems);
  }
  const firstAlert = spec.alerts[0];
  if (firstAlert !== undefined && !spec.hasRunbookUrl) {
    problems.at(
      [...firstAlert.path, 'runbook'],
      'alerts link to their runbooks: set the top-level runbook_url to where METRICS.md is published',
    );
  }
}

/**
 * The series the spec declares. Metrics with a reported problem in their name or labels, or
 * malformed ones, are in it as their author meant them, so their uses are not reported again.
 */
function catalogOf(spec: SpecEntities, problems: Problems): SeriesCatalog {
  const labelValues = new Map([...spec.labels].map(([name, label]) => [name, label.values]));
  const sound = spec.metrics.map(({ value, path }) => ({
    ...value,
    broken: {
      name: problems.reportedUnder([...path, 'name']),
      labels: problems.reportedUnder([...path, 'labels']),
    },
  }));
  const malformed = spec.malformedMetrics.map(({ value }) => ({
    name: value.name,
    type: METRIC_TYPES.find((type) => type === value.type),
    broken: { name: false, labels: true },
  }));
  return new SeriesCatalog({
    namespace: spec.namespace,
    metrics: [...sound, ...malformed],
    histogramKinds: histogramKinds(spec.layouts),
    labelValues,
    records: spec.queries.map((query) => query.value),
  });
}

function checkAlert(catalog: SeriesCatalog, alert: Located<AlertSpec>, problems: Problems): void {
  const { value, path } = alert;
  const syntax = checkExpression(catalog, value.expr, [...path, 'expr'], problems);
  const labels = syntax && catalog.outputLabels(value.expr);
  for (const key of ['summary', 'description'] as const) {
    for (const template of annotationTemplates(value[key])) {
      const at = (message: string) =>
        problems.inText([...path, key], template.from, template.to, message);
      if (template.label === undefined) {
        at('only {{ $labels.NAME }} may be used, so the generated rule test can check it exactly');
      } else if (labels !== undefined && !labels.has(template.label)) {
        at(`the alert has no label "${template.label}" (it has ${[...labels].join(', ')})`);
      }
    }
  }
  const fires = checkTestSeries(catalog, value.test.fires, [...path, 'test', 'fires'], problems);
  checkTestSeries(catalog, value.test.silent, [...path, 'test', 'silent'], problems);
  if (labels !== undefined && fires !== undefined) {
    // Only whether the labels can be told matters here; the target's values do not.
    const expected = expectedAlertLabels(labels, fires, testTarget('job'));
    if (typeof expected === 'string') problems.at([...path, 'test', 'fires'], expected);
  }
}

function checkTestSeries(
  catalog: SeriesCatalog,
  series: Readonly<Record<string, string>>,
  mapPath: SpecPath,
  problems: Problems,
): TestSeries[] | undefined {
  const parsed: TestSeries[] = [];
  for (const key of Object.keys(series)) {
    const one = parseTestSeries(key);
    if (one === undefined) {
      problems.atKey(
        mapPath,
        key,
        'expected a series such as name{label="value"} (only = matchers)',
      );
      continue;
    }
    const atKey: TextProblems = {
      inText: (...[, , , message]) => problems.atKey(mapPath, key, message),
    };
    checkExpression(catalog, key, [...mapPath, key], atKey);
    parsed.push(one);
  }
  return parsed.length === Object.keys(series).length ? parsed : undefined;
}
