import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
const children = new Set<ChildProcess>();

// Whatever happens to this script, nothing it started outlives it.
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(1));

export interface Server {
  readonly url: string;
  /** Lines the server printed, as they come. */
  onLine(listener: (line: string) => void): void;
  stop(): Promise<string>;
}

/** Starts `bench/load/server.ts` as LOAD_SERVER=kind and resolves once it listens. */
export function startServer(kind: string): Promise<Server> {
  const child = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), ['bench/load/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, LOAD_SERVER: kind },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.add(child);
  const listeners: ((line: string) => void)[] = [];
  let output = '';
  let pending = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      output += `${line}\n`;
      for (const listener of listeners) listener(line);
    }
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${kind} server did not start in 30 s`)),
      30_000,
    );
    child.on('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
    listeners.push((line) => {
      const port = /^listening (\d+)$/.exec(line)?.[1];
      if (port === undefined) return;
      clearTimeout(timer);
      resolve({
        url: `http://127.0.0.1:${port}/metrics`,
        onLine: (listener) => listeners.push(listener),
        async stop() {
          child.kill('SIGTERM');
          const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
          await exited;
          clearTimeout(killer);
          children.delete(child);
          return output;
        },
      });
    });
  });
}

export interface LoadResult {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly requests: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
  readonly bytesPerResponse: number;
}

/** autocannon in its own process, `--json`, against one URL. */
export function autocannon(
  url: string,
  { connections, seconds, headers }: { connections: number; seconds: number; headers: string[] },
): Promise<LoadResult> {
  const args = ['--json', '-c', String(connections), '-d', String(seconds), '-t', '10'];
  for (const header of headers) args.push('-H', header);
  const child = spawn(join(ROOT, 'node_modules', '.bin', 'autocannon'), [...args, url], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  children.add(child);
  let json = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    json += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => {
      children.delete(child);
      if (code !== 0) return reject(new Error(`autocannon exited with ${code}`));
      const r = JSON.parse(json);
      resolve({
        rps: r.requests.average,
        p50: r.latency.p50,
        p99: r.latency.p99,
        requests: r.requests.total,
        errors: r.errors,
        timeouts: r.timeouts,
        non2xx: r.non2xx,
        bytesPerResponse: r.requests.total > 0 ? r.throughput.total / r.requests.total : 0,
      });
    });
  });
}
