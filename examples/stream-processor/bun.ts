import { startMetricsServer } from 'metrics-kit/bun';
import { runDemo } from './demo.ts';

await runDemo(startMetricsServer, 'Bun');
