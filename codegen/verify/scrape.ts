/** The exposition formats `verify` asks for; protobuf is answered only once a parser exists. */
export type Protocol = 'openmetrics' | 'text';

export interface ScrapeOptions {
  readonly url: string;
  readonly protocol: Protocol;
  readonly timeoutMs: number;
  readonly maxBytes: number;
  /** Sent as `Authorization`; from the same variables the metrics server reads. */
  readonly authorization?: string | undefined;
}

export interface Scraped {
  readonly contentType: string;
  readonly body: Uint8Array;
}

/** Why a scrape gave nothing to check: one line, shown with exit 2. */
export class ScrapeError extends Error {}

const ACCEPT: Readonly<Record<Protocol, string>> = {
  openmetrics:
    'application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5,*/*;q=0.1',
  text: 'text/plain;version=0.0.4,*/*;q=0.1',
};

/**
 * One GET, bounded in time (connect, headers and body together) and in size (the body is read
 * in chunks and abandoned past `maxBytes`, after decompression), so a hanging or endless
 * endpoint ends the run instead of hanging it or filling memory.
 */
export async function scrape(options: ScrapeOptions): Promise<Scraped> {
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    throw new ScrapeError(`"${options.url}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ScrapeError(`"${options.url}" is not an http(s) URL`);
  }
  const signal = AbortSignal.timeout(options.timeoutMs);
  const seconds = `${options.timeoutMs / 1000} s`;
  try {
    const headers: Record<string, string> = { Accept: ACCEPT[options.protocol] };
    if (options.authorization !== undefined) headers.Authorization = options.authorization;
    const response = await fetch(url, { headers, signal, redirect: 'follow' });
    if (!response.ok) {
      await response.body?.cancel().catch(() => {});
      throw new ScrapeError(
        `${url.href} answered ${response.status} ${response.statusText}`.trim(),
      );
    }
    const contentType = response.headers.get('content-type') ?? '';
    const body = await readBounded(response, options.maxBytes, url.href);
    return { contentType, body };
  } catch (error) {
    if (error instanceof ScrapeError) throw error;
    if (signal.aborted) throw new ScrapeError(`${url.href} did not answer within ${seconds}`);
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new ScrapeError(
      `${url.href} is unreachable (${cause?.code ?? cause?.message ?? (error as Error).message})`,
    );
  }
}

async function readBounded(
  response: Response,
  maxBytes: number,
  href: string,
): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw new ScrapeError(`${href} sent ${declared} bytes; the limit is ${maxBytes} (--max-bytes)`);
  }
  const reader = response.body?.getReader();
  if (reader === undefined) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new ScrapeError(
        `${href} sent more than ${maxBytes} bytes (--max-bytes); stopped reading`,
      );
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** The credentials the metrics server itself is configured with, if any. */
export function authorizationFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  const token = env.METRICS_AUTH_TOKEN;
  if (token !== undefined && token !== '') return `Bearer ${token}`;
  const { METRICS_AUTH_USERNAME: user, METRICS_AUTH_PASSWORD: password } = env;
  if (user !== undefined && password !== undefined) {
    return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  }
  return undefined;
}
