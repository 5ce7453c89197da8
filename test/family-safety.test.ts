import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import {
  CounterFamily,
  type FamilyDefinition,
  HistogramFamily,
  MetricSet,
  renderMetrics,
} from '../src/index.ts';
import { PROJECT_ROOT } from './support/cli.ts';
import { sampleValue } from './support/exposition.ts';

describe('HistogramFamily.observe with a bucket of its own', () => {
  it.each([
    ['past +Inf (it would land in _sum)', 3],
    ['past the series (it would land in the next one)', 5],
    ['negative', -1],
    ['not an integer', 0.5],
    ['NaN', Number.NaN],
  ])('rejects a bucket %s and counts it', async (_, bucket) => {
    const registry = new Registry();
    const set = new MetricSet({ registry, namespace: 'app' });
    const latency = set.histogram({
      name: 'app_latency_seconds',
      help: 'Latency.',
      labels: [{ name: 'path', values: ['a', 'b'] }],
      buckets: [0.1, 1],
    });
    set.register();
    latency.observe(0, bucket, 0.5);
    const text = await renderMetrics(registry, 'prometheus');
    expect(sampleValue(text, 'app_latency_seconds_sum{path="a"}')).toBe(0);
    expect(sampleValue(text, 'app_latency_seconds_count{path="a"}')).toBe(0);
    expect(sampleValue(text, 'app_latency_seconds_bucket{path="b",le="0.1"}')).toBe(0);
    const rejected =
      'app_metrics_rejected_total{metric="app_latency_seconds",reason="invalid_value"}';
    expect(sampleValue(text, rejected)).toBe(1);
  });

  it('records into the +Inf bucket', async () => {
    const registry = new Registry();
    const set = new MetricSet({ registry, namespace: 'app' });
    const latency = set.histogram({ name: 'app_latency_seconds', help: 'L.', buckets: [0.1, 1] });
    set.register();
    latency.observe(0, 2, 5);
    const text = await renderMetrics(registry, 'prometheus');
    expect(sampleValue(text, 'app_latency_seconds_bucket{le="+Inf"}')).toBe(1);
    expect(sampleValue(text, 'app_latency_seconds_bucket{le="1"}')).toBe(0);
  });
});

describe('families from another copy of the runtime', () => {
  it('take the fast render path, not get()', async () => {
    // A second copy of the runtime's files, as two installed versions of the package would be.
    const copy = join(PROJECT_ROOT, 'test', '.tmp', `runtime-copy-${process.pid}`);
    cpSync(join(PROJECT_ROOT, 'src'), join(copy, 'src'), { recursive: true });
    // src/tsconfig.json extends the root one, which the transform of the copy reads.
    cpSync(join(PROJECT_ROOT, 'tsconfig.json'), join(copy, 'tsconfig.json'));
    const other = (await import(
      /* @vite-ignore */ pathToFileURL(join(copy, 'src', 'index.ts')).href
    )) as typeof import('../src/index.ts');
    rmSync(copy, { recursive: true, force: true });
    expect(other.CounterFamily).not.toBe(CounterFamily);
    const registry = new Registry();
    const set = new other.MetricSet({ registry, namespace: 'app' });
    const jobs = set.counter({ name: 'app_jobs_total', help: 'Jobs.' });
    set.register();
    jobs.inc(0, 2);
    let slowPath = 0;
    const get = jobs.get.bind(jobs);
    jobs.get = () => {
      slowPath++;
      return get();
    };
    const text = await renderMetrics(registry, 'prometheus');
    expect(sampleValue(text, 'app_jobs_total')).toBe(2);
    expect(slowPath).toBe(0);
  });
});

describe('the MetricFamily constructor', () => {
  it('calls no method a subclass could override before the subclass exists', () => {
    const early: string[] = [];
    class Probe extends CounterFamily {
      readonly constructed = true;
    }
    // Every method on the prototype chain, wrapped on the subclass to note calls made before
    // the subclass's own fields were initialised.
    for (let proto = CounterFamily.prototype; proto !== Object.prototype; ) {
      for (const name of Object.getOwnPropertyNames(proto)) {
        const descriptor = Object.getOwnPropertyDescriptor(proto, name);
        if (name === 'constructor' || typeof descriptor?.value !== 'function') continue;
        if (Object.hasOwn(Probe.prototype, name)) continue;
        const original = descriptor.value as (...args: unknown[]) => unknown;
        Object.defineProperty(Probe.prototype, name, {
          value(this: Probe, ...args: unknown[]) {
            if (this.constructed !== true) early.push(name);
            return original.apply(this, args);
          },
        });
      }
      proto = Object.getPrototypeOf(proto);
    }
    const definition: FamilyDefinition = {
      name: 'app_jobs_total',
      help: 'Jobs.',
      labels: [{ name: 'queue', values: ['fast', 'slow'] }],
    };
    const probe = new Probe(definition);
    expect(early).toEqual([]);
    expect(probe.seriesCount).toBe(2);
    expect(new HistogramFamily({ ...definition, buckets: [1] }).seriesCount).toBe(2);
  });
});
