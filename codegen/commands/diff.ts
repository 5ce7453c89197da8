import { parseArgs } from 'node:util';
import { compareSpecs } from '../diff/compare.ts';
import { type DiffFormat, formatDiff } from '../diff/format.ts';
import { loadBase, loadSpecFile } from '../diff/load.ts';

const USAGE = `usage: metrics-kit diff --base FILE|GIT_REF [--spec FILE] [--format text|markdown|json] [--allow-breaking]

  --base FILE|REF    the version to compare with: a spec file, or a git revision (the spec's
                     path in its repository, read at that revision)
  --spec FILE        the new version (default: metrics.yaml)
  --format FORMAT    text (default), markdown (for a pull-request comment) or json
  --allow-breaking   list breaking changes but exit 0

exit: 0 no breaking change, 1 breaking changes, 2 usage or a spec that does not load`;

const FORMATS: readonly DiffFormat[] = ['text', 'markdown', 'json'];

/** `metrics-kit diff`: classifies the changes between two versions of a spec. */
export async function run(argv: readonly string[]): Promise<number> {
  let values: {
    base?: string;
    spec: string;
    format: string;
    'allow-breaking': boolean;
    help: boolean;
  };
  try {
    const parsed = parseArgs({
      args: [...argv],
      options: {
        base: { type: 'string' },
        spec: { type: 'string', default: 'metrics.yaml' },
        format: { type: 'string', default: 'text' },
        'allow-breaking': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    });
    values = parsed.values;
  } catch (error) {
    return usage((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (values.base === undefined || values.base === '') return usage('--base is required');
  const format = values.format as DiffFormat;
  if (!FORMATS.includes(format)) return usage(`--format must be one of ${FORMATS.join(', ')}`);
  const head = loadSpecFile(values.spec);
  if (!head.ok) return failed(head.errors);
  const base = loadBase(values.base, values.spec);
  if (!base.ok) return failed(base.errors);
  const diff = compareSpecs(base.version, head.version);
  process.stdout.write(formatDiff(diff, format));
  return diff.breaking > 0 && !values['allow-breaking'] ? 1 : 0;
}

function usage(message: string): number {
  process.stderr.write(`diff: ${message}\n${USAGE}\n`);
  return 2;
}

function failed(errors: readonly string[]): number {
  for (const error of errors) process.stderr.write(`diff: ${error}\n`);
  return 2;
}
