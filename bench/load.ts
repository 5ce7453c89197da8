// `npm run bench:load`: /metrics under load, against a prom-client endpoint and a static-string
// ceiling measured in the same run, then a soak with a stream of new free-form label values.
// Loopback only and bounded. Every server and autocannon run in a process of its own.
//   LOAD_DURATION     seconds per load run (default 30)
//   LOAD_CONNECTIONS  concurrent connections (default 64)
//   SOAK_DURATION     seconds of soak (default 180)
import { autocannon, type LoadResult, probe, startServer } from './load/processes.ts';
import { kb, printSoak, soak } from './load/soak.ts';

const seconds = positive('LOAD_DURATION', 30);
const connections = positive('LOAD_CONNECTIONS', 64);
const soakSeconds = positive('SOAK_DURATION', 180);
/** What Prometheus 3 sends, with the Accept-Encoding it sends. */
const PROMETHEUS_HEADERS = {
  Accept:
    'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1',
  'Accept-Encoding': 'gzip',
};

interface Row extends LoadResult {
  readonly name: string;
  readonly bytes: number;
  readonly body: string;
  readonly note: string;
}

function positive(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

async function load(
  name: string,
  kind: string,
  headers: Record<string, string> = {},
  env: Record<string, string> = {},
): Promise<Row> {
  const server = await startServer(kind, env);
  let row: Row;
  let output: string;
  try {
    const first = await probe(server.url, headers);
    if (first.status !== 200) throw new Error(`${name}: GET /metrics answered ${first.status}`);
    const samples = first.text.split('\n').filter((l) => l !== '' && !l.startsWith('#')).length;
    const result = await autocannon(server.url, {
      connections,
      seconds,
      headers: Object.entries(headers).map(([key, value]) => `${key}=${value}`),
    });
    const after = await probe(server.url, headers);
    row = {
      ...result,
      name,
      bytes: first.bytes,
      body:
        first.encoding === 'identity'
          ? `${kb(first.bytes)}, ${samples} samples`
          : `${kb(first.bytes)} ${first.encoding}`,
      note: `${first.type}; ${kb(first.bytes)} before the run, ${kb(after.bytes)} after`,
    };
  } finally {
    output = await server.stop();
  }
  const counts = /^ticks (\d+) renders (\d+) seconds ([\d.]+)$/m.exec(output);
  if (counts === null) return row;
  const [ticks, renders, alive] = counts.slice(1).map(Number) as [number, number, number];
  const perRender = (row.requests + 2) / Math.max(1, renders);
  return {
    ...row,
    note:
      `${row.note}; ${(renders / alive).toFixed(0)} renderings/s, ${perRender.toFixed(1)} ` +
      `requests each; simulation ${(ticks / alive).toFixed(0)} ticks/s`,
  };
}

function printTable(rows: readonly Row[]): void {
  const header = ['endpoint', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'errors', 'timeouts'];
  const lines = rows.map((r) => [
    r.name,
    r.rps.toFixed(0),
    String(r.p50),
    String(r.p99),
    String(r.requests),
    String(r.errors),
    String(r.timeouts),
    String(r.non2xx),
    r.body,
  ]);
  const all = [[...header, 'non-2xx', 'body'], ...lines];
  const widths = all[0]?.map((_, i) => Math.max(...all.map((line) => line[i]?.length ?? 0))) ?? [];
  for (const line of all) {
    console.log(
      line
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
        .join('  '),
    );
  }
  console.log('');
  for (const r of rows) console.log(`  ${r.name}: ${r.note}`);
}

const verdict = (ok: boolean): string => (ok ? 'PASS' : 'MISS');

console.log(
  `/metrics under load: ${connections} connections, ${seconds} s per endpoint, autocannon and ` +
    'each server in processes of their own, on 127.0.0.1\n',
);
const generated = await load('generated', 'generated');
const gzip = await load('generated, gzip', 'generated', PROMETHEUS_HEADERS);
const promclient = await load('prom-client', 'promclient');
const ceiling = await load(
  'static string',
  'static',
  {},
  { LOAD_BODY_BYTES: `${generated.bytes}` },
);
printTable([generated, gzip, promclient, ceiling]);

console.log(`\nsoak: ${soakSeconds} s of new label values, one scrape a second`);
const soaked = await soak(soakSeconds);
printSoak(soaked);

const vsPromClient = generated.rps / promclient.rps;
const vsCeiling = generated.rps / ceiling.rps;
const failures = [generated, gzip].reduce((n, r) => n + r.errors + r.timeouts + r.non2xx, 0);
console.log('\ntargets (reported, not asserted)');
console.log(
  `  ${verdict(vsPromClient >= 5)} at least 5x prom-client's requests/s: ${vsPromClient.toFixed(2)}x`,
);
console.log(
  `  ${verdict(vsCeiling >= 0.5)} at least 0.5 of the static ceiling: ${vsCeiling.toFixed(2)}`,
);
console.log(
  `  ${verdict(generated.p99 < 50 && gzip.p99 < 50)} p99 under 50 ms: ` +
    `${generated.p99} ms, ${gzip.p99} ms with gzip`,
);
console.log(`  ${verdict(failures === 0)} zero errors, timeouts and non-2xx: ${failures}`);
console.log(
  `  ${verdict(soaked.failures === 0)} every soak scrape succeeded: ` +
    `${soaked.scrapes - soaked.failures} of ${soaked.scrapes}`,
);
console.log('');
console.log(`ratio soak_rss_end_vs_minute ${(soaked.end.rss / soaked.minute.rss).toFixed(3)}`);
console.log(`ratio gzip_vs_plain_generated ${(gzip.rps / generated.rps).toFixed(2)}`);
console.log(`ratio generated_vs_static_ceiling ${vsCeiling.toFixed(2)}`);
console.log(`ratio promclient_serving_vs_generated ${vsPromClient.toFixed(2)}`);
