import cluster, { type Worker } from 'node:cluster';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { Registry } from 'prom-client';
import protobuf from 'protobufjs';
import { afterEach, describe, expect, it } from 'vitest';
import { createProcessorMetrics } from '../generated/metrics.ts';
import {
  type ClusterMetricsHub,
  combineClusterMetrics,
  createMetricsApp,
  renderMetrics,
  renderProtobuf,
} from '../src/index.ts';
import { forkWorker, type TestClusterWorker } from './support/cluster-workers.ts';
import { promtoolCheck } from './support/exposition.ts';
import { samplesOf, sampleValue } from './support/multicore.ts';
import {
  NARROW_DURATIONS,
  SPREAD_EXPECTED,
  successDurations,
  WIDE_DURATIONS,
} from './support/protobuf-decode.ts';

const RECEIVED = 'processor_events_received_total';
const TIMEOUTS = 'processor_metrics_cluster_snapshot_timeouts_total';
let hub: ClusterMetricsHub | undefined;
const workers: TestClusterWorker[] = [];

/** The protobuf exposition decoded by protobufjs from client_model's metrics.proto. */
const MetricFamilyType = protobuf
  .loadSync(
    new URL('./fixtures/proto/io/prometheus/client/metrics.proto', import.meta.url).pathname,
  )
  .lookupType('io.prometheus.client.MetricFamily');

function counterValue(bytes: Uint8Array, name: string): number | undefined {
  const reader = protobuf.Reader.create(bytes);
  while (reader.pos < reader.len) {
    const family = MetricFamilyType.toObject(MetricFamilyType.decodeDelimited(reader)) as {
      name: string;
      metric: { counter?: { value: number } }[];
    };
    if (family.name === name) return family.metric[0]?.counter?.value;
  }
  return undefined;
}

afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.kill()));
  hub?.close();
  hub = undefined;
});

// Every test runs with the numbers in snapshot files over the default JSON channel, and over
// IPC without files (the channel then 'advanced').
describe.each([
  ['snapshot files', undefined],
  ['IPC', null],
])('cluster, numbers through %s', (_transport, snapshotDir: undefined | null) => {
  // Deadlines long enough for a loaded machine: only a hanging worker is ever waited for.
  function setUp(timeoutMs = 3_000, maxAgeMs = 0) {
    const registry = new Registry();
    const metrics = createProcessorMetrics({ registry });
    cluster.setupPrimary({ serialization: 'json' });
    hub = combineClusterMetrics(registry, {
      timeoutMs,
      maxAgeMs,
      ...(snapshotDir === null ? { snapshotDir } : {}),
    });
    expect(cluster.settings.serialization).toBe(snapshotDir === null ? 'advanced' : 'json');
    const scrape = () => renderMetrics(registry, 'prometheus');
    const fork = async (env: Record<string, string> = {}) => {
      const worker = await forkWorker(env);
      workers.push(worker);
      return worker;
    };
    return { registry, metrics, scrape, fork };
  }

  it('sums workers’ snapshots in the primary’s exposition, which lints clean', async () => {
    const { metrics, scrape, fork } = setUp();
    metrics.recordEventReceived(5);
    const [a, b] = await Promise.all([fork(), fork()]);
    await Promise.all([
      a?.run({ op: 'events', count: 1000 }),
      b?.run({ op: 'events', count: 2000 }),
    ]);
    await a?.run({ op: 'lag', seconds: 3 });
    await b?.run({ op: 'lag', seconds: 7 });
    await a?.run({ op: 'topics', prefix: 't', count: 40 });
    await b?.run({ op: 'topics', prefix: 'u', count: 40 });
    await a?.run({ op: 'invalid' });
    await Promise.all([a?.run({ op: 'render' }), b?.run({ op: 'render' })]);
    const text = await scrape();
    // Series counts are the primary's, which holds every worker's series: not summed.
    expect(
      sampleValue(text, 'processor_metrics_series{metric="processor_events_received_total"}'),
    ).toBe(1);
    expect(
      sampleValue(
        text,
        'processor_metrics_series{metric="processor_kafka_messages_consumed_total"}',
      ),
    ).toBe(samplesOf(text, 'processor_kafka_messages_consumed_total{').length);
    expect(
      sampleValue(
        text,
        'processor_metrics_rejected_total{metric="processor_events_processed_total",reason="invalid_label_value"}',
      ),
    ).toBe(1);
    expect(sampleValue(text, RECEIVED)).toBe(3005);
    expect(sampleValue(text, 'processor_pipeline_lag_seconds')).toBe(7);
    expect(sampleValue(text, 'processor_backpressure_events')).toBe(10);
    // 80 distinct topics from two workers; the primary holds the limit of 64 over both.
    const topics = new Set(
      samplesOf(text, 'processor_kafka_messages_consumed_total{').map(
        (line) => /topic="([^"]*)"/.exec(line)?.[1],
      ),
    );
    expect(topics.size).toBe(65);
    expect(sampleValue(text, TIMEOUTS)).toBe(0);
    expect(promtoolCheck(text).status).toBe(0);
  });

  it('renders a hanging worker from its last snapshot and counts the timeout', async () => {
    const { scrape, fork } = setUp();
    const [steady, hanging] = await Promise.all([fork(), fork()]);
    await Promise.all([
      steady?.run({ op: 'events', count: 10 }),
      hanging?.run({ op: 'events', count: 20 }),
    ]);
    expect(sampleValue(await scrape(), RECEIVED)).toBe(30);
    hanging?.send({ op: 'hang' });
    const text = await scrape();
    expect(sampleValue(text, RECEIVED)).toBe(30);
    expect(sampleValue(text, TIMEOUTS)).toBe(1);
    // Still silent: the next scrape renders it from its last snapshot again, and counts it.
    expect(sampleValue(await scrape(), TIMEOUTS)).toBe(2);
  });

  it('keeps a worker SIGKILLed mid-record in the totals, and its replacement adds to them', async () => {
    const { scrape, fork } = setUp();
    const [steady, doomed] = await Promise.all([fork(), fork()]);
    await steady?.run({ op: 'events', count: 100 });
    doomed?.send({ op: 'hang' }); // records in a loop, never answers again
    await new Promise((resolve) => setTimeout(resolve, 100));
    let last = 0;
    for (let i = 0; i < 3; i++) {
      const value = sampleValue(await scrape(), RECEIVED) ?? 0;
      expect(value).toBeGreaterThanOrEqual(last);
      last = value;
    }
    await doomed?.kill();
    const afterKill = sampleValue(await scrape(), RECEIVED) ?? 0;
    expect(afterKill).toBeGreaterThanOrEqual(last);
    const replacement = await fork();
    await replacement.run({ op: 'events', count: 7 });
    expect(sampleValue(await scrape(), RECEIVED)).toBe(afterKill + 7);
    expect(hub?.liveWorkers).toBe(2);
  });

  it('answers 64 concurrent scrapes during a worker restart, none failed, none lower', async () => {
    const { registry, scrape, fork } = setUp();
    const app = createMetricsApp({ registry });
    const [a, b] = await Promise.all([fork(), fork()]);
    await Promise.all([a?.run({ op: 'events', count: 500 }), b?.run({ op: 'events', count: 500 })]);
    const before = sampleValue(await scrape(), RECEIVED) ?? 0;
    expect(before).toBe(1000);
    const scrapes = Array.from({ length: 64 }, (_, i) =>
      new Promise((resolve) => setTimeout(resolve, i)).then(() => app.request('/metrics')),
    );
    await a?.kill();
    const replacement = await fork();
    await replacement.run({ op: 'events', count: 1 });
    const responses = await Promise.all(scrapes);
    for (const response of responses) {
      expect(response.status).toBe(200);
      expect(sampleValue(await response.text(), RECEIVED)).toBeGreaterThanOrEqual(before);
    }
    expect(sampleValue(await scrape(), RECEIVED)).toBe(1001);
  });

  it('stays monotonic across 10 worker restarts', async () => {
    const { scrape, fork } = setUp();
    let last = 0;
    for (let i = 0; i < 10; i++) {
      const worker = await fork();
      await worker.run({ op: 'events', count: 10 });
      await worker.run({ op: 'partitions', count: 512 });
      const value = sampleValue(await scrape(), RECEIVED) ?? 0;
      expect(value).toBeGreaterThanOrEqual(last);
      last = value;
      await worker.kill();
      workers.splice(workers.indexOf(worker), 1);
    }
    expect(sampleValue(await scrape(), RECEIVED)).toBe(100);
    expect(hub?.liveWorkers).toBe(0);
  }, 120_000);

  it('renders pushed snapshots without asking when they are fresh enough', async () => {
    // Workers push every 100 ms; the primary asks only for snapshots older than a minute.
    const { scrape, fork } = setUp(3_000, 60_000);
    const worker = await fork({ PUSH_INTERVAL_MS: '100' });
    await worker.run({ op: 'events', count: 5 });
    let value = 0;
    for (let i = 0; i < 100 && value !== 5; i++) {
      value = sampleValue(await scrape(), RECEIVED) ?? 0;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(value).toBe(5);
    expect(sampleValue(await scrape(), TIMEOUTS)).toBe(0);
  });

  it('serves the combined counts over the protobuf exposition too', async () => {
    const { registry, fork } = setUp();
    const [a, b] = await Promise.all([fork(), fork()]);
    await Promise.all([a?.run({ op: 'events', count: 4 }), b?.run({ op: 'events', count: 5 })]);
    expect(counterValue(await renderProtobuf(registry), RECEIVED)).toBe(9);
  });

  it('adds native buckets across workers at the coarsest schema, and keeps a killed worker’s', async () => {
    const { registry, metrics, fork } = setUp();
    for (const seconds of NARROW_DURATIONS)
      metrics.recordEventProcessingDuration('success', seconds);
    const [narrow, wide] = await Promise.all([fork(), fork()]);
    await narrow?.run({ op: 'durations', values: NARROW_DURATIONS });
    await wide?.run({ op: 'durations', values: WIDE_DURATIONS });
    expect(await successDurations(registry)).toEqual(SPREAD_EXPECTED);
    await wide?.kill();
    expect(await successDurations(registry)).toEqual(SPREAD_EXPECTED);
  });

  it('holds every value recorded maxAgeMs before the scrape began, from the file or by asking', async () => {
    // Workers refresh their snapshots every 10 ms; a snapshot older than 20 ms is asked for.
    const { scrape, fork } = setUp(5_000, 20);
    const [a, b] = await Promise.all([fork(), fork()]);
    for (let round = 1; round <= 5; round++) {
      await a?.run({ op: 'events', count: 1 });
      // b records, then is busy for 300 ms: its snapshot goes stale with the count not in it,
      // so the scrape must ask it and wait for its answer.
      b?.send({ op: 'events', count: 2, blockMs: 300 });
      const sent = performance.now();
      // A wait is the premise here, not what is checked: whatever the load, the count must hold.
      while (performance.now() - sent <= 40) await sleep(45);
      expect(sampleValue(await scrape(), RECEIVED)).toBe(3 * round);
    }
  });
});

describe('cluster primary', () => {
  it('does not follow a worker that has exited but is still listed', () => {
    // Node keeps an exited worker in cluster.workers until its channel closes.
    const listed = cluster.workers as Record<string, unknown>;
    listed['999999'] = { id: 999999, isDead: () => true, isConnected: () => false, process: {} };
    try {
      hub = combineClusterMetrics(new Registry(), { maxAgeMs: 0 });
      expect(hub.liveWorkers).toBe(0);
    } finally {
      delete listed['999999'];
    }
  });
});

describe('cluster snapshot files', () => {
  it('are unlinked as soon as the primary has opened them', async () => {
    const registry = new Registry();
    createProcessorMetrics({ registry });
    cluster.setupPrimary({ serialization: 'json' });
    hub = combineClusterMetrics(registry, { maxAgeMs: 0 });
    const files = new Map<Worker, string>();
    const onMessage = (worker: Worker, message: { kind?: string; file?: string }) => {
      if (message?.kind === 'metrics-kit:snapshot' && message.file) files.set(worker, message.file);
    };
    cluster.on('message', onMessage);
    try {
      const forked = await Promise.all([forkWorker(), forkWorker()]);
      workers.push(...forked);
      await forked[0]?.run({ op: 'events', count: 4 });
      expect(sampleValue(await renderMetrics(registry, 'prometheus'), RECEIVED)).toBe(4);
      expect(files.size).toBe(2);
      for (const file of files.values()) {
        if (existsSync('/dev/shm')) expect(file.startsWith('/dev/shm/')).toBe(true);
        expect(existsSync(file)).toBe(false);
      }
    } finally {
      cluster.off('message', onMessage);
    }
  });
});
