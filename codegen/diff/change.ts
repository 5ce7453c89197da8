import { type ChangeLevel, type DiffRuleId, levelOf } from './rules.ts';
import type { SpecLocation } from './spec-version.ts';
import { type Consumers, NO_CONSUMERS } from './usage.ts';

/** One classified difference between two versions of a spec. */
export interface Change {
  readonly rule: DiffRuleId;
  readonly level: ChangeLevel;
  /** What changed, named as a reader knows it: `metric processor_x`, `label topic`. */
  readonly subject: string;
  readonly message: string;
  readonly base: SpecLocation | undefined;
  readonly head: SpecLocation | undefined;
  /** Readers of the base version that the change breaks or alters. */
  readonly breaks: Consumers;
}

export function change(
  rule: DiffRuleId,
  subject: string,
  message: string,
  where: { base?: SpecLocation | undefined; head?: SpecLocation | undefined },
  breaks: Consumers = NO_CONSUMERS,
): Change {
  return {
    rule,
    level: levelOf(rule),
    subject,
    message,
    base: where.base,
    head: where.head,
    breaks,
  };
}
