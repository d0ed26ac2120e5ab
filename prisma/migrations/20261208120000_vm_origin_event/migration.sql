-- A VM created by an operation (a clone) records the domain event that created it: the job finds the row it
-- reserved again when it is retried, so a retried clone never takes a second instance index.
ALTER TABLE "vms" ADD COLUMN "origin_event_id" TEXT;
CREATE UNIQUE INDEX "vms_origin_event_id_key" ON "vms"("origin_event_id");
