// `npm run bench:load:native`: /metrics of the real app under 64 connections, asked the way
// Prometheus 2.42 asks: for text (OpenMetrics) by default, for protobuf when native histograms
// are enabled; each with and without gzip. The demo simulation records at full speed in the
// server's process, as in `npm run bench:load`. Loopback only, every process bounded.
//   LOAD_DURATION     seconds per run (default 15)
//   LOAD_CONNECTIONS  concurrent connections (default 64)
import { autocannon, type LoadResult, probe, startServer } from './load/processes.ts';

const seconds = Number(process.env.LOAD_DURATION ?? 15);
const connections = Number(process.env.LOAD_CONNECTIONS ?? 64);

/** Prometheus 2.42's Accept without and with --enable-feature=native-histograms. */
const TEXT_ACCEPT =
  'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1';
const PROTOBUF_ACCEPT =
  'application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited,application/openmetrics-text;version=1.0.0;q=0.8,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1';

interface Row extends LoadResult {
  readonly name: string;
  readonly type: string;
  readonly bytes: number;
}

async function run(name: string, headers: Record<string, string>): Promise<Row> {
  const server = await startServer('generated');
  try {
    const first = await probe(server.url, headers);
    if (first.status !== 200) throw new Error(`${name}: GET /metrics answered ${first.status}`);
    const result = await autocannon(server.url, {
      connections,
      seconds,
      headers: Object.entries(headers).map(([key, value]) => `${key}=${value}`),
    });
    return { ...result, name, type: first.type.split(';')[0] ?? '', bytes: first.bytes };
  } finally {
    await server.stop();
  }
}

console.log(`/metrics, ${connections} connections, ${seconds} s each, Prometheus 2.42's headers\n`);
const rows = [
  await run('text (OpenMetrics)', { Accept: TEXT_ACCEPT }),
  await run('protobuf', { Accept: PROTOBUF_ACCEPT }),
  await run('text (OpenMetrics), gzip', { Accept: TEXT_ACCEPT, 'Accept-Encoding': 'gzip' }),
  await run('protobuf, gzip', { Accept: PROTOBUF_ACCEPT, 'Accept-Encoding': 'gzip' }),
];
console.log(
  '| request | content type | body bytes | req/s | p50 ms | p99 ms | errors, timeouts, non-2xx |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const r of rows) {
  console.log(
    `| ${r.name} | ${r.type} | ${r.bytes} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors + r.timeouts + r.non2xx} |`,
  );
}
const [text, proto, textGzip, protoGzip] = rows as [Row, Row, Row, Row];
console.log('');
console.log(`ratio protobuf_vs_text_rps ${(proto.rps / text.rps).toFixed(2)}`);
console.log(`ratio protobuf_vs_text_gzip_rps ${(protoGzip.rps / textGzip.rps).toFixed(2)}`);
console.log(`ratio protobuf_vs_text_p99 ${(proto.p99 / Math.max(1, text.p99)).toFixed(2)}`);
console.log(
  `ratio protobuf_vs_text_gzip_p99 ${(protoGzip.p99 / Math.max(1, textGzip.p99)).toFixed(2)}`,
);
