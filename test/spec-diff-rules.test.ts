import { describe, expect, it } from 'vitest';
import { compareSpecs } from '../codegen/diff/compare.ts';
import { DIFF_RULES, type DiffRuleId } from '../codegen/diff/rules.ts';
import { DIFF_BASE_TEXT, edit, versionOf } from './support/spec-diff.ts';

const FALLBACK_BLOCK = `      - name: fallback_responses
        type: counter
        help: Responses by whether the default handler answered.
        labels: [default]
`;

const ALERT_HEAD = '      - alert: HttpApiHighServerErrorRatio';

interface Case {
  readonly rule: DiffRuleId;
  readonly head: (base: string) => string;
  readonly subject: string;
  /** Text the change's message holds. */
  readonly message: string;
  /** Base and head line of the change, `-` when a version has none. */
  readonly lines?: readonly [number | '-', number | '-'];
  /** Readers of the base named as affected, at least these. */
  readonly affects?: readonly string[];
}

/** One pair of specs per rule, as `buf breaking` tests its rules: the base, and a head that makes the change. */
const CASES: readonly Case[] = [
  {
    rule: 'METRIC_REMOVED',
    head: (base) => edit(base, [FALLBACK_BLOCK, '']),
    subject: 'metric http_api_fallback_responses',
    message: 'removed',
    lines: [51, '-'],
    affects: ['panel "HTTP / Fallback responses per second, by default"'],
  },
  {
    rule: 'METRIC_RENAMED',
    head: (base) => edit(base, ['name: requests_in_flight', 'name: requests_active']),
    subject: 'metric http_api_requests_in_flight',
    message: 'renamed to http_api_requests_active',
    lines: [48, 48],
    affects: ['panel "HTTP / Requests in flight"'],
  },
  {
    rule: 'METRIC_TYPE_CHANGED',
    head: (base) =>
      edit(base, [
        'type: gauge\n        help: Requests being',
        'type: counter\n        help: Requests being',
      ]),
    subject: 'metric http_api_requests_in_flight',
    message: 'type gauge → counter (exposed as http_api_requests_in_flight_total)',
    lines: [49, 49],
  },
  {
    rule: 'METRIC_UNIT_CHANGED',
    head: (base) =>
      edit(
        base,
        ['name: response_size_bytes', 'name: response_size_events'],
        ['unit: bytes', 'unit: events'],
      ),
    subject: 'metric http_api_response_size_bytes',
    message: 'unit bytes → events',
  },
  {
    rule: 'METRIC_LABEL_ADDED',
    head: (base) => edit(base, ['labels: [default]', 'labels: [default, method]']),
    subject: 'metric http_api_fallback_responses',
    message: 'label method added',
    lines: [54, 54],
  },
  {
    rule: 'METRIC_LABEL_REMOVED',
    head: (base) =>
      edit(base, [
        /labels: \[method, route\]\n {8}buckets: latency/,
        'labels: [method]\n        buckets: latency',
      ]),
    subject: 'metric http_api_request_duration_seconds',
    message: 'label route removed',
    affects: ['panel "HTTP / Request duration: p50, p95, p99, by method and route"'],
  },
  {
    rule: 'METRIC_BUCKETS_CHANGED',
    head: (base) => edit(base, [', 5, 10]', ', 5]']),
    subject: 'metric http_api_request_duration_seconds',
    message: 'buckets changed: count 11 → 10, bounds [0.005, 0.01, …, 10] → [0.005, 0.01, …, 5]',
    affects: ['panel "HTTP / Request duration: distribution"'],
  },
  {
    rule: 'METRIC_BUCKETS_CHANGED',
    head: (base) =>
      edit(base, [
        'exponential: { start: 128, factor: 4, count: 8 }',
        'values: [128, 512, 2048, 8192, 32768, 131072, 524288, 2097152]',
      ]),
    subject: 'metric http_api_response_size_bytes',
    message: 'buckets changed: form exponential → values',
  },
  {
    rule: 'LABEL_VALUE_REMOVED',
    head: (base) =>
      edit(base, ['values: [GET, POST, PUT, PATCH, DELETE]', 'values: [GET, POST, PUT, DELETE]']),
    subject: 'label method',
    message: 'value "PATCH" removed',
    lines: [9, 9],
    affects: [
      'panel "HTTP / Requests per second, by method, route and status class"',
      'panel "HTTP / Request duration: p50, p95, p99, by method and route"',
    ],
  },
  {
    rule: 'LABEL_KIND_CHANGED',
    head: (base) => edit(base, ['values: ["true", "false"]', 'max_values: 2']),
    subject: 'label default',
    message: 'enum → free-form (max_values 2)',
  },
  {
    rule: 'LABEL_LIMIT_LOWERED',
    head: (base) => edit(base, ['max_values: 200', 'max_values: 100']),
    subject: 'label route',
    message: 'max_values 200 → 100',
    lines: [13, 13],
    affects: [
      'recording rule job_route:http_api_requests:rate5m',
      'panel "Overview / Requests by route"',
    ],
  },
  {
    rule: 'RECORDER_RENAMED',
    head: (base) =>
      edit(base, ['labels: [default]\n', 'labels: [default]\n        recorder: countFallback\n']),
    subject: 'metric http_api_fallback_responses',
    message: 'recorder recordFallbackResponses() → countFallback()',
  },
  {
    rule: 'RECORDER_PARAMETERS_CHANGED',
    head: (base) => edit(base, ['max_values: 200', 'max_values: 200\n    type: integer']),
    subject: 'recorder recordRequest()',
    message: 'route: string',
  },
  {
    rule: 'RECORDER_REMOVED',
    head: (base) => edit(base, [/ {4}composites:\n(?: {6,}.*\n)+/, '']),
    subject: 'recorder recordRequest()',
    message: 'removed',
  },
  {
    rule: 'RECORDING_RULE_REMOVED',
    head: (base) =>
      edit(base, [/ {6}- record: job_route:http_api_requests:rate5m\n(?: {8}.*\n)+/, '']),
    subject: 'recording rule job_route:http_api_requests:rate5m',
    message: 'removed',
    affects: ['panel "Overview / Requests by route"'],
  },
  {
    rule: 'RECORDING_RULE_RENAMED',
    head: (base) =>
      edit(base, [
        'job:http_api_requests_server_errors_per_requests:ratio_rate5m',
        'job:http_api_requests_5xx_per_requests:ratio_rate5m',
      ]),
    subject: 'recording rule job:http_api_requests_server_errors_per_requests:ratio_rate5m',
    message: 'renamed to job:http_api_requests_5xx_per_requests:ratio_rate5m',
    affects: ['alert HttpApiHighServerErrorRatio', 'panel "Overview / Server error ratio"'],
  },
  {
    rule: 'ALERT_REMOVED',
    head: (base) => edit(base, [/ {4}alerts:\n(?: {6,}.*\n)+/, '']),
    subject: 'alert HttpApiHighServerErrorRatio',
    message: 'alertname="HttpApiHighServerErrorRatio" match nothing',
    lines: [76, '-'],
  },
  {
    rule: 'METRIC_ADDED',
    head: (base) =>
      edit(base, [
        FALLBACK_BLOCK,
        `${FALLBACK_BLOCK.replace('fallback_responses', 'retries')}${FALLBACK_BLOCK}`,
      ]),
    subject: 'metric http_api_retries',
    message: 'added (counter)',
    lines: ['-', 51],
  },
  {
    rule: 'LABEL_VALUE_ADDED',
    head: (base) => edit(base, ['PATCH, DELETE]', 'PATCH, DELETE, HEAD]']),
    subject: 'label method',
    message: 'value "HEAD" added',
  },
  {
    rule: 'LABEL_LIMIT_RAISED',
    head: (base) => edit(base, ['max_values: 200', 'max_values: 500']),
    subject: 'label route',
    message: 'max_values 200 → 500',
  },
  {
    rule: 'RECORDER_ADDED',
    head: (base) =>
      edit(base, [
        '    composites:\n',
        '    composites:\n      - name: recordFallback\n        help: Counts a fallback and a request.\n        records:\n          - metric: fallback_responses\n          - metric: requests\n',
      ]),
    subject: 'recorder recordFallback()',
    message: 'added',
  },
  {
    rule: 'RECORDING_RULE_ADDED',
    head: (base) =>
      edit(base, [
        '    queries:\n',
        '    queries:\n      - record: job:http_api_requests:rate5m\n        title: Requests\n        description: Requests per second.\n        expr: sum by (job) (rate(http_api_requests_total[5m]))\n',
      ]),
    subject: 'recording rule job:http_api_requests:rate5m',
    message: 'added',
  },
  {
    rule: 'RECORDING_RULE_CHANGED',
    head: (base) =>
      edit(base, [
        '(rate(http_api_requests_total[5m]))\n      - record',
        '(rate(http_api_requests_total[10m]))\n      - record',
      ]),
    subject: 'recording rule job_route:http_api_requests:rate5m',
    message: 'expression changed',
  },
  {
    rule: 'ALERT_ADDED',
    head: (base) => {
      const block = base.slice(base.indexOf(ALERT_HEAD), base.indexOf('\nrunbook_url') + 1);
      return edit(base, [
        block,
        `${block.replace('HttpApiHighServerErrorRatio', 'HttpApiServerErrors')}${block}`,
      ]);
    },
    subject: 'alert HttpApiServerErrors',
    message: 'added (critical)',
  },
  {
    rule: 'ALERT_CHANGED',
    head: (base) => edit(base, ['for: 5m', 'for: 10m']),
    subject: 'alert HttpApiHighServerErrorRatio',
    message: 'for changed',
  },
  {
    rule: 'DOCS_CHANGED',
    head: (base) =>
      edit(base, ['help: Requests being served right now.', 'help: Requests in progress.']),
    subject: 'metric http_api_requests_in_flight',
    message: 'help changed',
  },
];

const base = versionOf('base.yaml', DIFF_BASE_TEXT);

describe('diff rules', () => {
  it('every rule has a case', () => {
    expect(new Set(CASES.map((one) => one.rule))).toEqual(new Set(Object.keys(DIFF_RULES)));
  });

  it('a spec compared with itself has no changes', () => {
    expect(compareSpecs(base, versionOf('head.yaml', DIFF_BASE_TEXT)).changes).toEqual([]);
  });

  it.each(CASES.map((one) => [`${one.rule}: ${one.message}`, one] as const))('%s', (_, one) => {
    const diff = compareSpecs(base, versionOf('head.yaml', one.head(DIFF_BASE_TEXT)));
    const found = diff.changes.find(
      (change) => change.rule === one.rule && change.subject === one.subject,
    );
    expect(found, JSON.stringify(diff.changes, null, 1)).toBeDefined();
    if (found === undefined) return;
    expect(found.level).toBe(DIFF_RULES[one.rule].level);
    expect(found.message).toContain(one.message);
    if (one.lines !== undefined) {
      expect([found.base?.line ?? '-', found.head?.line ?? '-']).toEqual(one.lines);
      if (found.base !== undefined) expect(found.base.file).toBe('base.yaml');
      if (found.head !== undefined) expect(found.head.file).toBe('head.yaml');
    }
    const affects = [
      ...found.breaks.panels.map((panel) => `panel "${panel}"`),
      ...found.breaks.rules.map((rule) => `recording rule ${rule}`),
      ...found.breaks.alerts.map((alert) => `alert ${alert}`),
    ];
    for (const reader of one.affects ?? []) expect(affects).toContain(reader);
    expect(diff.breaking > 0).toBe(diff.changes.some((change) => change.level === 'breaking'));
  });

  it('a compatible-only change has no breaking change at all', () => {
    const head = edit(DIFF_BASE_TEXT, ['max_values: 200', 'max_values: 500']);
    const diff = compareSpecs(base, versionOf('head.yaml', head));
    expect(diff.changes.map((change) => change.rule)).toEqual(['LABEL_LIMIT_RAISED']);
    expect(diff.breaking).toBe(0);
  });

  it('a removed value breaks only the rules that select it', () => {
    const head = edit(DIFF_BASE_TEXT, ['values: [2xx, 3xx, 4xx, 5xx]', 'values: [2xx, 4xx, 5xx]']);
    const diff = compareSpecs(base, versionOf('head.yaml', head));
    const removed = diff.changes.find((change) => change.rule === 'LABEL_VALUE_REMOVED');
    expect(removed?.breaks.rules).toEqual([]);
    expect(removed?.breaks.alerts).toEqual([]);
    expect(removed?.breaks.panels).toEqual([
      'HTTP / Requests per second, by method, route and status class',
    ]);
  });

  it('finds the readers of a native histogram, which select it by its bare name', () => {
    const nativeBase = edit(DIFF_BASE_TEXT, [
      'exponential: { start: 128, factor: 4, count: 8 }',
      'native: { schema: 3 }',
    ]);
    const head = edit(nativeBase, [
      'labels: [route]\n        buckets: body_size',
      'buckets: body_size',
    ]);
    const diff = compareSpecs(versionOf('base.yaml', nativeBase), versionOf('head.yaml', head));
    const removed = diff.changes.find((change) => change.rule === 'METRIC_LABEL_REMOVED');
    expect(removed?.subject).toBe('metric http_api_response_size_bytes');
    expect(removed?.breaks.panels).toEqual([
      'HTTP / Response size: p50, p95, p99, by route',
      'HTTP / Response size: observations per second, by route',
      'HTTP / Response size: mean, by route',
    ]);
  });
});
