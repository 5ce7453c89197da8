import type { MetricData, SampleData } from '../exposition/metric-data.ts';
import {
  braced,
  type ExpositionFormat,
  familyHeader,
  formatSampleValue,
} from '../exposition/text-format.ts';
import type { ProtobufKind } from './brand.ts';
import { type FamilyDefinition, flat, MetricFamily } from './family.ts';

/** A family with one number per series: counters and gauges. */
export abstract class ScalarFamily extends MetricFamily {
  /** `name{labels} ` of each series, ready to be followed by the value. */
  private readonly samplePrefixes: string[] = [];
  /** The whole line at value zero, the most common value: one piece instead of three. */
  private readonly zeroLines: string[] = [];
  /**
   * The line rendered last for each series and the value it shows: a series unchanged since the
   * last scrape (an idle partition, an error that has not recurred) costs one comparison.
   */
  private readonly lastLines: string[] = [];
  private readonly lastValues: number[] = [];
  /** The label text each cached prefix was built from. */
  private readonly prefixLabels: (string | undefined)[] = [];
  private readonly headers: Partial<Record<ExpositionFormat, string>> = {};

  protected constructor(definition: FamilyDefinition) {
    super(definition, 1);
  }

  override get protobufKind(): ProtobufKind {
    return 'scalar';
  }

  /** The name on `# HELP`/`# TYPE` lines: OpenMetrics names a counter family without `_total`. */
  protected abstract headerName(format: ExpositionFormat): string;

  appendTo(text: string, format: ExpositionFormat): string {
    return this.appendSeries(text + (this.headers[format] ?? this.header(format)));
  }

  appendSeries(text: string): string {
    let out = text;
    const values = this.scrapeValues();
    const labelTexts = this.seriesLabelTexts;
    const prefixes = this.samplePrefixes;
    const zeroLines = this.zeroLines;
    for (let i = 0; i < this.seriesCount; i++) {
      const labels = labelTexts[i];
      if (labels === undefined) continue; // removed
      // Built once per series; rebuilt when a removed series' index now holds other labels.
      if (this.prefixLabels[i] !== labels) this.buildPrefix(i, labels);
      const value = values[i] as number;
      if (value === 0) {
        out += zeroLines[i];
      } else if (value === this.lastValues[i]) {
        out += this.lastLines[i];
      } else {
        const line = `${prefixes[i]}${formatSampleValue(value)}\n`;
        this.lastValues[i] = value;
        this.lastLines[i] = line;
        out += line;
      }
    }
    return out;
  }

  async get(): Promise<MetricData> {
    const values: SampleData[] = [];
    const numbers = this.scrapeValues();
    for (let i = 0; i < this.seriesCount; i++) {
      if (this.seriesLabelTexts[i] === undefined) continue;
      values.push({ value: numbers[i] as number, labels: this.labelsOf(i) });
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: 'sum', values };
  }

  private buildPrefix(series: number, labels: string): void {
    const prefix = flat(`${this.exposedName}${braced(labels)} `);
    this.prefixLabels[series] = labels;
    this.samplePrefixes[series] = prefix;
    this.zeroLines[series] = flat(`${prefix}0\n`);
    this.lastValues[series] = 0; // never reused: zero has its own line
    this.lastLines[series] = '';
  }

  private header(format: ExpositionFormat): string {
    const header = familyHeader(this.headerName(format), this.type, this.help, this.unit, format);
    this.headers[format] = header;
    return header;
  }
}
