-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Environment" AS ENUM ('test', 'prod');

-- CreateEnum
CREATE TYPE "ClusterStatus" AS ENUM ('UNKNOWN', 'HEALTHY', 'UNHEALTHY', 'UNREACHABLE');

-- CreateEnum
CREATE TYPE "VmStatus" AS ENUM ('CREATING', 'RUNNING', 'STOPPING', 'STOPPED', 'DELETING', 'FAILED', 'PENDING', 'MIGRATING', 'PAUSED', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "ResourceKind" AS ENUM ('VirtualMachine', 'VirtualMachineInstance', 'VirtualMachineInstanceMigration', 'VirtualMachineSnapshot', 'VirtualMachineRestore', 'VirtualMachineClone');

-- CreateEnum
CREATE TYPE "AdoptionStatus" AS ENUM ('PENDING', 'ADOPTED', 'IGNORED', 'GONE');

-- CreateEnum
CREATE TYPE "AuditOutcome" AS ENUM ('success', 'failure');

-- CreateEnum
CREATE TYPE "EventStatus" AS ENUM ('PENDING', 'PROCESSING', 'COMPLETED', 'FAILED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "TicketStatus" AS ENUM ('PENDING_APPROVAL', 'APPROVED', 'REJECTED', 'CANCELLED', 'EXECUTING', 'SUCCESS', 'FAILED');

-- CreateEnum
CREATE TYPE "ApprovalOperation" AS ENUM ('CREATE_VM', 'MODIFY_VM', 'DELETE_VM', 'START_VM', 'STOP_VM', 'RESTART_VM', 'VNC_ACCESS');

-- CreateEnum
CREATE TYPE "PolicyEnvironment" AS ENUM ('test', 'prod', 'all');

-- CreateEnum
CREATE TYPE "ExternalApprovalType" AS ENUM ('webhook', 'servicenow', 'jira', 'custom');

-- CreateTable
CREATE TABLE "clusters" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "name" TEXT NOT NULL,
    "display_name" TEXT,
    "api_server_url" TEXT,
    "encrypted_kubeconfig" BYTEA NOT NULL,
    "encryption_key_id" TEXT NOT NULL,
    "status" "ClusterStatus" NOT NULL DEFAULT 'UNKNOWN',
    "status_reason" TEXT,
    "last_checked_at" TIMESTAMPTZ(6),
    "environment" "Environment" NOT NULL DEFAULT 'test',
    "scheduling_weight" INTEGER NOT NULL DEFAULT 100,
    "kubevirt_version" TEXT,
    "kubevirt_api_group" TEXT,
    "schema_cache_key" TEXT,
    "enabled_features" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "capabilities_detected_at" TIMESTAMPTZ(6),
    "hardware_capabilities" JSONB,
    "detected_capabilities" JSONB,
    "admin_declared_capabilities" JSONB,
    "storage_classes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "default_storage_class" TEXT,
    "storage_classes_updated_at" TIMESTAMPTZ(6),
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_by" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "clusters_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "systems" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "created_by" TEXT,
    "tenant_id" TEXT NOT NULL DEFAULT 'default',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "systems_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "services" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "system_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "next_instance_index" INTEGER NOT NULL DEFAULT 1,
    "created_by" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "services_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "namespace_registry" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "name" TEXT NOT NULL,
    "environment" "Environment" NOT NULL,
    "description" TEXT,
    "created_by" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "namespace_registry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "vms" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "name" TEXT NOT NULL,
    "instance" TEXT,
    "namespace" TEXT NOT NULL,
    "cluster_id" TEXT,
    "service_id" TEXT NOT NULL,
    "status" "VmStatus" NOT NULL DEFAULT 'CREATING',
    "hostname" TEXT,
    "created_by" TEXT,
    "ticket_id" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "vms_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "instance_sizes" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "name" TEXT NOT NULL,
    "display_name" TEXT,
    "description" TEXT,
    "cpu_cores" INTEGER NOT NULL,
    "memory" TEXT NOT NULL,
    "memory_mb" INTEGER NOT NULL,
    "dedicated_cpu" BOOLEAN NOT NULL DEFAULT false,
    "requires_gpu" BOOLEAN NOT NULL DEFAULT false,
    "requires_sriov" BOOLEAN NOT NULL DEFAULT false,
    "requires_hugepages" BOOLEAN NOT NULL DEFAULT false,
    "hugepages_size" TEXT,
    "gpu_devices" JSONB NOT NULL DEFAULT '[]',
    "default_disk_gb" INTEGER NOT NULL DEFAULT 100,
    "min_disk_gb" INTEGER NOT NULL DEFAULT 50,
    "max_disk_gb" INTEGER NOT NULL DEFAULT 500,
    "cpu_overcommit" JSONB,
    "mem_overcommit" JSONB,
    "spec_overrides" JSONB NOT NULL DEFAULT '{}',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "created_by" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "instance_sizes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cached_resources" (
    "cluster_id" TEXT NOT NULL,
    "uid" TEXT NOT NULL,
    "kind" "ResourceKind" NOT NULL,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT,
    "node_name" TEXT,
    "vm_name" TEXT,
    "labels" JSONB NOT NULL DEFAULT '{}',
    "k8s_created_at" TIMESTAMPTZ(6),
    "resource_version" TEXT NOT NULL,
    "object" JSONB NOT NULL,
    "observed_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cached_resources_pkey" PRIMARY KEY ("cluster_id","uid")
);

-- CreateTable
CREATE TABLE "cache_sync_states" (
    "cluster_id" TEXT NOT NULL,
    "resource_kind" "ResourceKind" NOT NULL,
    "resource_version" TEXT,
    "state" TEXT NOT NULL DEFAULT 'listing',
    "synced_at" TIMESTAMPTZ(6),
    "last_event_at" TIMESTAMPTZ(6),
    "relist_count" INTEGER NOT NULL DEFAULT 0,
    "gone_count" INTEGER NOT NULL DEFAULT 0,
    "restart_count" INTEGER NOT NULL DEFAULT 0,
    "rebuilding" BOOLEAN NOT NULL DEFAULT false,
    "last_error" TEXT,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cache_sync_states_pkey" PRIMARY KEY ("cluster_id","resource_kind")
);

-- CreateTable
CREATE TABLE "pending_adoptions" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "cluster_id" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "resource_name" TEXT NOT NULL,
    "resource_type" TEXT NOT NULL DEFAULT 'VirtualMachine',
    "system" TEXT,
    "service" TEXT,
    "instance" TEXT,
    "k8s_uid" TEXT NOT NULL,
    "resource_spec" JSONB,
    "labels" JSONB NOT NULL DEFAULT '{}',
    "discovered_by" TEXT,
    "status" "AdoptionStatus" NOT NULL DEFAULT 'PENDING',
    "decided_by" TEXT,
    "decided_at" TIMESTAMPTZ(6),
    "decision_reason" TEXT,
    "first_seen_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pending_adoptions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "adoption_scans" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "cluster_id" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(6),
    "found" INTEGER NOT NULL DEFAULT 0,
    "new" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "gone" INTEGER NOT NULL DEFAULT 0,
    "orphans" JSONB NOT NULL DEFAULT '[]',
    "duration_ms" INTEGER,
    "error" TEXT,

    CONSTRAINT "adoption_scans_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_logs" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "action" VARCHAR(50) NOT NULL,
    "actor_id" VARCHAR(50) NOT NULL,
    "actor_name" TEXT,
    "resource_type" VARCHAR(50) NOT NULL,
    "resource_id" TEXT NOT NULL,
    "resource_name" TEXT,
    "parent_type" VARCHAR(50),
    "parent_id" TEXT,
    "environment" VARCHAR(20),
    "details" JSONB,
    "ip_address" INET,
    "user_agent" TEXT,
    "correlation_id" TEXT,
    "outcome" "AuditOutcome" NOT NULL DEFAULT 'success',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_logs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "domain_events" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "event_type" TEXT NOT NULL,
    "aggregate_type" TEXT NOT NULL,
    "aggregate_id" TEXT,
    "payload" JSONB NOT NULL,
    "status" "EventStatus" NOT NULL DEFAULT 'PENDING',
    "created_by" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL DEFAULT 'default',
    "error_message" TEXT,
    "processed_at" TIMESTAMPTZ(6),
    "archived_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "domain_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "approval_tickets" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "event_id" TEXT NOT NULL,
    "operation_type" "ApprovalOperation" NOT NULL,
    "status" "TicketStatus" NOT NULL DEFAULT 'PENDING_APPROVAL',
    "requester" TEXT NOT NULL,
    "resource_id" TEXT,
    "approver" TEXT,
    "reason" TEXT,
    "reject_reason" TEXT,
    "selected_cluster_id" TEXT,
    "selected_template_version" INTEGER,
    "selected_storage_class" TEXT,
    "template_snapshot" JSONB,
    "instance_size_snapshot" JSONB,
    "modified_spec" JSONB,
    "modified_by" TEXT,
    "modification_reason" TEXT,
    "parent_ticket_id" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "approval_tickets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "approval_policies" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "name" TEXT NOT NULL,
    "environment" "PolicyEnvironment" NOT NULL,
    "operation" "ApprovalOperation" NOT NULL,
    "requires_approval" BOOLEAN NOT NULL DEFAULT true,
    "approvers" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "priority" INTEGER NOT NULL DEFAULT 0,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "approval_policies_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "external_approval_systems" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "name" TEXT NOT NULL,
    "type" "ExternalApprovalType" NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "webhook_url" TEXT,
    "encrypted_webhook_secret" BYTEA,
    "encryption_key_id" TEXT,
    "webhook_headers" JSONB,
    "timeout_seconds" INTEGER NOT NULL DEFAULT 30,
    "retry_count" INTEGER NOT NULL DEFAULT 3,
    "created_by" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "external_approval_systems_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "worker_heartbeats" (
    "id" TEXT NOT NULL,
    "hostname" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "started_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stopped_at" TIMESTAMPTZ(6),

    CONSTRAINT "worker_heartbeats_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "clusters_name_key" ON "clusters"("name");

-- CreateIndex
CREATE INDEX "clusters_status_idx" ON "clusters"("status");

-- CreateIndex
CREATE UNIQUE INDEX "systems_name_key" ON "systems"("name");

-- CreateIndex
CREATE UNIQUE INDEX "services_system_id_name_key" ON "services"("system_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "namespace_registry_name_key" ON "namespace_registry"("name");

-- CreateIndex
CREATE INDEX "vms_cluster_id_idx" ON "vms"("cluster_id");

-- CreateIndex
CREATE INDEX "vms_service_id_idx" ON "vms"("service_id");

-- CreateIndex
CREATE INDEX "vms_status_idx" ON "vms"("status");

-- CreateIndex
CREATE UNIQUE INDEX "vms_namespace_name_key" ON "vms"("namespace", "name");

-- CreateIndex
CREATE UNIQUE INDEX "instance_sizes_name_key" ON "instance_sizes"("name");

-- CreateIndex
CREATE INDEX "instance_sizes_enabled_sort_order_idx" ON "instance_sizes"("enabled", "sort_order");

-- CreateIndex
CREATE INDEX "cached_resources_cluster_id_kind_namespace_name_idx" ON "cached_resources"("cluster_id", "kind", "namespace", "name");

-- CreateIndex
CREATE INDEX "cached_resources_kind_namespace_name_idx" ON "cached_resources"("kind", "namespace", "name");

-- CreateIndex
CREATE INDEX "cached_resources_kind_status_idx" ON "cached_resources"("kind", "status");

-- CreateIndex
CREATE INDEX "cached_resources_kind_k8s_created_at_idx" ON "cached_resources"("kind", "k8s_created_at" DESC);

-- CreateIndex
CREATE INDEX "cached_resources_cluster_id_namespace_vm_name_idx" ON "cached_resources"("cluster_id", "namespace", "vm_name");

-- CreateIndex
CREATE INDEX "cached_resources_kind_node_name_idx" ON "cached_resources"("kind", "node_name");

-- CreateIndex
CREATE INDEX "cached_resources_labels_idx" ON "cached_resources" USING GIN ("labels");

-- CreateIndex
CREATE INDEX "pending_adoptions_status_idx" ON "pending_adoptions"("status");

-- CreateIndex
CREATE UNIQUE INDEX "pending_adoptions_cluster_id_k8s_uid_key" ON "pending_adoptions"("cluster_id", "k8s_uid");

-- CreateIndex
CREATE UNIQUE INDEX "pending_adoptions_cluster_id_namespace_resource_name_key" ON "pending_adoptions"("cluster_id", "namespace", "resource_name");

-- CreateIndex
CREATE INDEX "adoption_scans_cluster_id_started_at_idx" ON "adoption_scans"("cluster_id", "started_at" DESC);

-- CreateIndex
CREATE INDEX "audit_logs_actor_id_created_at_idx" ON "audit_logs"("actor_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "audit_logs_resource_type_resource_id_created_at_idx" ON "audit_logs"("resource_type", "resource_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "audit_logs_action_created_at_idx" ON "audit_logs"("action", "created_at" DESC);

-- CreateIndex
CREATE INDEX "audit_logs_created_at_idx" ON "audit_logs"("created_at" DESC);

-- CreateIndex
CREATE INDEX "domain_events_status_created_at_idx" ON "domain_events"("status", "created_at");

-- CreateIndex
CREATE INDEX "domain_events_aggregate_type_aggregate_id_idx" ON "domain_events"("aggregate_type", "aggregate_id");

-- CreateIndex
CREATE INDEX "approval_tickets_status_idx" ON "approval_tickets"("status");

-- CreateIndex
CREATE INDEX "approval_tickets_requester_idx" ON "approval_tickets"("requester");

-- CreateIndex
CREATE INDEX "approval_tickets_event_id_idx" ON "approval_tickets"("event_id");

-- CreateIndex
CREATE INDEX "approval_tickets_parent_ticket_id_idx" ON "approval_tickets"("parent_ticket_id");

-- CreateIndex
CREATE INDEX "approval_tickets_resource_id_operation_type_status_idx" ON "approval_tickets"("resource_id", "operation_type", "status");

-- CreateIndex
CREATE UNIQUE INDEX "approval_policies_name_key" ON "approval_policies"("name");

-- CreateIndex
CREATE INDEX "approval_policies_environment_operation_idx" ON "approval_policies"("environment", "operation");

-- CreateIndex
CREATE UNIQUE INDEX "external_approval_systems_name_key" ON "external_approval_systems"("name");

-- CreateIndex
CREATE INDEX "worker_heartbeats_last_seen_at_idx" ON "worker_heartbeats"("last_seen_at" DESC);

-- AddForeignKey
ALTER TABLE "services" ADD CONSTRAINT "services_system_id_fkey" FOREIGN KEY ("system_id") REFERENCES "systems"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "vms" ADD CONSTRAINT "vms_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "clusters"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "vms" ADD CONSTRAINT "vms_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cached_resources" ADD CONSTRAINT "cached_resources_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cache_sync_states" ADD CONSTRAINT "cache_sync_states_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pending_adoptions" ADD CONSTRAINT "pending_adoptions_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "adoption_scans" ADD CONSTRAINT "adoption_scans_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approval_tickets" ADD CONSTRAINT "approval_tickets_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "domain_events"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approval_tickets" ADD CONSTRAINT "approval_tickets_selected_cluster_id_fkey" FOREIGN KEY ("selected_cluster_id") REFERENCES "clusters"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approval_tickets" ADD CONSTRAINT "approval_tickets_parent_ticket_id_fkey" FOREIGN KEY ("parent_ticket_id") REFERENCES "approval_tickets"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- =========================================================================================================
-- Hand-written SQL that Prisma cannot express. `prisma migrate diff` does not see CHECKs, triggers, grants
-- or rows, so none of this shows up as drift. Keep it in sync with the comments in schema.prisma.
-- =========================================================================================================

-- Name rules (ADR-0019, SPEC §3): RFC 1035 label, no "--", at most 15 characters for System, Service and
-- Namespace (a VM name is built from them and must stay within 50). The application checks them first and
-- reports NAME_INVALID / NAME_TOO_LONG. These are the last line of defence.
ALTER TABLE "systems" ADD CONSTRAINT "systems_name_check"
  CHECK (char_length("name") <= 15 AND "name" ~ '^[a-z]([a-z0-9-]*[a-z0-9])?$' AND strpos("name", '--') = 0);
ALTER TABLE "services" ADD CONSTRAINT "services_name_check"
  CHECK (char_length("name") <= 15 AND "name" ~ '^[a-z]([a-z0-9-]*[a-z0-9])?$' AND strpos("name", '--') = 0);
ALTER TABLE "namespace_registry" ADD CONSTRAINT "namespace_registry_name_check"
  CHECK (char_length("name") <= 15 AND "name" ~ '^[a-z]([a-z0-9-]*[a-z0-9])?$' AND strpos("name", '--') = 0);

-- Instance indexes start at 1 and are never reused (services_guard below stops decreases).
ALTER TABLE "services" ADD CONSTRAINT "services_next_instance_index_check" CHECK ("next_instance_index" >= 1);

-- Kubernetes object names and namespaces are DNS labels (at most 63). VMs may be adopted from namespaces
-- outside the registry, hence 63 here rather than the registry's 15.
ALTER TABLE "vms" ADD CONSTRAINT "vms_name_check" CHECK (char_length("name") BETWEEN 1 AND 63);
ALTER TABLE "vms" ADD CONSTRAINT "vms_namespace_check" CHECK (char_length("namespace") BETWEEN 1 AND 63);

-- Clusters: name at most 63 (SPEC §18.1). A negative scheduling weight has no meaning.
ALTER TABLE "clusters" ADD CONSTRAINT "clusters_name_check" CHECK (char_length("name") BETWEEN 1 AND 63);
ALTER TABLE "clusters" ADD CONSTRAINT "clusters_scheduling_weight_check" CHECK ("scheduling_weight" >= 0);

-- Instance sizes (SPEC §5.5): positive resources, a consistent disk range, the two hugepage sizes.
ALTER TABLE "instance_sizes" ADD CONSTRAINT "instance_sizes_name_check" CHECK (char_length("name") BETWEEN 1 AND 63);
ALTER TABLE "instance_sizes" ADD CONSTRAINT "instance_sizes_resources_check" CHECK ("cpu_cores" > 0 AND "memory_mb" > 0);
ALTER TABLE "instance_sizes" ADD CONSTRAINT "instance_sizes_disk_range_check"
  CHECK ("min_disk_gb" > 0 AND "min_disk_gb" <= "default_disk_gb" AND "default_disk_gb" <= "max_disk_gb");
ALTER TABLE "instance_sizes" ADD CONSTRAINT "instance_sizes_hugepages_size_check"
  CHECK ("hugepages_size" IS NULL OR "hugepages_size" IN ('2Mi', '1Gi'));

-- Watcher states (WATCHER.md §3.4 item 1, plus the circuit breaker). Text, not an enum: "breaker-open".
ALTER TABLE "cache_sync_states" ADD CONSTRAINT "cache_sync_states_state_check"
  CHECK ("state" IN ('listing', 'watching', 'backoff', 'breaker-open', 'forbidden', 'absent', 'stopped'));
ALTER TABLE "cache_sync_states" ADD CONSTRAINT "cache_sync_states_counters_check"
  CHECK ("relist_count" >= 0 AND "gone_count" >= 0 AND "restart_count" >= 0);

-- Scan counters are counts.
ALTER TABLE "adoption_scans" ADD CONSTRAINT "adoption_scans_counters_check"
  CHECK ("found" >= 0 AND "new" >= 0 AND "updated" >= 0 AND "gone" >= 0 AND ("duration_ms" IS NULL OR "duration_ms" >= 0));

-- External approval systems: a zero timeout would fail every call, and retries are a count.
ALTER TABLE "external_approval_systems" ADD CONSTRAINT "external_approval_systems_limits_check"
  CHECK ("timeout_seconds" > 0 AND "retry_count" >= 0);

-- Immutable columns. Violations raise check_violation (23514) naming the table, the column and a
-- constraint name, so callers can tell them from other database errors.

-- services: the name is part of every VM name and label (SPEC §3). next_instance_index only grows, so an
-- instance number is never handed out twice ("ghost instance" resurrection).
CREATE FUNCTION "services_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."name" IS DISTINCT FROM OLD."name" THEN
    RAISE EXCEPTION 'services.name is immutable (service %)', OLD."id"
      USING ERRCODE = 'check_violation', TABLE = 'services', COLUMN = 'name', CONSTRAINT = 'services_name_immutable';
  END IF;
  IF NEW."next_instance_index" < OLD."next_instance_index" THEN
    RAISE EXCEPTION 'services.next_instance_index never decreases (service %: % -> %)',
      OLD."id", OLD."next_instance_index", NEW."next_instance_index"
      USING ERRCODE = 'check_violation', TABLE = 'services', COLUMN = 'next_instance_index',
            CONSTRAINT = 'services_next_instance_index_monotonic';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "services_guard" BEFORE UPDATE ON "services" FOR EACH ROW EXECUTE FUNCTION "services_guard"();

-- vms: the name is the Kubernetes object's name (SPEC §18.2).
CREATE FUNCTION "vms_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."name" IS DISTINCT FROM OLD."name" THEN
    RAISE EXCEPTION 'vms.name is immutable (vm %)', OLD."id"
      USING ERRCODE = 'check_violation', TABLE = 'vms', COLUMN = 'name', CONSTRAINT = 'vms_name_immutable';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "vms_guard" BEFORE UPDATE ON "vms" FOR EACH ROW EXECUTE FUNCTION "vms_guard"();

-- domain_events: the payload is what was requested and approved (SPEC §5.6). Status and timestamps move on.
CREATE FUNCTION "domain_events_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."payload" IS DISTINCT FROM OLD."payload" THEN
    RAISE EXCEPTION 'domain_events.payload is immutable (event %)', OLD."id"
      USING ERRCODE = 'check_violation', TABLE = 'domain_events', COLUMN = 'payload',
            CONSTRAINT = 'domain_events_payload_immutable';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "domain_events_guard" BEFORE UPDATE ON "domain_events" FOR EACH ROW EXECUTE FUNCTION "domain_events_guard"();

-- approval_tickets (SPEC §17.1): requester and event_id never change. The approval-time snapshots are
-- write-once: null until approval, never altered afterwards.
CREATE FUNCTION "approval_tickets_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  col text;
BEGIN
  IF NEW."requester" IS DISTINCT FROM OLD."requester" THEN
    col := 'requester';
  ELSIF NEW."event_id" IS DISTINCT FROM OLD."event_id" THEN
    col := 'event_id';
  ELSIF OLD."template_snapshot" IS NOT NULL AND NEW."template_snapshot" IS DISTINCT FROM OLD."template_snapshot" THEN
    col := 'template_snapshot';
  ELSIF OLD."instance_size_snapshot" IS NOT NULL
    AND NEW."instance_size_snapshot" IS DISTINCT FROM OLD."instance_size_snapshot" THEN
    col := 'instance_size_snapshot';
  END IF;
  IF col IS NOT NULL THEN
    RAISE EXCEPTION 'approval_tickets.% is immutable (ticket %)', col, OLD."id"
      USING ERRCODE = 'check_violation', TABLE = 'approval_tickets', COLUMN = col,
            CONSTRAINT = 'approval_tickets_' || col || '_immutable';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "approval_tickets_guard" BEFORE UPDATE ON "approval_tickets" FOR EACH ROW EXECUTE FUNCTION "approval_tickets_guard"();

-- audit_logs is append-only (SPEC §18.3, §19). Triggers fire for every role, the table owner and superusers
-- included, so no code path (Prisma, raw SQL, an admin's psql) rewrites history. Row triggers cover UPDATE
-- and DELETE. TRUNCATE skips row triggers and needs its own statement trigger. insufficient_privilege
-- (42501) is the SQLSTATE a role without the privilege gets from the REVOKE below as well.
CREATE FUNCTION "audit_logs_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_logs is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege', TABLE = 'audit_logs',
          HINT = 'Audit records are never changed or removed. Write a new record instead.';
END $$;
CREATE TRIGGER "audit_logs_no_update_delete" BEFORE UPDATE OR DELETE ON "audit_logs"
  FOR EACH ROW EXECUTE FUNCTION "audit_logs_append_only"();
CREATE TRIGGER "audit_logs_no_truncate" BEFORE TRUNCATE ON "audit_logs"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_logs_append_only"();
-- The privilege layer, for every role that is not the owner (the triggers are what also bind the owner).
REVOKE UPDATE, DELETE, TRUNCATE ON "audit_logs" FROM PUBLIC;

-- Default approval policy matrix (SPEC §17.3): CREATE/MODIFY/DELETE always need approval, power operations
-- and console access only in prod. The environment comes from the namespace registry, never the System.
INSERT INTO "approval_policies" ("name", "environment", "operation", "requires_approval") VALUES
  ('default-test-create-vm',   'test', 'CREATE_VM',  true),
  ('default-test-modify-vm',   'test', 'MODIFY_VM',  true),
  ('default-test-delete-vm',   'test', 'DELETE_VM',  true),
  ('default-test-start-vm',    'test', 'START_VM',   false),
  ('default-test-stop-vm',     'test', 'STOP_VM',    false),
  ('default-test-restart-vm',  'test', 'RESTART_VM', false),
  ('default-test-vnc-access',  'test', 'VNC_ACCESS', false),
  ('default-prod-create-vm',   'prod', 'CREATE_VM',  true),
  ('default-prod-modify-vm',   'prod', 'MODIFY_VM',  true),
  ('default-prod-delete-vm',   'prod', 'DELETE_VM',  true),
  ('default-prod-start-vm',    'prod', 'START_VM',   true),
  ('default-prod-stop-vm',     'prod', 'STOP_VM',    true),
  ('default-prod-restart-vm',  'prod', 'RESTART_VM', true),
  ('default-prod-vnc-access',  'prod', 'VNC_ACCESS', true);
