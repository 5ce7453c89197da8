import type { MiddlewareHandler } from 'hono';
import { basicAuth } from 'hono/basic-auth';
import { bearerAuth } from 'hono/bearer-auth';

/**
 * Protection of `/metrics`, as Prometheus's scrape config offers it: a bearer token
 * (`authorization: { credentials_file }`) or basic auth (`basic_auth`). `/health` and `/ready`
 * stay open, because orchestrators' probes carry no credentials.
 */
export type MetricsAuth =
  | { readonly bearerToken: string }
  | { readonly username: string; readonly password: string };

/** RFC 6750's token68: what a Bearer header may carry, and so what a token may be. */
const TOKEN68 = /^[A-Za-z0-9._~+/-]+=*$/;

const UNAUTHORIZED = { error: 'unauthorized' };

/** Thrown for a configuration that could never authenticate anyone. */
export class MetricsAuthError extends Error {
  override readonly name = 'MetricsAuthError';
}

/**
 * Hono's own middleware, which compares credentials in constant time (SHA-256 of both sides,
 * then a comparison that does not stop at the first difference), with short JSON bodies.
 */
export function authMiddleware(auth: MetricsAuth): MiddlewareHandler {
  if ('bearerToken' in auth) {
    if (!TOKEN68.test(auth.bearerToken)) {
      throw new MetricsAuthError(
        'metrics auth: a bearer token may only contain A-Z a-z 0-9 - . _ ~ + / and trailing =',
      );
    }
    return bearerAuth({
      token: auth.bearerToken,
      noAuthenticationHeader: { message: UNAUTHORIZED },
      invalidAuthenticationHeader: { message: { error: 'malformed authorization header' } },
      invalidToken: { message: UNAUTHORIZED },
    });
  }
  if (auth.username === '' || auth.username.includes(':') || auth.password === '') {
    throw new MetricsAuthError(
      'metrics auth: basic auth needs a username without ":" and a non-empty password',
    );
  }
  return basicAuth({
    username: auth.username,
    password: auth.password,
    realm: 'metrics',
    invalidUserMessage: UNAUTHORIZED,
  });
}

/**
 * `METRICS_AUTH_TOKEN`, or `METRICS_AUTH_USERNAME` with `METRICS_AUTH_PASSWORD`; undefined when
 * none is set. Half a configuration is an error, not an open endpoint.
 */
export function authFromEnv(env: (name: string) => string | undefined): MetricsAuth | undefined {
  const token = env('METRICS_AUTH_TOKEN');
  const username = env('METRICS_AUTH_USERNAME');
  const password = env('METRICS_AUTH_PASSWORD');
  const basic = username !== undefined || password !== undefined;
  if (token !== undefined && basic) {
    throw new MetricsAuthError(
      'metrics auth: set METRICS_AUTH_TOKEN or METRICS_AUTH_USERNAME/METRICS_AUTH_PASSWORD, not both',
    );
  }
  if (token !== undefined) return { bearerToken: token.trim() };
  if (!basic) return undefined;
  if (username === undefined || password === undefined) {
    throw new MetricsAuthError(
      'metrics auth: METRICS_AUTH_USERNAME and METRICS_AUTH_PASSWORD go together',
    );
  }
  return { username, password };
}
