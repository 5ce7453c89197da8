import { startMetricsServer } from 'metrics-kit/deno';
import { runDemo } from './demo.ts';

await runDemo(startMetricsServer, 'Deno');
