import type { ExpositionFormat } from '../exposition/text-format.ts';

/** What `/metrics` can answer: the two text formats and Prometheus's protobuf. */
export type ScrapeFormat = ExpositionFormat | 'protobuf';

interface Offer {
  readonly format: ScrapeFormat | 'any';
  readonly q: number;
  readonly order: number;
}

/**
 * The format to answer an `Accept` header with: the acceptable offer with the highest q, the
 * earliest on a tie, text 0.0.4 for `*\/*`, no header or nothing known. Protobuf counts only as
 * `application/vnd.google.protobuf` with `proto=io.prometheus.client.MetricFamily` and
 * `encoding=delimited`, what Prometheus sends with native histograms enabled: another proto or
 * the text encoding of protobuf is something this endpoint cannot produce.
 *
 * @example
 * negotiateFormat('application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited,application/openmetrics-text;version=1.0.0;q=0.8'); // 'protobuf'
 */
export function negotiateFormat(accept: string | undefined): ScrapeFormat {
  const offers: Offer[] = [];
  for (const [order, entry] of (accept ?? '').split(',').entries()) {
    const [mediaType = '', ...parameterTexts] = entry.split(';').map((part) => part.trim());
    const parameters = new Map(
      parameterTexts.map((text) => {
        const at = text.indexOf('=');
        return [
          text.slice(0, at).trim().toLowerCase(),
          text
            .slice(at + 1)
            .trim()
            .replace(/^"|"$/g, ''),
        ];
      }),
    );
    const q = Number(parameters.get('q') ?? '1');
    const format = formatOf(mediaType.toLowerCase(), parameters);
    if (format !== undefined && q > 0 && !Number.isNaN(q)) offers.push({ format, q, order });
  }
  offers.sort((a, b) => b.q - a.q || a.order - b.order);
  const best = offers[0]?.format;
  return best === undefined || best === 'any' ? 'prometheus' : best;
}

function formatOf(
  mediaType: string,
  parameters: ReadonlyMap<string, string>,
): Offer['format'] | undefined {
  switch (mediaType) {
    case 'application/vnd.google.protobuf':
      return parameters.get('proto') === 'io.prometheus.client.MetricFamily' &&
        parameters.get('encoding') === 'delimited'
        ? 'protobuf'
        : undefined;
    case 'application/openmetrics-text':
      return 'openmetrics';
    case 'text/plain':
      return 'prometheus';
    case '*/*':
    case 'text/*':
      return 'any';
    default:
      return undefined;
  }
}
