/**
 * What a second service writes when it adopts metrics-kit: its own spec (enum and free-form
 * labels, all three metric types), a server, and a compiler configuration as strict as a new
 * project's. The package tests install the packed packages and run these.
 */
export const USER_SPEC = `version: 1
namespace: shop

labels:
  method:
    description: HTTP request method.
    values: [GET, POST]
  route:
    description: Route template.
    max_values: 20
  shard:
    description: Cache shard number.
    max_values: 8
    type: integer

buckets:
  latency:
    description: Request latencies.
    values: [0.01, 0.1, 1]

groups:
  - id: http
    title: HTTP
    description: Requests this shop answers.
    metrics:
      - name: requests
        type: counter
        help: Requests answered.
        labels: [method, route]
      - name: request_duration_seconds
        type: histogram
        unit: seconds
        help: Time to answer a request.
        labels: [method]
        buckets: latency
      - name: cache_entries
        type: gauge
        help: Entries in a cache shard.
        labels: [shard]
`;

/** Records into every family, so each appears with a sample. */
const RECORDING = `metrics.recordRequests('GET', '/cart');
metrics.recordRequests('POST', '/cart/:id', 2);
metrics.recordRequestDurationSeconds('GET', 0.05);
metrics.setCacheEntries(3, 120);`;

export const TS_SERVER = `import { Registry } from 'prom-client';
import { startMetricsServer } from 'metrics-kit/node';
import { createShopMetrics } from './generated/metrics.js';

const registry = new Registry();
const metrics = createShopMetrics({ registry });
${RECORDING}
const server = await startMetricsServer({ registry, host: '127.0.0.1', version: '1.2.3' });
console.log(\`listening on \${server.url}\`);
`;

/** Bun and Deno run the same generated client from its TypeScript source. */
export function runtimeServer(runtime: 'bun' | 'deno'): string {
  return TS_SERVER.replace("'metrics-kit/node'", `'metrics-kit/${runtime}'`).replace(
    './generated/metrics.js',
    './generated/metrics.ts',
  );
}

/** A label-value typo on line 5: the compiler must reject it there. */
export const TS_TYPO = `import { Registry } from 'prom-client';
import { createShopMetrics } from './generated/metrics.js';

const metrics = createShopMetrics({ registry: new Registry() });
metrics.recordRequests('GETT', '/cart');
`;
export const TYPO_LINE = 5;

/** The strictest settings a new TypeScript project turns on, and those Node's type stripping needs. */
export const TS_CONFIG = `{
  "compilerOptions": {
    "target": "es2022",
    "module": "nodenext",
    "moduleResolution": "nodenext",
    "strict": true,
    "verbatimModuleSyntax": true,
    "isolatedModules": true,
    "erasableSyntaxOnly": true,
    "noUncheckedIndexedAccess": true,
    "exactOptionalPropertyTypes": true,
    "skipLibCheck": false,
    "types": [],
    "rootDir": ".",
    "outDir": "dist"
  },
  "include": ["server.ts", "generated/metrics.ts"]
}
`;

/** The same settings over the file with the typo alone. */
export const TS_CONFIG_TYPO = `{
  "extends": "./tsconfig.json",
  "compilerOptions": { "noEmit": true },
  "include": ["typo.ts"]
}
`;

/** Plain JavaScript runs the same server text: it uses no TypeScript syntax. */
export const JS_SERVER = TS_SERVER;

/** A CommonJS project: require() of the ESM runtime and of the generated JavaScript client. */
export const CJS_SCRIPT = `const { Registry } = require('prom-client');
const { renderMetrics, MetricSet } = require('metrics-kit');
const { createShopMetrics } = require('./generated/metrics.js');

const registry = new Registry();
const metrics = createShopMetrics({ registry });
${RECORDING}
console.log(typeof MetricSet);
renderMetrics(registry, 'text').then((text) => process.stdout.write(text));
`;
