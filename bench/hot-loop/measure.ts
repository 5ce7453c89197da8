/**
 * Timing that holds on a shared, noisy machine (2 cores, a load average above 10 here). Every
 * task is warmed up until V8 has optimised it, then the tasks are timed in short interleaved
 * rounds, so a burst of load elsewhere hits all of them alike. A round is timed in CPU time of
 * this process (`process.cpuUsage()`), not wall time: while other processes hold the cores, the
 * wall clock runs on but the work measured does not. Each round yields one sample per task; a
 * ratio is the median of the ratios within rounds (paired), an absolute figure the median of its
 * samples.
 */
/** `gc()` when node runs with `--expose-gc` (bench/run.mjs passes it). */
const collectGarbage = (globalThis as { gc?: () => void }).gc;

/**
 * How long to wait after `gc()` before the next round. A full collection leaves its sweeping to
 * helper threads, and process CPU time counts them: timed at once, the next round paid for the
 * last one's garbage. Measured on the classic histogram record: 10.4 ns right after `gc()`,
 * 6.9 ns 2 ms later, 6.8 ns 10 ms later; prom-client's observe 503, 337 and 325 ns.
 */
const SETTLE_MS = 3;

/**
 * Collects the garbage a task left, outside every timed round, with its helper threads' work;
 * timers and background work get to run here too.
 */
async function collectBetweenRounds(): Promise<void> {
  collectGarbage?.();
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
}

export type Samples<K extends string> = Record<K, number[]>;

/**
 * A second of warm-up per task: with 300 ms the counter record measured 3.8 or 4.4 to 6.2 ns
 * from one process to the next (V8 had not always replaced its first optimized loop yet); with
 * a second, 3.4 to 3.6 ns in six processes of six.
 */
export async function timeInRounds<K extends string>(
  tasks: Record<K, () => void>,
  opsPerCall: number,
  { warmupMs = 1000, rounds = 101, roundMs = 10 } = {},
): Promise<Samples<K>> {
  const names = Object.keys(tasks) as K[];
  const callsPerRound = {} as Record<K, number>;
  for (const name of names) {
    const task = tasks[name];
    const start = performance.now();
    let calls = 0;
    while (performance.now() - start < warmupMs) {
      task();
      calls++;
    }
    callsPerRound[name] = Math.max(1, Math.round((calls * roundMs) / warmupMs));
  }
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Samples<K>;
  for (let round = 0; round < rounds; round++) {
    // Alternate the order, so that neither task always runs right after the other.
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      const task = tasks[name];
      const calls = callsPerRound[name];
      const start = process.cpuUsage();
      for (let i = 0; i < calls; i++) task();
      const used = process.cpuUsage(start);
      samples[name].push(((used.user + used.system) * 1000) / (calls * opsPerCall));
      // CPU time counts the GC's helper threads too: garbage one task leaves (prom-client's
      // label objects) is collected here, not during the next task's round.
      await collectBetweenRounds();
    }
  }
  return samples;
}

/** {@link timeInRounds} for async tasks (a scrape), one awaited call at a time. */
export async function timeAsyncInRounds<K extends string>(
  tasks: Record<K, () => Promise<unknown>>,
  { warmupMs = 500, rounds = 41, roundMs = 20 } = {},
): Promise<Samples<K>> {
  const names = Object.keys(tasks) as K[];
  const callsPerRound = {} as Record<K, number>;
  for (const name of names) {
    const start = performance.now();
    let calls = 0;
    while (performance.now() - start < warmupMs) {
      await tasks[name]();
      calls++;
    }
    callsPerRound[name] = Math.max(1, Math.round((calls * roundMs) / warmupMs));
  }
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Samples<K>;
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      const calls = callsPerRound[name];
      const start = process.cpuUsage();
      for (let i = 0; i < calls; i++) await tasks[name]();
      const used = process.cpuUsage(start);
      samples[name].push(((used.user + used.system) * 1000) / calls);
      await collectBetweenRounds();
    }
  }
  return samples;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** How many times slower `slow` is than `fast`: the median of their ratios within each round. */
export function pairedRatio(slow: readonly number[], fast: readonly number[]): number {
  return median(slow.map((value, i) => value / (fast[i] ?? Number.NaN)));
}
