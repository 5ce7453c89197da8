import {
  BURN_RATE_ALERTS,
  cleanNumber,
  FASTEST_FACTOR,
  sloAlertName,
} from '../model/burn-rates.ts';
import type { ResolvedLayout, SloSelectors } from '../model/facts.ts';
import type { SpecPath } from '../parse/diagnostics.ts';
import { parseTestSeries, type TestSeries } from '../promql/alert-test.ts';
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
 * `claim` reserves the generated alert names against the spec's own. Returns the selectors
 * parsed, by SLO name.
 */
export function checkSlos(
  spec: SpecEntities,
  context: SloCheckContext,
  problems: Problems,
  claim: (name: string, path: SpecPath, what: string) => void,
): Map<string, SloSelectors> {
  const names = new Map<string, SpecPath>();
  const parsed = new Map<string, SloSelectors>();
  for (const { value: slo, path } of spec.slos) {
    const earlier = names.get(slo.name);
    if (earlier !== undefined) problems.at([...path, 'name'], `duplicate SLO "${slo.name}"`);
    else names.set(slo.name, path);
    for (const burn of BURN_RATE_ALERTS) {
      const alert = sloAlertName(spec.namespace, slo.name, burn);
      claim(alert, [...path, 'name'], 'alert (generated for this SLO)');
    }
    if ((slo.errors === undefined) === (slo.good === undefined)) {
      problems.at(path, 'an SLO counts either its bad events (errors:) or its good ones (good:)');
    }
    const selector = (key: 'errors' | 'good' | 'total') =>
      slo[key] === undefined
        ? undefined
        : checkSelector(context, { value: slo, path }, key, problems);
    const [errors, good, total] = [selector('errors'), selector('good'), selector('total')];
    if (total !== undefined) parsed.set(slo.name, { errors, good, total });
    const budget = 1 - slo.objective;
    if (budget * FASTEST_FACTOR >= 1) {
      problems.at(
        [...path, 'objective'],
        `an objective of ${slo.objective} leaves a budget of ${cleanNumber(budget * 100)}%: burning it ${FASTEST_FACTOR} times too fast needs more than every event to be bad, so the page alert could never fire (use an objective above ${Math.ceil((1 - 1 / FASTEST_FACTOR) * 1000) / 1000})`,
      );
    }
  }
  return parsed;
}

export interface SloCheckContext {
  readonly catalog: SeriesCatalog;
  readonly layouts: ReadonlyMap<string, ResolvedLayout>;
  /** Each metric's bucket layout, by metric name. */
  readonly layoutOf: ReadonlyMap<string, string | undefined>;
}

/** The selector parsed; undefined where it is wrong (and reported) or not a selector at all. */
function checkSelector(
  context: SloCheckContext,
  slo: Located<SloSpec>,
  key: 'errors' | 'good' | 'total',
  problems: Problems,
): TestSeries | undefined {
  const text = slo.value[key] ?? '';
  const path = [...slo.path, key];
  if (checkExpression(context.catalog, text, path, problems) === undefined) return undefined;
  const selector = parseTestSeries(text.trim());
  if (selector === undefined) {
    problems.at(
      path,
      'expected one series selector with = matchers, such as x_total{result="error"}',
    );
    return undefined;
  }
  const entry = context.catalog.series.get(selector.name);
  if (entry === undefined) return undefined; // reported by checkExpression
  const { kind } = entry;
  if (!ALLOWED[key].includes(kind)) {
    const allowed = ALLOWED[key].join(' or ');
    problems.at(path, `${key} counts events: select a ${allowed} series, not a ${kind}`);
    return undefined;
  }
  if (kind !== 'bucket') return selector;
  const le = selector.labels.le;
  const layout = context.layouts.get(context.layoutOf.get(entry.metric ?? '') ?? '');
  // A histogram whose layout is already reported has no bounds to hold the selector against.
  if (layout === undefined) return undefined;
  const allowedLe = key === 'total' ? ['+Inf'] : layout.bounds.map(String);
  if (le === undefined || !allowedLe.includes(le)) {
    problems.at(
      path,
      `a bucket selector names its bound with le="…": one of ${allowedLe.join(', ')}${key === 'total' ? '' : ' (the histogram’s bounds)'}`,
    );
    return undefined;
  }
  return selector;
}
