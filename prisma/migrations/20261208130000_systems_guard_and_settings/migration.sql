-- Systems and services administration (issue 13).

-- Console settings an administrator changes at run time (e.g. "self-service systems"), one row per key.
CREATE TABLE "settings" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updated_by" TEXT,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "settings_pkey" PRIMARY KEY ("key")
);

-- systems: the name is part of every VM name and label below it (SPEC §3), like services.name.
CREATE FUNCTION "systems_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."name" IS DISTINCT FROM OLD."name" THEN
    RAISE EXCEPTION 'systems.name is immutable (system %)', OLD."id"
      USING ERRCODE = 'check_violation', TABLE = 'systems', COLUMN = 'name', CONSTRAINT = 'systems_name_immutable';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "systems_guard" BEFORE UPDATE ON "systems" FOR EACH ROW EXECUTE FUNCTION "systems_guard"();
