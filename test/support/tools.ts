import { spawnSync } from 'node:child_process';

/**
 * Whether an external tool this test needs is installed. Locally a missing tool skips the test
 * with the reason printed; in CI (CI=true) it fails instead, because .ci/run installs it and a
 * skip there would hide a missing install step.
 */
export function toolAvailable(command: string, installHint: string): boolean {
  const found = spawnSync(command, ['--version'], { encoding: 'utf8' }).status === 0;
  if (found) return true;
  const reason = `${command} not found (${installHint})`;
  if (process.env.CI === 'true') throw new Error(`${reason}: required in CI`);
  console.warn(`skipping: ${reason}`);
  return false;
}
