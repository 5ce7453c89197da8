// `npm run bench:load`: /metrics under load, against a prom-client endpoint and a static-string
// ceiling measured in the same run, then a soak with a stream of new free-form label values.
// Loopback only, bounded: LOAD_DURATION (s, default 30) per load run, SOAK_DURATION (s, 180).
import { autocannon, type LoadResult, startServer } from './load/processes.ts';

const seconds = Number(process.env.LOAD_DURATION ?? 30);
const soakSeconds = Number(process.env.SOAK_DURATION ?? 180);
const connections = Number(process.env.LOAD_CONNECTIONS ?? 64);
const PROMETHEUS_ACCEPT =
  'Accept=application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1';

async function load(kind: string, headers: string[] = []): Promise<LoadResult> {
  const server = await startServer(kind);
  try {
    const body = await (await fetch(server.url)).arrayBuffer();
    const result = await autocannon(server.url, { connections, seconds, headers });
    const size = `${(body.byteLength / 1024).toFixed(0)} KB`;
    const gz = headers.some((h) => h.includes('gzip'))
      ? ` gzip ${(result.bytesPerResponse / 1024).toFixed(0)} KB`
      : '';
    console.log(
      `${`${kind}${headers.length ? ' +gzip' : ''}`.padEnd(18)} ${result.rps.toFixed(0).padStart(6)} req/s  p50 ${result.p50} ms  p99 ${result.p99} ms  ${result.requests} requests  errors ${result.errors}  timeouts ${result.timeouts}  non-2xx ${result.non2xx}  body ${size}${gz}`,
    );
    return result;
  } finally {
    await server.stop();
  }
}

async function soak(): Promise<void> {
  const server = await startServer('soak');
  const samples: { at: number; rss: number; heap: number; values: number }[] = [];
  const started = Date.now();
  server.onLine((line) => {
    const [, rss, heap, values] = line.split(' ').map(Number);
    if (line.startsWith('memory '))
      samples.push({
        at: (Date.now() - started) / 1000,
        rss: rss ?? 0,
        heap: heap ?? 0,
        values: values ?? 0,
      });
  });
  let scrapes = 0;
  let failures = 0;
  let largest = 0;
  while (Date.now() - started < soakSeconds * 1000) {
    const response = await fetch(server.url).catch(() => undefined);
    const ok = response?.status === 200;
    if (ok) largest = Math.max(largest, (await response.arrayBuffer()).byteLength);
    scrapes++;
    if (!ok) failures++;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  await server.stop();
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  const at = (second: number) => samples.find((sample) => sample.at >= second) ?? samples.at(-1);
  const minute = at(Math.min(60, soakSeconds / 3));
  const end = samples.at(-1);
  if (minute === undefined || end === undefined)
    throw new Error('the soak server reported no memory');
  console.log(
    `soak ${soakSeconds} s: ${end.values.toLocaleString('en')} new label values recorded, ${scrapes} scrapes, ${failures} failed, largest body ${(largest / 1024).toFixed(0)} KB`,
  );
  console.log(
    `  RSS at ${minute.at.toFixed(0)} s ${mb(minute.rss)}, at the end ${mb(end.rss)}: growth ${mb(end.rss - minute.rss)}; heap ${mb(minute.heap)} -> ${mb(end.heap)}`,
  );
  console.log(`ratio soak_rss_end_vs_minute ${(end.rss / minute.rss).toFixed(3)}`);
}

const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');

console.log(
  `/metrics, ${connections} connections, ${seconds} s each, autocannon in its own process\n`,
);
const ceiling = await load('static');
const generated = await load('generated');
const gzip = await load('generated', ['Accept-Encoding=gzip', PROMETHEUS_ACCEPT]);
const promclient = await load('promclient');
console.log('');
await soak();

const vsPromClient = generated.rps / promclient.rps;
const vsCeiling = generated.rps / ceiling.rps;
const errors = [generated, gzip].reduce((n, r) => n + r.errors + r.timeouts + r.non2xx, 0);
console.log('\ntargets');
console.log(
  `  ${verdict(vsPromClient >= 5)} at least 5x prom-client's requests/s: ${vsPromClient.toFixed(1)}x`,
);
console.log(
  `  ${verdict(vsCeiling >= 0.5)} at least half the static-string ceiling: ${vsCeiling.toFixed(2)}`,
);
console.log(
  `  ${verdict(generated.p99 < 50 && gzip.p99 < 50)} p99 under 50 ms: ${generated.p99} ms, ${gzip.p99} ms with gzip`,
);
console.log(`  ${verdict(errors === 0)} zero errors, timeouts and non-2xx: ${errors}`);
console.log('');
console.log(`ratio gzip_vs_plain_generated ${(gzip.rps / generated.rps).toFixed(2)}`);
console.log(`ratio generated_vs_static_ceiling ${vsCeiling.toFixed(2)}`);
console.log(`ratio promclient_serving_vs_generated ${vsPromClient.toFixed(1)}`);
