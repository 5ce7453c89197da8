/**
 * The closing note's before/after: runs every generated alert test against today's rules
 * (`generated/prometheus/rules.yml`) and against the rules of an earlier commit (default
 * 00444ae, before the failure-mode alerts), one test at a time, and prints which pass.
 * Annotations are compared on neither side, so a reworded description does not count as a
 * failure: a test fails only when the alert, its labels or its severity differ.
 *
 *   npx tsx test/support/rules-before-after.ts [commit]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { PROJECT_ROOT } from './cli.ts';

interface RuleFile {
  groups: { name: string; rules: { annotations?: unknown }[] }[];
}
interface TestFile {
  tests: { name: string; alert_rule_test: { exp_alerts: { exp_annotations?: unknown }[] }[] }[];
}

const commit = process.argv[2] ?? '00444ae';
const rulesPath = 'generated/prometheus/rules.yml';
const current = readFileSync(join(PROJECT_ROOT, rulesPath), 'utf8');
const earlier = execFileSync('git', ['show', `${commit}:${rulesPath}`], {
  cwd: PROJECT_ROOT,
  encoding: 'utf8',
});
const tests = parse(
  readFileSync(join(PROJECT_ROOT, 'generated/prometheus/rules.test.yml'), 'utf8'),
) as TestFile;

function withoutAnnotations(text: string): RuleFile {
  const rules = parse(text) as RuleFile;
  for (const group of rules.groups) for (const rule of group.rules) delete rule.annotations;
  return rules;
}

const directory = mkdtempSync(join(tmpdir(), 'rules-before-after-'));
try {
  writeFileSync(join(directory, 'before.yml'), stringify(withoutAnnotations(earlier)));
  writeFileSync(join(directory, 'after.yml'), stringify(withoutAnnotations(current)));
  const passes = (rules: string, test: TestFile['tests'][number]): boolean => {
    const file = join(directory, `test-${rules}`);
    writeFileSync(
      file,
      stringify({ rule_files: [rules], evaluation_interval: '1m', tests: [test] }),
    );
    return spawnSync('promtool', ['test', 'rules', file], { encoding: 'utf8' }).status === 0;
  };
  let fixed = 0;
  console.log(`| Test | ${commit} | now |`);
  console.log('| --- | --- | --- |');
  for (const test of tests.tests) {
    for (const rule of test.alert_rule_test) {
      for (const alert of rule.exp_alerts) delete alert.exp_annotations;
    }
    const before = passes('before.yml', test);
    const after = passes('after.yml', test);
    if (!before && after) fixed += 1;
    console.log(`| ${test.name} | ${before ? 'pass' : 'FAIL'} | ${after ? 'pass' : 'FAIL'} |`);
  }
  console.log(`\n${fixed} of ${tests.tests.length} tests fail on ${commit}'s rules and pass now.`);
} finally {
  rmSync(directory, { recursive: true, force: true });
}
