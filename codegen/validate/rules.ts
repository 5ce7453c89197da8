import { histogramKinds } from '../model/native-buckets.ts';
import { formatPath, type SpecPath } from '../parse/diagnostics.ts';
import {
  annotationTemplates,
  expectedAlertLabels,
  parseTestSeries,
  type TestSeries,
  testTarget,
} from '../promql/alert-test.ts';
import { SeriesCatalog } from '../promql/catalog.ts';
import type { Matcher, Selector } from '../promql/syntax.ts';
import type { AlertSpec } from '../spec/schema.ts';
import type { Located, SpecEntities } from './entities.ts';
import type { Problems } from './problems.ts';
import { checkExpression, type TextProblems } from './promql.ts';
import { checkRecordNames } from './record-names.ts';
import { checkSlos } from './slos.ts';

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
  // Only rules without a problem of their own get their names checked: no cascades.
  const clean = new Set<object>();
  for (const { value: query, path } of spec.queries) {
    const before = problems.diagnostics.length;
    claim(query.record, [...path, 'record'], 'recording rule');
    checkExpression(catalog, query.expr, [...path, 'expr'], problems);
    if (problems.diagnostics.length === before) clean.add(query);
  }
  const target = testTarget(spec.scrapeJob);
  for (const alert of spec.alerts) {
    claim(alert.value.alert, [...alert.path, 'alert'], 'alert');
    checkAlert(catalog, alert, target, problems);
  }
  checkSlos(spec, catalog, problems, claim);
  checkRecordNames(spec, catalog, clean, problems);
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

function checkAlert(
  catalog: SeriesCatalog,
  alert: Located<AlertSpec>,
  target: Readonly<Record<string, string>>,
  problems: Problems,
): void {
  const { value, path } = alert;
  const syntax = checkExpression(catalog, value.expr, [...path, 'expr'], problems);
  for (const matcher of syntax?.selectors.flatMap(jobMatchersOfUp) ?? []) {
    if (matcher.value === target.job) continue;
    const { from, to } = matcher.valueRange;
    problems.inText(
      [...path, 'expr'],
      from,
      to,
      `up is selected for job "${matcher.value}", but the spec's scrape job is "${target.job}": the alert would watch nothing`,
    );
  }
  const labels = syntax && catalog.outputLabels(value.expr);
  let usesValue = false;
  for (const key of ['summary', 'description'] as const) {
    for (const template of annotationTemplates(value[key])) {
      const at = (message: string) =>
        problems.inText([...path, key], template.from, template.to, message);
      if (template.value) usesValue = true;
      else if (template.label === undefined) {
        at(
          'only {{ $labels.NAME }} and {{ $value }} may be used, so the generated rule test can check them exactly',
        );
      } else if (labels !== undefined && !labels.has(template.label)) {
        at(`the alert has no label "${template.label}" (it has ${[...labels].join(', ')})`);
      }
    }
  }
  const testPath = [...path, 'test'];
  const cases = [
    {
      path: testPath,
      seriesKey: 'fires',
      series: value.test.fires,
      fires: true,
      labels: value.test.labels,
      value: value.test.value,
    },
    {
      path: testPath,
      seriesKey: 'silent',
      series: value.test.silent,
      fires: false,
      labels: undefined,
      value: undefined,
    },
    ...(value.test.cases ?? []).map((one, index) => ({
      ...one,
      path: [...testPath, 'cases', index],
      seriesKey: 'series',
      fires: one.expect === 'fires',
    })),
  ];
  for (const one of cases) {
    const seriesPath = [...one.path, one.seriesKey];
    const parsed = checkTestSeries(catalog, one.series, seriesPath, problems);
    if (!one.fires) continue;
    if (usesValue && one.value === undefined) {
      problems.at(
        one.path,
        'the annotations use {{ $value }}: state what it renders to when this test fires (value:)',
      );
    }
    if (labels === undefined || parsed === undefined) continue;
    const expected = expectedAlertLabels(labels, parsed, target, one.labels);
    if (typeof expected === 'string') problems.at(seriesPath, expected);
  }
}

/** `up{job="…"}`: a target alert names the job, which must be the one Prometheus scrapes. */
function jobMatchersOfUp(selector: Selector): Matcher[] {
  if (selector.metric?.name !== 'up') return [];
  return selector.matchers.filter((m) => m.label.name === 'job' && m.operator === '=');
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
