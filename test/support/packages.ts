import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from './cli.ts';

export interface Tarballs {
  readonly runtime: string;
  readonly cli: string;
}

/** Runs a command to completion and fails with its output when it does not exit 0. */
export function mustRun(
  command: string,
  args: readonly string[],
  cwd: string,
  timeout = 180_000,
): SpawnSyncReturns<string> {
  const run = spawnSync(command, args, { cwd, encoding: 'utf8', timeout });
  if (run.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} exited ${run.status}:\n${run.stdout}${run.stderr}`,
    );
  }
  return run;
}

/** `npm pack --workspaces`, as a release would: each package builds itself in `prepack`. */
export function packWorkspaces(destination: string): Tarballs {
  mustRun('npm', ['pack', '--workspaces', '--pack-destination', destination], PROJECT_ROOT);
  const files = readdirSync(destination);
  const find = (pattern: RegExp) => {
    const file = files.find((name) => pattern.test(name));
    if (file === undefined) throw new Error(`npm pack wrote no ${pattern} in ${files.join(', ')}`);
    return join(destination, file);
  };
  return { runtime: find(/^metrics-kit-\d/), cli: find(/^metrics-kit-cli-\d/) };
}

/**
 * A new project outside this repository, as another service starts one: a package.json, then
 * `npm install` of what it needs. `--prefer-offline` takes packages from npm's cache, which this
 * repository's own `npm ci` filled, and asks the registry only for what is missing.
 */
export function newProject(
  packageJson: Record<string, unknown>,
  dependencies: readonly string[],
  devDependencies: readonly string[] = [],
): string {
  const directory = mkdtempSync(join(tmpdir(), 'metrics-kit-user-'));
  writeFileSync(join(directory, 'package.json'), `${JSON.stringify(packageJson, null, 2)}\n`);
  const install = ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];
  if (dependencies.length > 0) mustRun('npm', [...install, ...dependencies], directory);
  if (devDependencies.length > 0) mustRun('npm', [...install, '-D', ...devDependencies], directory);
  return directory;
}

/** Writes `files` (relative path → text) under `directory`. */
export function writeFiles(directory: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(directory, path, '..'), { recursive: true });
    writeFileSync(join(directory, path), text);
  }
}
