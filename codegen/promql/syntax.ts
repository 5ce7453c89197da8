import type { SyntaxNode, Tree } from '@lezer/common';
import { parser } from '@prometheus-io/lezer-promql';

/**
 * What the codegen needs to know about one PromQL expression, read off Prometheus's own lezer
 * grammar: where it fails to parse, which series it selects with which matchers, and which
 * labels it groups by. Offsets are into the expression text.
 */
export interface PromqlSyntax {
  readonly tree: Tree;
  readonly errors: readonly TextRange[];
  readonly selectors: readonly Selector[];
  /** Labels named in `by`, `without`, `on`, `ignoring`, `group_left` and `group_right`. */
  readonly groupingLabels: readonly Named[];
  /** Functions applied directly to a range selector, such as `rate`. */
  readonly rangeFunctions: readonly RangeFunction[];
}

export interface TextRange {
  readonly from: number;
  readonly to: number;
}

export interface Named extends TextRange {
  readonly name: string;
}

export type MatchOperator = '=' | '!=' | '=~' | '!~';

export interface Matcher {
  readonly label: Named;
  readonly operator: MatchOperator;
  readonly value: string;
  readonly valueRange: TextRange;
}

export interface Selector extends TextRange {
  /** Undefined for a selector by matchers alone, `{__name__=~"…"}`. */
  readonly metric: Named | undefined;
  readonly matchers: readonly Matcher[];
  /** The `{…}` part, when present. */
  readonly matchersRange: TextRange | undefined;
  /** The duration of the enclosing range selector `[5m]`, when there is one. */
  readonly range: TextRange | undefined;
}

export interface RangeFunction {
  readonly name: Named;
  readonly selector: Selector;
}

export function parsePromql(expr: string): PromqlSyntax {
  const tree = parser.parse(expr);
  const errors: TextRange[] = [];
  const selectors: Selector[] = [];
  const groupingLabels: Named[] = [];
  const rangeFunctions: RangeFunction[] = [];
  const text = (node: SyntaxNode): string => expr.slice(node.from, node.to);
  tree.iterate({
    enter(ref) {
      if (ref.type.isError) errors.push({ from: ref.from, to: Math.max(ref.to, ref.from + 1) });
      if (ref.name === 'GroupingLabels') {
        for (const label of ref.node.getChildren('LabelName')) {
          groupingLabels.push({ name: text(label), from: label.from, to: label.to });
        }
      }
      if (ref.name !== 'VectorSelector') return;
      const selector = selectorOf(ref.node, text);
      selectors.push(selector);
      const call =
        ref.node.parent?.name === 'MatrixSelector' ? ref.node.parent.parent?.parent : null;
      const identifier = call?.name === 'FunctionCall' ? call.getChild('FunctionIdentifier') : null;
      if (identifier) {
        const name = { name: text(identifier), from: identifier.from, to: identifier.to };
        rangeFunctions.push({ name, selector });
      }
    },
  });
  return { tree, errors, selectors, groupingLabels, rangeFunctions };
}

function selectorOf(node: SyntaxNode, text: (node: SyntaxNode) => string): Selector {
  const identifier = node.getChild('Identifier');
  const matchersNode = node.getChild('LabelMatchers');
  const matchers = (matchersNode?.getChildren('UnquotedLabelMatcher') ?? []).flatMap((matcher) => {
    const label = matcher.getChild('LabelName');
    const operator = matcher.getChild('MatchOp');
    const value = matcher.getChild('StringLiteral');
    if (!label || !operator || !value) return [];
    return [
      {
        label: { name: text(label), from: label.from, to: label.to },
        operator: text(operator) as MatchOperator,
        value: unquote(text(value)),
        valueRange: { from: value.from, to: value.to },
      },
    ];
  });
  const duration = node.parent?.name === 'MatrixSelector' ? node.nextSibling : null;
  return {
    from: node.from,
    to: node.to,
    metric: identifier
      ? { name: text(identifier), from: identifier.from, to: identifier.to }
      : undefined,
    matchers,
    matchersRange: matchersNode ? { from: matchersNode.from, to: matchersNode.to } : undefined,
    range: duration ? { from: duration.from, to: duration.to } : undefined,
  };
}

/** PromQL strings: Go-style double or single quotes, or raw backquotes. */
export function unquote(literal: string): string {
  const quote = literal.charAt(0);
  const body = literal.slice(1, -1);
  if (quote === '`') return body;
  const asDoubleQuoted = quote === "'" ? body.replace(/\\'/g, "'").replace(/"/g, '\\"') : body;
  try {
    return JSON.parse(`"${asDoubleQuoted}"`) as string;
  } catch {
    return body;
  }
}
