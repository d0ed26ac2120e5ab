// The closed sets of the adoption contract as runtime values, for the status pills and the test
// that every value has a message in both locales. Records keyed by the view types make the compiler reject a
// list that misses a value the contract adds.

import type { StatusTone } from "@/components/ui/status-pill";
import type { AdoptionStatusView, OrphanReasonView } from "@/lib/adoption/adoption-views";

/** How each status reads next to the others: pending needs attention, gone is a warning, ignored is quiet. */
export const ADOPTION_STATUS_TONE: Record<AdoptionStatusView, StatusTone> = {
  PENDING: "info",
  ADOPTED: "ok",
  IGNORED: "neutral",
  GONE: "warn",
};

/** Every status of the contract's type (the record above makes the compiler check it is complete). */
export const ADOPTION_STATUS_VALUES = Object.keys(ADOPTION_STATUS_TONE) as AdoptionStatusView[];

const ORPHAN_REASON_SET: Record<OrphanReasonView, true> = {
  MISSING_SYSTEM: true,
  MISSING_SERVICE: true,
  MALFORMED_LABELS: true,
};

export const ORPHAN_REASONS = Object.keys(ORPHAN_REASON_SET) as OrphanReasonView[];
