import type { SpecPath } from '../parse/diagnostics.ts';
import type { SeriesCatalog } from '../promql/catalog.ts';
import { nativeFunctionMisuses, nativeNameOf } from '../promql/native-functions.ts';
import { classicSeries, exposedName } from '../promql/series-names.ts';
import { type Matcher, type PromqlSyntax, parsePromql, type Selector } from '../promql/syntax.ts';
import { didYouMean } from '../suggest.ts';
import type { Problems } from './problems.ts';

/** Where expression problems go: `Problems`, or an adapter that reports them elsewhere. */
export type TextProblems = Pick<Problems, 'inText'>;

/** Functions whose range argument must be a counter: on a gauge they compute nonsense. */
const COUNTER_FUNCTIONS = new Set(['rate', 'irate', 'increase', 'resets']);

/**
 * Checks one PromQL expression against the spec: it parses, and it names only series, labels
 * and enum values the spec declares. Problems point at the offending token.
 */
export function checkExpression(
  catalog: SeriesCatalog,
  expr: string,
  path: SpecPath,
  problems: TextProblems,
): PromqlSyntax | undefined {
  const syntax = parsePromql(expr);
  const first = syntax.errors[0];
  if (first !== undefined) {
    const near = expr.slice(first.from, first.to).trim();
    const where = near === '' ? 'at the end' : `at "${near}"`;
    problems.inText(path, first.from, first.to, `PromQL syntax error ${where}`);
    return undefined;
  }
  for (const selector of syntax.selectors) checkSelector(catalog, selector, path, problems);
  for (const label of syntax.groupingLabels) {
    if (catalog.allLabels.has(label.name)) continue;
    const hint = didYouMean(label.name, [...catalog.allLabels]);
    problems.inText(path, label.from, label.to, `unknown label "${label.name}"${hint}`);
  }
  for (const misuse of nativeFunctionMisuses(expr, syntax, catalog)) {
    problems.inText(path, misuse.from, misuse.to, misuse.message);
  }
  for (const { name, selector } of syntax.rangeFunctions) {
    const metric = selector.metric?.name;
    const kind = metric === undefined ? undefined : catalog.series.get(metric)?.kind;
    if (COUNTER_FUNCTIONS.has(name.name) && kind === 'gauge') {
      problems.inText(
        path,
        name.from,
        name.to,
        `${name.name}() needs a counter, but ${metric} is a gauge (use deriv() or delta())`,
      );
    }
  }
  return syntax;
}

function checkSelector(
  catalog: SeriesCatalog,
  selector: Selector,
  path: SpecPath,
  problems: TextProblems,
): void {
  const metric = selector.metric;
  if (metric === undefined) {
    problems.inText(path, selector.from, selector.to, 'select series by their metric name');
    return;
  }
  const entry = catalog.series.get(metric.name);
  if (entry === undefined) {
    const message = `unknown series "${metric.name}"${seriesHint(catalog, metric.name)}`;
    problems.inText(path, metric.from, metric.to, message);
    return;
  }
  if (entry.labels === undefined) return;
  for (const matcher of selector.matchers) {
    if (matcher.label.name === '__name__') continue;
    if (!entry.labels.has(matcher.label.name)) {
      const has = [...entry.labels.keys()].join(', ');
      const { from, to } = matcher.label;
      const message = `${metric.name} has no label "${matcher.label.name}" (it has ${has})`;
      problems.inText(path, from, to, message);
      continue;
    }
    const values = entry.labels.get(matcher.label.name);
    if (values !== undefined) checkEnumMatcher(matcher, values, path, problems);
  }
}

function checkEnumMatcher(
  matcher: Matcher,
  values: readonly string[],
  path: SpecPath,
  problems: TextProblems,
): void {
  const { from, to } = matcher.valueRange;
  const label = matcher.label.name;
  if (matcher.operator === '=' || matcher.operator === '!=') {
    if (values.includes(matcher.value)) return;
    const hint = didYouMean(matcher.value, values);
    const message = `"${matcher.value}" is not a value of label "${label}"${hint}; expected one of ${values.join(', ')}`;
    problems.inText(path, from, to, message);
    return;
  }
  const pattern = anchored(matcher.value);
  if (pattern === undefined || values.some((value) => pattern.test(value))) return;
  problems.inText(path, from, to, `/${matcher.value}/ matches no value of label "${label}"`);
}

/** PromQL regexes are fully anchored RE2; JavaScript reads the common subset the same way. */
function anchored(source: string): RegExp | undefined {
  try {
    return new RegExp(`^(?:${source})$`);
  } catch {
    return undefined;
  }
}

function seriesHint(catalog: SeriesCatalog, name: string): string {
  const names = [...catalog.series.keys()];
  const counter = exposedName(name, 'counter');
  if (catalog.series.has(counter)) {
    return ` (counters are exposed with _total: "${counter}")`;
  }
  const { bucket } = classicSeries(name);
  if (catalog.series.get(bucket)?.kind === 'bucket') {
    return ` (a classic histogram: select "${bucket}", or declare native resolution on its bucket layout)`;
  }
  const native = nativeNameOf(name, catalog);
  if (native !== undefined && name === classicSeries(native).bucket) {
    return ` (its layout is native only: select the native histogram "${native}")`;
  }
  return didYouMean(name, names);
}
