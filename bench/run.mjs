// `npm run bench`: each benchmark in its own process (so one's JIT state cannot bend another's),
// output passed through as it comes, and every `ratio NAME VALUE` line repeated at the very end.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const benches = [
  'bench/recording.bench.ts',
  'bench/native.bench.ts',
  'bench/hot-loop.bench.ts',
  'bench/compat.bench.ts',
  'bench/codegen.bench.ts',
  'bench/spec-life.bench.ts',
];
const ratios = [];

for (const bench of benches) {
  console.log(`\n== ${bench}\n`);
  const code = await new Promise((resolve) => {
    // --expose-gc: the timing harness (bench/hot-loop/measure.ts) collects garbage between rounds.
    const child = spawn(tsx, ['--expose-gc', bench], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let pending = '';
    child.stdout.on('data', (chunk) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('ratio ')) ratios.push(line);
        else console.log(line);
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
for (const line of ratios) console.log(line);
