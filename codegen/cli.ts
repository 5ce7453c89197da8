import { parseArgs } from 'node:util';
import { checkSpecFile } from './check-spec.ts';
import { formatDiagnostic } from './diagnostics.ts';
import {
  findStaleFiles,
  OutputDirectoryError,
  recoverInterruptedWrite,
  writeGenerated,
} from './write.ts';

/** 0 success, 1 spec problems or stale output, 2 usage. */
const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

const USAGE = `usage: npm run codegen -- [--spec FILE] [--out DIR] [--check]

  --spec FILE  the spec to read (default: metrics.yaml)
  --out DIR    where to write the generated files (default: generated)
  --check      write nothing; exit 1 if DIR is not what FILE generates`;

interface Options {
  readonly spec: string;
  readonly out: string;
  readonly check: boolean;
}

function parseOptions(argv: string[]): Options | string {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: {
        spec: { type: 'string', default: 'metrics.yaml' },
        out: { type: 'string', default: 'generated' },
        check: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) return USAGE;
    if (positionals.length > 0) return `unexpected argument "${positionals[0]}"\n${USAGE}`;
    if (values.spec === '' || values.out === '') return `--spec and --out need a path\n${USAGE}`;
    return { spec: values.spec, out: values.out, check: values.check };
  } catch (error) {
    return `${(error as Error).message}\n${USAGE}`;
  }
}

async function run(argv: string[]): Promise<number> {
  const options = parseOptions(argv);
  if (typeof options === 'string') {
    const isHelp = options === USAGE;
    (isHelp ? process.stdout : process.stderr).write(`${options}\n`);
    return isHelp ? EXIT.ok : EXIT.usage;
  }
  recoverInterruptedWrite(options.out);
  const result = checkSpecFile(options.spec);
  if (!result.ok) {
    for (const diagnostic of result.diagnostics) {
      process.stderr.write(`${formatDiagnostic(diagnostic, result.source)}\n`);
    }
    const count = result.diagnostics.length;
    process.stderr.write(
      `${count} ${count === 1 ? 'problem' : 'problems'} in ${options.spec}; ${options.out}/ left unchanged\n`,
    );
    return EXIT.problems;
  }
  // Loaded only for a valid spec: the emitters bring ts-morph, the slowest part of a start.
  const { generateFromValidated, runtimeModuleFor } = await import('./generate.ts');
  const files = generateFromValidated(result.parsed, result.spec, {
    runtimeModule: runtimeModuleFor(options.out),
  });
  if (options.check) return reportStale(options, files);
  await deliverPendingSignals();
  if (interruptedBy !== undefined) {
    process.stderr.write(`interrupted by ${interruptedBy}; ${options.out}/ left unchanged\n`);
    return EXIT_ON_SIGNAL[interruptedBy];
  }
  try {
    writeGenerated(options.out, files);
  } catch (error) {
    if (error instanceof OutputDirectoryError) {
      process.stderr.write(`${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
  process.stdout.write(`wrote ${files.length} files to ${options.out}/ from ${options.spec}\n`);
  return EXIT.ok;
}

function reportStale(options: Options, files: Parameters<typeof findStaleFiles>[1]): number {
  const stale = findStaleFiles(options.out, files);
  if (stale.length === 0) {
    process.stdout.write(`${options.out}/ is up to date with ${options.spec}\n`);
    return EXIT.ok;
  }
  const lines = stale.map((file) => `  ${file.state.padEnd(10)} ${file.path} (${file.detail})`);
  process.stderr.write(
    `${options.out}/ is stale for ${options.spec}; run \`npm run codegen\`:\n${lines.join('\n')}\n`,
  );
  return EXIT.problems;
}

/**
 * The pipeline is synchronous, so a signal that arrived during it waits in the event loop.
 * Node emits it one loop turn after libuv reads it, hence two turns (measured, not a guess:
 * with one turn a SIGINT sent mid-run was missed).
 */
async function deliverPendingSignals(): Promise<void> {
  for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve));
}

const EXIT_ON_SIGNAL = { SIGINT: 130, SIGTERM: 143 } as const;
let interruptedBy: keyof typeof EXIT_ON_SIGNAL | undefined;

/**
 * An interrupt before the swap cancels the write; one during the synchronous stage-and-swap is
 * delivered after it, so the tree on disk is always the old one or the new one, never a mix.
 */
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    interruptedBy = signal;
  });
}

/**
 * `diff` and `verify` until the CLI package's own dispatcher lands; anything else is `generate`.
 * They do not write, so the signal handlers above (which defer an interrupt past a write) go.
 */
async function dispatch(argv: string[]): Promise<number> {
  const command = argv[0];
  if (command !== 'diff' && command !== 'verify') return run(argv);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.removeAllListeners(signal);
  const module = command === 'diff' ? import('./commands/diff.ts') : import('./commands/verify.ts');
  return (await module).run(argv.slice(1));
}

dispatch(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`codegen failed: ${(error as Error).message}\n`);
    process.exitCode = EXIT.problems;
  },
);
