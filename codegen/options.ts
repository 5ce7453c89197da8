/** What a user may choose about the output; everything else follows from the spec. */
export interface GenerateOptions {
  /** The module generated code imports the runtime from; the runtime package by default. */
  readonly runtimeModule?: string;
  /** `ts` writes `metrics.ts`; `js` writes `metrics.js` with `metrics.d.ts` beside it. */
  readonly language?: 'ts' | 'js';
}

/** {@link GenerateOptions} with every default filled in, once, here. */
export interface ResolvedOptions {
  readonly runtimeModule: string;
  readonly language: 'ts' | 'js';
}

/** The runtime package's name: what generated code imports, as a user's own code would. */
export const RUNTIME_PACKAGE = 'metrics-kit';

export function resolveOptions(options: GenerateOptions = {}): ResolvedOptions {
  return {
    runtimeModule: options.runtimeModule ?? RUNTIME_PACKAGE,
    language: options.language ?? 'ts',
  };
}
