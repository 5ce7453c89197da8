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
  renderProtobuf,
} from '../src/index.ts';
import { PROJECT_ROOT } from './support/cli.ts';
import { sampleValue } from './support/exposition.ts';
import { decodeAll, nativeCounts } from './support/protobuf-decode.ts';

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
  /** A second copy of the runtime's files, as two installed versions of the package would be. */
  async function otherCopy(): Promise<typeof import('../src/index.ts')> {
    const copy = join(PROJECT_ROOT, 'test', '.tmp', `runtime-copy-${process.pid}`);
    // Sources only: the package's build config and output are not part of a copy's code.
    cpSync(join(PROJECT_ROOT, 'src'), join(copy, 'src'), {
      recursive: true,
      filter: (path) => !/[\\/](dist|node_modules|tsconfig\.json)$/.test(path),
    });
    const other = (await import(
      /* @vite-ignore */ pathToFileURL(join(copy, 'src', 'index.ts')).href
    )) as typeof import('../src/index.ts');
    rmSync(copy, { recursive: true, force: true });
    expect(other.CounterFamily).not.toBe(CounterFamily);
    return other;
  }

  /** Counts the calls of a family's `get()`, the slow path. */
  function countGets(family: { get(): Promise<unknown> }): { calls: number } {
    const count = { calls: 0 };
    const get = family.get.bind(family);
    family.get = () => {
      count.calls++;
      return get();
    };
    return count;
  }

  it('take the fast render path, not get()', async () => {
    const other = await otherCopy();
    const registry = new Registry();
    const set = new other.MetricSet({ registry, namespace: 'app' });
    const jobs = set.counter({ name: 'app_jobs_total', help: 'Jobs.' });
    set.register();
    jobs.inc(0, 2);
    const gets = countGets(jobs);
    const text = await renderMetrics(registry, 'prometheus');
    expect(sampleValue(text, 'app_jobs_total')).toBe(2);
    expect(gets.calls).toBe(0);
  });

  it('keep their native buckets and exemplars in this copy’s protobuf exposition', async () => {
    const other = await otherCopy();
    const registry = new Registry();
    const set = new other.MetricSet({ registry, namespace: 'app' });
    const jobs = set.counter({ name: 'app_jobs_total', help: 'Jobs.' });
    const traced = set.exemplarCounter({ name: 'app_traced_total', help: 'Traced.' });
    const latency = set.nativeHistogram({
      name: 'app_latency_seconds',
      help: 'Latency.',
      buckets: [1],
      native: { schema: 3, maxBuckets: 160, zeroThreshold: 2 ** -128 },
      exemplars: true,
    });
    set.register();
    jobs.inc(0, 2);
    traced.inc(0, 1, { trace_id: 'abc' });
    latency.observe(0, 0.5, { trace_id: 'def' });
    const gets = [jobs, traced, latency].map(countGets);
    const families = decodeAll(await renderProtobuf(registry));
    expect(gets.map((count) => count.calls)).toEqual([0, 0, 0]);
    const histogram = families.find((f) => f.name === 'app_latency_seconds')?.metric[0]?.histogram;
    // 0.5 = 2^-1 is the top of bucket -8 at schema 3.
    expect(histogram?.schema).toBe(3);
    expect(nativeCounts(histogram?.positiveSpan ?? [], histogram?.positiveDelta ?? [])).toEqual(
      new Map([[-8, 1]]),
    );
    expect(histogram?.exemplars?.[0]?.label).toEqual([{ name: 'trace_id', value: 'def' }]);
    const counter = families.find((f) => f.name === 'app_traced_total')?.metric[0]?.counter;
    expect(counter?.exemplar?.label).toEqual([{ name: 'trace_id', value: 'abc' }]);
    const plain = families.find((f) => f.name === 'app_jobs_total')?.metric[0]?.counter;
    expect(plain?.value).toBe(2);
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
