import { workerData } from 'node:worker_threads';
import { shareThreadMetrics } from 'metrics-kit';
import { Registry } from 'prom-client';
import { createProcessorMetrics } from '../../generated/metrics.ts';
import { startSimulation } from './simulation.ts';

/** One worker thread of `npm start -- --threads N`: a simulation recording into its shard. */
const registry = new Registry();
const metrics = createProcessorMetrics({ registry });
shareThreadMetrics(registry, workerData.metrics);
startSimulation(metrics);
