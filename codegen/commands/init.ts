import { existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, relative, resolve } from 'node:path';
import { STARTER_SPEC } from '../spec/starter.ts';
import { EXIT, parseFlags, reportUsage } from './flags.ts';

export const INIT_USAGE = `usage: metrics-kit init [--spec FILE]

Writes a starter spec (default: metrics.yaml) with one metric of each type, a label with a
closed set of values, a free-form label and a bucket layout. Never overwrites a file.`;

const FLAGS = {
  spec: { type: 'string', default: 'metrics.yaml' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/**
 * The JSON Schema shipped in this package, found by the package's own name so the answer is the
 * same from its sources, its compiled dist/ and this repository's bundled copy.
 */
function schemaPath(): string {
  return createRequire(import.meta.url).resolve('metrics-kit-cli/metrics.schema.json');
}

/** `metrics-kit init`: the starter spec, its `$schema` line pointing into the installed CLI. */
export async function run(argv: readonly string[]): Promise<number> {
  let spec: string;
  try {
    const flags = parseFlags(argv, FLAGS, INIT_USAGE);
    if (flags.help) {
      process.stdout.write(`${INIT_USAGE}\n`);
      return EXIT.ok;
    }
    spec = flags.spec;
  } catch (error) {
    return reportUsage(error);
  }
  if (existsSync(spec)) {
    process.stderr.write(`${spec} already exists; init leaves it as it is\n`);
    return EXIT.problems;
  }
  const schema = relative(dirname(resolve(spec)), schemaPath())
    .split('\\')
    .join('/');
  const text = STARTER_SPEC.replace('{{schema}}', schema.startsWith('.') ? schema : `./${schema}`);
  try {
    writeFileSync(spec, text, { flag: 'wx' });
  } catch (error) {
    process.stderr.write(`cannot write ${spec}: ${(error as NodeJS.ErrnoException).code}\n`);
    return EXIT.problems;
  }
  process.stdout.write(`wrote ${spec}; next: npx metrics-kit generate\n`);
  return EXIT.ok;
}
