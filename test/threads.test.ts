import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { createProcessorMetrics } from '../generated/metrics.ts';
import {
  combineThreadMetrics,
  createMetricsApp,
  renderMetrics,
  shareThreadMetrics,
  type ThreadMetricsHub,
} from '../src/index.ts';
import { promtoolCheck } from './support/exposition.ts';
import { samplesOf, sampleValue, startThread, type TestThread } from './support/multicore.ts';
import {
  NARROW_DURATIONS,
  SPREAD_EXPECTED,
  successDurations,
  WIDE_DURATIONS,
} from './support/protobuf-decode.ts';

const RECEIVED = 'processor_events_received_total';
let hub: ThreadMetricsHub | undefined;
const threads: TestThread[] = [];

afterEach(async () => {
  await Promise.all(threads.splice(0).map((thread) => thread.worker.terminate()));
  hub?.close();
  hub = undefined;
});

function setUp() {
  const registry = new Registry();
  const metrics = createProcessorMetrics({ registry });
  hub = combineThreadMetrics(registry);
  const scrape = () => renderMetrics(registry, 'prometheus');
  const start = async () => {
    const thread = await startThread((hub as ThreadMetricsHub).workerData);
    threads.push(thread);
    return thread;
  };
  return { registry, metrics, scrape, start };
}

/** Scrapes until `ready` holds: a shard reaches the main thread one message after a worker starts. */
async function scrapeUntil(scrape: () => Promise<string>, ready: (text: string) => boolean) {
  for (let i = 0; i < 200; i++) {
    const text = await scrape();
    if (ready(text)) return text;
    await new Promise((resolve) => setTimeout(resolve, 10));
    if (i === 199 && process.env.DEBUG_MC)
      console.log(
        text
          .split('\n')
          .filter((l) => /kafka_messages_consumed|overflow/.test(l))
          .join('\n'),
      );
  }
  throw new Error('the expected values never appeared');
}

describe('worker_threads', () => {
  it('sums every thread into the main thread’s exposition, and it lints clean', async () => {
    const { metrics, scrape, start } = setUp();
    metrics.recordEventReceived(5);
    const [a, b] = await Promise.all([start(), start()]);
    await Promise.all([
      a?.run({ op: 'events', count: 1000 }),
      b?.run({ op: 'events', count: 2000 }),
    ]);
    const text = await scrapeUntil(scrape, (t) => sampleValue(t, RECEIVED) === 3005);
    expect(sampleValue(text, RECEIVED)).toBe(3005);
    expect(promtoolCheck(text).status).toBe(0);
  });

  it('shows free-form values created in workers, within one limit shared by all threads', async () => {
    const { scrape, start } = setUp();
    const [a, b] = await Promise.all([start(), start()]);
    // 40 topics in both threads, then 40 more in one: 80 distinct values for a limit of 64.
    await a?.run({ op: 'topics', prefix: 't', count: 40 });
    await b?.run({ op: 'topics', prefix: 't', count: 40 });
    await b?.run({ op: 'topics', prefix: 'u', count: 40 });
    const text = await scrapeUntil(scrape, (t) =>
      samplesOf(t, 'processor_kafka_messages_consumed_total{').some((l) =>
        l.includes('__overflow__'),
      ),
    );
    const series = samplesOf(text, 'processor_kafka_messages_consumed_total{');
    const topics = new Set(series.map((line) => /topic="([^"]*)"/.exec(line)?.[1]));
    expect(topics.size).toBe(65); // 64 admitted values and __overflow__
    expect(
      sampleValue(text, 'processor_kafka_messages_consumed_total{topic="t-0",partition="0"}'),
    ).toBe(2);
    const overflow = series
      .filter((line) => line.includes('topic="__overflow__"'))
      .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
    expect(overflow).toBe(80 - 64);
    expect(
      sampleValue(
        text,
        'processor_metrics_label_overflow_total{metric="processor_kafka_messages_consumed_total",label="topic"}',
      ),
    ).toBe(16);
  });

  it('adds native buckets across threads at the coarsest schema, and keeps an exited thread’s', async () => {
    const { registry, metrics, start } = setUp();
    for (const seconds of NARROW_DURATIONS)
      metrics.recordEventProcessingDuration('success', seconds);
    const [narrow, wide] = await Promise.all([start(), start()]);
    await narrow?.run({ op: 'durations', values: NARROW_DURATIONS });
    await wide?.run({ op: 'durations', values: WIDE_DURATIONS });
    let combined = await successDurations(registry);
    for (let i = 0; i < 200 && combined.sampleCount !== SPREAD_EXPECTED.sampleCount; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      combined = await successDurations(registry);
    }
    expect(combined).toEqual(SPREAD_EXPECTED);
    await wide?.worker.terminate();
    threads.splice(threads.indexOf(wide as TestThread), 1);
    expect(await successDurations(registry)).toEqual(SPREAD_EXPECTED);
  });

  it('combines gauges by their aggregate: the sum for backpressure, the max for the lag', async () => {
    const { scrape, start } = setUp();
    const [a, b] = await Promise.all([start(), start()]);
    await a?.run({ op: 'lag', seconds: 3 });
    await b?.run({ op: 'lag', seconds: 7 });
    const text = await scrapeUntil(
      scrape,
      (t) => sampleValue(t, 'processor_backpressure_events') === 10,
    );
    expect(sampleValue(text, 'processor_pipeline_lag_seconds')).toBe(7);
  });

  it('counts a worker’s invalid values in the main thread’s self-metrics', async () => {
    const { scrape, start } = setUp();
    const thread = await start();
    await thread.run({ op: 'invalid' });
    const label =
      'processor_metrics_rejected_total{metric="processor_events_processed_total",reason="invalid_label_value"}';
    const text = await scrapeUntil(scrape, (t) => sampleValue(t, label) === 1);
    expect(
      sampleValue(
        text,
        'processor_metrics_rejected_total{metric="processor_pipeline_lag_seconds",reason="invalid_value"}',
      ),
    ).toBe(1);
  });

  it('keeps the counts of a worker terminated mid-record, and never decreases', async () => {
    const { scrape, start } = setUp();
    const steady = await start();
    await steady.run({ op: 'events', count: 100 });
    const doomed = await start();
    doomed.send({ op: 'hang' }); // records in a loop until terminated
    let last = 0;
    for (let i = 0; i < 20; i++) {
      const value = sampleValue(await scrape(), RECEIVED) ?? 0;
      expect(value).toBeGreaterThanOrEqual(last);
      last = value;
    }
    await doomed.worker.terminate();
    threads.splice(threads.indexOf(doomed), 1);
    const after = sampleValue(await scrape(), RECEIVED) ?? 0;
    expect(after).toBeGreaterThanOrEqual(last);
    expect(after).toBeGreaterThan(100);
    expect(hub?.liveThreads).toBe(1);
    await steady.run({ op: 'events', count: 1 });
    expect(sampleValue(await scrape(), RECEIVED)).toBe(after + 1);
  });

  it('answers 64 concurrent scrapes while a worker hangs and another restarts', async () => {
    const { registry, scrape, start } = setUp();
    const app = createMetricsApp({ registry });
    const [hanging, restarting] = await Promise.all([start(), start()]);
    await restarting.run({ op: 'events', count: 500 });
    await hanging.run({ op: 'events', count: 500 });
    hanging.send({ op: 'hang' }); // a thread stuck in a loop: scrapes never wait for threads
    const before = await scrapeUntil(scrape, (t) => (sampleValue(t, RECEIVED) ?? 0) >= 1000);
    const floor = sampleValue(before, RECEIVED) ?? 0;
    const scrapes = Array.from({ length: 64 }, (_, i) =>
      new Promise((resolve) => setTimeout(resolve, i)).then(() => app.request('/metrics')),
    );
    await restarting.worker.terminate();
    threads.splice(threads.indexOf(restarting), 1);
    const replacement = await start();
    await replacement.run({ op: 'events', count: 1 });
    for (const response of await Promise.all(scrapes)) {
      expect(response.status).toBe(200);
      expect(sampleValue(await response.text(), RECEIVED)).toBeGreaterThanOrEqual(floor);
    }
  });

  it('says in one line where each side belongs when called on the wrong thread', () => {
    const { registry } = setUp();
    expect(() => shareThreadMetrics(registry, (hub as ThreadMetricsHub).workerData)).toThrow(
      'shareThreadMetrics runs in a worker thread; the main thread uses combineThreadMetrics',
    );
  });

  it('carries hostile free-form values between threads exactly, once each', async () => {
    const { scrape, start } = setUp();
    const values = ['a"b', 'line\nbreak', 'back\\slash', 'x'.repeat(10_000), 'lone\uD800', '💥'];
    const [a, b] = await Promise.all([start(), start()]);
    await a.run({ op: 'operators', values });
    await b.run({ op: 'operators', values: [...values].reverse() });
    const text = await scrapeUntil(
      scrape,
      (t) => samplesOf(t, 'processor_operator_duration_seconds_count{').length === values.length,
    );
    const counts = samplesOf(text, 'processor_operator_duration_seconds_count{');
    expect(counts.map((line) => line.split(' ').at(-1))).toEqual(values.map(() => '2'));
    expect(text).toContain('operator="a\\"b"');
    expect(text).toContain('operator="line\\nbreak"');
    expect(text).toContain('operator="lone\uFFFD"');
    expect(promtoolCheck(text).status).toBe(0);
  });
});
