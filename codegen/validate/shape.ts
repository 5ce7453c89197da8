import type { Document } from 'yaml';
import type { z } from 'zod';
import { type Diagnostic, diagnosticAt, type SpecPath } from '../parse/diagnostics.ts';
import type { SpecSource } from '../parse/spec-source.ts';
import { type MetricsSpec, specSchema } from '../spec/schema.ts';
import { closest, didYouMean } from '../suggest.ts';
import { inlineBucketsMessage } from './inline-buckets.ts';
import { describeValue, exists, keyRange, nodeAt, rangeOf } from './locate.ts';

type Issue = z.core.$ZodIssue;

export type ShapeResult =
  | { readonly ok: true; readonly spec: MetricsSpec }
  | { readonly ok: false; readonly diagnostics: Diagnostic[] };

/** Keys that later versions of the format will give a meaning; named so the error says so. */
const RESERVED_KEYS: Readonly<Record<string, string>> = {
  panels: 'dashboard panels beyond the generated ones',
};

/** Checks the document against the spec schema: types, required and unknown keys, patterns. */
export function checkShape(
  source: SpecSource,
  document: Document.Parsed,
  raw: unknown,
): ShapeResult {
  const parsed = specSchema.safeParse(raw);
  if (parsed.success) return { ok: true, spec: parsed.data };
  const diagnostics = withoutMisspeltMissingKeys(parsed.error.issues).flatMap((issue) =>
    issueDiagnostics(source, document, issue),
  );
  return { ok: false, diagnostics };
}

function issueDiagnostics(
  source: SpecSource,
  document: Document.Parsed,
  issue: Issue,
): Diagnostic[] {
  const path = issue.path.filter((segment) => typeof segment !== 'symbol');
  const at = (message: string): Diagnostic =>
    diagnosticAt(source, rangeOf(nodeAt(document, path)), path, message);
  const found = describeValue(document, path);

  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) =>
        diagnosticAt(source, keyRange(document, path, key), [...path, key], unknownKey(key, path)),
      );
    case 'invalid_type':
      if (!exists(document, path)) return [at(missingKey(path))];
      if (issue.expected === 'number' && typeof document.getIn(path) === 'number') {
        return [at(`expected a finite number, found ${found}${INFINITY_HINT}`)];
      }
      return [
        at(
          inlineBucketsMessage(document, path) ??
            `expected ${typeName(issue.expected)}, found ${found}`,
        ),
      ];
    case 'invalid_value': {
      if (!exists(document, path)) return [at(missingKey(path))];
      const allowed = issue.values.map((value) => JSON.stringify(value));
      const expected = allowed.length === 1 ? allowed[0] : `one of ${allowed.join(', ')}`;
      const value = document.getIn(path);
      const sameType = issue.values.some((allowedValue) => typeof allowedValue === typeof value);
      const hint =
        sameType && typeof value === 'string' ? didYouMean(value, issue.values.map(String)) : '';
      return [at(`expected ${expected}, found ${found}${hint}`)];
    }
    case 'invalid_format':
      return [at(`${issue.message}, found ${found}`)];
    case 'invalid_key':
      return [
        diagnosticAt(
          source,
          keyRange(document, path.slice(0, -1), String(path.at(-1))),
          path,
          `${issue.issues[0]?.message ?? 'invalid key'}, found ${JSON.stringify(path.at(-1))}`,
        ),
      ];
    case 'too_small':
      return [at(`${tooSmall(issue)}, found ${found}`)];
    case 'too_big':
      return [at(`${tooBig(issue)}, found ${found}`)];
    default:
      return [at(`${issue.message}, found ${found}`)];
  }
}

/**
 * A misspelt key reads as an unknown key and a missing one; the unknown key's "did you mean"
 * already says both, so the missing-key report is dropped.
 */
function withoutMisspeltMissingKeys(issues: readonly Issue[]): Issue[] {
  const suggested = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const known = keysAllowedAt(specSchema, issue.path as SpecPath);
    for (const key of issue.keys) {
      const suggestion = closest(key, known);
      if (suggestion !== undefined) suggested.add(JSON.stringify([...issue.path, suggestion]));
    }
  }
  return issues.filter(
    (issue) => issue.code !== 'invalid_type' || !suggested.has(JSON.stringify(issue.path)),
  );
}

function tooSmall(issue: Extract<Issue, { code: 'too_small' }>): string {
  const minimum = Number(issue.minimum);
  if (issue.origin === 'array') {
    return `expected at least ${minimum} ${minimum === 1 ? 'item' : 'items'}`;
  }
  if (issue.origin === 'string') return 'expected a non-empty text';
  return `expected a number ${issue.inclusive ? 'of at least' : 'greater than'} ${minimum}`;
}

function tooBig(issue: Extract<Issue, { code: 'too_big' }>): string {
  const maximum = Number(issue.maximum);
  if (issue.origin === 'string') return `expected at most ${maximum} characters`;
  if (issue.origin === 'array') return `expected at most ${maximum} items`;
  return `expected a number ${issue.inclusive ? 'of at most' : 'less than'} ${maximum}`;
}

function missingKey(path: SpecPath): string {
  return `missing required key "${String(path.at(-1))}"`;
}

function unknownKey(key: string, path: SpecPath): string {
  const reserved = RESERVED_KEYS[key];
  if (reserved !== undefined) {
    return `"${key}" is reserved for ${reserved}, which this version of the format does not support yet`;
  }
  const known = keysAllowedAt(specSchema, path);
  return `unknown key "${key}"${didYouMean(key, known)}; expected one of: ${known.join(', ')}`;
}

const INFINITY_HINT = ' (a histogram always gets a +Inf bucket; list only finite bounds)';

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'a text',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
  record: 'a mapping',
};

function typeName(expected: string): string {
  return TYPE_NAMES[expected] ?? expected;
}

interface SchemaDefinition {
  readonly type: string;
  readonly shape?: Record<string, unknown>;
  readonly innerType?: unknown;
  readonly element?: unknown;
  readonly valueType?: unknown;
}

/** Walks the schema along a document path to list the keys the object there accepts. */
function keysAllowedAt(schema: unknown, path: SpecPath): string[] {
  let definition = definitionOf(schema);
  for (const segment of path) {
    definition = unwrap(definition);
    if (definition?.type === 'object') definition = definitionOf(definition.shape?.[segment]);
    else if (definition?.type === 'array') definition = definitionOf(definition.element);
    else if (definition?.type === 'record') definition = definitionOf(definition.valueType);
    else return [];
  }
  definition = unwrap(definition);
  return Object.keys(definition?.shape ?? {});
}

function unwrap(definition: SchemaDefinition | undefined): SchemaDefinition | undefined {
  let current = definition;
  while (current?.innerType !== undefined) current = definitionOf(current.innerType);
  return current;
}

function definitionOf(schema: unknown): SchemaDefinition | undefined {
  return (schema as { _zod?: { def?: SchemaDefinition } } | undefined)?._zod?.def;
}
