import { existsSync } from 'node:fs';
import { formatDiagnostic } from '../parse/diagnostics.ts';
import { readSpec } from '../parse/read-spec.ts';
import { type GenerateOptions, generate } from '../pipeline.ts';
import {
  findStaleFiles,
  OutputDirectoryError,
  recoverInterruptedWrite,
  writeGenerated,
} from '../write.ts';
import { EXIT, parseFlags, reportUsage, UsageError } from './flags.ts';

export const GENERATE_USAGE = `usage: metrics-kit generate [--spec FILE] [--out DIR] [--js] [--check]

Validates the spec and writes the typed client, METRICS.md, the Grafana dashboard and the
Prometheus config, rules and rule tests.

  --spec FILE  the spec to read (default: metrics.yaml)
  --out DIR    where to write the generated files (default: generated)
  --js         write metrics.js and metrics.d.ts instead of metrics.ts
  --check      write nothing; exit 1 if DIR is not what FILE generates`;

const FLAGS = {
  spec: { type: 'string', default: 'metrics.yaml' },
  out: { type: 'string', default: 'generated' },
  js: { type: 'boolean', default: false },
  check: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

interface Request {
  readonly spec: string;
  readonly out: string;
  readonly check: boolean;
  readonly options: GenerateOptions;
}

/** `metrics-kit generate`: the pipeline, then either write the files or compare them with DIR. */
export async function run(argv: readonly string[]): Promise<number> {
  let request: Request;
  try {
    const flags = parseFlags(argv, FLAGS, GENERATE_USAGE);
    if (flags.help) {
      process.stdout.write(`${GENERATE_USAGE}\n`);
      return EXIT.ok;
    }
    if (flags.spec === '' || flags.out === '')
      throw new UsageError(`--spec and --out need a path\n\n${GENERATE_USAGE}`);
    request = {
      spec: flags.spec,
      out: flags.out,
      check: flags.check,
      options: { language: flags.js ? 'js' : 'ts' },
    };
  } catch (error) {
    return reportUsage(error);
  }
  if (!existsSync(request.spec)) {
    process.stderr.write(
      `no spec at ${request.spec}: run \`metrics-kit init\` to write a starter metrics.yaml, or pass --spec FILE\n`,
    );
    return EXIT.problems;
  }
  recoverInterruptedWrite(request.out);
  const parsed = readSpec(request.spec);
  const result = await generate(parsed, request.options);
  if (!result.ok) {
    for (const diagnostic of result.diagnostics) {
      process.stderr.write(`${formatDiagnostic(diagnostic, result.source)}\n`);
    }
    const count = result.diagnostics.length;
    process.stderr.write(
      `${count} ${count === 1 ? 'problem' : 'problems'} in ${request.spec}; ${request.out}/ left unchanged\n`,
    );
    return EXIT.problems;
  }
  if (request.check) return reportStale(request, result.files);
  return write(request, result.files);
}

async function write(
  request: Request,
  files: Parameters<typeof writeGenerated>[1],
): Promise<number> {
  await deliverPendingSignals();
  if (interruptedBy !== undefined) {
    process.stderr.write(`interrupted by ${interruptedBy}; ${request.out}/ left unchanged\n`);
    return EXIT_ON_SIGNAL[interruptedBy];
  }
  try {
    writeGenerated(request.out, files);
  } catch (error) {
    if (error instanceof OutputDirectoryError) {
      process.stderr.write(`${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
  process.stdout.write(`wrote ${files.length} files to ${request.out}/ from ${request.spec}\n`);
  return EXIT.ok;
}

function reportStale(request: Request, files: Parameters<typeof findStaleFiles>[1]): number {
  const stale = findStaleFiles(request.out, files);
  if (stale.length === 0) {
    process.stdout.write(`${request.out}/ is up to date with ${request.spec}\n`);
    return EXIT.ok;
  }
  const lines = stale.map((file) => `  ${file.state.padEnd(10)} ${file.path} (${file.detail})`);
  process.stderr.write(
    `${request.out}/ is stale for ${request.spec}; run \`metrics-kit generate\`:\n${lines.join('\n')}\n`,
  );
  return EXIT.problems;
}

/**
 * The pipeline's writing step is synchronous, so a signal that arrived during generation waits in
 * the event loop. Node emits it one loop turn after libuv reads it, hence two turns (measured,
 * not a guess: with one turn a SIGINT sent mid-run was missed).
 */
async function deliverPendingSignals(): Promise<void> {
  for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve));
}

const EXIT_ON_SIGNAL = { SIGINT: 130, SIGTERM: 143 } as const;
let interruptedBy: keyof typeof EXIT_ON_SIGNAL | undefined;

/**
 * An interrupt before the swap cancels the write; one during the synchronous stage-and-swap is
 * delivered after it, so the tree on disk is always the old one or the new one, never a mix.
 * Installed when this module loads, before the spec is read.
 */
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    interruptedBy = signal;
  });
}
