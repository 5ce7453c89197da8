import { describe, expect, it } from 'vitest';
import { diagnosticsOf } from './support/spec-text.ts';

/** PromQL over native, classic and mixed layouts: which series exist and which functions fit. */
const BASE = `${[
  /*  1 */ 'version: 1',
  /*  2 */ 'namespace: shop',
  /*  3 */ 'buckets:',
  /*  4 */ '  both:',
  /*  5 */ '    values: [0.1, 1]',
  /*  6 */ '    native: { schema: 3 }',
  /*  7 */ '  classic:',
  /*  8 */ '    values: [0.1, 1]',
  /*  9 */ '  native:',
  /* 10 */ '    native: { factor: 1.5 }',
  /* 11 */ 'groups:',
  /* 12 */ '  - id: orders',
  /* 13 */ '    title: Orders',
  /* 14 */ '    description: Orders.',
  /* 15 */ '    metrics:',
  /* 16 */ '      - { name: a_seconds, type: histogram, help: A., unit: seconds, buckets: both }',
  /* 17 */ '      - { name: c_seconds, type: histogram, help: C., unit: seconds, buckets: classic }',
  /* 18 */ '      - { name: n_seconds, type: histogram, help: N., unit: seconds, buckets: native }',
  /* 19 */ '    queries:',
  /* 20 */ '      - record: job:shop:q',
  /* 21 */ '        title: Q',
  /* 22 */ '        description: Q.',
  /* 23 */ '        expr: EXPR',
].join('\n')}\n`;

function headings(expr: string): string[] {
  const diagnostics = diagnosticsOf(BASE.replace('EXPR', expr));
  // Only the expression is under test here: the rule's name (line 20) is checked elsewhere.
  return diagnostics
    .filter(({ line }) => line !== 20)
    .map(({ line, column, message }) => `${line}:${column} ${message}`);
}

describe('PromQL checks for native histograms', () => {
  it.each([
    'histogram_quantile(0.95, sum by (job) (rate(shop_a_seconds[5m])))',
    'histogram_count(sum by (job) (rate(shop_n_seconds[5m])))',
    'histogram_sum(sum(rate(shop_a_seconds[5m]))) / histogram_count(sum(rate(shop_a_seconds[5m])))',
    'histogram_fraction(0, 0.1, sum(rate(shop_n_seconds[5m])))',
    'histogram_quantile(0.95, sum by (job, le) (rate(shop_a_seconds_bucket[5m])))',
    'histogram_quantile(0.95, sum by (le) (rate(shop_c_seconds_bucket[5m])))',
    'sum(rate(shop_n_seconds_count[5m]))',
  ])('accepts %s', (expr) => {
    expect(headings(expr)).toEqual([]);
  });

  it.each([
    [
      'histogram_count(sum(rate(shop_a_seconds_count[5m])))',
      '23:40 histogram_count() needs a native histogram, but shop_a_seconds_count is a classic histogram series; select the native histogram "shop_a_seconds"',
    ],
    [
      'histogram_sum(rate(shop_c_seconds_bucket[5m]))',
      '23:34 histogram_sum() needs a native histogram, but shop_c_seconds_bucket is a classic histogram series; declare native resolution on its bucket layout',
    ],
    [
      'histogram_quantile(0.9, sum(rate(shop_c_seconds[5m])))',
      '23:48 unknown series "shop_c_seconds" (a classic histogram: select "shop_c_seconds_bucket", or declare native resolution on its bucket layout)',
    ],
    [
      'histogram_quantile(0.9, sum by (le) (rate(shop_n_seconds_bucket[5m])))',
      '23:57 unknown series "shop_n_seconds_bucket" (its layout is native only: select the native histogram "shop_n_seconds")',
    ],
  ])('rejects %s', (expr, want) => {
    expect(headings(expr)).toEqual([want]);
  });
});
