import type { ExpositionFormat } from '../exposition/text-format.ts';
import type { FamilyDefinition } from './family.ts';
import { ScalarFamily } from './scalar-family.ts';

/** Number.MAX_VALUE as a literal: `amount <= MAX_FINITE` is false for Infinity and NaN. */
const MAX_FINITE = 1.7976931348623157e308;

/** A counter: increments must be finite and non-negative; anything else is dropped and counted. */
export class CounterFamily extends ScalarFamily {
  readonly type = 'counter';
  private readonly familyName: string;

  constructor(definition: FamilyDefinition) {
    super(definition);
    this.familyName = definition.name.replace(/_total$/, '');
  }

  /**
   * Adds `amount` to a series. `series` is -1 when a label value was outside its enum or not
   * valid for a free-form label. One test covers every valid call (a number, not NaN, finite,
   * non-negative) so that this stays small enough to be inlined into every recorder.
   */
  inc(series: number, amount: number): void {
    // `amount === 1` first: the default increment skips the other tests.
    if (
      series >= 0 &&
      (amount === 1 || (typeof amount === 'number' && amount >= 0 && amount <= MAX_FINITE))
    ) {
      (this.values[series] as number) += amount;
    } else {
      this.reject(series < 0 ? 'invalid_label_value' : 'invalid_value');
    }
  }

  protected headerName(format: ExpositionFormat): string {
    return format === 'openmetrics' ? this.familyName : this.exposedName;
  }
}
