import process from 'node:process';
import { startMetricsServer } from 'metrics-kit/node';
import { runDemo } from './demo.ts';
import { multicoreMode, runClusterDemo, runThreadsDemo } from './multicore.ts';

const multicore = multicoreMode(process.argv.slice(2));
if (multicore === undefined) await runDemo(startMetricsServer, 'Node');
else if (multicore.mode === 'threads') await runThreadsDemo(multicore.count);
else await runClusterDemo(multicore.count);
