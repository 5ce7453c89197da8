import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { emitAll } from '../codegen/emit/index.ts';
import { sizeProblem } from '../codegen/parse/input-limits.ts';
import { fileNamed, modelOf, SPECS } from './support/generate.ts';

/** Nothing of the stream processor demo may reach the output of another spec. */
const httpApi = emitAll(modelOf(SPECS.httpApi));

interface RulesTest {
  tests: {
    input_series: { series: string }[];
    alert_rule_test: { exp_alerts: { exp_labels: Record<string, string> }[] }[];
  }[];
}

describe('output of a spec other than the demo', () => {
  it("gives the rule tests' input series the spec's own scrape job", () => {
    const rulesTest = parse(fileNamed(httpApi, 'prometheus/rules.test.yml')) as RulesTest;
    const series = rulesTest.tests.flatMap((test) => test.input_series.map((one) => one.series));
    expect(series.length).toBeGreaterThan(0);
    for (const one of series) expect(one).toContain('job="http-api"');
    const fired = rulesTest.tests.flatMap((test) =>
      test.alert_rule_test.flatMap((check) => check.exp_alerts.map((alert) => alert.exp_labels)),
    );
    expect([...new Set(fired.map((labels) => labels.job))]).toEqual(['http-api']);
  });

  it.each(httpApi.map((file) => [file.path, file.contents]))(
    'never mentions the demo or the word "seed" in %s',
    (_, contents) => {
      expect(contents).not.toMatch(/\bseed|stream.processor|processor_/i);
    },
  );

  it('describes the dashboard to the operator instead of telling them not to edit it', () => {
    const dashboard = JSON.parse(fileNamed(httpApi, 'grafana/dashboard.json'));
    expect(dashboard.description).toBe(
      'The 6 metrics named http_api_*, one row per group (HTTP), after an overview of 3 derived queries.',
    );
  });

  it('counts in METRICS.md with singular nouns for one', () => {
    expect(fileNamed(httpApi, 'METRICS.md')).toContain(
      '\n6 metrics in 1 group: 3 counters, 1 gauge, 2 histograms.\n',
    );
  });
});

describe('the input-limit message', () => {
  it('states the limit without demo details', () => {
    expect(sizeProblem(3 * 1024 * 1024)).toBe(
      'is 3.0 MB; a spec may be at most 1 MB (one of 40 metrics is about 20 KB)',
    );
  });
});
