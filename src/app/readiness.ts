/**
 * What a check resolves to: nothing or `true` is ready, `false` is not, and an object can add a
 * message. A check that throws or outlives its timeout is not ready, with a fixed message.
 */
export type ReadinessOutcome =
  | boolean
  | undefined
  | { readonly ready: boolean; readonly message?: string | null };

export interface ReadinessCheck {
  readonly name: string;
  /** Aborted when the timeout passes, so a check can cancel its own I/O. */
  readonly check: (signal: AbortSignal) => ReadinessOutcome | Promise<ReadinessOutcome>;
  /** 2000 ms when omitted: well inside a Kubernetes probe's default 1 s… 10 s budgets. */
  readonly timeoutMs?: number;
}

export interface CheckResult {
  readonly name: string;
  readonly ready: boolean;
  readonly message: string | null;
}

export interface ReadinessReport {
  readonly ready: boolean;
  readonly checks: readonly CheckResult[];
}

const DEFAULT_TIMEOUT_MS = 2000;
const MAX_MESSAGE_LENGTH = 200;

/**
 * The application's readiness checks, run concurrently on each `/ready` request.
 *
 * @example
 * const readiness = new Readiness();
 * const remove = readiness.add({ name: 'kafka', check: async () => consumer.isConnected() });
 * const app = createMetricsApp({ readiness });
 */
export class Readiness {
  private readonly checks = new Map<string, ReadinessCheck>();

  constructor(checks: readonly ReadinessCheck[] = []) {
    for (const check of checks) this.add(check);
  }

  /** Adds or replaces the check of that name; returns a function that removes it. */
  add(check: ReadinessCheck): () => void {
    this.checks.set(check.name, check);
    return () => {
      if (this.checks.get(check.name) === check) this.checks.delete(check.name);
    };
  }

  async run(): Promise<ReadinessReport> {
    const checks = await Promise.all([...this.checks.values()].map(runCheck));
    return { ready: checks.every((check) => check.ready), checks };
  }
}

async function runCheck(check: ReadinessCheck): Promise<CheckResult> {
  const timeoutMs = check.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve({ name: check.name, ready: false, message: `timed out after ${timeoutMs} ms` });
    }, timeoutMs);
  });
  const settled = (async (): Promise<CheckResult> => {
    try {
      return outcomeResult(check.name, await check.check(controller.signal));
    } catch {
      return { name: check.name, ready: false, message: THREW };
    }
  })();
  try {
    return await Promise.race([settled, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

function outcomeResult(name: string, outcome: ReadinessOutcome): CheckResult {
  if (outcome === undefined || outcome === true) return { name, ready: true, message: null };
  if (outcome === false) return { name, ready: false, message: 'not ready' };
  return { name, ready: outcome.ready === true, message: shortMessage(outcome.message ?? null) };
}

/**
 * Not the error's own message: it may hold a file path, a host or a credential, and `/ready`
 * answers anyone. A check that wants its reason shown returns `{ ready: false, message }`.
 */
const THREW = 'check threw an error';

function shortMessage(message: string | null): string | null {
  if (message === null) return null;
  const firstLine = message.split('\n', 1)[0]?.trim() ?? '';
  if (firstLine === '') return null;
  return firstLine.length > MAX_MESSAGE_LENGTH
    ? `${firstLine.slice(0, MAX_MESSAGE_LENGTH - 1)}…`
    : firstLine;
}
