import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PRELOAD = join(import.meta.dirname, 'loaded-modules.cjs');

/** The packages a command loaded (`ts-morph`, `@ts-morph/common`, `yaml`…), after it exits 0. */
export function packagesLoadedBy(command: string, args: readonly string[], cwd: string): string[] {
  const directory = mkdtempSync(join(tmpdir(), 'metrics-kit-modules-'));
  const file = join(directory, 'modules.txt');
  try {
    const run = spawnSync(command, args, {
      cwd,
      encoding: 'utf8',
      env: {
        ...process.env,
        NODE_OPTIONS: `--require ${PRELOAD}`,
        LOADED_MODULES_FILE: file,
      },
    });
    if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${run.stderr}`);
    const paths = readFileSync(file, 'utf8').split('\n');
    const names = paths.map((path) => /.*\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path)?.[1]);
    return [...new Set(names.filter((name) => name !== undefined))].sort();
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
