import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PROJECT_ROOT } from './support/cli.ts';
import { SPECS } from './support/generate.ts';

const schema: object = JSON.parse(
  readFileSync(join(PROJECT_ROOT, 'generated/metrics.schema.json'), 'utf8'),
);
// Editors check `format: uri` themselves; zod's own check is the one the codegen runs.
const check = new Ajv({ allErrors: true, strict: false, formats: { uri: true } }).compile(schema);

function specText(path: string): string {
  return readFileSync(join(PROJECT_ROOT, path), 'utf8');
}

describe('generated JSON Schema', () => {
  it.each(Object.values(SPECS))('accepts the valid spec %s', (path) => {
    expect(check(parse(specText(path))), JSON.stringify(check.errors)).toBe(true);
  });

  it('is what metrics.yaml points editors to', () => {
    expect(specText(SPECS.processor).split('\n')[0]).toBe(
      '# yaml-language-server: $schema=./generated/metrics.schema.json',
    );
  });

  it.each([
    [
      'an unknown key',
      (spec: string) => spec.replace('namespace: processor', 'namespace: processor\nnamspace: x'),
      '',
    ],
    [
      'a metric type outside the enum',
      (spec: string) => spec.replace('type: gauge', 'type: summary'),
      '/groups/0/metrics/3/type',
    ],
    [
      'a label name with a dash',
      (spec: string) => spec.replace('  topic:', '  kafka-topic:'),
      '/labels',
    ],
    [
      'a missing help',
      (spec: string) => spec.replace(/\n {8}help: Events processed, by result\./, ''),
      '/groups/0/metrics/1',
    ],
  ])('rejects %s, as the validator does', (_, edit, instancePath) => {
    expect(check(parse(edit(specText(SPECS.processor))))).toBe(false);
    expect(check.errors?.map((error) => error.instancePath)).toContain(instancePath);
  });
});
