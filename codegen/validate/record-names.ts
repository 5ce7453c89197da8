import { parsePromql } from '../promql/syntax.ts';
import type { SpecEntities } from './entities.ts';
import type { Problems } from './problems.ts';

/**
 * Recording rules follow Prometheus's naming convention `level:metric:operations`: the level
 * lists the labels the result keeps, a ratio is named `a_per_b` with `ratio` among its
 * operations; and every rule has a consumer (its panel, an alert or another rule), since a
 * rule nobody reads costs evaluations and misleads whoever finds it.
 */
export function checkRecordNames(
  spec: SpecEntities,
  clean: ReadonlySet<object>,
  outputLabels: ReadonlyMap<string, ReadonlySet<string>>,
  problems: Problems,
): void {
  const readers = [
    ...spec.alerts.map(({ value }) => value.expr),
    ...spec.queries.map(({ value }) => value.expr),
    ...spec.slos.flatMap(({ value }) => [value.errors ?? '', value.good ?? '', value.total]),
  ];
  for (const { value: query, path } of spec.queries) {
    if (!clean.has(query)) continue;
    const at = (message: string) => problems.at([...path, 'record'], message);
    const [level = '', metric = '', operations = ''] = query.record.split(':');
    const labels = outputLabels.get(query.record);
    if (labels !== undefined && !levelNames(level, [...labels])) {
      const expected = [...labels].join('_') || '(no label: use the metric name alone)';
      at(`the level "${level}" must name the labels the rule keeps, in any order: ${expected}`);
    }
    if (isDivision(query.expr) && (!metric.includes('_per_') || !operations.includes('ratio'))) {
      at(
        `a ratio is named a_per_b with ratio among its operations, such as ${level}:${metric.split('_per_')[0]}_per_<denominator>:ratio_rate5m`,
      );
    }
    const read = readers.some((expr) =>
      new RegExp(`(?<![\\w:])${escapeRegExp(query.record)}(?![\\w:])`).test(expr),
    );
    if (query.panel === 'none' && !read) {
      at('no panel, alert or rule reads this recording rule: show it (panel) or remove it');
    }
  }
}

/** `job_window_type` names {job, window_type}: labels may themselves hold underscores. */
function levelNames(level: string, labels: readonly string[]): boolean {
  if (labels.length === 0) return false;
  if (labels.length > 5) return true;
  const permutations = (rest: readonly string[]): string[][] =>
    rest.length <= 1
      ? [[...rest]]
      : rest.flatMap((first, i) =>
          permutations([...rest.slice(0, i), ...rest.slice(i + 1)]).map((tail) => [first, ...tail]),
        );
  return permutations(labels).some((order) => order.join('_') === level);
}

function isDivision(expr: string): boolean {
  let node = parsePromql(expr).tree.topNode.firstChild;
  while (node?.name === 'ParenExpr') node = node.firstChild?.nextSibling ?? null;
  return node?.name === 'BinaryExpr' && node.getChild('Div') !== null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
