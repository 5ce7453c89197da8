import { z } from 'zod';

/**
 * The shape of `metrics.yaml`, defined once: the validator checks documents against it,
 * the JSON Schema for editors is derived from it, and the spec types are inferred from it.
 * Rules that need more than one node (references, duplicates, promlint) live in
 * `validate/definitions.ts`, `validate/metrics.ts` and `validate/promlint.ts`.
 */

export const METRIC_NAME_PATTERN = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
export const LABEL_NAME_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
export const IDENTIFIER_PATTERN = /^[a-zA-Z_$][a-zA-Z0-9_$]*$/;
export const UNIT_PATTERN = /^[a-z][a-z0-9_]*$/;

/** Far beyond any real name, short enough that a name never floods a terminal or a scrape. */
export const MAX_NAME_LENGTH = 200;

const metricName = z.string().max(MAX_NAME_LENGTH).regex(METRIC_NAME_PATTERN, {
  error: 'expected a Prometheus metric name [a-zA-Z_:][a-zA-Z0-9_:]*',
});
const labelName = z
  .string()
  .max(MAX_NAME_LENGTH)
  .regex(LABEL_NAME_PATTERN, { error: 'expected a Prometheus label name [a-zA-Z_][a-zA-Z0-9_]*' });
const identifier = z.string().max(MAX_NAME_LENGTH).regex(IDENTIFIER_PATTERN, {
  error: 'expected a TypeScript identifier [a-zA-Z_$][a-zA-Z0-9_$]*',
});
const text = z.string().trim().min(1, { error: 'expected a non-empty text' });
const count = z.int().min(1).max(10_000);
/** A cardinality budget: worst-case series (enum sizes × free-form limits plus overflow × lines). */
const maxSeries = z.int().min(1).optional();

export const labelDefinitionSchema = z
  .strictObject({
    description: text.describe('What the label tells apart.'),
    values: z
      .array(z.string().min(1, { error: 'expected a non-empty label value' }))
      .min(1)
      .optional()
      .describe('A closed enum: the only values this label may take.'),
    max_values: count
      .optional()
      .describe(
        'A free-form label: the most distinct values kept per metric; later values fold into one overflow series.',
      ),
    type: z
      .enum(['string', 'integer'])
      .optional()
      .describe('Free-form labels only: the TypeScript type of the value (default string).'),
  })
  .describe('A reusable label: either `values` (closed enum) or `max_values` (free-form).');

const exponentialLayout = z
  .strictObject({
    start: z.number().positive(),
    factor: z.number().gt(1),
    count,
  })
  .describe('`count` boundaries: start, start*factor, start*factor^2, ...');

const exponentialRangeLayout = z
  .strictObject({
    min: z.number().positive(),
    max: z.number().positive(),
    count: z.int().min(2).max(10_000),
  })
  .describe(
    '`count` boundaries growing by a constant factor from `min` to `max`, 3 significant digits.',
  );

const linearLayout = z
  .strictObject({
    start: z.number(),
    width: z.number().positive(),
    count,
  })
  .describe('`count` boundaries: start, start+width, start+2*width, ...');

/** Native histogram schemas Prometheus accepts: each power of two split into 2^schema buckets. */
export const NATIVE_SCHEMA_MIN = -4;
export const NATIVE_SCHEMA_MAX = 8;

export const nativeResolutionSchema = z
  .strictObject({
    schema: z
      .int()
      .min(NATIVE_SCHEMA_MIN)
      .max(NATIVE_SCHEMA_MAX)
      .optional()
      .describe('Resolution: bucket bounds grow by 2^(2^-schema); 3 is a factor of about 1.09.'),
    factor: z
      .number()
      .gt(1)
      .optional()
      .describe(
        'Resolution as the widest bucket factor allowed, e.g. 1.1: the largest schema whose factor is at most this.',
      ),
    max_buckets: z
      .int()
      .min(1)
      .max(10_000)
      .optional()
      .describe(
        'Most populated buckets per series (default 160); past it, resolution is halved (schema - 1).',
      ),
    zero_threshold: z
      .number()
      .min(0)
      .optional()
      .describe(
        'Observations at most this far from zero count in the zero bucket (default 2^-128).',
      ),
  })
  .describe('Native (sparse, exponential) histogram resolution: exactly one of schema or factor.');

export const bucketLayoutSchema = z
  .strictObject({
    description: text.optional(),
    values: z.array(z.number()).optional().describe('Explicit upper bounds, strictly increasing.'),
    exponential: exponentialLayout.optional(),
    exponential_range: exponentialRangeLayout.optional(),
    linear: linearLayout.optional(),
    native: nativeResolutionSchema.optional(),
  })
  .describe(
    'Histogram buckets: classic upper bounds (at most one of values, exponential, exponential_range, linear; +Inf is always added), native resolution, or both.',
  );

export const metricSchema = z.strictObject({
  name: metricName.describe(
    'Metric name without the namespace; counters without `_total` (it is added on exposure).',
  ),
  type: z.enum(['counter', 'gauge', 'histogram']),
  help: text.describe('The HELP text.'),
  unit: z
    .string()
    .regex(UNIT_PATTERN, { error: 'expected a lower-case unit such as seconds or bytes' })
    .optional()
    .describe('Base unit; the metric name must end with it (OpenMetrics # UNIT).'),
  labels: z.array(labelName).optional().describe('Names of labels defined under `labels`.'),
  buckets: z.string().optional().describe('Histograms only: name of a layout under `buckets`.'),
  recorder: identifier
    .optional()
    .describe(
      'Name of the generated recorder (default: set for gauges, record otherwise, + the name in PascalCase).',
    ),
  aggregate: z
    .enum(['sum', 'max', 'min', 'avg'])
    .optional()
    .describe(
      'Gauges only: how the dashboard combines series across instances (default sum; max suits lags).',
    ),
  max_series: maxSeries.describe(
    'The most series this metric may reach in the worst case; codegen fails above it.',
  ),
  exemplars: z
    .boolean()
    .optional()
    .describe(
      'Counters and histograms: recorders take an optional exemplar ({ trace_id }), exposed in OpenMetrics and protobuf.',
    ),
});

const compositeStepSchema = z.strictObject({
  metric: metricName.describe('A metric of this spec, without the namespace.'),
  when: identifier
    .optional()
    .describe('Name of a boolean parameter; the step records only when it is true.'),
});

export const compositeSchema = z
  .strictObject({
    name: identifier.describe('Name of the generated recorder.'),
    help: text,
    records: z.array(compositeStepSchema).min(2),
  })
  .describe(
    'A recorder that records several metrics in one call, sharing their label and value parameters.',
  );

/** Prometheus durations, as in `for:` and scrape intervals. */
const duration = z.string().regex(/^([0-9]+(ms|s|m|h|d|w|y))+$/, {
  error: 'expected a Prometheus duration such as 30s, 5m or 1h',
});
const promql = text.describe(
  'A PromQL expression; it may only name the metrics, labels and label values this spec declares.',
);

/** The units Grafana knows by these ids; the reference's list, kept short on purpose. */
export const GRAFANA_UNITS = [
  'short',
  'none',
  'percent',
  'percentunit',
  's',
  'ms',
  'bytes',
  'decbytes',
  'ops',
  'reqps',
] as const;

export const RECORDING_RULE_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_]*:[a-zA-Z0-9_]+:[a-zA-Z0-9_]+$/;

export const querySchema = z
  .strictObject({
    record: z.string().regex(RECORDING_RULE_PATTERN, {
      error:
        'expected a recording rule name level:metric:operations, such as job:processor_events_received:rate5m',
    }),
    title: text.describe('Panel title in the dashboard overview.'),
    description: text,
    expr: promql,
    unit: z.enum(GRAFANA_UNITS).optional().describe('Grafana unit of the panel (default short).'),
    panel: z
      .enum(['timeseries', 'stat', 'none'])
      .optional()
      .describe(
        'How the overview shows it (default timeseries); none for a rule only alerts or SLOs read.',
      ),
  })
  .describe(
    'A derived query: a recording rule in rules.yml and a panel in the dashboard overview.',
  );

/** Input series for a rule test: `selector: promtool values`, such as `0+60x30`. */
const seriesValues = z.record(
  z.string(),
  z.string().regex(/^\s*([-+0-9.e_x]+|stale)(\s+([-+0-9.e_x]+|stale))*\s*$/, {
    error: "expected promtool series values such as '0+60x30' or '1 2 3 _ 5'",
  }),
);

/** Labels an alert must carry in a rule test, besides those the test derives from its series. */
const expectedLabels = z.record(labelName, z.string());

/** Text that `{{ $value }}` (or `{{ $value | humanize… }}`) renders to in a firing test. */
const renderedValue = text.describe(
  'What each {{ $value }} template of the annotations renders to when the alert fires in this test.',
);

export const alertTestCaseSchema = z
  .strictObject({
    name: text.describe('What the case proves, such as "an idle instance with no partitions".'),
    series: seriesValues.describe('Input series, scraped every minute.'),
    expect: z.enum(['fires', 'silent']).describe('Whether the alert must fire at `at`.'),
    at: duration.optional().describe("When to evaluate the alert (default: the test's `at`)."),
    labels: expectedLabels
      .optional()
      .describe('Labels the fired alert carries that the series alone do not tell.'),
    value: renderedValue.optional(),
  })
  .describe(
    'One more rule test: a failure the alert exists for, or a healthy case it must not page on.',
  );

export const alertTestSchema = z
  .strictObject({
    fires: seriesValues.describe('Series (scraped every minute) on which the alert must fire.'),
    silent: seriesValues.describe('Series on which it must stay silent.'),
    at: duration.optional().describe('When to evaluate the alert (default 30m).'),
    labels: expectedLabels
      .optional()
      .describe('Labels the fired alert carries that the firing series alone do not tell.'),
    value: renderedValue.optional(),
    cases: z.array(alertTestCaseSchema).optional(),
  })
  .describe('The promtool rule tests written for this alert.');

export const alertSchema = z
  .strictObject({
    alert: z.string().regex(/^[A-Z][A-Za-z0-9]*$/, {
      error: 'expected an alert name in PascalCase, such as ProcessorHighErrorRatio',
    }),
    expr: promql,
    for: duration.optional(),
    severity: z.enum(['critical', 'warning', 'info']),
    summary: text.describe("One line; may use {{ $labels.NAME }} for the alert's labels."),
    description: text.describe('What is wrong; may use {{ $labels.NAME }}.'),
    runbook: text.describe('What to do; published in METRICS.md, where runbook_url points.'),
    test: alertTestSchema,
  })
  .describe('An alerting rule in rules.yml, in the style of the monitoring mixins.');

const objective = z
  .number()
  .gt(0, { error: 'expected an objective between 0 and 1 (exclusive), such as 0.99' })
  .lt(1, { error: 'expected an objective between 0 and 1 (exclusive), such as 0.99' });

export const sloSchema = z
  .strictObject({
    name: z
      .string()
      .regex(LABEL_NAME_PATTERN, {
        error: 'expected a snake_case identifier [a-zA-Z_][a-zA-Z0-9_]*',
      })
      .describe('Stable identifier, the `slo` label of its recording rules.'),
    title: text,
    description: text.describe('What share of what the SLO promises.'),
    objective: objective.describe('The share of good events promised, such as 0.99.'),
    window: z
      .enum(['28d', '30d'])
      .optional()
      .describe('The compliance window the error budget spans (default 30d).'),
    errors: promql
      .optional()
      .describe('Bad events: one counter selector, such as x_total{result="error"}.'),
    good: promql
      .optional()
      .describe('Good events instead of bad: a counter or a bucket selector with its le.'),
    total: promql.describe('All events: one counter (or _count) selector.'),
  })
  .describe(
    'A service level objective: multiwindow, multi-burn-rate recording rules and alerts, an error-budget row.',
  );

export const groupSchema = z.strictObject({
  id: z
    .string()
    .regex(LABEL_NAME_PATTERN, { error: 'expected a snake_case identifier [a-zA-Z_][a-zA-Z0-9_]*' })
    .describe('Stable identifier (snake_case), used for anchors and dashboard rows.'),
  title: text,
  description: text,
  metrics: z.array(metricSchema).min(1),
  composites: z.array(compositeSchema).optional(),
  queries: z.array(querySchema).optional(),
  alerts: z.array(alertSchema).optional(),
  slos: z.array(sloSchema).optional(),
});

const scrapeAuthSchema = z
  .discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('bearer'),
      credentials_file: text.describe(
        "File holding the token, as the server's METRICS_AUTH_TOKEN.",
      ),
    }),
    z.strictObject({
      type: z.literal('basic'),
      username: text,
      password_file: text.describe('File holding the password, as METRICS_AUTH_PASSWORD.'),
    }),
  ])
  .describe('How Prometheus authenticates to /metrics: a bearer token or basic auth.');

/** Kubernetes object names and port names: lower-case DNS labels. */
const dnsLabel = z
  .string()
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, { error: 'expected a lower-case DNS label [a-z0-9-]' });

export const kubernetesSchema = z
  .strictObject({
    monitor: z
      .enum(['ServiceMonitor', 'PodMonitor'])
      .optional()
      .describe(
        'The prometheus-operator resource that finds the targets (default ServiceMonitor).',
      ),
    namespace: dnsLabel
      .optional()
      .describe('Namespace of the generated resources (default: none, kubectl decides).'),
    port: dnsLabel
      .max(15)
      .optional()
      .describe('Name of the Service or container port serving /metrics (default metrics).'),
    selector: z
      .record(z.string(), z.string())
      .optional()
      .describe(
        'Labels of the Services or Pods to scrape (default app.kubernetes.io/name: the job).',
      ),
    labels: z
      .record(z.string(), z.string())
      .optional()
      .describe(
        "Labels on the generated resources, such as the one your Prometheus's selectors match.",
      ),
    auth_secret: dnsLabel
      .optional()
      .describe(
        'Secret holding scrape.auth credentials: key token (bearer), or username and password (default <job>-metrics-auth).',
      ),
  })
  .describe('prometheus-operator resources generated in kubernetes/.');

export const scrapeSchema = z
  .strictObject({
    job: text.describe(
      'The job name Prometheus gives the targets (default: the namespace, - for _).',
    ),
    targets: z.array(text).min(1).describe('host:port of each instance.'),
    interval: duration,
    timeout: duration,
    auth: scrapeAuthSchema.optional(),
    kubernetes: kubernetesSchema.optional(),
  })
  .describe('The scrape job written to prometheus.yml.');

export const alertingSchema = z
  .strictObject({
    targets: z
      .array(text)
      .min(1)
      .describe('host:port of each Alertmanager (default localhost:9093).'),
  })
  .describe('Where Prometheus sends the alerts: the alerting block of prometheus.yml.');

export const dashboardSchema = z
  .strictObject({
    title: text,
    uid: z
      .string()
      .regex(/^[a-zA-Z0-9_-]{8,40}$/, { error: 'expected 8 to 40 of [a-zA-Z0-9_-]' })
      .optional()
      .describe('Stable dashboard uid (default: the namespace and "-metrics").'),
  })
  .describe('The Grafana dashboard.');

export const specSchema = z
  .strictObject({
    version: z.literal(1).describe('Version of this format.'),
    namespace: z
      .string()
      .regex(LABEL_NAME_PATTERN, {
        error: 'expected a metric name prefix [a-zA-Z_][a-zA-Z0-9_]*',
      })
      .describe('Prefix of every metric name, joined with `_`.'),
    labels: z.record(labelName, labelDefinitionSchema).optional(),
    buckets: z.record(labelName, bucketLayoutSchema).optional(),
    groups: z.array(groupSchema).min(1),
    scrape: scrapeSchema.optional(),
    alerting: alertingSchema.optional(),
    dashboard: dashboardSchema.optional(),
    max_series: maxSeries.describe(
      'The most series the whole spec may reach in the worst case; codegen fails above it.',
    ),
    runbook_url: z
      .url({ protocol: /^https?$/, error: 'expected an http(s) URL' })
      .optional()
      .describe(
        'Where generated/METRICS.md is published; each alert links to its runbook section there.',
      ),
  })
  .describe('A service metrics specification (metrics.yaml).');

export type MetricsSpec = z.infer<typeof specSchema>;
export type LabelDefinition = z.infer<typeof labelDefinitionSchema>;
export type BucketLayout = z.infer<typeof bucketLayoutSchema>;
export type NativeResolution = z.infer<typeof nativeResolutionSchema>;
export type MetricSpec = z.infer<typeof metricSchema>;
export type CompositeSpec = z.infer<typeof compositeSchema>;
export type GroupSpec = z.infer<typeof groupSchema>;
export type MetricType = MetricSpec['type'];
export type QuerySpec = z.infer<typeof querySchema>;
export type AlertSpec = z.infer<typeof alertSchema>;
export type AlertTestCaseSpec = z.infer<typeof alertTestCaseSchema>;
export type SloSpec = z.infer<typeof sloSchema>;
export type GrafanaUnit = (typeof GRAFANA_UNITS)[number];
export type ScrapeAuthSpec = z.infer<typeof scrapeAuthSchema>;
export type KubernetesSpec = z.infer<typeof kubernetesSchema>;
