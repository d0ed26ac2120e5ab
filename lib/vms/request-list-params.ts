/**
 * The query of "My requests" (`GET /api/v1/requests?page=&per_page=&status=`): SPEC §21 pagination (25 per page
 * by default, at most 100) and an optional ticket status. Unknown keys are refused (400 VALIDATION_FAILED).
 */
import { z } from "zod";
import { TicketStatus } from "@/lib/approvals/ticket-status";

export const REQUEST_LIST_DEFAULT_PER_PAGE = 25;
export const REQUEST_LIST_MAX_PER_PAGE = 100;

export const requestListParamsSchema = z
  .object({
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    per_page: z.coerce
      .number()
      .int()
      .min(1)
      .max(REQUEST_LIST_MAX_PER_PAGE)
      .default(REQUEST_LIST_DEFAULT_PER_PAGE),
    status: z.enum(Object.values(TicketStatus) as [TicketStatus, ...TicketStatus[]]).optional(),
  })
  .strict();

export type RequestListParams = z.output<typeof requestListParamsSchema>;
