import type { BinaryWriter } from '@bufbuild/protobuf/wire';
import { WireType } from '@bufbuild/protobuf/wire';
import { MetricType } from '../exposition/proto/metrics_pb.ts';
import { protobufKindOf } from '../families/brand.ts';
import type { CounterFamily } from '../families/counter-family.ts';
import type { GaugeFamily } from '../families/gauge-family.ts';

/** Label pairs of each series, encoded once: labels never change after a series is created. */
const encodedLabels = new WeakMap<CounterFamily | GaugeFamily, Uint8Array[]>();
/** The label values each series was encoded from: a reused index holds another array. */
const encodedFrom = new WeakMap<CounterFamily | GaugeFamily, (readonly string[])[]>();
const encoder = new TextEncoder();

/** A counter or gauge without exemplars, from any copy of the runtime. */
export function isPlainScalar(metric: unknown): metric is CounterFamily | GaugeFamily {
  return protobufKindOf(metric) === 'scalar';
}

/**
 * A generated counter or gauge written straight from its values: no `get()` objects, and each
 * series' label pairs encoded once and reused, which is most of a scrape of the seed's set. The
 * bytes equal what the `get()` path writes (a test compares them), so default labels, which
 * vary per registry, take that path.
 */
export function writeScalarFamily(
  writer: BinaryWriter,
  family: CounterFamily | GaugeFamily,
): boolean {
  if (family.seriesCount === 0) return false;
  family.beforeRender();
  // Every thread's or worker's numbers combined, when the family is shared (src/multicore/).
  const values = family.scrapeValues();
  const isCounter = family.type === 'counter';
  const name = isCounter
    ? `${family.exposedName.replace(/_total$/, '')}_total`
    : family.exposedName;
  const labels = labelBytes(family);
  writer.fork();
  writer.tag(1, WireType.LengthDelimited).string(name);
  writer.tag(2, WireType.LengthDelimited).string(family.help);
  writer.tag(3, WireType.Varint).int32(isCounter ? MetricType.COUNTER : MetricType.GAUGE);
  for (let series = 0; series < family.seriesCount; series++) {
    if (!family.hasSeries(series)) continue; // removed
    writer.tag(4, WireType.LengthDelimited).fork();
    writer.raw(labels[series] as Uint8Array);
    writer
      .tag(isCounter ? 3 : 2, WireType.LengthDelimited)
      .fork()
      .tag(1, WireType.Bit64)
      .double(values[series] as number)
      .join();
    writer.join();
  }
  writer.join();
  return true;
}

function labelBytes(family: CounterFamily | GaugeFamily): Uint8Array[] {
  let cached = encodedLabels.get(family);
  if (cached === undefined) {
    cached = [];
    encodedLabels.set(family, cached);
  }
  const sources = encodedFrom.get(family) ?? [];
  encodedFrom.set(family, sources);
  for (let series = 0; series < family.seriesCount; series++) {
    const values = family.labelValuesOf(series);
    // Encoded once per series; again when a removed series' index now holds other labels.
    if (sources[series] === values) continue;
    sources[series] = values;
    const parts: number[] = [];
    for (const [i, label] of family.labels.entries()) {
      const pair = [...field(1, label.name), ...field(2, values[i] ?? '')];
      parts.push(...field(1, pair, true));
    }
    cached[series] = Uint8Array.from(parts);
  }
  return cached;
}

/** A length-delimited field: tag, varint length, bytes. */
function field(number: number, content: string | number[], raw = false): number[] {
  const bytes = raw ? (content as number[]) : [...encoder.encode(content as string)];
  return [(number << 3) | 2, ...varint(bytes.length), ...bytes];
}

function varint(value: number): number[] {
  const out: number[] = [];
  let rest = value;
  while (rest > 0x7f) {
    out.push((rest & 0x7f) | 0x80);
    rest >>>= 7;
  }
  out.push(rest);
  return out;
}
