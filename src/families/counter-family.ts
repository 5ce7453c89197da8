import type { ExpositionFormat } from '../exposition/text-format.ts';
import type { FamilyDefinition } from './family.ts';
import { ScalarFamily } from './scalar-family.ts';

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
   * valid for a free-form label.
   */
  inc(series: number, amount: number): void {
    if (series < 0) {
      this.reject('invalid_label_value');
      return;
    }
    if (!(Number.isFinite(amount) && amount >= 0)) {
      this.reject('invalid_value');
      return;
    }
    (this.values[series] as number) += amount;
  }

  protected headerName(format: ExpositionFormat): string {
    return format === 'openmetrics' ? this.familyName : this.exposedName;
  }
}
