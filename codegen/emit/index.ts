import type { MetricsModel } from '../model.ts';
import { emitMarker, type GeneratedFile } from './generated-file.ts';
import { emitJsonSchema } from './json-schema.ts';
import { emitMarkdown } from './markdown.ts';
import { emitTypeScript } from './typescript.ts';

/** Every file the codegen writes, in a fixed order; each emitter is a pure function of the model. */
export function emitAll(model: MetricsModel): GeneratedFile[] {
  return [
    emitMarker(model.sourceFile),
    emitTypeScript(model),
    emitMarkdown(model),
    emitJsonSchema(model.sourceFile),
  ];
}
