import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PROJECT_ROOT,
  removeTemporaryDirectories,
  runCli,
  temporaryDirectory,
} from './support/cli.ts';
import { DIFF_BASE_TEXT, edit } from './support/spec-diff.ts';

/** A repository whose HEAD~1 has the http-api spec and HEAD lowers a limit and drops a metric. */
let repository: string;
const HEAD_TEXT = edit(
  DIFF_BASE_TEXT,
  ['max_values: 200', 'max_values: 100'],
  [
    '      - name: fallback_responses\n        type: counter\n        help: Responses by whether the default handler answered.\n        labels: [default]\n',
    '',
  ],
);

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@t',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@t',
    },
  });
}

beforeAll(() => {
  repository = temporaryDirectory();
  mkdirSync(join(repository, 'spec'));
  git(repository, 'init', '-q', '-b', 'main');
  writeFileSync(join(repository, 'spec', 'metrics.yaml'), DIFF_BASE_TEXT);
  git(repository, 'add', '.');
  git(repository, 'commit', '-qm', 'base');
  writeFileSync(join(repository, 'spec', 'metrics.yaml'), HEAD_TEXT);
  git(repository, 'commit', '-qam', 'head');
});

afterAll(removeTemporaryDirectories);

describe('metrics-kit diff through the CLI', () => {
  it('reads the base at a git revision, lists breaking changes with both lines, exits 1', () => {
    const run = runCli(['diff', '--base', 'HEAD~1', '--spec', 'spec/metrics.yaml'], repository);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('breaking   METRIC_REMOVED  metric http_api_fallback_responses: removed');
    expect(lines[1]).toBe('           base HEAD~1:spec/metrics.yaml:51, head -');
    expect(run.stdout).toContain(
      'breaking   LABEL_LIMIT_LOWERED  label route: max_values 200 → 100: values past 100 fold into __overflow__',
    );
    expect(run.stdout).toContain('base HEAD~1:spec/metrics.yaml:13, head spec/metrics.yaml:13');
    expect(run.stdout).toContain('recording rule job_route:http_api_requests:rate5m');
    expect(lines.at(-2)).toBe(
      '2 breaking changes, 0 compatible changes from HEAD~1:spec/metrics.yaml to spec/metrics.yaml',
    );
  });

  it('--allow-breaking lists them and exits 0', () => {
    const run = runCli(
      ['diff', '--base', 'HEAD~1', '--spec', 'spec/metrics.yaml', '--allow-breaking'],
      repository,
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('METRIC_REMOVED');
  });

  it('a compatible change exits 0 (the base as a file)', () => {
    const directory = temporaryDirectory();
    const head = join(directory, 'head.yaml');
    writeFileSync(head, DIFF_BASE_TEXT.replace('max_values: 200', 'max_values: 300'));
    const base = join(PROJECT_ROOT, 'test/fixtures/diff/metrics.yaml');
    const run = runCli(['diff', '--base', base, '--spec', head]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      'compatible LABEL_LIMIT_RAISED  label route: max_values 200 → 300',
    );
  });

  it('--format json holds every change with its rule, level, lines and readers', () => {
    const run = runCli(
      ['diff', '--base', 'HEAD~1', '--spec', 'spec/metrics.yaml', '--format', 'json'],
      repository,
    );
    const diff = JSON.parse(run.stdout);
    expect(diff).toMatchObject({
      base: 'HEAD~1:spec/metrics.yaml',
      head: 'spec/metrics.yaml',
      breaking: 2,
      compatible: 0,
    });
    expect(diff.changes[0]).toEqual({
      rule: 'METRIC_REMOVED',
      level: 'breaking',
      subject: 'metric http_api_fallback_responses',
      message: 'removed',
      base: { file: 'HEAD~1:spec/metrics.yaml', line: 51 },
      breaks: {
        panels: ['HTTP / Fallback responses per second, by default'],
        rules: [],
        alerts: [],
      },
    });
  });

  it('--format markdown is a pull-request comment: verdict, table, rules', () => {
    const run = runCli(
      ['diff', '--base', 'HEAD~1', '--spec', 'spec/metrics.yaml', '--format', 'markdown'],
      repository,
    );
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe(
      '### ❌ metrics spec: 2 breaking changes, 0 compatible changes from HEAD~1:spec/metrics.yaml to spec/metrics.yaml',
    );
    expect(lines).toContain('| Level | Rule | Change | Base | Head | Affects |');
    expect(run.stdout).toContain('fold into \\_\\_overflow\\_\\_');
    expect(run.stdout).toContain('- `METRIC_REMOVED`: A metric was removed.');
  });

  it.each([
    [
      ['--base', 'no-such-ref', '--spec', 'spec/metrics.yaml'],
      /^diff: --base "no-such-ref" is neither a file nor a revision of the git repository at .+\n$/,
    ],
    [
      ['--base', 'HEAD', '--spec', 'spec/missing.yaml'],
      /^diff: spec\/missing.yaml:1:1 no such file\n$/,
    ],
    [
      ['--format', 'xml', '--base', 'HEAD'],
      /^diff: --format must be one of text, markdown, json\n/,
    ],
    [[], /^diff: --base is required\n/],
    [['--base', 'HEAD', '--bogus'], /^diff: Unknown option '--bogus'/],
  ])('bad input %j: one line, exit 2', (args, message) => {
    const run = runCli(['diff', ...args], repository);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('a base that does not parse is reported located, in the base', () => {
    const broken = temporaryDirectory();
    git(broken, 'init', '-q');
    writeFileSync(
      join(broken, 'metrics.yaml'),
      DIFF_BASE_TEXT.replace('type: gauge', 'type: gauge\n       bad: [indent'),
    );
    git(broken, 'add', '.');
    git(broken, 'commit', '-qm', 'broken');
    writeFileSync(join(broken, 'metrics.yaml'), DIFF_BASE_TEXT);
    const run = runCli(['diff', '--base', 'HEAD'], broken);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^diff: HEAD:metrics.yaml:50:\d+ .*YAML syntax error/);
    expect(run.stdout).toBe('');
  });

  it('a git revision for a spec outside any repository is an error', () => {
    const outside = temporaryDirectory();
    writeFileSync(join(outside, 'metrics.yaml'), DIFF_BASE_TEXT);
    const run = runCli(['diff', '--base', 'HEAD~1'], outside);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'diff: --base "HEAD~1" is not a file, and metrics.yaml is not in a git repository to read a revision from\n',
    );
  });

  it('.ci/spec-diff compares with the merge base, and passes where there is none', () => {
    const script = join(PROJECT_ROOT, '.ci', 'spec-diff');
    const same = spawnSync('bash', [script], {
      encoding: 'utf8',
      env: { ...process.env, SPEC_DIFF_TARGET: 'HEAD' },
    });
    expect(same.status).toBe(0);
    expect(same.stdout).toMatch(
      /spec-diff: metrics.yaml against the merge base [0-9a-f]{12} with HEAD\n### ✅ metrics spec: no changes/,
    );
    const none = spawnSync('bash', [script], {
      encoding: 'utf8',
      env: { ...process.env, SPEC_DIFF_TARGET: 'no-such-branch' },
    });
    expect(none.status).toBe(0);
    expect(none.stdout).toBe(
      'spec-diff: skipped, no branch no-such-branch to compare with in this clone\n',
    );
  });
});
