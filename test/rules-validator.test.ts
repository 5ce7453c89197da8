import { describe, expect, it } from 'vitest';
import {
  headingsOf,
  itReportsEachCase,
  modelOfText,
  replaceOnce,
  type SpecCase,
} from './support/spec-text.ts';

/**
 * A small valid spec with derived queries and an alert. Each case changes one thing by text,
 * so expected positions can be read off these line numbers.
 */
const BASE = `${[
  /*  1 */ 'version: 1',
  /*  2 */ 'namespace: shop',
  /*  3 */ 'runbook_url: https://runbooks.example.com/shop',
  /*  4 */ 'labels:',
  /*  5 */ '  result:',
  /*  6 */ '    description: Outcome of an order.',
  /*  7 */ '    values: [success, error]',
  /*  8 */ '  tenant:',
  /*  9 */ '    description: Customer account.',
  /* 10 */ '    max_values: 10',
  /* 11 */ 'buckets:',
  /* 12 */ '  latency:',
  /* 13 */ '    values: [0.1, 0.5, 1]',
  /* 14 */ 'groups:',
  /* 15 */ '  - id: orders',
  /* 16 */ '    title: Orders',
  /* 17 */ '    description: Orders placed and how long they took.',
  /* 18 */ '    metrics:',
  /* 19 */ '      - name: orders_placed',
  /* 20 */ '        type: counter',
  /* 21 */ '        help: Orders placed, by result.',
  /* 22 */ '        labels: [result, tenant]',
  /* 23 */ '      - name: order_duration_seconds',
  /* 24 */ '        type: histogram',
  /* 25 */ '        help: Time to place an order.',
  /* 26 */ '        unit: seconds',
  /* 27 */ '        buckets: latency',
  /* 28 */ '      - name: basket_items',
  /* 29 */ '        type: gauge',
  /* 30 */ '        help: Items in open baskets.',
  /* 31 */ '    queries:',
  /* 32 */ '      - record: job:shop_orders_placed:rate5m',
  /* 33 */ '        title: Orders per second',
  /* 34 */ '        description: Orders placed per second.',
  /* 35 */ '        expr: sum by (job) (rate(shop_orders_placed_total[5m]))',
  /* 36 */ '      - record: job:shop_orders_failed_per_placed:ratio_rate5m',
  /* 37 */ '        title: Error ratio',
  /* 38 */ '        description: Share of orders that failed.',
  /* 39 */ '        expr: |',
  /* 40 */ '          sum by (job) (rate(shop_orders_placed_total{result="error"}[5m]))',
  /* 41 */ '            / sum by (job) (rate(shop_orders_placed_total[5m]))',
  /* 42 */ '    alerts:',
  /* 43 */ '      - alert: ShopOrdersFailing',
  /* 44 */ '        expr: sum by (job, tenant) (rate(shop_orders_placed_total{result="error"}[5m])) > 1',
  /* 45 */ '        for: 5m',
  /* 46 */ '        severity: warning',
  /* 47 */ '        summary: Orders of {{ $labels.tenant }} fail.',
  /* 48 */ '        description: More than one order a second of {{ $labels.tenant }} fails.',
  /* 49 */ '        runbook: Check the payment provider.',
  /* 50 */ '        test:',
  /* 51 */ '          fires:',
  /* 52 */ '            shop_orders_placed_total{result="error", tenant="acme"}: 0+120x40',
  /* 53 */ '          silent:',
  /* 54 */ '            shop_orders_placed_total{result="error", tenant="acme"}: 0+6x40',
].join('\n')}\n`;

function replace(from: string, to: string): string {
  return replaceOnce(BASE, from, to);
}

const Q0 = 'groups[0].queries[0]';
const Q1 = 'groups[0].queries[1]';
const A0 = 'groups[0].alerts[0]';
const S0 = 'groups[0].slos[0]';

/** The base spec with one SLO (lines 42 to 49; objective on 45, selector on 46) before its alerts. */
function slo(objective: string, selector: string): string {
  return replace(
    '    alerts:\n',
    [
      '    slos:',
      '      - name: orders',
      '        title: Orders placed',
      `        ${objective}`,
      `        ${selector}`,
      '        total: shop_orders_placed_total',
      '        description: Share of orders placed without an error.',
      '    alerts:',
      '',
    ].join('\n'),
  );
}

const cases: readonly SpecCase[] = [
  {
    name: 'a counter named without _total',
    spec: replace(
      '/ sum by (job) (rate(shop_orders_placed_total[5m]))',
      '/ sum by (job) (rate(shop_orders_placed[5m]))',
    ),
    want: [
      `metrics.yaml:41:34 ${Q1}.expr: unknown series "shop_orders_placed" (counters are exposed with _total: "shop_orders_placed_total")`,
    ],
  },
  {
    name: 'a misspelt metric, pointed at inside a one-line expression',
    spec: replace(
      'rate(shop_orders_placed_total[5m]))\n      - record',
      'rate(shop_order_placed_total[5m]))\n      - record',
    ),
    want: [
      `metrics.yaml:35:34 ${Q0}.expr: unknown series "shop_order_placed_total" (did you mean "shop_orders_placed_total"?)`,
    ],
  },
  {
    name: 'an enum value that is not declared, inside a literal block',
    spec: replace('{result="error"}[5m]))\n', '{result="failed"}[5m]))\n'),
    want: [
      `metrics.yaml:40:62 ${Q1}.expr: "failed" is not a value of label "result"; expected one of success, error`,
    ],
  },
  {
    name: 'a regex matching no enum value',
    spec: replace('{result="error"}[5m]))\n', '{result=~"fail.*"}[5m]))\n'),
    want: [`metrics.yaml:40:63 ${Q1}.expr: /fail.*/ matches no value of label "result"`],
  },
  {
    name: 'a label the metric does not have',
    spec: replace('{result="error"}[5m]))\n', '{le="0.1"}[5m]))\n'),
    want: [
      `metrics.yaml:40:55 ${Q1}.expr: shop_orders_placed_total has no label "le" (it has result, tenant, job, instance)`,
    ],
  },
  {
    name: 'grouping by a label nothing has',
    spec: replace(
      'sum by (job) (rate(shop_orders_placed_total[5m]))\n      - record',
      'sum by (jbo) (rate(shop_orders_placed_total[5m]))\n      - record',
    ),
    want: [`metrics.yaml:35:23 ${Q0}.expr: unknown label "jbo" (did you mean "job"?)`],
  },
  {
    name: 'a PromQL syntax error',
    spec: replace(
      'rate(shop_orders_placed_total[5m]))\n      - record',
      'rate(shop_orders_placed_total[5m])\n      - record',
    ),
    want: [`metrics.yaml:35:63 ${Q0}.expr: PromQL syntax error at the end`],
  },
  {
    name: 'rate() of a gauge',
    spec: replace(
      'sum by (job) (rate(shop_orders_placed_total[5m]))\n      - record',
      'sum by (job) (rate(shop_basket_items[5m]))\n      - record',
    ),
    want: [
      `metrics.yaml:35:29 ${Q0}.expr: rate() needs a counter, but shop_basket_items is a gauge (use deriv() or delta())`,
    ],
  },
  {
    name: 'a recording rule name without the level:metric:operations form',
    spec: replace('record: job:shop_orders_placed:rate5m', 'record: shop_orders_rate'),
    want: [
      `metrics.yaml:32:17 ${Q0}.record: expected a recording rule name level:metric:operations, such as job:processor_events_received:rate5m, found "shop_orders_rate"`,
    ],
  },
  {
    name: 'a duplicate recording rule',
    spec: replace(
      'record: job:shop_orders_failed_per_placed:ratio_rate5m',
      'record: job:shop_orders_placed:rate5m',
    ),
    want: [
      `metrics.yaml:36:17 ${Q1}.record: duplicate recording rule "job:shop_orders_placed:rate5m" (first declared at ${Q0}.record)`,
    ],
  },
  {
    name: 'an annotation naming a label the alert does not carry',
    spec: replace(
      'summary: Orders of {{ $labels.tenant }} fail.',
      'summary: Orders of {{ $labels.instance }} fail.',
    ),
    want: [
      `metrics.yaml:47:28 ${A0}.summary: the alert has no label "instance" (it has job, tenant)`,
    ],
  },
  {
    name: 'an annotation using $value, without what it renders to in the firing test',
    spec: replace(
      'summary: Orders of {{ $labels.tenant }} fail.',
      'summary: "{{ $value | humanize }} orders fail."',
    ),
    want: [
      `metrics.yaml:51:11 ${A0}.test: the annotations use {{ $value }}: state what it renders to when this test fires (value:)`,
    ],
  },
  {
    name: 'an annotation template other than $labels and $value',
    spec: replace(
      'summary: Orders of {{ $labels.tenant }} fail.',
      'summary: "{{ $externalLabels.site }} orders fail."',
    ),
    want: [
      `metrics.yaml:47:19 ${A0}.summary: only {{ $labels.NAME }} and {{ $value }} may be used, so the generated rule test can check them exactly`,
    ],
  },
  {
    name: 'a recording rule whose level does not name the labels it keeps',
    spec: replace(
      'record: job:shop_orders_placed:rate5m',
      'record: instance:shop_orders_placed:rate5m',
    ),
    want: [
      `metrics.yaml:32:17 ${Q0}.record: the level "instance" must name the labels the rule keeps, in any order: job`,
    ],
  },
  {
    name: 'a ratio not named a_per_b:ratio',
    spec: replace(
      'record: job:shop_orders_failed_per_placed:ratio_rate5m',
      'record: job:shop_orders_placed:error_ratio_rate5m',
    ),
    want: [
      `metrics.yaml:36:17 ${Q1}.record: a ratio is named a_per_b with ratio among its operations, such as job:shop_orders_placed_per_<denominator>:ratio_rate5m`,
    ],
  },
  {
    name: 'a recording rule nobody reads',
    spec: replace(
      'description: Orders placed per second.\n',
      'description: Orders placed per second.\n        panel: none\n',
    ),
    want: [
      `metrics.yaml:32:17 ${Q0}.record: no panel, alert or rule reads this recording rule: show it (panel) or remove it`,
    ],
  },
  {
    name: 'alerts without a runbook_url to link to',
    spec: replace('runbook_url: https://runbooks.example.com/shop\n', ''),
    want: [
      `metrics.yaml:48:18 ${A0}.runbook: alerts link to their runbooks: set the top-level runbook_url to where METRICS.md is published`,
    ],
  },
  {
    name: 'a test series with a regex matcher',
    spec: replace(
      'shop_orders_placed_total{result="error", tenant="acme"}: 0+120x40',
      'shop_orders_placed_total{result=~"e.*", tenant="acme"}: 0+120x40',
    ),
    want: [
      `metrics.yaml:52:13 ${A0}.test.fires["shop_orders_placed_total{result=~\\"e.*\\", tenant=\\"acme\\"}"]: expected a series such as name{label="value"} (only = matchers)`,
    ],
  },
  {
    name: 'a test series with an undeclared enum value',
    spec: replace(
      '{result="error", tenant="acme"}: 0+6x40',
      '{result="eror", tenant="acme"}: 0+6x40',
    ),
    want: [
      `metrics.yaml:54:13 ${A0}.test.silent["shop_orders_placed_total{result=\\"eror\\", tenant=\\"acme\\"}"]: "eror" is not a value of label "result" (did you mean "error"?); expected one of success, error`,
    ],
  },
  {
    name: 'firing series that do not say which tenant the alert is for',
    spec: replace('{result="error", tenant="acme"}: 0+120x40', '{result="error"}: 0+120x40'),
    want: [
      `metrics.yaml:52:13 ${A0}.test.fires: the alert carries label "tenant", so every firing series must give it one value (none sets it); or state it under the test's labels`,
    ],
  },
  {
    name: 'an alert name that is not PascalCase',
    spec: replace('alert: ShopOrdersFailing', 'alert: shop_orders_failing'),
    want: [
      `metrics.yaml:43:16 ${A0}.alert: expected an alert name in PascalCase, such as ProcessorHighErrorRatio, found "shop_orders_failing"`,
    ],
  },
  {
    name: 'a malformed duration',
    spec: replace('for: 5m', 'for: 5 minutes'),
    want: [
      `metrics.yaml:45:14 ${A0}.for: expected a Prometheus duration such as 30s, 5m or 1h, found "5 minutes"`,
    ],
  },
  {
    name: 'aggregate on a counter',
    spec: replace(
      '        labels: [result, tenant]\n',
      '        labels: [result, tenant]\n        aggregate: max\n',
    ),
    want: [
      'metrics.yaml:23:20 groups[0].metrics[0].aggregate: "aggregate" applies to gauges only; a counter is summed as a rate',
    ],
  },
  {
    name: 'an SLO objective outside (0, 1)',
    spec: slo('objective: 1.5', 'errors: shop_orders_placed_total{result="error"}'),
    want: [`metrics.yaml:45:20 ${S0}.objective: expected a number less than 1, found 1.5`],
  },
  {
    name: 'an SLO objective whose budget can never page',
    spec: slo('objective: 0.9', 'errors: shop_orders_placed_total{result="error"}'),
    want: [
      `metrics.yaml:45:20 ${S0}.objective: an objective of 0.9 leaves a budget of 10%: burning it 14.4 times too fast needs more than every event to be bad, so the page alert could never fire (use an objective above 0.931)`,
    ],
  },
  {
    name: 'an SLO selecting a label its metric does not have',
    spec: slo('objective: 0.99', 'errors: shop_orders_placed_total{reslt="error"}'),
    want: [
      `metrics.yaml:46:42 ${S0}.errors: shop_orders_placed_total has no label "reslt" (it has result, tenant, job, instance)`,
    ],
  },
  {
    name: 'an SLO latency bucket the histogram does not have',
    spec: slo('objective: 0.99', 'good: shop_order_duration_seconds_bucket{le="0.25"}'),
    want: [
      `metrics.yaml:46:15 ${S0}.good: a bucket selector names its bound with le="…": one of 0.1, 0.5, 1 (the histogram’s bounds)`,
    ],
  },
  {
    name: 'an SLO counting bad events from a gauge',
    spec: slo('objective: 0.99', 'errors: shop_basket_items'),
    want: [
      `metrics.yaml:46:17 ${S0}.errors: errors counts events: select a counter series, not a gauge`,
    ],
  },
  {
    name: 'a target alert watching another job than the one scraped',
    spec: replace(
      'expr: sum by (job, tenant) (rate(shop_orders_placed_total{result="error"}[5m])) > 1',
      'expr: up{job="shop-api"} == 0',
    ),
    want: [
      `metrics.yaml:44:22 ${A0}.expr: up is selected for job "shop-api", but the spec's scrape job is "shop": the alert would watch nothing`,
      // The base alert's annotations name tenant, which up does not have: problems of their own.
      `metrics.yaml:47:28 ${A0}.summary: the alert has no label "tenant" (it has job, instance)`,
      `metrics.yaml:48:54 ${A0}.description: the alert has no label "tenant" (it has job, instance)`,
    ],
  },
];

describe('validator: derived queries and alerts', () => {
  itReportsEachCase(BASE, cases);

  it('takes the labels of an alert that data decides from its test, as the model writes them', () => {
    const spec = [
      [
        'expr: sum by (job, tenant) (rate(shop_orders_placed_total{result="error"}[5m])) > 1',
        'expr: label_replace(sum by (job, tenant) (rate(shop_orders_placed_total{result="error"}[5m])), "who", "$1", "tenant", "(.*)") > 1',
      ],
      ['summary: Orders of {{ $labels.tenant }} fail.', 'summary: Orders fail.'],
      [
        'description: More than one order a second of {{ $labels.tenant }} fails.',
        'description: Orders fail.',
      ],
      ['          fires:\n', '          labels: { tenant: acme }\n          fires:\n'],
    ].reduce((text, [from = '', to = '']) => replaceOnce(text, from, to), BASE);
    expect(headingsOf(spec)).toEqual([]);
    const [fires] = modelOfText(spec).alerts[0]?.tests ?? [];
    expect(fires?.expected?.labels).toEqual({
      alertname: 'ShopOrdersFailing',
      severity: 'warning',
      tenant: 'acme',
    });
  });
});
