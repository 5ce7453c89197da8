import { type Document, isCollection, isSeq, visit } from 'yaml';

export interface KeyProblem {
  /** Offsets [start, end) of the key in the text. */
  readonly range: readonly [number, number];
  readonly message: string;
}

/**
 * The first mapping key that is itself a list or mapping (YAML's `? [a, b]`): no key of a spec
 * can be one, and converting it to plain data makes the yaml library print a warning on stderr.
 * Undefined when every key is a scalar.
 */
export function collectionKeyProblem(document: Document.Parsed): KeyProblem | undefined {
  let found: KeyProblem | undefined;
  visit(document, {
    Pair(_, pair) {
      if (!isCollection(pair.key)) return undefined;
      const kind = isSeq(pair.key) ? 'a list' : 'a mapping';
      const [start, end] = pair.key.range ?? [0, 1];
      found = { range: [start, end], message: `a key must be a name, found ${kind}` };
      return visit.BREAK;
    },
  });
  return found;
}
