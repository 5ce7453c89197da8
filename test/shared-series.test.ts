import { describe, expect, it } from 'vitest';
import { CounterFamily } from '../src/index.ts';
import { SeriesDirectory } from '../src/multicore/series-directory.ts';
import { SharedSeries } from '../src/multicore/shared-series.ts';

/**
 * Two "threads" in one: two copies of a family sharing one series directory with different
 * owner marks, so that the order in which each applies the log is chosen by the test.
 */
function counterFamily(maxValues: number) {
  return new CounterFamily({
    name: 'app_consumed_total',
    help: 'Consumed.',
    labels: [{ name: 'topic', maxValues, kind: 'string' }],
  });
}

function twoThreads(maxValues = 10, maxRecordBytes?: number) {
  const a = counterFamily(maxValues);
  const b = counterFamily(maxValues);
  const directory = SeriesDirectory.create(maxRecordBytes);
  const sharedA = new SharedSeries(a, directory, 1);
  sharedA.connect();
  const sharedB = new SharedSeries(b, new SeriesDirectory(directory.buffers), 2);
  sharedB.connect();
  return { a, b, sharedB, directory };
}

describe('the shared series directory', () => {
  it('gives a combination the same index in every thread, whoever creates it', () => {
    const { a, b } = twoThreads();
    expect(a.seriesOf('x')).toBe(0);
    expect(b.seriesOf('y')).toBe(1);
    // B missed `x` locally: it takes the lock, applies A's record and adopts index 0.
    expect(b.seriesOf('x')).toBe(0);
    expect(a.seriesOf('y')).toBe(1);
  });

  it('holds max_values across threads together', () => {
    const { a, b } = twoThreads(2);
    a.seriesOf('x');
    b.seriesOf('y');
    const folded = a.seriesOf('z');
    expect(b.seriesOf('__overflow__')).toBe(folded);
    expect(a.liveSeries).toBe(3);
  });

  it('reuses a removed index only after every thread has applied the removal', () => {
    const { a, b, sharedB } = twoThreads();
    const x = a.seriesOf('x');
    expect(b.seriesOf('x')).toBe(x);
    expect(a.removeSeries(['x'])).toBe(1);
    // B has not applied the removal: it still writes there, into a series nobody renders.
    b.inc(b.seriesOf('x'), 5);
    expect(b.values[x]).toBe(5);
    // So A does not hand the index out yet.
    const z = a.seriesOf('z');
    expect(z).not.toBe(x);
    sharedB.sync();
    expect(b.values[x]).toBe(0);
    expect(b.hasSeries(x)).toBe(false);
    // Everyone has seen it now: the next new series takes it, from zero in both threads.
    expect(a.seriesOf('w')).toBe(x);
    expect(b.seriesOf('w')).toBe(x);
    expect(b.values[x]).toBe(0);
    expect(b.seriesOf('z')).toBe(z);
  });

  it('refuses a thread whose series differ from the directory', () => {
    const directory = SeriesDirectory.create();
    const main = new CounterFamily({
      name: 'app_consumed_total',
      help: 'Consumed.',
      labels: [{ name: 'topic', maxValues: 10, kind: 'string' }],
    });
    main.seriesOf('x');
    new SharedSeries(main, directory, 1).connect();
    const worker = new CounterFamily({
      name: 'app_consumed_total',
      help: 'Consumed.',
      labels: [{ name: 'topic', maxValues: 10, kind: 'string' }],
    });
    worker.seriesOf('y');
    expect(() =>
      new SharedSeries(worker, new SeriesDirectory(directory.buffers), 2).connect(),
    ).toThrow(/different series in this thread than in the main thread/);
  });

  it('compacts a log that label values churn through, every thread carrying on after it', () => {
    // 4 KiB of records hold about 150 creations and removals; 3,000 of each go through.
    const { a, b, sharedB, directory } = twoThreads(10, 4096);
    const kept = a.seriesOf('kept');
    for (let i = 0; i < 3000; i++) {
      const topic = `topic-${i}`;
      const series = a.seriesOf(topic);
      expect(series).toBeGreaterThanOrEqual(0);
      a.inc(series, 1);
      expect(b.seriesOf(topic)).toBe(series);
      a.removeSeries([topic]);
      // B's timer: it applies the removal, so the index is free and the log can be compacted.
      sharedB.sync();
    }
    expect(directory.generation).toBeGreaterThan(10);
    expect(directory.usedBytes).toBeLessThan(4096);
    // Both still agree on every index, old and new, and reuse the freed ones.
    expect(b.seriesOf('kept')).toBe(kept);
    const fresh = b.seriesOf('fresh');
    expect(a.seriesOf('fresh')).toBe(fresh);
    expect(Math.max(a.seriesCount, b.seriesCount)).toBeLessThanOrEqual(4);
    // A thread that joins now reads the snapshot and the records after it.
    const c = counterFamily(10);
    new SharedSeries(c, new SeriesDirectory(directory.buffers), 3).connect();
    expect(c.seriesOf('kept')).toBe(kept);
    expect(c.seriesOf('fresh')).toBe(fresh);
    expect(c.liveSeries).toBe(2);
    // One whose metric set made a series the log has since removed and compacted away drops it,
    // as replaying the whole log would have.
    const d = counterFamily(10);
    d.seriesOf('topic-0');
    new SharedSeries(d, new SeriesDirectory(directory.buffers), 4).connect();
    expect(d.liveSeries).toBe(2);
    expect(d.seriesOf('kept')).toBe(kept);
  });

  it('drops new series, without throwing, while a thread that has not applied the log keeps it from compaction', () => {
    const { a, b, sharedB } = twoThreads(10, 4096);
    let dropped = 0;
    for (let i = 0; i < 400; i++) {
      const series = a.seriesOf(`topic-${i}`);
      // A dropped recording is counted like a bad label value, never thrown.
      expect(() => a.inc(series, 1)).not.toThrow();
      if (series < 0) dropped++;
      else a.removeSeries([`topic-${i}`]);
    }
    // B never applied anything: nothing could be compacted, so creations stopped at the reserve.
    expect(dropped).toBeGreaterThan(200);
    // Once B has applied the log, A compacts it and creates series again.
    sharedB.sync();
    const series = a.seriesOf('after');
    expect(series).toBeGreaterThanOrEqual(0);
    expect(b.seriesOf('after')).toBe(series);
  });

  it('keeps room to remove every live series, however full the log', () => {
    const { a } = twoThreads(10_000, 4096);
    // B never applies the log, so it is never compacted: A creates until only the removals'
    // reserve is left, then removes everything it made, each removal logged.
    const made: string[] = [];
    for (let i = 0; i < 1000; i++) if (a.seriesOf(`topic-${i}`) >= 0) made.push(`topic-${i}`);
    expect(made.length).toBeGreaterThan(20);
    expect(made.length).toBeLessThan(1000);
    for (const topic of made) expect(a.removeSeries([topic])).toBe(1);
    expect(a.liveSeries).toBe(0);
  });

  it('finishes a compaction whose thread was terminated halfway', () => {
    const { a, b, sharedB, directory } = twoThreads(10, 4096);
    const kept = a.seriesOf('kept');
    expect(b.seriesOf('kept')).toBe(kept);
    // What a compaction stopped in the middle leaves: its mark, and the log's first bytes
    // overwritten.
    new Int32Array(directory.buffers.header)[6] = directory.generation + 1;
    new Uint8Array(directory.buffers.records).fill(0x7b, 0, 16);
    // A joined thread finishes it from its own series, and everyone carries on.
    sharedB.sync();
    expect(directory.compacting).toBe(0);
    expect(directory.generation).toBe(1);
    const fresh = a.seriesOf('fresh');
    expect(b.seriesOf('fresh')).toBe(fresh);
    const c = counterFamily(10);
    new SharedSeries(c, new SeriesDirectory(directory.buffers), 3).connect();
    expect(c.seriesOf('kept')).toBe(kept);
    expect(c.seriesOf('fresh')).toBe(fresh);
  });
});
