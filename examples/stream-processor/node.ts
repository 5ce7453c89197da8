import { startMetricsServer } from 'metrics-kit/node';
import { runDemo } from './demo.ts';

await runDemo(startMetricsServer, 'Node');
