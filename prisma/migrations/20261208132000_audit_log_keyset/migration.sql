-- Audit log keyset pagination (issue 13). Pages are read newest first by (created_at DESC, id DESC) with the
-- keyset condition (created_at, id) < (cursor) — see server/audit/audit-log-sql.ts. The foundation's indexes
-- ended at created_at, so the id tiebreak could not come from the index; each is replaced by the same index
-- with id appended (the old ones are their prefixes and would only slow inserts), and one is added for the
-- "whole domain" action filter (`vm.` → split_part(action, '.', 1) = 'vm'), which a range on `action` could
-- not serve in created_at order.
--
-- Plans on 1,000,000 rows (bench/audit-log.bench.ts: a year of rows, 22 actions in 6 domains, 5,000 resources,
-- 40 actors, 5 % failures; PostgreSQL 18 after ANALYZE), LIMIT 51, every one a Limit over an index scan that
-- stops after 51 rows (no Sort node):
--   default first page      Index Scan using audit_logs_created_at_id_idx
--   cursor 500,000 rows in  Index Scan using audit_logs_created_at_id_idx
--                             Index Cond: (ROW(created_at, id) < ROW('2026-06-08 …', '…'::uuid))
--   action = 'vm.stop'      Index Scan using audit_logs_created_at_id_idx, Filter: (action = 'vm.stop')
--                             (4.5 % of rows: walking the time order finds 51 soonest; for a rarer action
--                             the planner can take audit_logs_action_created_at_id_idx, not measured here)
--   action domain 'vm.'     Index Scan using audit_logs_created_at_id_idx, Filter: (split_part(…) = 'vm')
--   'vm.' within one week   Index Scan using audit_logs_action_domain_created_at_id_idx
--                             Index Cond: (split_part(action, '.', 1) = 'vm' AND created_at >= … AND < …)
--   resource vm / vm-42     Index Scan using audit_logs_resource_type_resource_id_created_at_id_idx
--   actor_id = 'user-7'     Index Scan using audit_logs_actor_id_created_at_id_idx
--   outcome = 'failure'     Index Scan using audit_logs_created_at_id_idx, Filter: (outcome = 'failure')
-- p50 of every one of these ≤ 3 ms (README, "Audit log").

DROP INDEX "audit_logs_created_at_idx";
DROP INDEX "audit_logs_actor_id_created_at_idx";
DROP INDEX "audit_logs_resource_type_resource_id_created_at_idx";
DROP INDEX "audit_logs_action_created_at_idx";

CREATE INDEX "audit_logs_created_at_id_idx" ON "audit_logs"("created_at" DESC, "id" DESC);
CREATE INDEX "audit_logs_actor_id_created_at_id_idx" ON "audit_logs"("actor_id", "created_at" DESC, "id" DESC);
CREATE INDEX "audit_logs_resource_type_resource_id_created_at_id_idx"
  ON "audit_logs"("resource_type", "resource_id", "created_at" DESC, "id" DESC);
CREATE INDEX "audit_logs_action_created_at_id_idx" ON "audit_logs"("action", "created_at" DESC, "id" DESC);

-- Hand-written (Prisma cannot declare an expression index): the action's domain, `vm` of `vm.start`.
CREATE INDEX "audit_logs_action_domain_created_at_id_idx"
  ON "audit_logs"(split_part("action", '.', 1), "created_at" DESC, "id" DESC);
