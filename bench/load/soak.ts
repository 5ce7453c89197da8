import { readFileSync } from 'node:fs';
import { probe, startServer } from './processes.ts';

export interface SoakResult {
  readonly seconds: number;
  readonly valuesRecorded: number;
  readonly scrapes: number;
  readonly failures: number;
  readonly slowestScrapeMs: number;
  readonly firstBodyBytes: number;
  readonly lastBodyBytes: number;
  readonly overflowSamples: number;
  /** RSS and heapUsed (after a full GC) at about one minute and at the end. */
  readonly minute: Sample;
  readonly end: Sample;
}

interface Sample {
  readonly at: number;
  readonly rss: number;
  readonly heap: number;
  readonly values: number;
}

/**
 * A server recording label values never seen before, without end, while a scraper GETs /metrics
 * once a second. Memory comes from the server itself (after `gc()`) every 5 s; VmRSS from /proc
 * is read alongside as a cross-check.
 */
export async function soak(seconds: number): Promise<SoakResult> {
  const server = await startServer('soak');
  const samples: Sample[] = [];
  const started = Date.now();
  server.onLine((line) => {
    const [word, rss, heap, values] = line.split(' ');
    if (word !== 'memory') return;
    samples.push({
      at: (Date.now() - started) / 1000,
      rss: Number(rss),
      heap: Number(heap),
      values: Number(values),
    });
  });
  let scrapes = 0;
  let failures = 0;
  let slowest = 0;
  let firstBody = 0;
  let lastBody = 0;
  let lastText = '';
  try {
    while (Date.now() - started < seconds * 1000) {
      const sent = performance.now();
      const response = await probe(server.url).catch((error: Error) => {
        console.log(`  scrape ${scrapes + 1} failed: ${error.message}`);
        return undefined;
      });
      const took = performance.now() - sent;
      scrapes++;
      if (response?.status === 200) {
        slowest = Math.max(slowest, took);
        if (firstBody === 0) firstBody = response.bytes;
        lastBody = response.bytes;
        lastText = response.text;
      } else {
        failures++;
        if (response) console.log(`  scrape ${scrapes} answered ${response.status}`);
      }
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 1000 - took)));
    }
    const vmRss = procRss(server.pid);
    if (vmRss !== undefined) console.log(`  VmRSS from /proc at the end: ${mb(vmRss)}`);
  } finally {
    await server.stop();
  }
  const minute = samples.find((s) => s.at >= Math.min(60, seconds / 3)) ?? samples.at(-1);
  const end = samples.at(-1);
  if (minute === undefined || end === undefined) throw new Error('the soak server sent no memory');
  return {
    seconds,
    valuesRecorded: end.values,
    scrapes,
    failures,
    slowestScrapeMs: slowest,
    firstBodyBytes: firstBody,
    lastBodyBytes: lastBody,
    overflowSamples: lastText.split('\n').filter((l) => l.includes('"__overflow__"')).length,
    minute,
    end,
  };
}

export function printSoak(r: SoakResult): void {
  console.log(
    `  ${r.valuesRecorded.toLocaleString('en')} new values each for topic, partition and operator`,
  );
  console.log(
    `  scrapes: ${r.scrapes}, failed ${r.failures}, slowest ${r.slowestScrapeMs.toFixed(0)} ms; ` +
      `body ${kb(r.firstBodyBytes)} first, ${kb(r.lastBodyBytes)} last; ` +
      `${r.overflowSamples} sample lines on __overflow__`,
  );
  console.log(
    `  RSS at ${r.minute.at.toFixed(0)} s ${mb(r.minute.rss)}, at ${r.end.at.toFixed(0)} s ` +
      `${mb(r.end.rss)}: growth ${mb(r.end.rss - r.minute.rss)}`,
  );
  console.log(
    `  heapUsed after gc at ${r.minute.at.toFixed(0)} s ${mb(r.minute.heap)}, at ` +
      `${r.end.at.toFixed(0)} s ${mb(r.end.heap)}: growth ${mb(r.end.heap - r.minute.heap)}`,
  );
}

function procRss(pid: number): number | undefined {
  try {
    const kbs = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kbs === undefined ? undefined : Number(kbs) * 1024;
  } catch {
    return undefined;
  }
}

export const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
