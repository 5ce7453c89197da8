import { parseArgs } from 'node:util';
import { loadSpecFile } from '../diff/load.ts';
import { checkScrape } from '../verify/check.ts';
import { decode } from '../verify/decode.ts';
import { ExpositionError } from '../verify/exposition.ts';
import { formatReport } from '../verify/report.ts';
import { authorizationFromEnv, type Protocol, ScrapeError, scrape } from '../verify/scrape.ts';

const USAGE = `usage: metrics-kit verify --url URL [--spec FILE] [--format text|json] [--protocol openmetrics|text]
                          [--timeout SECONDS] [--max-bytes N]

  --url URL          the running service's metrics endpoint, such as http://127.0.0.1:9090/metrics
  --spec FILE        the spec to hold it against (default: metrics.yaml)
  --format FORMAT    text (default) or json
  --protocol P       the exposition to ask for: openmetrics (default; units are checked) or text
  --timeout SECONDS  for the whole scrape (default 10)
  --max-bytes N      the most body to read (default 16777216, 16 MiB)

Credentials, when /metrics is protected, come from the server's own variables:
METRICS_AUTH_TOKEN, or METRICS_AUTH_USERNAME with METRICS_AUTH_PASSWORD.

exit: 0 the service matches its spec, 1 drift, 2 usage, an unreachable service or an unreadable answer`;

const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;

/** `metrics-kit verify`: scrapes a running service and holds what it exposes against the spec. */
export async function run(argv: readonly string[]): Promise<number> {
  let values: {
    url?: string;
    spec: string;
    format: string;
    protocol: string;
    timeout: string;
    'max-bytes': string;
    help: boolean;
  };
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        url: { type: 'string' },
        spec: { type: 'string', default: 'metrics.yaml' },
        format: { type: 'string', default: 'text' },
        protocol: { type: 'string', default: 'openmetrics' },
        timeout: { type: 'string', default: '10' },
        'max-bytes': { type: 'string', default: String(DEFAULT_MAX_BYTES) },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    return usage((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (values.url === undefined || values.url === '') return usage('--url is required');
  if (values.format !== 'text' && values.format !== 'json')
    return usage('--format must be text or json');
  if (values.protocol !== 'openmetrics' && values.protocol !== 'text') {
    return usage('--protocol must be openmetrics or text');
  }
  const timeout = Number(values.timeout);
  const maxBytes = Number(values['max-bytes']);
  if (!(timeout > 0)) return usage('--timeout must be a positive number of seconds');
  if (!Number.isInteger(maxBytes) || maxBytes <= 0)
    return usage('--max-bytes must be a positive integer');

  const loaded = loadSpecFile(values.spec);
  if (!loaded.ok) return failed(loaded.errors);
  try {
    const scraped = await scrape({
      url: values.url,
      protocol: values.protocol as Protocol,
      timeoutMs: timeout * 1000,
      maxBytes,
      authorization: authorizationFromEnv(process.env),
    });
    const { format, families } = decode(scraped.contentType, scraped.body);
    const findings = checkScrape(loaded.version, families, format.startsWith('OpenMetrics'));
    const report = {
      url: values.url,
      spec: values.spec,
      format,
      families: families.length,
      samples: families.reduce((sum, family) => sum + family.samples.length, 0),
      findings,
    };
    process.stdout.write(formatReport(report, values.format));
    return findings.length === 0 ? 0 : 1;
  } catch (error) {
    if (error instanceof ScrapeError) return failed([error.message]);
    if (error instanceof ExpositionError) return failed([`${values.url}: ${error.message}`]);
    throw error;
  }
}

function usage(message: string): number {
  process.stderr.write(`verify: ${message}\n${USAGE}\n`);
  return 2;
}

function failed(errors: readonly string[]): number {
  for (const error of errors) process.stderr.write(`verify: ${error}\n`);
  return 2;
}
