import type { SyntaxNode } from '@lezer/common';
import type { SeriesCatalog } from './catalog.ts';
import { HISTOGRAM_SUFFIXES } from './series-names.ts';
import type { PromqlSyntax, TextRange } from './syntax.ts';

/** PromQL functions that read native histograms only: on anything else they return nothing. */
export const NATIVE_HISTOGRAM_FUNCTIONS: ReadonlySet<string> = new Set([
  'histogram_count',
  'histogram_sum',
  'histogram_fraction',
  'histogram_avg',
  'histogram_stddev',
  'histogram_stdvar',
]);

export interface NativeFunctionMisuse extends TextRange {
  readonly message: string;
}

/**
 * Series the spec declares, given to a native-histogram function although they are not native
 * histograms: `histogram_count(rate(x_count[5m]))` or the `_bucket` of a classic layout. Such a
 * query parses and returns no data, which a dashboard shows as an empty panel.
 */
export function nativeFunctionMisuses(
  expr: string,
  syntax: PromqlSyntax,
  catalog: SeriesCatalog,
): NativeFunctionMisuse[] {
  const misuses: NativeFunctionMisuse[] = [];
  syntax.tree.iterate({
    enter(ref) {
      if (ref.name !== 'FunctionCall') return;
      const identifier = ref.node.getChild('FunctionIdentifier');
      const name = identifier ? expr.slice(identifier.from, identifier.to) : '';
      if (!NATIVE_HISTOGRAM_FUNCTIONS.has(name)) return;
      for (const selector of selectorsUnder(ref.node)) {
        const nameNode = selector.getChild('Identifier');
        if (!nameNode) continue;
        const series = expr.slice(nameNode.from, nameNode.to);
        const kind = catalog.series.get(series)?.kind;
        if (kind === undefined || kind === 'native' || kind === 'recorded') continue;
        const native = nativeNameOf(series, catalog);
        const hint =
          native !== undefined
            ? `; select the native histogram "${native}"`
            : '; declare native resolution on its bucket layout';
        misuses.push({
          from: nameNode.from,
          to: nameNode.to,
          message: `${name}() needs a native histogram, but ${series} is a ${kind === 'bucket' || kind === 'sum' || kind === 'count' ? 'classic histogram series' : kind}${hint}`,
        });
      }
    },
  });
  return misuses;
}

function selectorsUnder(node: SyntaxNode): SyntaxNode[] {
  const found: SyntaxNode[] = [];
  const cursor = node.cursor();
  const end = node.to;
  while (cursor.next() && cursor.from < end) {
    if (cursor.name === 'VectorSelector') found.push(cursor.node);
  }
  return found;
}

/** `x` for `x_bucket`, `x_sum` or `x_count` when `x` is a native histogram of the spec. */
export function nativeNameOf(series: string, catalog: SeriesCatalog): string | undefined {
  const suffix = HISTOGRAM_SUFFIXES.find((one) => series.endsWith(one));
  const base = suffix === undefined ? series : series.slice(0, -suffix.length);
  return base !== series && catalog.series.get(base)?.kind === 'native' ? base : undefined;
}
