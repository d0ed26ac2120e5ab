-- VM operations (issue 12). New enum values get their own migration: PostgreSQL cannot use a value added by
-- ALTER TYPE … ADD VALUE in the transaction that added it, and the next migration seeds rows with them.

-- Operations that run on an existing VM besides start/stop/restart (SPEC §17.3 extended as data).
ALTER TYPE "ApprovalOperation" ADD VALUE 'PAUSE_VM';
ALTER TYPE "ApprovalOperation" ADD VALUE 'UNPAUSE_VM';
ALTER TYPE "ApprovalOperation" ADD VALUE 'MIGRATE_VM';
ALTER TYPE "ApprovalOperation" ADD VALUE 'CANCEL_MIGRATION';
ALTER TYPE "ApprovalOperation" ADD VALUE 'CREATE_SNAPSHOT';
ALTER TYPE "ApprovalOperation" ADD VALUE 'DELETE_SNAPSHOT';

-- Kubernetes core/v1 Events about KubeVirt objects, kept by the worker like the other kinds.
ALTER TYPE "ResourceKind" ADD VALUE 'Event';
