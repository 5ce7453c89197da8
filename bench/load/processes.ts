import { type ChildProcess, spawn } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
const children = new Set<ChildProcess>();

// Whatever happens to this script, nothing it started outlives it: the 'exit' handler runs on a
// normal end, on process.exit, on an uncaught error and (through the handlers below) on signals.
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => process.exit(1));
}

export interface Server {
  readonly url: string;
  readonly pid: number;
  /** Lines the server printed, as they come. */
  onLine(listener: (line: string) => void): void;
  /** SIGTERM, SIGKILL after 5 s; resolves with everything the server printed. */
  stop(): Promise<string>;
}

/**
 * Starts `bench/load/server.ts` as LOAD_SERVER=kind and resolves once it prints `listening PORT`.
 * It runs as `node --import tsx`, not through the tsx CLI, which would put the server in a
 * grandchild that a SIGKILL to its parent leaves running (and whose memory is not its parent's).
 */
export function startServer(kind: string, env: Record<string, string> = {}): Promise<Server> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--expose-gc', join('bench', 'load', 'server.ts')],
    {
      cwd: ROOT,
      env: { ...process.env, ...env, LOAD_SERVER: kind },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
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
  exited.then(() => children.delete(child));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${kind} server did not start in 30 s`));
    }, 30_000);
    child.on('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
    listeners.push((line) => {
      const port = /^listening (\d+)$/.exec(line)?.[1];
      if (port === undefined) return;
      clearTimeout(timer);
      resolve({
        url: `http://127.0.0.1:${port}/metrics`,
        pid: child.pid ?? 0,
        onLine: (listener) => listeners.push(listener),
        async stop() {
          child.kill('SIGTERM');
          const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
          await exited;
          clearTimeout(killer);
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
  /** Socket errors other than timeouts (autocannon counts timeouts among its errors). */
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
}

/** autocannon in its own process, `--json`, against one URL; headers as `name=value`. */
export function autocannon(
  url: string,
  { connections, seconds, headers }: { connections: number; seconds: number; headers: string[] },
): Promise<LoadResult> {
  const args = ['--json', '-c', String(connections), '-d', String(seconds), '-t', '10'];
  for (const header of headers) args.push('-H', header);
  const child = spawn(join(ROOT, 'node_modules', '.bin', 'autocannon'), [...args, url], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let json = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    json += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => {
      children.delete(child);
      if (code !== 0) return reject(new Error(`autocannon exited with ${code}: ${stderr.trim()}`));
      const r = JSON.parse(json);
      resolve({
        rps: r.requests.total / r.duration,
        p50: r.latency.p50,
        p99: r.latency.p99,
        requests: r.requests.total,
        errors: r.errors - r.timeouts,
        timeouts: r.timeouts,
        non2xx: r.non2xx,
      });
    });
  });
}

/** One GET with these headers: status, Content-Type, Content-Encoding and the bytes on the wire. */
export function probe(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; type: string; encoding: string; bytes: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({
          status: response.statusCode ?? 0,
          type: response.headers['content-type'] ?? '',
          encoding: response.headers['content-encoding'] ?? 'identity',
          bytes: body.byteLength,
          text: response.headers['content-encoding'] ? '' : body.toString(),
        });
      });
      response.on('error', reject);
    });
    req.setTimeout(10_000, () => req.destroy(new Error('timed out after 10 s')));
    req.on('error', reject);
    req.end();
  });
}
