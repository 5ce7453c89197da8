import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../codegen/parse/diagnostics.ts';
import { parseSpecText } from '../codegen/parse/read-spec.ts';
import { validate } from '../codegen/validate/index.ts';
import { headingsOf, itReportsEachCase, replaceOnce, type SpecCase } from './support/spec-text.ts';

/**
 * A small valid spec. Each case below changes one thing in it, by text, so the expected
 * positions can be read off these line numbers (a case that inserts lines shifts the lines
 * after the insertion).
 */
const BASE = `${[
  /*  1 */ 'version: 1',
  /*  2 */ 'namespace: shop',
  /*  3 */ 'labels:',
  /*  4 */ '  result:',
  /*  5 */ '    description: Outcome of an order.',
  /*  6 */ '    values: [success, error]',
  /*  7 */ '  tenant:',
  /*  8 */ '    description: Customer account.',
  /*  9 */ '    max_values: 10',
  /* 10 */ 'buckets:',
  /* 11 */ '  latency:',
  /* 12 */ '    values: [0.1, 0.5, 1]',
  /* 13 */ '  sizes:',
  /* 14 */ '    exponential: { start: 1, factor: 2, count: 8 }',
  /* 15 */ 'groups:',
  /* 16 */ '  - id: orders',
  /* 17 */ '    title: Orders',
  /* 18 */ '    description: Orders placed and how long they took.',
  /* 19 */ '    metrics:',
  /* 20 */ '      - name: orders_placed',
  /* 21 */ '        type: counter',
  /* 22 */ '        help: Orders placed, by result.',
  /* 23 */ '        labels: [result, tenant]',
  /* 24 */ '      - name: order_duration_seconds',
  /* 25 */ '        type: histogram',
  /* 26 */ '        help: Time to place an order.',
  /* 27 */ '        unit: seconds',
  /* 28 */ '        labels: [result]',
  /* 29 */ '        buckets: latency',
  /* 30 */ '    composites:',
  /* 31 */ '      - name: recordOrder',
  /* 32 */ '        help: Counts an order and observes how long it took.',
  /* 33 */ '        records:',
  /* 34 */ '          - metric: orders_placed',
  /* 35 */ '          - metric: order_duration_seconds',
  /* 36 */ '  - id: stock',
  /* 37 */ '    title: Stock',
  /* 38 */ '    description: Items in the warehouse and deliveries.',
  /* 39 */ '    metrics:',
  /* 40 */ '      - name: stock_items',
  /* 41 */ '        type: gauge',
  /* 42 */ '        help: Items in stock.',
  /* 43 */ '      - name: deliveries',
  /* 44 */ '        type: counter',
  /* 45 */ '        help: Deliveries received.',
  /* 46 */ '      - name: delivery_size',
  /* 47 */ '        type: histogram',
  /* 48 */ '        help: Items in one delivery.',
  /* 49 */ '        buckets: sizes',
].join('\n')}\n`;

/** BASE with `from`, which must occur in it exactly once, replaced by `to`. */
function replace(from: string, to: string): string {
  return replaceOnce(BASE, from, to);
}

/** BASE with `lines` inserted after the whole line `line`: the first lands on its line + 1. */
function insertAfter(line: string, ...lines: string[]): string {
  return replace(`${line}\n`, `${[line, ...lines].join('\n')}\n`);
}

/** BASE without the whole line `line`: the lines after it move up by one. */
function remove(line: string): string {
  return replace(`${line}\n`, '');
}

/** BASE with one more free-form label, `name`, defined on lines 10-12 and used nowhere. */
function withLabel(name: string): string {
  return insertAfter(
    '    max_values: 10',
    `  ${name}:`,
    '    description: A label.',
    '    max_values: 5',
  );
}

const cases: readonly SpecCase[] = [
  // YAML syntax: reported by the parser, before any check of the content.
  {
    name: 'unclosed flow sequence (reported where the next key starts)',
    spec: replace('values: [0.1, 0.5, 1]', 'values: [0.1, 0.5, 1'),
    want: [
      'metrics.yaml:13:3 YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ],
  },
  {
    name: 'key indented less than its siblings',
    spec: replace('    max_values: 10', '   max_values: 10'),
    want: ['metrics.yaml:9:1 YAML syntax error: All mapping items must start at the same column'],
  },
  {
    name: 'tab indentation',
    spec: replace('    max_values: 10', '\tmax_values: 10'),
    want: ['metrics.yaml:9:1 YAML syntax error: Tabs are not allowed as indentation'],
  },
  {
    name: 'duplicate key in a metric',
    spec: insertAfter('        help: Items in stock.', '        help: Stock on hand.'),
    want: ['metrics.yaml:43:9 YAML syntax error: this key appears twice in the same mapping'],
  },
  {
    name: 'duplicate label definition',
    spec: replace('  tenant:', '  result:'),
    want: ['metrics.yaml:7:3 YAML syntax error: this key appears twice in the same mapping'],
  },
  {
    name: 'second document',
    spec: `${BASE}---\nversion: 1\n`,
    want: ['metrics.yaml:50:1 YAML syntax error: a spec is one document; found a second `---`'],
  },

  // Empty documents and a top level that is not a mapping.
  {
    name: 'empty file',
    spec: '',
    want: ['metrics.yaml:1:1 is empty; expected a mapping with version, namespace and groups'],
  },
  {
    name: 'only a comment',
    spec: '# metrics to come\n',
    want: ['metrics.yaml:1:1 is empty; expected a mapping with version, namespace and groups'],
  },
  {
    name: 'top level is a list',
    spec: '- version: 1\n',
    want: ['metrics.yaml:1:1 expected a mapping, found a list of 1 item'],
  },
  {
    name: 'top level is a scalar',
    spec: 'metrics\n',
    want: ['metrics.yaml:1:1 expected a mapping, found "metrics"'],
  },

  // Missing required keys: reported at the mapping that lacks them.
  {
    name: 'missing version',
    spec: remove('version: 1'),
    want: ['metrics.yaml:1:1 version: missing required key "version"'],
  },
  {
    name: 'missing namespace',
    spec: remove('namespace: shop'),
    want: ['metrics.yaml:1:1 namespace: missing required key "namespace"'],
  },
  {
    name: 'missing groups',
    spec: BASE.slice(0, BASE.indexOf('groups:\n')),
    want: ['metrics.yaml:1:1 groups: missing required key "groups"'],
  },
  {
    name: 'missing metric name',
    spec: replace('      - name: stock_items\n        type: gauge', '      - type: gauge'),
    want: ['metrics.yaml:40:9 groups[1].metrics[0].name: missing required key "name"'],
  },
  {
    name: 'missing metric type',
    spec: remove('        type: gauge'),
    want: ['metrics.yaml:40:9 groups[1].metrics[0].type: missing required key "type"'],
  },
  {
    name: 'missing metric help',
    spec: remove('        help: Items in stock.'),
    want: ['metrics.yaml:40:9 groups[1].metrics[0].help: missing required key "help"'],
  },
  {
    name: 'missing group title',
    spec: remove('    title: Stock'),
    want: ['metrics.yaml:36:5 groups[1].title: missing required key "title"'],
  },

  // Wrong types and values.
  {
    name: 'a text where a list is expected',
    spec: replace('labels: [result, tenant]', 'labels: result'),
    want: ['metrics.yaml:23:17 groups[0].metrics[0].labels: expected a list, found "result"'],
  },
  {
    name: 'a number where a text is expected',
    spec: replace('help: Items in stock.', 'help: 42'),
    want: ['metrics.yaml:42:15 groups[1].metrics[0].help: expected a text, found 42'],
  },
  {
    name: 'a text where a number is expected',
    spec: replace('max_values: 10', 'max_values: ten'),
    want: ['metrics.yaml:9:17 labels.tenant.max_values: expected a number, found "ten"'],
  },
  {
    name: 'wrong version',
    spec: replace('version: 1', 'version: 2'),
    want: ['metrics.yaml:1:10 version: expected 1, found 2'],
  },

  // Unknown and reserved keys.
  {
    name: 'unknown key at top level',
    spec: replace('namespace: shop', 'namspace: shop'),
    want: [
      'metrics.yaml:2:1 namspace: unknown key "namspace" (did you mean "namespace"?); expected one of: version, namespace, labels, buckets, groups, scrape, alerting, dashboard, max_series, runbook_url',
    ],
  },
  {
    name: 'unknown key in a label',
    spec: replace('    max_values: 10', '    max_value: 10'),
    want: [
      'metrics.yaml:9:5 labels.tenant.max_value: unknown key "max_value" (did you mean "max_values"?); expected one of: description, values, max_values, type',
    ],
  },
  {
    name: 'unknown key in a metric',
    spec: insertAfter('        help: Items in stock.', '        lables: [result]'),
    want: [
      'metrics.yaml:43:9 groups[1].metrics[0].lables: unknown key "lables" (did you mean "labels"?); expected one of: name, type, help, unit, labels, buckets, recorder, aggregate, max_series, exemplars',
    ],
  },
  {
    name: 'unknown key in a bucket layout',
    spec: replace('    values: [0.1, 0.5, 1]', '    value: [0.1, 0.5, 1]'),
    want: [
      'metrics.yaml:12:5 buckets.latency.value: unknown key "value" (did you mean "values"?); expected one of: description, values, exponential, exponential_range, linear, native',
    ],
  },
  {
    name: 'reserved key panels in a group',
    spec: insertAfter('    title: Stock', '    panels: []'),
    want: [
      'metrics.yaml:38:5 groups[1].panels: "panels" is reserved for dashboard panels beyond the generated ones, which this version of the format does not support yet',
    ],
  },

  // Names that do not match their pattern.
  {
    name: 'metric name with a dash',
    spec: replace('name: stock_items', 'name: stock-items'),
    want: [
      'metrics.yaml:40:15 groups[1].metrics[0].name: expected a Prometheus metric name [a-zA-Z_:][a-zA-Z0-9_:]*, found "stock-items"',
    ],
  },
  {
    name: 'metric name with a leading digit',
    spec: replace('name: stock_items', 'name: 2nd_stock_items'),
    want: [
      'metrics.yaml:40:15 groups[1].metrics[0].name: expected a Prometheus metric name [a-zA-Z_:][a-zA-Z0-9_:]*, found "2nd_stock_items"',
    ],
  },
  {
    name: 'invalid label name in a definition',
    spec: withLabel('tenant-id'),
    want: [
      'metrics.yaml:10:3 labels["tenant-id"]: expected a Prometheus label name [a-zA-Z_][a-zA-Z0-9_]*, found "tenant-id"',
    ],
  },
  {
    name: 'invalid label name in a metric',
    spec: replace('labels: [result, tenant]', 'labels: [result, tenant-id]'),
    want: [
      'metrics.yaml:23:26 groups[0].metrics[0].labels[1]: expected a Prometheus label name [a-zA-Z_][a-zA-Z0-9_]*, found "tenant-id"',
    ],
  },
  {
    name: 'invalid namespace',
    spec: replace('namespace: shop', 'namespace: my-shop'),
    want: [
      'metrics.yaml:2:12 namespace: expected a metric name prefix [a-zA-Z_][a-zA-Z0-9_]*, found "my-shop"',
    ],
  },

  // Reserved label names.
  {
    name: 'label le',
    spec: withLabel('le'),
    want: ['metrics.yaml:10:3 labels.le: "le" is reserved for histogram and summary series'],
  },
  {
    name: 'label quantile',
    spec: withLabel('quantile'),
    want: [
      'metrics.yaml:10:3 labels.quantile: "quantile" is reserved for histogram and summary series',
    ],
  },
  {
    name: 'label starting with __',
    spec: withLabel('__x'),
    want: ['metrics.yaml:10:3 labels.__x: "__x" starts with "__", which Prometheus reserves'],
  },

  // promlint: case, colons, type and unit words in metric names.
  {
    name: 'camelCase metric name',
    spec: replace('name: stock_items', 'name: stockItems'),
    want: [
      'metrics.yaml:40:15 groups[1].metrics[0].name: "shop_stockItems" is camelCase; metric names are snake_case',
    ],
  },
  {
    name: 'camelCase label name',
    spec: withLabel('tenantId'),
    want: [
      'metrics.yaml:10:3 labels.tenantId: "tenantId" is camelCase; label names are snake_case',
    ],
  },
  {
    name: 'colon in a metric name',
    spec: replace('name: stock_items', 'name: stock:items'),
    want: [
      `metrics.yaml:40:15 groups[1].metrics[0].name: "shop_stock:items" contains ':' (colons are reserved for recording rules)`,
    ],
  },
  {
    name: 'type _gauge in the name',
    spec: replace('name: stock_items', 'name: stock_items_gauge'),
    want: [
      'metrics.yaml:40:15 groups[1].metrics[0].name: "shop_stock_items_gauge" should not include the metric type "gauge"',
    ],
  },
  {
    name: 'type _counter in the name',
    spec: replace('name: deliveries', 'name: deliveries_counter'),
    want: [
      'metrics.yaml:43:15 groups[1].metrics[1].name: "shop_deliveries_counter" should not include the metric type "counter"',
    ],
  },
  {
    name: 'type _histogram in the name',
    spec: replace('name: delivery_size', 'name: delivery_size_histogram'),
    want: [
      'metrics.yaml:46:15 groups[1].metrics[2].name: "shop_delivery_size_histogram" should not include the metric type "histogram"',
    ],
  },
  {
    name: 'abbreviated unit _ms',
    spec: replace('name: stock_items', 'name: stock_age_ms'),
    want: [
      'metrics.yaml:40:15 groups[1].metrics[0].name: "shop_stock_age_ms" contains the abbreviated unit "_ms"; spell out a base unit',
    ],
  },
  {
    name: 'abbreviated unit _s',
    spec: replace('name: stock_items', 'name: stock_age_s'),
    want: [
      'metrics.yaml:40:15 groups[1].metrics[0].name: "shop_stock_age_s" contains the abbreviated unit "_s"; spell out a base unit',
    ],
  },
  {
    name: 'abbreviated unit _kb',
    spec: replace('name: stock_items', 'name: stock_size_kb'),
    want: [
      'metrics.yaml:40:15 groups[1].metrics[0].name: "shop_stock_size_kb" contains the abbreviated unit "_kb"; spell out a base unit',
    ],
  },
  {
    name: 'non-base unit in the name',
    spec: replace('name: stock_items', 'name: stock_age_minutes'),
    want: [
      'metrics.yaml:40:15 groups[1].metrics[0].name: "shop_stock_age_minutes" uses "minutes"; use the base unit "seconds"',
    ],
  },
  {
    name: 'non-base unit in the name and in unit',
    spec: replace(
      '      - name: stock_items\n        type: gauge',
      '      - name: stock_age_hours\n        type: gauge\n        unit: hours',
    ),
    want: [
      'metrics.yaml:40:15 groups[1].metrics[0].name: "shop_stock_age_hours" uses "hours"; use the base unit "seconds"',
      'metrics.yaml:42:15 groups[1].metrics[0].unit: unit "hours" is not a base unit; use "seconds"',
    ],
  },
  {
    name: 'unit not matching the name',
    spec: replace('unit: seconds', 'unit: bytes'),
    want: [
      'metrics.yaml:27:15 groups[0].metrics[1].unit: "shop_order_duration_seconds" must end in "_bytes", the unit it declares',
    ],
  },
  {
    name: 'name ending in _seconds without unit',
    spec: remove('        unit: seconds'),
    want: [
      'metrics.yaml:24:15 groups[0].metrics[1].name: "shop_order_duration_seconds" ends in the unit "seconds" but declares no unit; add "unit: seconds"',
    ],
  },
  {
    name: '_total on a counter',
    spec: replace('name: deliveries', 'name: deliveries_total'),
    want: [
      'metrics.yaml:43:15 groups[1].metrics[1].name: "shop_deliveries_total" ends in "_total"; declare counters without it (it is added on exposure)',
    ],
  },
  {
    name: '_total on a gauge',
    spec: replace('name: stock_items', 'name: stock_items_total'),
    want: [
      'metrics.yaml:40:15 groups[1].metrics[0].name: "shop_stock_items_total" ends in "_total", which only counters may',
    ],
  },
  {
    name: '_count suffix',
    spec: replace('name: stock_items', 'name: stock_items_count'),
    want: [
      'metrics.yaml:40:15 groups[1].metrics[0].name: "shop_stock_items_count" ends in "_count", which names a series of its own in the exposition',
    ],
  },
  {
    name: '_sum suffix',
    spec: replace('name: stock_items', 'name: stock_items_sum'),
    want: [
      'metrics.yaml:40:15 groups[1].metrics[0].name: "shop_stock_items_sum" ends in "_sum", which names a series of its own in the exposition',
    ],
  },
  {
    name: '_bucket suffix',
    spec: replace('name: stock_items', 'name: stock_items_bucket'),
    want: [
      'metrics.yaml:40:15 groups[1].metrics[0].name: "shop_stock_items_bucket" ends in "_bucket", which names a series of its own in the exposition',
    ],
  },

  // Duplicates.
  {
    name: 'duplicate metric in the same group',
    spec: replace('name: deliveries', 'name: stock_items'),
    want: [
      'metrics.yaml:43:15 groups[1].metrics[1].name: duplicate metric "shop_stock_items" (first declared at groups[1].metrics[0])',
    ],
  },
  {
    name: 'duplicate metric across groups',
    spec: replace('name: stock_items', 'name: orders_placed'),
    want: [
      'metrics.yaml:40:15 groups[1].metrics[0].name: duplicate metric "shop_orders_placed" (first declared at groups[0].metrics[0])',
    ],
  },
  {
    name: 'duplicate group id',
    spec: replace('id: stock', 'id: orders'),
    want: ['metrics.yaml:36:9 groups[1].id: duplicate group id "orders"'],
  },
  {
    name: 'duplicate label on a metric',
    spec: replace('labels: [result, tenant]', 'labels: [result, result]'),
    want: ['metrics.yaml:23:26 groups[0].metrics[0].labels[1]: duplicate label "result"'],
  },

  // Label definitions and references.
  {
    name: 'undefined label with did-you-mean',
    spec: replace('labels: [result, tenant]', 'labels: [resutl, tenant]'),
    want: [
      'metrics.yaml:23:18 groups[0].metrics[0].labels[0]: undefined label "resutl" (did you mean "result"?); define it under "labels"',
    ],
  },
  {
    name: 'undefined label without did-you-mean',
    spec: replace('labels: [result, tenant]', 'labels: [result, region]'),
    want: [
      'metrics.yaml:23:26 groups[0].metrics[0].labels[1]: undefined label "region"; define it under "labels"',
    ],
  },
  {
    name: 'label with both values and max_values',
    spec: insertAfter('    max_values: 10', '    values: [a, b]'),
    want: [
      'metrics.yaml:8:5 labels.tenant: declares both "values" and "max_values"; a label is either a closed enum or free-form',
    ],
  },
  {
    name: 'label with neither values nor max_values',
    spec: remove('    max_values: 10'),
    want: [
      'metrics.yaml:8:5 labels.tenant: declares neither "values" (closed enum) nor "max_values" (free-form label)',
    ],
  },
  {
    name: 'type on an enum label',
    spec: insertAfter('    values: [success, error]', '    type: string'),
    want: [
      'metrics.yaml:7:11 labels.result.type: "type" applies to free-form labels only; enum values are texts',
    ],
  },
  {
    name: 'duplicate enum value',
    spec: replace('values: [success, error]', 'values: [success, error, success]'),
    want: ['metrics.yaml:6:30 labels.result.values[2]: duplicate label value "success"'],
  },
  {
    name: 'enum values colliding as constants',
    spec: replace('values: [success, error]', 'values: [time_out, time-out]'),
    want: [
      'metrics.yaml:6:24 labels.result.values[1]: "time-out" and "time_out" would both be the constant TimeOut',
    ],
  },
  {
    name: 'enum value without a letter or digit',
    spec: replace('values: [success, error]', 'values: [success, "-"]'),
    want: [
      'metrics.yaml:6:23 labels.result.values[1]: "-" needs a letter or digit to name its constant',
    ],
  },
  {
    name: 'max_values of 0',
    spec: replace('max_values: 10', 'max_values: 0'),
    want: ['metrics.yaml:9:17 labels.tenant.max_values: expected a number of at least 1, found 0'],
  },

  // Bucket layouts and their use.
  {
    name: 'empty list of bucket values',
    spec: replace('values: [0.1, 0.5, 1]', 'values: []'),
    want: [
      'metrics.yaml:12:13 buckets.latency.values: declares no buckets; expected at least one upper bound',
    ],
  },
  {
    name: 'bucket values not strictly increasing',
    spec: replace('values: [0.1, 0.5, 1]', 'values: [0.1, 1, 0.5]'),
    want: [
      'metrics.yaml:12:22 buckets.latency.values[2]: bucket bounds must be strictly increasing: 0.5 follows 1',
    ],
  },
  {
    name: 'negative bucket bound',
    spec: replace('values: [0.1, 0.5, 1]', 'values: [-1, 0.5, 1]'),
    want: [
      'metrics.yaml:12:14 buckets.latency.values[0]: bucket bounds must not be negative (-1): observations are non-negative, as OpenMetrics requires of a histogram with a _sum',
    ],
  },
  {
    name: 'negative linear start',
    spec: replace(
      'exponential: { start: 1, factor: 2, count: 8 }',
      'linear: { start: -5, width: 2, count: 8 }',
    ),
    want: [
      'metrics.yaml:14:13 buckets.sizes.linear: bucket bounds must not be negative (-5): observations are non-negative, as OpenMetrics requires of a histogram with a _sum',
    ],
  },
  {
    name: 'metric named like a self-metric',
    spec: replace('- name: deliveries', '- name: metrics_rejected'),
    want: [
      'metrics.yaml:43:15 groups[1].metrics[1].name: "metrics_rejected" is reserved: the runtime exposes "shop_metrics_rejected_total" as a self-metric',
    ],
  },
  {
    name: 'metric named like the live series gauge',
    spec: replace('- name: stock_items', '- name: metrics_series'),
    want: [
      'metrics.yaml:40:15 groups[1].metrics[0].name: "metrics_series" is reserved: the runtime exposes "shop_metrics_series" as a self-metric',
    ],
  },
  {
    name: 'metric named like a cluster primary’s self-metric',
    spec: replace('- name: stock_items', '- name: metrics_cluster_workers'),
    want: [
      'metrics.yaml:40:15 groups[1].metrics[0].name: "metrics_cluster_workers" is reserved: the runtime exposes "shop_metrics_cluster_workers" as a self-metric',
    ],
  },
  {
    name: 'metric whose series clash with a self-metric',
    spec: replace('- name: stock_items', '- name: metrics_label_overflow_created'),
    want: [
      'metrics.yaml:40:15 groups[1].metrics[0].name: "shop_metrics_label_overflow_created" is also a series of "shop_metrics_label_overflow"; rename one of them',
    ],
  },
  {
    name: '.inf bucket bound',
    spec: replace('values: [0.1, 0.5, 1]', 'values: [0.1, 0.5, 1, .inf]'),
    want: [
      'metrics.yaml:12:27 buckets.latency.values[3]: expected a finite number, found Infinity (a histogram always gets a +Inf bucket; list only finite bounds)',
    ],
  },
  {
    name: '.nan bucket bound',
    spec: replace('values: [0.1, 0.5, 1]', 'values: [0.1, .nan, 1]'),
    want: [
      'metrics.yaml:12:19 buckets.latency.values[1]: expected a finite number, found NaN (a histogram always gets a +Inf bucket; list only finite bounds)',
    ],
  },
  {
    name: 'layout with two forms',
    spec: insertAfter('    values: [0.1, 0.5, 1]', '    linear: { start: 0, width: 1, count: 3 }'),
    want: [
      'metrics.yaml:12:5 buckets.latency: declares values and linear; expected exactly one of them',
    ],
  },
  {
    name: 'layout with no form',
    spec: replace('    values: [0.1, 0.5, 1]', '    description: Request latency.'),
    want: [
      'metrics.yaml:12:5 buckets.latency: declares no buckets; expected one of values, exponential, exponential_range, linear, or native',
    ],
  },
  {
    name: 'exponential_range with min >= max',
    spec: replace(
      'exponential: { start: 1, factor: 2, count: 8 }',
      'exponential_range: { min: 10, max: 1, count: 8 }',
    ),
    want: [
      'metrics.yaml:14:40 buckets.sizes.exponential_range.max: expected max greater than min (10)',
    ],
  },
  {
    name: 'exponential_range too narrow for its count',
    spec: replace(
      'exponential: { start: 1, factor: 2, count: 8 }',
      'exponential_range: { min: 1, max: 1.01, count: 50 }',
    ),
    want: [
      'metrics.yaml:14:24 buckets.sizes.exponential_range: generates bounds that are not strictly increasing (1 follows 1); use fewer buckets or a wider range',
    ],
  },
  {
    name: 'buckets on a counter',
    spec: insertAfter('        help: Deliveries received.', '        buckets: sizes'),
    want: [
      'metrics.yaml:46:18 groups[1].metrics[1].buckets: buckets apply to histograms only, not to a counter',
    ],
  },
  {
    name: 'histogram without buckets',
    spec: remove('        buckets: sizes'),
    want: [
      'metrics.yaml:46:9 groups[1].metrics[2]: histogram "delivery_size" needs "buckets": one of "latency", "sizes"',
    ],
  },
  {
    name: 'undefined bucket layout',
    spec: replace('buckets: sizes', 'buckets: size'),
    want: [
      'metrics.yaml:49:18 groups[1].metrics[2].buckets: undefined bucket layout "size" (did you mean "sizes"?); expected one of "latency", "sizes"',
    ],
  },

  // Recorder names.
  {
    name: 'explicit recorder name taken by a derived one',
    spec: insertAfter('        help: Deliveries received.', '        recorder: setStockItems'),
    want: [
      'metrics.yaml:46:19 groups[1].metrics[1].recorder: recorder "setStockItems" is already generated for groups[1].metrics[0]; rename one of them',
    ],
  },
  {
    name: 'composite name taken by a derived recorder',
    spec: replace('name: recordOrder', 'name: recordOrdersPlaced'),
    want: [
      'metrics.yaml:31:15 groups[0].composites[0].name: recorder "recordOrdersPlaced" is already generated for groups[0].metrics[0]; rename one of them',
    ],
  },
  {
    name: 'reserved word as recorder name',
    spec: insertAfter('        help: Deliveries received.', '        recorder: delete'),
    want: [
      'metrics.yaml:46:19 groups[1].metrics[1].recorder: "delete" is a reserved word in TypeScript',
    ],
  },
  {
    name: 'recorder name that is not an identifier',
    spec: insertAfter('        help: Deliveries received.', '        recorder: record-deliveries'),
    want: [
      'metrics.yaml:46:19 groups[1].metrics[1].recorder: expected a TypeScript identifier [a-zA-Z_$][a-zA-Z0-9_$]*, found "record-deliveries"',
    ],
  },

  // Composite recorders.
  {
    name: 'composite recording an undefined metric',
    spec: replace('metric: orders_placed', 'metric: order_placed'),
    want: [
      'metrics.yaml:34:21 groups[0].composites[0].records[0].metric: undefined metric "order_placed" (did you mean "orders_placed"?)',
    ],
  },
  {
    name: 'composite recording a metric twice',
    spec: replace('metric: order_duration_seconds', 'metric: orders_placed'),
    want: [
      'metrics.yaml:35:21 groups[0].composites[0].records[1].metric: "orders_placed" is recorded twice',
    ],
  },
  {
    name: 'composite when flag named like a label parameter',
    spec: insertAfter('          - metric: order_duration_seconds', '            when: tenant'),
    want: [
      'metrics.yaml:36:19 groups[0].composites[0].records[1].when: "tenant" is already a label parameter of "recordOrder"; name the flag differently',
    ],
  },
  {
    name: 'composite when flag named like the value parameter',
    spec: insertAfter('          - metric: order_duration_seconds', '            when: seconds'),
    want: [
      'metrics.yaml:36:19 groups[0].composites[0].records[1].when: "seconds" is already the value parameter of "recordOrder"; name the flag differently',
    ],
  },
  {
    name: 'composite with values in different units',
    spec: replace('metric: orders_placed', 'metric: stock_items'),
    want: [
      'metrics.yaml:34:11 groups[0].composites[0].records: records values in different units (none, seconds); one call carries one value',
    ],
  },
];

describe('validator', () => {
  itReportsEachCase(BASE, cases);

  it('reports shape and meaning problems together, in file order', () => {
    const spec = [
      /*  1 */ 'version: 1',
      /*  2 */ 'namespace: shop',
      /*  3 */ 'labels:',
      /*  4 */ '  result:',
      /*  5 */ '    description: Outcome of an order.',
      /*  6 */ '    values: [ok, failed]',
      /*  7 */ '    colour: red',
      /*  8 */ '  tenantId:',
      /*  9 */ '    description: Customer account.',
      /* 10 */ '    max_values: 10',
      /* 11 */ 'groups:',
      /* 12 */ '  - id: orders',
      /* 13 */ '    title: Orders',
      /* 14 */ '    description: Orders placed.',
      /* 15 */ '    metrics:',
      /* 16 */ '      - name: orders_placed',
      /* 17 */ '        type: counter',
      /* 18 */ '        help: 42',
      /* 19 */ '      - name: order_latency_ms',
      /* 20 */ '        type: histogram',
      /* 21 */ '        help: Time to place an order.',
      /* 22 */ '        labels: [result, tenant]',
      /* 23 */ '  - id: orders',
      /* 24 */ '    description: Refunds issued.',
      /* 25 */ '    metrics:',
      /* 26 */ '      - name: refunds',
      /* 27 */ '        type: counter',
      /* 28 */ '        help: Refunds issued.',
    ].join('\n');
    expect(headingsOf(spec)).toEqual([
      'metrics.yaml:7:5 labels.result.colour: unknown key "colour"; expected one of: description, values, max_values, type',
      'metrics.yaml:8:3 labels.tenantId: "tenantId" is camelCase; label names are snake_case',
      'metrics.yaml:18:15 groups[0].metrics[0].help: expected a text, found 42',
      'metrics.yaml:19:9 groups[0].metrics[1]: histogram "order_latency_ms" needs "buckets": a layout defined under "buckets" (none is yet)',
      'metrics.yaml:19:15 groups[0].metrics[1].name: "shop_order_latency_ms" contains the abbreviated unit "_ms"; spell out a base unit',
      'metrics.yaml:22:26 groups[0].metrics[1].labels[1]: undefined label "tenant" (did you mean "tenantId"?); define it under "labels"',
      'metrics.yaml:23:5 groups[1].title: missing required key "title"',
      'metrics.yaml:23:9 groups[1].id: duplicate group id "orders"',
    ]);
  });

  it('formats a diagnostic with a code frame', () => {
    const parsed = parseSpecText(
      'metrics.yaml',
      replace('labels: [result, tenant]', 'labels: [resutl, tenant]'),
    );
    if (!parsed.ok) throw new Error('expected the spec to parse');
    const validated = validate(parsed.spec);
    if (validated.ok) throw new Error('expected the spec to be invalid');
    expect(validated.diagnostics).toHaveLength(1);
    const [diagnostic] = validated.diagnostics;
    if (diagnostic === undefined) throw new Error('expected a diagnostic');
    expect(formatDiagnostic(diagnostic, parsed.spec.source)).toBe(
      [
        'metrics.yaml:23:18 groups[0].metrics[0].labels[0]: undefined label "resutl" (did you mean "result"?); define it under "labels"',
        '  21 |         type: counter',
        '  22 |         help: Orders placed, by result.',
        '> 23 |         labels: [resutl, tenant]',
        '     |                  ^^^^^^',
        '',
      ].join('\n'),
    );
  });

  it('accepts the real metrics.yaml', () => {
    const text = readFileSync(new URL('../metrics.yaml', import.meta.url), 'utf8');
    expect(headingsOf(text)).toEqual([]);
  });
});
