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
    if (series < 0) {
      this.reject('invalid_label_value');
      return;
    }
    if (!Number.isFinite(value)) {
      this.reject('invalid_value');
      return;
    }
    this.values[series] = value;
  }

  protected headerName(): string {
    return this.exposedName;
  }
}
