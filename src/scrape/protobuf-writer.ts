import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import type { FamilyInit } from './protobuf-families.ts';

/**
 * Writes `MetricFamily` messages straight onto @bufbuild/protobuf's `BinaryWriter`, field by
 * field in field-number order and only the fields present, as its reflective `toBinary` writes
 * them (a test checks the bytes are identical): creating messages and walking their
 * descriptors cost 10 to 20 times the text rendering; this skips both. The field numbers are
 * client_model's metrics.proto (test/fixtures/proto).
 */
// Plain shapes of what protobuf-families.ts and protobuf-foreign.ts build.
interface Pair {
  readonly name: string;
  readonly value: string;
}
interface ExemplarShape {
  readonly label?: readonly Pair[];
  readonly value?: number;
  readonly timestamp?: { readonly seconds: bigint; readonly nanos: number };
}
interface BucketShape {
  readonly cumulativeCount?: bigint;
  readonly upperBound?: number;
  readonly exemplar?: ExemplarShape;
}
interface SpanShape {
  readonly offset: number;
  readonly length: number;
}
interface HistogramShape {
  readonly sampleCount?: bigint;
  readonly sampleSum?: number;
  readonly bucket?: readonly BucketShape[];
  readonly schema?: number;
  readonly zeroThreshold?: number;
  readonly zeroCount?: bigint;
  readonly negativeSpan?: readonly SpanShape[];
  readonly negativeDelta?: readonly bigint[];
  readonly positiveSpan?: readonly SpanShape[];
  readonly positiveDelta?: readonly bigint[];
  readonly exemplars?: readonly ExemplarShape[];
}
interface MetricShape {
  readonly label?: readonly Pair[];
  readonly gauge?: { readonly value?: number };
  readonly counter?: { readonly value?: number; readonly exemplar?: ExemplarShape };
  readonly summary?: {
    readonly sampleCount?: bigint;
    readonly sampleSum?: number;
    readonly quantile?: readonly { readonly quantile?: number; readonly value?: number }[];
  };
  readonly untyped?: { readonly value?: number };
  readonly histogram?: HistogramShape;
}
interface FamilyShape {
  readonly name?: string;
  readonly help?: string;
  readonly type?: number;
  readonly metric?: readonly MetricShape[];
  readonly unit?: string;
}

const LEN = WireType.LengthDelimited;
const VARINT = WireType.Varint;
const DOUBLE = WireType.Bit64;

/** One family, length-delimited: the varint length, then the message. */
export function writeDelimitedFamily(writer: BinaryWriter, init: FamilyInit): void {
  const family = init as FamilyShape;
  writer.fork();
  if (family.name !== undefined) writer.tag(1, LEN).string(family.name);
  if (family.help !== undefined) writer.tag(2, LEN).string(family.help);
  if (family.type !== undefined) writer.tag(3, VARINT).int32(family.type);
  for (const metric of family.metric ?? []) {
    writer.tag(4, LEN).fork();
    writeMetric(writer, metric);
    writer.join();
  }
  if (family.unit !== undefined) writer.tag(5, LEN).string(family.unit);
  writer.join();
}

export function newWriter(): BinaryWriter {
  return new BinaryWriter();
}

function writeMetric(writer: BinaryWriter, metric: MetricShape): void {
  writePairs(writer, 1, metric.label);
  if (metric.gauge !== undefined) {
    writer.tag(2, LEN).fork();
    if (metric.gauge.value !== undefined) writer.tag(1, DOUBLE).double(metric.gauge.value);
    writer.join();
  }
  if (metric.counter !== undefined) {
    writer.tag(3, LEN).fork();
    if (metric.counter.value !== undefined) writer.tag(1, DOUBLE).double(metric.counter.value);
    if (metric.counter.exemplar !== undefined) writeExemplar(writer, 2, metric.counter.exemplar);
    writer.join();
  }
  if (metric.summary !== undefined) {
    const summary = metric.summary;
    writer.tag(4, LEN).fork();
    if (summary.sampleCount !== undefined) writer.tag(1, VARINT).uint64(summary.sampleCount);
    if (summary.sampleSum !== undefined) writer.tag(2, DOUBLE).double(summary.sampleSum);
    for (const quantile of summary.quantile ?? []) {
      writer.tag(3, LEN).fork();
      if (quantile.quantile !== undefined) writer.tag(1, DOUBLE).double(quantile.quantile);
      if (quantile.value !== undefined) writer.tag(2, DOUBLE).double(quantile.value);
      writer.join();
    }
    writer.join();
  }
  if (metric.untyped !== undefined) {
    writer.tag(5, LEN).fork();
    if (metric.untyped.value !== undefined) writer.tag(1, DOUBLE).double(metric.untyped.value);
    writer.join();
  }
  if (metric.histogram !== undefined) {
    writer.tag(7, LEN).fork();
    writeHistogram(writer, metric.histogram);
    writer.join();
  }
}

function writeHistogram(writer: BinaryWriter, h: HistogramShape): void {
  if (h.sampleCount !== undefined) writer.tag(1, VARINT).uint64(h.sampleCount);
  if (h.sampleSum !== undefined) writer.tag(2, DOUBLE).double(h.sampleSum);
  for (const bucket of h.bucket ?? []) {
    writer.tag(3, LEN).fork();
    if (bucket.cumulativeCount !== undefined) writer.tag(1, VARINT).uint64(bucket.cumulativeCount);
    if (bucket.upperBound !== undefined) writer.tag(2, DOUBLE).double(bucket.upperBound);
    if (bucket.exemplar !== undefined) writeExemplar(writer, 3, bucket.exemplar);
    writer.join();
  }
  if (h.schema !== undefined) writer.tag(5, VARINT).sint32(h.schema);
  if (h.zeroThreshold !== undefined) writer.tag(6, DOUBLE).double(h.zeroThreshold);
  if (h.zeroCount !== undefined) writer.tag(7, VARINT).uint64(h.zeroCount);
  writeSpans(writer, 9, h.negativeSpan);
  for (const delta of h.negativeDelta ?? []) writer.tag(10, VARINT).sint64(delta);
  writeSpans(writer, 12, h.positiveSpan);
  for (const delta of h.positiveDelta ?? []) writer.tag(13, VARINT).sint64(delta);
  for (const exemplar of h.exemplars ?? []) writeExemplar(writer, 16, exemplar);
}

function writeSpans(
  writer: BinaryWriter,
  field: number,
  spans: readonly SpanShape[] | undefined,
): void {
  for (const span of spans ?? []) {
    writer
      .tag(field, LEN)
      .fork()
      .tag(1, VARINT)
      .sint32(span.offset)
      .tag(2, VARINT)
      .uint32(span.length)
      .join();
  }
}

function writeExemplar(writer: BinaryWriter, field: number, exemplar: ExemplarShape): void {
  writer.tag(field, LEN).fork();
  writePairs(writer, 1, exemplar.label);
  if (exemplar.value !== undefined) writer.tag(2, DOUBLE).double(exemplar.value);
  if (exemplar.timestamp !== undefined) {
    writer.tag(3, LEN).fork();
    if (exemplar.timestamp.seconds !== 0n) writer.tag(1, VARINT).int64(exemplar.timestamp.seconds);
    if (exemplar.timestamp.nanos !== 0) writer.tag(2, VARINT).int32(exemplar.timestamp.nanos);
    writer.join();
  }
  writer.join();
}

function writePairs(writer: BinaryWriter, field: number, pairs: readonly Pair[] | undefined): void {
  for (const pair of pairs ?? []) {
    writer
      .tag(field, LEN)
      .fork()
      .tag(1, LEN)
      .string(pair.name)
      .tag(2, LEN)
      .string(pair.value)
      .join();
  }
}
