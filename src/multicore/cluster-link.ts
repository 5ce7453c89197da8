import type { Worker } from 'node:cluster';
import type { MetricFamily } from '../families/family.ts';
import { WorkerSeriesMap } from './cluster-mapping.ts';
import type { CollectRequest, SnapshotMessage } from './cluster-protocol.ts';
import { SnapshotFileReader } from './snapshot-file.ts';

/** The primary's side of one cluster worker: its latest numbers, and the request it owes. */
export class WorkerLink {
  readonly series: WorkerSeriesMap;
  /** Whether it has said hello: it is asked only from then on. */
  private answers = false;
  private file: SnapshotFileReader | undefined = undefined;
  private pending: { seq: number; done: () => void } | undefined = undefined;

  constructor(
    readonly worker: Worker,
    families: ReadonlyMap<string, MetricFamily>,
    changed: (name: string) => void,
  ) {
    this.series = new WorkerSeriesMap(families, changed);
  }

  /**
   * Reads the worker's snapshot file, then says whether its numbers were read at `since` or
   * later (monotonic ms), and otherwise whether a request would go unanswered.
   */
  state(since: number): 'fresh' | 'silent' | 'not-ready' | 'ask' {
    this.refresh();
    if (this.series.takenAt >= since) return 'fresh';
    if (this.pending !== undefined) return 'silent';
    if (!(this.answers && this.worker.isConnected())) return 'not-ready';
    return 'ask';
  }

  /** Asks for a snapshot; resolves once it is read, on the worker's exit, or after `timeoutMs`. */
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
          this.refresh();
          resolve();
        },
      };
      this.worker.send({ kind: 'metrics-kit:collect', seq } satisfies CollectRequest, (error) => {
        if (error !== null && error !== undefined) this.pending?.done();
      });
    });
  }

  /** A message from the worker: the first one names its families and its file. */
  take(message: SnapshotMessage): void {
    if (message.names !== undefined) this.series.setNames(message.names);
    if (message.file !== undefined && this.file === undefined) {
      this.file = SnapshotFileReader.open(message.file);
    }
    if (message.series !== undefined) this.series.applySeries(message.series);
    if (message.image !== undefined) this.series.applyImage(message.image);
    this.answers = true;
    if (this.pending !== undefined && message.answered >= this.pending.seq) this.pending.done();
  }

  /** Takes in the worker's latest image from its file, when it has one and it is whole. */
  refresh(): void {
    const image = this.file?.read();
    if (image !== undefined) this.series.applyImage(image);
  }

  /** The worker has exited: its file is read one last time, and nothing more will come. */
  close(): void {
    this.refresh();
    this.file?.close();
    this.pending?.done();
  }
}
