/**
 * Outcome of a server-side dry run (`validateSpec`). Kubernetes rejections come back here as `errors`
 * (English, from the API server), not as thrown errors; only transport failures throw.
 */
export interface ValidationResult {
  valid: boolean;
  errors?: string[];
  warnings?: string[];
}
