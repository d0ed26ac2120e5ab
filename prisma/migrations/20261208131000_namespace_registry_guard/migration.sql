-- namespace_registry.name is immutable (issue 13): it names a Kubernetes namespace on every cluster and the
-- environment every VM in it inherits, so a rename would silently move VMs between policies. Raises
-- check_violation like the other guards (init migration), naming the constraint.
CREATE FUNCTION "namespace_registry_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."name" IS DISTINCT FROM OLD."name" THEN
    RAISE EXCEPTION 'namespace_registry.name is immutable (namespace %)', OLD."id"
      USING ERRCODE = 'check_violation', TABLE = 'namespace_registry', COLUMN = 'name',
            CONSTRAINT = 'namespace_registry_name_immutable';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "namespace_registry_guard" BEFORE UPDATE ON "namespace_registry"
  FOR EACH ROW EXECUTE FUNCTION "namespace_registry_guard"();
