import type { MetricsModel } from '../model.ts';
import { emitMarker, type GeneratedFile } from './generated-file.ts';
import { emitGrafana } from './grafana.ts';
import { emitJsonSchema } from './json-schema.ts';
import { emitKubernetes } from './kubernetes.ts';
import { emitMarkdown } from './markdown.ts';
import { emitPrometheus } from './prometheus.ts';
import { emitTypeScript } from './typescript.ts';

export interface EmitOptions {
  /** The module specifier generated code imports the runtime from. */
  readonly runtimeModule: string;
}

/** Output in `generated/` beside `src/`, as in this repository. */
export const DEFAULT_EMIT_OPTIONS: EmitOptions = { runtimeModule: '../src/index.ts' };

/** Every file the codegen writes, in a fixed order; each emitter is a pure function of the model. */
export function emitAll(
  model: MetricsModel,
  options: EmitOptions = DEFAULT_EMIT_OPTIONS,
): GeneratedFile[] {
  return [
    emitMarker(model.sourceFile),
    emitTypeScript(model, options.runtimeModule),
    emitMarkdown(model),
    emitJsonSchema(model.sourceFile),
    emitGrafana(model),
    ...emitPrometheus(model),
    ...emitKubernetes(model),
  ];
}
