import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../examples/stream-processor/simulation.ts';
import { kafkaConsumer } from '../examples/stream-processor/stages.ts';
import { createProcessorMetrics } from '../generated/metrics.ts';
import { renderMetrics } from '../src/index.ts';
import { sampleValue } from './support/exposition.ts';

const LAG = 'processor_kafka_consumer_lag';
const COMMIT_ERRORS = 'processor_kafka_offset_commit_errors_total';

describe('the demo consumer rebalancing partitions', () => {
  it('removes a revoked partition’s series and creates a returning one at zero', async () => {
    const registry = new Registry();
    const kafka = kafkaConsumer(createProcessorMetrics({ registry }), seededRandom(7));
    kafka.consume(1000, 10_000, 1);
    const before = kafka.assigned();
    kafka.rebalance();
    const after = kafka.assigned();
    expect(after).toHaveLength(before.length - 1);
    const revoked = before.find(
      (p) => !after.some((q) => q.topic === p.topic && q.partition === p.partition),
    );
    if (revoked === undefined) throw new Error('no partition was revoked');
    const labels = `{topic="${revoked.topic}",partition="${revoked.partition}"}`;
    let text = await renderMetrics(registry, 'prometheus');
    expect(sampleValue(text, `${LAG}${labels}`)).toBe(undefined);
    expect(text.split('\n').filter((line) => line.includes(labels))).toEqual([]);
    kafka.consume(1000, 10_000, 1);
    kafka.rebalance(); // the revoked partition returns, another leaves
    text = await renderMetrics(registry, 'prometheus');
    expect(sampleValue(text, `${COMMIT_ERRORS}${labels}`)).toBe(0);
    expect(sampleValue(text, `${LAG}${labels}`)).toBe(0);
  });
});
