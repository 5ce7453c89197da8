import { type ParseArgsConfig, parseArgs } from 'node:util';
import { closest } from '../suggest.ts';

/** 0 success, 1 spec problems, drift or stale output, 2 usage or unreachable input. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

type Options = NonNullable<ParseArgsConfig['options']>;

/** A command line that could not be read: the message to print, usage included. */
export class UsageError extends Error {}

/**
 * `node:util`'s parseArgs with messages in this CLI's words: an unknown flag names the closest
 * known one ("did you mean --spec?"), and no positional argument is accepted by accident.
 */
export function parseFlags<T extends Options>(
  argv: readonly string[],
  options: T,
  usage: string,
): ReturnType<typeof parseArgs<{ options: T; allowPositionals: true; strict: true }>>['values'] {
  try {
    const parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
    const extra = parsed.positionals[0];
    if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"\n\n${usage}`);
    return parsed.values;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${explain(error as Error, Object.keys(options))}\n\n${usage}`);
  }
}

function explain(error: Error, known: readonly string[]): string {
  const unknown = /Unknown option '(-{1,2}[^']+)'/.exec(error.message)?.[1];
  if (unknown !== undefined) {
    const suggestion = closest(unknown.replace(/^-+/, ''), known);
    return `unknown flag ${unknown}${suggestion === undefined ? '' : ` (did you mean --${suggestion}?)`}`;
  }
  const needsValue = /Option '(-{1,2}[^ ']+)(?: [^']*)?' argument missing/.exec(error.message)?.[1];
  if (needsValue !== undefined) return `${needsValue} needs a value`;
  return error.message.replace(/\. To specify.*$/s, '');
}

/** Prints a usage error or help text, and gives the exit code for it. */
export function reportUsage(error: unknown): number {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`${error.message}\n`);
  return EXIT.usage;
}
