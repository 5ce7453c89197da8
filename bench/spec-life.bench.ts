// `diff` and `verify` as a user runs them, whole processes timed from outside: the seed spec
// against itself, a synthetic 2,000-metric spec against a copy with 100 changes, and a verify of
// the running demo, scrape included. Three runs each after an untimed one (which builds the
// codegen bundle); process start and the CLI's --help are the baselines. Prints ok/MISS, never
// fails on time.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TMP = join(ROOT, 'bench', '.tmp');
const RUNS = 3;

interface Timed {
  readonly times: number[];
  readonly status: number | null;
}

function timeRuns(args: readonly string[], expectStatus: number): Timed {
  const once = () => {
    const start = performance.now();
    const child = spawnSync(process.execPath, args, {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    const ms = performance.now() - start;
    if (child.status !== expectStatus) {
      process.stderr.write(
        `bench: node ${args.join(' ')} exited ${child.status}\n${child.stderr}\n`,
      );
      process.exit(1);
    }
    return ms;
  };
  once();
  const times = Array.from({ length: RUNS }, once);
  return { times, status: expectStatus };
}

/** 2,000 metrics in 100 groups over enum and free-form labels and two bucket layouts. */
function syntheticSpec(metrics: number) {
  const kinds = ['counter', 'gauge', 'histogram'] as const;
  const groups = Array.from({ length: metrics / 20 }, (_, g) => ({
    id: `group_${g}`,
    title: `Group ${g}`,
    description: `Subsystem ${g}.`,
    metrics: Array.from({ length: 20 }, (_, m) => {
      const type = kinds[m % 3] ?? 'counter';
      const name = `g${g}_metric_${m}${type === 'histogram' ? '_seconds' : ''}`;
      return {
        name,
        type,
        help: `Metric ${m} of group ${g}.`,
        labels: m % 2 === 0 ? ['method', 'result'] : ['tenant'],
        ...(type === 'histogram'
          ? { unit: 'seconds', buckets: m % 4 === 2 ? 'latency' : 'short' }
          : {}),
      };
    }),
  }));
  return {
    version: 1,
    namespace: 'service',
    labels: {
      method: { description: 'Method.', values: ['get', 'put', 'post', 'delete', 'patch'] },
      result: { description: 'Result.', values: ['success', 'error', 'dropped'] },
      tenant: { description: 'Tenant.', max_values: 100 },
    },
    buckets: {
      latency: { exponential_range: { min: 0.001, max: 30, count: 16 } },
      short: { values: [0.01, 0.1, 1] },
    },
    groups,
  };
}

type Spec = ReturnType<typeof syntheticSpec>;

/** 100 changes: 30 help texts, 20 removals, 20 additions, 20 labels dropped, 10 bucket swaps. */
function withChanges(spec: Spec): Spec {
  const head: Spec = structuredClone(spec);
  for (let i = 0; i < 30; i++) {
    const metric = head.groups[i]?.metrics[0];
    if (metric) metric.help = `${metric.help} Now documented.`;
  }
  for (let i = 0; i < 20; i++) head.groups[30 + i]?.metrics.pop();
  for (let i = 0; i < 20; i++) {
    head.groups[50 + i]?.metrics.push({
      name: `added_${i}`,
      type: 'counter',
      help: 'New.',
      labels: ['tenant'],
    });
  }
  for (let i = 0; i < 20; i++) {
    const metric = head.groups[70 + i]?.metrics[0];
    if (metric) metric.labels = ['method'];
  }
  for (let i = 0; i < 10; i++) {
    const metric = head.groups[90 + i]?.metrics[2];
    if (metric && 'buckets' in metric)
      metric.buckets = metric.buckets === 'latency' ? 'short' : 'latency';
  }
  return head;
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

function report(name: string, timed: Timed, targetMs: number | undefined): void {
  const shown = timed.times.map((ms) => ms.toFixed(0)).join(', ');
  const verdict =
    targetMs === undefined
      ? ''
      : timed.times.every((ms) => ms < targetMs)
        ? ` ok (< ${targetMs} ms in all three)`
        : ` MISS (target < ${targetMs} ms)`;
  console.log(`${name.padEnd(44)} runs ${shown} ms${verdict}`);
  for (const [run, ms] of timed.times.entries())
    console.log(`ratio ${name}_run${run + 1}_ms ${ms.toFixed(0)}`);
}

async function main(): Promise<void> {
  mkdirSync(TMP, { recursive: true });
  const base = syntheticSpec(2000);
  const basePath = join(TMP, 'diff-2000-base.yaml');
  const headPath = join(TMP, 'diff-2000-head.yaml');
  writeFileSync(basePath, stringify(base));
  writeFileSync(headPath, stringify(withChanges(base)));
  const cli = join(ROOT, 'codegen', 'dev-cli.mjs');

  report('baseline_node_start', timeRuns(['-e', ''], 0), undefined);
  report('baseline_cli_help', timeRuns([cli, '--help'], 0), undefined);
  report(
    'diff_seed_self',
    timeRuns([cli, 'diff', '--base', 'metrics.yaml', '--spec', 'metrics.yaml'], 0),
    1000,
  );
  const changed = spawnSync(
    process.execPath,
    [cli, 'diff', '--base', basePath, '--spec', headPath, '--format', 'json'],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 },
  );
  const diff = JSON.parse(changed.stdout) as { breaking: number; compatible: number };
  console.log(`synthetic diff: ${diff.breaking} breaking, ${diff.compatible} compatible changes`);
  report(
    'diff_2000_metrics_100_changes',
    timeRuns([cli, 'diff', '--base', basePath, '--spec', headPath], 1),
    3000,
  );

  const port = await freePort();
  const demo: ChildProcess = spawn(
    join(ROOT, 'node_modules', '.bin', 'tsx'),
    ['examples/stream-processor/node.ts'],
    {
      cwd: ROOT,
      env: { ...process.env, METRICS_HOST: '127.0.0.1', METRICS_PORT: String(port) },
      stdio: 'ignore',
      detached: true,
    },
  );
  const stop = () => {
    try {
      if (demo.pid !== undefined) process.kill(-demo.pid, 'SIGKILL');
    } catch {}
  };
  process.on('exit', stop);
  try {
    const url = `http://127.0.0.1:${port}/metrics`;
    const deadline = Date.now() + 30_000;
    for (;;) {
      const ok = await fetch(url).then(
        (response) => response.ok,
        () => false,
      );
      if (ok) break;
      if (Date.now() > deadline) throw new Error('the demo did not start within 30 s');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    report('verify_demo_with_scrape', timeRuns([cli, 'verify', '--url', url], 0), 1000);
  } finally {
    stop();
  }
}

await main();
