// Native histograms: native against classic observation through generated recorders, against
// prom-client's classic labelled observe, and the protobuf rendering of the seed's series set
// against the text rendering, with body sizes raw and gzipped (zlib level 1, as /metrics does).
import { gzipSync } from 'node:zlib';
import { Histogram, Registry } from 'prom-client';
import { Bench } from 'tinybench';
import {
  createProcessorMetrics,
  durationBuckets,
  type ResultLabel,
  resultLabelValues,
} from '../generated/metrics.ts';
import { renderMetrics, renderProtobuf } from '../src/index.ts';
import { renderProtobufReflective } from '../src/scrape/protobuf.ts';
import { median, pairedRatio, timeInRounds } from './hot-loop/measure.ts';
import { generatedVariant } from './native-variants.ts';
import { recordSeedSeries } from './seed-series.ts';

const OPS = 1000;
const RESULTS: readonly ResultLabel[] = resultLabelValues;
/** Durations spread log-uniformly from 0.5 ms to 30 s, as in recording.bench.ts. */
const DURATIONS = Float64Array.from({ length: 1024 }, (_, i) =>
  Math.exp(Math.log(0.0005) + (((i * 7919) % 1024) / 1024) * Math.log(60_000)),
);

const classic = (await generatedVariant('classic'))({ registry: new Registry() });
const nativeOnly = (await generatedVariant('native'))({ registry: new Registry() });
const bothRegistry = new Registry();
const both = createProcessorMetrics({ registry: bothRegistry });
const promRegistry = new Registry();
const promHistogram = new Histogram({
  name: 'pc_duration_seconds',
  help: 'h',
  labelNames: ['result'],
  buckets: [...durationBuckets],
  registers: [promRegistry],
});
let cursor = 0;
const duration = (i: number): number => DURATIONS[(cursor + i) & 1023] as number;

// Timed as bench/recording.bench.ts times recording: interleaved rounds of CPU time, garbage
// collected after each task's round outside the timing, ratios paired within rounds. Each task
// has its own loop, written out: one shared loop function would share one call site (and its
// type feedback) among the tasks, so the first task measured would inline its recorder and
// every later one would pay a polymorphic call.
const recorded = await timeInRounds(
  {
    'classic observe (generated, 16 buckets)': () => {
      const record = classic.recordEventProcessingDuration;
      for (let i = 0; i < OPS; i++) record(RESULTS[i & 3] as ResultLabel, duration(i));
      cursor += 7;
    },
    'native observe (generated, schema 3, native only)': () => {
      const record = nativeOnly.recordEventProcessingDuration;
      for (let i = 0; i < OPS; i++) record(RESULTS[i & 3] as ResultLabel, duration(i));
      cursor += 7;
    },
    'classic + native observe (generated, the seed layout)': () => {
      const record = both.recordEventProcessingDuration;
      for (let i = 0; i < OPS; i++) record(RESULTS[i & 3] as ResultLabel, duration(i));
      cursor += 7;
    },
    'prom-client classic labelled observe': () => {
      for (let i = 0; i < OPS; i++)
        promHistogram.observe({ result: RESULTS[i & 3] as ResultLabel }, duration(i));
      cursor += 7;
    },
  },
  OPS,
);

const seedRegistry = new Registry();
recordSeedSeries(createProcessorMetrics({ registry: seedRegistry }));
const text = new TextEncoder().encode(await renderMetrics(seedRegistry, 'prometheus'));
const openMetrics = new TextEncoder().encode(await renderMetrics(seedRegistry, 'openmetrics'));
const proto = await renderProtobuf(seedRegistry);
let rendered = 0;
const renders = new Bench({ time: 1000, warmupTime: 200 });
renders.add('text 0.0.4 rendering', async () => {
  rendered += (await renderMetrics(seedRegistry, 'prometheus')).length;
});
renders.add('protobuf rendering', async () => {
  rendered += (await renderProtobuf(seedRegistry)).length;
});
renders.add('protobuf rendering, reflective toBinary', async () => {
  rendered += (await renderProtobufReflective(seedRegistry)).length;
});
await renders.run();

const ns = new Map<string, number>();
for (const [name, samples] of Object.entries(recorded)) ns.set(name, median(samples));
for (const task of renders.tasks) {
  if (task.result.state !== 'completed') throw new Error(`${task.name}: ${task.result.state}`);
  ns.set(task.name, task.result.latency.p50 * 1e6);
}
const paired = (slow: keyof typeof recorded, fast: keyof typeof recorded): number =>
  pairedRatio(recorded[slow], recorded[fast]);
const get = (name: string): number => ns.get(name) ?? Number.NaN;
console.log('| task | median |');
console.log('| --- | --- |');
for (const [name, value] of ns) {
  console.log(
    `| ${name} | ${name.includes('rendering') ? `${(value / 1e3).toFixed(1)} µs` : `${value.toFixed(2)} ns/op`} |`,
  );
}
const gz = (bytes: Uint8Array): number => gzipSync(bytes, { level: 1 }).length;
console.log('');
console.log('| body | raw | gzip (level 1) |');
console.log('| --- | --- | --- |');
console.log(`| text 0.0.4 | ${text.length} | ${gz(text)} |`);
console.log(`| OpenMetrics | ${openMetrics.length} | ${gz(openMetrics)} |`);
console.log(`| protobuf | ${proto.length} | ${gz(proto)} |`);

// Observable work: every variant recorded, or V8 could have dropped it.
const count = (metrics: string) => Number(/_count\{result="error"\} (\d+)/.exec(metrics)?.[1] ?? 0);
const checks = [
  count(await renderMetrics(bothRegistry, 'prometheus')),
  Number(
    (await promRegistry.getSingleMetricAsString('pc_duration_seconds')).match(
      /_count\{result="error"\} (\d+)/,
    )?.[1] ?? 0,
  ),
];
if (!checks.every((value) => value > 0) || rendered === 0)
  throw new Error(`no observable work: ${checks}`);
console.log(`\nchecks: ${checks.join(', ')} observations, ${rendered} bytes rendered`);
console.log('');
const ratios: [string, number][] = [
  [
    'native_vs_classic_observe',
    paired(
      'native observe (generated, schema 3, native only)',
      'classic observe (generated, 16 buckets)',
    ),
  ],
  [
    'classic_and_native_vs_classic_observe',
    paired(
      'classic + native observe (generated, the seed layout)',
      'classic observe (generated, 16 buckets)',
    ),
  ],
  [
    'promclient_classic_vs_native_observe',
    paired(
      'prom-client classic labelled observe',
      'native observe (generated, schema 3, native only)',
    ),
  ],
  [
    'promclient_classic_vs_classic_and_native_observe',
    paired(
      'prom-client classic labelled observe',
      'classic + native observe (generated, the seed layout)',
    ),
  ],
  ['protobuf_vs_text_render', get('protobuf rendering') / get('text 0.0.4 rendering')],
  [
    'reflective_vs_written_protobuf_render',
    get('protobuf rendering, reflective toBinary') / get('protobuf rendering'),
  ],
  ['protobuf_vs_text_bytes', proto.length / text.length],
  ['protobuf_vs_text_gzip_bytes', gz(proto) / gz(text)],
];
for (const [name, value] of ratios) console.log(`ratio ${name} ${value.toFixed(2)}`);
