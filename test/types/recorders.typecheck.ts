// Type-level tests, checked by `npm run typecheck` and by test/typescript.test.ts: each line
// under `@ts-expect-error` must stay a compile error, or tsc reports the directive as unused.
import { Registry } from 'prom-client';
import { createProcessorMetrics, LayerLabel, ResultLabel } from '../../generated/metrics.ts';

const metrics = createProcessorMetrics({ registry: new Registry() });

metrics.recordEventProcessed(ResultLabel.Success);
metrics.recordEventProcessed('filtered', 3);
metrics.recordStateCacheHit(LayerLabel.L2);
metrics.recordStateOperation('get', 'redis', 0.001);
metrics.setKafkaConsumerLag('orders', 7, 1200);
metrics.recordDedupCheck(true);

// @ts-expect-error a result outside the enum
metrics.recordEventProcessed('succes');
// @ts-expect-error a cache layer outside the enum
metrics.recordStateCacheHit('l4');
// @ts-expect-error operation and backend swapped
metrics.recordStateOperation('redis', 'get', 0.001);
// @ts-expect-error a fill strategy outside the enum
metrics.recordNormalizationFill('cubic');
// @ts-expect-error a window type outside the enum
metrics.setWindowsActive('hopping', 2);
// @ts-expect-error a histogram needs its value
metrics.recordEventProcessingDuration('success');
// @ts-expect-error partition is declared as an integer label
metrics.recordKafkaMessageConsumed('orders', '7');
// @ts-expect-error a metric the spec does not declare
metrics.recordEventsDropped();

// Series lifecycle: free-form labels only, typed from the spec.
metrics.initKafkaConsumerLag('orders', 7);
metrics.removeKafkaConsumerLag('orders', 7);
const removed: number = metrics.removeSeries({ topic: 'orders', partition: 7 });
metrics.removeSeries({ operator: 'parse' });
// @ts-expect-error partition is an integer label
metrics.removeSeries({ partition: '7' });
// @ts-expect-error result is an enum label: its series are never removed
metrics.removeSeries({ result: 'error' });
// @ts-expect-error lifecycle recorders take the free-form labels only
metrics.removeKafkaConsumerLag('orders', 7, 1200);
// @ts-expect-error metrics without free-form labels have no lifecycle recorders
metrics.removeEventProcessed('success');
void removed;
