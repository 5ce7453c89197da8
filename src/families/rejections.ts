/**
 * Why a recording was dropped. Recorders never throw into the caller: a value they cannot
 * record is dropped, and the drop is counted in `<namespace>_metrics_rejected_total`.
 */
export const REJECTION_REASONS = ['invalid_label_value', 'invalid_value'] as const;

export type RejectionReason = (typeof REJECTION_REASONS)[number];
