import type { MetricsModel } from '../model/model.ts';
import { emitMarker, type GeneratedFile } from './generated-file.ts';
import { emitGrafana } from './grafana.ts';
import { emitJavaScript } from './javascript.ts';
import { emitJsonSchema } from './json-schema.ts';
import { emitMarkdown } from './markdown.ts';
import { emitPrometheus } from './prometheus.ts';
import { emitTypeScript } from './typescript.ts';

export interface EmitOptions {
  /** The module specifier generated code imports the runtime from. */
  readonly runtimeModule: string;
  /** `ts` for `metrics.ts`; `js` for `metrics.js` with its `metrics.d.ts`. */
  readonly language: 'ts' | 'js';
}

/** Every file the codegen writes, in a fixed order; each emitter is a pure function of the model. */
export function emitAll(model: MetricsModel, options: EmitOptions): GeneratedFile[] {
  const client = emitTypeScript(model, options.runtimeModule);
  return [
    emitMarker(model.sourceFile),
    ...(options.language === 'js' ? emitJavaScript(client) : [client]),
    emitMarkdown(model),
    emitJsonSchema(model.sourceFile),
    emitGrafana(model),
    ...emitPrometheus(model),
  ];
}
