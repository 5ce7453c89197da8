import { describe, expect, it } from 'vitest';
import { CounterFamily } from '../src/index.ts';
import { SeriesDirectory } from '../src/multicore/series-directory.ts';
import { SharedSeries } from '../src/multicore/shared-series.ts';

/**
 * Two "threads" in one: two copies of a family sharing one series directory with different
 * owner marks, so that the order in which each applies the log is chosen by the test.
 */
function twoThreads(maxValues = 10) {
  const family = () =>
    new CounterFamily({
      name: 'app_consumed_total',
      help: 'Consumed.',
      labels: [{ name: 'topic', maxValues, kind: 'string' }],
    });
  const a = family();
  const b = family();
  const directory = SeriesDirectory.create();
  const sharedA = new SharedSeries(a, directory, 1);
  sharedA.connect();
  const sharedB = new SharedSeries(b, new SeriesDirectory(directory.buffers), 2);
  sharedB.connect();
  return { a, b, sharedB };
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
});
