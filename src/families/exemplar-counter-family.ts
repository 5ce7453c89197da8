import {
  braced,
  type ExpositionFormat,
  familyHeader,
  formatSampleValue,
} from '../exposition/text-format.ts';
import type { ProtobufKind } from './brand.ts';
import { CounterFamily } from './counter-family.ts';
import { checkedExemplar, openMetricsExemplar, type StoredExemplar } from './exemplar.ts';
import { flat } from './family.ts';

/** Number.MAX_VALUE as a literal: `amount <= MAX_FINITE` is false for Infinity and NaN. */
const MAX_FINITE = 1.7976931348623157e308;

/**
 * A counter whose increments may carry an exemplar: the latest one per series is kept with its
 * timestamp and exposed in OpenMetrics (`x_total 5 # {trace_id="…"} 1 1733…`) and protobuf;
 * text 0.0.4 has no exemplars and renders as a plain counter.
 */
export class ExemplarCounterFamily extends CounterFamily {
  readonly exemplars: (StoredExemplar | undefined)[] = [];
  private readonly linePrefixes: string[] = [];
  private readonly exemplarPrefixLabels: string[] = [];
  private openMetricsHeader: string | undefined = undefined;

  override get protobufKind(): ProtobufKind {
    return 'exemplar-counter';
  }

  override inc(series: number, amount: number, exemplar?: unknown): void {
    // Most increments carry no exemplar: the plain counter's test and write, here rather than
    // through `super.inc`, whose call site every counter class would share.
    if (
      exemplar === undefined &&
      series >= 0 &&
      (amount === 1 || (typeof amount === 'number' && amount >= 0 && amount <= MAX_FINITE))
    ) {
      (this.values[series] as number) += amount;
    } else {
      this.incWithExemplar(series, amount, exemplar);
    }
  }

  /** An increment with an exemplar, or a call the counter rejects (counted by `super.inc`). */
  private incWithExemplar(series: number, amount: number, exemplar: unknown): void {
    super.inc(series, amount);
    // Only an increment that was recorded keeps its exemplar; super counted any rejection.
    if (exemplar === undefined || series < 0 || !(Number.isFinite(amount) && amount >= 0)) return;
    const kept = checkedExemplar(exemplar, amount);
    if (kept === undefined) this.reject('invalid_exemplar');
    else this.exemplars[series] = kept;
  }

  /** The label names and values of `series`, in declaration order. */
  labelPairs(series: number): [string, string][] {
    const values = this.seriesLabelValues[series] ?? [];
    return this.labels.map((label, i) => [label.name, values[i] ?? '']);
  }

  override reset(): void {
    super.reset();
    this.exemplars.fill(undefined);
  }

  override appendTo(text: string, format: ExpositionFormat): string {
    if (format !== 'openmetrics') return super.appendTo(text, format);
    this.openMetricsHeader ??= familyHeader(
      this.headerName(format),
      'counter',
      this.help,
      this.unit,
      format,
    );
    let out = text + this.openMetricsHeader;
    const values = this.scrapeValues();
    for (let series = 0; series < this.seriesCount; series++) {
      if (!this.hasSeries(series)) continue; // removed
      const exemplar = this.exemplars[series];
      const suffix = exemplar === undefined ? '' : openMetricsExemplar(exemplar);
      out += `${this.prefixOf(series)}${formatSampleValue(values[series] as number)}${suffix}\n`;
    }
    return out;
  }

  private prefixOf(series: number): string {
    const labels = this.seriesLabelTexts[series] ?? '';
    const cached = this.linePrefixes[series];
    // Cached per index; a removed series' index may come back with other labels.
    if (cached !== undefined && this.exemplarPrefixLabels[series] === labels) return cached;
    const prefix = flat(`${this.exposedName}${braced(labels)} `);
    this.linePrefixes[series] = prefix;
    this.exemplarPrefixLabels[series] = labels;
    return prefix;
  }

  protected override releaseSeriesState(series: number): void {
    this.exemplars[series] = undefined;
  }
}
