import { existsSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { createProcessorMetrics } from '../generated/metrics.ts';
import type { RenderableFamily } from '../src/families/brand.ts';
import {
  CounterFamily,
  combineClusterMetrics,
  ExemplarCounterFamily,
  GaugeFamily,
  type MetricFamily,
  renderMetrics,
} from '../src/index.ts';
import { ImageWriter } from '../src/multicore/cluster-image.ts';
import { WorkerSeriesMap } from '../src/multicore/cluster-mapping.ts';
import { changedSlot, IMAGE, lengthSlot } from '../src/multicore/cluster-protocol.ts';
import { ClusterRenderCache } from '../src/multicore/cluster-render-cache.ts';
import { SeriesChanges } from '../src/multicore/cluster-series-changes.ts';
import { ClusterTotals } from '../src/multicore/cluster-totals.ts';
import {
  removeSnapshotFiles,
  SnapshotFileReader,
  SnapshotFileWriter,
} from '../src/multicore/snapshot-file.ts';

const CONSUMED = 'processor_kafka_messages_consumed_total';

/** A worker's families: an enum-less counter, and a counter and a gauge with a free-form label. */
function families() {
  const events = new CounterFamily({ name: 'app_events_total', help: 'Events.' });
  const consumed = new CounterFamily({
    name: 'app_consumed_total',
    help: 'Consumed.',
    labels: [{ name: 'topic', maxValues: 10, kind: 'string' }],
  });
  const lag = new GaugeFamily({ name: 'app_lag_seconds', help: 'Lag.', aggregate: 'max' });
  return { events, consumed, lag, all: [events, consumed, lag] as MetricFamily[] };
}

function numbersOf(image: Float64Array, family: number): number[] {
  const count = image[IMAGE.families] as number;
  let at = lengthSlot(0) + 2 * count;
  for (let i = 0; i < family; i++) at += image[lengthSlot(i)] as number;
  return [...image.subarray(at, at + (image[lengthSlot(family)] as number))];
}

describe('a worker’s image', () => {
  it('is laid out whole first, then rewritten only where numbers changed', () => {
    const { events, consumed, all } = families();
    events.inc(0, 2);
    consumed.inc(consumed.seriesOf('a'), 1);
    const writer = new ImageWriter(all);
    expect(writer.update(100, 0)).toEqual([0, writer.image.length]);
    expect(numbersOf(writer.image, 0)).toEqual([2]);
    expect(numbersOf(writer.image, 1)).toEqual([1]);
    expect(writer.image[IMAGE.takenAt]).toBe(100);
    const before = [0, 1, 2].map((i) => writer.image[changedSlot(i, 3)]);

    expect(writer.update(101, 0)).toEqual([0, 0]);
    expect(writer.image[IMAGE.takenAt]).toBe(101);

    consumed.inc(0, 5);
    const [from, to] = writer.update(102, 0);
    expect(to - from).toBe(1);
    expect(writer.image[from]).toBe(6);
    const after = [0, 1, 2].map((i) => writer.image[changedSlot(i, 3)]);
    expect(after[0]).toBe(before[0]);
    expect(after[1]).toBeGreaterThan(before[1] as number);
    expect(after[2]).toBe(before[2]);
  });

  it('holds NaN as equal to NaN, and is laid out anew when a family grows', () => {
    const { lag, consumed, all } = families();
    const writer = new ImageWriter(all);
    lag.values[0] = Number.NaN;
    writer.update(1, 0);
    expect(writer.update(2, 0)).toEqual([0, 0]);
    consumed.seriesOf('b');
    expect(writer.update(3, 1)).toEqual([0, writer.image.length]);
    expect(writer.image[lengthSlot(1)]).toBe(1);
    expect(writer.image[IMAGE.directory]).toBe(1);
  });
});

describe('the series changes a worker announces', () => {
  it('lists new series, then nothing, then removals and reuses of an index', () => {
    const { consumed, all } = families();
    const changes = new SeriesChanges(all);
    expect(changes.next()).toBeUndefined();
    consumed.seriesOf('a');
    consumed.seriesOf('b');
    expect(changes.next()).toEqual([
      null,
      [
        [0, ['a'], 0],
        [1, ['b'], 0],
      ],
      null,
    ]);
    expect(changes.next()).toBeUndefined();
    consumed.removeSeries(['a']);
    expect(changes.next()).toEqual([null, [[0, null, 0]], null]);
    expect(consumed.seriesOf('c')).toBe(0);
    expect(changes.next()).toEqual([null, [[0, ['c'], 0]], null]);
  });
});

describe('the primary’s map of a worker', () => {
  function workerImage() {
    const worker = families();
    const writer = new ImageWriter(worker.all);
    const changes = new SeriesChanges(worker.all);
    const primary = families();
    const map = new WorkerSeriesMap(new Map(primary.all.map((f) => [f.exposedName, f])));
    map.setNames(worker.all.map((f) => f.exposedName));
    return { worker, writer, changes, primary, map };
  }

  it('takes no image that follows series it has not heard of yet', () => {
    const { worker, writer, changes, primary, map } = workerImage();
    primary.consumed.seriesOf('z'); // the primary numbers its series its own way
    worker.consumed.inc(worker.consumed.seriesOf('a'), 3);
    const series = changes.next();
    writer.update(10, 1);
    expect(map.applyImage(writer.image)).toBe(false);
    expect(map.latest.size).toBe(0);
    map.applySeries(series ?? []);
    expect(map.applyImage(writer.image)).toBe(true);
    expect(map.takenAt).toBe(10);
    expect([...(map.latest.get('app_consumed_total') ?? [])]).toEqual([0, 3]);
  });

  it('keeps newer numbers than an older image, and maps again only families that changed', () => {
    const { worker, writer, map } = workerImage();
    worker.events.inc(0, 1);
    writer.update(10, 0);
    map.applyImage(writer.image);
    const newer = writer.image.slice();
    worker.events.inc(0, 1);
    writer.update(5, 0);
    expect(map.applyImage(writer.image)).toBe(true);
    expect(map.latest.get('app_events_total')?.[0]).toBe(1);
    // Same change tick: numbers written behind the image's back are not mapped again.
    newer[IMAGE.takenAt] = 20;
    newer[lengthSlot(0) + 6] = 99;
    map.applyImage(newer);
    expect(map.latest.get('app_events_total')?.[0]).toBe(1);
    expect(map.takenAt).toBe(20);
  });
});

describe('the primary’s totals', () => {
  it('add up workers again only when one changed, and keep what exited workers counted', () => {
    const primary = families();
    const byName = new Map(primary.all.map((f) => [f.exposedName, f]));
    const totals = new ClusterTotals();
    const workers = [families(), families()].map((worker) => {
      const map = new WorkerSeriesMap(byName, (name) => totals.changed(name));
      map.setNames(worker.all.map((f) => f.exposedName));
      return { worker, writer: new ImageWriter(worker.all), map };
    });
    let takenAt = 0;
    const publish = () => {
      takenAt++;
      for (const { writer, map } of workers) {
        writer.update(takenAt, 0);
        map.applyImage(writer.image);
      }
    };
    const total = () =>
      totals.combine(
        primary.events,
        workers.map((w) => w.map),
      )[0];
    primary.events.inc(0, 1);
    workers[0]?.worker.events.inc(0, 10);
    publish();
    expect(total()).toBe(11);
    workers[1]?.worker.events.inc(0, 100);
    primary.events.inc(0, 1);
    expect(total()).toBe(12); // not published yet
    publish();
    expect(total()).toBe(112);
    const gone = workers.pop();
    if (gone !== undefined) totals.retire(primary.all, gone.map);
    workers[0]?.worker.events.inc(0, 1000);
    publish();
    expect(total()).toBe(1112);
  });
});

describe('the primary’s rendered text', () => {
  it('is reused only while the numbers and the series are the same', async () => {
    const registry = new Registry();
    const metrics = createProcessorMetrics({ registry });
    const hub = combineClusterMetrics(registry, { maxAgeMs: 0 });
    try {
      const consumed = (text: string) => text.split('\n').filter((l) => l.startsWith(CONSUMED));
      metrics.recordKafkaMessageConsumed('a', 0, 0);
      expect(consumed(await renderMetrics(registry, 'prometheus'))).toEqual([
        `${CONSUMED}{topic="a",partition="0"} 0`,
      ]);
      metrics.recordKafkaMessageConsumed('a', 0, 2);
      expect(consumed(await renderMetrics(registry, 'openmetrics'))).toEqual([
        `${CONSUMED}{topic="a",partition="0"} 2`,
      ]);
      expect(consumed(await renderMetrics(registry, 'prometheus'))).toEqual([
        `${CONSUMED}{topic="a",partition="0"} 2`,
      ]);
      metrics.removeKafkaMessageConsumed('a', 0);
      metrics.recordKafkaMessageConsumed('b', 0, 0);
      expect(consumed(await renderMetrics(registry, 'prometheus'))).toEqual([
        `${CONSUMED}{topic="b",partition="0"} 0`,
      ]);
      // Same numbers, other labels: `c` takes the index `b` freed, at 0 as `b` was.
      metrics.removeKafkaMessageConsumed('b', 0);
      metrics.recordKafkaMessageConsumed('c', 0, 0);
      expect(consumed(await renderMetrics(registry, 'prometheus'))).toEqual([
        `${CONSUMED}{topic="c",partition="0"} 0`,
      ]);
    } finally {
      hub.close();
    }
  });

  it('is never reused in OpenMetrics for a family with exemplars', () => {
    const family = new ExemplarCounterFamily({ name: 'app_done_total', help: 'Done.' });
    const cache = new ClusterRenderCache(new Set([family as MetricFamily]), (f) => f.values);
    const renderable = family as unknown as RenderableFamily;
    cache.set(renderable, 'openmetrics', 'text');
    cache.set(renderable, 'prometheus', 'text');
    expect(cache.get(renderable, 'openmetrics')).toBeUndefined();
    expect(cache.get(renderable, 'prometheus')).toBe('text');
  });
});

describe('a snapshot file', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  function fileWithImage(numbers = 3) {
    dir = mkdtempSync(join(tmpdir(), 'metrics-kit-test-'));
    const writer = SnapshotFileWriter.create(dir);
    if (writer === undefined) throw new Error('no snapshot file');
    const image = new Float64Array(lengthSlot(0) + 2 + numbers);
    image[IMAGE.families] = 1;
    image[lengthSlot(0)] = numbers;
    image.fill(7, lengthSlot(0) + 2);
    writer.write(image, 0, image.length);
    return { writer, image };
  }

  it('is unlinked once the primary opened it, and read whole, then by changed families', () => {
    const { writer, image } = fileWithImage(1000);
    const spare = openSync(writer.path, 'r+');
    const reader = SnapshotFileReader.open(writer.path);
    expect(existsSync(writer.path)).toBe(false);
    expect(reader?.read()).toEqual(image);
    // As ClusterImage does: a changed number and its family's change mark.
    image[image.length - 1] = 8;
    image[changedSlot(0, 1)] = 1;
    writer.write(image, image.length - 1, image.length);
    expect(reader?.read()).toEqual(image);
    // A refresh with nothing changed rewrites the header only; the numbers read stay.
    image[IMAGE.takenAt] = 42;
    writer.write(image, 0, 0);
    expect(reader?.read()).toEqual(image);
    // A write in progress (odd sequence number) is never read.
    writeSync(spare, new Float64Array([(image[IMAGE.seq] as number) + 1]), 0, 8, 0);
    expect(reader?.read()).toBeUndefined();
    reader?.close();
    writer.close();
    expect(writer.write(image, 0, image.length)).toBe(false);
  });

  it('are removed for a worker that died before the primary opened its file', () => {
    const { writer } = fileWithImage();
    const other = join(dir as string, `metrics-kit-${process.pid + 1}-000000000000`);
    writeFileSync(other, '');
    removeSnapshotFiles(dir as string, process.pid);
    expect(existsSync(writer.path)).toBe(false);
    expect(existsSync(other)).toBe(true);
  });

  it('opens only files named as a worker names them', () => {
    dir = mkdtempSync(join(tmpdir(), 'metrics-kit-test-'));
    const other = join(dir, 'precious');
    writeFileSync(other, 'keep me');
    expect(SnapshotFileReader.open(other)).toBeUndefined();
    expect(existsSync(other)).toBe(true);
  });
});
