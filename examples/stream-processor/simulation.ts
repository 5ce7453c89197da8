import {
  aggregateTypeLabelValues,
  backendLabelValues,
  errorTypeLabelValues,
  type ProcessorMetrics,
} from '../../generated/metrics.ts';
import { binomial, count, logNormal, normal, type Random, split } from './distributions.ts';
import {
  CONSUMED_TOPICS,
  FILL_STRATEGIES,
  MAX_SAMPLES,
  OPERATORS,
  PIPELINE_ERRORS,
  RESULTS,
  RULES,
  weightsOf,
} from './profile.ts';
import { deduplication, kafkaConsumer, sampled, stateBackends, windowing } from './stages.ts';
import { sampledTrace } from './traces.ts';

export { seededRandom } from './distributions.ts';

export interface SimulationOptions {
  /** Uniform numbers in [0, 1); `Math.random` when omitted, `seededRandom(n)` to replay a run. */
  random?: () => number;
}

export interface Simulation {
  /** Advances the simulated processor by `elapsedSeconds` and records what happened meanwhile. */
  tick(elapsedSeconds: number): void;
}

type Scheduled = { at: number; record: (metrics: ProcessorMetrics) => void };

/**
 * Rare events a fresh start shows within five seconds however the dice fall, so that every
 * family and every error label has data for a first look at the dashboards, and for tests.
 */
const GUARANTEED: readonly Scheduled[] = [
  ...errorTypeLabelValues.map(
    (type, i): Scheduled => ({
      at: 0.5 + 0.4 * i,
      record: (m) => m.recordPipelineError(type),
    }),
  ),
  ...aggregateTypeLabelValues.map(
    (type, i): Scheduled => ({
      at: 0.7 + 0.5 * i,
      record: (m) => m.recordAggregationError(type),
    }),
  ),
  ...backendLabelValues.map(
    (backend, i): Scheduled => ({
      at: 1 + 0.6 * i,
      record: (m) => m.recordStateEviction(backend),
    }),
  ),
  ...CONSUMED_TOPICS.map(
    ({ topic }, i): Scheduled => ({
      at: 1.5 + i,
      record: (m) => m.recordKafkaOffsetCommitError(topic, i),
    }),
  ),
  { at: 2.2, record: (m) => m.recordLateEvent() },
  { at: 2.8, record: (m) => m.recordNormalizationOutlierDetected() },
];

const RESULT_WEIGHTS = weightsOf(RESULTS);
const OPERATOR_NAMES = Object.keys(OPERATORS);
const OPERATOR_SAMPLES = Math.floor(MAX_SAMPLES / OPERATOR_NAMES.length);

/**
 * A simulated stream processor recording all its metrics. Counters are exact for the simulated
 * traffic; histograms observe a bounded sample per tick, so that a tick stays cheap.
 */
export function createSimulation(
  metrics: ProcessorMetrics,
  options: SimulationOptions = {},
): Simulation {
  const random: Random = options.random ?? Math.random;
  const kafka = kafkaConsumer(metrics, random);
  const recordWindows = windowing(metrics, random);
  const recordState = stateBackends(metrics, random);
  const recordDedup = deduplication(metrics, random);
  let now = 0;
  let queue = 0;
  let burstUntil = 0;
  let burstFactor = 1;
  let restartingUntil = 0;

  function recordProcessing(processed: number): void {
    for (const [result, n] of split(random, processed, RESULT_WEIGHTS)) {
      metrics.recordEventProcessed(result, n, n > 0 ? sampledTrace(random) : undefined);
      if (result === 'error') {
        for (const [type, k] of split(random, n, PIPELINE_ERRORS)) {
          metrics.recordPipelineError(type, k);
        }
      }
      const { median, sigma } = RESULTS[result];
      for (let i = sampled(n, processed); i > 0; i -= 1) {
        // One event in a hundred waits on a slow lookup or a GC pause: the long tail.
        const stall = random() < 0.01 ? logNormal(random, 0.15, 1) : 0;
        const seconds = logNormal(random, median, sigma) + stall;
        metrics.recordEventProcessingDuration(result, seconds, sampledTrace(random));
      }
    }
    for (const operator of OPERATOR_NAMES) {
      const median = OPERATORS[operator] ?? 0;
      for (let i = Math.min(processed, OPERATOR_SAMPLES); i > 0; i -= 1) {
        metrics.recordOperatorDuration(
          operator,
          logNormal(random, median, 0.7),
          sampledTrace(random),
        );
      }
    }
  }

  function tick(elapsedSeconds: number): void {
    const dt = elapsedSeconds;
    if (!(dt > 0 && Number.isFinite(dt))) return;
    const before = now;
    now += dt;
    for (const event of GUARANTEED) if (event.at > before && event.at <= now) event.record(metrics);

    // Producers follow a slow wave, with a burst every twenty seconds or so.
    if (now > burstUntil && random() < 1 - Math.exp(-dt / RULES.secondsBetweenBursts)) {
      burstUntil = now + logNormal(random, 2, 0.5);
      burstFactor = 2 + 1.5 * random();
    }
    const wave = 1 + 0.15 * Math.sin((2 * Math.PI * now) / 60);
    const incoming = RULES.rate * wave * (now < burstUntil ? burstFactor : 1);

    // Backpressure: the consumer fetches only what fits in the queue, including what the
    // pipeline drains during the tick, and leaves the rest in Kafka as lag.
    const room = Math.max(0, RULES.queueLimit - queue) + RULES.capacity * dt;
    if (random() < dt / RULES.secondsBetweenRebalances) kafka.rebalance();
    const { received, lag } = kafka.consume(incoming, room, dt);
    queue += received;
    const processed = Math.min(queue, count(random, RULES.capacity * dt));
    queue -= processed;
    // Besides the queue, events wait briefly at each hand-off between operators.
    const inHandoff = count(random, (processed / dt) * RULES.handoffLatency);
    metrics.setBackpressureEvents(Math.max(1, queue + inHandoff));
    metrics.setPipelineLag(0.05 + lag / incoming + queue / RULES.capacity);
    recordProcessing(processed);

    // Now and then an operator instance restarts, and the job runs one short for a while.
    if (now > restartingUntil && random() < dt / 120) restartingUntil = now + 3;
    const operators = OPERATOR_NAMES.length * RULES.parallelism;
    metrics.setPipelineOperatorsActive(now < restartingUntil ? operators - 1 : operators);

    metrics.recordWatermarkUpdate(count(random, RULES.watermarkUpdatesPerSecond * dt));
    metrics.setWatermarkLag(Math.max(0.1, RULES.outOfOrderness + 0.3 * normal(random)));
    metrics.recordOutOfOrderEvent(binomial(random, processed, RULES.outOfOrderShare));
    metrics.recordLateEvent(binomial(random, processed, RULES.lateShare));

    recordWindows(processed, dt);
    recordState(processed, dt);
    recordDedup(processed);

    // Metric-like events are regularised into series; gaps are filled, or dropped.
    const normalized = binomial(random, processed, RULES.normalizedShare);
    metrics.recordNormalizationEvent(normalized);
    metrics.recordNormalizationOutlierDetected(binomial(random, normalized, RULES.outlierShare));
    const gaps = binomial(random, normalized, RULES.gapShare);
    for (const [strategy, n] of split(random, gaps, FILL_STRATEGIES)) {
      metrics.recordNormalizationFill(strategy, n);
      if (strategy !== 'drop') metrics.recordNormalizationGapFilled(n);
    }
  }

  return { tick };
}

/** Runs a simulation on a timer, ticking with the real time elapsed since the previous tick. */
export function startSimulation(
  metrics: ProcessorMetrics,
  options: SimulationOptions & { intervalMs?: number } = {},
): { stop(): void } {
  const simulation = createSimulation(metrics, options);
  let last = Date.now();
  const timer = setInterval(() => {
    const current = Date.now();
    simulation.tick((current - last) / 1000);
    last = current;
  }, options.intervalMs ?? 100);
  return { stop: () => clearInterval(timer) };
}
