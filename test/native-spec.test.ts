import { describe, expect, it } from 'vitest';
import { pickSchema } from '../codegen/model/native-buckets.ts';
import { formatDiagnostic } from '../codegen/parse/diagnostics.ts';
import { parseSpecText } from '../codegen/parse/read-spec.ts';
import {
  diagnosticsOf,
  itReportsEachCase,
  modelOfText,
  replaceOnce,
  type SpecCase,
} from './support/spec-text.ts';

/**
 * Native resolution and exemplars in the spec, in the style of validator.test.ts: a small valid
 * spec, and cases that each change one thing in it by text, with positions read off these lines.
 */
const BASE = `${[
  /*  1 */ 'version: 1',
  /*  2 */ 'namespace: shop',
  /*  3 */ 'buckets:',
  /*  4 */ '  latency:',
  /*  5 */ '    values: [0.1, 0.5, 1]',
  /*  6 */ '    native: { factor: 1.1, max_buckets: 100 }',
  /*  7 */ '  sizes:',
  /*  8 */ '    native: { schema: 0, zero_threshold: 0.001 }',
  /*  9 */ 'groups:',
  /* 10 */ '  - id: orders',
  /* 11 */ '    title: Orders',
  /* 12 */ '    description: Orders placed and how long they took.',
  /* 13 */ '    metrics:',
  /* 14 */ '      - name: orders_placed',
  /* 15 */ '        type: counter',
  /* 16 */ '        help: Orders placed.',
  /* 17 */ '        exemplars: true',
  /* 18 */ '      - name: order_duration_seconds',
  /* 19 */ '        type: histogram',
  /* 20 */ '        help: Time to place an order.',
  /* 21 */ '        unit: seconds',
  /* 22 */ '        buckets: latency',
  /* 23 */ '        exemplars: true',
  /* 24 */ '      - name: order_size_items',
  /* 25 */ '        type: histogram',
  /* 26 */ '        help: Items in one order.',
  /* 27 */ '        unit: items',
  /* 28 */ '        buckets: sizes',
  /* 29 */ '      - name: stock_items',
  /* 30 */ '        type: gauge',
  /* 31 */ '        help: Items in stock.',
].join('\n')}\n`;

function replace(from: string, to: string): string {
  return replaceOnce(BASE, from, to);
}

const cases: readonly SpecCase[] = [
  {
    name: 'a factor of 1',
    spec: replace('factor: 1.1,', 'factor: 1,'),
    want: [
      'metrics.yaml:6:23 buckets.latency.native.factor: expected a number greater than 1, found 1',
    ],
  },
  {
    name: 'a factor below 1',
    spec: replace('factor: 1.1,', 'factor: 0.5,'),
    want: [
      'metrics.yaml:6:23 buckets.latency.native.factor: expected a number greater than 1, found 0.5',
    ],
  },
  {
    name: 'a schema above 8',
    spec: replace('schema: 0,', 'schema: 9,'),
    want: [
      'metrics.yaml:8:23 buckets.sizes.native.schema: expected a number of at most 8, found 9',
    ],
  },
  {
    name: 'a schema below -4',
    spec: replace('schema: 0,', 'schema: -5,'),
    want: [
      'metrics.yaml:8:23 buckets.sizes.native.schema: expected a number of at least -4, found -5',
    ],
  },
  {
    name: 'a fractional schema',
    spec: replace('schema: 0,', 'schema: 1.5,'),
    want: ['metrics.yaml:8:23 buckets.sizes.native.schema: expected an integer, found 1.5'],
  },
  {
    name: 'max_buckets 0',
    spec: replace('max_buckets: 100', 'max_buckets: 0'),
    want: [
      'metrics.yaml:6:41 buckets.latency.native.max_buckets: expected a number of at least 1, found 0',
    ],
  },
  {
    name: 'a negative zero threshold',
    spec: replace('zero_threshold: 0.001', 'zero_threshold: -1'),
    want: [
      'metrics.yaml:8:42 buckets.sizes.native.zero_threshold: expected a number of at least 0, found -1',
    ],
  },
  {
    name: 'both schema and factor',
    spec: replace('schema: 0,', 'schema: 0, factor: 2,'),
    want: [
      'metrics.yaml:8:34 buckets.sizes.native.factor: declares both "schema" and "factor"; a factor picks a schema, so give one of them',
    ],
  },
  {
    name: 'neither schema nor factor',
    spec: replace('native: { schema: 0, zero_threshold: 0.001 }', 'native: { max_buckets: 10 }'),
    want: [
      'metrics.yaml:8:13 buckets.sizes.native: declares no resolution; expected "schema" (-4 to 8) or "factor" (greater than 1, e.g. 1.1)',
    ],
  },
  {
    name: 'exemplars on a gauge',
    spec: replace(
      '        help: Items in stock.',
      '        help: Items in stock.\n        exemplars: true',
    ),
    want: [
      'metrics.yaml:32:20 groups[0].metrics[3].exemplars: exemplars apply to counters and histograms only; OpenMetrics allows none on a gauge',
    ],
  },
  {
    name: 'exemplars not a boolean',
    spec: replace(
      '        exemplars: true\n      - name: order_duration',
      '        exemplars: yes please\n      - name: order_duration',
    ),
    want: [
      'metrics.yaml:17:20 groups[0].metrics[0].exemplars: expected true or false, found "yes please"',
    ],
  },
];

describe('native resolution and exemplars in the spec', () => {
  itReportsEachCase(BASE, cases);

  it('points at the value in a code frame', () => {
    const text = replace('factor: 1.1,', 'factor: 1,');
    const parsed = parseSpecText('metrics.yaml', text);
    if (!parsed.ok) throw new Error('expected the spec to parse');
    const [diagnostic] = diagnosticsOf(text);
    if (diagnostic === undefined) throw new Error('expected a diagnostic');
    expect(formatDiagnostic(diagnostic, parsed.spec.source)).toContain(
      '> 6 |     native: { factor: 1, max_buckets: 100 }\n    |                       ^',
    );
  });

  it('resolves the layouts: both, native only, with defaults', () => {
    const model = modelOfText(BASE);
    const [latency, sizes] = model.bucketLayouts;
    expect(latency).toMatchObject({ kind: 'both', bounds: [0.1, 0.5, 1] });
    expect(latency?.native).toMatchObject({ schema: 3, maxBuckets: 100, zeroThreshold: 2 ** -128 });
    expect(sizes).toMatchObject({ kind: 'native', bounds: [] });
    expect(sizes?.native).toMatchObject({ schema: 0, maxBuckets: 160, zeroThreshold: 0.001 });
    expect(model.metrics.map((metric) => metric.exemplars)).toEqual([true, true, false, false]);
  });
});

describe('pickSchema, as client_golang picks it', () => {
  it.each([
    [1.1, 3],
    [2 ** (2 ** -3), 3],
    [1.09, 4],
    [2, 0],
    [4, -1],
    [65536, -4],
    [1e10, -4],
    [1.0001, 8],
    [1.002, 8],
  ])('factor %d gives schema %d', (factor, schema) => {
    expect(pickSchema(factor)).toBe(schema);
  });

  it('picks the coarsest schema whose factor is at most the one asked for', () => {
    for (let factor = 1.001; factor < 70000; factor *= 1.013) {
      const schema = pickSchema(factor);
      // Below 2^(2^-8) even schema 8 is coarser than asked: the finest there is.
      if (factor >= 2 ** (2 ** -8)) expect(2 ** (2 ** -schema)).toBeLessThanOrEqual(factor);
      // The coarsest such schema: one step coarser would exceed the factor.
      if (schema > -4) expect(2 ** (2 ** -(schema - 1))).toBeGreaterThan(factor);
    }
  });
});
