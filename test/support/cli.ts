import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

export const PROJECT_ROOT = resolve(import.meta.dirname, '..', '..');

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `metrics-kit ARGS` from this repository's sources, in its own process. */
export function runCli(args: readonly string[], cwd = PROJECT_ROOT): CliRun {
  const cli = join(PROJECT_ROOT, 'codegen', 'dev-cli.mjs');
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs `metrics-kit generate ARGS`, as `npm run codegen` does. */
export function runCodegen(args: readonly string[], cwd = PROJECT_ROOT): CliRun {
  return runCli(['generate', ...args], cwd);
}

const created: string[] = [];

export function temporaryDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), 'metrics-codegen-test-'));
  created.push(directory);
  return directory;
}

/** Removes every directory `temporaryDirectory()` made; call it in `afterAll`. */
export function removeTemporaryDirectories(): void {
  for (const directory of created.splice(0)) rmSync(directory, { recursive: true, force: true });
}

/** A scratch copy of a spec file, so a test may break it. */
export function copyFixture(from: string, directory: string, name = 'metrics.yaml'): string {
  const target = join(directory, name);
  cpSync(resolve(PROJECT_ROOT, from), target);
  return target;
}

/** Every file below `root` with its bytes, to compare whole trees. */
export function snapshotTree(root: string): Record<string, string> {
  const tree: Record<string, string> = {};
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    tree[relative(root, path)] = readFileSync(path, 'base64');
  }
  return tree;
}
