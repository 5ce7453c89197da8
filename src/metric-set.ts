import type { Metric } from 'prom-client';
import { CounterFamily } from './families/counter-family.ts';
import { ExemplarCounterFamily } from './families/exemplar-counter-family.ts';
import type { FamilyDefinition, MetricFamily } from './families/family.ts';
import { GaugeFamily } from './families/gauge-family.ts';
import { type HistogramDefinition, HistogramFamily } from './families/histogram-family.ts';
import { isEnumLabel } from './families/labels.ts';
import {
  type NativeHistogramDefinition,
  NativeHistogramFamily,
} from './families/native-histogram-family.ts';
import { REJECTION_REASONS, type RejectionReason } from './families/rejections.ts';
import { removeMatchingSeries, type SeriesSelector } from './families/remove-matching.ts';
import { SeriesCountFamily } from './families/series-count-family.ts';
import { defaultRegistry, type MetricsRegistry } from './registry.ts';
import { addFastStringPath } from './scrape/prom-client-compat.ts';

export interface MetricSetOptions {
  /** Where the families are registered; prom-client's global `register` when omitted. */
  readonly registry?: MetricsRegistry | undefined;
  /** Prefix of the self-metrics, the spec's namespace. */
  readonly namespace: string;
}

/**
 * The families of one generated metrics module, plus self-metrics that make the recording
 * policy observable: `<namespace>_metrics_rejected_total{metric,reason}` counts dropped
 * recordings, `<namespace>_metrics_label_overflow_total{metric,label}` counts recordings
 * folded into an overflow series (only with free-form labels), and the gauge
 * `<namespace>_metrics_series{metric}` holds each family's live series. Generated factories declare the families, then `register()`.
 *
 * @example
 * const set = new MetricSet({ registry: new Registry(), namespace: 'app' });
 * const requests = set.counter({ name: 'app_requests_total', help: 'Requests.' });
 * set.register();
 * requests.inc(0, 1);
 */
export class MetricSet {
  readonly registry: MetricsRegistry;
  private readonly families: MetricFamily[] = [];

  constructor(private readonly options: MetricSetOptions) {
    this.registry = options.registry ?? defaultRegistry();
  }

  counter(definition: FamilyDefinition): CounterFamily {
    return this.add(new CounterFamily(definition));
  }

  gauge(definition: FamilyDefinition): GaugeFamily {
    return this.add(new GaugeFamily(definition));
  }

  histogram(definition: HistogramDefinition): HistogramFamily {
    return this.add(new HistogramFamily(definition));
  }

  /** A counter whose increments may carry an exemplar. */
  exemplarCounter(definition: FamilyDefinition): ExemplarCounterFamily {
    return this.add(new ExemplarCounterFamily(definition));
  }

  /** A histogram with native buckets, exemplars or both, beside its classic buckets. */
  nativeHistogram(definition: NativeHistogramDefinition): NativeHistogramFamily {
    return this.add(new NativeHistogramFamily(definition));
  }

  /**
   * Registers every family and the self-metrics. Throws, before registering anything, when a
   * name is already taken in the registry: a setup error, never a recording-time one.
   */
  register(): void {
    const selfMetrics = this.selfMetrics();
    const all = [...this.families, ...selfMetrics];
    const taken = all.filter((family) => this.registry.getSingleMetric(family.name) !== undefined);
    if (taken.length > 0) {
      const names = taken.map((family) => family.name).join(', ');
      throw new Error(
        `metrics already registered in this registry: ${names}. Create each metric set once per registry, or pass a fresh Registry.`,
      );
    }
    for (const family of all) this.registry.registerMetric(family as unknown as Metric);
    addFastStringPath(this.registry);
  }

  /**
   * Removes every series, in every family of the set, whose free-form labels equal the selector's
   * values, e.g. all series of a revoked Kafka partition. Recording them again recreates them at
   * zero; a value whose series are all gone frees its place under `max_values`. Returns how many
   * series were removed.
   *
   * @example
   * set.removeSeries({ topic: 'orders', partition: 3 });
   */
  removeSeries(selector: SeriesSelector): number {
    return removeMatchingSeries(this.families, selector);
  }

  private add<F extends MetricFamily>(family: F): F {
    this.families.push(family);
    return family;
  }

  private selfMetrics(): MetricFamily[] {
    const { namespace } = this.options;
    const names = this.families.map((family) => family.exposedName);
    const rejected = new CounterFamily({
      name: `${namespace}_metrics_rejected_total`,
      help: 'Recordings dropped because a label value or the value was not valid, by metric and reason.',
      labels: [
        { name: 'metric', maxValues: names.length, kind: 'string' },
        { name: 'reason', maxValues: REJECTION_REASONS.length, kind: 'string' },
      ],
    });
    const withFreeLabels = this.families.filter((family) => family.free !== undefined);
    const overflow = new CounterFamily({
      name: `${namespace}_metrics_label_overflow_total`,
      help: 'Recordings whose free-form label value was folded into the __overflow__ series because the label had reached its max_values.',
      labels: [
        { name: 'metric', maxValues: withFreeLabels.length, kind: 'string' },
        { name: 'label', maxValues: Number.MAX_SAFE_INTEGER, kind: 'string' },
      ],
    });
    for (const family of this.families) {
      const name = family.exposedName;
      // Every series exists from the start, at zero, so that rate() sees the first rejection.
      const rejectedSeries = new Map(
        rejectionReasonsOf(family).map((reason) => [reason, rejected.seriesOf2(name, reason)]),
      );
      for (const label of family.labels) {
        if (!isEnumLabel(label)) overflow.seriesOf2(name, label.name);
      }
      family.connectSelfMetrics({
        reject: (reason) =>
          rejected.inc(rejectedSeries.get(reason) ?? rejected.seriesOf2(name, reason), 1),
        fold: (label) => overflow.inc(overflow.seriesOf2(name, label), 1),
      });
    }
    const series = new SeriesCountFamily(namespace, this.families);
    return withFreeLabels.length > 0 ? [rejected, overflow, series] : [rejected, series];
  }
}

/** The reasons a family can drop something for: exemplars only where it keeps them. */
function rejectionReasonsOf(family: MetricFamily): RejectionReason[] {
  const keepsExemplars =
    family instanceof ExemplarCounterFamily ||
    (family instanceof NativeHistogramFamily && family.keepsExemplars);
  return REJECTION_REASONS.filter((reason) => reason !== 'invalid_exemplar' || keepsExemplars);
}
