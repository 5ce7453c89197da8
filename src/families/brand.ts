import type { ExpositionFormat } from '../exposition/text-format.ts';

/**
 * Marks a generated family, so the renderer can take the fast path without `instanceof`: two
 * copies of the runtime in one process (two installed versions, or a bundled and an installed
 * one) have two `MetricFamily` classes, and `instanceof` would silently send the other copy's
 * families down the slow `get()` path. `Symbol.for` gives every copy the same key. The value is
 * the version of the {@link RenderableFamily} contract; a copy with another one is rendered
 * through `get()` as a foreign metric.
 */
export const FAMILY_BRAND: unique symbol = Symbol.for('metrics-kit.family');
/**
 * 2 since native histogram buckets moved into the families' numbers and the protobuf renderer
 * reads any copy's families by {@link ProtobufKind}: a copy speaking 1 (metrics-kit 0.2) keeps
 * them elsewhere, so it is rendered through `get()`.
 */
export const FAMILY_PROTOCOL = 2;

/**
 * How the protobuf renderer writes a family of any copy of the runtime: its numbers directly
 * (`scalar`, `exemplar-counter`, `native-histogram`) or through `get()` (`other`).
 */
export type ProtobufKind = 'scalar' | 'exemplar-counter' | 'native-histogram' | 'other';

/** What the renderer needs of a family from any copy of the runtime speaking this protocol. */
export interface RenderableFamily {
  readonly [FAMILY_BRAND]: number;
  readonly name: string;
  appendTo(text: string, format: ExpositionFormat): string;
  /** The family as prom-client's `registry.metrics()` prints it; see `prom-client-compat.ts`. */
  promClientText?(): string;
  readonly protobufKind: ProtobufKind;
}

/** The family's {@link ProtobufKind} when it speaks this protocol, from any copy of the runtime. */
export function protobufKindOf(metric: unknown): ProtobufKind | undefined {
  return isRenderableFamily(metric) ? metric.protobufKind : undefined;
}

export function isRenderableFamily(metric: unknown): metric is RenderableFamily {
  return (
    typeof metric === 'object' &&
    metric !== null &&
    (metric as Partial<RenderableFamily>)[FAMILY_BRAND] === FAMILY_PROTOCOL &&
    typeof (metric as Partial<RenderableFamily>).appendTo === 'function'
  );
}
