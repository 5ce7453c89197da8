import { type Document, isMap, isSeq } from 'yaml';
import type { SpecPath } from '../parse/diagnostics.ts';

/**
 * A metric's `buckets` names a layout; writing the bounds there instead is the likeliest
 * mistake, and "expected a text" alone does not say where they go. Undefined for other paths
 * and values.
 */
export function inlineBucketsMessage(
  document: Document.Parsed,
  path: SpecPath,
): string | undefined {
  const metricBuckets =
    path.length === 5 && path[0] === 'groups' && path[2] === 'metrics' && path[4] === 'buckets';
  const node = document.getIn(path, true);
  if (!metricBuckets || !isSeq(node)) return undefined;
  const items: unknown[] = node.toJSON();
  const numbers = items.length > 0 && items.every((item) => typeof item === 'number');
  const bounds = numbers ? items.join(', ') : '0.01, 0.1, 1';
  const declared = document.get('buckets');
  const names = isMap(declared) ? declared.items.map((pair) => String(pair.key)) : [];
  const existing = names.length === 0 ? '' : ` (declared: ${names.join(', ')})`;
  return `expected the name of a layout under the top-level "buckets:"${existing}, found a list of ${items.length} ${items.length === 1 ? 'item' : 'items'}; declare one there, as buckets: { my_layout: { values: [${bounds}] } }, and write buckets: my_layout here`;
}
