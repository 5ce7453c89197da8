import type { Exemplar } from '../../src/index.ts';
import type { Random } from './distributions.ts';

/** One observation in this many carries a trace id, as a tracer sampling 5% would. */
export const TRACE_SAMPLING = 20;

/**
 * The exemplar of a sampled trace, `{ trace_id }` with a W3C trace id (32 hex digits), or
 * undefined for an observation whose trace was not sampled.
 */
export function sampledTrace(random: Random): Exemplar | undefined {
  if (random() * TRACE_SAMPLING >= 1) return undefined;
  let id = '';
  for (let i = 0; i < 4; i++) {
    id += Math.floor(random() * 2 ** 32)
      .toString(16)
      .padStart(8, '0');
  }
  return { trace_id: id };
}
