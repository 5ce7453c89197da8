import {
  backendLabelValues,
  layerLabelValues,
  type ProcessorMetrics,
  windowTypeLabelValues,
} from '../../generated/metrics.ts';
import { binomial, count, logNormal, type Random, split } from './distributions.ts';
import {
  AGGREGATES,
  BACKENDS,
  CACHE_HIT_RATE,
  CONSUMED_TOPICS,
  MAX_SAMPLES,
  mapRecord,
  OPERATIONS,
  OUTPUT_TOPIC,
  RULES,
  WINDOWS,
  weightsOf,
} from './profile.ts';

/** How many of `n` events to observe one by one, so that a tick observes about MAX_SAMPLES. */
export function sampled(n: number, total: number): number {
  return Math.min(n, Math.ceil((n * MAX_SAMPLES) / Math.max(total, 1)));
}

const PARTITIONS = CONSUMED_TOPICS.flatMap(({ topic, weight, partitions }) =>
  Array.from({ length: partitions }, (_, partition) => ({
    topic,
    partition,
    weight: weight / partitions,
  })),
);
const AGGREGATE_WEIGHTS = weightsOf(AGGREGATES);
const BACKEND_WEIGHTS = weightsOf(BACKENDS);
const OUTPUT_PARTITIONS = Object.fromEntries(
  Array.from({ length: OUTPUT_TOPIC.partitions }, (_, partition) => [String(partition), 1]),
);

/** The Kafka consumer: fetches what the pipeline has room for, and leaves the rest as lag. */
export function kafkaConsumer(metrics: ProcessorMetrics, random: Random) {
  // A fresh start finds a backlog that piled up while the processor was down: it catches up at
  // full speed, under backpressure, before settling.
  const lag = PARTITIONS.map((p) => count(random, RULES.startupBacklog * p.weight));
  // Partitions assigned to this instance; another member of the group consumes the others.
  const owned = PARTITIONS.map(() => true);
  return {
    /** Returns how many events came in and the total lag left behind. */
    consume(incoming: number, room: number, dt: number): { received: number; lag: number } {
      const available = PARTITIONS.map((p, i) =>
        owned[i] ? (lag[i] ?? 0) + count(random, incoming * p.weight * dt) : 0,
      );
      // Records still on their way to the broker cannot be fetched yet.
      const fetchable = available.map((n, i) =>
        Math.max(0, n - count(random, incoming * (PARTITIONS[i]?.weight ?? 0) * RULES.fetchDelay)),
      );
      const fetchableTotal = fetchable.reduce((sum, n) => sum + n, 0);
      const wanted = Math.min(fetchableTotal, RULES.fetchCapacity * dt, room);
      let received = 0;
      PARTITIONS.forEach(({ topic, partition }, i) => {
        if (!owned[i]) return;
        const consumed = Math.round(((fetchable[i] ?? 0) * wanted) / Math.max(fetchableTotal, 1));
        lag[i] = (available[i] ?? 0) - consumed;
        received += consumed;
        metrics.recordKafkaMessageConsumed(topic, partition, consumed);
        metrics.setKafkaConsumerLag(topic, partition, lag[i] ?? 0);
      });
      const pick = Math.floor(random() * PARTITIONS.length);
      const unlucky = owned[pick] ? PARTITIONS[pick] : undefined;
      if (unlucky && random() < dt * RULES.commitErrorsPerSecond) {
        metrics.recordKafkaOffsetCommitError(unlucky.topic, unlucky.partition);
      }
      metrics.recordEventReceived(received);
      return { received, lag: lag.reduce((sum, n, i) => (owned[i] ? sum + n : sum), 0) };
    },
    /**
     * A rebalance: partitions revoked earlier come back, their series created at zero so the
     * first commit error after the assignment is seen by `increase()`; one partition moves to
     * another member, and its series are removed so its lag does not stay frozen here.
     */
    rebalance(): void {
      PARTITIONS.forEach(({ topic, partition }, i) => {
        if (owned[i]) return;
        owned[i] = true;
        metrics.initKafkaMessageConsumed(topic, partition);
        metrics.initKafkaConsumerLag(topic, partition);
        metrics.initKafkaOffsetCommitError(topic, partition);
      });
      const revoked = Math.floor(random() * PARTITIONS.length);
      const moved = PARTITIONS[revoked];
      if (moved === undefined) return;
      owned[revoked] = false;
      metrics.removeSeries({ topic: moved.topic, partition: moved.partition });
    },
    /** The partitions this instance consumes now. */
    assigned(): { topic: string; partition: number }[] {
      return PARTITIONS.filter((_, i) => owned[i]).map(({ topic, partition }) => ({
        topic,
        partition,
      }));
    },
  };
}

/** Windows open with the traffic and fire as the watermark passes their end. */
export function windowing(metrics: ProcessorMetrics, random: Random) {
  // Start at the steady state: a restarted job restores its open windows from a checkpoint.
  const active = mapRecord(WINDOWS, (w) => w.createdPerEvent * RULES.rate * w.lifetime);
  return (processed: number, dt: number): void => {
    let fired = 0;
    for (const type of windowTypeLabelValues) {
      const w = WINDOWS[type];
      const created = count(random, processed * w.createdPerEvent);
      const open = active[type] + created;
      const triggered = Math.min(open, count(random, (active[type] * dt) / w.lifetime));
      active[type] = open - triggered;
      fired += triggered;
      metrics.recordWindowCreated(type, created);
      metrics.recordWindowTriggered(type, triggered);
      metrics.setWindowsActive(type, Math.max(1, active[type]));
      for (let i = Math.min(triggered, MAX_SAMPLES / 3); i > 0; i -= 1) {
        const size = Math.round(logNormal(random, w.medianSize, w.sizeSigma));
        metrics.recordWindowSize(type, Math.min(10_000, Math.max(1, size)));
      }
    }
    // Each fired window computes a few aggregates, published to the output topic.
    const attempts = count(random, fired * RULES.aggregatesPerWindow);
    let published = 0;
    for (const [type, n] of split(random, attempts, AGGREGATE_WEIGHTS)) {
      const { median, errorShare } = AGGREGATES[type];
      const failed = binomial(random, n, errorShare);
      published += n - failed;
      metrics.recordAggregationComputed(type, n - failed);
      metrics.recordAggregationError(type, failed);
      for (let i = sampled(n - failed, attempts); i > 0; i -= 1) {
        metrics.recordAggregationDuration(type, logNormal(random, median, 0.8));
      }
    }
    for (const [partition, n] of split(random, published, OUTPUT_PARTITIONS)) {
      metrics.recordKafkaMessageProduced(OUTPUT_TOPIC.topic, Number(partition), n);
    }
  };
}

/** Keyed state: a few operations per event against the backends, through a layered cache. */
export function stateBackends(metrics: ProcessorMetrics, random: Random) {
  const entries = mapRecord(BACKENDS, (b) => b.initialEntries);
  return (processed: number, dt: number): void => {
    const total = count(random, processed * RULES.stateOperationsPerEvent);
    for (const [operation, ofOperation] of split(random, total, OPERATIONS)) {
      for (const [backend, n] of split(random, ofOperation, BACKEND_WEIGHTS)) {
        const individual = sampled(n, total);
        const median = BACKENDS[backend].median * (operation === 'scan' ? RULES.scanCost : 1);
        for (let i = 0; i < individual; i += 1) {
          metrics.recordStateOperation(operation, backend, logNormal(random, median, 0.9));
        }
        metrics.recordStateOperationCount(operation, backend, n - individual);
        if (operation === 'put') entries[backend] += n;
        if (operation === 'delete') entries[backend] = Math.max(0, entries[backend] - n);
        if (operation !== 'get') continue;
        // Reads fall through the cache layers: what L1 misses, L2 tries, and so on.
        let lookups = n;
        for (const layer of layerLabelValues) {
          const hits = binomial(random, lookups, CACHE_HIT_RATE[layer]);
          metrics.recordStateCacheHit(layer, hits);
          metrics.recordStateCacheMiss(layer, lookups - hits);
          lookups -= hits;
        }
      }
    }
    for (const backend of backendLabelValues) {
      const { ttl, capacity, entryBytes } = BACKENDS[backend];
      const expired = binomial(random, entries[backend], 1 - Math.exp(-dt / ttl));
      const overflow = Math.max(0, entries[backend] - expired - capacity);
      entries[backend] -= expired + overflow;
      metrics.recordStateEviction(backend, expired + overflow);
      metrics.setStateSizeBytes(backend, Math.max(1, entries[backend]) * entryBytes);
    }
  };
}

/** Deduplication against an LRU of event ids: once it is full, every new id evicts the oldest. */
export function deduplication(metrics: ProcessorMetrics, random: Random) {
  let cached = 0;
  return (processed: number): void => {
    const individual = Math.min(processed, MAX_SAMPLES);
    const duplicates = binomial(random, individual, RULES.duplicateShare);
    for (let i = 0; i < individual; i += 1) metrics.recordDedupCheck(i < duplicates);
    const rest = processed - individual;
    const restDuplicates = binomial(random, rest, RULES.duplicateShare);
    metrics.recordDedupEventChecked(rest);
    metrics.recordDedupDuplicateFound(restDuplicates);
    cached += processed - duplicates - restDuplicates;
    const evicted = Math.max(0, cached - RULES.dedupCapacity);
    cached -= evicted;
    metrics.recordDedupCacheEviction(evicted);
    metrics.setDedupCacheSize(Math.max(1, cached));
  };
}
