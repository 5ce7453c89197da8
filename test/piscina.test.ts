import { Piscina } from 'piscina';
import { Registry } from 'prom-client';
import { expect, it } from 'vitest';
import { createProcessorMetrics } from '../generated/metrics.ts';
import { combineThreadMetrics, renderMetrics } from '../src/index.ts';
import { promtoolCheck } from './support/exposition.ts';
import { bundledFixture, sampleValue } from './support/multicore.ts';

it('combines what piscina’s threads record, and keeps it when the pool is destroyed', async () => {
  const registry = new Registry();
  createProcessorMetrics({ registry });
  const threads = combineThreadMetrics(registry);
  const pool = new Piscina({
    filename: bundledFixture('piscina-task'),
    minThreads: 2,
    maxThreads: 2,
    workerData: { metrics: threads.workerData },
  });
  try {
    const batches = Array.from({ length: 40 }, (_, i) => ({
      events: 250,
      topic: `topic-${i % 5}`,
    }));
    const done = await Promise.all(batches.map((batch) => pool.run(batch)));
    expect(done.reduce((a, b) => a + b, 0)).toBe(10_000);
    // Shards arrive one message after each thread starts.
    let text = '';
    for (
      let i = 0;
      i < 100 && sampleValue(text, 'processor_events_received_total') !== 10_000;
      i++
    ) {
      text = await renderMetrics(registry, 'prometheus');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(sampleValue(text, 'processor_events_received_total')).toBe(10_000);
    expect(
      sampleValue(text, 'processor_kafka_messages_consumed_total{topic="topic-3",partition="1"}'),
    ).toBe(8 * 83);
    expect(promtoolCheck(text).status).toBe(0);
  } finally {
    await pool.destroy();
  }
  // Destroyed: every thread has exited and been folded into the retired totals.
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(threads.liveThreads).toBe(0);
  const after = await renderMetrics(registry, 'prometheus');
  expect(sampleValue(after, 'processor_events_received_total')).toBe(10_000);
  threads.close();
});
