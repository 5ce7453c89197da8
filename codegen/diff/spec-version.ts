import type { ValidSpec } from '../model/facts.ts';
import { buildModel, type MetricsModel } from '../model/model.ts';
import type { SpecPath } from '../parse/diagnostics.ts';
import type { ParsedSpec } from '../parse/read-spec.ts';
import type { MetricsSpec } from '../spec/schema.ts';
import { keyRange } from '../validate/locate.ts';
import { UsageIndex } from './usage.ts';

/** A place in one version of the spec: `HEAD~1:metrics.yaml:42`. */
export interface SpecLocation {
  readonly file: string;
  readonly line: number;
}

/**
 * One validated version of a spec, as `diff` compares it: the model the emitters use, who reads
 * what, and the line of each entity.
 */
export class SpecVersion {
  readonly file: string;
  readonly model: MetricsModel;
  private usageIndex: UsageIndex | undefined;
  private readonly paths = new Map<string, SpecPath>();

  readonly spec: MetricsSpec;

  constructor(
    private readonly parsed: ParsedSpec,
    valid: ValidSpec,
  ) {
    this.file = parsed.source.displayPath;
    this.spec = valid.spec;
    this.model = buildModel(valid, parsed.source.fileName);
    this.spec.groups.forEach((group, g) => {
      this.paths.set(`group:${group.id}`, ['groups', g]);
      this.model.groups[g]?.metrics.forEach((metric, m) => {
        this.paths.set(`metric:${metric.fullName}`, ['groups', g, 'metrics', m]);
      });
      (group.composites ?? []).forEach((composite, c) => {
        this.paths.set(`composite:${composite.name}`, ['groups', g, 'composites', c]);
      });
      (group.queries ?? []).forEach((query, q) => {
        this.paths.set(`query:${query.record}`, ['groups', g, 'queries', q]);
      });
      (group.alerts ?? []).forEach((alert, a) => {
        this.paths.set(`alert:${alert.alert}`, ['groups', g, 'alerts', a]);
      });
    });
  }

  /** Who reads what; built on first use, since most versions compared have few changes. */
  get usage(): UsageIndex {
    this.usageIndex ??= new UsageIndex(this.model);
    return this.usageIndex;
  }

  /** `kind` is metric (by full name), composite, query (by record), alert or group. */
  locate(kind: string, name: string, ...below: SpecPath): SpecLocation | undefined {
    const path = this.paths.get(`${kind}:${name}`);
    return path === undefined ? undefined : this.at([...path, ...below]);
  }

  /** The line of the key `key` of the mapping at `mapPath`, such as a label's name. */
  atKey(mapPath: SpecPath, key: string): SpecLocation {
    const [start] = keyRange(this.parsed.document, mapPath, key);
    return { file: this.file, line: this.parsed.source.lineCounter.linePos(start).line };
  }

  /** The line of the node at `path`, or of its nearest existing ancestor. */
  at(path: SpecPath): SpecLocation | undefined {
    const { document, source } = this.parsed;
    for (let depth = path.length; depth >= 0; depth--) {
      const node = document.getIn(path.slice(0, depth), true) as
        | { range?: [number, number, number] | null }
        | undefined;
      const start = node?.range?.[0];
      if (start !== undefined)
        return { file: this.file, line: source.lineCounter.linePos(start).line };
    }
    return undefined;
  }
}
