import { startMetricsServer } from '../../src/node.ts';
import { runDemo } from './demo.ts';

await runDemo(startMetricsServer, 'Node');
