import type { SyntaxNode } from '@lezer/common';
import type { PromqlSyntax } from './syntax.ts';

/** The labels a series name carries: a metric's own plus the target's, or a rule's output. */
export type SeriesLabels = (seriesName: string) => ReadonlySet<string> | undefined;

/**
 * The labels on the result of an expression, following Prometheus's rules for aggregations,
 * vector matching and functions; undefined where they depend on data (`label_replace`) or on a series the spec does not know. Used to check that alert annotations only
 * name labels the alert has, and to write the labels a rule test expects.
 */
export function outputLabels(
  expr: string,
  syntax: PromqlSyntax,
  seriesLabels: SeriesLabels,
): ReadonlySet<string> | undefined {
  const text = (node: SyntaxNode) => expr.slice(node.from, node.to);
  const namesIn = (node: SyntaxNode | null) =>
    new Set((node?.getChildren('LabelName') ?? []).map(text));
  const labelsOf = (node: SyntaxNode | null): Set<string> | undefined => {
    if (node === null) return undefined;
    switch (node.name) {
      case 'PromQL':
      case 'ParenExpr':
      case 'UnaryExpr':
      case 'OffsetExpr':
      case 'SubqueryExpr':
      case 'StepInvariantExpr':
      case 'MatrixSelector':
        return labelsOf(firstExpression(node));
      case 'NumberDurationLiteral':
      case 'StringLiteral':
        return new Set();
      case 'VectorSelector': {
        const name = node.getChild('Identifier');
        const labels = name ? seriesLabels(text(name)) : undefined;
        return labels === undefined ? undefined : new Set(labels);
      }
      case 'AggregateExpr':
        return aggregateLabels(node);
      case 'BinaryExpr':
        return binaryLabels(node);
      case 'FunctionCall':
        return functionLabels(node);
      default:
        return undefined;
    }
  };

  const aggregateLabels = (node: SyntaxNode): Set<string> | undefined => {
    const modifier = node.getChild('AggregateModifier');
    const grouping = namesIn(modifier?.getChild('GroupingLabels') ?? null);
    if (modifier?.getChild('By')) return grouping;
    if (modifier?.getChild('Without')) {
      const inner = labelsOf(lastExpression(node.getChild('FunctionCallBody')));
      return inner && new Set([...inner].filter((label) => !grouping.has(label)));
    }
    return new Set();
  };

  const binaryLabels = (node: SyntaxNode): Set<string> | undefined => {
    const left = labelsOf(node.firstChild);
    const right = labelsOf(node.lastChild);
    // `and` and `unless` filter the left side; `or` adds right-side series to it.
    if (node.getChild('And') || node.getChild('Unless') || node.getChild('Or')) return left;
    if (left?.size === 0) return right;
    if (right?.size === 0) return left;
    const matching = node.getChild('MatchingModifierClause');
    const listed = namesIn(matching?.getChild('GroupingLabels') ?? null);
    const grouped = matching?.getChild('GroupLeft') ?? matching?.getChild('GroupRight');
    if (grouped) {
      // Many-to-one: the "many" side's labels, plus those copied from the "one" side.
      const many = grouped.name === 'GroupLeft' ? left : right;
      const copied = namesIn(grouped.parent?.getChildren('GroupingLabels')[1] ?? null);
      return many && new Set([...many, ...copied]);
    }
    if (matching?.getChild('On')) return listed;
    if (matching?.getChild('Ignoring')) {
      return left && new Set([...left].filter((label) => !listed.has(label)));
    }
    return left;
  };

  const functionLabels = (node: SyntaxNode): Set<string> | undefined => {
    const name = text(node.getChild('FunctionIdentifier') ?? node);
    const args = expressionsIn(node.getChild('FunctionCallBody'));
    if (name === 'histogram_quantile') {
      const inner = labelsOf(args[1] ?? null);
      return inner && new Set([...inner].filter((label) => label !== 'le'));
    }
    if (['time', 'vector', 'scalar', 'pi'].includes(name)) return new Set();
    if (name === 'absent' || name === 'absent_over_time') return absentLabels(args[0] ?? null);
    if (['label_replace', 'label_join'].includes(name)) return undefined;
    const vectorArgument = args.find((arg) => arg.name !== 'NumberDurationLiteral');
    return labelsOf(vectorArgument ?? null);
  };

  /** Prometheus gives absent() the `=` matchers of a bare selector, and no label otherwise. */
  const absentLabels = (node: SyntaxNode | null): Set<string> => {
    const selector = node?.name === 'MatrixSelector' ? firstExpression(node) : node;
    if (selector?.name !== 'VectorSelector') return new Set();
    const matchers = selector.getChild('LabelMatchers')?.getChildren('UnquotedLabelMatcher') ?? [];
    return new Set(
      matchers
        .filter((matcher) => Boolean(matcher.getChild('MatchOp')?.getChild('EqlSingle')))
        .map((matcher) => text(matcher.getChild('LabelName') ?? matcher))
        .filter((label) => label !== '__name__'),
    );
  };

  return labelsOf(syntax.tree.topNode);
}

const NOT_EXPRESSIONS = new Set(['(', ')', ',', '[', ']', 'AggregateOp', 'AggregateModifier']);

function expressionsIn(node: SyntaxNode | null): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let child = node?.firstChild ?? null; child !== null; child = child.nextSibling) {
    if (!NOT_EXPRESSIONS.has(child.name) && !child.type.isError) out.push(child);
  }
  return out;
}

function firstExpression(node: SyntaxNode): SyntaxNode | null {
  return expressionsIn(node)[0] ?? null;
}

function lastExpression(node: SyntaxNode | null): SyntaxNode | null {
  return expressionsIn(node).at(-1) ?? null;
}
