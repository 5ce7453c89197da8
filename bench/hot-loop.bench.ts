// The mixed hot loop of issue 14: one simulated event touching six recorders (received,
// processed, processing duration, the state-operation composite, the dedup composite, a Kafka
// topic/partition counter), against the same updates written by hand on flat arrays and against
// prom-client. All in one process and one run, so each ratio compares like with like.
import { Counter, Histogram, Registry } from 'prom-client';
import {
  type BackendLabel,
  backendLabelValues,
  createProcessorMetrics,
  durationBuckets,
  type OperationLabel,
  operationLabelValues,
  type ResultLabel,
  resultLabelValues,
} from '../generated/metrics.ts';
import { renderMetrics } from '../src/index.ts';
import { handWritten } from './hot-loop/hand-written.ts';
import { median, pairedRatio, timeInRounds } from './hot-loop/measure.ts';

/** Events per task call: enough that the harness's own cost per call vanishes. */
const EVENTS = 1000;
const DURATIONS = Float64Array.from({ length: 1024 }, (_, i) =>
  Math.exp(Math.log(0.0005) + (((i * 7919) % 1024) / 1024) * Math.log(60_000)),
);
const PAIRS = Array.from({ length: 100 }, (_, i) => ({
  topic: `topic-${i % 10}`,
  partition: (i * 7) % 10,
}));
const RESULTS: readonly ResultLabel[] = resultLabelValues;
const OPERATIONS: readonly OperationLabel[] = operationLabelValues;
const BACKENDS: readonly BackendLabel[] = backendLabelValues;

const registry = new Registry();
const metrics = createProcessorMetrics({ registry });
const hand = handWritten(durationBuckets);
const prom = promClientEvent();
let cursor = 0;

function generatedEvents(): void {
  for (let i = 0; i < EVENTS; i++) {
    const result = RESULTS[i & 3] as ResultLabel;
    const seconds = DURATIONS[(cursor + i) & 1023] as number;
    const pair = PAIRS[i % 100] as (typeof PAIRS)[number];
    metrics.recordEventReceived();
    metrics.recordEventProcessed(result);
    metrics.recordEventProcessingDuration(result, seconds);
    metrics.recordStateOperation(
      OPERATIONS[(i >> 2) & 3] as OperationLabel,
      BACKENDS[(i >> 4) & 3] as BackendLabel,
      seconds,
    );
    metrics.recordDedupCheck(i % 10 === 0);
    metrics.recordKafkaMessageConsumed(pair.topic, pair.partition);
  }
  cursor += 7;
}

function handWrittenEvents(): void {
  for (let i = 0; i < EVENTS; i++) {
    const pair = PAIRS[i % 100] as (typeof PAIRS)[number];
    hand.event(
      RESULTS[i & 3] as string,
      DURATIONS[(cursor + i) & 1023] as number,
      OPERATIONS[(i >> 2) & 3] as string,
      BACKENDS[(i >> 4) & 3] as string,
      i % 10 === 0,
      pair.topic,
      pair.partition,
    );
  }
  cursor += 7;
}

function promClientEvents(): void {
  for (let i = 0; i < EVENTS; i++) {
    const result = RESULTS[i & 3] as string;
    const seconds = DURATIONS[(cursor + i) & 1023] as number;
    const pair = PAIRS[i % 100] as (typeof PAIRS)[number];
    prom.received.inc();
    prom.processed.inc({ result });
    prom.duration.observe({ result }, seconds);
    const labels = {
      operation: OPERATIONS[(i >> 2) & 3] as string,
      backend: BACKENDS[(i >> 4) & 3] as string,
    };
    prom.stateOperations.inc(labels);
    prom.stateDuration.observe(labels, seconds);
    prom.dedupChecked.inc();
    if (i % 10 === 0) prom.dedupDuplicates.inc();
    prom.kafka.inc({ topic: pair.topic, partition: pair.partition });
  }
  cursor += 7;
}

function promClientEvent() {
  const r = new Registry();
  const registers = [r];
  const buckets = [...durationBuckets];
  return {
    received: new Counter({ name: 'received_total', help: 'h', registers }),
    processed: new Counter({
      name: 'processed_total',
      help: 'h',
      labelNames: ['result'],
      registers,
    }),
    duration: new Histogram({ name: 'd', help: 'h', labelNames: ['result'], buckets, registers }),
    stateOperations: new Counter({
      name: 'state_total',
      help: 'h',
      labelNames: ['operation', 'backend'],
      registers,
    }),
    stateDuration: new Histogram({
      name: 'state_d',
      help: 'h',
      labelNames: ['operation', 'backend'],
      buckets,
      registers,
    }),
    dedupChecked: new Counter({ name: 'checked_total', help: 'h', registers }),
    dedupDuplicates: new Counter({ name: 'dup_total', help: 'h', registers }),
    kafka: new Counter({
      name: 'kafka_total',
      help: 'h',
      labelNames: ['topic', 'partition'],
      registers,
    }),
  };
}

const tasks = {
  generated: generatedEvents,
  'hand-written': handWrittenEvents,
  'prom-client': promClientEvents,
};
const samples = await timeInRounds(tasks, EVENTS);

console.log('| one event, six recorders | median |');
console.log('| --- | --- |');
for (const [name, values] of Object.entries(samples)) {
  console.log(`| ${name} | ${median(values).toFixed(1)} ns |`);
}
// Observable work: what was recorded must show up, or V8 could have dropped it.
const text = await renderMetrics(registry, 'prometheus');
const consumed = text.split(
  '\nprocessor_kafka_messages_consumed_total{topic="topic-0",partition="0"} ',
)[1];
if (!(Number(consumed?.split('\n')[0]) > 0) || !(hand.total() > 0)) {
  throw new Error('a benchmark did no observable work');
}
console.log('');
const vsHand = pairedRatio(samples.generated, samples['hand-written']);
const vsProm = pairedRatio(samples['prom-client'], samples.generated);
console.log(`ratio mixed_event_vs_handwritten ${vsHand.toFixed(2)}`);
console.log(`ratio promclient_mixed_event_vs_generated ${vsProm.toFixed(2)}`);
