-- CreateTable
CREATE TABLE "cluster_health_checks" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "cluster_id" TEXT NOT NULL,
    "checked_at" TIMESTAMPTZ(6) NOT NULL,
    "status" "ClusterStatus" NOT NULL,
    "reason" TEXT,
    "warnings" JSONB NOT NULL DEFAULT '[]',
    "kubevirt_version" TEXT,
    "duration_ms" INTEGER NOT NULL,
    "trigger" TEXT NOT NULL,

    CONSTRAINT "cluster_health_checks_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "cluster_health_checks_cluster_id_checked_at_idx" ON "cluster_health_checks"("cluster_id", "checked_at" DESC);

-- AddForeignKey
ALTER TABLE "cluster_health_checks" ADD CONSTRAINT "cluster_health_checks_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written SQL that Prisma cannot express (CHECKs on the enumerated and counted columns).
ALTER TABLE "cluster_health_checks" ADD CONSTRAINT "cluster_health_checks_status_check"
  CHECK ("status" <> 'UNKNOWN');
ALTER TABLE "cluster_health_checks" ADD CONSTRAINT "cluster_health_checks_trigger_check"
  CHECK ("trigger" IN ('schedule', 'manual'));
ALTER TABLE "cluster_health_checks" ADD CONSTRAINT "cluster_health_checks_duration_check"
  CHECK ("duration_ms" >= 0);
