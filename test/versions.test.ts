import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emitJsonSchema } from '../codegen/emit/json-schema.ts';
import { CLI_VERSION, RUNTIME_RANGE } from '../codegen/versions.ts';
import { checkRuntimeVersion, RUNTIME_VERSION } from '../src/version.ts';
import { PROJECT_ROOT } from './support/cli.ts';

const manifest = (workspace: string) =>
  JSON.parse(readFileSync(join(PROJECT_ROOT, workspace, 'package.json'), 'utf8'));

describe('package versions', () => {
  it('the version constants equal the package manifests', () => {
    expect(RUNTIME_VERSION).toBe(manifest('src').version);
    expect(CLI_VERSION).toBe(manifest('codegen').version);
    expect(RUNTIME_RANGE).toBe(manifest('codegen').peerDependencies['metrics-kit']);
  });

  it('the CLI generates for the runtime it ships beside', () => {
    expect(() => checkRuntimeVersion(RUNTIME_RANGE, 'metrics.yaml')).not.toThrow();
  });

  it('the JSON Schema in the CLI package is the one the emitter writes', () => {
    const shipped = readFileSync(join(PROJECT_ROOT, 'codegen', 'metrics.schema.json'), 'utf8');
    // When this fails: cp generated/metrics.schema.json codegen/metrics.schema.json
    expect(shipped).toBe(emitJsonSchema('metrics.yaml').contents);
  });
});

describe('checkRuntimeVersion', () => {
  const [major, minor] = RUNTIME_VERSION.split('.').map(Number) as [number, number];
  it.each([
    [`^${major}.${minor}.0`, true],
    [`^${major}.${minor + 1}.0`, major > 0],
    [`^${major + 1}.0.0`, false],
    [`^${major}.${minor}.999`, false],
    ['not a range', false],
  ])('%s accepts the installed runtime: %s', (range, accepted) => {
    const check = () => checkRuntimeVersion(range, 'metrics.yaml');
    if (accepted) expect(check).not.toThrow();
    else
      expect(check).toThrow(
        `the metrics client generated from metrics.yaml needs metrics-kit ${range}, but metrics-kit ${RUNTIME_VERSION} is installed`,
      );
  });
});
