// "My requests" (`GET /api/v1/requests`): the caller's tickets, newest first, SPEC §21 pages, each with the VM
// it is about, the verb, the task behind it and whether the caller may still cancel it.
import "server-only";
import { type PaginationView, paginationOf } from "@/lib/pagination";
import type { RequestListParams } from "@/lib/vms/request-list-params";
import type { RequestListItem } from "@/lib/vms/vm-views";
import { requireRole } from "../auth/require-role";
import type { SessionUser } from "../auth/session";
import type { PrismaClient } from "../db/prisma";
import { taskViewSelect, toTaskView } from "./task-view";
import { toTicketSummary } from "./ticket-summary";

export interface RequestListPage {
  items: RequestListItem[];
  pagination: PaginationView;
}

export async function listMyRequests(
  deps: { prisma: PrismaClient },
  user: SessionUser,
  params: RequestListParams,
): Promise<RequestListPage> {
  requireRole(user, "ticket.request");
  const { prisma } = deps;
  const where = { requester: user.id, ...(params.status ? { status: params.status } : {}) };
  const [total, tickets] = await Promise.all([
    prisma.approvalTicket.count({ where }),
    prisma.approvalTicket.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (params.page - 1) * params.per_page,
      take: params.per_page,
      include: { event: { select: taskViewSelect } },
    }),
  ]);
  const vmIds = [...new Set(tickets.flatMap((t) => (t.resourceId ? [t.resourceId] : [])))];
  const vms = await prisma.vm.findMany({
    where: { id: { in: vmIds } },
    select: { id: true, name: true, namespace: true, cluster: { select: { name: true } } },
  });
  const vmById = new Map(vms.map((v) => [v.id, v]));

  return {
    items: tickets.map((t) => {
      const task = toTaskView(t.event) ?? null;
      const vm = t.resourceId ? vmById.get(t.resourceId) : undefined;
      return {
        ...toTicketSummary(t),
        vm_id: t.resourceId,
        vm_name: vm?.name ?? null,
        namespace: vm?.namespace ?? null,
        cluster_name: vm?.cluster?.name ?? null,
        action: task?.action ?? null,
        task,
        can_cancel: t.status === "PENDING_APPROVAL" && t.requester === user.id,
      };
    }),
    pagination: paginationOf(params.page, params.per_page, total),
  };
}
