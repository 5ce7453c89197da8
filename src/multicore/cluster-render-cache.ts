import { Buffer } from 'node:buffer';
import type { ExpositionFormat } from '../exposition/text-format.ts';
import type { RenderableFamily } from '../families/brand.ts';
import { ExemplarCounterFamily } from '../families/exemplar-counter-family.ts';
import type { MetricFamily } from '../families/family.ts';
import { NativeHistogramFamily } from '../families/native-histogram-family.ts';
import type { RenderCache } from '../scrape/scrape-hooks.ts';

interface Rendered {
  readonly text: string;
  /** The combined numbers the text shows, and the family's series version then. */
  readonly numbers: Buffer;
  readonly seriesVersion: number;
}

/**
 * The cluster primary's text of each family, reused while nothing it shows changed: the same
 * combined numbers (compared byte for byte) and the same series (the family's `seriesVersion`).
 * Families that change between two scrapes are rendered again; the others, often most of a
 * service's (errors, restarts, rebalances, limits), cost a comparison. It also keeps each
 * family's combined numbers for the length of one rendering, so that checking and rendering
 * combine them once.
 */
export class ClusterRenderCache implements RenderCache {
  private rendering = false;
  private readonly combined = new Map<MetricFamily, Float64Array>();
  private readonly rendered = new Map<MetricFamily, Map<ExpositionFormat, Rendered>>();

  /**
   * @param families the families whose numbers `compute` combines
   * @param compute the numbers a family renders: its own and its workers' combined
   */
  constructor(
    private readonly families: ReadonlySet<MetricFamily>,
    private readonly compute: (family: MetricFamily) => Float64Array,
  ) {}

  begin(): void {
    this.rendering = true;
  }

  end(): void {
    this.rendering = false;
    this.combined.clear();
  }

  /** The family's combined numbers; computed once per rendering. */
  combine(family: MetricFamily): Float64Array {
    if (!this.rendering) return this.compute(family);
    let numbers = this.combined.get(family);
    if (numbers === undefined) {
      numbers = this.compute(family);
      this.combined.set(family, numbers);
    }
    return numbers;
  }

  get(renderable: RenderableFamily, format: ExpositionFormat): string | undefined {
    const family = this.cacheable(renderable, format);
    if (family === undefined) return undefined;
    const cached = this.rendered.get(family)?.get(format);
    if (cached === undefined || cached.seriesVersion !== family.seriesVersion) return undefined;
    return cached.numbers.equals(bytesOf(family, this.combine(family))) ? cached.text : undefined;
  }

  set(renderable: RenderableFamily, format: ExpositionFormat, text: string): string {
    const family = this.cacheable(renderable, format);
    if (family === undefined) return text;
    const numbers = Buffer.from(bytesOf(family, this.combine(family)));
    let byFormat = this.rendered.get(family);
    if (byFormat === undefined) {
      byFormat = new Map();
      this.rendered.set(family, byFormat);
    }
    byFormat.set(format, { text, numbers, seriesVersion: family.seriesVersion });
    return text;
  }

  /**
   * The family, when it is one of this primary's combined families and `format` shows only its
   * numbers and labels (exemplars, in OpenMetrics, may change without a number changing).
   */
  private cacheable(renderable: RenderableFamily, format: ExpositionFormat) {
    const family = renderable as unknown as MetricFamily;
    if (!this.families.has(family)) return undefined;
    if (format !== 'openmetrics') return family;
    if (family instanceof ExemplarCounterFamily) return undefined;
    return family instanceof NativeHistogramFamily && family.keepsExemplars ? undefined : family;
  }
}

/** A byte view of the numbers the family renders (the array may be longer). */
function bytesOf(family: MetricFamily, numbers: Float64Array): Buffer {
  return Buffer.from(numbers.buffer, numbers.byteOffset, family.seriesCount * family.stride * 8);
}
