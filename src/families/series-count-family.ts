import type { MetricData } from '../exposition/metric-data.ts';
import type { MetricFamily } from './family.ts';
import { GaugeFamily } from './gauge-family.ts';

/**
 * The self-metric `<namespace>_metrics_series{metric}`: how many series each family of the set
 * holds right now. Read from the families when rendered, so recording pays nothing for it.
 * Named like Prometheus's own `prometheus_tsdb_head_series`.
 */
export class SeriesCountFamily extends GaugeFamily {
  private readonly counted: readonly { family: MetricFamily; series: number }[];

  constructor(namespace: string, families: readonly MetricFamily[]) {
    super({
      name: `${namespace}_metrics_series`,
      help: 'Series currently exposed, by metric: grows with new label values, shrinks when series are removed.',
      labels: [{ name: 'metric', maxValues: families.length, kind: 'string' }],
    });
    this.counted = families.map((family) => ({
      family,
      series: this.seriesOf(family.exposedName),
    }));
  }

  /** Every rendering (`appendTo`, `promClientText`) goes through here. */
  override appendSeries(text: string): string {
    this.beforeRender();
    return super.appendSeries(text);
  }

  override get(): Promise<MetricData> {
    this.beforeRender();
    return super.get();
  }

  override beforeRender(): void {
    for (const { family, series } of this.counted) this.values[series] = family.liveSeries;
  }
}
