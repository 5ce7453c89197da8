import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PROJECT_ROOT } from '../support/cli.ts';
import { promtoolCheck } from '../support/exposition.ts';
import { packagesLoadedBy } from '../support/loaded-modules.ts';
import {
  mustRun,
  newProject,
  packWorkspaces,
  type Tarballs,
  writeFiles,
} from '../support/packages.ts';
import { freePort, pollUntil, startProcess, stopAll } from '../support/processes.ts';
import { toolAvailable } from '../support/tools.ts';
import {
  CJS_SCRIPT,
  JS_SERVER,
  runtimeServer,
  TS_CONFIG,
  TS_CONFIG_TYPO,
  TS_SERVER,
  TS_TYPO,
  TYPO_LINE,
  USER_SPEC,
} from './user-project.ts';

/**
 * The packages as another service gets them: packed, installed from their tarballs into projects
 * outside this repository, driven through the installed `metrics-kit` bin, compiled with the
 * newest TypeScript (7, the native compiler) and this repository's (6), and run on plain Node,
 * Bun and Deno.
 */
// Installs and compilers are slow on a busy machine; nothing here is a timing assertion.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 300_000 });

const hasPromtool = toolAvailable('promtool', 'apt-get install prometheus');
const BIN = (name: string) => join(PROJECT_ROOT, 'node_modules', '.bin', name);
const created: string[] = [];
let packs: string;
let tarballs: Tarballs;
let project: string;

beforeAll(() => {
  packs = mkdtempSync(join(tmpdir(), 'metrics-kit-packs-'));
  created.push(packs);
  tarballs = packWorkspaces(packs);
  project = newProject(
    { name: 'shop', private: true, type: 'module' },
    [tarballs.runtime, 'prom-client@^15'],
    [tarballs.cli, 'typescript@^7.0.2'],
  );
  created.push(project);
}, 300_000);

afterEach(stopAll);
afterAll(() => {
  for (const directory of created) rmSync(directory, { recursive: true, force: true });
});

function cli(args: readonly string[], cwd = project) {
  return spawnSync(join(cwd, 'node_modules', '.bin', 'metrics-kit'), args, {
    cwd,
    encoding: 'utf8',
  });
}

async function serveAndScrape(
  command: string,
  args: readonly string[],
  cwd: string,
): Promise<string> {
  const port = await freePort();
  startProcess(command, args, { METRICS_PORT: String(port) }, cwd);
  return pollUntil(
    `http://127.0.0.1:${port}/metrics`,
    (response, body) => (response.ok ? body : undefined),
    20_000,
  );
}

describe('the packed packages', () => {
  it('ship compiled JavaScript with declarations and maps, and only runtime dependencies', () => {
    const list = mustRun('tar', ['-tzf', tarballs.runtime], packs).stdout.split('\n');
    expect(list).toContain('package/dist/index.js');
    expect(list).toContain('package/dist/index.d.ts');
    expect(list).toContain('package/dist/index.d.ts.map');
    expect(list.filter((file) => /\.ts$/.test(file) && !file.endsWith('.d.ts'))).toEqual([]);
    const manifest = JSON.parse(
      readFileSync(join(project, 'node_modules', 'metrics-kit', 'package.json'), 'utf8'),
    );
    expect(Object.keys(manifest.dependencies).sort()).toEqual([
      '@bufbuild/protobuf',
      '@hono/node-server',
      'hono',
      'prom-client',
    ]);
    for (const entry of ['.', './node', './bun', './deno']) {
      expect(Object.keys(manifest.exports[entry])[0]).toBe('types');
    }
  });

  it('init writes a starter spec pointing at the installed JSON Schema, and never overwrites', () => {
    const first = cli(['init']);
    expect(first.status).toBe(0);
    const firstLine = readFileSync(join(project, 'metrics.yaml'), 'utf8').split('\n')[0] ?? '';
    const schema = /^# yaml-language-server: \$schema=(\S+)$/.exec(firstLine)?.[1] ?? '';
    expect(existsSync(resolve(project, schema))).toBe(true);
    expect(schema).toContain('node_modules/metrics-kit-cli/');
    expect(cli(['generate', '--out', 'starter']).status).toBe(0);
    const again = cli(['init']);
    expect(again.status).toBe(1);
    expect(again.stderr).toBe('metrics.yaml already exists; init leaves it as it is\n');
  });

  it('answers bad command lines with usage and exit 2, and a missing spec in one line', () => {
    const unknown = cli(['generat']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^unknown command "generat" \(did you mean generate\?\)/);
    const flag = cli(['generate', '--spek', 'x.yaml']);
    expect(flag.status).toBe(2);
    expect(flag.stderr).toMatch(/^unknown flag --spek \(did you mean --spec\?\)/);
    const missing = cli(['generate', '--spec', 'nowhere.yaml']);
    expect(missing.status).toBe(1);
    expect(missing.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(cli(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('generate through the bin loads neither ts-morph nor its compiler; --js alone does', () => {
    const bin = join(project, 'node_modules', '.bin', 'metrics-kit');
    const spec = join(PROJECT_ROOT, 'metrics.yaml');
    const plain = packagesLoadedBy(bin, ['generate', '--spec', spec, '--out', 'ts-only'], project);
    // The CLI is one ES module bundle (yaml, zod and the PromQL parser inside), so a plain run
    // loads no CommonJS package at all; --js below shows the check does see them.
    expect(plain.filter((name) => /^(@ts-morph\/common|ts-morph|typescript)$/.test(name))).toEqual(
      [],
    );
    const js = packagesLoadedBy(bin, ['generate', '--spec', spec, '--out', 'js', '--js'], project);
    expect(js).toEqual(expect.arrayContaining(['ts-morph', '@ts-morph/common']));
  });
});

describe('a TypeScript service', () => {
  beforeAll(() => {
    writeFiles(project, {
      'metrics.yaml': USER_SPEC,
      'server.ts': TS_SERVER,
      'tsconfig.json': TS_CONFIG,
    });
    expect(cli(['generate']).status).toBe(0);
  }, 60_000);

  it('compiles the generated client with TypeScript 7 (strict, nodenext, erasableSyntaxOnly)', () => {
    const tsc = spawnSync(join(project, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], {
      cwd: project,
      encoding: 'utf8',
    });
    expect(`${tsc.stdout}${tsc.stderr}`).toBe('');
    expect(tsc.status).toBe(0);
    expect(
      mustRun(join(project, 'node_modules', '.bin', 'tsc'), ['--version'], project).stdout,
    ).toMatch(/Version 7\./);
  });

  it('compiles it with TypeScript 6 too', () => {
    const tsc = spawnSync(BIN('tsc'), ['-p', 'tsconfig.json', '--noEmit'], {
      cwd: project,
      encoding: 'utf8',
    });
    expect(`${tsc.stdout}${tsc.stderr}`).toBe('');
  });

  it.skipIf(!hasPromtool)(
    'runs compiled on plain node and serves an exposition promtool accepts',
    async () => {
      const body = await serveAndScrape(process.execPath, ['dist/server.js'], project);
      expect(body).toContain('shop_requests_total{method="POST",route="/cart/:id"} 2');
      expect(body).toContain('shop_request_duration_seconds_bucket{method="GET",le="0.1"} 1');
      expect(body).toContain('shop_cache_entries{shard="3"} 120');
      expect(promtoolCheck(body).status).toBe(0);
    },
  );

  it('reports a label-value typo as a compile error at its line', () => {
    writeFiles(project, { 'typo.ts': TS_TYPO, 'tsconfig.typo.json': TS_CONFIG_TYPO });
    const tsc = spawnSync(
      join(project, 'node_modules', '.bin', 'tsc'),
      ['-p', 'tsconfig.typo.json'],
      {
        cwd: project,
        encoding: 'utf8',
      },
    );
    expect(tsc.status).not.toBe(0);
    expect(tsc.stdout).toMatch(
      new RegExp(`typo\\.ts\\(${TYPO_LINE},\\d+\\): error TS2345: .*"GETT"`),
    );
  });

  it.each([
    ['Bun', BIN('bun'), ['server-bun.ts']],
    [
      'Deno',
      BIN('deno'),
      ['run', '--allow-net', '--allow-env', '--allow-read', '--allow-sys', 'server-deno.ts'],
    ],
  ] as const)('runs the same generated client under %s', async (runtime, command, args) => {
    toolAvailable(command, 'npm ci installs bun and deno');
    const name = runtime === 'Bun' ? 'bun' : 'deno';
    writeFileSync(join(project, `server-${name}.ts`), runtimeServer(name));
    const body = await serveAndScrape(command, args, project);
    expect(body).toContain('shop_requests_total{method="GET",route="/cart"} 1');
  });

  it('fails at import, naming both versions, when the installed runtime does not match', () => {
    const versionFile = join(project, 'node_modules', 'metrics-kit', 'dist', 'version.js');
    const original = readFileSync(versionFile, 'utf8');
    writeFileSync(
      versionFile,
      original.replace(/RUNTIME_VERSION = '[^']+'/, "RUNTIME_VERSION = '9.0.0'"),
    );
    try {
      const run = spawnSync(process.execPath, ['dist/server.js'], {
        cwd: project,
        encoding: 'utf8',
        timeout: 20_000,
      });
      expect(run.status).not.toBe(0);
      expect(run.stderr).toMatch(
        /needs metrics-kit \^\d+\.\d+\.\d+, but metrics-kit 9\.0\.0 is installed/,
      );
    } finally {
      writeFileSync(versionFile, original);
    }
  });
});

describe('projects without TypeScript', () => {
  it.skipIf(!hasPromtool)(
    'a JavaScript project uses generate --js and its declarations',
    async () => {
      const js = newProject(
        { name: 'shop-js', private: true, type: 'module' },
        [tarballs.runtime, 'prom-client@^15'],
        [tarballs.cli],
      );
      created.push(js);
      writeFiles(js, { 'metrics.yaml': USER_SPEC, 'server.js': JS_SERVER });
      expect(cli(['generate', '--js'], js).status).toBe(0);
      expect(existsSync(join(js, 'generated', 'metrics.ts'))).toBe(false);
      expect(readFileSync(join(js, 'generated', 'metrics.d.ts'), 'utf8')).toContain(
        "export type MethodLabel = 'GET' | 'POST';",
      );
      const body = await serveAndScrape(process.execPath, ['server.js'], js);
      expect(body).toContain('shop_requests_total{method="GET",route="/cart"} 1');
      expect(promtoolCheck(body).status).toBe(0);
    },
  );

  it('a CommonJS project require()s the runtime and the generated JavaScript', () => {
    const cjs = newProject(
      { name: 'shop-cjs', private: true },
      [tarballs.runtime, 'prom-client@^15'],
      [tarballs.cli],
    );
    created.push(cjs);
    writeFiles(cjs, { 'metrics.yaml': USER_SPEC, 'index.js': CJS_SCRIPT });
    expect(cli(['generate', '--js'], cjs).status).toBe(0);
    const run = mustRun(process.execPath, ['index.js'], cjs, 20_000);
    expect(run.stdout.split('\n')[0]).toBe('function');
    expect(run.stdout).toContain('shop_cache_entries{shard="3"} 120');
  });
});
