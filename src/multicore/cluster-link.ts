import type { Worker } from 'node:cluster';
import type { MetricFamily } from '../families/family.ts';
import { WorkerSeriesMap } from './cluster-mapping.ts';
import type { CollectRequest, Snapshot } from './cluster-protocol.ts';

/** The primary's side of one cluster worker: its latest snapshot, and the request it owes. */
export class WorkerLink {
  readonly series: WorkerSeriesMap;
  /** Whether it has sent its first snapshot: it is asked only from then on. */
  private answers = false;
  /** When its latest snapshot arrived (performance.now()). */
  private receivedAt = 0;
  private pending: { seq: number; done: () => void } | undefined;

  constructor(
    readonly worker: Worker,
    families: ReadonlyMap<string, MetricFamily>,
  ) {
    this.series = new WorkerSeriesMap(families);
  }

  /** Whether a request now would go unanswered or is not needed (snapshot fresh enough). */
  state(maxAgeMs: number): 'fresh' | 'silent' | 'not-ready' | 'ask' {
    if (performance.now() - this.receivedAt < maxAgeMs) return 'fresh';
    if (this.pending !== undefined) return 'silent';
    if (!(this.answers && this.worker.isConnected())) return 'not-ready';
    return 'ask';
  }

  /** Asks for a snapshot; resolves on the answer, the worker's exit, or `timeoutMs`. */
  ask(seq: number, timeoutMs: number, onTimeout: () => void): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        // `pending` stays set: a worker still silent is not waited for again.
        onTimeout();
        resolve();
      }, timeoutMs);
      this.pending = {
        seq,
        done: () => {
          clearTimeout(timer);
          this.pending = undefined;
          resolve();
        },
      };
      this.worker.send({ kind: 'metrics-kit:collect', seq } satisfies CollectRequest, (error) => {
        if (error !== null && error !== undefined) this.pending?.done();
      });
    });
  }

  take(snapshot: Snapshot): void {
    this.series.apply(snapshot);
    this.answers = true;
    this.receivedAt = performance.now();
    if (this.pending !== undefined && snapshot.seq >= this.pending.seq) this.pending.done();
  }

  /** The worker has exited: nothing more will come. */
  close(): void {
    this.pending?.done();
  }
}
