// The compatibility path of issue 14: prom-client's own `registry.metrics()` and
// `getMetricsAsJSON()` on a registry holding the generated families, per sample, against
// prom-client doing the same for its own metrics holding the same series (bench/promclient-mirror.ts).
import { Registry } from 'prom-client';
import { createProcessorMetrics } from '../generated/metrics.ts';
import { median, pairedRatio, timeAsyncInRounds } from './hot-loop/measure.ts';
import { promClientMirror } from './promclient-mirror.ts';
import { recordSeedSeries } from './seed-series.ts';

const ours = new Registry();
recordSeedSeries(createProcessorMetrics({ registry: ours }));
const theirs = await promClientMirror(ours);

const sampleLines = (text: string) =>
  text.split('\n').filter((line) => line !== '' && !line.startsWith('#')).length;
const samples = {
  ours: sampleLines(await ours.metrics()),
  theirs: sampleLines(await theirs.metrics()),
};
const jsonSamples = async (registry: Registry) =>
  (await registry.getMetricsAsJSON()).reduce((n, metric) => n + metric.values.length, 0);
if ((await jsonSamples(ours)) !== samples.ours || (await jsonSamples(theirs)) !== samples.theirs) {
  throw new Error('getMetricsAsJSON() and metrics() disagree on the number of samples');
}

let work = 0;
const times = await timeAsyncInRounds({
  'generated metrics()': async () => {
    work += (await ours.metrics()).length;
  },
  'prom-client metrics()': async () => {
    work += (await theirs.metrics()).length;
  },
  'generated getMetricsAsJSON()': async () => {
    work += (await ours.getMetricsAsJSON()).length;
  },
  'prom-client getMetricsAsJSON()': async () => {
    work += (await theirs.getMetricsAsJSON()).length;
  },
});
if (work === 0) throw new Error('the benchmark did no observable work');

const perSample = (name: keyof typeof times, count: number) => times[name].map((t) => t / count);
console.log(`samples: generated ${samples.ours}, prom-client ${samples.theirs}`);
console.log('| call | median per call | per sample |');
console.log('| --- | --- | --- |');
for (const name of Object.keys(times) as (keyof typeof times)[]) {
  const count = name.startsWith('generated') ? samples.ours : samples.theirs;
  const t = median(times[name]);
  console.log(`| ${name} | ${(t / 1000).toFixed(1)} µs | ${(t / count).toFixed(0)} ns |`);
}
console.log('');
const metricsRatio = pairedRatio(
  perSample('prom-client metrics()', samples.theirs),
  perSample('generated metrics()', samples.ours),
);
const jsonRatio = pairedRatio(
  perSample('prom-client getMetricsAsJSON()', samples.theirs),
  perSample('generated getMetricsAsJSON()', samples.ours),
);
console.log(`ratio promclient_registry_metrics_vs_generated_per_sample ${metricsRatio.toFixed(2)}`);
console.log(`ratio promclient_metrics_json_vs_generated_per_sample ${jsonRatio.toFixed(2)}`);
