import { escapeLabelValue } from '../exposition/text-format.ts';

/**
 * Labels attached to one observation or increment, such as `{ trace_id: '4bf92f35…' }`, so a
 * spike on a dashboard links to a trace that caused it.
 */
export type Exemplar = Readonly<Record<string, string>>;

/** An exemplar as kept: its labels, the value recorded with it and when, in milliseconds. */
export interface StoredExemplar {
  readonly labels: readonly (readonly [name: string, value: string])[];
  readonly value: number;
  readonly timestampMs: number;
}

/** OpenMetrics: label names and values of an exemplar, together, at most 128 UTF-8 characters. */
export const MAX_EXEMPLAR_CHARACTERS = 128;

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The exemplar to keep for `value`, or undefined when `exemplar` cannot be exposed: not an object,
 * no labels, a label name that is not a Prometheus label name (or starts with `__`), a value that
 * is not a string or holds a lone surrogate, or more than 128 characters (code points) in all.
 * The caller drops such an exemplar and counts it; the observation itself is still recorded.
 */
export function checkedExemplar(exemplar: unknown, value: number): StoredExemplar | undefined {
  try {
    return readExemplar(exemplar, value);
  } catch {
    // A Proxy or getter that throws: dropped like any other exemplar that cannot be read.
    return undefined;
  }
}

function readExemplar(exemplar: unknown, value: number): StoredExemplar | undefined {
  if (typeof exemplar !== 'object' || exemplar === null || Array.isArray(exemplar)) return;
  const labels: [string, string][] = [];
  let characters = 0;
  for (const name of Object.keys(exemplar)) {
    const labelValue: unknown = (exemplar as Record<string, unknown>)[name];
    if (!LABEL_NAME.test(name) || name.startsWith('__')) return;
    if (typeof labelValue !== 'string' || LONE_SURROGATE.test(labelValue)) return;
    characters += name.length + codePoints(labelValue);
    if (characters > MAX_EXEMPLAR_CHARACTERS) return;
    labels.push([name, labelValue]);
  }
  if (labels.length === 0) return;
  return { labels, value, timestampMs: Date.now() };
}

/** Code points, not UTF-16 units: an emoji is one character of the 128. */
function codePoints(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) count--;
  }
  return count;
}

/** ` # {trace_id="…"} 0.0042 1733012345.678`: the OpenMetrics suffix of a sample line. */
export function openMetricsExemplar(exemplar: StoredExemplar): string {
  const labels = exemplar.labels
    .map(([name, value]) => `${name}="${escapeLabelValue(value)}"`)
    .join(',');
  return ` # {${labels}} ${formatExemplarNumber(exemplar.value)} ${exemplar.timestampMs / 1000}`;
}

function formatExemplarNumber(value: number): string {
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}
