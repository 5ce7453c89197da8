import { bucketBounds } from '../model/buckets.ts';
import { BURN_RATE_ALERTS, cleanNumber, FASTEST_FACTOR } from '../model/burn-rates.ts';
import { pascalCase } from '../model/names.ts';
import type { SpecPath } from '../parse/diagnostics.ts';
import { parseTestSeries } from '../promql/alert-test.ts';
import type { SeriesCatalog, SeriesKind } from '../promql/catalog.ts';
import type { SloSpec } from '../spec/schema.ts';
import type { Located, SpecEntities } from './entities.ts';
import type { Problems } from './problems.ts';
import { checkExpression } from './promql.ts';

/** What each SLO selector may select. */
const ALLOWED: Readonly<Record<'errors' | 'good' | 'total', readonly SeriesKind[]>> = {
  errors: ['counter'],
  good: ['counter', 'bucket'],
  total: ['counter', 'count', 'bucket'],
};

/**
 * SLOs: one selector of bad or good events and one of all events, each a single selector of a
 * declared counter (or histogram series) with `=` matchers; a bucket selector names one of the
 * histogram's bounds; the objective leaves a budget the fastest burn rate can exceed.
 * `claim` reserves the generated alert names against the spec's own.
 */
export function checkSlos(
  spec: SpecEntities,
  catalog: SeriesCatalog,
  problems: Problems,
  claim: (name: string, path: SpecPath, what: string) => void,
): void {
  const names = new Map<string, SpecPath>();
  for (const { value: slo, path } of spec.slos) {
    const earlier = names.get(slo.name);
    if (earlier !== undefined) problems.at([...path, 'name'], `duplicate SLO "${slo.name}"`);
    else names.set(slo.name, path);
    for (const burn of BURN_RATE_ALERTS) {
      const alert = `${pascalCase(spec.namespace)}${pascalCase(slo.name)}${burn.suffix}`;
      claim(alert, [...path, 'name'], 'alert (generated for this SLO)');
    }
    if ((slo.errors === undefined) === (slo.good === undefined)) {
      problems.at(path, 'an SLO counts either its bad events (errors:) or its good ones (good:)');
    }
    for (const key of ['errors', 'good', 'total'] as const) {
      const selector = slo[key];
      if (selector !== undefined) checkSelector(spec, catalog, { value: slo, path }, key, problems);
    }
    const budget = 1 - slo.objective;
    if (budget * FASTEST_FACTOR >= 1) {
      problems.at(
        [...path, 'objective'],
        `an objective of ${slo.objective} leaves a budget of ${cleanNumber(budget * 100)}%: burning it ${FASTEST_FACTOR} times too fast needs more than every event to be bad, so the page alert could never fire (use an objective above ${Math.ceil((1 - 1 / FASTEST_FACTOR) * 1000) / 1000})`,
      );
    }
  }
}

function checkSelector(
  spec: SpecEntities,
  catalog: SeriesCatalog,
  slo: Located<SloSpec>,
  key: 'errors' | 'good' | 'total',
  problems: Problems,
): void {
  const text = slo.value[key] ?? '';
  const path = [...slo.path, key];
  if (checkExpression(catalog, text, path, problems) === undefined) return;
  const selector = parseTestSeries(text.trim());
  if (selector === undefined) {
    problems.at(
      path,
      'expected one series selector with = matchers, such as x_total{result="error"}',
    );
    return;
  }
  const kind = catalog.series.get(selector.name)?.kind;
  if (kind === undefined) return; // reported by checkExpression
  if (!ALLOWED[key].includes(kind)) {
    const allowed = ALLOWED[key].join(' or ');
    problems.at(path, `${key} counts events: select a ${allowed} series, not a ${kind}`);
    return;
  }
  if (kind !== 'bucket') return;
  const le = selector.labels.le;
  const bounds = boundsOf(spec, selector.name);
  // A histogram whose layout is already reported has no bounds to hold the selector against.
  if (bounds === undefined) return;
  const allowedLe = key === 'total' ? ['+Inf'] : bounds;
  if (le === undefined || !allowedLe.includes(le)) {
    problems.at(
      path,
      `a bucket selector names its bound with le="…": one of ${allowedLe.join(', ')}${key === 'total' ? '' : ' (the histogram’s bounds)'}`,
    );
  }
}

/** The `le` values a histogram exposes, as the runtime prints them; undefined without a layout. */
function boundsOf(spec: SpecEntities, bucketSeries: string): string[] | undefined {
  const metric = spec.metrics.find(
    ({ value }) => `${spec.namespace}_${value.name}_bucket` === bucketSeries,
  );
  const name = metric?.value.buckets;
  const layout = name === undefined ? undefined : spec.layouts.get(name);
  return layout === undefined ? undefined : bucketBounds(layout).map(String);
}
