import type { MetricsModel } from '../model/model.ts';
import { type ResolvedOptions, resolveOptions } from '../options.ts';
import { emitMarker, type GeneratedFile } from './generated-file.ts';
import { emitGrafana } from './grafana.ts';
import { emitJavaScript } from './javascript.ts';
import { emitJsonSchema } from './json-schema.ts';
import { emitKubernetes } from './kubernetes.ts';
import { emitMarkdown } from './markdown.ts';
import { emitPrometheus } from './prometheus.ts';
import { emitTypeScript } from './typescript.ts';

export type EmitOptions = ResolvedOptions;

/** Every file the codegen writes, in a fixed order; each emitter is a pure function of the model. */
export function emitAll(
  model: MetricsModel,
  options: EmitOptions = resolveOptions(),
): GeneratedFile[] {
  return [emitMarker(model.sourceFile), ...emitClient(model, options), ...emitDocuments(model)];
}

/** The typed client: `metrics.ts`, or `metrics.js` and `metrics.d.ts` compiled from it. */
export function emitClient(model: MetricsModel, options: EmitOptions): GeneratedFile[] {
  const client = emitTypeScript(model, options.runtimeModule);
  return options.language === 'js' ? emitJavaScript(client) : [client];
}

/** Everything besides the client: docs, JSON Schema, dashboard, Prometheus and Kubernetes files. */
export function emitDocuments(model: MetricsModel): GeneratedFile[] {
  return [
    emitMarkdown(model),
    emitJsonSchema(model.sourceFile),
    emitGrafana(model),
    ...emitPrometheus(model),
    ...emitKubernetes(model),
  ];
}
