import { spawnSync } from 'node:child_process';
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

const PARSE_SCRIPT = `
import sys
from prometheus_client.openmetrics.parser import text_string_to_metric_families
families = list(text_string_to_metric_families(sys.stdin.read()))
print(sum(len(f.samples) for f in families))
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
