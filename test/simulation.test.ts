import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createSimulation, seededRandom } from '../examples/stream-processor/simulation.ts';
import { createProcessorMetrics } from '../generated/metrics.ts';
import { demoFamilies } from './support/demo-families.ts';

/** Each family the demo records, by its exposed name, and the sample that shows it has data. */
const families = demoFamilies().map(({ exposedName, type }) => ({
  exposed: exposedName,
  sample: type === 'histogram' ? `${exposedName}_count` : exposedName,
}));

interface Sample {
  metricName?: string;
  value: number;
  labels?: Record<string, unknown>;
}
type Samples = Map<string, Sample[]>;

async function simulate(seed: number, seconds = 10, step = 0.1): Promise<Samples> {
  const registry = new Registry();
  const simulation = createSimulation(createProcessorMetrics({ registry }), {
    random: seededRandom(seed),
  });
  for (let i = 0; i < Math.round(seconds / step); i += 1) simulation.tick(step);
  const samples: Samples = new Map();
  for (const family of await registry.getMetricsAsJSON()) {
    // At runtime histogram samples carry `metricName` (`…_count`); prom-client's types omit it.
    for (const sample of family.values as Sample[]) {
      const name = sample.metricName ?? family.name;
      samples.set(name, [...(samples.get(name) ?? []), sample]);
    }
  }
  return samples;
}

function total(samples: Samples, name: string, labels: Record<string, string> = {}): number {
  return (samples.get(name) ?? [])
    .filter((sample) =>
      Object.entries(labels).every(([key, value]) => sample.labels?.[key] === value),
    )
    .reduce((sum, sample) => sum + sample.value, 0);
}

describe('the stream-processor simulation', () => {
  it.each([1, 2, 3, 42])(
    'gives every family it records data within 10 s (seed %i)',
    async (seed) => {
      const samples = await simulate(seed);
      const empty = families
        .filter(({ sample }) => !(samples.get(sample) ?? []).some(({ value }) => value !== 0))
        .map(({ exposed }) => exposed);
      expect(empty).toEqual([]);
      expect(total(samples, 'processor_metrics_rejected_total')).toBe(0);
    },
  );

  it.each([1, 2, 3, 42])('records a realistic shape (seed %i)', async (seed) => {
    const samples = await simulate(seed);
    const processed = total(samples, 'processor_events_processed_total');
    const success = total(samples, 'processor_events_processed_total', { result: 'success' });
    expect(processed).toBeGreaterThan(10_000);
    expect(success / processed).toBeGreaterThan(0.9);

    const checked = total(samples, 'processor_dedup_events_checked_total');
    const duplicates = total(samples, 'processor_dedup_duplicates_found_total');
    expect(checked).toBe(processed);
    expect(duplicates / checked).toBeGreaterThan(0.005);
    expect(duplicates / checked).toBeLessThan(0.1);

    // Every read looks in L1 first; what no layer answers goes to the backend.
    const reads =
      total(samples, 'processor_state_cache_hits_total', { layer: 'l1' }) +
      total(samples, 'processor_state_cache_misses_total', { layer: 'l1' });
    const hitRate = total(samples, 'processor_state_cache_hits_total') / reads;
    expect(hitRate).toBeGreaterThan(0.8);
    expect(hitRate).toBeLessThan(1);
  });
});
