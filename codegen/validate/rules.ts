import type { ResolvedAlertTest, ResolvedLayout, SloSelectors } from '../model/facts.ts';
import { formatPath, type SpecPath } from '../parse/diagnostics.ts';
import { testTarget } from '../promql/alert-test.ts';
import { SeriesCatalog } from '../promql/catalog.ts';
import { checkAlert } from './alerts.ts';
import type { SpecEntities } from './entities.ts';
import type { Problems } from './problems.ts';
import { checkExpression } from './promql.ts';
import { checkRecordNames } from './record-names.ts';
import { checkSlos } from './slos.ts';

const METRIC_TYPES = ['counter', 'gauge', 'histogram'] as const;

/** What checking the rules resolves, for the model. */
export interface RuleFacts {
  readonly queryLabels: Map<string, ReadonlySet<string>>;
  readonly alertTests: Map<string, readonly ResolvedAlertTest[]>;
  readonly sloSelectors: Map<string, SloSelectors>;
}

/** Checks derived queries and alerts: unique names, PromQL against the spec, rule tests. */
export function checkRules(
  spec: SpecEntities,
  layouts: ReadonlyMap<string, ResolvedLayout>,
  problems: Problems,
): RuleFacts {
  const catalog = catalogOf(spec, layouts, problems);
  const seen = new Map<string, SpecPath>();
  const claim = (name: string, path: SpecPath, what: string) => {
    const earlier = seen.get(name);
    if (earlier !== undefined) {
      problems.at(path, `duplicate ${what} "${name}" (first declared at ${formatPath(earlier)})`);
    } else seen.set(name, path);
  };
  // Only rules without a problem of their own get their names checked: no cascades.
  const clean = new Set<object>();
  const queryLabels = new Map<string, ReadonlySet<string>>();
  for (const { value: query, path } of spec.queries) {
    const before = problems.diagnostics.length;
    claim(query.record, [...path, 'record'], 'recording rule');
    checkExpression(catalog, query.expr, [...path, 'expr'], problems);
    if (problems.diagnostics.length > before) continue;
    clean.add(query);
    const labels = catalog.outputLabels(query.expr);
    if (labels !== undefined) queryLabels.set(query.record, labels);
  }
  const target = testTarget(spec.scrapeJob);
  const alertTests = new Map<string, readonly ResolvedAlertTest[]>();
  for (const alert of spec.alerts) {
    claim(alert.value.alert, [...alert.path, 'alert'], 'alert');
    const tests = checkAlert(catalog, alert, target, problems);
    if (tests !== undefined) alertTests.set(alert.value.alert, tests);
  }
  const layoutOf = new Map(spec.metrics.map(({ value }) => [value.name, value.buckets]));
  const sloSelectors = checkSlos(spec, { catalog, layouts, layoutOf }, problems, claim);
  checkRecordNames(spec, clean, queryLabels, problems);
  const firstAlert = spec.alerts[0];
  if (firstAlert !== undefined && !spec.hasRunbookUrl) {
    problems.at(
      [...firstAlert.path, 'runbook'],
      'alerts link to their runbooks: set the top-level runbook_url to where METRICS.md is published',
    );
  }
  return { queryLabels, alertTests, sloSelectors };
}

/**
 * The series the spec declares. Metrics with a reported problem in their name or labels, or
 * malformed ones, are in it as their author meant them, so their uses are not reported again.
 */
function catalogOf(
  spec: SpecEntities,
  layouts: ReadonlyMap<string, ResolvedLayout>,
  problems: Problems,
): SeriesCatalog {
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
    layouts,
    labelValues,
    records: spec.queries.map((query) => query.value),
  });
}
