/** One invalid input field, as carried by VALIDATION_FAILED (`field_errors` on the wire). */
export interface FieldError {
  /** Dotted path into the input, e.g. "disks.0.size"; "" for the input as a whole. */
  field: string;
  /** Machine-readable reason, e.g. a zod issue code ("too_small") or one of ours. */
  code: string;
  /** English detail for developers; the UI translates `code` instead. */
  message?: string;
}
