/**
 * Whole-process codegen time and peak memory, for the real spec and two synthetic ones
 * (500 and 2,000 metrics), against the cost of starting node and of importing ts-morph.
 * Run with `npm run bench`. Reports targets as ok/MISS but never fails on a timing.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import type { GroupSpec, MetricSpec, MetricsSpec, MetricType } from '../codegen/spec-schema.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TMP = join(ROOT, 'bench', '.tmp');
const PRELOAD = join(ROOT, 'bench', 'report-usage.mjs');
const USAGE_FILE = join(TMP, 'usage.json');

const QUALIFIERS = words('primary replica edge batch stream archive audit export ingest mirror');
const SUBSYSTEMS = words(
  'router scheduler indexer compactor gateway billing search auth notifier planner',
);
/** 100 distinct group ids, enough for 2,000 metrics at 20 per group. */
const GROUP_IDS = SUBSYSTEMS.flatMap((subsystem) => QUALIFIERS.map((q) => `${q}_${subsystem}`));

const ENUM_LABELS: Readonly<Record<string, string>> = {
  method: 'get put post delete patch',
  result: 'success error dropped filtered',
  error_kind: 'validation timeout network internal conflict quota',
  cache_layer: 'l1 l2 l3',
  priority: 'low normal high',
  region: 'us_east us_west eu_west eu_central ap_south ap_east sa_east af_south',
};

const LABELS: NonNullable<MetricsSpec['labels']> = {
  ...Object.fromEntries(
    Object.entries(ENUM_LABELS).map(([name, values]) => [
      name,
      { description: `The ${name.replace('_', ' ')}.`, values: words(values) },
    ]),
  ),
  tenant: { description: 'Tenant id.', max_values: 100 },
  endpoint: { description: 'Endpoint path template.', max_values: 50 },
};

const BUCKETS: NonNullable<MetricsSpec['buckets']> = {
  latency: { exponential_range: { min: 0.001, max: 30, count: 16 } },
  size: { values: [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000] },
};

/** One group's metrics: name suffix, type, labels, unit, buckets. 10 counters, 6 gauges, 4 histograms. */
const TEMPLATES: readonly (readonly [string, MetricType, string, string?, string?])[] = [
  ['requests', 'counter', 'method result'],
  ['errors', 'counter', 'error_kind'],
  ['retries', 'counter', 'method'],
  ['items_processed', 'counter', 'tenant'],
  ['items_dropped', 'counter', 'tenant result'],
  ['cache_hits', 'counter', 'cache_layer'],
  ['cache_misses', 'counter', 'cache_layer'],
  ['evictions', 'counter', ''],
  ['timeouts', 'counter', 'endpoint'],
  ['rejections', 'counter', 'priority'],
  ['queue_depth', 'gauge', 'priority'],
  ['workers_active', 'gauge', 'region'],
  ['connections_open', 'gauge', 'region'],
  ['memory_bytes', 'gauge', '', 'bytes'],
  ['last_success_timestamp_seconds', 'gauge', '', 'seconds'],
  ['lag_seconds', 'gauge', 'region', 'seconds'],
  ['request_duration_seconds', 'histogram', 'method result', 'seconds', 'latency'],
  ['queue_wait_seconds', 'histogram', 'priority', 'seconds', 'latency'],
  ['batch_size_items', 'histogram', '', 'items', 'size'],
  ['payload_size_bytes', 'histogram', 'endpoint', 'bytes', 'size'],
];

interface Case {
  readonly name: string;
  readonly metrics: number | undefined;
  readonly runs: number;
  readonly args: readonly string[];
}

interface Result {
  readonly median: number;
  readonly min: number;
  readonly peakMb: number;
}

function words(text: string): string[] {
  return text.split(' ').filter((word) => word !== '');
}

function titleOf(id: string): string {
  return words(id.replaceAll('_', ' '))
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

function syntheticMetric(
  id: string,
  title: string,
  template: (typeof TEMPLATES)[number],
): MetricSpec {
  const [suffix, type, labels, unit, buckets] = template;
  const metric: MetricSpec = {
    name: `${id}_${suffix}`,
    type,
    help: `${title}: ${words(suffix.replaceAll('_', ' ')).join(' ')}.`,
  };
  if (labels !== '') metric.labels = words(labels);
  if (unit !== undefined) metric.unit = unit;
  if (buckets !== undefined) metric.buckets = buckets;
  return metric;
}

function syntheticGroup(id: string, index: number): GroupSpec {
  const title = titleOf(id);
  const metrics = TEMPLATES.map((template) => syntheticMetric(id, title, template));
  const group = { id, title, description: `The ${title} subsystem.`, metrics };
  // One composite every fourth group, about as often as in the real spec (2 among 9 groups).
  if (index % 4 !== 0) return group;
  const records = [
    { metric: `${id}_requests` },
    { metric: `${id}_request_duration_seconds` },
    { metric: `${id}_errors`, when: 'failed' },
  ];
  const name = `record${title.replaceAll(' ', '')}HandledRequest`;
  return {
    ...group,
    composites: [{ name, help: 'Counts a request and its duration and error.', records }],
  };
}

function syntheticSpec(metricCount: number): MetricsSpec {
  const ids = GROUP_IDS.slice(0, Math.ceil(metricCount / TEMPLATES.length));
  const groups = ids.map(syntheticGroup);
  return { version: 1, namespace: 'service', labels: LABELS, buckets: BUCKETS, groups };
}

function writeSpec(metricCount: number): string {
  const path = join('bench', '.tmp', `synthetic-${metricCount}.yaml`);
  writeFileSync(join(ROOT, path), stringify(syntheticSpec(metricCount)));
  return path;
}

function countMetrics(specPath: string): number {
  const spec = parse(readFileSync(join(ROOT, specPath), 'utf8')) as MetricsSpec;
  return spec.groups.reduce((sum, group) => sum + group.metrics.length, 0);
}

function codegenCase(name: string, spec: string, runs: number): Case {
  const out = join('bench', '.tmp', `out-${name}`);
  return {
    name,
    metrics: countMetrics(spec),
    runs,
    args: ['codegen/bin.mjs', '--spec', spec, '--out', out],
  };
}

function fail(message: string, stderr: string): never {
  process.stderr.write(`bench: ${message}\n${stderr}\n`);
  process.exit(1);
}

/** One child process: its wall time as the parent sees it and its peak RSS as it reported it. */
function runOnce(args: readonly string[]): { ms: number; rssKb: number } {
  rmSync(USAGE_FILE, { force: true });
  const env = { ...process.env, BENCH_USAGE_FILE: USAGE_FILE };
  const start = performance.now();
  const child = spawnSync(process.execPath, ['--import', PRELOAD, ...args], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
  });
  const ms = performance.now() - start;
  if (child.status !== 0) {
    fail(`\`node ${args.join(' ')}\` exited with ${child.status ?? child.signal}`, child.stderr);
  }
  const usage: { maxRssKb: number } = JSON.parse(readFileSync(USAGE_FILE, 'utf8'));
  return { ms, rssKb: usage.maxRssKb };
}

function measure(benchCase: Case): Result {
  // Untimed: the first codegen run builds the esbuild bundle, and it checks the spec is valid.
  runOnce(benchCase.args);
  const samples = Array.from({ length: benchCase.runs }, () => runOnce(benchCase.args));
  const times = samples.map((s) => s.ms).sort((a, b) => a - b);
  const peakKb = Math.max(...samples.map((s) => s.rssKb));
  return {
    median: times[Math.floor(times.length / 2)] ?? 0,
    min: times[0] ?? 0,
    peakMb: peakKb / 1024,
  };
}

function printTable(cases: readonly Case[], results: ReadonlyMap<string, Result>): void {
  const header = ['case', 'metrics', 'median ms', 'min ms', 'peak RSS MB', 'ms/metric'];
  const rows = cases.map((c) => {
    const r = results.get(c.name) ?? { median: 0, min: 0, peakMb: 0 };
    const perMetric = c.metrics === undefined ? '-' : (r.median / c.metrics).toFixed(2);
    return [
      c.name,
      String(c.metrics ?? '-'),
      r.median.toFixed(0),
      r.min.toFixed(0),
      r.peakMb.toFixed(1),
      perMetric,
    ];
  });
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)),
  );
  for (const row of [header, ...rows]) {
    console.log(
      row
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
        .join('  '),
    );
  }
}

function target(label: string, met: boolean, detail: string): void {
  console.log(`${met ? 'ok  ' : 'MISS'}  ${label}: ${detail}`);
}

function main(): void {
  rmSync(TMP, { recursive: true, force: true });
  mkdirSync(TMP, { recursive: true });
  const cases: Case[] = [
    { name: 'node-start', metrics: undefined, runs: 7, args: ['-e', ''] },
    { name: 'tsmorph-import', metrics: undefined, runs: 7, args: ['-e', "require('ts-morph')"] },
    codegenCase('seed', 'metrics.yaml', 7),
    codegenCase('500', writeSpec(500), 5),
    codegenCase('2000', writeSpec(2000), 3),
  ];
  const results = new Map(cases.map((c) => [c.name, measure(c)]));
  printTable(cases, results);

  const time = (name: string): number => results.get(name)?.median ?? Number.NaN;
  const [node, tsmorph, seed, t500, t2000] = [
    time('node-start'),
    time('tsmorph-import'),
    time('seed'),
    time('500'),
    time('2000'),
  ];
  const n = (name: string): number => cases.find((c) => c.name === name)?.metrics ?? 0;
  const linear = (n('2000') - n('seed')) / (n('500') - n('seed'));
  const growth = (t2000 - seed) / (t500 - seed);
  const peak2000 = results.get('2000')?.peakMb ?? Number.NaN;
  console.log('');
  target('seed spec under 1 s', seed < 1000, `${seed.toFixed(0)} ms`);
  target('2,000 metrics under 5 s', t2000 < 5000, `${t2000.toFixed(0)} ms`);
  target('2,000 metrics under 300 MB', peak2000 < 300, `${peak2000.toFixed(1)} MB`);
  // Growth over the seed's cost; a quarter above the metric ratio still reads as linear.
  target(
    'linear growth',
    growth <= linear * 1.25,
    `(t2000-seed)/(t500-seed) = ${growth.toFixed(2)}, linear ≈ ${linear.toFixed(2)}`,
  );
  console.log('');
  const ratios: [string, number][] = [
    ['codegen_seed_vs_node_start', seed / node],
    ['codegen_seed_vs_tsmorph_import', seed / tsmorph],
    ['codegen_2000_vs_500', t2000 / t500],
    ['codegen_2000_vs_500_marginal', (t2000 - tsmorph) / (t500 - tsmorph)],
  ];
  for (const [name, value] of ratios) console.log(`ratio ${name} ${value.toFixed(2)}`);
}

main();
