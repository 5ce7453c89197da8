import { type Document, isMap, isNode, isScalar, isSeq, type Node } from 'yaml';
import type { SpecPath } from '../parse/diagnostics.ts';

type Range = readonly [number, number];

/** The node at `path`, or the deepest existing node on the way to it (for missing keys). */
export function nodeAt(document: Document.Parsed, path: SpecPath): Node | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = document.getIn(path.slice(0, depth), true);
    if (isNode(node)) return node;
  }
  return undefined;
}

/** Whether `path` names something present in the document. */
export function exists(document: Document.Parsed, path: SpecPath): boolean {
  return document.hasIn(path);
}

export function rangeOf(node: Node | undefined): Range {
  if (node?.range === undefined || node.range === null) return [0, 1];
  return [node.range[0], node.range[1]];
}

/** The range of `key` itself inside the mapping at `mapPath`: where an unknown key is reported. */
export function keyRange(document: Document.Parsed, mapPath: SpecPath, key: string): Range {
  const map = document.getIn(mapPath, true);
  if (isMap(map)) {
    for (const pair of map.items) {
      if (isScalar(pair.key) && String(pair.key.value) === key) return rangeOf(pair.key);
    }
  }
  return rangeOf(nodeAt(document, mapPath));
}

/** How a node reads in "found …": a scalar's value, or the kind of collection. */
export function describeValue(document: Document.Parsed, path: SpecPath): string {
  if (!exists(document, path)) return 'nothing';
  const node = document.getIn(path, true);
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) {
    const count = node.items.length;
    return count === 0 ? 'an empty list' : `a list of ${count} ${count === 1 ? 'item' : 'items'}`;
  }
  if (isScalar(node)) return describeScalar(node.value);
  return 'nothing';
}

const SHOWN_VALUE_LENGTH = 40;

function describeScalar(value: unknown): string {
  if (value === null || value === undefined) return 'nothing (null)';
  if (typeof value === 'string') {
    const shown =
      value.length > SHOWN_VALUE_LENGTH ? `${value.slice(0, SHOWN_VALUE_LENGTH)}…` : value;
    return JSON.stringify(shown);
  }
  return String(value);
}

/**
 * The source range of characters [from, to) of the text scalar at `path`, so a problem inside
 * an embedded expression points at its token. Plain and quoted one-line scalars and literal
 * block scalars (`|`) map exactly; anything else falls back to the whole scalar.
 */
export function textRange(
  document: Document.Parsed,
  sourceText: string,
  path: SpecPath,
  from: number,
  to: number,
): Range {
  const node = document.getIn(path, true);
  const whole = rangeOf(isNode(node) ? node : nodeAt(document, path));
  if (!isScalar(node) || typeof node.value !== 'string') return whole;
  const value = node.value;
  const raw = sourceText.slice(whole[0], whole[1]);
  if (node.type === 'PLAIN' && raw === value) return [whole[0] + from, whole[0] + to];
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  if (quoted && raw.slice(1, -1) === value) return [whole[0] + 1 + from, whole[0] + 1 + to];
  if (node.type === 'BLOCK_LITERAL') return literalBlockRange(sourceText, whole, value, from, to);
  return whole;
}

function literalBlockRange(text: string, whole: Range, value: string, from: number, to: number) {
  const before = value.slice(0, from);
  const lineIndex = before.split('\n').length - 1;
  const column = from - (before.lastIndexOf('\n') + 1);
  const contentStart = text.indexOf('\n', whole[0]) + 1;
  const lines = text.slice(contentStart, whole[1]).split('\n');
  const indent = lines.find((line) => line.trim() !== '')?.search(/\S/) ?? 0;
  let offset = contentStart;
  for (let i = 0; i < lineIndex && i < lines.length; i++) offset += (lines[i]?.length ?? 0) + 1;
  const start = offset + indent + column;
  return [start, start + Math.max(1, to - from)] as const;
}
