import type { Document } from 'yaml';
import { type Diagnostic, diagnosticAt, formatPath, type SpecPath } from '../parse/diagnostics.ts';
import type { SpecSource } from '../parse/spec-source.ts';
import { keyRange, nodeAt, rangeOf, textRange } from './locate.ts';

/** Collects located problems; checks report through it and never stop at the first. */
export class Problems {
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    private readonly source: SpecSource,
    private readonly document: Document.Parsed,
  ) {}

  /** A problem with the value at `path`. */
  at(path: SpecPath, message: string): void {
    const range = rangeOf(nodeAt(this.document, path));
    this.diagnostics.push(diagnosticAt(this.source, range, path, message));
  }

  /** A problem with characters [from, to) inside the text at `path`, such as a PromQL token. */
  inText(path: SpecPath, from: number, to: number, message: string): void {
    const range = textRange(this.document, this.source.text, path, from, to);
    this.diagnostics.push(diagnosticAt(this.source, range, path, message));
  }

  /** A problem with a mapping key itself, such as a label definition's name. */
  atKey(mapPath: SpecPath, key: string, message: string): void {
    const range = keyRange(this.document, mapPath, key);
    this.diagnostics.push(diagnosticAt(this.source, range, [...mapPath, key], message));
  }

  /** Whether a problem was reported at `path` or inside it: its consequences are not news. */
  reportedUnder(path: SpecPath): boolean {
    const at = formatPath(path);
    return this.diagnostics.some(
      ({ path: other }) => other === at || other.startsWith(`${at}.`) || other.startsWith(`${at}[`),
    );
  }
}
