import type { ResolvedAlertTest } from '../model/facts.ts';
import type { TestSeriesModel } from '../model/rule-types.ts';
import type { SpecPath } from '../parse/diagnostics.ts';
import { annotationTemplates, expectedAlertLabels, parseTestSeries } from '../promql/alert-test.ts';
import type { SeriesCatalog } from '../promql/catalog.ts';
import type { Matcher, Selector } from '../promql/syntax.ts';
import type { AlertSpec } from '../spec/schema.ts';
import type { Located } from './entities.ts';
import type { Problems } from './problems.ts';
import { checkExpression, type TextProblems } from './promql.ts';

/**
 * Checks an alert's expression, the templates of its annotations and its rule tests. Returns
 * the tests resolved (series parsed, the fired alert's labels told), or undefined when a
 * problem leaves one of them unresolved.
 */
export function checkAlert(
  catalog: SeriesCatalog,
  alert: Located<AlertSpec>,
  target: Readonly<Record<string, string>>,
  problems: Problems,
): ResolvedAlertTest[] | undefined {
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
  const outputLabels = syntax && catalog.outputLabels(value.expr);
  const usesValue = checkAnnotations(alert, outputLabels, problems);
  const cases = testCases(alert);
  const resolved: ResolvedAlertTest[] = [];
  for (const one of cases) {
    const seriesPath = [...one.path, one.seriesKey];
    const series = checkTestSeries(catalog, one.series, seriesPath, problems);
    if (one.expect === 'fires' && usesValue && one.value === undefined) {
      problems.at(
        one.path,
        'the annotations use {{ $value }}: state what it renders to when this test fires (value:)',
      );
    }
    if (series === undefined) continue;
    let labels: Record<string, string> | undefined;
    if (one.expect === 'fires') {
      // Where data decides the alert's labels, only those the test states can be expected.
      const expected =
        outputLabels === undefined
          ? { ...one.labels }
          : expectedAlertLabels(outputLabels, series, target, one.labels);
      if (typeof expected === 'string') {
        problems.at(seriesPath, expected);
        continue;
      }
      labels = expected;
    }
    resolved.push({ name: one.name, at: one.at, series, labels, value: one.value });
  }
  return syntax !== undefined && resolved.length === cases.length ? resolved : undefined;
}

/** Reports templates a rule test cannot check; returns whether the annotations use `$value`. */
function checkAnnotations(
  { value, path }: Located<AlertSpec>,
  labels: ReadonlySet<string> | undefined,
  problems: Problems,
): boolean {
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
  return usesValue;
}

interface TestCase {
  readonly name: string;
  readonly path: SpecPath;
  /** The key of the series map under `path`. */
  readonly seriesKey: string;
  readonly series: Readonly<Record<string, string>>;
  readonly expect: 'fires' | 'silent';
  readonly at: string | undefined;
  readonly labels?: Readonly<Record<string, string>> | undefined;
  readonly value?: string | undefined;
}

/** The firing test, the silent test, then the spec's further cases, each where it is written. */
function testCases({ value: { test }, path }: Located<AlertSpec>): TestCase[] {
  const testPath = [...path, 'test'];
  return [
    {
      name: 'fires',
      path: testPath,
      seriesKey: 'fires',
      series: test.fires,
      expect: 'fires',
      at: test.at,
      labels: test.labels,
      value: test.value,
    },
    {
      name: 'stays silent',
      path: testPath,
      seriesKey: 'silent',
      series: test.silent,
      expect: 'silent',
      at: test.at,
    },
    ...(test.cases ?? []).map((one, index) => ({
      ...one,
      at: one.at ?? test.at,
      path: [...testPath, 'cases', index],
      seriesKey: 'series',
    })),
  ];
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
): TestSeriesModel[] | undefined {
  const parsed: TestSeriesModel[] = [];
  for (const [key, values] of Object.entries(series)) {
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
    parsed.push({ ...one, values: values.trim() });
  }
  return parsed.length === Object.keys(series).length ? parsed : undefined;
}
