// Recording and scraping, generated code against prom-client and a raw increment, all measured
// in one process and one run, so each ratio compares like with like on this machine.

import { renderMetrics } from 'metrics-kit';
import { Counter, Histogram, Registry } from 'prom-client';
import {
  createProcessorMetrics,
  durationBuckets,
  type ResultLabel,
  resultLabelValues,
} from '../generated/metrics.ts';
import { median, pairedRatio, timeAsyncInRounds, timeInRounds } from './hot-loop/measure.ts';
import { generatedVariant } from './native-variants.ts';
import { promClientMirror } from './promclient-mirror.ts';
import { recordSeedSeries, seedRecorder } from './seed-series.ts';

/** Operations per task call: enough that the harness's own cost per call vanishes. */
const OPS = 1000;
const RESULTS: readonly ResultLabel[] = resultLabelValues;
/** Durations spread log-uniformly over the layout, so every bucket is hit. */
const DURATIONS = Float64Array.from({ length: 1024 }, (_, i) =>
  Math.exp(Math.log(0.0005) + (((i * 7919) % 1024) / 1024) * Math.log(60_000)),
);
const PAIRS = Array.from({ length: 100 }, (_, i) => ({
  topic: `topic-${i % 10}`,
  partition: (i * 7) % 10,
}));

const generatedRegistry = new Registry();
const generated = createProcessorMetrics({ registry: generatedRegistry });
/**
 * The seed's spec with its layouts classic only: what prom-client's histogram does, so the
 * histogram ratio compares the same work. The seed's own layout (classic and native buckets)
 * is timed beside it.
 */
const classic = (await generatedVariant('classic'))({ registry: new Registry() });
const promRegistry = new Registry();
const promCounter = new Counter({
  name: 'pc_events_total',
  help: 'h',
  labelNames: ['result'],
  registers: [promRegistry],
});
const promHistogram = new Histogram({
  name: 'pc_duration_seconds',
  help: 'h',
  labelNames: ['result'],
  buckets: [...durationBuckets],
  registers: [promRegistry],
});
const promKafka = new Counter({
  name: 'pc_kafka_total',
  help: 'h',
  labelNames: ['topic', 'partition'],
  registers: [promRegistry],
});
const raw = { n: 0 };
let cursor = 0;

const recording: Record<string, () => void> = {
  raw: () => {
    for (let i = 0; i < OPS; i++) raw.n++;
  },
  'generated counter, constant label': () => {
    for (let i = 0; i < OPS; i++) generated.recordEventProcessed('success');
  },
  'generated counter, varying label': () => {
    for (let i = 0; i < OPS; i++) generated.recordEventProcessed(RESULTS[i & 3] as ResultLabel);
  },
  'prom-client counter, constant label': () => {
    for (let i = 0; i < OPS; i++) promCounter.inc({ result: 'success' });
  },
  'prom-client counter, varying label': () => {
    for (let i = 0; i < OPS; i++) promCounter.inc({ result: RESULTS[i & 3] as ResultLabel });
  },
  'generated histogram, classic layout': () => {
    for (let i = 0; i < OPS; i++) {
      classic.recordEventProcessingDuration(
        RESULTS[i & 3] as ResultLabel,
        DURATIONS[(cursor + i) & 1023] as number,
      );
    }
    cursor += 7;
  },
  'generated histogram, classic + native (seed layout)': () => {
    for (let i = 0; i < OPS; i++) {
      generated.recordEventProcessingDuration(
        RESULTS[i & 3] as ResultLabel,
        DURATIONS[(cursor + i) & 1023] as number,
      );
    }
    cursor += 7;
  },
  'prom-client histogram': () => {
    for (let i = 0; i < OPS; i++) {
      promHistogram.observe(
        { result: RESULTS[i & 3] as ResultLabel },
        DURATIONS[(cursor + i) & 1023] as number,
      );
    }
    cursor += 7;
  },
  'generated two free labels': () => {
    for (let i = 0; i < OPS; i++) {
      const pair = PAIRS[i % 100] as (typeof PAIRS)[number];
      generated.recordKafkaMessageConsumed(pair.topic, pair.partition);
    }
  },
  'prom-client two free labels': () => {
    for (let i = 0; i < OPS; i++) {
      const pair = PAIRS[i % 100] as (typeof PAIRS)[number];
      promKafka.inc({ topic: pair.topic, partition: pair.partition });
    }
  },
};

async function main(): Promise<void> {
  // Recording first, before anything else calls the shared recorder code: the seed-series setup
  // below calls every recorder with other argument types, which would change the feedback V8
  // optimizes the hot path from.
  // Timed in interleaved rounds of CPU time (bench/hot-loop/measure.ts): on this shared 2-core
  // machine a ratio of two tasks timed minutes apart in wall time says more about the load than
  // about the code.
  const recorded = await timeInRounds(recording, OPS);

  const seedRegistry = new Registry();
  recordSeedSeries(createProcessorMetrics({ registry: seedRegistry }));
  const mirror = await promClientMirror(seedRegistry);
  const ours = await renderMetrics(seedRegistry, 'prometheus');
  const theirs = await mirror.metrics();
  const sampleLines = (text: string) =>
    text.split('\n').filter((l) => l !== '' && !l.startsWith('#')).length;
  if (sampleLines(ours) !== sampleLines(theirs)) {
    throw new Error(
      `scrape bodies differ: ${sampleLines(ours)} vs ${sampleLines(theirs)} sample lines`,
    );
  }
  // A series unchanged since the last scrape reuses its lines, so the scrape is also timed
  // after every counter and histogram series has recorded again: that scrape's cost is the
  // second task's time minus the third's (the recording alone). prom-client renders everything
  // at every scrape either way.
  const changingRegistry = new Registry();
  const recordAgain = seedRecorder(createProcessorMetrics({ registry: changingRegistry }));
  // Its numbers (sums of fractions, grown by the thousands of recordings timed below) take
  // longer to format than the first registry's: prom-client renders numbers of that size too.
  for (let i = 0; i < 2000; i++) recordAgain();
  const changingMirror = await promClientMirror(changingRegistry);
  let scraped = 0;
  const scrapes = await timeAsyncInRounds({
    'generated scrape (renderMetrics)': async () => {
      scraped += (await renderMetrics(seedRegistry, 'prometheus')).length;
    },
    'prom-client scrape (registry.metrics())': async () => {
      scraped += (await mirror.metrics()).length;
    },
    'generated scrape after every counter and histogram changed, with the recording': async () => {
      recordAgain();
      scraped += (await renderMetrics(changingRegistry, 'prometheus')).length;
    },
    'recording every counter and histogram series again': async () => {
      scraped += recordAgain();
    },
    'prom-client scrape of the same changed numbers': async () => {
      scraped += (await changingMirror.metrics()).length;
    },
  });
  const recordingAlone = scrapes['recording every counter and histogram series again'];
  const changedScrape = scrapes[
    'generated scrape after every counter and histogram changed, with the recording'
  ].map((withRecording, i) => withRecording - (recordingAlone[i] ?? 0));

  const samples: Record<string, number[]> = {
    ...recorded,
    ...scrapes,
    'generated scrape after every counter and histogram changed': changedScrape,
  };
  const ns = new Map<string, number>();
  for (const [name, values] of Object.entries(samples)) ns.set(name, median(values));
  const get = (name: string) => ns.get(name) ?? Number.NaN;
  const ratio = (slow: string, fast: string) =>
    pairedRatio(samples[slow] ?? [], samples[fast] ?? []);

  console.log('| task | median |');
  console.log('| --- | --- |');
  for (const [name, value] of ns) {
    console.log(
      `| ${name} | ${name.includes('scrape') ? `${(value / 1e3).toFixed(1)} µs` : `${value.toFixed(2)} ns/op`} |`,
    );
  }
  console.log('');
  console.log(
    `scrape body: ${ours.length} bytes, ${sampleLines(ours)} samples (prom-client: ${theirs.length} bytes)`,
  );
  console.log(
    `generated counter: ${get('generated counter, varying label').toFixed(1)} ns/record varying, ${get('generated counter, constant label').toFixed(1)} ns constant (the seed claims ~10 ns)`,
  );
  console.log(
    `generated histogram: ${get('generated histogram, classic layout').toFixed(1)} ns/record classic, ${get('generated histogram, classic + native (seed layout)').toFixed(1)} ns with native buckets too`,
  );
  // Observable work: everything recorded must show up, or V8 could have dropped it.
  const exposition = await renderMetrics(generatedRegistry, 'prometheus');
  const nonZero = [
    'processor_events_processed_total{result="success"}',
    'processor_event_processing_duration_seconds_count{result="error"}',
    'processor_kafka_messages_consumed_total{topic="topic-0",partition="0"}',
  ].map((series) => Number(exposition.split(`\n${series} `)[1]?.split('\n')[0]));
  if (raw.n === 0 || scraped === 0 || !nonZero.every((value) => value > 0)) {
    throw new Error(`a benchmark did no observable work: ${nonZero.join(', ')}`);
  }
  console.log(`checks: raw.n=${raw.n}, ${scraped} bytes scraped`);
  console.log('');
  const ratios: [string, number][] = [
    ['counter_vs_raw', ratio('generated counter, varying label', 'raw')],
    ['counter_constant_vs_raw', ratio('generated counter, constant label', 'raw')],
    [
      'promclient_counter_vs_generated',
      ratio('prom-client counter, varying label', 'generated counter, varying label'),
    ],
    [
      'promclient_counter_constant_vs_generated',
      ratio('prom-client counter, constant label', 'generated counter, constant label'),
    ],
    [
      'promclient_histogram_vs_generated',
      ratio('prom-client histogram', 'generated histogram, classic layout'),
    ],
    [
      'promclient_histogram_vs_generated_classic_and_native',
      ratio('prom-client histogram', 'generated histogram, classic + native (seed layout)'),
    ],
    [
      'promclient_free_label_vs_generated',
      ratio('prom-client two free labels', 'generated two free labels'),
    ],
    [
      'promclient_scrape_vs_generated',
      ratio('prom-client scrape (registry.metrics())', 'generated scrape (renderMetrics)'),
    ],
    [
      'promclient_scrape_vs_generated_changing',
      ratio(
        'prom-client scrape of the same changed numbers',
        'generated scrape after every counter and histogram changed',
      ),
    ],
  ];
  for (const [name, value] of ratios) console.log(`ratio ${name} ${value.toFixed(2)}`);
}

await main();
