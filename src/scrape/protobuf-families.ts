import type { MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromMs } from '@bufbuild/protobuf/wkt';
import {
  type BucketSchema,
  type ExemplarSchema,
  type HistogramSchema,
  type MetricFamilySchema,
  type MetricSchema,
  MetricType,
} from '../exposition/proto/metrics_pb.ts';
import { protobufKindOf } from '../families/brand.ts';
import type { StoredExemplar } from '../families/exemplar.ts';
import type { ExemplarCounterFamily } from '../families/exemplar-counter-family.ts';
import type { NativeHistogramFamily } from '../families/native-histogram-family.ts';
import { type NativeRegion, ZERO_COUNT } from '../families/native-region.ts';

export type FamilyInit = MessageInitShape<typeof MetricFamilySchema>;
type MetricInit = MessageInitShape<typeof MetricSchema>;
type HistogramInit = MessageInitShape<typeof HistogramSchema>;
type ExemplarInit = MessageInitShape<typeof ExemplarSchema>;
type BucketInit = MessageInitShape<typeof BucketSchema>;
type Pairs = readonly (readonly [string, string])[];
/** Labels a registry adds to every series that lacks them (`setDefaultLabels`). */
export type Defaults = Readonly<Record<string, string | number>> | undefined;

/**
 * A native-capable histogram as one `MetricFamily`: per series the classic buckets (cumulative,
 * without +Inf unless it carries an exemplar: Prometheus takes +Inf from `sample_count`, as
 * client_golang sends it), and when the layout is native, the schema, zero bucket and sparse
 * buckets as spans and deltas, plus the exemplars again in `exemplars`, where newer Prometheus
 * versions read them for native histograms (2.42 reads the buckets').
 */
export function nativeHistogramFamily(
  family: NativeHistogramFamily,
  defaults: Defaults,
): FamilyInit {
  const metric: MetricInit[] = [];
  const last = family.bounds.length;
  const values = family.scrapeValues();
  // Native buckets live beside the classic ones in `values`: combined across threads and
  // cluster workers (src/multicore/) like them.
  const withNative = family.region !== undefined;
  for (let series = 0; series < family.seriesCount; series++) {
    if (!family.hasSeries(series)) continue; // removed
    const base = series * family.stride;
    const bucket: BucketInit[] = [];
    const exemplars: ExemplarInit[] = [];
    let cumulative = 0;
    for (let i = 0; i <= last; i++) {
      cumulative += values[base + i] as number;
      const stored = family.exemplars[series * (last + 1) + i];
      const exemplar = stored && exemplarInit(stored);
      if (exemplar !== undefined) exemplars.push(exemplar);
      if (i === last && exemplar === undefined) break;
      bucket.push({
        cumulativeCount: BigInt(cumulative),
        upperBound: i < last ? (family.bounds[i] as number) : Number.POSITIVE_INFINITY,
        ...(exemplar === undefined ? {} : { exemplar }),
      });
    }
    const histogram: HistogramInit = {
      sampleCount: BigInt(cumulative),
      sampleSum: values[base + last + 1] as number,
      bucket,
    };
    if (withNative) Object.assign(histogram, nativeFields(family, values, base), { exemplars });
    metric.push({ label: seriesLabels(family.labelPairs(series), defaults), histogram });
  }
  return {
    name: family.exposedName,
    help: family.help,
    type: MetricType.HISTOGRAM,
    metric,
    ...(family.unit === undefined ? {} : { unit: family.unit }),
  };
}

/**
 * The native part of one series: schema, zero bucket, the buckets as spans and deltas, and the
 * count they add up to. That count equals the classic one, except while other threads' shards
 * are read in the middle of an observation, when Prometheus would otherwise get buckets that
 * disagree with their count.
 */
function nativeFields(
  family: NativeHistogramFamily,
  values: Float64Array,
  base: number,
): HistogramInit {
  const region = family.region as NativeRegion;
  const at = base + family.regionAt;
  const zeroThreshold = region.resolution.zeroThreshold;
  const buckets = region.buckets(values, at);
  const positive = spansAndDeltas(buckets);
  const zeroCount = values[at + ZERO_COUNT] as number;
  const fields: HistogramInit = {
    sampleCount: BigInt(buckets.reduce((count, [, bucket]) => count + bucket, zeroCount)),
    schema: region.schemaOf(values, at),
    zeroThreshold,
    zeroCount: BigInt(zeroCount),
    positiveSpan: positive.spans,
    positiveDelta: positive.deltas,
  };
  // A no-op span marks an empty native histogram whose zero threshold is 0 as native.
  if (zeroThreshold === 0 && positive.spans.length === 0) {
    fields.positiveSpan = [{ offset: 0, length: 0 }];
  }
  return fields;
}

/**
 * Populated buckets ([index, count], lowest first) as spans (offset from the previous span's
 * end, length) and count deltas, as client_golang's makeBuckets: gaps of one or two empty
 * buckets are written as zero deltas rather than a new span, which is shorter on the wire.
 */
export function spansAndDeltas(buckets: readonly (readonly [number, number])[]): {
  spans: { offset: number; length: number }[];
  deltas: bigint[];
} {
  const spans: { offset: number; length: number }[] = [];
  const deltas: bigint[] = [];
  let previousCount = 0;
  let nextIndex = 0;
  for (const [index, count] of buckets) {
    const gap = index - nextIndex;
    const current = spans[spans.length - 1];
    if (current === undefined || gap > 2) {
      spans.push({ offset: gap, length: 0 });
    } else {
      for (let i = 0; i < gap; i++) {
        current.length++;
        deltas.push(BigInt(-previousCount));
        previousCount = 0;
      }
    }
    (spans[spans.length - 1] as { length: number }).length++;
    deltas.push(BigInt(count - previousCount));
    previousCount = count;
    nextIndex = index + 1;
  }
  return { spans, deltas };
}

/** A counter with exemplars: the latest exemplar of each series on its `Counter`. */
export function exemplarCounterFamily(
  family: ExemplarCounterFamily,
  defaults: Defaults,
): FamilyInit {
  const metric: MetricInit[] = [];
  const counts = family.scrapeValues();
  for (let series = 0; series < family.seriesCount; series++) {
    if (!family.hasSeries(series)) continue; // removed
    const stored = family.exemplars[series];
    metric.push({
      label: seriesLabels(family.labelPairs(series), defaults),
      counter: {
        value: counts[series] as number,
        ...(stored === undefined ? {} : { exemplar: exemplarInit(stored) }),
      },
    });
  }
  return { name: family.exposedName, help: family.help, type: MetricType.COUNTER, metric };
}

/** A counter with exemplars, from any copy of the runtime. */
export function isExemplarCounter(metric: unknown): metric is ExemplarCounterFamily {
  return protobufKindOf(metric) === 'exemplar-counter';
}

/** A histogram with native buckets or exemplars, from any copy of the runtime. */
export function isNativeHistogram(metric: unknown): metric is NativeHistogramFamily {
  return protobufKindOf(metric) === 'native-histogram';
}

function exemplarInit(stored: StoredExemplar): ExemplarInit {
  return {
    label: labelPairs(stored.labels),
    value: stored.value,
    timestamp: timestampFromMs(stored.timestampMs),
  };
}

function labelPairs(
  pairs: readonly (readonly [string, string])[],
): { name: string; value: string }[] {
  return pairs.map(([name, value]) => ({ name, value }));
}

/** A series' own labels, then the registry's default labels it does not have. */
function seriesLabels(pairs: Pairs, defaults: Defaults): { name: string; value: string }[] {
  const labels = labelPairs(pairs);
  for (const [name, value] of Object.entries(defaults ?? {})) {
    if (!pairs.some(([own]) => own === name)) labels.push({ name, value: String(value) });
  }
  return labels;
}
