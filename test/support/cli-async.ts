import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { type CliRun, PROJECT_ROOT } from './cli.ts';

/**
 * Runs the CLI as `runCodegen` does, without blocking this process: servers the test itself
 * runs keep answering while the CLI scrapes them. Killed after `timeoutMs`.
 */
export function runCliAsync(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<CliRun> {
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'codegen', 'dev-cli.mjs'), ...args], {
    cwd: options.cwd ?? PROJECT_ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
  return new Promise((resolve) => {
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}
