-- VM operations (issue 12): a domain event is the unit of work of one VM operation (a "task" in the API).
-- Direct operations create it PROCESSING and enqueue its job in the same transaction; operations that need
-- approval create it PENDING with a PENDING_APPROVAL ticket.

ALTER TABLE "domain_events"
  -- The operation (ApprovalOperation vocabulary) and the VM it acts on, for lookups and the VM page.
  ADD COLUMN "operation" "ApprovalOperation",
  -- "<vm id>:<operation>[:<object>]": at most one unfinished event per key (index below), so concurrent
  -- identical requests produce one job or one ticket and the rest are refused.
  ADD COLUMN "dedupe_key" TEXT,
  -- The outcome of a FAILED event as an error code and its params (the UI translates them).
  ADD COLUMN "error_code" TEXT,
  ADD COLUMN "error_params" JSONB;

CREATE UNIQUE INDEX "domain_events_dedupe_key_unfinished" ON "domain_events"("dedupe_key")
  WHERE "status" IN ('PENDING', 'PROCESSING') AND "dedupe_key" IS NOT NULL;
CREATE INDEX "domain_events_operation_aggregate_idx" ON "domain_events"("aggregate_type", "aggregate_id", "created_at" DESC);

-- Default policies of the new operations: none needs approval, in either environment (issue 12).
-- Restore is MODIFY_VM, clone is CREATE_VM, delete is DELETE_VM: those already need approval everywhere.
INSERT INTO "approval_policies" ("name", "environment", "operation", "requires_approval") VALUES
  ('default-test-pause-vm',          'test', 'PAUSE_VM',          false),
  ('default-test-unpause-vm',        'test', 'UNPAUSE_VM',        false),
  ('default-test-migrate-vm',        'test', 'MIGRATE_VM',        false),
  ('default-test-cancel-migration',  'test', 'CANCEL_MIGRATION',  false),
  ('default-test-create-snapshot',   'test', 'CREATE_SNAPSHOT',   false),
  ('default-test-delete-snapshot',   'test', 'DELETE_SNAPSHOT',   false),
  ('default-prod-pause-vm',          'prod', 'PAUSE_VM',          false),
  ('default-prod-unpause-vm',        'prod', 'UNPAUSE_VM',        false),
  ('default-prod-migrate-vm',        'prod', 'MIGRATE_VM',        false),
  ('default-prod-cancel-migration',  'prod', 'CANCEL_MIGRATION',  false),
  ('default-prod-create-snapshot',   'prod', 'CREATE_SNAPSHOT',   false),
  ('default-prod-delete-snapshot',   'prod', 'DELETE_SNAPSHOT',   false);
