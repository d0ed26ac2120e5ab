/**
 * The batch form of adopt / ignore: each id is decided in its own transaction, in the order given, so a
 * refused id (already decided, VM gone, …) is reported with its code and does not stop the others. An
 * unexpected failure of one id is reported as INTERNAL (and logged by the caller's logger). One change notice
 * goes out per cluster that changed, after the whole batch, not one per id.
 */
import "server-only";
import type { BatchDecisionResultView } from "@/lib/adoption/adoption-views";
import { AppError } from "@/lib/errors/app-error";
import type { AuditActor } from "../audit/record-audit";
import { adoptPendingAdoption } from "./adopt-pending-adoption";
import { notifyAdoptionsChanged } from "./adoption-change-notice";
import type { AdoptionDeps } from "./adoption-deps";
import { ignorePendingAdoption } from "./ignore-pending-adoption";

export async function decidePendingAdoptions(
  deps: AdoptionDeps,
  input: { ids: string[]; decision: "adopt" | "ignore"; reason?: string | undefined },
  actor: AuditActor,
): Promise<BatchDecisionResultView[]> {
  const results: BatchDecisionResultView[] = [];
  const changedClusters = new Set<string>();
  for (const id of input.ids) {
    try {
      const item =
        input.decision === "adopt"
          ? await adoptPendingAdoption(deps, id, actor, { notify: false })
          : await ignorePendingAdoption(deps, id, { reason: input.reason }, actor, { notify: false });
      changedClusters.add(item.cluster_id);
      results.push({ id, ok: true, status: item.status });
    } catch (error) {
      if (error instanceof AppError) {
        results.push({
          id,
          ok: false,
          code: error.code,
          params: { ...(error.params as Record<string, unknown>) },
        });
      } else {
        deps.log.error({ err: error, id }, "adoption decision failed");
        results.push({ id, ok: false, code: "INTERNAL", params: {} });
      }
    }
  }
  for (const clusterId of changedClusters)
    await notifyAdoptionsChanged(deps.prisma, clusterId, deps.onNoticeError);
  return results;
}
