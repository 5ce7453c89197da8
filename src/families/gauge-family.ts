import type { FamilyDefinition } from './family.ts';
import { ScalarFamily } from './scalar-family.ts';

/** A gauge: values must be finite, since a NaN or infinite gauge breaks every comparison on it. */
export class GaugeFamily extends ScalarFamily {
  readonly type = 'gauge';

  // Public here: the base constructor is protected.
  constructor(definition: FamilyDefinition) {
    super(definition);
  }

  /** Sets a series; `series` is -1 when a label value was not valid. */
  set(series: number, value: number): void {
    // `value - value === 0` is false for NaN and ±Infinity: one test for every valid call.
    if (series >= 0 && typeof value === 'number' && value - value === 0) {
      this.values[series] = value;
    } else {
      this.reject(series < 0 ? 'invalid_label_value' : 'invalid_value');
    }
  }

  protected headerName(): string {
    return this.exposedName;
  }
}
