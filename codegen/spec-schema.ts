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

const metricName = z.string().regex(METRIC_NAME_PATTERN, {
  error: 'expected a Prometheus metric name [a-zA-Z_:][a-zA-Z0-9_:]*',
});
const labelName = z
  .string()
  .regex(LABEL_NAME_PATTERN, { error: 'expected a Prometheus label name [a-zA-Z_][a-zA-Z0-9_]*' });
const identifier = z.string().regex(IDENTIFIER_PATTERN, {
  error: 'expected a TypeScript identifier [a-zA-Z_$][a-zA-Z0-9_$]*',
});
const text = z.string().trim().min(1, { error: 'expected a non-empty text' });
const count = z.int().min(1).max(10_000);

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

export const bucketLayoutSchema = z
  .strictObject({
    description: text.optional(),
    values: z.array(z.number()).optional().describe('Explicit upper bounds, strictly increasing.'),
    exponential: exponentialLayout.optional(),
    exponential_range: exponentialRangeLayout.optional(),
    linear: linearLayout.optional(),
  })
  .describe(
    'Histogram upper bounds: exactly one of values, exponential, exponential_range, linear. +Inf is always added.',
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
      'Name of the generated recorder (default: record/set/observe + the name in PascalCase).',
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

export const groupSchema = z.strictObject({
  id: z
    .string()
    .regex(LABEL_NAME_PATTERN, { error: 'expected a snake_case identifier [a-zA-Z_][a-zA-Z0-9_]*' })
    .describe('Stable identifier (snake_case), used for anchors and dashboard rows.'),
  title: text,
  description: text,
  metrics: z.array(metricSchema).min(1),
  composites: z.array(compositeSchema).optional(),
});

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
  })
  .describe('A service metrics specification (metrics.yaml).');

export type MetricsSpec = z.infer<typeof specSchema>;
export type LabelDefinition = z.infer<typeof labelDefinitionSchema>;
export type BucketLayout = z.infer<typeof bucketLayoutSchema>;
export type MetricSpec = z.infer<typeof metricSchema>;
export type CompositeSpec = z.infer<typeof compositeSchema>;
export type GroupSpec = z.infer<typeof groupSchema>;
export type MetricType = MetricSpec['type'];
