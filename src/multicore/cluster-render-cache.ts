import { Buffer } from 'node:buffer';
import type { ExpositionFormat } from '../exposition/text-format.ts';
import type { RenderableFamily } from '../families/brand.ts';
import { ExemplarCounterFamily } from '../families/exemplar-counter-family.ts';
import { flat, type MetricFamily } from '../families/family.ts';
import { NativeHistogramFamily } from '../families/native-histogram-family.ts';
import type { RenderCache } from '../scrape/scrape-hooks.ts';

interface FamilyState {
  /** The combined numbers last seen (a copy), and how many times they were seen to change. */
  numbers: Buffer;
  version: number;
  /** Whether `numbers` were compared during the current rendering. */
  checked: boolean;
  /** A byte view of the last combined array, kept while the array and its length stay. */
  view: Buffer | undefined;
  readonly texts: Map<ExpositionFormat, Rendered>;
}

interface Rendered {
  readonly text: string;
  /** The family's numbers version and series version the text shows. */
  readonly version: number;
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
  private readonly states = new Map<MetricFamily, FamilyState>();

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
    for (const state of this.states.values()) state.checked = false;
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
    const state = this.stateOf(family);
    const cached = state.texts.get(format);
    if (cached === undefined || cached.seriesVersion !== family.seriesVersion) return undefined;
    return cached.version === state.version ? cached.text : undefined;
  }

  set(renderable: RenderableFamily, format: ExpositionFormat, text: string): string {
    const family = this.cacheable(renderable, format);
    if (family === undefined) return text;
    const state = this.stateOf(family);
    // Flattened once here: a text kept as V8's tree of pieces would be walked again by every
    // rendering that reuses it, when the whole exposition is flattened.
    state.texts.set(format, {
      text: flat(text),
      version: state.version,
      seriesVersion: family.seriesVersion,
    });
    return text;
  }

  /** The family's state, its numbers compared (once per rendering) with those last seen. */
  private stateOf(family: MetricFamily): FamilyState {
    let state = this.states.get(family);
    if (state === undefined) {
      state = {
        numbers: Buffer.alloc(0),
        version: 0,
        checked: false,
        view: undefined,
        texts: new Map(),
      };
      this.states.set(family, state);
    }
    if (state.checked && this.rendering) return state;
    state.checked = true;
    const combined = this.combine(family);
    const bytes = family.seriesCount * family.stride * 8;
    let view = state.view;
    if (
      view?.buffer !== combined.buffer ||
      view.byteOffset !== combined.byteOffset ||
      view.length !== bytes
    ) {
      view = Buffer.from(combined.buffer, combined.byteOffset, bytes);
      state.view = view;
    }
    if (view.equals(state.numbers)) return state;
    // Bitwise, so NaN equals NaN; a new length is a change too.
    if (state.numbers.length === bytes) state.numbers.set(view);
    else state.numbers = Buffer.from(view);
    state.version++;
    return state;
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
