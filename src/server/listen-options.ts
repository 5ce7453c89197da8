/** The seed's default: every interface, port 9090. */
export const DEFAULT_HOST = '0.0.0.0';
export const DEFAULT_PORT = 9090;

export interface ListenOptions {
  readonly host?: string | undefined;
  readonly port?: number | undefined;
}

export interface ResolvedListenOptions {
  readonly host: string;
  readonly port: number;
}

/** A problem that stops the server from starting, phrased as one line for the terminal. */
export class MetricsServerError extends Error {
  override readonly name = 'MetricsServerError';
}

/**
 * Options win over `METRICS_HOST` and `METRICS_PORT`, which win over the defaults. A port that is
 * not an integer in 0–65535 is an error rather than a silent fallback to 9090.
 */
export function resolveListenOptions(
  options: ListenOptions,
  env: (name: string) => string | undefined,
): ResolvedListenOptions {
  const host = options.host ?? nonEmpty(env('METRICS_HOST')) ?? DEFAULT_HOST;
  const port = options.port ?? parsePort(nonEmpty(env('METRICS_PORT')));
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new MetricsServerError(`metrics server: port ${port} is not an integer in 0-65535`);
  }
  return { host, port };
}

function parsePort(text: string | undefined): number {
  if (text === undefined) return DEFAULT_PORT;
  if (!/^\d+$/.test(text)) {
    throw new MetricsServerError(`metrics server: METRICS_PORT="${text}" is not a port number`);
  }
  return Number(text);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** The one-line message for a port that another process holds. */
export function portInUseMessage({ host, port }: ResolvedListenOptions): string {
  return `metrics server: ${host}:${port} is already in use; stop the other process or set METRICS_PORT`;
}

/** The one-line message for any other reason a server could not listen. */
export function cannotListenMessage({ host, port }: ResolvedListenOptions, reason: string): string {
  return `metrics server: cannot listen on ${host}:${port} (${reason})`;
}
