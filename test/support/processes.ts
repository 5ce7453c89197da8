import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { PROJECT_ROOT } from './cli.ts';

/** A loopback port that was free a moment ago. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export interface RunningProcess {
  readonly child: ChildProcess;
  output(): string;
  /** Sends `signal` and resolves with the exit code, killing the process if it overstays. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<number | null>;
}

const running = new Set<ChildProcess>();

/**
 * Starts a command, from the project root unless `cwd` says otherwise; `stopAll()` in
 * `afterEach` ends whatever is left.
 */
export function startProcess(
  command: string,
  args: readonly string[],
  env: Record<string, string> = {},
  cwd = PROJECT_ROOT,
): RunningProcess {
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so that a kill reaches what it started too: the tsx CLI runs the
    // script in a child node process, and cannot pass a SIGKILL on to it.
    detached: true,
  });
  running.add(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => {
      running.delete(child);
      resolve(code);
    });
  });
  return {
    child,
    output: () => output,
    async stop(signal = 'SIGTERM', timeoutMs = 10_000) {
      if (child.exitCode === null) child.kill(signal);
      const timer = setTimeout(() => killGroup(child), timeoutMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** SIGKILLs every process started here, with everything each one started, and waits for them. */
export async function stopAll(): Promise<void> {
  const exits = [...running].map((child) =>
    child.exitCode === null && child.signalCode === null ? once(child, 'exit') : undefined,
  );
  for (const child of running) killGroup(child);
  running.clear();
  await Promise.all(exits);
}

function killGroup(child: ChildProcess): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // The group is already gone.
  }
}

/** Polls `url` until `accept` returns a value, or fails after `timeoutMs` with what it saw. */
export async function pollUntil<T>(
  url: string,
  accept: (response: Response, body: string) => T | undefined,
  timeoutMs: number,
  init: RequestInit = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no response';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { ...init, signal: AbortSignal.timeout(2000) });
      const body = await response.text();
      const accepted = accept(response, body);
      if (accepted !== undefined) return accepted;
      last = `${response.status} ${body.slice(0, 200)}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`gave up on ${url} after ${timeoutMs} ms; last: ${last}`);
}

/**
 * The command behind an npm script (`npm start`, `npm run start:bun`, …), run directly rather
 * than through npm so that signals reach the demo itself. Tests run what the README tells users.
 */
export function scriptCommand(script: string): { command: string; args: string[] } {
  const scripts = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')).scripts;
  const [binary = '', ...args] = String(scripts[script]).split(' ');
  return { command: join(PROJECT_ROOT, 'node_modules', '.bin', binary), args };
}
