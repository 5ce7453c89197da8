// Preloaded into each benchmarked process (node --import): on exit, records the peak resident
// set size for the parent, which cannot read a child's maxRSS itself through spawnSync.
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_USAGE_FILE;
if (file) {
  process.on('exit', () => {
    writeFileSync(file, JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS }));
  });
}
