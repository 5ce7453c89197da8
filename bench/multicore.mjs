// `npm run bench:multicore`: the cluster scrape and the worker-thread benchmarks, each in its
// own process, output passed through, and every `ratio` and `lost` line repeated at the end.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const benches = ['bench/multicore/cluster-scrape.ts', 'bench/multicore/threads.ts'];
const results = [];

for (const bench of benches) {
  console.log(`\n== ${bench}\n`);
  const code = await new Promise((resolve) => {
    const child = spawn(tsx, [bench], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let pending = '';
    child.stdout.on('data', (chunk) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        console.log(line);
        if (line.startsWith('ratio ') || line.startsWith('lost ')) results.push(line);
      }
    });
    child.on('exit', (exitCode) => {
      if (pending !== '') console.log(pending);
      resolve(exitCode);
    });
  });
  if (code !== 0) {
    console.error(`${bench} failed with exit code ${code}`);
    process.exit(1);
  }
}

console.log('');
for (const line of results) console.log(line);
