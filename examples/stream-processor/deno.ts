import { startMetricsServer } from '../../src/deno.ts';
import { runDemo } from './demo.ts';

await runDemo(startMetricsServer, 'Deno');
