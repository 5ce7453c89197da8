import { spawn, spawnSync } from 'node:child_process';
import { Registry } from 'prom-client';
import { createProcessorMetrics } from '../../generated/metrics.ts';
import { combineClusterMetrics, renderMetrics } from '../../src/index.ts';
import { toolAvailable } from './tools.ts';

/** promtool's verdict on a 0.0.4 exposition: exit 0 clean, 3 lint problems (printed on stderr). */
export function promtoolCheck(exposition: string): { status: number | null; problems: string } {
  const run = spawnSync('promtool', ['check', 'metrics'], { input: exposition, encoding: 'utf8' });
  return { status: run.status, problems: run.stderr.trim() };
}

export const hasPromtool = (): boolean =>
  toolAvailable('promtool', 'apt-get install -y prometheus');

/** Debian's interpreter, where Debian's python3-prometheus-client is installed. */
const DEBIAN_PYTHON = '/usr/bin/python3';

/** Reads stdin as bytes: a text stdin would turn a `\r` inside a label value into a newline. */
const PARSE_SCRIPT = `
import sys
from prometheus_client.openmetrics.parser import text_string_to_metric_families
families = list(text_string_to_metric_families(sys.stdin.buffer.read().decode('utf-8')))
print(sum(len(f.samples) for f in families))
`;

const SAMPLES_SCRIPT = `
import json, sys
from prometheus_client.openmetrics.parser import text_string_to_metric_families
from prometheus_client.utils import floatToGoString
def parse(text):
    try:
        families = list(text_string_to_metric_families(text))
    except Exception as error:
        return {'error': repr(error)[:2000]}
    return {'samples': [[s.name, s.labels, floatToGoString(s.value)] for f in families for s in f.samples]}
expositions = json.loads(sys.stdin.buffer.read().decode('utf-8'))
sys.stdout.write(json.dumps([parse(text) for text in expositions]))
`;

/**
 * The strict OpenMetrics parser of the Python client: `samples` parsed, or the parser's error.
 * It checks what promtool does not: `# EOF`, `+Inf` buckets, counter-like values, escaping.
 */
export function parseOpenMetrics(exposition: string): { samples: number } | { error: string } {
  const run = spawnSync(DEBIAN_PYTHON, ['-c', PARSE_SCRIPT], {
    input: exposition,
    encoding: 'utf8',
  });
  if (run.status === 0) return { samples: Number(run.stdout.trim()) };
  const lines = run.stderr.trim().split('\n');
  return { error: lines.at(-1) ?? `exit ${run.status}` };
}

export interface ParsedSample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** What the strict parser made of one exposition: every sample, or its error. */
export type ParsedExposition = { samples: ParsedSample[] } | { error: string };

/**
 * Like {@link parseOpenMetrics}, for many expositions in one Python process, with every sample
 * the strict parser read: its name, its label values as the parser unescaped them (passed back as
 * JSON, so any string survives) and its value.
 */
export async function parseOpenMetricsSamples(
  expositions: readonly string[],
): Promise<ParsedExposition[]> {
  const run = await runWithInput(
    DEBIAN_PYTHON,
    ['-c', SAMPLES_SCRIPT],
    JSON.stringify(expositions),
  );
  if (run.status !== 0) throw new Error(`python exited ${run.status}: ${run.stderr.slice(-2000)}`);
  type Row = [string, Record<string, string>, string];
  const results = JSON.parse(run.stdout) as ({ samples: Row[] } | { error: string })[];
  return results.map((result) =>
    'error' in result
      ? result
      : {
          samples: result.samples.map(([name, labels, value]) => ({
            name,
            labels,
            value: parseGoFloat(value),
          })),
        },
  );
}

/** The async twin of {@link promtoolCheck}, so that it can run beside other tools. */
export async function promtoolCheckAsync(
  exposition: string,
): Promise<{ status: number | null; problems: string }> {
  const run = await runWithInput('promtool', ['check', 'metrics'], exposition);
  return { status: run.status, problems: run.stderr.trim() };
}

/** Runs `command` with `input` on stdin; resolves with its exit status and output. */
function runWithInput(
  command: string,
  args: readonly string[],
  input: string,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (status) =>
      resolve({
        status,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      }),
    );
    // A tool that exits early (a parse error) closes its stdin; that is its answer, not ours.
    child.stdin.on('error', () => {});
    child.stdin.end(input, 'utf8');
  });
}

/** Go's float spellings (`+Inf`, `-Inf`), as Prometheus and `floatToGoString` print them. */
export function parseGoFloat(text: string): number {
  if (text === '+Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  return Number(text);
}

export function hasOpenMetricsParser(): boolean {
  const probe = spawnSync(DEBIAN_PYTHON, ['-c', 'import prometheus_client.openmetrics.parser']);
  if (probe.status === 0) return true;
  const reason = `${DEBIAN_PYTHON} cannot import prometheus_client (apt-get install -y python3-prometheus-client)`;
  if (process.env.CI === 'true') throw new Error(`${reason}: required in CI`);
  console.warn(`skipping: ${reason}`);
  return false;
}

/** The value of one sample line, or undefined when the series is absent. */
export function sampleValue(exposition: string, series: string): number | undefined {
  const line = exposition.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/**
 * The families (exposed names) without a non-zero sample in a 0.0.4 exposition: a histogram
 * counts by its `_count`, a counter or gauge by any of its series.
 */
export function familiesWithoutData(
  exposition: string,
  families: readonly { readonly exposedName: string; readonly type: string }[],
): string[] {
  const nonZero = new Set<string>();
  for (const line of exposition.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const name = line.slice(0, line.search(/[{ ]/));
    if (Number(line.slice(line.lastIndexOf(' ') + 1)) !== 0) nonZero.add(name);
  }
  return families
    .filter((family) => {
      const sample =
        family.type === 'histogram' ? `${family.exposedName}_count` : family.exposedName;
      return !nonZero.has(sample);
    })
    .map((family) => family.exposedName);
}

/** What the seed's generated metrics expose from a cluster primary, before any worker joins. */
export async function clusterPrimaryExposition(
  format: 'prometheus' | 'openmetrics',
): Promise<string> {
  const registry = new Registry();
  createProcessorMetrics({ registry });
  const hub = combineClusterMetrics(registry);
  try {
    return await renderMetrics(registry, format);
  } finally {
    hub.close();
  }
}
