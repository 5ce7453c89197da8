import { type ExposedFamily, ExpositionError, parseExposition } from './exposition.ts';

/** What a body was decoded from, for the report. */
export type Decoded = { readonly format: string; readonly families: ExposedFamily[] };

/**
 * One decoder per content type. The protobuf exposition (`application/vnd.google.protobuf`,
 * delimited `io.prometheus.client.MetricFamily` messages) plugs in here: a decoder from bytes to
 * the same families, registered under its media type and asked for in `scrape.ts`'s Accept.
 */
export type Decoder = (body: Uint8Array) => ExposedFamily[];

export const DECODERS: ReadonlyMap<string, { name: string; decode: Decoder }> = new Map([
  [
    'application/openmetrics-text',
    { name: 'OpenMetrics 1.0', decode: (body) => parseExposition(utf8(body), 'openmetrics') },
  ],
  [
    'text/plain',
    { name: 'text 0.0.4', decode: (body) => parseExposition(utf8(body), 'prometheus') },
  ],
]);

export function decode(contentType: string, body: Uint8Array): Decoded {
  const mediaType = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  const text = new TextDecoder().decode(body.subarray(0, 512)).trimStart().toLowerCase();
  if (mediaType === 'text/html' || text.startsWith('<!doctype html') || text.startsWith('<html')) {
    throw new ExpositionError(
      `the response is an HTML page (${contentType || 'no content type'}), not metrics: check the URL's path`,
    );
  }
  if (mediaType === 'application/vnd.google.protobuf') {
    throw new ExpositionError(
      'the response is the protobuf exposition, which verify does not read yet; ask for text',
    );
  }
  // No content type at all: Prometheus reads such a body as text 0.0.4, and so does verify.
  const decoder = DECODERS.get(mediaType === '' ? 'text/plain' : mediaType);
  if (decoder === undefined) {
    throw new ExpositionError(
      `the response is ${mediaType}, not a metrics exposition (text/plain or application/openmetrics-text)`,
    );
  }
  return { format: decoder.name, families: decoder.decode(body) };
}

function utf8(body: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new ExpositionError('the response is not UTF-8 text');
  }
}
