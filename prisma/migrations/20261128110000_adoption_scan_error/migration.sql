-- A scan's failure is stored as an error code (translated by the UI) and its params, never as English text.
ALTER TABLE "adoption_scans" ADD COLUMN "error_params" JSONB;

-- Rows written before: the refusal of a cache that was not FRESH keeps its status; any other text is a failure.
UPDATE "adoption_scans"
  SET "error_params" = jsonb_build_object('status', substring("error" from ' is ([A-Z]+): not scanned')),
      "error" = 'ADOPTION_SCAN_CACHE_NOT_FRESH'
  WHERE "error" ~ '^cache of cluster .* is [A-Z]+: not scanned';
UPDATE "adoption_scans" SET "error" = 'INTERNAL', "error_params" = NULL
  WHERE "error" IS NOT NULL AND "error" <> 'ADOPTION_SCAN_CACHE_NOT_FRESH';
