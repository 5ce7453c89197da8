import type { LineCounter } from 'yaml';

/**
 * The text of a spec and what is needed to point into it. Its own module, so that diagnostics
 * (which point into it) and the parser (which reports diagnostics) do not import each other.
 */
export interface SpecSource {
  /** As given by the user; shown in diagnostics. */
  readonly displayPath: string;
  /** The file's name alone; stamped in generated headers so output does not depend on cwd. */
  readonly fileName: string;
  readonly text: string;
  readonly lineCounter: LineCounter;
}
