#!/usr/bin/env node
import { EXIT } from './commands/flags.ts';
import { closest } from './suggest.ts';
import { CLI_VERSION } from './versions.ts';

const USAGE = `usage: metrics-kit <command> [flags]

Commands:
  init      write a starter metrics.yaml
  generate  validate metrics.yaml and write the generated files
  diff      classify the changes from another version of the spec as breaking or compatible
  verify    scrape a running service and hold what it exposes against the spec

  Each command takes --help.

  --help     this text
  --version  the CLI's version`;

type Command = (argv: readonly string[]) => Promise<number>;

/** Each command loads only when chosen, so `init` never loads the emitters. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  init: async () => (await import('./commands/init.ts')).run,
  generate: async () => (await import('./commands/generate.ts')).run,
  diff: async () => (await import('./commands/diff.ts')).run,
  verify: async () => (await import('./commands/verify.ts')).run,
};

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${CLI_VERSION}\n`);
    return EXIT.ok;
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? process.stderr : process.stdout).write(`${USAGE}\n`);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const load = COMMANDS[name];
  if (load === undefined) {
    const suggestion = closest(name, Object.keys(COMMANDS));
    const hint = suggestion === undefined ? '' : ` (did you mean ${suggestion}?)`;
    process.stderr.write(`unknown command "${name}"${hint}\n\n${USAGE}\n`);
    return EXIT.usage;
  }
  return (await load())(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`metrics-kit failed: ${(error as Error).message}\n`);
    process.exitCode = EXIT.problems;
  },
);
