/**
 * Why a recording was dropped. Recorders never throw into the caller: a value they cannot
 * record is dropped, and the drop is counted in `<namespace>_metrics_rejected_total`.
 * `invalid_exemplar` counts exemplars dropped from recordings that were kept; its series exist
 * only for metrics with exemplars.
 */
export const REJECTION_REASONS = [
  'invalid_label_value',
  'invalid_value',
  'invalid_exemplar',
] as const;

export type RejectionReason = (typeof REJECTION_REASONS)[number];
