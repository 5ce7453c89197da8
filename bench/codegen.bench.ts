// Whole-process codegen time and peak memory for the real spec and synthetic 500- and 2,000-metric
// ones, beside the cost of starting node and of starting the CLI (`--version`: node and the CLI's
// entry, the fixed part of every run). Prints ok/MISS, never fails on time.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import type { GroupSpec, MetricSpec, MetricsSpec } from '../codegen/spec/schema.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TMP = join(ROOT, 'bench', '.tmp');
const PRELOAD = join(ROOT, 'bench', 'report-usage.mjs');
const USAGE_FILE = join(TMP, 'usage.json');

const QUALIFIERS = 'primary replica edge batch stream archive audit export ingest mirror';
const SUBSYSTEMS = 'router scheduler indexer compactor gateway billing search auth mailer planner';
/** 100 distinct group ids, enough for 2,000 metrics at 20 per group. */
const GROUP_IDS = SUBSYSTEMS.split(' ').flatMap((subsystem) =>
  QUALIFIERS.split(' ').map((qualifier) => `${qualifier}_${subsystem}`),
);

const DEFINITIONS: Omit<MetricsSpec, 'groups'> = {
  version: 1,
  namespace: 'service',
  labels: {
    method: enumLabel('Request method.', 'get put post delete patch'),
    result: enumLabel('Outcome.', 'success error dropped filtered'),
    error_kind: enumLabel('Kind of error.', 'validation timeout network internal conflict quota'),
    cache_layer: enumLabel('Cache layer.', 'l1 l2 l3'),
    priority: enumLabel('Queue priority.', 'low normal high'),
    region: enumLabel('Serving region.', 'iad sfo dub fra bom hkg gru jnb'),
    tenant: { description: 'Tenant id.', max_values: 100 },
    endpoint: { description: 'Endpoint path template.', max_values: 50 },
  },
  buckets: {
    latency: { exponential_range: { min: 0.001, max: 30, count: 16 } },
    size: { values: [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000] },
  },
};

/** Name suffix, type, space-separated labels, unit, bucket layout. */
type Template = readonly [string, MetricSpec['type'], string, string?, string?];

/** Half a group's metrics, declared for both directions: 20 per group, 10 of them counters. */
const TEMPLATES: readonly Template[] = [
  ['requests', 'counter', 'method result'],
  ['errors', 'counter', 'error_kind'],
  ['items_processed', 'counter', 'tenant'],
  ['cache_hits', 'counter', 'cache_layer'],
  ['timeouts', 'counter', 'endpoint'],
  ['queue_depth', 'gauge', 'priority'],
  ['connections_open', 'gauge', 'region'],
  ['lag_seconds', 'gauge', '', 'seconds'],
  ['request_duration_seconds', 'histogram', 'method result', 'seconds', 'latency'],
  ['payload_size_bytes', 'histogram', 'endpoint', 'bytes', 'size'],
];
const DIRECTIONS = ['inbound', 'outbound'];
const METRICS_PER_GROUP = TEMPLATES.length * DIRECTIONS.length;

/** `metrics` is 0 for the baselines, which generate nothing. */
type Case = { name: string; metrics: number; runs: number; args: readonly string[] };

type Measured = Case & { median: number; min: number; peakMb: number };

function enumLabel(description: string, values: string) {
  return { description, values: values.split(' ') };
}

function syntheticMetric(prefix: string, title: string, template: Template): MetricSpec {
  const [suffix, type, labels, unit, buckets] = template;
  const help = `${title}: ${prefix.split('_').at(-1)} ${suffix.replaceAll('_', ' ')}.`;
  const metric: MetricSpec = { name: `${prefix}_${suffix}`, type, help };
  if (labels !== '') metric.labels = labels.split(' ');
  if (unit !== undefined) metric.unit = unit;
  if (buckets !== undefined) metric.buckets = buckets;
  return metric;
}

function syntheticGroup(id: string, index: number): GroupSpec {
  const title = id
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
  const metrics = DIRECTIONS.flatMap((way) =>
    TEMPLATES.map((t) => syntheticMetric(`${id}_${way}`, title, t)),
  );
  const group = { id, title, description: `The ${title} subsystem.`, metrics };
  // One composite every fourth group, about as often as in the real spec (2 among 9 groups).
  if (index % 4 !== 0) return group;
  const name = `record${title.replaceAll(' ', '')}HandledRequest`;
  const help = 'Counts a request, its duration and, when it failed, the error.';
  const records = [
    { metric: `${id}_inbound_requests` },
    { metric: `${id}_inbound_request_duration_seconds` },
    { metric: `${id}_inbound_errors`, when: 'failed' },
  ];
  return { ...group, composites: [{ name, help, records }] };
}

function writeSpec(metricCount: number): string {
  const groups = GROUP_IDS.slice(0, Math.ceil(metricCount / METRICS_PER_GROUP)).map(syntheticGroup);
  const path = join('bench', '.tmp', `synthetic-${metricCount}.yaml`);
  writeFileSync(join(ROOT, path), stringify({ ...DEFINITIONS, groups } satisfies MetricsSpec));
  return path;
}

function codegenCase(name: string, spec: string, runs: number): Case {
  const parsed = parse(readFileSync(join(ROOT, spec), 'utf8')) as MetricsSpec;
  const metrics = parsed.groups.reduce((sum, group) => sum + group.metrics.length, 0);
  const out = join('bench', '.tmp', `out-${name}`);
  return {
    name,
    metrics,
    runs,
    args: ['codegen/dev-cli.mjs', 'generate', '--spec', spec, '--out', out],
  };
}

/** One child process: its wall time as the parent sees it and its peak RSS as it reported it. */
function runOnce(args: readonly string[]): { ms: number; rssKb: number } {
  rmSync(USAGE_FILE, { force: true });
  const env = { ...process.env, BENCH_USAGE_FILE: USAGE_FILE };
  const options = { cwd: ROOT, env, encoding: 'utf8' } as const;
  const start = performance.now();
  const child = spawnSync(process.execPath, ['--import', PRELOAD, ...args], options);
  const ms = performance.now() - start;
  if (child.status !== 0) {
    const status = child.status ?? child.signal;
    process.stderr.write(`bench: node ${args.join(' ')} exited ${status}\n${child.stderr}`);
    process.exit(1);
  }
  const usage: { maxRssKb: number } = JSON.parse(readFileSync(USAGE_FILE, 'utf8'));
  return { ms, rssKb: usage.maxRssKb };
}

function measure(benchCase: Case): Measured {
  // Untimed: the first codegen run builds the esbuild bundle, and it checks the spec is valid.
  runOnce(benchCase.args);
  const samples = Array.from({ length: benchCase.runs }, () => runOnce(benchCase.args));
  const times = samples.map((s) => s.ms).sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? Number.NaN;
  const peakMb = Math.max(...samples.map((s) => s.rssKb)) / 1024;
  return { ...benchCase, median, min: times[0] ?? Number.NaN, peakMb };
}

function measureAll<K extends string>(cases: Record<K, Case>): Record<K, Measured> {
  const entries = Object.entries<Case>(cases).map(([key, c]) => [key, measure(c)] as const);
  return Object.fromEntries(entries) as Record<K, Measured>;
}

/** tsconfig.json includes bench/ without excluding bench/.tmp, so the generated metrics.ts must go. */
function removeOutputs(): void {
  for (const entry of readdirSync(TMP)) {
    if (!entry.endsWith('.yaml')) rmSync(join(TMP, entry), { recursive: true, force: true });
  }
}

function printTable(rows: readonly Measured[]): void {
  const line = (cells: readonly string[]) =>
    console.log(cells.map((cell, i) => (i === 0 ? cell.padEnd(16) : cell.padStart(12))).join(''));
  line(['case', 'metrics', 'median ms', 'min ms', 'peak RSS MB', 'ms/metric']);
  for (const { name, metrics, median, min, peakMb } of rows) {
    const perMetric = metrics === 0 ? '-' : (median / metrics).toFixed(2);
    const count = metrics === 0 ? '-' : String(metrics);
    line([name, count, median.toFixed(0), min.toFixed(0), peakMb.toFixed(1), perMetric]);
  }
}

function printTarget(label: string, met: boolean, detail: string): void {
  console.log(`${met ? 'ok  ' : 'MISS'}  ${label}: ${detail}`);
}

function main(): void {
  rmSync(TMP, { recursive: true, force: true });
  mkdirSync(TMP, { recursive: true });
  process.on('exit', removeOutputs);
  const results = measureAll({
    node: { name: 'node-start', metrics: 0, runs: 7, args: ['-e', ''] },
    cli: { name: 'cli-version', metrics: 0, runs: 7, args: ['codegen/dev-cli.mjs', '--version'] },
    seed: codegenCase('seed', 'metrics.yaml', 7),
    m500: codegenCase('500', writeSpec(500), 5),
    m2000: codegenCase('2000', writeSpec(2000), 3),
  });
  const { node, cli, seed, m500, m2000 } = results;
  printTable(Object.values(results));

  console.log('');
  printTarget('seed spec under 1 s', seed.median < 1000, `${seed.median.toFixed(0)} ms`);
  printTarget('2,000 metrics under 5 s', m2000.median < 5000, `${m2000.median.toFixed(0)} ms`);
  printTarget('2,000 metrics under 300 MB', m2000.peakMb < 300, `${m2000.peakMb.toFixed(1)} MB`);
  const growth = (m2000.median - seed.median) / (m500.median - seed.median);
  const linear = (m2000.metrics - seed.metrics) / (m500.metrics - seed.metrics);
  const detail = `(t2000 - tseed) / (t500 - tseed) = ${growth.toFixed(2)}, linear: ${linear.toFixed(2)}`;
  // Only growth faster than the metric count is a problem; a quarter above it is still noise.
  printTarget('growth roughly linear', growth <= linear * 1.25, detail);

  console.log('');
  // What the metrics cost beyond starting the CLI: 4 for a linear generator.
  const marginal = (m2000.median - cli.median) / (m500.median - cli.median);
  const ratios: readonly [string, number][] = [
    ['codegen_seed_vs_node_start', seed.median / node.median],
    ['codegen_seed_vs_cli_start', seed.median / cli.median],
    ['codegen_2000_vs_500', m2000.median / m500.median],
    ['codegen_2000_vs_500_marginal', marginal],
  ];
  for (const [name, value] of ratios) console.log(`ratio ${name} ${value.toFixed(2)}`);
}

main();
