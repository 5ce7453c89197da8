import { startMetricsServer } from '../../src/bun.ts';
import { runDemo } from './demo.ts';

await runDemo(startMetricsServer, 'Bun');
