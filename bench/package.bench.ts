// `npm run bench:package`: what a service pays for the packages. Packs both workspaces, installs
// them into a project outside the repository, and measures the runtime's production install
// size, its import time on plain node, and `generate` through the installed bin, each against a
// baseline from the same run. About a minute, most of it npm.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../test/support/cli.ts';
import { mustRun, newProject, packWorkspaces } from '../test/support/packages.ts';

const RUNS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** Median wall time of a command over RUNS runs, after one unmeasured warm-up. */
function timeCommand(command: string, args: readonly string[], cwd: string): number {
  mustRun(command, args, cwd);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    mustRun(command, args, cwd);
    times.push(performance.now() - started);
  }
  return median(times);
}

function directoryBytes(directory: string): number {
  return Number(mustRun('du', ['-sb', directory], directory).stdout.split('\t')[0]);
}

const packs = mkdtempSync(join(tmpdir(), 'metrics-kit-bench-packs-'));
const tarballs = packWorkspaces(packs);
console.log(
  `tarball ${tarballs.runtime.split('/').pop()} ${statSync(tarballs.runtime).size} bytes`,
);
console.log(`tarball ${tarballs.cli.split('/').pop()} ${statSync(tarballs.cli).size} bytes`);

const production = newProject({ name: 'prod', private: true, type: 'module' }, []);
mustRun(
  'npm',
  ['install', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund', tarballs.runtime],
  production,
);
const installBytes = directoryBytes(join(production, 'node_modules'));
const packages = spawnSync('npm', ['ls', '--all', '--parseable'], {
  cwd: production,
  encoding: 'utf8',
});
console.log(
  `runtime production install: ${(installBytes / 1e6).toFixed(2)} MB in ${packages.stdout.trim().split('\n').length - 1} packages (budget 15 MB)`,
);

const nodeStart = timeCommand(process.execPath, ['-e', ''], production);
const runtimeImport = timeCommand(
  process.execPath,
  ['-e', "await import('metrics-kit')", '--input-type=module'],
  production,
);
console.log(
  `node -e "": ${nodeStart.toFixed(1)} ms; import('metrics-kit'): ${runtimeImport.toFixed(1)} ms (medians of ${RUNS})`,
);
console.log(`ratio runtime_import_vs_node_start ${(runtimeImport / nodeStart).toFixed(2)}`);

const user = newProject(
  { name: 'user', private: true, type: 'module' },
  [tarballs.runtime],
  [tarballs.cli],
);
const spec = join(PROJECT_ROOT, 'metrics.yaml');
const installed = timeCommand(
  join(user, 'node_modules', '.bin', 'metrics-kit'),
  ['generate', '--spec', spec, '--out', 'out'],
  user,
);
const repository = timeCommand(
  process.execPath,
  [
    join(PROJECT_ROOT, 'codegen', 'dev-cli.mjs'),
    'generate',
    '--spec',
    spec,
    '--out',
    join(user, 'out-repo'),
  ],
  user,
);
console.log(
  `generate of the stream processor's spec: installed bin ${installed.toFixed(0)} ms, npm run codegen ${repository.toFixed(0)} ms (medians of ${RUNS}; budget 1000 ms)`,
);
console.log(`ratio installed_generate_vs_repo_codegen ${(installed / repository).toFixed(2)}`);

for (const directory of [packs, production, user])
  rmSync(directory, { recursive: true, force: true });
