import type { SpecSource } from './spec-source.ts';

/** One problem in a spec, located like a compiler error. */
export interface Diagnostic {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  /** Characters to underline, at least 1. */
  readonly length: number;
  /** Where in the spec, as `groups[2].metrics[0].labels[1]`; empty for the whole document. */
  readonly path: string;
  readonly message: string;
}

export type SpecPath = readonly (string | number)[];

const IDENTIFIER_KEY = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export function formatPath(path: SpecPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (IDENTIFIER_KEY.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** Builds a diagnostic for the character range [start, end) of the source text. */
export function diagnosticAt(
  source: SpecSource,
  range: readonly [number, number],
  path: SpecPath,
  message: string,
): Diagnostic {
  const { line, col } = source.lineCounter.linePos(range[0]);
  const lineText = sourceLine(source, line);
  const length = Math.max(1, Math.min(range[1] - range[0], lineText.length - (col - 1)));
  return { file: source.displayPath, line, column: col, length, path: formatPath(path), message };
}

/** `file:line:column path: message`, then a code frame of the lines around it. */
export function formatDiagnostic(diagnostic: Diagnostic, source: SpecSource): string {
  const where = `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}`;
  const head = diagnostic.path
    ? `${where} ${diagnostic.path}: ${diagnostic.message}`
    : `${where} ${diagnostic.message}`;
  return `${head}\n${codeFrame(source, diagnostic)}`;
}

const FRAME_CONTEXT_LINES = 2;
const FRAME_MAX_WIDTH = 120;

function codeFrame(source: SpecSource, diagnostic: Diagnostic): string {
  if (source.text === '') return '';
  const first = Math.max(1, diagnostic.line - FRAME_CONTEXT_LINES);
  const last = diagnostic.line;
  const gutterWidth = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const marker = n === diagnostic.line ? '>' : ' ';
    const content = clip(sourceLine(source, n));
    out.push(`${marker} ${String(n).padStart(gutterWidth)} | ${content}`.trimEnd());
  }
  const caretStart = Math.min(diagnostic.column - 1, FRAME_MAX_WIDTH);
  const caretLength = Math.max(1, Math.min(diagnostic.length, FRAME_MAX_WIDTH - caretStart));
  out.push(`  ${' '.repeat(gutterWidth)} | ${' '.repeat(caretStart)}${'^'.repeat(caretLength)}`);
  return `${out.join('\n')}\n`;
}

/** Keeps a frame on one screen whatever the line's length, and its control characters visible. */
function clip(line: string): string {
  const shown = line.length > FRAME_MAX_WIDTH ? `${line.slice(0, FRAME_MAX_WIDTH)}…` : line;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: replacing them is the point
  return shown.replace(/\t/g, '→').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '�');
}

function sourceLine(source: SpecSource, line: number): string {
  const starts = source.lineCounter.lineStarts;
  const start = starts[line - 1] ?? 0;
  const end = starts[line] ?? source.text.length;
  return source.text.slice(start, end).replace(/\r?\n$/, '');
}

/** Compares diagnostics by position, so output follows the file top to bottom. */
export function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.line - b.line || a.column - b.column || a.message.localeCompare(b.message);
}
